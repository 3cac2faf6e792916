"""The persisted running record of a conversation: everything needed to add the next turn without a replay."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from tonesense.context.models import ShiftEvent, Trend, TurnDigest

__all__ = ["ConversationRecord", "SpeakerTrack"]


class SpeakerTrack(BaseModel):
    """One speaker's smoothed vectors (modality -> scores in taxonomy order) and recent combined vectors."""

    model_config = ConfigDict(frozen=True)

    measured_turns: int = 0
    smoothed: dict[str, list[float]] = Field(default_factory=dict)
    history: list[list[float]] = Field(default_factory=list, description="combined vectors, oldest first")
    trends: list[Trend] = Field(default_factory=list)


class ConversationRecord(BaseModel):
    """What a store keeps per conversation besides the turns; stores treat it as an opaque value."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    created_at: float
    updated_at: float
    turn_count: int = 0
    speakers: dict[str, SpeakerTrack] = Field(default_factory=dict)
    events: list[ShiftEvent] = Field(default_factory=list)
    last_turn: TurnDigest | None = None
