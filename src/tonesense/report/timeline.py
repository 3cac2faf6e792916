"""The report's timeline as inline SVG: per modality, a strip of each segment's top expression and lines for
the modality's top expressions over time; bursts marked across every lane; voice arousal and valence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import TypeVar

from tonesense.report.colors import LINE_PALETTE, strip_color
from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, VoiceDimensions

__all__ = ["Lane", "lanes_for", "render_timeline"]

_P = TypeVar("_P")

WIDTH = 1160
LEFT = 118
RIGHT = 24
PLOT = WIDTH - LEFT - RIGHT
AXIS_H = 30
STRIP_H = 30
LINES_H = 92
LEGEND_H = 26
LANE_GAP = 18
BURST_H = 40
BURST_ROW_H = 26
VOICE_H = 84
LINES_PER_LANE = 4
_JOIN_GAP = 0.1  # seconds: lines run on across gaps shorter than this and break at real pauses
_CHAR_W = 7.8  # width of one character of 12 px semibold text, to decide whether a label fits
_LABELS = {"language": "Words", "prosody": "Voice tone", "face": "Face"}


@dataclass(frozen=True)
class Lane:
    """One modality over time: (start, end, scores) items and the names to draw as lines."""

    modality: str
    items: list[tuple[float, float, list[EmotionScore]]]
    names: list[str]


def lanes_for(report: ExpressionReport) -> list[Lane]:
    """The lanes to draw: words and voice tone from segments, face from v0 face predictions."""
    top = report.summary.top if report.summary else {}
    lanes = []
    for modality in ("language", "prosody"):
        items = [
            (s.start, s.end, getattr(s, modality))
            for s in report.segments
            if getattr(s, modality) and s.start is not None and s.end is not None
        ]
        if items:
            names = [score.name for score in top.get(modality, _top_of(items))][:LINES_PER_LANE]
            lanes.append(Lane(modality, _without_overlap([(float(a), float(b), c) for a, b, c in items]), names))
    if report.faces:
        items = _face_items(report)
        lanes.append(Lane("face", items, [s.name for s in top.get("face", _top_of(items))][:LINES_PER_LANE]))
    return lanes


def _without_overlap(items: list[tuple[float, float, _P]]) -> list[tuple[float, float, _P]]:
    """Overlapping segments (Hume-style windows) drawn up to where the next one starts, so none hides another."""
    ordered = sorted(items, key=lambda item: item[0])
    clipped = []
    for index, (start, end, scores) in enumerate(ordered):
        following = ordered[index + 1][0] if index + 1 < len(ordered) else end
        clipped.append((start, min(end, following) if following > start else end, scores))
    return clipped


def _top_of(items: Sequence[tuple[float | None, float | None, list[EmotionScore]]]) -> list[EmotionScore]:
    totals: dict[str, float] = {}
    for _, _, scores in items:
        for score in scores:
            totals[score.name] = totals.get(score.name, 0.0) + score.score
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return [EmotionScore(name=name, score=min(1.0, total / len(items))) for name, total in ranked]


def _face_items(report: ExpressionReport) -> list[tuple[float, float, list[EmotionScore]]]:
    """Face predictions averaged over the faces in each frame, each frame lasting until the next."""
    by_time: dict[float, list[list[EmotionScore]]] = {}
    for face in report.faces:
        by_time.setdefault(face.time, []).append(face.emotions)
    times = sorted(by_time)
    steps = [b - a for a, b in pairwise(times)]
    last_step = min(steps) if steps else 1.0
    items = []
    for index, moment in enumerate(times):
        end = times[index + 1] if index + 1 < len(times) else moment + last_step
        frames = by_time[moment]
        mean = [
            EmotionScore(name=score.name, score=sum(f[i].score for f in frames) / len(frames))
            for i, score in enumerate(frames[0])
        ]
        items.append((moment, end, mean))
    return items


def render_timeline(report: ExpressionReport) -> str:
    """The whole timeline as one `<svg>` element (empty string when there is nothing timed to draw)."""
    lanes = lanes_for(report)
    voice = _without_overlap(
        [(s.start, s.end, s.voice) for s in report.segments if s.voice and s.start is not None and s.end is not None]
    )
    duration = _duration(report, lanes)
    if duration <= 0 or not (lanes or report.bursts or voice):
        return ""
    x = _scale(duration)
    parts: list[str] = []
    y = AXIS_H
    for lane in lanes:
        parts.append(_lane(lane, x, y))
        y += STRIP_H + LINES_H + LEGEND_H + LANE_GAP
    if voice:
        parts.append(_voice_lane(voice, x, y))
        y += VOICE_H + LANE_GAP
    markers = ""
    if report.bursts or "burst" in report.models:
        markers = _burst_row(report.bursts, x, y)
        y += BURST_H + BURST_ROW_H * (_burst_rows(report.bursts, x) - 1)
    background = _burst_guides(report.bursts, x, AXIS_H - 6, y)
    axis = _axis(duration, x, y)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y + 8}" width="100%" '
        f'role="img" aria-label="expression timeline" font-family="system-ui, sans-serif">'
        f"{axis}{background}{''.join(parts)}{markers}</svg>"
    )


def _duration(report: ExpressionReport, lanes: Sequence[Lane]) -> float:
    ends = [end for lane in lanes for _, end, _ in lane.items] + [b.end for b in report.bursts]
    return max([report.duration or 0.0, *ends])


class _scale:
    """Seconds to x pixels across the plot area."""

    def __init__(self, duration: float) -> None:
        self.duration = duration

    def __call__(self, seconds: float) -> float:
        return LEFT + PLOT * max(0.0, min(seconds, self.duration)) / self.duration


def _axis(duration: float, x: _scale, bottom: float) -> str:
    step = _tick_step(duration)
    ticks = []
    t = 0.0
    while t <= duration + 1e-9:
        px = x(t)
        ticks.append(
            f'<line x1="{px:.1f}" y1="{AXIS_H - 8}" x2="{px:.1f}" y2="{bottom:.1f}" stroke="#eef0f4"/>'
            f'<text x="{px:.1f}" y="{AXIS_H - 12}" font-size="11" fill="#6b7280" text-anchor="middle">'
            f"{_clock(t)}</text>"
        )
        t += step
    return "".join(ticks)


def _tick_step(duration: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800):
        if duration / step <= 14:
            return float(step)
    return 3600.0


def _clock(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:g} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _lane(lane: Lane, x: _scale, top: float) -> str:
    label = _LABELS.get(lane.modality, lane.modality)
    parts = [
        f'<text x="{LEFT - 12}" y="{top + STRIP_H / 2 + 4}" font-size="13" font-weight="600" fill="#111827" '
        f'text-anchor="end">{escape(label)}</text>',
    ]
    peak = max((max(s.score for s in scores) for _, _, scores in lane.items), default=1.0) or 1.0
    for start, end, scores in lane.items:
        parts.append(_strip_cell(start, end, scores, peak, x, top))
    parts.append(_lines(lane, x, top + STRIP_H + 6))
    return "".join(parts)


def _strip_cell(start: float, end: float, scores: list[EmotionScore], peak: float, x: _scale, top: float) -> str:
    best = max(scores, key=lambda s: s.score)
    x0, x1 = x(start), max(x(end), x(start) + 1.5)
    opacity = 0.3 + 0.7 * min(1.0, best.score / peak)
    title = f"{start:.1f}-{end:.1f} s: {best.name} {best.score:.2f}"
    cell = (
        f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{STRIP_H}" rx="3" '
        f'fill="{strip_color(best.name)}" fill-opacity="{opacity:.2f}" stroke="#fff" stroke-width="1">'
        f"<title>{escape(title)}</title></rect>"
    )
    text = f"{best.name} {best.score:.2f}"
    if x1 - x0 > _CHAR_W * len(text) + 10:
        cell += (
            f'<text x="{x0 + 6:.1f}" y="{top + STRIP_H / 2 + 4:.1f}" font-size="12" fill="#fff" '
            f'font-weight="600">{escape(text)}</text>'
        )
    elif x1 - x0 > _CHAR_W * len(best.name) + 10:
        cell += (
            f'<text x="{x0 + 6:.1f}" y="{top + STRIP_H / 2 + 4:.1f}" font-size="12" fill="#fff" '
            f'font-weight="600">{escape(best.name)}</text>'
        )
    return cell


def _lines(lane: Lane, x: _scale, top: float) -> str:
    values = [s.score for _, _, scores in lane.items for s in scores if s.name in lane.names]
    ceiling = _ceiling(max(values, default=0.1))
    parts = [
        f'<rect x="{LEFT}" y="{top:.1f}" width="{PLOT}" height="{LINES_H}" fill="#fafbfc" stroke="#e5e7eb"/>',
        _axis_label(top + 10, f"{ceiling:.2f}"),
        _axis_label(top + LINES_H, "0"),
        _axis_label(top + LINES_H / 2 + 4, "score"),
    ]
    legend_x = LEFT
    for index, name in enumerate(lane.names):
        color = LINE_PALETTE[index % len(LINE_PALETTE)]
        path = _step_path(lane.items, name, x, top, ceiling)
        parts.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.2" stroke-linejoin="round"/>')
        parts.append(
            f'<rect x="{legend_x}" y="{top + LINES_H + 9:.1f}" width="12" height="4" rx="2" fill="{color}"/>'
            f'<text x="{legend_x + 17}" y="{top + LINES_H + 15:.1f}" font-size="11.5" fill="#374151">'
            f"{escape(name)}</text>"
        )
        legend_x += 34 + 7 * len(name)
    return "".join(parts)


def _axis_label(y: float, text: str) -> str:
    return f'<text x="{LEFT - 8}" y="{y:.1f}" font-size="10" fill="#9ca3af" text-anchor="end">{escape(text)}</text>'


def _ceiling(value: float) -> float:
    for ceiling in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
        if value <= ceiling:
            return ceiling
    return 1.0


def _step_path(
    items: Sequence[tuple[float, float, list[EmotionScore]]], name: str, x: _scale, top: float, ceiling: float
) -> str:
    commands = []
    previous_end: float | None = None
    for start, end, scores in items:
        score = next((s.score for s in scores if s.name == name), 0.0)
        y = top + LINES_H - LINES_H * min(score, ceiling) / ceiling
        verb = "L" if previous_end is not None and start - previous_end < _JOIN_GAP else "M"
        commands.append(f"{verb}{x(start):.1f},{y:.1f} L{max(x(end), x(start) + 1):.1f},{y:.1f}")
        previous_end = end
    return " ".join(commands)


def _voice_lane(voice: Sequence[tuple[float, float, VoiceDimensions]], x: _scale, top: float) -> str:
    parts = [
        f'<text x="{LEFT - 12}" y="{top + 16}" font-size="13" font-weight="600" fill="#111827" '
        'text-anchor="end">Voice level</text>',
        f'<text x="{LEFT - 12}" y="{top + 30}" font-size="10" fill="#9ca3af" text-anchor="end">0.5 = usual</text>',
        f'<rect x="{LEFT}" y="{top}" width="{PLOT}" height="{VOICE_H - 22}" fill="#fafbfc" stroke="#e5e7eb"/>',
        f'<line x1="{LEFT}" x2="{LEFT + PLOT}" y1="{top + (VOICE_H - 22) / 2}" y2="{top + (VOICE_H - 22) / 2}" '
        'stroke="#cbd5e1" stroke-dasharray="4 4"/>',
    ]
    height = VOICE_H - 22
    for index, (field, color) in enumerate((("arousal", "#e11d48"), ("valence", "#2563eb"))):
        commands = []
        previous_end: float | None = None
        for start, end, dims in voice:
            y = top + height - height * float(getattr(dims, field))
            verb = "L" if previous_end is not None and start - previous_end < _JOIN_GAP else "M"
            commands.append(f"{verb}{x(start):.1f},{y:.1f} L{x(end):.1f},{y:.1f}")
            previous_end = end
        parts.append(f'<path d="{" ".join(commands)}" fill="none" stroke="{color}" stroke-width="2"/>')
        lx = LEFT + index * 110
        parts.append(
            f'<rect x="{lx}" y="{top + height + 9}" width="12" height="4" rx="2" fill="{color}"/>'
            f'<text x="{lx + 17}" y="{top + height + 15}" font-size="11.5" fill="#374151">{field}</text>'
        )
    return "".join(parts)


def _burst_guides(bursts: Sequence[Burst], x: _scale, top: float, bottom: float) -> str:
    return "".join(
        f'<rect x="{x(b.start):.1f}" y="{top:.1f}" width="{max(2.0, x(b.end) - x(b.start)):.1f}" '
        f'height="{bottom - top:.1f}" fill="#f472b6" fill-opacity="0.10"/>'
        f'<line x1="{x(b.start):.1f}" x2="{x(b.start):.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="#db2777" '
        'stroke-dasharray="3 3" stroke-opacity="0.6"/>'
        for b in bursts
    )


def _burst_layout(bursts: Sequence[Burst], x: _scale) -> list[tuple[Burst, float, int, str]]:
    """Each burst's pill: (burst, x, row, label), stacked into rows so pills never overlap."""
    row_ends: list[float] = []
    placed = []
    for burst in sorted(bursts, key=lambda b: b.start):
        label = f"{burst.type} {burst.confidence:.2f}"
        width = 7 * len(label) + 14
        px = min(x(burst.start), LEFT + PLOT + RIGHT - width - 2)
        row = next((i for i, end in enumerate(row_ends) if px >= end + 4), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = px + width
        placed.append((burst, px, row, label))
    return placed


def _burst_rows(bursts: Sequence[Burst], x: _scale) -> int:
    return max((row + 1 for _, _, row, _ in _burst_layout(bursts, x)), default=1)


def _burst_row(bursts: Sequence[Burst], x: _scale, top: float) -> str:
    parts = [
        f'<text x="{LEFT - 12}" y="{top + 22}" font-size="13" font-weight="600" fill="#111827" '
        'text-anchor="end">Bursts</text>'
    ]
    if not bursts:
        parts.append(f'<text x="{LEFT}" y="{top + 22}" font-size="12" fill="#9ca3af">none detected</text>')
    for burst, px, row, label in _burst_layout(bursts, x):
        y = top + 8 + row * BURST_ROW_H
        opacity = 0.35 + 0.65 * burst.confidence if burst.expressive else 0.4
        fill = "#db2777" if burst.expressive else "#6b7280"
        title = f"{burst.type} {burst.start:.1f}-{burst.end:.1f} s, confidence {burst.confidence:.2f}"
        parts.append(
            f'<g opacity="{opacity:.2f}"><title>{escape(title)}</title>'
            f'<rect x="{px:.1f}" y="{y}" width="{7 * len(label) + 14}" height="22" rx="11" fill="{fill}"/>'
            f'<text x="{px + 7:.1f}" y="{y + 15}" font-size="11.5" fill="#fff" font-weight="600">'
            f"{escape(label)}</text></g>"
        )
    return "".join(parts)


def segment_top(segment: SegmentExpression, modality: str, n: int = 3) -> list[EmotionScore]:
    """A segment's `n` highest scores in `modality`."""
    scores: list[EmotionScore] = getattr(segment, modality)
    return sorted(scores, key=lambda s: -s.score)[:n]
