"""The agent summary: top expressions, agreements, differences, bursts and voice, in cautious words."""

from __future__ import annotations

import pytest

from tonesense.pipeline import summarize
from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, VoiceDimensions
from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES


def _scores(names: tuple[str, ...], **hot: float) -> list[EmotionScore]:
    return [EmotionScore(name=n, score=hot.get(n.replace(" ", "_"), 0.02)) for n in names]


def _report() -> ExpressionReport:
    return ExpressionReport(
        duration=6.0,
        segments=[
            SegmentExpression(
                start=0.0,
                end=4.0,
                text="This is just great.",
                language=_scores(LANGUAGE_NAMES, Joy=0.8, Interest=0.5),
                prosody=_scores(PROSODY_NAMES, Tiredness=0.7, Interest=0.4, Boredom=0.3),
                voice=VoiceDimensions(arousal=0.2, valence=0.4, dominance=0.5, speaking_rate=3.0, rate_z=-1.5),
            ),
            SegmentExpression(
                start=4.0,
                end=5.0,
                text="Sure.",
                language=_scores(LANGUAGE_NAMES, Joy=0.4, Interest=0.3),
                prosody=_scores(PROSODY_NAMES, Tiredness=0.5, Interest=0.3),
                voice=VoiceDimensions(arousal=0.4, valence=0.5, dominance=0.5, speaking_rate=4.0, rate_z=-0.5),
            ),
        ],
        bursts=[
            Burst(start=5.2, end=5.8, type="sigh", confidence=0.8, emotions=_scores(BURST_NAMES, Tiredness=0.6)),
            Burst(start=1.0, end=1.2, type="laughter", confidence=0.2, emotions=_scores(BURST_NAMES, Amusement=0.5)),
        ],
    )


def test_top_expressions_are_duration_weighted_means_per_modality() -> None:
    summary = summarize(_report())
    assert [s.name for s in summary.top["language"][:2]] == ["Joy", "Interest"]
    assert summary.top["language"][0].score == pytest.approx((0.8 * 4 + 0.4 * 1) / 5)
    assert summary.top["prosody"][0].name == "Tiredness"
    assert set(summary.top) == {"language", "prosody", "burst"}
    assert summary.overall[0].name in {"Tiredness", "Joy", "Interest"}


def test_agreements_and_differences_are_named_and_differences_called_normal() -> None:
    summary = summarize(_report())
    assert any("Interest" in line and "words and voice" in line for line in summary.agreements)
    assert any("Joy" in line and "Tiredness" in line for line in summary.differences)
    assert "normal" in summary.text
    assert "not what anyone feels" in summary.text


def test_only_confident_expressive_bursts_are_notable_with_their_times() -> None:
    summary = summarize(_report())
    assert [(b.type, b.start) for b in summary.notable_bursts] == [("sigh", 5.2)]
    assert "sigh at 5.2 s" in summary.text


def test_voice_dimensions_are_averaged_and_put_in_plain_words() -> None:
    summary = summarize(_report())
    assert summary.voice is not None
    assert summary.voice.arousal == pytest.approx((0.2 * 4 + 0.4) / 5)
    assert summary.voice.speaking_rate == pytest.approx((3.0 * 4 + 4.0) / 5)
    assert "calmer than usual" in summary.text
    assert "slower than usual" in summary.text


def test_empty_report_summary_says_what_was_not_measured() -> None:
    summary = summarize(ExpressionReport(missing={"prosody": "not built"}))
    assert summary.top == {} and summary.overall == [] and summary.voice is None
    assert "Not measured: prosody" in summary.text
