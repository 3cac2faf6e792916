"""Metrics for the language evaluation: per-label and macro F1, Pearson r, best-F1 thresholds."""

from __future__ import annotations

import numpy as np

__all__ = ["best_threshold", "f1_per_label", "macro_f1", "pearson_r"]


def f1_per_label(predicted: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """F1 of each column of two boolean (n, k) arrays; a label never predicted nor present scores 0."""
    predicted, truth = predicted.astype(bool), truth.astype(bool)
    tp = (predicted & truth).sum(axis=0).astype(float)
    denom = predicted.sum(axis=0) + truth.sum(axis=0)
    return np.asarray(np.divide(2.0 * tp, denom, out=np.zeros(len(tp)), where=denom > 0))


def macro_f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Unweighted mean of per-label F1 (the GoEmotions paper's macro-F1)."""
    return float(f1_per_label(predicted, truth).mean())


def pearson_r(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation of two equal-length vectors; 0.0 when either is constant."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError("pearson_r needs two vectors of the same length >= 2")
    dx, dy = x - x.mean(), y - y.mean()
    denom = float(np.sqrt((dx**2).sum() * (dy**2).sum()))
    return float((dx * dy).sum() / denom) if denom > 0 else 0.0


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold in (0, 1) that maximises F1 of `scores >= t` against boolean `truth` (fit on DEV only)."""
    truth = truth.astype(bool)
    best_t, best_f1 = 0.5, -1.0
    for t in np.concatenate([np.linspace(0.005, 0.1, 20), np.linspace(0.11, 0.95, 85)]):
        f1 = f1_per_label((scores >= t)[:, None], truth[:, None])[0]
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t
