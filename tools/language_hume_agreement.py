"""Measure how closely the local language scorer agrees with real outputs of Hume's v0 language model.

    python tools/language_hume_agreement.py FILE [--json] [--min-granularity sentence]

FILE is a JSON list of `{"text", "emotions": {name: score} (Hume's 53 language names), "source",
"granularity", optional "context_text"}` items, or Hume v0 batch predictions JSON (read with
`tonesense.schema.hume_v0.reports_from_v0`; v0 JSON does not say its granularity, so its items are labelled
"word" when every text is one word, else "utterance"). Every text is scored on its own, as tonesense scores
it; `context_text` is not fed to the scorer.

Both models' scores are about perceived expression: how strongly a reader would likely perceive each
expression in the words, not what the writer felt. Agreement here means agreeing with Hume's perception
model, not with anyone's feelings. The figures, overall and per granularity (and source) group:
- per-text Spearman and Pearson r across the 53 dimensions (does our profile of a text rank and shape like
  Hume's?), mean and median over texts;
- top-1 hits: share of texts where Hume's top dimension is in our top 3 / top 5, and ours is in Hume's top 3;
  (in a baseline's column, "our" reads as the baseline's);
- per-dimension Pearson and Spearman r across texts, mean over the dimensions where both sides vary (3+
  texts); Pearson here is driven by the few texts where a rare dimension is high, Spearman by the many
  near-zero ones, so read both;
- mean absolute error (Hume's scores are not bounded by 1, ours are; read it as scale agreement).

Every figure is beside two baselines. "LOO mean" predicts, for each text, the mean of Hume's vectors over
all other items: Hume's language scores share a common profile (Interest, Concentration and Calmness high
for most texts), so a constant correlates well per text, and our model has to beat it. Its per-dimension r
is n/a: across texts its Pearson r is exactly -1 by construction. "Shuffled" gives each text one of our
vectors made for another text (a fixed-seed derangement): what we score above it is the part of our
agreement that is about the specific text. Baselines are built over all items read (after
`--min-granularity`), then summarised per group like ours.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, TypeAdapter, ValidationError

from tonesense.errors import InputError
from tonesense.evaluation.language_metrics import pearson_r
from tonesense.expression.language import MODEL_ID, LocalLanguageScorer
from tonesense.pipeline.options import GRANULARITIES
from tonesense.schema.hume_v0 import reports_from_v0
from tonesense.taxonomy import LANGUAGE_NAMES

__all__ = [
    "HumeItem",
    "agreement_groups",
    "average_ranks",
    "dimension_correlations",
    "figures",
    "loo_mean",
    "read_items",
    "shuffled_rows",
    "spearman_r",
    "top1_hits",
]

SEED = 0
BASELINES = ("ours", "loo_mean", "shuffled")
_ALIASES = {"conversational_turn": "turn", "passage": "window"}


class HumeItem(BaseModel):
    """One text and Hume's 53 language scores for it."""

    text: str
    emotions: dict[str, float]
    source: str = ""
    granularity: str = "utterance"
    context_text: str | None = None


# ---------------------------------------------------------------------------------------------- metrics


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
            "figures": {fig: {key: by_predictor[key][fig] for key in BASELINES} for fig in by_predictor["ours"]},
        }
    return out


# ---------------------------------------------------------------------------------------------- input


def read_items(data: Any) -> list[HumeItem]:
    """Items from a parsed JSON list of items or from Hume v0 batch predictions JSON."""
    if isinstance(data, dict) or (
        isinstance(data, list) and data and isinstance(data[0], dict) and "results" in data[0]
    ):
        items = _items_from_v0(data)
    else:
        try:
            items = TypeAdapter(list[HumeItem]).validate_python(data)
        except ValidationError as exc:
            raise InputError(f"expected a JSON list of {{text, emotions, source, granularity}} items: {exc}") from exc
    for item in items:
        missing = set(LANGUAGE_NAMES) - set(item.emotions)
        if missing:
            raise InputError(f"item {item.text[:40]!r} lacks Hume language scores for {sorted(missing)}")
    return [item.model_copy(update={"granularity": _canonical(item.granularity)}) for item in items]


def _items_from_v0(data: Any) -> list[HumeItem]:
    items = []
    for report in reports_from_v0(data):
        source = f"v0 file {report.origin.file if report.origin is not None else None}"
        items += [
            HumeItem(
                text=segment.text,
                emotions={score.name: score.score for score in segment.language},
                source=source,
                granularity=report.granularity,
            )
            for segment in report.segments
            if segment.language
        ]
    return items


def _canonical(granularity: str) -> str:
    name = _ALIASES.get(granularity, granularity)
    if name not in GRANULARITIES:
        raise InputError(f"unknown granularity {granularity!r}; expected one of {', '.join(GRANULARITIES)}")
    return name


def _group_masks(items: Sequence[HumeItem]) -> dict[str, np.ndarray]:
    """All items; each granularity (named with its source repo when it has one); each repo where it has more."""
    repos = np.array([item.source.split(" ")[0] for item in items])
    levels = np.array([item.granularity for item in items])
    groups = {"all": np.ones(len(items), dtype=bool)}
    for level in (g for g in GRANULARITIES if g in levels):
        in_level = levels == level
        level_repos = sorted(set(repos[in_level]))
        groups[f"{level} ({level_repos[0]})" if len(level_repos) == 1 else level] = in_level
        for repo in level_repos if len(level_repos) > 1 else []:
            groups[f"{level} / {repo}"] = in_level & (repos == repo)
    return groups


# ---------------------------------------------------------------------------------------------- output


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _table(result: dict[str, Any], write: Callable[[str], None]) -> None:
    write(f"{result['items']} items from {result['file']}; scorer {result['model_id']}; shuffle seed {SEED}")
    for name, group in result["groups"].items():
        write(f"\n{name}: {group['items']} items")
        write(f"  {'figure':<24} {'ours':>8} {'LOO mean':>9} {'shuffled':>9}")
        for figure, row in group["figures"].items():
            write(f"  {figure:<24} {_cell(row['ours']):>8} {_cell(row['loo_mean']):>9} {_cell(row['shuffled']):>9}")
    ranked = sorted((d for d in result["dimensions"] if d["pearson"] is not None), key=lambda d: -d["pearson"])
    for title, rows in (("best", ranked[:8]), ("worst", ranked[-8:][::-1])):
        write(f"\nper-dimension r across all texts, {title} 8 by Pearson:")
        write(f"  {'dimension':<24} {'Pearson':>8} {'Spearman':>9} {'Hume mean':>10} {'ours mean':>10}")
        for d in rows:
            means = f"{d['hume_mean']:>10.3f} {d['ours_mean']:>10.3f}"
            write(f"  {d['name']:<24} {d['pearson']:>8.3f} {_cell(d['spearman']):>9} {means}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="JSON list of Hume-scored items, or Hume v0 predictions JSON")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument(
        "--min-granularity",
        default="word",
        choices=[*GRANULARITIES, *_ALIASES],
        help="keep items at this granularity or coarser (word < sentence < utterance < turn < window)",
    )
    args = parser.parse_args(argv)
    try:
        items = read_items(json.loads(args.file.read_text(encoding="utf-8")))
        floor = GRANULARITIES.index(_canonical(args.min_granularity))
        items = [item for item in items if GRANULARITIES.index(item.granularity) >= floor]
        if len(items) < 2:
            raise InputError(f"{len(items)} items at granularity {args.min_granularity} or coarser; need 2 or more")
    except (InputError, OSError, json.JSONDecodeError) as exc:
        raise SystemExit(f"{args.file}: {exc}") from exc
    ours, _ = LocalLanguageScorer().score_arrays([item.text for item in items])
    hume = np.array([[item.emotions[name] for name in LANGUAGE_NAMES] for item in items])
    pearsons, spearmans = dimension_correlations(ours, hume), dimension_correlations(ours, hume, spearman_r)
    result = {
        "file": str(args.file),
        "items": len(items),
        "model_id": MODEL_ID,
        "groups": agreement_groups(ours, hume, _group_masks(items)),
        "dimensions": [
            {"name": n, "pearson": r, "spearman": rho, "hume_mean": float(h), "ours_mean": float(o)}
            for n, r, rho, h, o in zip(
                LANGUAGE_NAMES, pearsons, spearmans, hume.mean(axis=0), ours.mean(axis=0), strict=True
            )
        ],
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _table(result, print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
