"""Exponential smoothing of per-turn score vectors.

smoothed_t = alpha * x_t + (1 - alpha) * smoothed_(t-1), starting from the first observation. With alpha = 0.5
a turn's weight halves with every later measured turn of the same speaker. Smoothing runs per measured turn,
not per second: a long pause does not decay the cues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["DEFAULT_ALPHA", "ema", "smooth_vectors"]

DEFAULT_ALPHA = 0.5


def ema(previous: Sequence[float] | None, current: Sequence[float], alpha: float) -> list[float]:
    """One exponential-smoothing step; `previous` None (or of another length) starts from `current`."""
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"smoothing alpha must be in (0, 1], got {alpha}")
    if previous is None or len(previous) != len(current):
        return list(current)
    keep = 1.0 - alpha
    return [alpha * new + keep * old for old, new in zip(previous, current, strict=True)]


def smooth_vectors(
    previous: Mapping[str, Sequence[float]], current: Mapping[str, Sequence[float]], alpha: float
) -> dict[str, list[float]]:
    """Smooth each modality present in `current`; modalities this turn did not measure keep their values."""
    smoothed = {key: list(values) for key, values in previous.items()}
    for key, values in current.items():
        smoothed[key] = ema(previous.get(key), values, alpha)
    return smoothed
