"""The seam every Whisper engine implements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from tonesense.audio import DecodedAudio
from tonesense.schema import Transcript
from tonesense.transcribe.options import TranscribeOptions

__all__ = ["ProgressCallback", "Transcriber"]

ProgressCallback = Callable[[float, float], None]
"""Called with (seconds of audio done, total seconds) as segments are decoded."""


@runtime_checkable
class Transcriber(Protocol):
    """Turns decoded audio into a `Transcript`; engines differ in speed, never in result shape."""

    @property
    def engine(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    def transcribe(
        self,
        audio: DecodedAudio,
        options: TranscribeOptions | None = None,
        progress: ProgressCallback | None = None,
    ) -> Transcript:
        """Transcribe the whole audio; silence gives an empty transcript, not an error."""
        ...
