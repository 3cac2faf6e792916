"""Text preparation for the language model: emoji, tags, chunking and the language guess."""

from __future__ import annotations

from tonesense.expression.language_text import chunk_text, looks_non_english, prepare_text


def _words(text: str) -> int:
    return len(text.split())


def test_emoji_are_spelled_out_by_name() -> None:
    assert prepare_text("great 😂") == "great face with tears of joy"
    assert "heart" in prepare_text("❤️")


def test_lone_surrogates_and_replacement_marks_are_dropped() -> None:
    assert prepare_text("bad\udcffbyte \ud800 and \ufffd mark") == "bad byte and mark"
    assert prepare_text("fine 😂") == "fine face with tears of joy"  # a real pair is not touched


def test_tags_keep_their_word_and_whitespace_collapses() -> None:
    assert prepare_text("well  [Laughs]   okay") == "well (laughs) okay"
    assert prepare_text("   ") == ""


def test_chunks_keep_whole_sentences_within_the_limit() -> None:
    text = "One two three. Four five six. Seven eight nine."
    assert chunk_text(text, _words, 6) == ["One two three. Four five six.", "Seven eight nine."]


def test_an_overlong_sentence_is_cut_into_word_runs() -> None:
    chunks = chunk_text(" ".join(["word"] * 25), _words, 10)
    assert [_words(c) for c in chunks] == [10, 10, 5]


def test_language_guess() -> None:
    assert looks_non_english("Ich habe heute keine Zeit für dieses Gespräch")
    assert looks_non_english("Привет, как дела?")
    assert not looks_non_english("um yeah I think so")
    assert not looks_non_english("ok")
