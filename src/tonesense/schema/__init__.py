"""Typed results that leave tonesense: transcripts, emotion scores and expression reports."""

from tonesense.schema.expression import Burst, ProsodyScores, TextScores, VoiceDimensions
from tonesense.schema.report import ExpressionReport, Granularity, Modality, ReportSummary, SegmentExpression
from tonesense.schema.scores import EmotionScore, TimeSpan
from tonesense.schema.transcript import Segment, Transcript, Word

__all__ = [
    "Burst",
    "EmotionScore",
    "ExpressionReport",
    "Granularity",
    "Modality",
    "ProsodyScores",
    "ReportSummary",
    "Segment",
    "SegmentExpression",
    "TextScores",
    "TimeSpan",
    "Transcript",
    "VoiceDimensions",
    "Word",
]
