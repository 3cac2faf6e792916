"""The local language scorer on real text with the shipped weights."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from tonesense.errors import InputError
from tonesense.expression.language import LocalLanguageScorer, get_language_scorer, sentiment_from_valence
from tonesense.expression.protocols import LanguageScorer
from tonesense.schema import TextScores
from tonesense.taxonomy import LANGUAGE_NAMES, SENTIMENT_NAMES


@pytest.fixture(scope="module")
def scorer() -> LocalLanguageScorer:
    return get_language_scorer()


def _by_name(result: TextScores) -> dict[str, float]:
    return {e.name: e.score for e in result.emotions}


def _top(result: TextScores, n: int) -> list[str]:
    return [e.name for e in sorted(result.emotions, key=lambda e: e.score, reverse=True)[:n]]


def test_scorer_satisfies_the_protocol_and_is_shared(scorer: LocalLanguageScorer) -> None:
    assert isinstance(scorer, LanguageScorer)
    assert get_language_scorer() is scorer
    assert scorer.model_id


def test_scores_are_53_independent_values_in_taxonomy_order(scorer: LocalLanguageScorer) -> None:
    (result,) = scorer.score_texts(["I can't wait to see you tomorrow!"])
    assert [e.name for e in result.emotions] == list(LANGUAGE_NAMES)
    scores = [e.score for e in result.emotions]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert sum(scores) != pytest.approx(1.0, abs=0.05)  # not a softmax across names


def test_sentiment_is_a_distribution_over_one_to_nine(scorer: LocalLanguageScorer) -> None:
    happy, sad = scorer.score_texts(["This is wonderful, I'm so happy!", "This is awful, I feel miserable."])
    for result in (happy, sad):
        assert result.sentiment is not None
        assert [s.name for s in result.sentiment] == list(SENTIMENT_NAMES)
        assert sum(s.score for s in result.sentiment) == pytest.approx(1.0)

    def mean(r: TextScores) -> float:
        return sum(int(s.name) * s.score for s in r.sentiment or [])

    assert mean(happy) > 6.0 > 4.0 > mean(sad)


def test_sentiment_centre_follows_valence() -> None:
    centres = [sum(int(s.name) * s.score for s in sentiment_from_valence(v)) for v in (1.5, 3.0, 4.5)]
    assert centres[0] < 3.0 < centres[1] < 6.0 < centres[2]
    assert centres[1] == pytest.approx(5.0, abs=0.01)


def test_thank_you_puts_gratitude_on_top(scorer: LocalLanguageScorer) -> None:
    (result,) = scorer.score_texts(["Thank you so much!"])
    assert _top(result, 1) == ["Gratitude"]
    assert _by_name(result)["Gratitude"] > 0.5


def test_asking_to_repeat_reads_as_annoyance_or_confusion(scorer: LocalLanguageScorer) -> None:
    (result,) = scorer.score_texts(["Say that one more time?"])
    assert {"Annoyance", "Confusion"} & set(_top(result, 3))


def test_a_plain_factual_sentence_scores_low_everywhere(scorer: LocalLanguageScorer) -> None:
    (result,) = scorer.score_texts(["The train to Boston departs from platform four at 10:15."])
    assert max(e.score for e in result.emotions) < 0.35


def test_clear_expressions_rank_their_dimension_high(scorer: LocalLanguageScorer) -> None:
    cases = {
        "I'm so sorry, it was all my fault.": "Guilt",
        "I'm terrified, someone is trying to break in!": "Fear",
        "Haha that's hilarious, you made my day": "Amusement",
        "I've been awake since 4am and I'm completely exhausted.": "Tiredness",
        "Those long summers at the lake when we were little, I miss them.": "Nostalgia",
    }
    results = scorer.score_texts(list(cases))
    for result, expected in zip(results, cases.values(), strict=True):
        assert expected in _top(result, 3), (result.text, _top(result, 5))


def test_empty_and_whitespace_texts_score_zero_without_error(scorer: LocalLanguageScorer) -> None:
    results = scorer.score_texts(["", "   \n\t", "Fine."])
    for empty in results[:2]:
        assert all(e.score == 0.0 for e in empty.emotions) and empty.sentiment is None
        assert len(empty.emotions) == 53
    assert results[2].sentiment is not None
    assert scorer.score_texts([]) == []


def test_very_long_text_is_chunked_and_still_scored(scorer: LocalLanguageScorer) -> None:
    calm = "The committee reviewed the budget for the coming year. " * 60
    angry = "I am furious, this is completely unacceptable and I hate it! "
    long_text = calm + angry * 3 + calm
    short_calm, long_result = scorer.score_texts([calm[:200], long_text])
    assert len(long_text.split()) > 1000
    assert len(long_result.emotions) == 53
    assert _by_name(long_result)["Anger"] > _by_name(short_calm)["Anger"]


def test_long_text_is_read_to_its_end_not_truncated(scorer: LocalLanguageScorer) -> None:
    calm = "The committee reviewed the budget for the coming year. " * 30
    angry = "I am furious, this is completely unacceptable and I hate it!"
    assert scorer.load().encoder.token_count(calm + angry) > 300
    calm_only, ends_angry = scorer.score_texts([calm, calm + angry])
    assert _by_name(ends_angry)["Anger"] > 0.1 > _by_name(calm_only)["Anger"]


def test_emoji_carry_their_meaning(scorer: LocalLanguageScorer) -> None:
    laughing, crying = scorer.score_texts(["😂😂😂", "😭😭"])
    assert _by_name(laughing)["Amusement"] > _by_name(crying)["Amusement"]
    assert _by_name(crying)["Sadness"] > _by_name(laughing)["Sadness"]


def test_disfluencies_and_transcript_tags_are_handled(scorer: LocalLanguageScorer) -> None:
    results = scorer.score_texts(["um, uh, I mean... [laughs] yeah", "<unk> [inaudible] (coughs)"])
    for result in results:
        assert len(result.emotions) == 53 and all(0.0 <= e.score <= 1.0 for e in result.emotions)


def test_non_english_text_gets_scores_and_a_language_note(scorer: LocalLanguageScorer) -> None:
    french, chinese, english = scorer.score_texts(
        [
            "Je suis vraiment très heureux de te revoir aujourd'hui",
            "我今天非常高兴见到你",
            "I am happy to see you today",
        ]
    )
    assert french.language_note and chinese.language_note
    assert english.language_note is None
    assert len(chinese.emotions) == 53


def test_emoji_only_text_gets_no_language_note(scorer: LocalLanguageScorer) -> None:
    # the spelled-out names ("grinning face") are not the writer's words, so they do not count as language
    for result in scorer.score_texts(["😀😀😀😀😀", "🏳️\u200d🌈👨\u200d👩\u200d👧", "I love it 😍😍"]):
        assert result.language_note is None


def test_undecodable_characters_score_instead_of_crashing(scorer: LocalLanguageScorer) -> None:
    (result,) = scorer.score_texts(["thanks \udcff so much \ud800"])
    assert result.text == "thanks \udcff so much \ud800" and len(result.emotions) == 53


def test_bad_input_types_raise_input_error(scorer: LocalLanguageScorer) -> None:
    with pytest.raises(InputError):
        scorer.score_texts("a bare string")
    with pytest.raises(InputError):
        scorer.score_texts(["ok", 3])  # type: ignore[list-item]


def test_a_text_scores_the_same_alone_and_in_any_batch(scorer: LocalLanguageScorer) -> None:
    # Activations are quantised per text (tools/language_row_quant.py), so neither the other texts of a
    # batch nor the padding that their lengths bring moves a text's scores.
    texts = ["Wow, congratulations!", "Why would you do that?", "It's raining again, great.", "ok"]
    company = ["Honestly I have never been so angry in my whole life, this is a disgrace!!!", "hmm", "😭😭"]
    alone = [scorer.score_texts([text])[0] for text in texts]
    for batch in (texts, [*company, *texts], list(reversed(texts)) + company):
        scored = {r.text: r for r in scorer.score_texts(batch)}
        for single in alone:
            in_batch = scored[single.text]
            assert np.allclose([e.score for e in single.emotions], [e.score for e in in_batch.emotions], atol=1e-5)
            assert single.sentiment is not None and in_batch.sentiment is not None
            assert np.allclose([s.score for s in single.sentiment], [s.score for s in in_batch.sentiment], atol=1e-5)


def test_concurrent_calls_from_threads_give_the_same_answers() -> None:
    fresh = LocalLanguageScorer()
    texts = ["I love this!", "Leave me alone.", "Is it Tuesday?"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda _: fresh.score_texts(texts), range(8)))
    first = [[e.score for e in r.emotions] for r in runs[0]]
    for run in runs[1:]:
        assert np.allclose([[e.score for e in r.emotions] for r in run], first, atol=1e-5)


def _scores(scorer: LocalLanguageScorer, texts: list[str], contexts: list[str] | None = None) -> np.ndarray:
    return scorer.score_arrays(texts, contexts=contexts)[0]


def test_an_empty_context_changes_nothing(scorer: LocalLanguageScorer) -> None:
    texts = ["I hate this.", "Thank you so much!"]
    assert np.array_equal(_scores(scorer, texts, ["", "   "]), _scores(scorer, texts))


def test_in_context_is_the_mean_of_alone_and_read_after_the_context(scorer: LocalLanguageScorer) -> None:
    context, text = "I was so happy this morning. But then my dog", "died."
    expected = 0.5 * (_scores(scorer, [text]) + _scores(scorer, [f"{context} {text}"]))
    assert np.allclose(_scores(scorer, [text], [context]), expected, atol=1e-5)
    (result,) = scorer.score_texts([text], contexts=[context])
    assert result.text == text and result.sentiment is not None


def test_context_is_cut_to_its_last_whole_words_within_half_the_window(scorer: LocalLanguageScorer) -> None:
    from tonesense.expression.language import CONTEXT_TOKENS, _in_context
    from tonesense.expression.language_encoder import MAX_TOKENS

    model = scorer.load()
    context = " ".join(f"sentence {i} mentions unbelievably complicated arrangements." for i in range(40))
    text = "Fine."
    (reading,) = _in_context(model, [text], [context])
    read_context = reading[: -len(text) - 1]
    assert reading.endswith(" Fine.") and context.endswith(read_context)
    assert context[-len(read_context) - 1] == " "  # begins at a word, not inside one
    assert model.encoder.token_count(read_context) - 2 <= CONTEXT_TOKENS < model.encoder.token_count(reading)
    # a text that fills the window on its own is read alone
    long_text = "word " * (MAX_TOKENS - 1)
    assert _in_context(model, [long_text.strip()], [context]) == [long_text.strip()]


def test_neutral_context_dilutes_the_reading_but_the_mean_keeps_half(scorer: LocalLanguageScorer) -> None:
    from tonesense.expression.language import _in_context

    weather = " ".join(f"Report {i} says the trains and the weather are as usual." for i in range(12))
    anger = LANGUAGE_NAMES.index("Anger")
    alone = _scores(scorer, ["I hate this."])[0, anger]
    (reading,) = _in_context(scorer.load(), ["I hate this."], [weather])
    read_after = _scores(scorer, [reading])[0, anger]
    assert alone > 0.8 and read_after < 0.5 * alone  # read after the weather, the anger is diluted
    reported = _scores(scorer, ["I hate this."], [weather])[0, anger]
    assert reported == pytest.approx(0.5 * (alone + read_after), abs=1e-5)


def test_texts_with_and_without_context_in_one_batch_score_as_they_do_apart(scorer: LocalLanguageScorer) -> None:
    texts = ["died.", "Thank you!", "", "fine", "word " * 130]
    contexts = ["I was so happy. But then my dog", "", "something", "I waited two hours.", "before"]
    together = _scores(scorer, texts, contexts)
    for i, (text, context) in enumerate(zip(texts, contexts, strict=True)):
        assert np.allclose(together[i], _scores(scorer, [text], [context])[0], atol=1e-5)
    assert np.array_equal(together[2], np.zeros(len(LANGUAGE_NAMES)))
    assert np.allclose(together[4], _scores(scorer, [texts[4]])[0], atol=1e-5)  # too long for context: alone


def test_contexts_must_match_the_texts(scorer: LocalLanguageScorer) -> None:
    with pytest.raises(InputError, match="one per text"):
        scorer.score_texts(["a", "b"], contexts=["x"])
    with pytest.raises(InputError, match="contexts"):
        scorer.score_texts(["a"], contexts="x")
    with pytest.raises(InputError, match="contexts"):
        scorer.score_texts(["a"], contexts=[None])  # type: ignore[list-item]
    for wrong in (np.array(["x", "y"]), 5, {"x": 1}):
        with pytest.raises(InputError, match="contexts"):
            scorer.score_texts(["a", "b"], contexts=wrong)  # type: ignore[arg-type]


def test_tail_starts_keep_whole_words_that_fit(scorer: LocalLanguageScorer) -> None:
    encoder = scorer.load().encoder
    text = "the cat sat unbelievably"  # tokens: the, cat, sat, un, ##bel, ##ie, ##va, ##bly (8)
    count = encoder.token_count(text) - 2
    assert encoder.tail_starts([text, text, text], [count, 2, 0]) == [0, len(text), len(text)]
    # room for the last word's pieces and one more: starts at "sat", never inside "unbelievably"
    assert encoder.tail_starts([text], [count - 2]) == [text.index("sat")]
    assert encoder.tail_starts([text], [count - 3]) == [text.index("unbelievably")]
