"""The analysis report: per-segment expression scores with time spans, bursts, a summary, and provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tonesense.schema.expression import Burst, VoiceDimensions
from tonesense.schema.scores import EmotionScore
from tonesense.schema.transcript import Transcript

__all__ = ["ExpressionReport", "Granularity", "Modality", "ReportSummary", "SegmentExpression"]

Granularity = Literal["word", "sentence", "utterance", "turn", "window"]
Modality = Literal["language", "prosody", "burst"]


class SegmentExpression(BaseModel):
    """One segment at the requested granularity: its span, text and scores per modality.

    `language` holds 53 scores, `prosody` and `bursts` 48 each, in taxonomy order; a modality that was not
    measured for this segment is an empty list. `bursts` here are the scores of bursts overlapping the segment.
    """

    model_config = ConfigDict(frozen=True)

    start: float | None = None
    end: float | None = None
    text: str = ""
    speaker: str | None = None
    language: list[EmotionScore] = Field(default_factory=list)
    prosody: list[EmotionScore] = Field(default_factory=list)
    bursts: list[EmotionScore] = Field(default_factory=list)
    sentiment: list[EmotionScore] | None = None
    voice: VoiceDimensions | None = None


class ReportSummary(BaseModel):
    """A compact reading of a report for agents: cues about expression, not verdicts about feelings."""

    model_config = ConfigDict(frozen=True)

    top: dict[str, list[EmotionScore]] = Field(default_factory=dict, description="top expressions per modality")
    overall: list[EmotionScore] = Field(default_factory=list)
    agreements: list[str] = Field(default_factory=list)
    differences: list[str] = Field(default_factory=list)
    notable_bursts: list[Burst] = Field(default_factory=list)
    voice: VoiceDimensions | None = None
    text: str = ""


class ExpressionReport(BaseModel):
    """Everything tonesense measured for one input, and which model produced each modality.

    `models` maps modality -> model id for the modalities that ran; `missing` maps modality -> reason for the
    ones that were asked for but could not run (never filled with made-up scores).
    """

    model_config = ConfigDict(frozen=True)

    transcript: Transcript | None = None
    granularity: Granularity = "utterance"
    duration: float | None = None
    segments: list[SegmentExpression] = Field(default_factory=list)
    bursts: list[Burst] = Field(default_factory=list)
    summary: ReportSummary | None = None
    models: dict[str, str] = Field(default_factory=dict)
    missing: dict[str, str] = Field(default_factory=dict)
