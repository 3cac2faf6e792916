"""Typed results that leave tonesense: transcripts, emotion scores and expression reports."""

from tonesense.schema.expression import Burst, ProsodyScores, TextScores, VoiceDimensions
from tonesense.schema.report import (
    ExpressionReport,
    FaceBox,
    FacePrediction,
    Granularity,
    Modality,
    ReportOrigin,
    ReportSummary,
    SegmentExpression,
    TextPosition,
)
from tonesense.schema.scores import EmotionScore, TimeSpan
from tonesense.schema.transcript import Segment, Transcript, Word

__all__ = [
    "Burst",
    "EmotionScore",
    "ExpressionReport",
    "FaceBox",
    "FacePrediction",
    "Granularity",
    "Modality",
    "ProsodyScores",
    "ReportOrigin",
    "ReportSummary",
    "Segment",
    "SegmentExpression",
    "TextPosition",
    "TextScores",
    "TimeSpan",
    "Transcript",
    "VoiceDimensions",
    "Word",
]
