"""Transcripts: the same shape whichever Whisper engine made them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Segment", "Transcript", "Word"]


class Word(BaseModel):
    """One recognised word with its time span and Whisper's probability for it."""

    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    word: str
    probability: float = Field(ge=0.0, le=1.0)


class Segment(BaseModel):
    """A stretch of speech Whisper decoded as one unit, with its words."""

    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    text: str
    words: list[Word] = Field(default_factory=list)
    no_speech_prob: float | None = Field(default=None, exclude=True)
    avg_logprob: float | None = Field(default=None, exclude=True)


class Transcript(BaseModel):
    """What was said: text, detected language, duration in seconds and timed segments."""

    model_config = ConfigDict(frozen=True)

    text: str
    language: str | None
    duration: float
    segments: list[Segment] = Field(default_factory=list)
    engine: str
    model_id: str

    @property
    def words(self) -> list[Word]:
        return [word for segment in self.segments for word in segment.words]
