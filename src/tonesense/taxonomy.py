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
    "Admiration": (0.706, 0.782, 0.705),
    "Adoration": (0.747, 1.0, 0.639),
    "Aesthetic Appreciation": (0.891, 0.872, 0.778),
    "Amusement": (0.634, 1.0, 0.528),
    "Anger": (0.081, 1.0, 0.609),
    "Annoyance": (0.155, 0.838, 0.367),
    "Anxiety": (0.246, 0.725, 0.091),
    "Awe": (0.664, 0.873, 0.557),
    "Awkwardness": (0.439, 0.559, 0.361),
    "Boredom": (0.387, 0.52, 0.44),
    "Calmness": (0.549, 0.545, 0.505),
    "Concentration": (0.438, 0.564, 0.56),
    "Confusion": (0.422, 0.65, 0.346),
    "Contemplation": (0.514, 0.491, 0.482),
    "Contempt": (0.41, 0.648, 0.519),
    "Contentment": (0.822, 0.752, 0.793),
    "Craving": (0.381, 0.605, 0.422),
    "Desire": (0.562, 0.699, 0.585),
    "Determination": (0.391, 0.725, 0.596),
    "Disappointment": (0.362, 0.639, 0.358),
    "Disapproval": (0.358, 0.531, 0.625),
    "Disgust": (0.194, 0.852, 0.507),
    "Distress": (0.042, 1.0, 0.0),
    "Doubt": (0.483, 0.489, 0.558),
    "Ecstasy": (0.844, 1.0, 0.649),
    "Embarrassment": (0.375, 0.711, 0.365),
    "Empathic Pain": (0.158, 0.77, 0.012),
    "Enthusiasm": (0.739, 1.0, 0.888),
    "Entrancement": (0.487, 0.573, 0.447),
    "Envy": (0.412, 0.627, 0.38),
    "Excitement": (0.902, 1.0, 0.856),
    "Fear": (0.164, 0.892, 0.042),
    "Gratitude": (0.818, 0.682, 0.433),
    "Guilt": (0.087, 0.718, 0.077),
    "Horror": (0.261, 1.0, 0.22),
    "Interest": (0.543, 0.616, 0.569),
    "Joy": (0.956, 1.0, 0.803),
    "Love": (0.783, 0.789, 0.562),
    "Nostalgia": (0.557, 0.554, 0.493),
    "Pain": (0.046, 0.85, 0.001),
    "Pride": (0.819, 0.785, 0.755),
    "Realization": (0.538, 0.741, 0.643),
    "Relief": (0.551, 0.659, 0.449),
    "Romance": (0.704, 0.738, 0.609),
    "Sadness": (0.178, 0.706, 0.0),
    "Sarcasm": (0.619, 0.637, 0.696),
    "Satisfaction": (0.756, 0.706, 0.84),
    "Shame": (0.166, 0.771, 0.273),
    "Surprise (negative)": (0.198, 0.869, 0.305),
    "Surprise (positive)": (0.742, 1.0, 0.565),
    "Sympathy": (0.434, 0.511, 0.199),
    "Tiredness": (0.274, 0.604, 0.223),
    "Triumph": (0.787, 1.0, 0.985),
}


def describe(name: str) -> str:
    """The one-line description of a dimension (any modality); KeyError for an unknown name."""
    return DESCRIPTIONS[name]


def vad(name: str) -> tuple[float, float, float]:
    """(valence, arousal, dominance) of a dimension in [0, 1], 0.5 neutral; KeyError for an unknown name."""
    return VAD[name]
