"""The words used for names, bursts, trends and shifts in every rendered text, kept in one place.

Hume spells names capitalised ("Annoyance", "Surprise (negative)"); rendered text uses them in lower case
("annoyance", "surprise (negative)") so they read as cues in a sentence. JSON keeps Hume's exact spelling.
"""

from __future__ import annotations

__all__ = ["burst_phrase", "bursts_phrase", "display_name", "score_text", "shift_phrase", "trend_phrase"]

_BURST_VERBS = {
    "laughter": "laughed",
    "sigh": "sighed",
    "crying": "cried",
    "scream": "screamed",
    "gasp": "gasped",
    "groan": "groaned",
    "hum": "hummed",
    "yawn": "yawned",
    "pant": "panted",
    "whimper": "whimpered",
}


def display_name(name: str) -> str:
    """A dimension name as rendered text spells it: Hume's name in lower case."""
    return name.lower()


def score_text(name: str, score: float) -> str:
    """`annoyance 0.71`: a name with its score to two decimals."""
    return f"{display_name(name)} {score:.2f}"


def burst_phrase(burst_type: str, time: float) -> str:
    """`laughed at 3.2 s`; a type without a verb reads `<type> at 3.2 s`."""
    verb = _BURST_VERBS.get(burst_type, burst_type.replace("_", " "))
    return f"{verb} at {time:.1f} s"


def bursts_phrase(bursts: list[tuple[str, float]]) -> str:
    """`laughed at 0.2 s, 3.2 s, sighed at 5.0 s`: bursts in time order, times of the same type grouped."""
    times: dict[str, list[float]] = {}
    for burst_type, time in bursts:
        times.setdefault(burst_type, []).append(time)
    return ", ".join(
        burst_phrase(burst_type, first) + "".join(f", {time:.1f} s" for time in rest)
        for burst_type, (first, *rest) in times.items()
    )


def trend_phrase(name: str, direction: str, turns: int) -> str:
    """`annoyance rising over 3 turns`."""
    return f"{display_name(name)} {direction} over {turns} turns"


def shift_phrase(name: str, direction: str) -> str:
    """`sudden rise in amusement` or `sharp drop in calmness`."""
    change = "sudden rise in" if direction == "rising" else "sharp drop in"
    return f"{change} {display_name(name)}"
