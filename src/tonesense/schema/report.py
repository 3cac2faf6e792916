"""The analysis report: per-segment expression scores with time spans, bursts, a summary, and provenance."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tonesense.schema.expression import Burst, VoiceDimensions
from tonesense.schema.scores import EmotionScore
from tonesense.schema.transcript import Transcript

__all__ = [
    "ExpressionReport",
    "FaceBox",
    "FacePrediction",
    "Granularity",
    "Modality",
    "ReportOrigin",
    "ReportSummary",
    "SegmentExpression",
    "TextPosition",
]

Granularity = Literal["word", "sentence", "utterance", "turn", "window"]
Modality = Literal["language", "prosody", "burst"]


class TextPosition(BaseModel):
    """Character offsets of a segment's text in the whole text (0-based, `end` exclusive), as in Hume's v0."""

    model_config = ConfigDict(frozen=True)

    begin: int = Field(ge=0)
    end: int = Field(ge=0)


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
    position: TextPosition | None = None
    confidence: float | None = Field(default=None, description="transcription confidence, when known")
    speaker_confidence: float | None = None
    toxicity: list[EmotionScore] | None = None


class FaceBox(BaseModel):
    """A face's bounding box in pixels, top-left origin."""

    model_config = ConfigDict(frozen=True)

    x: float
    y: float
    w: float
    h: float


class FacePrediction(BaseModel):
    """Facial expression of one face in one video frame, as read from a Hume v0 result.

    tonesense does not measure faces itself; these come from v0 JSON (`tonesense.schema.hume_v0`) and are
    kept so a v0 result reads into a report and writes back unchanged. `face_id` is v0's group id
    ("face_0", ... or "unknown").
    """

    model_config = ConfigDict(frozen=True)

    face_id: str = "unknown"
    frame: int = Field(ge=0)
    time: float = Field(ge=0.0)
    prob: float
    box: FaceBox
    emotions: list[EmotionScore]
    facs: list[EmotionScore] | None = None
    descriptions: list[EmotionScore] | None = None


class ReportOrigin(BaseModel):
    """Where a report's input came from, in v0 terms: the source object, the file in it, its type, errors."""

    model_config = ConfigDict(frozen=True)

    source: dict[str, Any] = Field(default_factory=lambda: {"type": "file"})
    file: str | None = None
    file_type: str | None = None
    metadata: dict[str, dict[str, Any] | None] = Field(
        default_factory=dict, description="v0 per-model metadata, e.g. {confidence, detected_language}"
    )
    errors: list[dict[str, Any]] = Field(default_factory=list)


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
    faces: list[FacePrediction] = Field(default_factory=list, description="face predictions read from v0 JSON")
    origin: ReportOrigin | None = None
