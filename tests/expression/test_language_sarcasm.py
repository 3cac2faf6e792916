"""Sarcasm: the one dimension whose descriptor prototype needs a contrast (see tools/language_descriptors.py).

The sentences here are TEST sentences, written for this file after the contrast weight was chosen on other
sentences; they are not descriptors or contrasts. Sarcasm has no labelled corpus in shared/, so this is its
only check: sarcastic remarks should outrank plain thanks, praise and questions.
"""

from __future__ import annotations

import numpy as np
import pytest

from tonesense.expression.language import LocalLanguageScorer, get_language_scorer
from tonesense.taxonomy import LANGUAGE_NAMES

SARCASTIC = (
    "Oh fantastic, the wifi is down again.",
    "Wow, you really outdid yourself this time, didn't you.",
    "Great, my favourite thing: a two-hour queue.",
    "Sure, take all the credit, you earned it so much.",
    "Oh, I'm so glad you remembered my birthday, three weeks late.",
    "Yeah, that's a totally brilliant plan.",
    "How lovely, the neighbours are drilling at 6am again.",
    "Thanks so much for finishing the coffee and not making more.",
    "Oh no, whatever will I do without your advice.",
    "Because obviously I have nothing better to do all weekend.",
    "What a genius, locking the keys inside the car.",
    "Perfect timing, as always.",
)
PLAIN = (
    "Thank you.",
    "Thanks.",
    "Thank you very much for the lovely flowers.",
    "Welcome to the team!",
    "Great work on the presentation today.",
    "That's a really good idea, let's try it.",
    "I'm so happy you could come.",
    "Perfect, see you at six.",
    "Could you pass me the salt?",
    "The store closes at nine tonight.",
    "I'm sorry for your loss.",
    "Congratulations on the new job!",
    "I'm worried about my mother's health.",
    "Sounds good to me.",
)


@pytest.fixture(scope="module")
def sarcasm() -> tuple[np.ndarray, np.ndarray]:
    scorer: LocalLanguageScorer = get_language_scorer()
    column = LANGUAGE_NAMES.index("Sarcasm")
    sarcastic = np.array([r.emotions[column].score for r in scorer.score_texts(list(SARCASTIC))])
    plain = np.array([r.emotions[column].score for r in scorer.score_texts(list(PLAIN))])
    return sarcastic, plain


def _auc(positive: np.ndarray, negative: np.ndarray) -> float:
    wins = (positive[:, None] > negative[None, :]) + 0.5 * (positive[:, None] == negative[None, :])
    return float(wins.mean())


def test_auc_counts_pairs_with_ties_as_half() -> None:
    assert _auc(np.array([0.9, 0.5]), np.array([0.5, 0.1])) == pytest.approx((1 + 1 + 0.5 + 1) / 4)


def test_plain_thanks_is_not_read_as_sarcasm(sarcasm: tuple[np.ndarray, np.ndarray]) -> None:
    _, plain = sarcasm
    assert plain[:3].max() < 0.2, plain[:3]


def test_sarcastic_remarks_outrank_plain_ones(sarcasm: tuple[np.ndarray, np.ndarray]) -> None:
    sarcastic, plain = sarcasm
    assert _auc(sarcastic, plain) >= 0.7
    assert np.median(sarcastic) > np.median(plain)
