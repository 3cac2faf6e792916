"""Agreement figures between two sets of 53-dimension score vectors (ours against a reference such as Hume's).

Per text: rank and linear correlation across the dimensions and top-1 hits; per dimension: correlation across
texts; overall: mean absolute error. `agreement_groups` reports each figure beside two baselines, the
leave-one-out mean of the reference and our vectors shuffled among the texts (`tonesense.evaluation.hume_language`
says how to read them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tonesense.errors import InputError
from tonesense.evaluation.language_metrics import pearson_r

__all__ = [
    "PREDICTORS",
    "SEED",
    "agreement_groups",
    "average_ranks",
    "dimension_correlations",
    "figures",
    "loo_mean",
    "shuffled_rows",
    "spearman_r",
    "top1_hits",
]

SEED = 0
PREDICTORS = ("ours", "loo_mean", "shuffled")


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of `values`, tied values sharing the mean of the ranks they span."""
    values = np.asarray(values, dtype=float)
    ranks = np.empty(len(values))
    ranks[np.argsort(values, kind="stable")] = np.arange(1, len(values) + 1)
    _, tie_group = np.unique(values, return_inverse=True)
    return np.asarray((np.bincount(tie_group, weights=ranks) / np.bincount(tie_group))[tie_group])


def spearman_r(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (Pearson r of average ranks); 0.0 when either is constant."""
    return pearson_r(average_ranks(x), average_ranks(y))


def top1_hits(ranked: np.ndarray, leader: np.ndarray, k: int) -> np.ndarray:
    """Per row, whether `leader`'s highest dimension is among `ranked`'s k highest (both (n, d))."""
    top_k = np.argsort(-ranked, axis=1, kind="stable")[:, :k]
    return np.asarray((top_k == leader.argmax(axis=1)[:, None]).any(axis=1))


def dimension_correlations(
    predicted: np.ndarray, hume: np.ndarray, correlation: Callable[[np.ndarray, np.ndarray], float] = pearson_r
) -> list[float | None]:
    """`correlation` across texts per dimension; None where either side is constant or there are under 3 texts."""
    if len(hume) < 3:
        return [None] * hume.shape[1]
    return [
        correlation(predicted[:, j], hume[:, j]) if np.ptp(predicted[:, j]) > 0 and np.ptp(hume[:, j]) > 0 else None
        for j in range(hume.shape[1])
    ]


def figures(predicted: np.ndarray, hume: np.ndarray, *, per_dimension: bool = True) -> dict[str, float | None]:
    """Every agreement figure of `predicted` against `hume` (both (n, 53)); see the module docstring."""
    spearman = [spearman_r(p, h) for p, h in zip(predicted, hume, strict=True)]
    pearson = [pearson_r(p, h) for p, h in zip(predicted, hume, strict=True)]
    dims = dimension_correlations(predicted, hume) if per_dimension else []
    dims_rank = dimension_correlations(predicted, hume, spearman_r) if per_dimension else []
    return {
        "spearman_mean": float(np.mean(spearman)),
        "spearman_median": float(np.median(spearman)),
        "pearson_mean": float(np.mean(pearson)),
        "pearson_median": float(np.median(pearson)),
        "hume_top1_in_our_top3": float(top1_hits(predicted, hume, 3).mean()),
        "hume_top1_in_our_top5": float(top1_hits(predicted, hume, 5).mean()),
        "our_top1_in_hume_top3": float(top1_hits(hume, predicted, 3).mean()),
        "dimension_pearson_mean": _mean_defined(dims),
        "dimension_spearman_mean": _mean_defined(dims_rank),
        "mae": float(np.abs(predicted - hume).mean()),
    }


def _mean_defined(values: list[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return float(np.mean(defined)) if defined else None


def loo_mean(hume: np.ndarray) -> np.ndarray:
    """Row i: the mean of every other row of `hume` (needs 2+ rows)."""
    if len(hume) < 2:
        raise InputError("the leave-one-out baseline needs at least 2 items")
    return np.asarray((hume.sum(axis=0) - hume) / (len(hume) - 1))


def shuffled_rows(rows: np.ndarray, seed: int = SEED) -> np.ndarray:
    """`rows` reordered so that no row stays in place (a random cycle through all rows; needs 2+ rows)."""
    order = np.random.default_rng(seed).permutation(len(rows))
    out = np.empty_like(rows)
    out[order] = rows[np.roll(order, -1)]
    return out


def agreement_groups(
    ours: np.ndarray, hume: np.ndarray, groups: dict[str, np.ndarray], *, seed: int = SEED
) -> dict[str, dict[str, Any]]:
    """Per group (name -> row mask): its item count and each figure for ours and both baselines."""
    predictors = {"ours": ours, "loo_mean": loo_mean(hume), "shuffled": shuffled_rows(ours, seed)}
    out: dict[str, dict[str, Any]] = {}
    for name, mask in groups.items():
        by_predictor = {
            key: figures(values[mask], hume[mask], per_dimension=key != "loo_mean")
            for key, values in predictors.items()
        }
        out[name] = {
            "items": int(mask.sum()),
            "figures": {fig: {key: by_predictor[key][fig] for key in PREDICTORS} for fig in by_predictor["ours"]},
        }
    return out
