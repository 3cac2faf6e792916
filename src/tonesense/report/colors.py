"""Colours for expression names: one hue per family of related expressions, so the timeline reads at a glance."""

from __future__ import annotations

__all__ = ["FAMILIES", "LINE_PALETTE", "family_of", "strip_color"]

FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "bright": (
        "#f59e0b",
        (
            "Amusement", "Joy", "Excitement", "Ecstasy", "Triumph", "Enthusiasm", "Surprise (positive)", "Pride",
            "Admiration", "Awe",
        ),
    ),
    "warm": (
        "#16a34a",
        (
            "Calmness", "Contentment", "Relief", "Satisfaction", "Love", "Adoration", "Romance", "Gratitude",
            "Sympathy", "Nostalgia", "Aesthetic Appreciation", "Entrancement",
        ),
    ),
    "thinking": (
        "#0891b2",
        ("Interest", "Concentration", "Contemplation", "Realization", "Determination", "Confusion", "Doubt"),
    ),
    "tense": (
        "#dc2626",
        (
            "Anger", "Annoyance", "Contempt", "Disgust", "Disapproval", "Horror", "Fear", "Anxiety", "Distress",
            "Surprise (negative)", "Sarcasm",
        ),
    ),
    "low": (
        "#4f46e5",
        (
            "Sadness", "Disappointment", "Tiredness", "Boredom", "Pain", "Empathic Pain", "Guilt", "Shame",
            "Embarrassment", "Awkwardness",
        ),
    ),
    "wanting": ("#c026d3", ("Craving", "Desire", "Envy")),
}  # fmt: skip

LINE_PALETTE = ("#2563eb", "#e11d48", "#059669", "#d97706", "#7c3aed", "#0f766e")
"""Distinct colours for the few expressions drawn as lines in one lane."""

_FAMILY_BY_NAME = {name: family for family, (_, names) in FAMILIES.items() for name in names}


def family_of(name: str) -> str:
    """The family an expression name belongs to ("bright", "warm", "thinking", "tense", "low", "wanting")."""
    return _FAMILY_BY_NAME.get(name, "thinking")


def strip_color(name: str) -> str:
    """The hex colour the timeline uses for `name`."""
    return FAMILIES[family_of(name)][0]
