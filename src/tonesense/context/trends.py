"""Trend and shift detection over a speaker's recent per-turn combined vectors.

A trend is a name whose score moved the same way at every step over the last `window` measured turns, by at
least `min_delta` in total, and is at a notable level (the last score for a rise, the first for a fall, at
least `min_level`). A shift is a single turn whose score sits at least `shift_delta` above (or below) the
speaker's smoothed score before that turn, at a notable level. Both describe cues, not feelings.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Movement", "TrendOptions", "find_shifts", "find_trends"]

Direction = Literal["rising", "falling"]


@dataclass(frozen=True)
class TrendOptions:
    """Thresholds for trends and shifts; scores are in [0, 1]."""

    window: int = 3
    min_delta: float = 0.15
    min_level: float = 0.3
    shift_delta: float = 0.3
    shift_level: float = 0.5
    max_items: int = 3

    def __post_init__(self) -> None:
        if self.window < 2:
            raise ValueError(f"trend window must be at least 2 turns, got {self.window}")
        if not 0.0 < self.min_delta <= 1.0 or not 0.0 < self.shift_delta <= 1.0:
            raise ValueError("min_delta and shift_delta must be in (0, 1]")
        if self.max_items < 1:
            raise ValueError("max_items must be at least 1")


@dataclass(frozen=True)
class Movement:
    """A detected trend or shift for the name at `position`: from `first` to `last`."""

    position: int
    direction: Direction
    first: float
    last: float

    @property
    def delta(self) -> float:
        return self.last - self.first


def find_trends(history: Sequence[Sequence[float]], options: TrendOptions) -> list[Movement]:
    """Trends over the last `options.window` vectors of `history` (oldest first), strongest first."""
    if len(history) < options.window:
        return []
    recent = history[-options.window :]
    found = []
    for position, (first, last) in enumerate(zip(recent[0], recent[-1], strict=True)):
        if abs(last - first) < options.min_delta:  # cheap test first: most names move little
            continue
        movement = _trend_at(position, [vector[position] for vector in recent], options)
        if movement is not None:
            found.append(movement)
    return _strongest(found, options.max_items)


def _trend_at(position: int, series: Sequence[float], options: TrendOptions) -> Movement | None:
    steps = [later - earlier for earlier, later in itertools.pairwise(series)]
    first, last = series[0], series[-1]
    if all(step > 0 for step in steps) and last - first >= options.min_delta and last >= options.min_level:
        return Movement(position, "rising", first, last)
    if all(step < 0 for step in steps) and first - last >= options.min_delta and first >= options.min_level:
        return Movement(position, "falling", first, last)
    return None


def find_shifts(previous: Sequence[float], current: Sequence[float], options: TrendOptions) -> list[Movement]:
    """Names whose score in `current` jumped or dropped sharply against the smoothed `previous`."""
    found: list[Movement] = []
    for position, (before, now) in enumerate(zip(previous, current, strict=True)):
        if now - before >= options.shift_delta and now >= options.shift_level:
            found.append(Movement(position, "rising", before, now))
        elif before - now >= options.shift_delta and before >= options.shift_level:
            found.append(Movement(position, "falling", before, now))
    return _strongest(found, options.max_items)


def _strongest(found: list[Movement], limit: int) -> list[Movement]:
    return sorted(found, key=lambda movement: (-abs(movement.delta), movement.position))[:limit]
