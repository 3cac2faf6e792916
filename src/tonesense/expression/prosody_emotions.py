"""The documented mapping from the prosody model's outputs to the 48 expression names, and back to categories.

The model (`tonesense.expression.prosody_model`) gives probabilities of EmoDB's seven acted categories
(anger, boredom, disgust, fear, happiness, neutral, sadness), a probability of high arousal, and
speaker-relative pitch z-scores. Each of the 48 names is a weighted sum of those (`CLASS_WEIGHTS`), plus an
arousal term (`AROUSAL_WEIGHTS`, applied to arousal - 0.5) and, for the two surprise names, a pitch term
(raised and widened pitch against the speaker's baseline). Weights are a priori, from where each expression
sits relative to the seven categories in valence-arousal space (Russell 1980; Cowen & Keltner's expression
maps); none is fitted to data. Scores are independent values in [0, 1], how the voice is likely to be heard,
not what the speaker feels.

`CATEGORY_READOUT` reads the 48 names back as the categories of acted-speech corpora (RAVDESS's eight plus
EmoDB's boredom): each category scores the largest of its names. The evaluation uses it, so the 48-d output
itself is what gets measured.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tonesense.expression.prosody_model import EMODB_CLASSES
from tonesense.schema import EmotionScore
from tonesense.taxonomy import PROSODY_NAMES

__all__ = ["CATEGORY_READOUT", "CLASS_VAD", "CLASS_WEIGHTS", "prosody_emotions", "read_categories"]

CLASS_WEIGHTS: dict[str, dict[str, float]] = {
    "Admiration": {"happiness": 0.2, "neutral": 0.05},
    "Adoration": {"happiness": 0.2},
    "Aesthetic Appreciation": {"happiness": 0.1, "neutral": 0.05},
    "Amusement": {"happiness": 0.6},
    "Anger": {"anger": 0.9},
    "Anxiety": {"fear": 0.6, "sadness": 0.1},
    "Awe": {"happiness": 0.15, "fear": 0.1},
    "Awkwardness": {"fear": 0.15, "neutral": 0.1},
    "Boredom": {"boredom": 0.85},
    "Calmness": {"neutral": 0.35, "boredom": 0.3},
    "Concentration": {"neutral": 0.5},
    "Confusion": {"neutral": 0.1, "fear": 0.1},
    "Contemplation": {"neutral": 0.35, "boredom": 0.1},
    "Contempt": {"disgust": 0.4, "anger": 0.25},
    "Contentment": {"happiness": 0.35, "neutral": 0.15},
    "Craving": {"happiness": 0.05, "sadness": 0.05},
    "Desire": {"happiness": 0.1},
    "Determination": {"anger": 0.35, "happiness": 0.1},
    "Disappointment": {"sadness": 0.5, "boredom": 0.1},
    "Disgust": {"disgust": 0.8},
    "Distress": {"fear": 0.35, "sadness": 0.35},
    "Doubt": {"neutral": 0.15, "fear": 0.1},
    "Ecstasy": {"happiness": 0.3},
    "Embarrassment": {"sadness": 0.15, "fear": 0.15},
    "Empathic Pain": {"sadness": 0.35},
    "Entrancement": {"neutral": 0.1, "boredom": 0.1},
    "Envy": {"anger": 0.1, "disgust": 0.1},
    "Excitement": {"happiness": 0.55},
    "Fear": {"fear": 0.85},
    "Guilt": {"sadness": 0.3},
    "Horror": {"fear": 0.45, "disgust": 0.15},
    "Interest": {"neutral": 0.2, "happiness": 0.25},
    "Joy": {"happiness": 0.8},
    "Love": {"happiness": 0.2},
    "Nostalgia": {"sadness": 0.25, "neutral": 0.05},
    "Pain": {"sadness": 0.3, "fear": 0.1},
    "Pride": {"happiness": 0.2, "anger": 0.05},
    "Realization": {"neutral": 0.15, "happiness": 0.05},
    "Relief": {"happiness": 0.15, "neutral": 0.1},
    "Romance": {"happiness": 0.1},
    "Sadness": {"sadness": 0.85},
    "Satisfaction": {"happiness": 0.35},
    "Shame": {"sadness": 0.25},
    "Surprise (negative)": {"fear": 0.3},
    "Surprise (positive)": {"happiness": 0.3},
    "Sympathy": {"sadness": 0.2, "neutral": 0.1},
    "Tiredness": {"boredom": 0.5, "sadness": 0.3},
    "Triumph": {"happiness": 0.3, "anger": 0.1},
}
"""Name -> weight of each EmoDB category's probability."""

AROUSAL_WEIGHTS: dict[str, float] = {
    "Calmness": -0.4,
    "Tiredness": -0.3,
    "Boredom": -0.2,
    "Contemplation": -0.15,
    "Excitement": 0.3,
    "Anger": 0.15,
    "Fear": 0.1,
    "Triumph": 0.2,
    "Ecstasy": 0.15,
    "Determination": 0.2,
    "Horror": 0.15,
    "Surprise (positive)": 0.15,
    "Surprise (negative)": 0.15,
    "Interest": 0.1,
}
"""Name -> weight of (arousal - 0.5): calm and tired voices are low-arousal, excited and triumphant ones high."""

CLASS_VAD: dict[str, tuple[float, float, float]] = {
    "anger": (0.2, 0.85, 0.8),
    "boredom": (0.35, 0.15, 0.35),
    "disgust": (0.2, 0.5, 0.6),
    "fear": (0.15, 0.8, 0.2),
    "happiness": (0.85, 0.7, 0.6),
    "neutral": (0.55, 0.4, 0.5),
    "sadness": (0.15, 0.25, 0.2),
}
"""EmoDB category -> (valence, arousal, dominance) in [0, 1], for the interpretable voice dimensions."""

CATEGORY_READOUT: dict[str, tuple[str, ...]] = {
    "neutral": ("Concentration",),
    "calm": ("Calmness",),
    "happy": ("Joy", "Amusement", "Excitement"),
    "sad": ("Sadness", "Disappointment"),
    "angry": ("Anger",),
    "fearful": ("Fear", "Anxiety"),
    "disgust": ("Disgust", "Contempt"),
    "surprised": ("Surprise (positive)", "Surprise (negative)"),
    "bored": ("Boredom", "Tiredness"),
}
"""Corpus category -> the names whose largest score is that category's score."""

_INDEX = {name: i for i, name in enumerate(PROSODY_NAMES)}


def _pitch_surprise(pitch_z: float, range_z: float) -> float:
    """0..1: how far pitch is raised and widened against the speaker's baseline (a surprise cue)."""
    return float(1.0 / (1.0 + np.exp(-(1.2 * (pitch_z + range_z) - 2.0))))


def prosody_emotions(
    classes: npt.NDArray[np.float64], arousal: float, pitch_z: float, range_z: float, *, surprise: float = 0.0
) -> list[EmotionScore]:
    """48 scores in taxonomy order from class probabilities, arousal and speaker-relative pitch.

    `surprise` is a probability of surprise from a model that has that category (the neural backends);
    the EmoDB model has none, so its surprise comes from the pitch cue alone.
    """
    probs = dict(zip(EMODB_CLASSES, classes.tolist(), strict=True))
    surprise = max(surprise, _pitch_surprise(pitch_z, range_z) * (arousal + 0.5) / 1.5)
    valence = sum(probs[c] * CLASS_VAD[c][0] for c in EMODB_CLASSES)
    out = []
    for name in PROSODY_NAMES:
        score = sum(weight * probs[c] for c, weight in CLASS_WEIGHTS[name].items())
        score += AROUSAL_WEIGHTS.get(name, 0.0) * (arousal - 0.5)
        if name == "Surprise (positive)":
            score += 0.5 * surprise * valence
        elif name == "Surprise (negative)":
            score += 0.5 * surprise * (1.0 - valence)
        out.append(EmotionScore(name=name, score=round(min(1.0, max(0.0, score)), 4)))
    return out


def read_categories(emotions: list[EmotionScore], categories: tuple[str, ...]) -> dict[str, float]:
    """Score of each corpus category (from `CATEGORY_READOUT`) read off the 48 names."""
    values = {e.name: e.score for e in emotions}
    return {cat: max(values[name] for name in CATEGORY_READOUT[cat]) for cat in categories}
