"""`tonesense eval bursts DIR`: recall and type accuracy on labelled burst clips, false bursts on plain speech.

DIR is recognised by its labels file:
- `labels.csv` with columns `path` and `label` (laid out like `shared/data/vocal_bursts/*`): one burst clip per
  row. `recall` per class is the share of clips where a burst of the right family is found anywhere
  (`LABEL_FAMILIES`); the overall `recall` is the mean over `RECALL_CLASSES`. `type_accuracy` is measured on
  laughing/crying/sighing/screaming clips: the most confident burst among those four families must be the
  clip's family (no such burst counts as wrong).
- `transcripts.tsv` with column `audio` (laid out like `shared/data/asr`): plain speech.
  `speech_false_burst_rate` is the share of the audio's time covered by expressive bursts.
A folder with both files gets both sets of metrics. Metrics that a folder cannot give are null.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tonesense.audio import load_audio
from tonesense.errors import InputError
from tonesense.expression.bursts import LocalBurstScorer
from tonesense.schema import Burst

__all__ = ["LABEL_FAMILIES", "RECALL_CLASSES", "TYPE_CLASSES", "evaluate", "format_report"]

LABEL_FAMILIES: dict[str, frozenset[str]] = {
    "laughing": frozenset({"laughter"}),
    "crying": frozenset({"crying", "whimper"}),
    "sighing": frozenset({"sigh"}),
    "screaming": frozenset({"scream"}),
    "moaning": frozenset({"groan"}),
    "yawning": frozenset({"yawn"}),
    "panting": frozenset({"pant"}),
    "coughing": frozenset({"cough"}),
    "sneezing": frozenset({"sneeze"}),
    "throat-clearing": frozenset({"throat_clearing"}),
}
"""Dataset label -> the burst families that count as finding it."""

_ALIASES = {
    "laugh": "laughing",
    "laughter": "laughing",
    "cry": "crying",
    "sigh": "sighing",
    "scream": "screaming",
    "moan": "moaning",
    "groan": "moaning",
    "yawn": "yawning",
    "pant": "panting",
    "cough": "coughing",
    "sneeze": "sneezing",
    "throat_clearing": "throat-clearing",
    "throatclearing": "throat-clearing",
}
RECALL_CLASSES = ("laughing", "crying", "sighing", "screaming", "moaning", "yawning", "panting")
TYPE_CLASSES = ("laughing", "crying", "sighing", "screaming")


def evaluate(directory: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    """Measure the local burst scorer on DIR (see the module docstring for what DIR may hold)."""
    root = Path(directory)
    labels, transcripts = root / "labels.csv", root / "transcripts.tsv"
    if not labels.is_file() and not transcripts.is_file():
        raise InputError(f"{root} has neither labels.csv (burst clips) nor transcripts.tsv (plain speech)")
    scorer = LocalBurstScorer()
    metrics: dict[str, Any] = {
        "model": scorer.model_id,
        "recall": None,
        "type_accuracy": None,
        "speech_false_burst_rate": None,
    }
    started = time.perf_counter()
    if labels.is_file():
        metrics.update(_clip_metrics(scorer, root, _read_labels(labels, limit), progress))
    if transcripts.is_file():
        metrics.update(_speech_metrics(scorer, root, _read_speech(transcripts, limit), progress))
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def _read_labels(path: Path, limit: int | None) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if rows and not {"path", "label"} <= set(rows[0]):
        raise InputError(f"{path} needs the columns 'path' and 'label'")
    items = [(row["path"], _ALIASES.get(row["label"].strip().lower(), row["label"].strip().lower())) for row in rows]
    return items[:limit] if limit else items


def _read_speech(path: Path, limit: int | None) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if rows and "audio" not in rows[0]:
        raise InputError(f"{path} needs the column 'audio'")
    files = list(dict.fromkeys(row["audio"] for row in rows))
    return files[:limit] if limit else files


def _clip_metrics(scorer: LocalBurstScorer, root: Path, items: list[tuple[str, str]], progress: bool) -> dict[str, Any]:
    found: dict[str, list[bool]] = defaultdict(list)
    typed: list[bool] = []
    detected_types: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for number, (rel, label) in enumerate(items, 1):
        bursts = scorer.detect(load_audio(root / rel))
        families = {b.type for b in bursts}
        for family in families:
            detected_types[label][family] += 1
        if label in LABEL_FAMILIES:
            found[label].append(bool(families & LABEL_FAMILIES[label]))
        if label in TYPE_CLASSES:
            typed.append(_top_type(bursts) in LABEL_FAMILIES[label])
        if progress and number % 50 == 0:
            print(f"  {number}/{len(items)} clips", file=sys.stderr)
    per_class = {label: round(sum(v) / len(v), 4) for label, v in sorted(found.items())}
    listed = [per_class[c] for c in RECALL_CLASSES if c in per_class]
    return {
        "recall": round(sum(listed) / len(listed), 4) if listed else None,
        "recall_per_class": per_class,
        "clips_per_class": {label: len(v) for label, v in sorted(found.items())},
        "type_accuracy": round(sum(typed) / len(typed), 4) if typed else None,
        "type_clips": len(typed),
        "detected_types": {label: dict(sorted(v.items())) for label, v in sorted(detected_types.items())},
    }


def _top_type(bursts: list[Burst]) -> str | None:
    allowed = frozenset().union(*(LABEL_FAMILIES[c] for c in TYPE_CLASSES))
    candidates = [b for b in bursts if b.type in allowed]
    return max(candidates, key=lambda b: b.confidence).type if candidates else None


def _speech_metrics(scorer: LocalBurstScorer, root: Path, files: list[str], progress: bool) -> dict[str, Any]:
    total = flagged = 0.0
    flagged_types: dict[str, float] = defaultdict(float)
    for rel in files:
        audio = load_audio(root / rel)
        bursts = [b for b in scorer.detect(audio) if b.expressive]
        total += audio.duration
        flagged += _union_seconds(bursts)
        for b in bursts:
            flagged_types[b.type] += b.end - b.start
        if progress:
            print(f"  {rel}: {len(bursts)} expressive bursts", file=sys.stderr)
    return {
        "speech_false_burst_rate": round(flagged / total, 4) if total else None,
        "speech_seconds": round(total, 2),
        "speech_flagged_seconds": round(flagged, 2),
        "speech_flagged_types": {k: round(v, 2) for k, v in sorted(flagged_types.items())},
    }


def _union_seconds(bursts: list[Burst]) -> float:
    spans = sorted((b.start, b.end) for b in bursts)
    total, current_start, current_end = 0.0, None, None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def format_report(metrics: dict[str, Any]) -> str:
    """A short human-readable summary of `evaluate`'s metrics."""
    lines = [f"bursts ({metrics['model']})"]
    if metrics.get("recall") is not None:
        lines.append(f"  recall (mean over {', '.join(RECALL_CLASSES)}): {metrics['recall']:.3f}")
    if metrics.get("recall_per_class"):
        lines.append("  recall per class (a burst of the right family found):")
        for label, value in metrics["recall_per_class"].items():
            lines.append(f"    {label:<16} {value:.3f}  (n={metrics['clips_per_class'][label]})")
    if metrics.get("type_accuracy") is not None:
        lines.append(f"  type accuracy (laugh/cry/sigh/scream): {metrics['type_accuracy']:.3f}")
    if metrics.get("speech_false_burst_rate") is not None:
        lines.append(
            f"  speech time flagged as expressive bursts: {metrics['speech_false_burst_rate']:.3%}"
            f" of {metrics['speech_seconds']:.1f} s"
        )
    return "\n".join(lines)
