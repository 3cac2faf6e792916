"""`tonesense eval hume-language PATH`: how closely the local language scorer agrees with Hume's own results.

PATH is Hume v0 language results you kept: a batch predictions JSON (as the API or `report_to_v0` writes it),
a CSV as Hume's platform exported them (`Id, Text, BeginPosition, ..., ` then the 53 names), a JSON list of
`{"text", "emotions": {name: score}, "source", "granularity", "context_before"}` items, or a folder of such
files (read recursively). Neither v0 JSON nor the CSV says its granularity: a file whose every text is one
word counts as "word", any other as "utterance". Where a text's place in its passage is known (the character
positions of v0 JSON and CSV, or an item's `context_before`), it is scored in that context, as `Analyzer`
scores a segment (`AnalyzerOptions.language_context`); `alone=True` (`--alone`) scores every text on its own.

Both models' scores are about perceived expression: how strongly a reader would likely perceive each
expression in the words, not what the writer felt. Agreement here means agreeing with Hume's perception
model, not with anyone's feelings. The figures, overall and per granularity (and source) group:
- per-text Spearman and Pearson r across the 53 dimensions (does our profile of a text rank and shape like
  Hume's?), mean and median over texts;
- top-1 hits: share of texts where Hume's top dimension is in our top 3 / top 5, and ours is in Hume's top 3
  (in a baseline's column, "our" reads as the baseline's);
- per-dimension Pearson and Spearman r across texts, mean over the dimensions where both sides vary (3+
  texts); Pearson is driven by the few texts where a rare dimension is high, Spearman by the many near-zero
  ones, so read both;
- mean absolute error (Hume's scores are not bounded by 1, ours are; read it as scale agreement).

Every figure stands beside two baselines. "LOO mean" predicts, for each text, the mean of Hume's vectors over
all other items: Hume's language scores share a common profile (Interest, Concentration and Calmness high
for most texts), so a constant correlates well per text, and a model has to beat it. Its per-dimension r is
n/a: across texts its Pearson r is exactly -1 by construction. "Shuffled" gives each text our vector for
another text (a fixed-seed derangement): what we score above it is the part of the agreement that is about
the specific text. Baselines are built over all items read (after `min_granularity`), then summarised per
group like ours.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, TypeAdapter, ValidationError

from tonesense.errors import InputError, TonesenseError
from tonesense.evaluation.agreement import (
    SEED,
    agreement_groups,
    dimension_correlations,
    spearman_r,
)
from tonesense.expression.language import MODEL_ID, get_language_scorer
from tonesense.expression.protocols import LANGUAGE_CONTEXT_CHARS
from tonesense.pipeline.options import GRANULARITIES
from tonesense.pipeline.segmentation import Span, contexts_before
from tonesense.schema.hume_v0 import reports_from_v0
from tonesense.schema.report import Granularity
from tonesense.taxonomy import LANGUAGE_NAMES

__all__ = ["HumeItem", "evaluate", "format_report", "load_items", "read_csv", "read_items"]

_ALIASES = {"conversational_turn": "turn", "passage": "window"}


class HumeItem(BaseModel):
    """One text and Hume's 53 language scores for it."""

    text: str
    emotions: dict[str, float]
    source: str = ""
    """Where it came from (a file's path, or "OWNER/REPO PATH"); figures are grouped by `group`, else this."""
    group: str | None = None
    granularity: str = "utterance"
    context_before: str | None = None
    """The text read before this one in its passage: taken from the positions in v0 JSON and CSV exports,
    or given. Texts are scored in this context, as the Analyzer scores segments, unless `alone`."""


# ---------------------------------------------------------------------------------------------- input


def read_items(data: Any, source: str = "") -> list[HumeItem]:
    """Items from parsed JSON: a list of items, or Hume v0 batch predictions; `source` names items without one."""
    if isinstance(data, dict) or (
        isinstance(data, list) and data and isinstance(data[0], dict) and "results" in data[0]
    ):
        items = _items_from_v0(data, source)
    else:
        try:
            items = TypeAdapter(list[HumeItem]).validate_python(data)
        except ValidationError as exc:
            raise InputError(f"expected a JSON list of {{text, emotions, source, granularity}} items: {exc}") from exc
    return [_checked(item if item.source else item.model_copy(update={"source": source})) for item in items]


def _checked(item: HumeItem) -> HumeItem:
    missing = set(LANGUAGE_NAMES) - set(item.emotions)
    if missing:
        raise InputError(f"item {item.text[:40]!r} lacks Hume language scores for {sorted(missing)}")
    return item.model_copy(update={"granularity": _canonical(item.granularity)})


def _items_from_v0(data: Any, source: str) -> list[HumeItem]:
    try:
        reports = reports_from_v0(data)
    except TonesenseError:
        raise
    except (AttributeError, TypeError, KeyError, ValueError) as exc:  # a shape the v0 reader does not expect
        raise InputError(f"not Hume v0 predictions JSON ({type(exc).__name__}: {exc})") from exc
    items = []
    for report in reports:
        file = report.origin.file if report.origin is not None else None
        scored = [segment for segment in report.segments if segment.language]
        file_items = [
            HumeItem(
                text=segment.text,
                emotions={score.name: score.score for score in segment.language},
                source=f"{source} (file {file})" if file else source,
                group=source or None,
                granularity=report.granularity,
            )
            for segment in scored
        ]
        items += _in_passage(file_items, [s.position.begin if s.position else None for s in scored])
    return items


def _in_passage(items: list[HumeItem], begins: Sequence[int | None]) -> list[HumeItem]:
    """Items with `context_before` from their character offsets in one passage, rebuilt by putting each text
    at its offset (items without an offset are left as they are); at most LANGUAGE_CONTEXT_CHARS of it each."""
    placed = [(item, begin) for item, begin in zip(items, begins, strict=True) if begin is not None]
    if not placed:
        return items
    end = max(begin + len(item.text) for item, begin in placed)
    if min(begin for _, begin in placed) < 0 or end > 4 * sum(len(item.text) + 1 for item, _ in placed) + 10_000:
        raise InputError("text positions are negative or far beyond the texts' length: not a Hume export")
    chars = [" "] * end
    for item, begin in placed:
        chars[begin : begin + len(item.text)] = item.text
    spans = [Span(None, None, item.text, begin) for item, begin in placed]
    contexts = iter(contexts_before(spans, "".join(chars), LANGUAGE_CONTEXT_CHARS))
    return [
        item if begin is None else item.model_copy(update={"context_before": next(contexts).strip()})
        for item, begin in zip(items, begins, strict=True)
    ]


def read_csv(path: Path, source: str = "") -> list[HumeItem]:
    """Items from a language CSV as Hume's platform exported it: a `Text` column and one per dimension."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable CSV ({exc})") from exc
    if not rows or "Text" not in rows[0]:
        raise InputError(f"{path}: expected Hume's language CSV export, with a Text column and the 53 names")
    granularity = "word" if all(" " not in row["Text"].strip() for row in rows) else "utterance"
    try:
        items = [
            _checked(
                HumeItem(
                    text=row["Text"],
                    emotions={name: float(row[name]) for name in LANGUAGE_NAMES if row.get(name) not in (None, "")},
                    source=source or str(path),
                    granularity=granularity,
                )
            )
            for row in rows
        ]
        begins = [int(row["BeginPosition"]) if (row.get("BeginPosition") or "").strip() else None for row in rows]
    except ValueError as exc:
        raise InputError(f"{path}: a score or position is not a number ({exc})") from exc
    return _in_passage(items, begins)


def load_items(path: Path) -> list[HumeItem]:
    """Items from a JSON or CSV file, or from every such file under a folder (sources named by relative path)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".json", ".csv") and p.is_file())
        if not files:
            raise InputError(f"{path}: no .json or .csv files of Hume language results in this folder")
        return [item for file in files for item in _load_file(file, str(file.relative_to(path)))]
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    return _load_file(path, path.name)


def _load_file(path: Path, source: str) -> list[HumeItem]:
    if path.suffix.lower() == ".csv":
        return read_csv(path, source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not readable JSON ({exc})") from exc
    return read_items(data, source)


def _canonical(granularity: str) -> Granularity:
    name = _ALIASES.get(granularity, granularity)
    if name not in GRANULARITIES:
        raise InputError(f"unknown granularity {granularity!r}; expected one of {', '.join(GRANULARITIES)}")
    return name


def _group_masks(items: Sequence[HumeItem]) -> dict[str, np.ndarray]:
    """All items; each granularity (named with its group when it has one); each group where it has more."""
    sources = np.array([item.group or item.source for item in items])
    levels = np.array([item.granularity for item in items])
    groups = {"all": np.ones(len(items), dtype=bool)}
    for level in (g for g in GRANULARITIES if g in levels):
        in_level = levels == level
        level_sources = sorted(set(sources[in_level]))
        groups[f"{level} ({level_sources[0]})" if len(level_sources) == 1 else level] = in_level
        for name in level_sources if len(level_sources) > 1 else []:
            groups[f"{level} / {name}"] = in_level & (sources == name)
    return groups


# ---------------------------------------------------------------------------------------------- evaluate


def evaluate(
    path: str | Path,
    limit: int | None = None,
    progress: bool = False,
    min_granularity: str = "word",
    alone: bool = False,
) -> dict[str, Any]:
    """Agreement figures for the Hume results at `path` (see the module docstring), as one JSON-ready dict.

    Texts with a known `context_before` are scored in that context, as the Analyzer scores segments, unless
    `alone`."""
    started = time.perf_counter()
    floor = GRANULARITIES.index(_canonical(min_granularity))
    items = [item for item in load_items(Path(path)) if GRANULARITIES.index(_canonical(item.granularity)) >= floor]
    items = items[:limit] if limit is not None else items
    if len(items) < 2:
        raise InputError(f"{path}: {len(items)} items at granularity {min_granularity} or coarser; need 2 or more")
    if progress:
        print(f"scoring {len(items)} texts with {MODEL_ID}", file=sys.stderr, flush=True)
    contexts = None if alone else [item.context_before or "" for item in items]
    ours, _ = get_language_scorer().score_arrays([item.text for item in items], contexts=contexts)
    hume = np.array([[item.emotions[name] for name in LANGUAGE_NAMES] for item in items])
    pearsons, spearmans = dimension_correlations(ours, hume), dimension_correlations(ours, hume, spearman_r)
    groups = agreement_groups(ours, hume, _group_masks(items))
    overall = {name: row["ours"] for name, row in groups["all"]["figures"].items()}
    return {
        "model": MODEL_ID,
        "path": str(path),
        "items": len(items),
        "min_granularity": _canonical(min_granularity),
        "with_context_before": sum(1 for item in items if item.context_before),
        "alone": alone,
        "spearman_mean": overall["spearman_mean"],
        "hume_top1_in_our_top3": overall["hume_top1_in_our_top3"],
        "dimension_pearson_mean": overall["dimension_pearson_mean"],
        "shuffle_seed": SEED,
        "groups": groups,
        "dimensions": [
            {"name": n, "pearson": r, "spearman": rho, "hume_mean": float(h), "ours_mean": float(o)}
            for n, r, rho, h, o in zip(
                LANGUAGE_NAMES, pearsons, spearmans, hume.mean(axis=0), ours.mean(axis=0), strict=True
            )
        ],
        "seconds": round(time.perf_counter() - started, 1),
    }


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(metrics: dict[str, Any]) -> str:
    """Per group, every figure for ours beside both baselines; then the best and worst dimensions."""
    lines = [f"{metrics['items']} items from {metrics['path']}; language model {metrics['model']}"]
    how = "all scored alone (--alone)" if metrics["alone"] else "read in that context as well as alone, the rest alone"
    lines.append(f"{metrics['with_context_before']} of them have text before them in their passage: {how}")
    lines.append("scores are perceived-expression cues on both sides: this measures agreement with Hume's model")
    for name, group in metrics["groups"].items():
        lines.append(f"\n{name}: {group['items']} items")
        lines.append(f"  {'figure':<24} {'ours':>8} {'LOO mean':>9} {'shuffled':>9}")
        for figure, row in group["figures"].items():
            lines.append(
                f"  {figure:<24} {_cell(row['ours']):>8} {_cell(row['loo_mean']):>9} {_cell(row['shuffled']):>9}"
            )
    ranked = sorted((d for d in metrics["dimensions"] if d["pearson"] is not None), key=lambda d: -d["pearson"])
    for title, rows in (("best", ranked[:8]), ("worst", ranked[-8:][::-1])):
        lines.append(f"\nper-dimension r across all texts, {title} 8 by Pearson:")
        lines.append(f"  {'dimension':<24} {'Pearson':>8} {'Spearman':>9} {'Hume mean':>10} {'ours mean':>10}")
        for d in rows:
            means = f"{d['hume_mean']:>10.3f} {d['ours_mean']:>10.3f}"
            lines.append(f"  {d['name']:<24} {d['pearson']:>8.3f} {_cell(d['spearman']):>9} {means}")
    return "\n".join(lines)
