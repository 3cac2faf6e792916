"""What the conversation context hands out: turns, per-turn digests, trends, shift events and the state."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tonesense.schema import EmotionScore, ExpressionReport, VoiceDimensions

__all__ = [
    "DEFAULT_SPEAKER",
    "BurstCue",
    "ConversationState",
    "ShiftEvent",
    "SpeakerSummary",
    "Trend",
    "Turn",
    "TurnDigest",
]

DEFAULT_SPEAKER = "user"
"""The speaker a turn is attributed to when the caller names none."""


class Turn(BaseModel):
    """One turn of a conversation as it was recorded: who spoke, when, what was said and what was measured.

    `start`/`end` are float seconds as the caller or the report gave them (None when unknown); `at` is the
    wall-clock time (Unix seconds) when the turn was added.
    """

    model_config = ConfigDict(frozen=True)

    index: int = Field(ge=0)
    speaker: str
    start: float | None = None
    end: float | None = None
    text: str = ""
    report: ExpressionReport | None = None
    at: float


class BurstCue(BaseModel):
    """A vocal burst heard in a turn, with its time in seconds from the start of that turn's audio."""

    model_config = ConfigDict(frozen=True)

    type: str
    start: float
    end: float
    confidence: float = Field(ge=0.0, le=1.0)


class TurnDigest(BaseModel):
    """The compact reading of one turn that the per-turn header renders.

    `expression` holds the turn's strongest combined cues (mean over the modalities that measured a name),
    `by_modality` the strongest per modality; `voice` holds plain descriptors such as "tense" or "fast".
    """

    model_config = ConfigDict(frozen=True)

    index: int
    speaker: str
    measured: bool = False
    expression: list[EmotionScore] = Field(default_factory=list)
    by_modality: dict[str, list[EmotionScore]] = Field(default_factory=dict)
    voice: list[str] = Field(default_factory=list)
    voice_dimensions: VoiceDimensions | None = None
    bursts: list[BurstCue] = Field(default_factory=list)
    missing: dict[str, str] = Field(default_factory=dict)


class Trend(BaseModel):
    """A cue that has risen or fallen steadily over the speaker's last `turns` measured turns."""

    model_config = ConfigDict(frozen=True)

    speaker: str
    name: str
    direction: Literal["rising", "falling"]
    turns: int
    first: float = Field(ge=0.0, le=1.0)
    last: float = Field(ge=0.0, le=1.0)
    description: str


class ShiftEvent(BaseModel):
    """Something that changed at one turn: a trend began, a cue jumped or dropped, or a burst was heard."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["trend", "shift", "burst"]
    turn_index: int
    speaker: str
    name: str = Field(description="the expression name (Hume's spelling), or the burst type for bursts")
    score: float = Field(ge=0.0, le=1.0)
    delta: float | None = None
    time: float | None = Field(default=None, description="seconds from the start of the turn's audio (bursts)")
    description: str


class SpeakerSummary(BaseModel):
    """One speaker's smoothed cues so far (top names per modality and "combined") and current trends."""

    model_config = ConfigDict(frozen=True)

    speaker: str
    measured_turns: int
    smoothed: dict[str, list[EmotionScore]] = Field(default_factory=dict)
    trends: list[Trend] = Field(default_factory=list)


class ConversationState(BaseModel):
    """The compact state of a conversation that an agent reads.

    Scores are cues about how expression is likely to be perceived, not what anyone feels. `header` is the
    rendered per-turn header of the last turn, ready to put in front of that turn's text.
    """

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    turns: int = Field(ge=0, description="turns added so far (the stored timeline may keep fewer)")
    created_at: float
    updated_at: float
    last_turn: TurnDigest | None = None
    speakers: list[SpeakerSummary] = Field(default_factory=list)
    events: list[ShiftEvent] = Field(default_factory=list, description="recent events, oldest first")
    header: str = ""
