"""Property tests (hypothesis) for smoothing, trend and shift detection, and the rendering budget."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tonesense.context import ConversationTracker, approx_tokens, render_context_block
from tonesense.context.smoothing import ema, smooth_vectors
from tonesense.context.trends import TrendOptions, find_shifts, find_trends
from tonesense.taxonomy import PROSODY_NAMES

from .reports import laugh, make_report

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
alphas = st.floats(min_value=0.01, max_value=1.0, allow_nan=False)


@st.composite
def vector_pairs(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    size = draw(st.integers(min_value=1, max_value=60))
    return draw(st.lists(unit, min_size=size, max_size=size)), draw(st.lists(unit, min_size=size, max_size=size))


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(vector_pairs(), alphas)
def test_smoothed_value_lies_between_previous_and_current(pair: tuple[list[float], list[float]], alpha: float) -> None:
    previous, current = pair
    for old, new, value in zip(previous, current, ema(previous, current, alpha), strict=True):
        assert min(old, new) - 1e-12 <= value <= max(old, new) + 1e-12
        assert 0.0 <= value <= 1.0 + 1e-12


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(vector_pairs())
def test_alpha_one_keeps_only_the_newest_turn(pair: tuple[list[float], list[float]]) -> None:
    previous, current = pair
    assert ema(previous, current, 1.0) == current


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(unit, unit, alphas, st.integers(min_value=1, max_value=30))
def test_a_constant_cue_is_approached_geometrically(start: float, level: float, alpha: float, turns: int) -> None:
    smoothed = [start]
    for _ in range(turns):
        smoothed = ema(smoothed, [level], alpha)
    assert abs(smoothed[0] - level) == pytest.approx(abs(start - level) * (1 - alpha) ** turns, abs=1e-9)


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(st.floats(allow_nan=False).filter(lambda a: not 0.0 < a <= 1.0))
def test_alpha_outside_zero_one_is_refused(alpha: float) -> None:
    with pytest.raises(ValueError):
        ema([0.5], [0.5], alpha)


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(vector_pairs(), alphas)
def test_modalities_a_turn_did_not_measure_keep_their_smoothed_scores(
    pair: tuple[list[float], list[float]], alpha: float
) -> None:
    previous, current = pair
    smoothed = smooth_vectors({"prosody": previous, "language": previous}, {"language": current}, alpha)
    assert smoothed["prosody"] == previous


DEFAULTS = TrendOptions()


@st.composite
def rising_series(draw: st.DrawFn) -> list[float]:
    """A strictly rising series of `window` scores ending at a notable level, rising by at least min_delta."""
    margin = 1e-9  # keeps last - first >= min_delta after float rounding
    first = draw(st.floats(min_value=0.0, max_value=1.0 - DEFAULTS.min_delta - margin))
    last = draw(st.floats(min_value=max(first + DEFAULTS.min_delta + margin, DEFAULTS.min_level), max_value=1.0))
    inner = draw(st.lists(st.floats(min_value=first, max_value=last), min_size=DEFAULTS.window - 2, unique=True))
    series = [first, *sorted(inner)[: DEFAULTS.window - 2], last]
    assume(len(set(series)) == DEFAULTS.window)
    return series


def _as_history(series: list[float], position: int, size: int = 8) -> list[list[float]]:
    return [[value if i == position else 0.0 for i in range(size)] for value in series]


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(rising_series(), st.integers(min_value=0, max_value=7))
def test_steady_rise_is_found_and_its_reverse_is_a_fall(series: list[float], position: int) -> None:
    options = TrendOptions()
    (rise,) = find_trends(_as_history(series, position), options)
    assert (rise.position, rise.direction, rise.first, rise.last) == (position, "rising", series[0], series[-1])
    (fall,) = find_trends(_as_history(series[::-1], position), options)
    assert (fall.position, fall.direction) == (position, "falling")


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(st.lists(unit, min_size=3, max_size=3), st.integers(min_value=0, max_value=7))
def test_no_rise_is_reported_unless_every_step_rises(series: list[float], position: int) -> None:
    found = find_trends(_as_history(series, position), TrendOptions())
    steady = series[0] < series[1] < series[2]
    if not steady:
        assert all(movement.direction != "rising" for movement in found)


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(st.lists(st.lists(unit, min_size=5, max_size=5), min_size=3, max_size=12), st.integers(min_value=2, max_value=4))
def test_trends_depend_only_on_the_last_window_turns(history: list[list[float]], window: int) -> None:
    options = TrendOptions(window=window)
    assert find_trends(history, options) == find_trends(history[-window:], options)
    found = find_trends(history, options)
    assert len(found) <= options.max_items
    assert [abs(m.delta) for m in found] == sorted((abs(m.delta) for m in found), reverse=True)


@settings(deadline=None)  # timing varies on a busy CI machine; correctness is what is tested
@given(vector_pairs())
def test_a_jump_up_seen_backwards_is_a_drop(pair: tuple[list[float], list[float]]) -> None:
    previous, current = pair
    options = TrendOptions(max_items=100)
    forward = {(m.position, m.direction, m.first, m.last) for m in find_shifts(previous, current, options)}
    backward = {(m.position, m.direction, m.last, m.first) for m in find_shifts(current, previous, options)}
    flipped = {(p, "falling" if d == "rising" else "rising", a, b) for p, d, a, b in backward}
    assert forward == flipped


turn_scores = st.dictionaries(st.sampled_from(PROSODY_NAMES[:12]), unit, max_size=4)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(turn_scores, st.booleans(), st.sampled_from(["user", "agent"])), min_size=1, max_size=8))
def test_any_conversation_keeps_scores_in_range_and_counts_turns(
    turns: list[tuple[dict[str, float], bool, str]],
) -> None:
    tracker = ConversationTracker(max_events=5)
    for scores, laughed, speaker in turns:
        report = make_report(scores, scores, bursts=[laugh(0.5, 1.0)] if laughed else [])
        state = tracker.add_turn("c", report=report, speaker=speaker)
    assert state.turns == len(turns)
    assert len(state.events) <= 5
    for summary in state.speakers:
        for top in summary.smoothed.values():
            assert all(0.0 <= score.score <= 1.0 for score in top)
            assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(turn_scores, st.booleans()), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=400),
)
def test_context_block_keeps_to_its_budget_and_drops_or_shortens_whole_lines(
    turns: list[tuple[dict[str, float], bool]], budget: int
) -> None:
    tracker = ConversationTracker()
    for i, (scores, laughed) in enumerate(turns):
        tracker.add_turn("c", text=f"assistant line {i}", speaker="assistant")
        state = tracker.add_turn("c", report=make_report(scores, scores, bursts=[laugh(0.5, 1.0)] if laughed else []))
    full = render_context_block(state, max_tokens=10_000).splitlines()
    block = render_context_block(state, max_tokens=budget)
    assert approx_tokens(block) <= budget
    stand_ins = {state.header, f"Expression cues, c, {state.turns} turns (cues, not feelings):"}
    kept = iter(full)
    lines = [line for line in block.splitlines() if line not in stand_ins]
    assert all(line in kept for line in lines), "lines are kept whole (or as their stand-in) and in order"
    assert render_context_block(state, max_tokens=budget) == block
