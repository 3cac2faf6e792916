"""The HTML report: self-contained, well-formed SVG, faithful to the report it draws."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tonesense.pipeline import summarize
from tonesense.report import render_html, render_timeline
from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, VoiceDimensions
from tonesense.schema.hume_v0 import report_from_v0
from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES


def _scores(names: tuple[str, ...], hot: str, value: float) -> list[EmotionScore]:
    return [EmotionScore(name=name, score=value if name == hot else 0.03) for name in names]


def _report() -> ExpressionReport:
    report = ExpressionReport(
        duration=8.0,
        segments=[
            SegmentExpression(
                start=0.5,
                end=3.5,
                text="I <really> waited & waited.",
                language=_scores(LANGUAGE_NAMES, "Annoyance", 0.7),
                prosody=_scores(PROSODY_NAMES, "Tiredness", 0.6),
                voice=VoiceDimensions(arousal=0.3, valence=0.4, dominance=0.5),
            ),
            SegmentExpression(
                start=4.0,
                end=7.0,
                text="Oh well.",
                language=_scores(LANGUAGE_NAMES, "Calmness", 0.5),
                prosody=_scores(PROSODY_NAMES, "Amusement", 0.5),
                voice=VoiceDimensions(arousal=0.6, valence=0.7, dominance=0.5),
            ),
        ],
        bursts=[Burst(start=7.1, end=7.8, type="laughter", confidence=0.9, emotions=_scores(BURST_NAMES, "Joy", 0.8))],
        models={"language": "l", "prosody": "p", "burst": "b"},
        missing={},
    )
    return report.model_copy(update={"summary": summarize(report)})


def test_timeline_is_well_formed_svg_with_lanes_and_burst_marks() -> None:
    svg = render_timeline(_report())
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"Words", "Voice tone", "Voice level", "Bursts"} <= set(texts)
    assert "laughter 0.90" in texts
    assert "Annoyance 0.70" in texts, "the top expression is written on its segment"


def test_page_escapes_text_and_loads_nothing_from_outside() -> None:
    page = render_html(_report(), title="t <1>")
    assert "I &lt;really&gt; waited &amp; waited." in page and "<really>" not in page
    assert "<script" not in page and "https://" not in page
    assert "not verdicts about what anyone feels" in page


def test_report_read_from_real_v0_face_json_draws_a_face_lane(shared_dir: Path) -> None:
    path = shared_dir / "reference" / "hume-v0-examples" / "batch_predictions_face_video_real_trimmed.json"
    report = report_from_v0(json.loads(path.read_text()))
    report = report.model_copy(update={"summary": summarize(report)})
    svg = render_timeline(report)
    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Face" in texts
    assert "Bursts" not in texts, "bursts were not measured, so there is no burst row claiming none were heard"
    assert "Face" in render_html(report)


def test_nothing_timed_gives_no_timeline() -> None:
    assert render_timeline(ExpressionReport()) == ""
    assert "Timeline" not in render_html(ExpressionReport())


def test_overlapping_windows_are_drawn_side_by_side() -> None:
    windows = [
        SegmentExpression(start=float(i), end=i + 4.0, prosody=_scores(PROSODY_NAMES, "Calmness", 0.5))
        for i in range(4)
    ]
    report = ExpressionReport(duration=7.0, segments=windows, models={"prosody": "p"})
    root = ET.fromstring(render_timeline(report))
    cells = [
        r
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.find("{http://www.w3.org/2000/svg}title") is not None
    ]
    spans = sorted((float(c.get("x", 0)), float(c.get("x", 0)) + float(c.get("width", 0))) for c in cells)
    assert len(spans) == 4
    assert all(a_end <= b_start + 0.2 for (_, a_end), (b_start, _) in itertools.pairwise(spans))
