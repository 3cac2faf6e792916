"""Readers for the labelled text corpora laid out like `shared/data/text` (GoEmotions, XED, EmoBank).

XED ships no split: sentences are assigned to train/dev/test by a stable hash of the text (80/10/10), so
the training script and the evaluation agree on which lines are held out.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from tonesense.errors import InputError
from tonesense.expression.language_mapping import GOEMOTIONS_LABELS, XED_LABELS

__all__ = [
    "GOEMOTIONS_LABELS",
    "XED_LABELS",
    "read_emobank",
    "read_goemotions",
    "read_xed",
    "xed_split",
]

EMOBANK_VIEWS = ("combined", "reader", "writer")


def _require(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"expected the file {path}; the folder must be laid out like shared/data/text")
    return path


def read_goemotions(directory: Path, split: str) -> list[tuple[str, list[int]]]:
    """GoEmotions `{split}.tsv` rows as (text, label indices into GOEMOTIONS_LABELS)."""
    rows: list[tuple[str, list[int]]] = []
    with _require(directory / f"{split}.tsv").open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(fields) >= 2 and fields[1]:
                rows.append((fields[0], [int(x) for x in fields[1].split(",")]))
    return rows


def xed_split(text: str) -> str:
    """The split ("train", "dev" or "test") a XED sentence belongs to: a stable 80/10/10 hash split."""
    bucket = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def read_xed(directory: Path, split: str) -> list[tuple[str, list[int]]]:
    """XED English lines of one hash split as (text, label indices into XED_LABELS); neutral lines have []."""
    rows: list[tuple[str, list[int]]] = []
    with _require(directory / "en-annotated.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            text, _, labels = line.rstrip("\n").rpartition("\t")
            if text and labels and xed_split(text) == split:
                rows.append((text, [int(x) - 1 for x in labels.split(",") if x.strip()]))
    neutral = directory / "neu_en.txt"
    if neutral.is_file():
        with neutral.open(encoding="utf-8") as handle:
            for line in handle:
                _, _, text = line.rstrip("\n").partition("\t")
                if text and xed_split(text) == split:
                    rows.append((text, []))
    return rows


def read_emobank(directory: Path, split: str, view: str = "combined") -> list[tuple[str, tuple[float, float, float]]]:
    """EmoBank sentences of one split as (text, (V, A, D) on the 1-5 scale) in the chosen rating view.

    "combined" is `emobank.csv` (the corpus's weighted mean of both perspectives); "reader" and "writer" read
    the perspective-specific files.
    """
    if view not in EMOBANK_VIEWS:
        raise InputError(f"unknown EmoBank view {view!r}; expected one of {EMOBANK_VIEWS}")
    ratings: dict[str, tuple[float, float, float]] = {}
    if view != "combined":
        with _require(directory / f"{view}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                ratings[row["id"]] = (float(row["V"]), float(row["A"]), float(row["D"]))
    rows: list[tuple[str, tuple[float, float, float]]] = []
    with _require(directory / "emobank.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["split"] != split or not row["text"].strip():
                continue
            vad = (float(row["V"]), float(row["A"]), float(row["D"])) if view == "combined" else ratings.get(row["id"])
            if vad is not None:
                rows.append((row["text"], vad))
    return rows
