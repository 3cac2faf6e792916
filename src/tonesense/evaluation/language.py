"""`tonesense eval language DIR`: the local language model on GoEmotions, EmoBank and XED test splits.

DIR is any folder laid out like `shared/data/text` (`goemotions/`, `emobank/`, `xed_en/`); a corpus folder that
is absent is skipped and listed under `missing`. GoEmotions' 28 and XED's 8 labels are read back from the 53
dimensions through `tonesense.expression.language_mapping` and thresholded at values fitted on DEV splits.
EmoBank correlations use the model's valence/arousal/dominance read-out; the headline keys use the corpus's
combined ratings (`emobank.csv`, the weighted mean of reader and writer), and reader/writer views are reported too.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import InputError
from tonesense.evaluation.language_data import read_emobank, read_goemotions, read_xed
from tonesense.evaluation.language_metrics import f1_per_label, macro_f1, pearson_r
from tonesense.expression.language import MODEL_ID, get_language_scorer, sentiment_from_valence
from tonesense.expression.language_mapping import GOEMOTIONS_READBACK, XED_READBACK, read_back

__all__ = ["evaluate", "format_report"]


def _log(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


def _labelled(
    rows: list[tuple[str, list[int]]], readback: dict[str, tuple[str, ...]], thresholds: dict[str, float]
) -> dict[str, Any]:
    emotions, _ = get_language_scorer().score_arrays([t for t, _ in rows])
    scores = read_back(emotions, readback)
    truth = np.zeros(scores.shape, dtype=bool)
    for i, (_, labels) in enumerate(rows):
        truth[i, labels] = True
    predicted = scores >= np.array([thresholds[label] for label in readback])
    per_label = f1_per_label(predicted, truth)
    return {
        "macro_f1": macro_f1(predicted, truth),
        "per_label_f1": {label: round(float(f), 4) for label, f in zip(readback, per_label, strict=True)},
        "n": len(rows),
    }


def _emobank(directory: Path, limit: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    views = {view: read_emobank(directory, "test", view)[:limit] for view in ("combined", "reader", "writer")}
    texts = sorted({text for rows in views.values() for text, _ in rows})
    _, vad_all = get_language_scorer().score_arrays(texts)
    predicted = dict(zip(texts, vad_all, strict=True))
    for view, rows in views.items():
        vad = np.array([predicted[text] for text, _ in rows])
        truth = np.array([v for _, v in rows])
        prefix = "emobank" if view == "combined" else f"emobank_{view}"
        for j, dim in enumerate(("valence", "arousal", "dominance")):
            out[f"{prefix}_{dim}_r"] = round(pearson_r(vad[:, j], truth[:, j]), 4)
        if view == "combined":
            expected = [sum(int(s.name) * s.score for s in sentiment_from_valence(v)) for v in vad[:, 0]]
            out["emobank_sentiment_valence_r"] = round(pearson_r(np.array(expected), truth[:, 0]), 4)
            out["emobank_n"] = len(rows)
    out["emobank_view"] = "combined (emobank.csv: weighted mean of reader and writer ratings)"
    return out


def evaluate(directory: str | Path, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    """Metrics on the test splits of every corpus present under `directory` (first `limit` items of each)."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"{root} is not a folder; expected one laid out like shared/data/text")
    scorer = get_language_scorer()
    started = time.perf_counter()
    calibration = scorer.load().calibration
    metrics: dict[str, Any] = {"model": MODEL_ID, "missing": []}
    if (root / "goemotions").is_dir():
        _log(progress, "scoring GoEmotions test ...")
        rows = read_goemotions(root / "goemotions", "test")[:limit]
        metrics |= _prefixed(
            "goemotions", _labelled(rows, GOEMOTIONS_READBACK, calibration["goemotions_readback_thresholds"])
        )
    else:
        metrics["missing"].append("goemotions")
    if (root / "emobank").is_dir():
        _log(progress, "scoring EmoBank test ...")
        metrics |= _emobank(root / "emobank", limit)
    else:
        metrics["missing"].append("emobank")
    if (root / "xed_en").is_dir():
        _log(progress, "scoring XED test (hash split) ...")
        rows = read_xed(root / "xed_en", "test")[:limit]
        metrics |= _prefixed("xed", _labelled(rows, XED_READBACK, calibration["xed_readback_thresholds"]))
    else:
        metrics["missing"].append("xed_en")
    if len(metrics["missing"]) == 3:
        raise InputError(f"{root} holds none of goemotions/, emobank/, xed_en/")
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics


_TARGETS = {"goemotions_macro_f1": 0.45, "emobank_valence_r": 0.65, "emobank_arousal_r": 0.35}


def format_report(metrics: dict[str, Any]) -> str:
    """A short human-readable report with the project's targets beside each headline figure."""
    lines = [f"language model {metrics['model']}"]
    for key, target in _TARGETS.items():
        if key in metrics:
            verdict = "meets" if metrics[key] >= target else "BELOW"
            lines.append(f"  {key:<24} {metrics[key]:.3f}   target >= {target:.2f} ({verdict})")
    for key in ("emobank_dominance_r", "emobank_reader_valence_r", "emobank_reader_arousal_r", "xed_macro_f1"):
        if key in metrics:
            lines.append(f"  {key:<24} {metrics[key]:.3f}")
    if "emobank_view" in metrics:
        lines.append(f"  EmoBank view: {metrics['emobank_view']}")
    if metrics.get("missing"):
        lines.append(f"  not found in the folder: {', '.join(metrics['missing'])}")
    return "\n".join(lines)


def _prefixed(corpus: str, found: dict[str, Any]) -> dict[str, Any]:
    return {f"{corpus}_{key}": value for key, value in found.items()}
