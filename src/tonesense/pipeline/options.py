"""Analysis options with safe defaults, and the progress callback type the pipeline reports through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tonesense.audio import AudioLimits
from tonesense.errors import InputError
from tonesense.schema import Granularity
from tonesense.transcribe import TranscribeOptions

__all__ = ["GRANULARITIES", "MODALITIES", "AnalyzerOptions", "StageProgress", "check_granularity", "check_modalities"]

GRANULARITIES: tuple[Granularity, ...] = ("word", "sentence", "utterance", "turn", "window")
MODALITIES: tuple[str, ...] = ("language", "prosody", "burst")

StageProgress = Callable[[str, float], None]
"""Called with (stage name, fraction 0..1) as analysis moves on; may be called from worker threads.

Stages: "decode", "transcribe", "language", "prosody", "burst", "summary".
"""


@dataclass(frozen=True)
class AnalyzerOptions:
    """How to analyze. Defaults: the offline Whisper tiny.en, utterances, every modality."""

    engine: str = "faster-whisper"
    whisper_model: str | None = None
    """A CTranslate2 directory or model name; None uses the bundled offline weights."""
    granularity: Granularity = "utterance"
    modalities: tuple[str, ...] = MODALITIES
    window_length: float | None = None
    """Seconds per window for granularity "window" (Hume's default: 4.0)."""
    window_step: float | None = None
    """Seconds between window starts (Hume's default: 1.0)."""
    limits: AudioLimits = field(default_factory=AudioLimits)
    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    utterance_pause: float = 0.5
    """A silence at least this long (seconds) between words ends an utterance."""
    turn_pause: float = 1.5
    """A silence at least this long ends a conversational turn (no diarization: one speaker is assumed)."""
    language_context: bool = True
    """Score each segment's words as read alone and as read after the text before it, and report the mean
    (Hume's language model read words and sentences within their passage); False reads each segment alone.
    It costs a second, longer encoder pass per segment: on 2 cores about 4 ms a word at word granularity
    (20 minutes of speech, some 3,000 words: about 12 s more), little at the coarser granularities."""
    chunk_seconds: float = 120.0
    """Audio over 1.25 x this is analyzed in chunks of about this length (cut at a quiet moment), so models
    never hold more than a chunk: measured peak RSS 706 MB for 20 min of speech with 120 s chunks, 1174 MB
    with 600 s chunks (583 MB for 2 min). Prosody is then read against each chunk's own speaker baseline."""

    def __post_init__(self) -> None:
        check_granularity(self.granularity)
        check_modalities(self.modalities)
        for name in ("window_length", "window_step"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise InputError(f"{name} must be a positive number of seconds, not {value}")
        if self.chunk_seconds < 30:
            raise InputError(f"chunk_seconds must be at least 30, not {self.chunk_seconds}")


def check_granularity(granularity: str) -> Granularity:
    """`granularity` if it is one tonesense knows, else an InputError naming the choices."""
    for known in GRANULARITIES:
        if granularity == known:
            return known
    raise InputError(f"unknown granularity {granularity!r}; choose one of: {', '.join(GRANULARITIES)}")


def check_modalities(modalities: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The modalities as a tuple in canonical order, or an InputError naming the unknown ones."""
    unknown = [name for name in modalities if name not in MODALITIES]
    if unknown:
        raise InputError(f"unknown modality {unknown[0]!r}; choose from: {', '.join(MODALITIES)}")
    if not modalities:
        raise InputError(f"ask for at least one modality: {', '.join(MODALITIES)}")
    return tuple(name for name in MODALITIES if name in modalities)
