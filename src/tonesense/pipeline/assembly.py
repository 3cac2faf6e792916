"""Put per-modality results together into the report's segments."""

from __future__ import annotations

from collections.abc import Sequence

from tonesense.pipeline.segmentation import Span
from tonesense.schema import Burst, EmotionScore, ProsodyScores, SegmentExpression, TextPosition, TextScores

__all__ = ["assemble_segments", "burst_scores_over"]


def assemble_segments(
    spans: Sequence[Span],
    language: Sequence[TextScores | None] | None,
    prosody: Sequence[ProsodyScores] | None,
    bursts: Sequence[Burst],
) -> list[SegmentExpression]:
    """One `SegmentExpression` per span; a modality that did not run leaves its list empty."""
    segments = []
    for index, span in enumerate(spans):
        text_scores = language[index] if language is not None else None
        voice = prosody[index] if prosody is not None else None
        segments.append(
            SegmentExpression(
                start=span.start,
                end=span.end,
                text=span.text,
                language=list(text_scores.emotions) if text_scores else [],
                sentiment=text_scores.sentiment if text_scores else None,
                prosody=list(voice.emotions) if voice else [],
                voice=voice.dimensions if voice else None,
                bursts=burst_scores_over(bursts, span.start, span.end),
                position=TextPosition(begin=span.begin, end=span.begin + len(span.text))
                if span.begin is not None
                else None,
                confidence=span.confidence,
            )
        )
    return segments


def burst_scores_over(bursts: Sequence[Burst], start: float | None, end: float | None) -> list[EmotionScore]:
    """Per dimension, the highest score among the scored bursts that overlap [start, end]; [] if none."""
    if start is None or end is None:
        return []
    overlapping = [b for b in bursts if b.emotions and b.start < end and b.end > start]
    if not overlapping:
        return []
    names = [score.name for score in overlapping[0].emotions]
    best = [max(b.emotions[i].score for b in overlapping) for i in range(len(names))]
    return [EmotionScore(name=name, score=score) for name, score in zip(names, best, strict=True)]
