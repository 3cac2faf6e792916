"""Scores on named expression dimensions, shared by every modality."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["EmotionScore", "TimeSpan"]


class EmotionScore(BaseModel):
    """How strongly an expression is likely to be perceived, in [0, 1]; not what anyone feels."""

    model_config = ConfigDict(frozen=True)

    name: str
    score: float = Field(ge=0.0, le=1.0)


class TimeSpan(BaseModel):
    """A stretch of audio in float seconds from the start of the input."""

    model_config = ConfigDict(frozen=True)

    start: float = Field(ge=0.0)
    end: float = Field(ge=0.0)

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)
