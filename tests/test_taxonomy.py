"""The dimension names, descriptions and valence/arousal/dominance coordinates."""

from __future__ import annotations

import pytest

from tonesense import taxonomy
from tonesense.taxonomy import BURST_NAMES, DESCRIPTIONS, LANGUAGE_NAMES, SENTIMENT_NAMES, VAD, names_for


def test_name_lists_have_hume_sizes_and_order() -> None:
    assert len(LANGUAGE_NAMES) == 53 and len(set(LANGUAGE_NAMES)) == 53
    assert len(BURST_NAMES) == 48
    assert list(LANGUAGE_NAMES) == sorted(LANGUAGE_NAMES)
    assert set(LANGUAGE_NAMES) - set(taxonomy.EXPRESSION_48) == {
        "Annoyance", "Disapproval", "Enthusiasm", "Gratitude", "Sarcasm"
    }  # fmt: skip
    assert tuple(str(i) for i in range(1, 10)) == SENTIMENT_NAMES


def test_names_for_rejects_unknown_modality() -> None:
    assert names_for("language") is LANGUAGE_NAMES
    with pytest.raises(ValueError):
        names_for("smell")


def test_every_dimension_has_a_description_and_coordinates() -> None:
    assert set(DESCRIPTIONS) == set(LANGUAGE_NAMES) == set(VAD)
    assert all(DESCRIPTIONS[n].strip() for n in LANGUAGE_NAMES)
    for coords in VAD.values():
        assert len(coords) == 3 and all(0.0 <= c <= 1.0 for c in coords)


def test_coordinates_order_familiar_pairs() -> None:
    assert VAD["Joy"][0] > VAD["Sadness"][0]
    assert VAD["Gratitude"][0] > VAD["Anger"][0]
    assert VAD["Excitement"][1] > VAD["Calmness"][1]
    assert taxonomy.describe("Awe") == DESCRIPTIONS["Awe"]
    assert taxonomy.vad("Awe") == VAD["Awe"]
    with pytest.raises(KeyError):
        taxonomy.vad("Grumpiness")
