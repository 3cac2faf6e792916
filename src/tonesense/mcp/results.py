"""Pydantic results of the MCP tools that are not plain schema types; their JSON schemas are the output schemas."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from tonesense.context import ConversationState
from tonesense.schema import TextScores

__all__ = [
    "SCORES_NOTE",
    "ConversationContext",
    "ExpressionCatalog",
    "ExpressionInfo",
    "ResetResult",
    "TextMeasurement",
]

SCORES_NOTE = (
    "Scores in [0, 1] estimate how strongly each expression is likely to be perceived by listeners; they are "
    "independent (several can be high at once) and are cues about expression, not verdicts about feelings."
)


class TextMeasurement(BaseModel):
    """The 53 language dimensions for each text, in the order the texts were given."""

    model_config = ConfigDict(frozen=True)

    results: list[TextScores]
    note: str = SCORES_NOTE


class ConversationContext(BaseModel):
    """A conversation's smoothed expression state and the prompt text rendered from it."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    turn_header: str = Field(description="one line to prefix the latest user message with")
    context_block: str = Field(description="a compact block to place in the system prompt")
    state: ConversationState = Field(description="smoothed top expressions, trends and shift events over the turns")
    note: str = SCORES_NOTE


class ResetResult(BaseModel):
    """Whether a conversation was found and forgotten."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    reset: bool = Field(description="false when no conversation had this id")


class ExpressionInfo(BaseModel):
    """One expression dimension: what it describes and where it sits in valence-arousal-dominance space."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str | None = Field(default=None, description="what a reader or listener perceives")
    valence: float | None = Field(default=None, ge=0.0, le=1.0, description="0 unpleasant .. 1 pleasant, 0.5 neutral")
    arousal: float | None = Field(default=None, ge=0.0, le=1.0, description="0 calm .. 1 excited, 0.5 neutral")
    dominance: float | None = Field(
        default=None, ge=0.0, le=1.0, description="0 submissive .. 1 in control, 0.5 neutral"
    )


class ExpressionCatalog(BaseModel):
    """Every expression name tonesense scores, per modality, in the order results use."""

    model_config = ConfigDict(frozen=True)

    language: list[ExpressionInfo] = Field(description="53 dimensions scored from the words")
    prosody: list[ExpressionInfo] = Field(description="48 dimensions scored from the tone of voice")
    burst: list[ExpressionInfo] = Field(description="48 dimensions scored for vocal bursts (laughs, sighs, ...)")
    note: str = SCORES_NOTE
