"""Engine names and the one function that builds a transcriber for a name."""

from __future__ import annotations

from tonesense.errors import InputError
from tonesense.transcribe.protocol import Transcriber

__all__ = ["DEFAULT_ENGINE", "ENGINES", "get_transcriber"]

DEFAULT_ENGINE = "faster-whisper"
ENGINES = ("faster-whisper", "openai-whisper")


def get_transcriber(engine: str = DEFAULT_ENGINE, model: str | None = None) -> Transcriber:
    """A transcriber for `engine` ("faster-whisper" or "openai-whisper"); weights load on first use."""
    if engine == "faster-whisper":
        from tonesense.transcribe.faster_whisper import FasterWhisperTranscriber

        return FasterWhisperTranscriber(model)
    if engine == "openai-whisper":
        from tonesense.transcribe.openai_whisper import OpenAIWhisperTranscriber

        transcriber: Transcriber = OpenAIWhisperTranscriber(model)
        return transcriber
    raise InputError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
