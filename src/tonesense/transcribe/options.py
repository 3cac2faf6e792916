"""Transcription options with safe defaults: VAD on, hallucination guards on, no conditioning on past text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TranscribeOptions"]


@dataclass(frozen=True)
class TranscribeOptions:
    """How to decode. The defaults guard against Whisper inventing text on silence and noise."""

    language: str | None = None
    """ISO code such as "en"; None detects it (multilingual models) or uses English (".en" models)."""
    beam_size: int = 5
    word_timestamps: bool = True
    vad: bool = True
    """Silero VAD skips non-speech before decoding (faster-whisper engine)."""
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    condition_on_previous_text: bool = False
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
