"""How the 53 language dimensions are read from the model's calibrated signals.

Signals per text, each already calibrated to [0, 1]:
- `ge:<label>`: the GoEmotions head (27 emotions + neutral), shifted so 0.5 sits at the label's best-F1
  threshold on GoEmotions DEV;
- `xed:<label>`: the XED head (Plutchik's 8), calibrated the same way on the XED dev split;
- `proto`: similarity to the dimension's descriptor sentences, scaled so ordinary text (the median of the
  DEV texts of all three corpora) sits at 0.05 and the top 0.5 % of those texts at 0.5;
- valence from the EmoBank head, used to split surprise into positive and negative.

Each dimension combines its signals with a weighted soft-or, 1 - prod(1 - w * s): any one strong cue can
carry it, and several weak cues add up without ever exceeding 1. Weights below 1 mark indirect evidence
(transfer from a related label). Dimensions that carry a GoEmotions label keep that label's signal unmixed
(so the label reads back exactly); XED enters through the indirect dimensions. `RECIPES` is the single
source of truth; the model card's supervision table is generated from it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from tonesense.taxonomy import LANGUAGE_NAMES

__all__ = [
    "GOEMOTIONS_LABELS",
    "GOEMOTIONS_READBACK",
    "RECIPES",
    "XED_LABELS",
    "XED_READBACK",
    "compose",
    "read_back",
    "supervision",
]

Recipe = tuple[tuple[str, float], ...]

GOEMOTIONS_LABELS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity", "desire",
    "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear", "gratitude", "grief",
    "joy", "love", "nervousness", "optimism", "pride", "realization", "relief", "remorse", "sadness", "surprise",
    "neutral",
)  # fmt: skip
XED_LABELS: tuple[str, ...] = ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")

RECIPES: dict[str, Recipe] = {
    "Admiration": (("ge:admiration", 1.0),),
    "Adoration": (("proto", 1.0), ("ge:love", 0.5), ("ge:admiration", 0.3)),
    "Aesthetic Appreciation": (("proto", 1.0), ("ge:admiration", 0.3)),
    "Amusement": (("ge:amusement", 1.0),),
    "Anger": (("ge:anger", 1.0),),
    "Annoyance": (("ge:annoyance", 1.0), ("proto", 1.0)),
    "Anxiety": (("ge:nervousness", 1.0),),
    "Awe": (("proto", 1.0), ("ge:surprise", 0.3), ("ge:admiration", 0.25)),
    "Awkwardness": (("proto", 1.0), ("ge:embarrassment", 0.6)),
    "Boredom": (("proto", 1.0),),
    "Calmness": (("proto", 1.0), ("ge:relief", 0.4), ("xed:trust", 0.2), ("ge:neutral", 0.15)),
    "Concentration": (("proto", 1.0),),
    "Confusion": (("ge:confusion", 1.0),),
    "Contemplation": (("proto", 1.0), ("ge:realization", 0.3), ("ge:curiosity", 0.2)),
    "Contempt": (("proto", 1.0), ("ge:disgust", 0.4), ("ge:disapproval", 0.3), ("xed:disgust", 0.2)),
    "Contentment": (("proto", 1.0), ("ge:joy", 0.4), ("ge:relief", 0.3), ("ge:approval", 0.3), ("xed:joy", 0.2)),
    "Craving": (("proto", 1.0), ("ge:desire", 0.4)),
    "Desire": (("ge:desire", 1.0),),
    "Determination": (("ge:optimism", 1.0), ("proto", 1.0)),
    "Disappointment": (("ge:disappointment", 1.0),),
    "Disapproval": (("ge:disapproval", 1.0),),
    "Disgust": (("ge:disgust", 1.0),),
    "Distress": (("proto", 1.0), ("ge:fear", 0.5), ("ge:nervousness", 0.4), ("ge:sadness", 0.4), ("xed:fear", 0.3)),
    "Doubt": (("proto", 1.0), ("ge:confusion", 0.4), ("ge:disapproval", 0.3)),
    "Ecstasy": (("proto", 1.0), ("ge:excitement", 0.35), ("ge:joy", 0.3)),
    "Embarrassment": (("ge:embarrassment", 1.0),),
    "Empathic Pain": (("ge:grief", 1.0), ("proto", 1.0)),
    "Enthusiasm": (("ge:excitement", 0.6), ("proto", 1.0), ("ge:optimism", 0.3), ("xed:anticipation", 0.2)),
    "Entrancement": (("proto", 1.0),),
    "Envy": (("proto", 1.0), ("ge:desire", 0.2)),
    "Excitement": (("ge:excitement", 1.0),),
    "Fear": (("ge:fear", 1.0),),
    "Gratitude": (("ge:gratitude", 1.0),),
    "Guilt": (("ge:remorse", 1.0),),
    "Horror": (("proto", 1.0), ("ge:fear", 0.4), ("ge:disgust", 0.2), ("xed:fear", 0.2)),
    "Interest": (("ge:curiosity", 1.0),),
    "Joy": (("ge:joy", 1.0),),
    "Love": (("ge:love", 1.0),),
    "Nostalgia": (("proto", 1.0),),
    "Pain": (("proto", 1.0), ("ge:grief", 0.5), ("ge:sadness", 0.3)),
    "Pride": (("ge:pride", 1.0),),
    "Realization": (("ge:realization", 1.0),),
    "Relief": (("ge:relief", 1.0),),
    "Romance": (("proto", 1.0), ("ge:love", 0.3)),
    "Sadness": (("ge:sadness", 1.0),),
    "Sarcasm": (("proto", 1.0),),
    "Satisfaction": (("ge:approval", 1.0), ("proto", 1.0)),
    "Shame": (("proto", 1.0), ("ge:remorse", 0.5), ("ge:embarrassment", 0.4)),
    "Surprise (negative)": (("ge:surprise~neg", 1.0), ("xed:surprise~neg", 0.3), ("proto", 1.0)),
    "Surprise (positive)": (("ge:surprise~pos", 1.0), ("xed:surprise~pos", 0.3), ("proto", 1.0)),
    "Sympathy": (("ge:caring", 1.0),),
    "Tiredness": (("proto", 1.0),),
    "Triumph": (("proto", 1.0), ("ge:pride", 0.4), ("ge:excitement", 0.2)),
}

# How the evaluation reads GoEmotions' 28 labels and XED's 8 back from the 53 dimensions.
GOEMOTIONS_READBACK: dict[str, tuple[str, ...]] = {
    "admiration": ("Admiration",), "amusement": ("Amusement",), "anger": ("Anger",), "annoyance": ("Annoyance",),
    "approval": ("Satisfaction",), "caring": ("Sympathy",), "confusion": ("Confusion",), "curiosity": ("Interest",),
    "desire": ("Desire",), "disappointment": ("Disappointment",), "disapproval": ("Disapproval",),
    "disgust": ("Disgust",), "embarrassment": ("Embarrassment",), "excitement": ("Excitement",), "fear": ("Fear",),
    "gratitude": ("Gratitude",), "grief": ("Empathic Pain",), "joy": ("Joy",), "love": ("Love",),
    "nervousness": ("Anxiety",), "optimism": ("Determination",), "pride": ("Pride",),
    "realization": ("Realization",), "relief": ("Relief",), "remorse": ("Guilt",), "sadness": ("Sadness",),
    "surprise": ("Surprise (negative)", "Surprise (positive)"), "neutral": (),
}  # fmt: skip
XED_READBACK: dict[str, tuple[str, ...]] = {
    "anger": ("Anger", "Annoyance"), "anticipation": ("Interest", "Desire", "Excitement"), "disgust": ("Disgust",),
    "fear": ("Fear", "Anxiety"), "joy": ("Joy", "Amusement"), "sadness": ("Sadness",),
    "surprise": ("Surprise (negative)", "Surprise (positive)"), "trust": ("Admiration", "Gratitude", "Sympathy"),
}  # fmt: skip


class _Plan:
    """`RECIPES` laid out once as arrays so `compose` is a few vectorised operations per batch."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        column = {key: i for i, key in enumerate(sources)}
        rows: list[int] = []  # source column of each term, grouped by dimension in taxonomy order
        weights: list[float] = []
        splits: list[int] = []  # 0: none, 1: positive share, 2: negative share
        starts: list[int] = []
        self.has_terms = np.zeros(len(LANGUAGE_NAMES), dtype=bool)
        for d, name in enumerate(LANGUAGE_NAMES):
            first = len(rows)
            for source, weight in RECIPES[name]:
                key, _, split = source.partition("~")
                key = f"proto:{name}" if key == "proto" else key
                if key not in column:
                    continue
                rows.append(column[key])
                weights.append(weight)
                splits.append({"pos": 1, "neg": 2}.get(split, 0))
            if len(rows) > first:
                self.has_terms[d] = True
                starts.append(first)
        self.width = len(sources)
        self.columns = np.asarray(rows, dtype=np.intp)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.splits = np.asarray(splits)
        self.starts = np.asarray(starts, dtype=np.intp)
        # a term's weight is fixed + by_share * positive share: w, 0 (no split); 0, w (positive); w, -w (negative)
        self.fixed = np.where(self.splits == 1, 0.0, self.weights).astype(np.float32)
        self.by_share = np.select([self.splits == 1, self.splits == 2], [self.weights, -self.weights]).astype(
            np.float32
        )


@functools.cache
def _plan(sources: tuple[str, ...]) -> _Plan:
    return _Plan(sources)


def compose(sources: np.ndarray, keys: Sequence[str], positive_share: np.ndarray) -> np.ndarray:
    """The 53 scores (n, 53) in taxonomy order from calibrated signals.

    `sources` (n, len(keys)) holds one calibrated signal per column, named by `keys`: "ge:<label>",
    "xed:<label>" or "proto:<dimension>" (that dimension's calibrated prototype similarity);
    `positive_share` (n,) in [0, 1] splits surprise by valence. A dimension whose recipe has no available
    signal scores 0.
    """
    n = len(positive_share)
    plan = _plan(tuple(keys))
    if sources.shape != (n, plan.width):
        raise ValueError(f"sources has shape {sources.shape}, expected {(n, plan.width)}")
    share = np.asarray(positive_share, dtype=np.float32)[:, None]
    terms = np.clip(sources[:, plan.columns] * (plan.fixed + plan.by_share * share), 0.0, 1.0)
    out = np.zeros((n, len(LANGUAGE_NAMES)), dtype=np.float32)
    if len(plan.starts):
        out[:, plan.has_terms] = 1.0 - np.multiply.reduceat(1.0 - terms, plan.starts, axis=1)
    return np.asarray(np.clip(out, 0.0, 1.0), dtype=np.float32)


def supervision(name: str) -> str:
    """A one-line account of how a dimension is supervised (for the model card)."""
    parts = []
    for source, weight in RECIPES[name]:
        label = (
            "descriptor prototype" if source == "proto" else source.replace("~", " (") + (")" if "~" in source else "")
        )
        parts.append(label if weight == 1.0 else f"{weight:g} x {label}")
    return " ⊕ ".join(parts)


def read_back(emotions: np.ndarray, readback: dict[str, tuple[str, ...]]) -> np.ndarray:
    """Scores for a corpus's labels (n, len(readback)) read from the 53 dimensions (max over mapped names).

    A label mapped to no dimension (GoEmotions' "neutral") reads as 1 - the strongest of the other labels.
    """
    index = {name: i for i, name in enumerate(LANGUAGE_NAMES)}
    columns: list[np.ndarray | None] = []
    for names in readback.values():
        columns.append(emotions[:, [index[n] for n in names]].max(axis=1) if names else None)
    present = [c for c in columns if c is not None]
    strongest = np.max(np.stack(present, axis=1), axis=1) if present else np.zeros(len(emotions))
    return np.stack([c if c is not None else 1.0 - strongest for c in columns], axis=1)
