"""The analysis pipeline: audio or text in, `ExpressionReport` out (see `Analyzer`)."""

from tonesense.pipeline.analyzer import Analyzer, StageTimings
from tonesense.pipeline.options import GRANULARITIES, MODALITIES, AnalyzerOptions, StageProgress
from tonesense.pipeline.segmentation import Span, segment_text, segment_transcript
from tonesense.pipeline.summary import summarize

__all__ = [
    "GRANULARITIES",
    "MODALITIES",
    "Analyzer",
    "AnalyzerOptions",
    "Span",
    "StageProgress",
    "StageTimings",
    "segment_text",
    "segment_transcript",
    "summarize",
]
