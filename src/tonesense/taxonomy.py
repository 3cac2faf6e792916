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
    "Admiration": (0.751, 0.797, 0.758),
    "Adoration": (0.782, 1.0, 0.761),
    "Aesthetic Appreciation": (0.831, 0.795, 0.7),
    "Amusement": (0.574, 1.0, 0.561),
    "Anger": (0.058, 1.0, 0.66),
    "Annoyance": (0.086, 0.953, 0.4),
    "Anxiety": (0.303, 0.709, 0.182),
    "Awe": (0.605, 0.843, 0.499),
    "Awkwardness": (0.399, 0.51, 0.406),
    "Boredom": (0.331, 0.554, 0.478),
    "Calmness": (0.575, 0.482, 0.55),
    "Concentration": (0.464, 0.535, 0.584),
    "Confusion": (0.369, 0.647, 0.271),
    "Contemplation": (0.522, 0.449, 0.498),
    "Contempt": (0.408, 0.665, 0.521),
    "Contentment": (0.774, 0.663, 0.745),
    "Craving": (0.393, 0.585, 0.416),
    "Desire": (0.568, 0.665, 0.634),
    "Determination": (0.411, 0.691, 0.646),
    "Disappointment": (0.379, 0.677, 0.435),
    "Disapproval": (0.368, 0.551, 0.614),
    "Disgust": (0.136, 0.859, 0.577),
    "Distress": (0.086, 0.987, 0.0),
    "Doubt": (0.513, 0.479, 0.545),
    "Ecstasy": (0.874, 1.0, 0.785),
    "Embarrassment": (0.384, 0.726, 0.355),
    "Empathic Pain": (0.147, 0.726, 0.017),
    "Enthusiasm": (0.76, 1.0, 1.0),
    "Entrancement": (0.49, 0.615, 0.485),
    "Envy": (0.436, 0.612, 0.325),
    "Excitement": (0.874, 1.0, 0.885),
    "Fear": (0.182, 0.882, 0.094),
    "Gratitude": (0.787, 0.689, 0.451),
    "Guilt": (0.103, 0.686, 0.208),
    "Horror": (0.261, 0.962, 0.233),
    "Interest": (0.537, 0.613, 0.556),
    "Joy": (0.94, 1.0, 0.755),
    "Love": (0.791, 0.81, 0.49),
    "Nostalgia": (0.542, 0.575, 0.47),
    "Pain": (0.013, 0.817, 0.047),
    "Pride": (0.858, 0.757, 0.819),
    "Realization": (0.523, 0.677, 0.655),
    "Relief": (0.593, 0.618, 0.465),
    "Romance": (0.67, 0.767, 0.592),
    "Sadness": (0.142, 0.675, 0.0),
    "Sarcasm": (0.606, 0.618, 0.642),
    "Satisfaction": (0.786, 0.779, 0.915),
    "Shame": (0.163, 0.762, 0.296),
    "Surprise (negative)": (0.26, 0.845, 0.363),
    "Surprise (positive)": (0.715, 1.0, 0.526),
    "Sympathy": (0.463, 0.594, 0.328),
    "Tiredness": (0.246, 0.594, 0.132),
    "Triumph": (0.763, 1.0, 1.0),
}


def describe(name: str) -> str:
    """The one-line description of a dimension (any modality); KeyError for an unknown name."""
    return DESCRIPTIONS[name]


def vad(name: str) -> tuple[float, float, float]:
    """(valence, arousal, dominance) of a dimension in [0, 1], 0.5 neutral; KeyError for an unknown name."""
    return VAD[name]
