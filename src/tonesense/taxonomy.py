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
    "Admiration": (0.713, 0.815, 0.742),
    "Adoration": (0.746, 1.0, 0.656),
    "Aesthetic Appreciation": (0.893, 0.876, 0.783),
    "Amusement": (0.621, 1.0, 0.479),
    "Anger": (0.082, 1.0, 0.663),
    "Annoyance": (0.167, 0.84, 0.417),
    "Anxiety": (0.265, 0.713, 0.133),
    "Awe": (0.659, 0.858, 0.55),
    "Awkwardness": (0.43, 0.565, 0.374),
    "Boredom": (0.394, 0.523, 0.478),
    "Calmness": (0.562, 0.554, 0.531),
    "Concentration": (0.464, 0.561, 0.573),
    "Confusion": (0.41, 0.683, 0.335),
    "Contemplation": (0.536, 0.499, 0.514),
    "Contempt": (0.433, 0.654, 0.528),
    "Contentment": (0.821, 0.738, 0.823),
    "Craving": (0.403, 0.586, 0.444),
    "Desire": (0.56, 0.672, 0.602),
    "Determination": (0.395, 0.746, 0.559),
    "Disappointment": (0.367, 0.645, 0.376),
    "Disapproval": (0.365, 0.532, 0.634),
    "Disgust": (0.199, 0.844, 0.529),
    "Distress": (0.043, 0.995, 0.0),
    "Doubt": (0.484, 0.492, 0.581),
    "Ecstasy": (0.838, 1.0, 0.691),
    "Embarrassment": (0.381, 0.722, 0.375),
    "Empathic Pain": (0.163, 0.76, 0.044),
    "Enthusiasm": (0.752, 1.0, 0.888),
    "Entrancement": (0.506, 0.584, 0.469),
    "Envy": (0.44, 0.583, 0.413),
    "Excitement": (0.912, 1.0, 0.853),
    "Fear": (0.179, 0.871, 0.03),
    "Gratitude": (0.831, 0.72, 0.483),
    "Guilt": (0.078, 0.713, 0.106),
    "Horror": (0.281, 0.985, 0.242),
    "Interest": (0.542, 0.607, 0.593),
    "Joy": (0.975, 1.0, 0.883),
    "Love": (0.784, 0.782, 0.554),
    "Nostalgia": (0.556, 0.556, 0.494),
    "Pain": (0.05, 0.821, 0.0),
    "Pride": (0.837, 0.81, 0.845),
    "Realization": (0.537, 0.791, 0.655),
    "Relief": (0.544, 0.648, 0.427),
    "Romance": (0.71, 0.736, 0.624),
    "Sadness": (0.171, 0.703, 0.004),
    "Sarcasm": (0.621, 0.638, 0.724),
    "Satisfaction": (0.75, 0.723, 0.852),
    "Shame": (0.183, 0.829, 0.323),
    "Surprise (negative)": (0.21, 0.842, 0.3),
    "Surprise (positive)": (0.751, 1.0, 0.583),
    "Sympathy": (0.452, 0.533, 0.249),
    "Tiredness": (0.263, 0.592, 0.181),
    "Triumph": (0.802, 1.0, 0.962),
}


def describe(name: str) -> str:
    """The one-line description of a dimension (any modality); KeyError for an unknown name."""
    return DESCRIPTIONS[name]


def vad(name: str) -> tuple[float, float, float]:
    """(valence, arousal, dominance) of a dimension in [0, 1], 0.5 neutral; KeyError for an unknown name."""
    return VAD[name]
