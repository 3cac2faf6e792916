"""Rendering conversation state for an LLM: a system-prompt block, a per-turn header and a context block.

Output is deterministic: the same state renders to the same text. Token counts are estimated as one token
per 4 characters, rounded up (`approx_tokens`), a rule that holds roughly for English with BPE tokenizers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from string import Template

from tonesense.context.digest import MIN_EXPRESSION_SCORE, TOP_K, VOICE_HIGH, VOICE_LOW
from tonesense.context.models import ConversationState, ShiftEvent, SpeakerSummary, TurnDigest
from tonesense.context.smoothing import DEFAULT_ALPHA
from tonesense.context.templates import load_template, template_lines
from tonesense.context.trends import TrendOptions
from tonesense.context.update import AFTER_PREVIOUS_TURN_S
from tonesense.context.vectors import COMBINED, MIN_BURST_CONFIDENCE
from tonesense.context.wording import bursts_phrase, score_text, shift_phrase, trend_phrase
from tonesense.errors import InputError
from tonesense.schema import EmotionScore

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "EXAMPLE_HEADER",
    "approx_tokens",
    "render_context_block",
    "render_system_prompt",
    "render_turn_header",
    "scoring_guide",
]

DEFAULT_MAX_TOKENS = 300
EXAMPLE_HEADER = "[expression: annoyance 0.71, tiredness 0.40 | voice: tense, fast | laughed at 3.2 s]"
_MAX_HEADER_BURSTS = 3
_MODALITY_LABELS = {"language": "words", "prosody": "voice", "burst": "bursts"}
# Priorities for the token budget: higher survives longer.
_LAST_TURN, _TITLE, _TRENDS, _LATEST_EVENTS, _SMOOTHED, _MISSING, _EVENTS, _DETAILS = 100, 90, 70, 55, 50, 45, 40, 10


def approx_tokens(text: str) -> int:
    """Estimated tokens: one per 4 characters, rounded up."""
    return math.ceil(len(text) / 4)


def render_system_prompt() -> str:
    """The system-prompt block that says once what the headers and scores mean and how to use them."""
    return Template(load_template("system_prompt.md")).substitute(
        example_header=EXAMPLE_HEADER, min_score=f"{MIN_EXPRESSION_SCORE:.2f}"
    )


def scoring_guide() -> str:
    """The scoring guide (an MCP resource): what scores, modalities, smoothing, trends and headers mean."""
    trends = TrendOptions()
    return Template(load_template("scoring_guide.md")).substitute(
        example_header=EXAMPLE_HEADER,
        top_k=TOP_K,
        min_score=f"{MIN_EXPRESSION_SCORE:.2f}",
        high=f"{VOICE_HIGH:.2f}",
        low=f"{VOICE_LOW:.2f}",
        burst_confidence=f"{MIN_BURST_CONFIDENCE:.2f}",
        alpha=f"{DEFAULT_ALPHA:.2f}",
        window=trends.window,
        min_delta=f"{trends.min_delta:.2f}",
        min_level=f"{trends.min_level:.2f}",
        shift_delta=f"{trends.shift_delta:.2f}",
        shift_level=f"{trends.shift_level:.2f}",
        after_s=f"{AFTER_PREVIOUS_TURN_S:.0f}",
    )


def render_turn_header(state: ConversationState) -> str:
    """The short header for the last turn, e.g.
    `[expression: annoyance 0.71, tiredness 0.40 | voice: tense, fast | laughed at 3.2 s]`; "" before any turn."""
    digest = state.last_turn
    if digest is None:
        return ""
    if not digest.measured:
        return "[expression: not measured]"
    cues = ", ".join(score_text(score.name, score.score) for score in digest.expression) or "no clear cues"
    parts = [f"expression: {cues}"]
    if digest.voice:
        parts.append("voice: " + ", ".join(digest.voice))
    if digest.bursts:
        parts.append(bursts_phrase([(b.type, b.start) for b in digest.bursts[:_MAX_HEADER_BURSTS]]))
    change = _change_at(state, digest)
    if change:
        parts.append(change)
    return "[" + " | ".join(parts) + "]"


def _change_at(state: ConversationState, digest: TurnDigest) -> str:
    for event in state.events:
        if event.turn_index != digest.index or event.kind != "trend":
            continue
        turns = next(
            (t.turns for s in state.speakers for t in s.trends if s.speaker == event.speaker and t.name == event.name),
            TrendOptions().window,
        )
        return trend_phrase(event.name, _direction(event), turns)
    for event in state.events:
        if event.turn_index == digest.index and event.kind == "shift":
            return shift_phrase(event.name, _direction(event))
    return ""


def _direction(event: ShiftEvent) -> str:
    return "rising" if (event.delta or 0.0) > 0 else "falling"


@dataclass(frozen=True)
class _Line:
    """A line of the context block; `shorter` are stand-ins, tried in order when `text` does not fit."""

    text: str
    priority: int
    section: str = ""
    shorter: tuple[str, ...] = ()


def render_context_block(state: ConversationState, *, max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
    """The conversation's context for an LLM within `max_tokens` (estimated by `approx_tokens`).

    When the budget is short, the least important lines go first: per-modality details, then older events
    (oldest first), then the note on what the last turn could not measure, then smoothed summaries, then the
    last turn's events, then trends, then the title (first shortened); the last turn's line goes last (first
    cut down to the bare header).
    """
    if max_tokens < 1:
        raise InputError(f"max_tokens must be at least 1, got {max_tokens}")
    if state.last_turn is None:
        return ""
    labels = template_lines("context_block.md")
    lines = _context_lines(state, labels)
    kept = _fit(lines, labels, max_tokens)
    return "\n".join(kept)


def _context_lines(state: ConversationState, labels: dict[str, str]) -> list[_Line]:
    digest = state.last_turn
    assert digest is not None
    title = Template(labels["title"]).substitute(conversation_id=state.conversation_id, turns=state.turns)
    last = Template(labels["last_turn"]).substitute(speaker=digest.speaker, index=digest.index, header=state.header)
    short_title = Template(labels["short_title"]).substitute(conversation_id=state.conversation_id, turns=state.turns)
    header = state.header or render_turn_header(state)
    lines = [_Line(title, _TITLE, shorter=(short_title,)), _Line(last, _LAST_TURN, shorter=(header,))]
    missing = [_MODALITY_LABELS.get(modality, modality) for modality in sorted(digest.missing)]
    if missing:
        text = Template(labels["missing"]).substitute(modalities=", ".join(missing))
        lines.append(_Line(text, _MISSING))
    for speaker in state.speakers:
        lines += [_Line(f"- {speaker.speaker}: {trend.description}", _TRENDS, "trends") for trend in speaker.trends]
    lines += _event_lines(state.events, digest.index)
    for speaker in state.speakers:
        lines += _smoothed_lines(speaker)
    return lines


def _event_lines(events: list[ShiftEvent], latest_turn: int) -> list[_Line]:
    newest_first = sorted(events, key=lambda event: -event.turn_index)
    return [
        _Line(f"- {event.description}", _event_priority(event, latest_turn, age), "events")
        for age, event in enumerate(newest_first)
    ]


def _event_priority(event: ShiftEvent, latest_turn: int, age: int) -> int:
    if event.turn_index == latest_turn:
        return _LATEST_EVENTS
    return _EVENTS - min(age, _EVENTS - _DETAILS - 1)


def _smoothed_lines(speaker: SpeakerSummary) -> list[_Line]:
    combined = speaker.smoothed.get(COMBINED, [])
    if not _cue_list(combined):
        return []
    cues = _cue_list(combined)
    turns = "turn" if speaker.measured_turns == 1 else "turns"
    lines = [_Line(f"- {speaker.speaker} ({speaker.measured_turns} measured {turns}): {cues}", _SMOOTHED, "smoothed")]
    details = [
        f"{label}: {cues}"
        for modality, label in _MODALITY_LABELS.items()
        if (cues := _cue_list(speaker.smoothed.get(modality, [])))
    ]
    if details:
        lines.append(_Line("  " + "; ".join(details), _DETAILS, "smoothed"))
    return lines


def _cue_list(scores: list[EmotionScore]) -> str:
    return ", ".join(score_text(s.name, s.score) for s in scores if s.score >= MIN_EXPRESSION_SCORE)


def _fit(lines: list[_Line], labels: dict[str, str], max_tokens: int) -> list[str]:
    """Keep the most important lines within the budget (each line costs its tokens plus one for the newline),
    a section heading counted with the first line kept under it; return them in their original order."""
    order = sorted(range(len(lines)), key=lambda i: (-lines[i].priority, i))
    kept: dict[int, str] = {}
    headed: set[str] = set()
    used = 0
    for i in order:
        line = lines[i]
        heading = approx_tokens(labels[line.section]) + 1 if line.section and line.section not in headed else 0
        for text in (line.text, *line.shorter):
            cost = approx_tokens(text) + 1 + heading
            if used + cost <= max_tokens:
                used += cost
                kept[i] = text
                if line.section:
                    headed.add(line.section)
                break
    out: list[str] = []
    for i, line in enumerate(lines):
        if i not in kept:
            continue
        if line.section and line.section in headed:
            out.append(labels[line.section])
            headed.discard(line.section)
        out.append(kept[i])
    return out
