"""The reference engine: openai-whisper (PyTorch), float32 on CPU, on the same weights as faster-whisper.

Silero VAD (from faster-whisper, a default dependency) decides where the speech is, and, as in the default engine,
only that speech is decoded: the kept stretches are joined, transcribed, and the timestamps mapped back onto the
original audio with faster-whisper's own helpers. Both engines therefore decode the same samples. Decoding the
whole file instead (silence included, VAD only dropping segments afterwards) gave other 30 s windows: one more
word wrong on shared/data/asr, and with word timestamps on, six words skipped on one clip.

openai-whisper publishes no weights in any package registry, so by default this engine converts the offline
CTranslate2 tiny.en weights once into an openai-whisper checkpoint in the user cache
(`tonesense.transcribe.ct2_to_openai`). It is several times slower than faster-whisper, which is why
faster-whisper is the default; it exists to check that both give the same transcript. On the same float32 weights
and the same samples the two differ only in how a window shorter than 30 s is padded (openai-whisper: the mel of
silence; faster-whisper: zeros after normalisation).
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import logging
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tonesense.audio import DecodedAudio
from tonesense.errors import MissingExtraError, ModelError, ModelNotFoundError
from tonesense.schema import Segment, Transcript
from tonesense.transcribe.ct2_to_openai import cached_openai_checkpoint, ct2_alignment_heads
from tonesense.transcribe.engine_base import LazyWhisperEngine, looks_like_silence, make_word
from tonesense.transcribe.options import TranscribeOptions
from tonesense.transcribe.protocol import ProgressCallback
from tonesense.transcribe.weights import cache_dir, resolve_whisper_weights

if TYPE_CHECKING:
    from whisper.model import Whisper

__all__ = ["OpenAIWhisperTranscriber"]

logger = logging.getLogger(__name__)


class OpenAIWhisperTranscriber(LazyWhisperEngine["Whisper"]):
    """Whisper through openai-whisper. Weights load (and convert, the first time) on first use."""

    engine = "openai-whisper"

    def __init__(self, model: str | None = None, *, allow_hub: bool = True) -> None:
        if importlib.util.find_spec("whisper") is None:
            raise MissingExtraError("openai-whisper", "openai-whisper", "The openai-whisper engine")
        super().__init__(resolve_whisper_weights(model, allow_hub=allow_hub, allow_checkpoint=True))
        self._decode_lock = threading.Lock()

    def _load(self) -> Whisper:
        import whisper

        location = self._checkpoint_location()
        try:
            model = whisper.load_model(location, device="cpu")
        except (OSError, RuntimeError, KeyError, ValueError) as exc:
            raise ModelError(f"openai-whisper could not load {location}: {exc}") from exc
        heads = ct2_alignment_heads(self._weights.location) if _is_ct2_dir(self._weights.location) else None
        if heads:
            model.set_alignment_heads(_encode_heads(heads, model.dims.n_text_layer, model.dims.n_text_head))
        _load_tokenizer(model)
        return model

    def _checkpoint_location(self) -> str:
        """A `.pt` path for local weights (converting a CTranslate2 directory once), or a model name."""
        import whisper

        location = self._weights.location
        if _is_ct2_dir(location):
            try:
                return str(cached_openai_checkpoint(location, cache_dir()))
            except OSError as exc:
                raise ModelError(
                    f"could not write the converted checkpoint under {cache_dir()} ({exc}); "
                    "set TONESENSE_CACHE to a writable folder"
                ) from exc
        if self._weights.is_local or location in whisper.available_models():
            return location
        raise ModelNotFoundError(
            f"openai-whisper has no model named {location!r}; choose one of {', '.join(whisper.available_models())}, "
            "pass --model PATH to a .pt checkpoint or a CTranslate2 directory, or use --engine faster-whisper"
        )

    def transcribe(
        self,
        audio: DecodedAudio,
        options: TranscribeOptions | None = None,
        progress: ProgressCallback | None = None,
    ) -> Transcript:
        options = options or TranscribeOptions()
        model = self.load()
        speech = _SpeechOnly.find(audio) if options.vad else None
        if speech is not None and not speech.chunks:
            if progress is not None:
                progress(audio.duration, audio.duration)
            return self._transcript(audio, [], options.language or "en")
        samples = audio.samples if speech is None else speech.samples
        with self._decode_lock:  # decoding installs hooks on the shared model: one call at a time
            try:
                result = model.transcribe(
                    np.ascontiguousarray(samples, dtype=np.float32),
                    language=options.language or (None if model.is_multilingual else "en"),
                    beam_size=options.beam_size,
                    best_of=options.beam_size,
                    word_timestamps=options.word_timestamps,
                    no_speech_threshold=options.no_speech_threshold,
                    logprob_threshold=options.log_prob_threshold,
                    compression_ratio_threshold=options.compression_ratio_threshold,
                    condition_on_previous_text=options.condition_on_previous_text,
                    temperature=options.temperatures,
                    fp16=False,
                    verbose=None,
                )
            except (RuntimeError, ValueError) as exc:
                raise ModelError(f"openai-whisper failed while transcribing: {exc}") from exc
        raw_segments = result["segments"] if speech is None else [speech.restore(raw) for raw in result["segments"]]
        segments = [segment for raw in raw_segments if (segment := _segment(raw, options)) is not None]
        if progress is not None:
            progress(audio.duration, audio.duration)
        return self._transcript(audio, segments, str(result.get("language") or options.language or "en"))


class _SpeechOnly:
    """The speech Silero VAD keeps, joined as faster-whisper joins it, and the way back to original times.

    faster-whisper's `collect_chunks` and `SpeechTimestampsMap` do the joining and the mapping, so this engine
    cuts and restores exactly as the default one does (`restore_speech_timestamps` in faster_whisper.transcribe).
    """

    def __init__(self, samples: npt.NDArray[np.float32], chunks: list[dict[str, int]], sample_rate: int) -> None:
        from faster_whisper.vad import SpeechTimestampsMap

        self.samples = samples
        self.chunks = chunks
        self._map = SpeechTimestampsMap(chunks, sample_rate)

    @classmethod
    def find(cls, audio: DecodedAudio) -> _SpeechOnly:
        from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

        chunks = get_speech_timestamps(audio.samples, VadOptions())
        if not chunks:
            return cls(np.zeros(0, np.float32), [], audio.sample_rate)
        joined, _ = collect_chunks(audio.samples, chunks, sampling_rate=audio.sample_rate)
        return cls(np.concatenate(joined).astype(np.float32, copy=False), chunks, audio.sample_rate)

    def restore(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A raw openai-whisper segment with its (and its words') times moved back onto the original audio."""
        words = raw.get("words") or []
        if not words:
            start = self._map.get_original_time(raw["start"])
            return {**raw, "start": start, "end": self._map.get_original_time(raw["end"], is_end=True)}
        restored = []
        for word in words:
            chunk = self._map.get_chunk_index((word["start"] + word["end"]) / 2)  # both ends in one chunk
            start, end = (self._map.get_original_time(word[key], chunk) for key in ("start", "end"))
            restored.append({**word, "start": start, "end": end})
        return {**raw, "start": restored[0]["start"], "end": restored[-1]["end"], "words": restored}


def _load_tokenizer(model: Whisper) -> None:
    """Load (and cache) the tokenizer now, quietly: openai-whisper reads its vocabulary without closing the file,
    which raises a ResourceWarning that `-W error` (and pytest's filterwarnings=error) turn into a failure."""
    from whisper.tokenizer import get_tokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        get_tokenizer(model.is_multilingual, num_languages=model.num_languages)


def _is_ct2_dir(location: str) -> bool:
    return (Path(location) / "model.bin").is_file()


def _encode_heads(heads: list[tuple[int, int]], layers: int, per_layer: int) -> bytes:
    """The gzip + base85 boolean mask `Whisper.set_alignment_heads` reads."""
    mask = np.zeros((layers, per_layer), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))


def _segment(raw: dict[str, Any], options: TranscribeOptions) -> Segment | None:
    """A schema segment, or None for empty text and for what Whisper's own rule calls probable silence."""
    text = str(raw["text"]).strip()
    if not text or looks_like_silence(raw["no_speech_prob"], raw["avg_logprob"], options):
        return None
    return Segment(
        start=float(raw["start"]),
        end=float(raw["end"]),
        text=text,
        words=[make_word(w["start"], w["end"], str(w["word"]), float(w["probability"])) for w in raw.get("words", [])],
        no_speech_prob=float(raw["no_speech_prob"]),
        avg_logprob=float(raw["avg_logprob"]),
    )
