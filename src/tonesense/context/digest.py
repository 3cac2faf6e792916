"""The compact reading of one turn: strongest cues, plain voice descriptors, and the bursts heard."""

from __future__ import annotations

from collections.abc import Sequence

from tonesense.context.models import BurstCue, TurnDigest
from tonesense.context.vectors import COMBINED, MIN_BURST_CONFIDENCE, NAMES
from tonesense.schema import EmotionScore, ExpressionReport, SegmentExpression, VoiceDimensions

__all__ = ["MIN_EXPRESSION_SCORE", "TOP_K", "VOICE_HIGH", "VOICE_LOW", "describe_voice", "digest_turn", "top_scores"]

TOP_K = 3
MIN_EXPRESSION_SCORE = 0.1
VOICE_HIGH, VOICE_LOW = 0.65, 0.35
"""Arousal or valence at or beyond these (0.5 = the speaker's usual) gets a word in the header."""
_Z = 1.0
_VOICE_FIELDS = tuple(VoiceDimensions.model_fields)


def top_scores(vector: Sequence[float], names: Sequence[str], k: int, floor: float = 0.0) -> list[EmotionScore]:
    """The `k` highest scores at or above `floor`, highest first; ties go to taxonomy order."""
    # A stable sort, highest first, so equal scores keep taxonomy order.
    ranked = sorted(range(len(vector)), key=vector.__getitem__, reverse=True)[:k]
    return [
        EmotionScore(name=names[position], score=round(min(1.0, max(0.0, vector[position])), 4))
        for position in ranked
        if vector[position] >= floor
    ]


def digest_turn(
    index: int, speaker: str, report: ExpressionReport | None, vectors: dict[str, list[float]]
) -> TurnDigest:
    """Digest one turn; a turn without a report (or with nothing measured) has `measured=False`."""
    if report is None:
        return TurnDigest(index=index, speaker=speaker)
    voice = _mean_voice(report.segments)
    expression = top_scores(vectors[COMBINED], NAMES[COMBINED], TOP_K, MIN_EXPRESSION_SCORE) if vectors else []
    by_modality = {key: top_scores(vector, NAMES[key], TOP_K) for key, vector in vectors.items() if key != COMBINED}
    return TurnDigest(
        index=index,
        speaker=speaker,
        measured=bool(vectors) or voice is not None,
        expression=expression,
        by_modality=by_modality,
        voice=describe_voice(voice) if voice is not None else [],
        voice_dimensions=voice,
        bursts=_burst_cues(report),
        missing=dict(report.missing),
    )


def describe_voice(voice: VoiceDimensions) -> list[str]:
    """Plain words for a voice: energy/valence ("tense", "relaxed", ...), then rate, loudness and pitch."""
    words = [_energy_word(voice.arousal, voice.valence)]
    rate_z = voice.rate_z
    if rate_z is None and voice.speaking_rate is not None:
        rate_z = 1.0 if voice.speaking_rate >= 5.5 else -1.0 if voice.speaking_rate <= 2.5 else 0.0
    words.append(_z_word(rate_z, "fast", "slow"))
    words.append(_z_word(voice.loudness_z, "loud", "quiet"))
    words.append(_z_word(voice.pitch_z, "raised pitch", "lowered pitch"))
    return [word for word in words if word]


def _energy_word(arousal: float, valence: float) -> str:
    if arousal >= VOICE_HIGH:
        return "tense" if valence <= 0.4 else "animated" if valence >= 0.6 else "energetic"
    if arousal <= VOICE_LOW:
        return "subdued" if valence <= 0.4 else "relaxed" if valence >= 0.6 else "low-energy"
    return "warm" if valence >= VOICE_HIGH else "strained" if valence <= VOICE_LOW else ""


def _z_word(z: float | None, high: str, low: str) -> str:
    if z is None:
        return ""
    return high if z >= _Z else low if z <= -_Z else ""


def _mean_voice(segments: Sequence[SegmentExpression]) -> VoiceDimensions | None:
    voices = [segment.voice for segment in segments if segment.voice is not None]
    if not voices:
        return None
    means: dict[str, float | None] = {}
    for field in _VOICE_FIELDS:
        values = [value for voice in voices if (value := getattr(voice, field)) is not None]
        means[field] = sum(values) / len(values) if values else None
    return VoiceDimensions(**means)  # type: ignore[arg-type]


def _burst_cues(report: ExpressionReport) -> list[BurstCue]:
    return [
        BurstCue(type=burst.type, start=burst.start, end=burst.end, confidence=burst.confidence)
        for burst in sorted(report.bursts, key=lambda burst: (burst.start, burst.type))
        if burst.expressive and burst.confidence >= MIN_BURST_CONFIDENCE
    ]
