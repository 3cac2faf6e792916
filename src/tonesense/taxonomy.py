"""The exact names of Hume's expression dimensions, spelled and ordered as Hume's v0 API returns them.

Source: Hume's v0 predictions (real face and language outputs) and its model docs, collected in
`shared/reference/hume-v0-api.md` section 6. Each name also has a one-line description (`DESCRIPTIONS`) and
valence-arousal-dominance coordinates (`VAD`, source documented beside it); the 48 face/prosody/burst names
are a subset of the 53 language names, so both tables cover every modality.
"""

from __future__ import annotations

__all__ = [
    "BURST_NAMES",
    "DESCRIPTIONS",
    "FACE_NAMES",
    "LANGUAGE_NAMES",
    "PROSODY_NAMES",
    "SENTIMENT_NAMES",
    "VAD",
    "describe",
    "names_for",
    "vad",
]

EXPRESSION_48: tuple[str, ...] = (
    "Admiration",
    "Adoration",
    "Aesthetic Appreciation",
    "Amusement",
    "Anger",
    "Anxiety",
    "Awe",
    "Awkwardness",
    "Boredom",
    "Calmness",
    "Concentration",
    "Confusion",
    "Contemplation",
    "Contempt",
    "Contentment",
    "Craving",
    "Desire",
    "Determination",
    "Disappointment",
    "Disgust",
    "Distress",
    "Doubt",
    "Ecstasy",
    "Embarrassment",
    "Empathic Pain",
    "Entrancement",
    "Envy",
    "Excitement",
    "Fear",
    "Guilt",
    "Horror",
    "Interest",
    "Joy",
    "Love",
    "Nostalgia",
    "Pain",
    "Pride",
    "Realization",
    "Relief",
    "Romance",
    "Sadness",
    "Satisfaction",
    "Shame",
    "Surprise (negative)",
    "Surprise (positive)",
    "Sympathy",
    "Tiredness",
    "Triumph",
)

LANGUAGE_NAMES: tuple[str, ...] = (
    "Admiration",
    "Adoration",
    "Aesthetic Appreciation",
    "Amusement",
    "Anger",
    "Annoyance",
    "Anxiety",
    "Awe",
    "Awkwardness",
    "Boredom",
    "Calmness",
    "Concentration",
    "Confusion",
    "Contemplation",
    "Contempt",
    "Contentment",
    "Craving",
    "Desire",
    "Determination",
    "Disappointment",
    "Disapproval",
    "Disgust",
    "Distress",
    "Doubt",
    "Ecstasy",
    "Embarrassment",
    "Empathic Pain",
    "Enthusiasm",
    "Entrancement",
    "Envy",
    "Excitement",
    "Fear",
    "Gratitude",
    "Guilt",
    "Horror",
    "Interest",
    "Joy",
    "Love",
    "Nostalgia",
    "Pain",
    "Pride",
    "Realization",
    "Relief",
    "Romance",
    "Sadness",
    "Sarcasm",
    "Satisfaction",
    "Shame",
    "Surprise (negative)",
    "Surprise (positive)",
    "Sympathy",
    "Tiredness",
    "Triumph",
)

FACE_NAMES = EXPRESSION_48
PROSODY_NAMES = EXPRESSION_48
BURST_NAMES = EXPRESSION_48
SENTIMENT_NAMES: tuple[str, ...] = tuple(str(i) for i in range(1, 10))

_BY_MODALITY = {"face": FACE_NAMES, "prosody": PROSODY_NAMES, "burst": BURST_NAMES, "language": LANGUAGE_NAMES}


def names_for(modality: str) -> tuple[str, ...]:
    """The ordered dimension names Hume returns for a modality ("face", "prosody", "burst", "language")."""
    try:
        return _BY_MODALITY[modality]
    except KeyError:
        raise ValueError(f"unknown modality {modality!r}; expected one of {sorted(_BY_MODALITY)}") from None


# One line per dimension: what a reader, listener or viewer perceives. Written for this project, after Hume's
# own glosses of its dimensions (Cowen & Keltner's semantic-space studies) and common dictionary senses.
DESCRIPTIONS: dict[str, str] = {
    "Admiration": "approval and respect for someone's qualities or achievements",
    "Adoration": "tender, doting affection, as for a baby, a pet or a loved one",
    "Aesthetic Appreciation": "being moved by beauty in art, music, nature or design",
    "Amusement": "finding something funny; laughter, playfulness, joking",
    "Anger": "hostile displeasure at a wrong or an obstacle; rage, fury",
    "Annoyance": "mild irritation or impatience; being bothered",
    "Anxiety": "nervous worry about what might happen; unease, apprehension",
    "Awe": "wonder at something vast, powerful or beyond understanding",
    "Awkwardness": "social discomfort; not knowing what to say or do",
    "Boredom": "weariness from a lack of interest or stimulation",
    "Calmness": "a peaceful, relaxed, untroubled state",
    "Concentration": "focused mental effort on a task",
    "Confusion": "not understanding; puzzlement, asking for clarification",
    "Contemplation": "quiet, reflective thought; pondering",
    "Contempt": "looking down on someone as worthless or beneath consideration; scorn",
    "Contentment": "quiet satisfaction with how things are",
    "Craving": "a strong appetite for something specific, such as food or drink",
    "Desire": "wanting someone or something",
    "Determination": "resolve to reach a goal despite obstacles",
    "Disappointment": "let down because hopes or expectations were not met",
    "Disapproval": "judging something as wrong, bad or unacceptable",
    "Disgust": "revulsion at something offensive, dirty or morally repugnant",
    "Distress": "acute upset and strain; being overwhelmed and in need of help",
    "Doubt": "uncertainty or skepticism about whether something is true or will work",
    "Ecstasy": "overwhelming, intense delight; bliss",
    "Embarrassment": "self-conscious discomfort after a social slip",
    "Empathic Pain": "hurting for someone else's suffering or loss",
    "Enthusiasm": "eager, energetic interest and willingness",
    "Entrancement": "being captivated or spellbound; absorbed attention",
    "Envy": "wanting what someone else has; jealousy",
    "Excitement": "energetic, eager anticipation",
    "Fear": "alarm at a threat or danger; being scared",
    "Gratitude": "thankfulness and appreciation for something received",
    "Guilt": "remorse about one's own wrongdoing; apologising",
    "Horror": "shock and dread at something gruesome or terrible",
    "Interest": "curiosity and wanting to know more",
    "Joy": "happiness and gladness",
    "Love": "warm affection and attachment",
    "Nostalgia": "wistful longing for the past",
    "Pain": "physical or emotional hurt",
    "Pride": "pleasure in one's own (or one's group's) achievements",
    "Realization": "suddenly understanding or noticing something",
    "Relief": "release from worry or strain once a threat has passed",
    "Romance": "romantic, amorous feeling toward a partner",
    "Sadness": "unhappiness, sorrow, grief",
    "Sarcasm": "saying the opposite of what is meant, to mock or to convey contempt",
    "Satisfaction": "pleasure at a need met or a task done well",
    "Shame": "painful sense of having been dishonourable or inadequate",
    "Surprise (negative)": "being startled by something unexpected and unwelcome",
    "Surprise (positive)": "being startled by something unexpected and welcome",
    "Sympathy": "caring concern and support for someone in difficulty",
    "Tiredness": "fatigue, sleepiness, exhaustion",
    "Triumph": "exultant victory; having won or prevailed",
}

# Valence, arousal and dominance of each dimension in [0, 1] (0.5 = neutral). Source: this project's
# EmoBank-trained V/A/D read-out (the tonesense language model; EmoBank, Buechel & Hahn 2017, CC BY-SA 4.0)
# applied to each dimension's descriptor sentences (`tools/language_descriptors.py`), averaged, then centred
# on EmoBank's neutral 3.0 and stretched by each axis's spread over the 53 dimensions:
# x = clip(0.5 + (v - 3) / (4 * sd)). Model-derived, hence approximate (for example it rates Sadness as
# fairly aroused). Regenerated by `python tools/train_language_model.py` into build/language/taxonomy_vad.json.
VAD: dict[str, tuple[float, float, float]] = {
    "Admiration": (0.709, 0.789, 0.749),
    "Adoration": (0.764, 1.0, 0.722),
    "Aesthetic Appreciation": (0.901, 0.872, 0.779),
    "Amusement": (0.65, 1.0, 0.565),
    "Anger": (0.073, 1.0, 0.679),
    "Annoyance": (0.15, 0.84, 0.45),
    "Anxiety": (0.265, 0.696, 0.156),
    "Awe": (0.645, 0.85, 0.57),
    "Awkwardness": (0.432, 0.554, 0.375),
    "Boredom": (0.389, 0.543, 0.509),
    "Calmness": (0.556, 0.532, 0.532),
    "Concentration": (0.446, 0.567, 0.575),
    "Confusion": (0.414, 0.687, 0.376),
    "Contemplation": (0.513, 0.503, 0.505),
    "Contempt": (0.406, 0.684, 0.58),
    "Contentment": (0.819, 0.753, 0.812),
    "Craving": (0.423, 0.609, 0.47),
    "Desire": (0.565, 0.693, 0.592),
    "Determination": (0.386, 0.767, 0.587),
    "Disappointment": (0.361, 0.621, 0.375),
    "Disapproval": (0.36, 0.542, 0.642),
    "Disgust": (0.179, 0.876, 0.549),
    "Distress": (0.054, 0.989, 0.0),
    "Doubt": (0.471, 0.512, 0.578),
    "Ecstasy": (0.823, 1.0, 0.7),
    "Embarrassment": (0.374, 0.708, 0.358),
    "Empathic Pain": (0.158, 0.764, 0.042),
    "Enthusiasm": (0.766, 1.0, 0.916),
    "Entrancement": (0.491, 0.554, 0.464),
    "Envy": (0.447, 0.612, 0.424),
    "Excitement": (0.91, 1.0, 0.918),
    "Fear": (0.176, 0.923, 0.029),
    "Gratitude": (0.816, 0.67, 0.443),
    "Guilt": (0.09, 0.696, 0.12),
    "Horror": (0.276, 0.966, 0.273),
    "Interest": (0.554, 0.624, 0.594),
    "Joy": (0.957, 1.0, 0.845),
    "Love": (0.775, 0.755, 0.555),
    "Nostalgia": (0.555, 0.554, 0.495),
    "Pain": (0.036, 0.826, 0.0),
    "Pride": (0.833, 0.793, 0.818),
    "Realization": (0.54, 0.757, 0.645),
    "Relief": (0.535, 0.695, 0.448),
    "Romance": (0.708, 0.721, 0.627),
    "Sadness": (0.181, 0.721, 0.0),
    "Sarcasm": (0.615, 0.63, 0.708),
    "Satisfaction": (0.752, 0.698, 0.831),
    "Shame": (0.176, 0.8, 0.32),
    "Surprise (negative)": (0.201, 0.868, 0.313),
    "Surprise (positive)": (0.741, 1.0, 0.586),
    "Sympathy": (0.456, 0.535, 0.275),
    "Tiredness": (0.286, 0.585, 0.213),
    "Triumph": (0.799, 1.0, 1.0),
}


def describe(name: str) -> str:
    """The one-line description of a dimension (any modality); KeyError for an unknown name."""
    return DESCRIPTIONS[name]


def vad(name: str) -> tuple[float, float, float]:
    """(valence, arousal, dominance) of a dimension in [0, 1], 0.5 neutral; KeyError for an unknown name."""
    return VAD[name]
