"""Building ExpressionReports for context tests: the same objects the pipeline hands the tracker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, Transcript, VoiceDimensions
from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES

BASELINE = 0.05
MODELS = {"language": "test-language", "prosody": "test-prosody", "burst": "test-burst"}


def scores(names: Sequence[str], values: Mapping[str, float], baseline: float = BASELINE) -> list[EmotionScore]:
    """Scores for every name in taxonomy order: `values` where given, `baseline` elsewhere."""
    unknown = set(values) - set(names)
    assert not unknown, f"not taxonomy names: {unknown}"
    return [EmotionScore(name=name, score=values.get(name, baseline)) for name in names]


def make_report(
    language: Mapping[str, float] | None = None,
    prosody: Mapping[str, float] | None = None,
    *,
    text: str = "I have been waiting for forty minutes.",
    start: float = 0.0,
    end: float = 2.5,
    voice: VoiceDimensions | None = None,
    bursts: Sequence[Burst] = (),
    models: Mapping[str, str] = MODELS,
    missing: Mapping[str, str] | None = None,
) -> ExpressionReport:
    """A one-segment report; a modality given as None was not measured."""
    segment = SegmentExpression(
        start=start,
        end=end,
        text=text,
        language=scores(LANGUAGE_NAMES, language) if language is not None else [],
        prosody=scores(PROSODY_NAMES, prosody) if prosody is not None else [],
        voice=voice,
    )
    return ExpressionReport(
        transcript=Transcript(text=text, language="en", duration=end, engine="faster-whisper", model_id="tiny.en"),
        duration=end,
        segments=[segment],
        bursts=list(bursts),
        models=dict(models),
        missing=dict(missing or {}),
    )


def laugh(start: float, end: float, amusement: float = 0.8, confidence: float = 0.9) -> Burst:
    """A laughter burst with amusement and joy scores."""
    return Burst(
        start=start,
        end=end,
        type="laughter",
        confidence=confidence,
        emotions=scores(BURST_NAMES, {"Amusement": amusement, "Joy": amusement / 2}, baseline=0.0),
    )


TENSE_FAST = VoiceDimensions(arousal=0.8, valence=0.25, dominance=0.6, speaking_rate=5.1, rate_z=1.4, loudness_z=0.3)
