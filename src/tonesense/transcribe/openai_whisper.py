"""The reference engine: openai-whisper (PyTorch), float32 on CPU, on the same weights as faster-whisper.

Silero VAD (from faster-whisper, a default dependency) decides where the speech is, as in the default engine.

openai-whisper publishes no weights in any package registry, so by default this engine converts the offline
CTranslate2 tiny.en weights once into an openai-whisper checkpoint in the user cache
(`tonesense.transcribe.ct2_to_openai`). It has no VAD and is several times slower than faster-whisper, which
is why faster-whisper is the default; it exists to check that both give the same transcript. With word
timestamps on, openai-whisper moves its 30 s window to the last aligned word, which on some clips skips a few
words that faster-whisper keeps (measured on shared/data/asr; see `tonesense eval asr --engine openai-whisper`).
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
        speech = _speech_spans(audio) if options.vad else [(0.0, audio.duration)]
        if not speech:
            if progress is not None:
                progress(audio.duration, audio.duration)
            return self._transcript(audio, [], options.language or "en")
        with self._decode_lock:  # decoding installs hooks on the shared model: one call at a time
            try:
                result = model.transcribe(
                    np.ascontiguousarray(audio.samples, dtype=np.float32),
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
        segments = [
            segment
            for raw in result["segments"]
            if (segment := _segment(raw, options)) is not None and _overlaps(segment, speech)
        ]
        if progress is not None:
            progress(audio.duration, audio.duration)
        return self._transcript(audio, segments, str(result.get("language") or options.language or "en"))


def _speech_spans(audio: DecodedAudio) -> list[tuple[float, float]]:
    """Where Silero VAD (shipped with faster-whisper) hears speech, in seconds.

    openai-whisper has no VAD of its own and invents words on silence ("You"); segments outside these spans
    are dropped, so both engines answer silence with an empty transcript.
    """
    from faster_whisper.vad import get_speech_timestamps

    rate = audio.sample_rate
    return [(span["start"] / rate, span["end"] / rate) for span in get_speech_timestamps(audio.samples)]


def _overlaps(segment: Segment, spans: list[tuple[float, float]]) -> bool:
    return any(segment.start < end and start < segment.end for start, end in spans)


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
