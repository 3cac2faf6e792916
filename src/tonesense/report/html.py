"""One self-contained HTML page for a report: summary, timeline (inline SVG), transcript with top cues."""

from __future__ import annotations

from html import escape

from tonesense.report.colors import strip_color
from tonesense.report.timeline import render_timeline, segment_top
from tonesense.schema import EmotionScore, ExpressionReport, SegmentExpression

__all__ = ["render_html"]

_NOTE = (
    "Scores are cues about how an expression is likely to be perceived by listeners, in [0, 1] and independent "
    "of each other; they are not verdicts about what anyone feels. Words and voice often differ; that is normal."
)
_MODALITY_LABELS = {"language": "words", "prosody": "voice tone", "burst": "vocal bursts", "face": "face"}

_CSS = """
body { margin: 0; background: #f3f4f6; color: #111827; font: 15px/1.5 system-ui, -apple-system, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 12px; }
.meta { color: #6b7280; font-size: 13px; }
.card { background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.08); padding: 18px 20px;
        margin-top: 18px; }
.summary { font-size: 15px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chip { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 2px 10px 2px 8px;
        font-size: 12.5px; background: #f3f4f6; white-space: nowrap; }
.dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; }
.row { display: grid; grid-template-columns: 110px 1fr; gap: 8px; padding: 10px 0; border-top: 1px solid #f0f1f4; }
.row:first-of-type { border-top: none; }
.time { color: #6b7280; font-variant-numeric: tabular-nums; font-size: 13px; padding-top: 2px; }
.text { font-size: 15px; }
.cues { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 4px; font-size: 12.5px; color: #4b5563; }
.cues b { font-weight: 600; color: #374151; }
.tops { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 14px 28px; }
.tops h3 { font-size: 13px; margin: 0 0 4px; color: #4b5563; text-transform: uppercase; letter-spacing: .04em; }
.bar { height: 7px; border-radius: 4px; background: #e5e7eb; margin: 2px 0 6px; }
.bar span { display: block; height: 100%; border-radius: 4px; }
.missing { color: #b45309; font-size: 13px; }
.note { color: #6b7280; font-size: 12.5px; margin-top: 18px; }
"""


def render_html(report: ExpressionReport, *, title: str = "Expression report") -> str:
    """The report as one HTML document with no external resources (no scripts, fonts or images)."""
    timeline = render_timeline(report)
    sections = [
        _header(report, title),
        _summary(report),
        f'<section class="card"><h2>Timeline</h2>{timeline}</section>' if timeline else "",
        _transcript(report),
        f'<p class="note">{escape(_NOTE)}</p>',
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{''.join(sections)}</main></body></html>\n"
    )


def _header(report: ExpressionReport, title: str) -> str:
    facts = []
    if report.duration is not None:
        facts.append(f"{report.duration:.1f} s")
    if report.transcript is not None:
        facts.append(f"language: {report.transcript.language or 'unknown'}")
        facts.append(f"transcribed by {report.transcript.model_id}")
    facts.append(f"granularity: {report.granularity}")
    facts.extend(f"{_MODALITY_LABELS.get(m, m)}: {model}" for m, model in report.models.items())
    missing = "".join(
        f'<div class="missing">Not measured: {escape(_MODALITY_LABELS.get(m, m))} ({escape(reason)})</div>'
        for m, reason in report.missing.items()
    )
    return f'<header><h1>{escape(title)}</h1><div class="meta">{escape(" · ".join(facts))}</div>{missing}</header>'


def _summary(report: ExpressionReport) -> str:
    summary = report.summary
    if summary is None:
        return ""
    columns = []
    for modality, scores in summary.top.items():
        bars = "".join(_bar(score) for score in scores)
        columns.append(f"<div><h3>{escape(_MODALITY_LABELS.get(modality, modality))}</h3>{bars}</div>")
    overall = _chips(summary.overall, "overall")
    return (
        f'<section class="card"><h2>Summary</h2><p class="summary">{escape(summary.text)}</p>{overall}'
        f'<div class="tops" style="margin-top:14px">{"".join(columns)}</div></section>'
    )


def _bar(score: EmotionScore) -> str:
    color = strip_color(score.name)
    return (
        f'<div style="font-size:13px">{escape(score.name)} <span class="meta">{score.score:.2f}</span></div>'
        f'<div class="bar"><span style="width:{100 * score.score:.0f}%;background:{color}"></span></div>'
    )


def _chips(scores: list[EmotionScore], label: str) -> str:
    if not scores:
        return ""
    chips = "".join(
        f'<span class="chip"><span class="dot" style="background:{strip_color(s.name)}"></span>'
        f"{escape(s.name)} {s.score:.2f}</span>"
        for s in scores
    )
    return f'<div class="chips"><span class="meta">{escape(label)}:</span>{chips}</div>'


def _transcript(report: ExpressionReport) -> str:
    rows = [_segment_row(segment) for segment in report.segments if segment.text or segment.prosody]
    if not rows:
        return ""
    return f'<section class="card"><h2>Transcript</h2>{"".join(rows)}</section>'


def _segment_row(segment: SegmentExpression) -> str:
    when = (
        f"{segment.start:.1f}\u2013{segment.end:.1f} s" if segment.start is not None and segment.end is not None else ""
    )
    cues = []
    for modality in ("language", "prosody", "bursts"):
        top = segment_top(segment, modality)
        if top:
            label = {"language": "words", "prosody": "voice", "bursts": "burst"}[modality]
            items = ", ".join(f"{escape(s.name)} {s.score:.2f}" for s in top)
            cues.append(f"<span><b>{label}</b> {items}</span>")
    speaker = f"<b>{escape(segment.speaker)}:</b> " if segment.speaker else ""
    return (
        f'<div class="row"><div class="time">{escape(when)}</div><div><div class="text">{speaker}'
        f'{escape(segment.text) or "<i>(no words)</i>"}</div><div class="cues">{"".join(cues)}</div></div></div>'
    )
