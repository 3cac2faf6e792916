"""Reading an ExpressionReport into one score vector per modality for a turn, plus a combined vector.

Language and prosody are duration-weighted means over the report's segments (equal weights where segments
carry no times). Bursts are events, so the burst vector is the per-name maximum over the turn's expressive
bursts detected with confidence >= MIN_BURST_CONFIDENCE (or over the segments' burst scores when the report
lists no bursts); a turn whose report ran the burst model and heard none gets zeros. "combined" is, per name
in LANGUAGE_NAMES order, the mean over the modalities that measured that name in this turn; bursts count
towards it only in a turn where a burst was heard (hearing none says nothing about, say, tiredness).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tonesense.schema import EmotionScore, ExpressionReport, SegmentExpression
from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES

__all__ = ["COMBINED", "MIN_BURST_CONFIDENCE", "MODALITIES", "NAMES", "turn_vectors"]

MIN_BURST_CONFIDENCE = 0.5
"""Bursts detected with less confidence, or not expressive (coughs), count for nothing in the context."""

COMBINED = "combined"
MODALITIES: tuple[str, ...] = ("language", "prosody", "burst")
NAMES: dict[str, tuple[str, ...]] = {
    "language": LANGUAGE_NAMES,
    "prosody": PROSODY_NAMES,
    "burst": BURST_NAMES,
    COMBINED: LANGUAGE_NAMES,
}
_INDEX: dict[str, dict[str, int]] = {key: {name: i for i, name in enumerate(names)} for key, names in NAMES.items()}
# Every prosody and burst name is also a language name, so each modality maps into the combined vector.
_COMBINED_INDEX = {modality: [_INDEX[COMBINED][name] for name in NAMES[modality]] for modality in MODALITIES}


def turn_vectors(report: ExpressionReport) -> dict[str, list[float]]:
    """Per-modality score vectors (taxonomy order) for the modalities the report measured, plus "combined"."""
    vectors: dict[str, list[float]] = {}
    for modality, attribute in (("language", "language"), ("prosody", "prosody")):
        vector = _weighted_mean(modality, report.segments, attribute)
        if vector is not None:
            vectors[modality] = vector
    bursts, heard = _burst_vector(report)
    if heard or "burst" in report.models:
        vectors["burst"] = bursts
    if vectors:
        vectors[COMBINED] = _combine({key: vector for key, vector in vectors.items() if key != "burst" or heard})
    return vectors


def _weighted_mean(modality: str, segments: Sequence[SegmentExpression], attribute: str) -> list[float] | None:
    index = _INDEX[modality]
    names = list(NAMES[modality])
    totals = [0.0] * len(index)
    weight_sum = 0.0
    for segment in segments:
        scores: list[EmotionScore] = getattr(segment, attribute)
        if not scores:
            continue
        weight = _segment_weight(segment)
        weight_sum += weight
        if [score.name for score in scores] == names:  # the usual case: taxonomy order, no lookups needed
            totals = [total + weight * score.score for total, score in zip(totals, scores, strict=True)]
        else:
            _accumulate(totals, index, scores, weight)
    if weight_sum <= 0.0:
        return None
    return [min(1.0, total / weight_sum) for total in totals]


def _segment_weight(segment: SegmentExpression) -> float:
    if segment.start is not None and segment.end is not None and segment.end > segment.start:
        return segment.end - segment.start
    return 1.0


def _accumulate(totals: list[float], index: dict[str, int], scores: Iterable[EmotionScore], weight: float) -> None:
    for score in scores:
        position = index.get(score.name)
        if position is not None:
            totals[position] += weight * score.score


def _burst_vector(report: ExpressionReport) -> tuple[list[float], bool]:
    index = _INDEX["burst"]
    peaks = [0.0] * len(index)
    seen = False
    if report.bursts:
        score_lists = [b.emotions for b in report.bursts if b.expressive and b.confidence >= MIN_BURST_CONFIDENCE]
    else:
        score_lists = [segment.bursts for segment in report.segments]
    for scores in score_lists:
        for score in scores:
            position = index.get(score.name)
            if position is not None:
                seen = True
                peaks[position] = max(peaks[position], score.score)
    return peaks, seen


def _combine(vectors: dict[str, list[float]]) -> list[float]:
    size = len(NAMES[COMBINED])
    totals = [0.0] * size
    counts = [0] * size
    for modality, vector in vectors.items():
        for position, value in zip(_COMBINED_INDEX[modality], vector, strict=True):
            totals[position] += value
            counts[position] += 1
    return [total / count if count else 0.0 for total, count in zip(totals, counts, strict=True)]
