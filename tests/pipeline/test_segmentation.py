"""Segmentation at each granularity, on transcripts shaped like Whisper's and on plain text."""

from __future__ import annotations

import pytest

from tonesense.errors import InputError
from tonesense.pipeline import segment_text, segment_transcript
from tonesense.pipeline.segmentation import Span, contexts_before
from tonesense.schema import Segment, Transcript, Word


def _transcript(words: list[tuple[float, float, str]], duration: float = 10.0) -> Transcript:
    segment = Segment(
        start=words[0][0],
        end=words[-1][1],
        text=" ".join(w for _, _, w in words),
        words=[Word(start=s, end=e, word=w, probability=0.9) for s, e, w in words],
    )
    return Transcript(
        text=segment.text, language="en", duration=duration, segments=[segment], engine="test", model_id="test"
    )


WORDS = [
    (0.0, 0.3, "Hello"),
    (0.35, 0.7, "there."),
    (0.8, 1.0, "How"),
    (1.05, 1.2, "are"),
    (1.25, 1.6, "you?"),
    (2.4, 2.7, "Fine,"),
    (2.75, 3.0, "thanks."),
    (5.0, 5.4, "Later"),
    (5.45, 5.9, "then."),
]


def test_word_granularity_gives_one_segment_per_word_with_offsets() -> None:
    spans = segment_transcript(_transcript(WORDS), "word")
    assert [s.text for s in spans] == [w for _, _, w in WORDS]
    text = _transcript(WORDS).text
    assert all(text[s.begin : s.char_end] == s.text for s in spans if s.begin is not None)
    assert spans[3].begin == text.index("are")


def test_sentences_end_at_full_stops_and_question_marks() -> None:
    spans = segment_transcript(_transcript(WORDS), "sentence")
    assert [s.text for s in spans] == ["Hello there.", "How are you?", "Fine, thanks.", "Later then."]
    assert (spans[1].start, spans[1].end) == (0.8, 1.6)


def test_utterances_break_at_pauses_and_turns_at_long_pauses() -> None:
    transcript = _transcript(WORDS)
    utterances = segment_transcript(transcript, "utterance")
    assert [s.text for s in utterances] == ["Hello there. How are you?", "Fine, thanks.", "Later then."]
    turns = segment_transcript(transcript, "turn")
    assert [s.text for s in turns] == ["Hello there. How are you? Fine, thanks.", "Later then."]
    assert turns[0].confidence == pytest.approx(0.9)


def test_windows_cover_the_audio_with_the_words_inside() -> None:
    spans = segment_transcript(_transcript(WORDS, duration=6.0), "window", window_length=2.0, window_step=2.0)
    assert [(s.start, s.end) for s in spans] == [(0.0, 2.0), (2.0, 4.0), (4.0, 6.0)]
    assert [s.text for s in spans] == ["Hello there. How are you?", "Fine, thanks.", "Later then."]


def test_default_windows_follow_hume_four_seconds_one_apart() -> None:
    spans = segment_transcript(_transcript(WORDS, duration=6.0), "window")
    assert [(s.start, s.end) for s in spans] == [(0.0, 4.0), (1.0, 5.0), (2.0, 6.0)]


def test_silence_gives_no_segments_but_windows_still_cover_it() -> None:
    empty = Transcript(text="", language="en", duration=3.0, segments=[], engine="test", model_id="test")
    assert segment_transcript(empty, "utterance") == []
    assert len(segment_transcript(empty, "window", window_length=1.0, window_step=1.0)) == 3


def test_text_segments_carry_character_offsets() -> None:
    text = "I waited an hour.  Nobody came!\nFine."
    sentences = segment_text(text, "sentence")
    assert [s.text for s in sentences] == ["I waited an hour.", "Nobody came!", "Fine."]
    assert all(text[s.begin : s.char_end] == s.text for s in sentences if s.begin is not None)
    assert [s.text for s in segment_text(text, "utterance")] == ["I waited an hour.  Nobody came!", "Fine."]


def test_window_granularity_on_text_is_refused() -> None:
    with pytest.raises(InputError, match="needs audio"):
        segment_text("hello", "window")


STRETCHED = [  # Whisper's timings on the JFK clip: "ask" and "what" start early, inside the pauses before them
    (0.0, 0.74, "And"),
    (0.74, 1.06, "so"),
    (1.06, 1.46, "my"),
    (1.46, 1.76, "fellow"),
    (1.76, 2.26, "Americans"),
    (2.26, 3.88, "ask"),
    (3.88, 4.52, "not"),
    (4.52, 5.7, "what"),
    (5.7, 6.04, "your"),
    (6.04, 6.36, "country"),
]
PAUSES = [(2.12, 3.28), (4.32, 5.4)]


def test_utterances_end_at_pauses_found_in_the_audio_and_skip_the_silence() -> None:
    spans = segment_transcript(_transcript(STRETCHED), "utterance", pauses=PAUSES)
    assert [s.text for s in spans] == ["And so my fellow Americans", "ask not", "what your country"]
    assert [(s.start, s.end) for s in spans] == [(0.0, 2.12), (3.28, 4.32), (5.4, 6.36)]


def test_short_pauses_do_not_end_turns() -> None:
    spans = segment_transcript(_transcript(STRETCHED), "turn", pauses=PAUSES)
    assert len(spans) == 1
    long_pause = segment_transcript(_transcript(STRETCHED), "turn", pauses=[(2.12, 3.7)])
    assert [s.text for s in long_pause] == ["And so my fellow Americans", "ask not what your country"]
    assert long_pause[1].start == 3.7


def test_contexts_before_are_the_text_up_to_each_span_bounded_in_length() -> None:
    text = "one two three four"
    spans = segment_text(text, "word")
    assert contexts_before(spans, text, 100) == ["", "one ", "one two ", "one two three "]
    assert contexts_before(spans, text, 5) == ["", "one ", " two ", "hree "]
    unlocated = [spans[0], Span(None, None, "missing"), spans[2]]
    assert contexts_before(unlocated, text, 100) == ["", "one", "one two "]
