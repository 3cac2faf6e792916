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
    "Admiration": (0.786, 0.798, 0.85),
    "Adoration": (0.851, 1.0, 0.734),
    "Aesthetic Appreciation": (0.848, 0.844, 0.756),
    "Amusement": (0.622, 1.0, 0.723),
    "Anger": (0.154, 1.0, 0.756),
    "Annoyance": (0.139, 0.947, 0.497),
    "Anxiety": (0.326, 0.708, 0.229),
    "Awe": (0.605, 0.834, 0.529),
    "Awkwardness": (0.395, 0.555, 0.456),
    "Boredom": (0.34, 0.577, 0.512),
    "Calmness": (0.589, 0.52, 0.601),
    "Concentration": (0.452, 0.554, 0.615),
    "Confusion": (0.363, 0.637, 0.399),
    "Contemplation": (0.508, 0.491, 0.54),
    "Contempt": (0.412, 0.679, 0.61),
    "Contentment": (0.807, 0.723, 0.72),
    "Craving": (0.426, 0.658, 0.4),
    "Desire": (0.536, 0.688, 0.621),
    "Determination": (0.42, 0.683, 0.598),
    "Disappointment": (0.342, 0.755, 0.445),
    "Disapproval": (0.357, 0.538, 0.726),
    "Disgust": (0.184, 0.873, 0.695),
    "Distress": (0.113, 0.996, 0.0),
    "Doubt": (0.468, 0.509, 0.563),
    "Ecstasy": (0.935, 1.0, 0.713),
    "Embarrassment": (0.407, 0.843, 0.417),
    "Empathic Pain": (0.203, 0.743, 0.0),
    "Enthusiasm": (0.77, 1.0, 0.984),
    "Entrancement": (0.501, 0.61, 0.459),
    "Envy": (0.411, 0.621, 0.364),
    "Excitement": (0.883, 1.0, 0.886),
    "Fear": (0.158, 0.915, 0.087),
    "Gratitude": (0.805, 0.705, 0.418),
    "Guilt": (0.099, 0.741, 0.157),
    "Horror": (0.275, 1.0, 0.255),
    "Interest": (0.505, 0.589, 0.613),
    "Joy": (0.948, 1.0, 0.784),
    "Love": (0.819, 0.83, 0.54),
    "Nostalgia": (0.526, 0.612, 0.427),
    "Pain": (0.06, 0.857, 0.123),
    "Pride": (0.854, 0.758, 0.843),
    "Realization": (0.526, 0.724, 0.671),
    "Relief": (0.569, 0.668, 0.439),
    "Romance": (0.729, 0.751, 0.61),
    "Sadness": (0.189, 0.718, 0.041),
    "Sarcasm": (0.612, 0.662, 0.669),
    "Satisfaction": (0.787, 0.783, 0.917),
    "Shame": (0.169, 0.768, 0.329),
    "Surprise (negative)": (0.227, 0.903, 0.422),
    "Surprise (positive)": (0.742, 1.0, 0.653),
    "Sympathy": (0.456, 0.528, 0.263),
    "Tiredness": (0.266, 0.646, 0.178),
    "Triumph": (0.815, 1.0, 1.0),
}


def describe(name: str) -> str:
    """The one-line description of a dimension (any modality); KeyError for an unknown name."""
    return DESCRIPTIONS[name]


def vad(name: str) -> tuple[float, float, float]:
    """(valence, arousal, dominance) of a dimension in [0, 1], 0.5 neutral; KeyError for an unknown name."""
    return VAD[name]
