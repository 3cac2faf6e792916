"""How a vocal burst of a given type and acoustics maps onto the 48 expression names.

The mapping is a documented prior, not a fitted model: no licence-permitted vocal-burst data with emotion
ratings exists to fit one (the Deeply and similar sets are non-commercial and carry no ratings). Each family
has a base profile drawn from the vocal-burst literature (Cowen et al. 2019, "The primacy of categories in
the recognition of 12 emotions in speech prosody across two cultures" and "Mapping 24 emotions conveyed by
brief human vocalization"), and its acoustics shift it: a loud, high, long laugh reads as triumphant and
excited, a short quiet one as nervous or awkward; a high, loud scream as fear or horror, a low one as anger.
Scores describe how the sound is likely to be perceived, not what the person feels.

Inputs to `burst_emotions`:
- `family`: the burst type ("laughter", "sigh", ...),
- `subtypes`: YAMNet's mean scores for the family's AudioSet classes (e.g. "Giggle", "Belly laugh"),
- `intensity`: 0..1, loudness and pitch of the burst relative to the rest of the audio (0.5 = typical).
"""

from __future__ import annotations

from collections.abc import Mapping

from tonesense.schema import EmotionScore
from tonesense.taxonomy import BURST_NAMES

__all__ = ["BASE_PROFILES", "burst_emotions"]

_FLOOR = 0.02

BASE_PROFILES: dict[str, dict[str, float]] = {
    "laughter": {"Amusement": 0.85, "Joy": 0.55, "Excitement": 0.3, "Contentment": 0.2, "Awkwardness": 0.15},
    "crying": {"Sadness": 0.8, "Distress": 0.65, "Empathic Pain": 0.35, "Pain": 0.3, "Disappointment": 0.3},
    "whimper": {"Distress": 0.6, "Sadness": 0.5, "Fear": 0.35, "Pain": 0.35, "Anxiety": 0.3},
    "scream": {
        "Fear": 0.6,
        "Horror": 0.5,
        "Distress": 0.45,
        "Anger": 0.3,
        "Excitement": 0.25,
        "Surprise (negative)": 0.3,
    },
    "gasp": {"Surprise (negative)": 0.55, "Surprise (positive)": 0.35, "Fear": 0.35, "Awe": 0.3, "Realization": 0.3},
    "groan": {"Pain": 0.5, "Disappointment": 0.45, "Distress": 0.35, "Tiredness": 0.3, "Desire": 0.1},
    "sigh": {
        "Relief": 0.45,
        "Tiredness": 0.4,
        "Disappointment": 0.4,
        "Contentment": 0.25,
        "Boredom": 0.25,
        "Sadness": 0.2,
    },
    "hum": {
        "Contemplation": 0.5,
        "Doubt": 0.35,
        "Interest": 0.35,
        "Concentration": 0.35,
        "Calmness": 0.25,
        "Contentment": 0.2,
    },
    "yawn": {"Tiredness": 0.8, "Boredom": 0.5, "Calmness": 0.2, "Contentment": 0.1},
    "pant": {"Tiredness": 0.45, "Excitement": 0.35, "Determination": 0.3, "Fear": 0.2, "Anxiety": 0.2, "Pain": 0.15},
}
"""Family -> the names a typical instance is most likely to be heard as, with prior scores in [0, 1]."""

# AudioSet sub-classes that shift a family's profile (e.g. a belly laugh is more triumphant than a snicker).
_SUBTYPE_SHIFTS: dict[str, dict[str, float]] = {
    "Belly laugh": {"Amusement": 0.1, "Joy": 0.2, "Triumph": 0.3, "Ecstasy": 0.2, "Excitement": 0.15},
    "Giggle": {"Amusement": 0.1, "Embarrassment": 0.25, "Awkwardness": 0.2, "Joy": 0.1},
    "Snicker": {"Contempt": 0.35, "Amusement": 0.05, "Doubt": 0.1},
    "Chuckle, chortle": {"Contentment": 0.25, "Amusement": 0.05, "Satisfaction": 0.2},
    "Yell": {"Anger": 0.35, "Determination": 0.25, "Triumph": 0.15},
    "Wail, moan": {"Sadness": 0.2, "Distress": 0.15},
    "Grunt": {"Determination": 0.3, "Pain": 0.1},
}

# How loudness and pitch relative to the audio shift each family (added at intensity 1, subtracted at 0).
_INTENSITY_SHIFTS: dict[str, dict[str, float]] = {
    "laughter": {"Excitement": 0.3, "Triumph": 0.25, "Joy": 0.15, "Awkwardness": -0.25, "Embarrassment": -0.15},
    "scream": {"Horror": 0.2, "Fear": 0.15, "Excitement": 0.1},
    "sigh": {"Disappointment": 0.15, "Distress": 0.1, "Relief": -0.1, "Contentment": -0.1},
    "crying": {"Distress": 0.2, "Pain": 0.15},
    "groan": {"Pain": 0.2, "Distress": 0.15},
    "gasp": {"Fear": 0.15, "Horror": 0.1, "Surprise (negative)": 0.1},
    "pant": {"Excitement": 0.15, "Fear": 0.1, "Tiredness": -0.1},
}


def burst_emotions(family: str, subtypes: Mapping[str, float], intensity: float) -> list[EmotionScore]:
    """48 scores in taxonomy order for one burst; non-expressive families get the floor everywhere."""
    scores = dict.fromkeys(BURST_NAMES, 0.0)
    for name, value in BASE_PROFILES.get(family, {}).items():
        scores[name] += value
    for subtype, weight in subtypes.items():
        for name, value in _SUBTYPE_SHIFTS.get(subtype, {}).items():
            scores[name] += value * min(1.0, max(0.0, weight))
    centred = min(1.0, max(0.0, intensity)) * 2.0 - 1.0
    for name, value in _INTENSITY_SHIFTS.get(family, {}).items():
        scores[name] += value * centred
    return [EmotionScore(name=name, score=round(min(1.0, max(_FLOOR, scores[name])), 4)) for name in BURST_NAMES]
