"""`tonesense eval prosody DIR`: the local prosody scorer on acted emotional speech, speaker-independent.

DIR holds `labels.csv` with columns `path`, `emotion` and a speaker column (`speaker` or `actor`), laid out like
`shared/data/speech_emotion/*`. Nothing is fitted on DIR: the model was fitted on EmoDB only. Each speaker's
clips are read against that speaker's baseline, built from those clips' acoustics without their labels, as
the scorer does through a conversation (`score_features` with one `SpeakerBaseline` per speaker).

Metrics:
- `uar`: unweighted average recall over the categories present (RAVDESS: 8), predicting the category whose
  names score highest on the 48-d output (`prosody_emotions.CATEGORY_READOUT`).
- `arousal_uar`: binary high (angry, fearful, happy, surprised) vs low (neutral, calm, sad, bored) arousal,
  high when `VoiceDimensions.arousal` >= 0.5; other categories (disgust) are left out.
- `*_clip_baseline`: the same with each clip read alone (no speaker baseline, only the population prior).
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.audio import load_audio
from tonesense.errors import InputError
from tonesense.expression.prosody import LocalProsodyScorer
from tonesense.expression.prosody_emotions import CATEGORY_READOUT, read_categories
from tonesense.schema import ProsodyScores, TimeSpan

__all__ = ["HIGH_AROUSAL", "LOW_AROUSAL", "evaluate", "format_report", "normalise_label", "uar"]

HIGH_AROUSAL = frozenset({"angry", "fearful", "happy", "surprised"})
LOW_AROUSAL = frozenset({"neutral", "calm", "sad", "bored"})
_LABELS = {
    "anger": "angry",
    "angry": "angry",
    "happiness": "happy",
    "happy": "happy",
    "joy": "happy",
    "fear": "fearful",
    "fearful": "fearful",
    "sadness": "sad",
    "sad": "sad",
    "neutral": "neutral",
    "calm": "calm",
    "disgust": "disgust",
    "surprise": "surprised",
    "surprised": "surprised",
    "boredom": "bored",
    "bored": "bored",
}


def normalise_label(label: str) -> str | None:
    """A corpus label as a `CATEGORY_READOUT` category, or None when the readout has no such category."""
    return _LABELS.get(label.strip().lower())


def uar(truth: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Unweighted average recall and the recall of each true class."""
    per_class: dict[str, list[bool]] = defaultdict(list)
    for t, p in zip(truth, predicted, strict=True):
        per_class[t].append(t == p)
    recalls = {c: float(np.mean(v)) for c, v in sorted(per_class.items())}
    return (float(np.mean(list(recalls.values()))) if recalls else float("nan")), recalls


def evaluate(directory: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    """Measure the local prosody scorer on DIR (see the module docstring)."""
    root = Path(directory)
    items = _read(root, limit)
    categories = tuple(sorted({label for _, label, _ in items}))
    scorer = LocalProsodyScorer()
    started = time.perf_counter()
    by_speaker: dict[str, list[tuple[str, np.ndarray]]] = defaultdict(list)
    for number, (rel, label, speaker) in enumerate(items, 1):
        audio = load_audio(root / rel)
        span = TimeSpan(start=0.0, end=audio.duration)
        by_speaker[speaker].append((label, scorer.span_features(audio, [span])[0]))
        if progress and number % 100 == 0:
            print(f"  {number}/{len(items)} clips", file=sys.stderr)
    speaker_results, clip_results = [], []
    for clips in by_speaker.values():
        spans = [TimeSpan(start=0.0, end=1.0)] * len(clips)
        scored = scorer.score_features(spans, [f for _, f in clips])
        speaker_results += [(label, s) for (label, _), s in zip(clips, scored, strict=True)]
        clip_results += [(label, scorer.score_features(spans[:1], [f])[0]) for label, f in clips]
    metrics: dict[str, Any] = {"model": scorer.model_id, "clips": len(items), "speakers": len(by_speaker)}
    metrics.update(_metrics(speaker_results, categories, ""))
    metrics.update(_metrics(clip_results, categories, "_clip_baseline"))
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def _read(root: Path, limit: int | None) -> list[tuple[str, str, str]]:
    path = root / "labels.csv"
    if not path.is_file():
        raise InputError(f"{root} has no labels.csv (columns path, emotion, speaker or actor)")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"path", "emotion"} <= set(rows[0]):
        raise InputError(f"{path} needs the columns 'path' and 'emotion'")
    speaker_key = "speaker" if "speaker" in rows[0] else "actor" if "actor" in rows[0] else None
    items = []
    for index, row in enumerate(rows):
        label = normalise_label(row["emotion"])
        if label is not None:
            items.append((row["path"], label, row[speaker_key] if speaker_key else f"clip{index}"))
    if not items:
        raise InputError(f"{path} has no emotion the readout knows ({', '.join(CATEGORY_READOUT)})")
    return items[:limit] if limit else items


def _metrics(results: list[tuple[str, ProsodyScores]], categories: tuple[str, ...], suffix: str) -> dict[str, Any]:
    truth = [label for label, _ in results]
    predicted = []
    for _, scores in results:
        read = read_categories(scores.emotions, categories)
        predicted.append(max(read, key=lambda c: read[c]))
    total, recalls = uar(truth, predicted)
    arousal_truth, arousal_pred = [], []
    for label, scores in results:
        if label in HIGH_AROUSAL or label in LOW_AROUSAL:
            arousal_truth.append("high" if label in HIGH_AROUSAL else "low")
            high = scores.dimensions is not None and scores.dimensions.arousal >= 0.5
            arousal_pred.append("high" if high else "low")
    arousal_total, arousal_recalls = uar(arousal_truth, arousal_pred)
    out: dict[str, Any] = {
        f"uar{suffix}": round(total, 4),
        f"arousal_uar{suffix}": round(arousal_total, 4) if arousal_truth else None,
    }
    if not suffix:
        out["recall_per_class"] = {c: round(v, 4) for c, v in recalls.items()}
        out["arousal_recall"] = {c: round(v, 4) for c, v in arousal_recalls.items()}
        out["confusion"] = _confusion(truth, predicted)
    return out


def _confusion(truth: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t, p in zip(truth, predicted, strict=True):
        table[t][p] += 1
    return {t: dict(sorted(row.items())) for t, row in sorted(table.items())}


def format_report(metrics: dict[str, Any]) -> str:
    """A short human-readable summary of `evaluate`'s metrics."""
    lines = [
        f"prosody ({metrics['model']}): {metrics['clips']} clips, {metrics['speakers']} speakers",
        f"  {len(metrics['recall_per_class'])}-class UAR: {metrics['uar']:.3f}"
        f"  (each clip alone: {metrics['uar_clip_baseline']:.3f})",
    ]
    if metrics.get("arousal_uar") is not None:
        alone = metrics["arousal_uar_clip_baseline"]
        lines.append(f"  arousal UAR: {metrics['arousal_uar']:.3f}  (each clip alone: {alone:.3f})")
    lines += [f"    {c:<10} {v:.3f}" for c, v in metrics["recall_per_class"].items()]
    return "\n".join(lines)
