"""ConversationTracker behaviour: turns, smoothing per speaker, trends, shifts, bursts, errors."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tonesense.context import ConversationStore, ConversationTracker, InMemoryConversationStore, SQLiteConversationStore
from tonesense.errors import ConversationNotFoundError, InputError

from .reports import TENSE_FAST, laugh, make_report


def test_first_measured_turn_renders_header_with_expression_and_voice() -> None:
    tracker = ConversationTracker()
    state = tracker.add_turn("call-1", report=make_report({"Annoyance": 0.71, "Tiredness": 0.4}, voice=TENSE_FAST))
    assert state.turns == 1
    assert state.header == "[expression: annoyance 0.71, tiredness 0.40 | voice: tense, fast]"
    assert state.last_turn is not None and state.last_turn.speaker == "user"


def test_text_only_turn_is_kept_in_timeline_but_moves_no_scores() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", report=make_report({"Joy": 0.6}))
    state = tracker.add_turn("c", text="Glad to hear it!", speaker="assistant")
    assert state.header == "[expression: not measured]"
    assert [s.speaker for s in state.speakers] == ["user"]
    assert [turn.text for turn in tracker.timeline("c")] == [
        "I have been waiting for forty minutes.",
        "Glad to hear it!",
    ]


def test_turn_text_and_span_default_to_the_report() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", report=make_report({"Calmness": 0.3}, text="Fine, thanks.", start=1.5, end=3.0))
    turn = tracker.timeline("c")[0]
    assert (turn.text, turn.start, turn.end, turn.index) == ("Fine, thanks.", 1.5, 3.0, 0)
    assert turn.report is not None


def test_turn_without_report_or_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="report, a text"):
        ConversationTracker().add_turn("c")


@pytest.mark.parametrize("bad_id", ["", "   ", "x" * 201])
def test_bad_conversation_id_is_an_input_error(bad_id: str) -> None:
    with pytest.raises(InputError, match="conversation_id"):
        ConversationTracker().add_turn(bad_id, text="hi")


def test_unknown_conversation_raises_conversation_not_found() -> None:
    tracker = ConversationTracker()
    with pytest.raises(ConversationNotFoundError, match="never started"):
        tracker.get_state("nope")
    with pytest.raises(ConversationNotFoundError):
        tracker.timeline("nope")


def test_reset_forgets_the_conversation() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", text="hello")
    assert tracker.reset("c") is True
    assert tracker.reset("c") is False
    with pytest.raises(ConversationNotFoundError):
        tracker.get_state("c")


def test_speakers_are_smoothed_separately() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", report=make_report({"Anger": 0.9}), speaker="caller")
    state = tracker.add_turn("c", report=make_report({"Calmness": 0.8}), speaker="agent")
    smoothed = {s.speaker: s.smoothed["combined"][0] for s in state.speakers}
    assert (smoothed["caller"].name, smoothed["caller"].score) == ("Anger", pytest.approx(0.9))
    assert (smoothed["agent"].name, smoothed["agent"].score) == ("Calmness", pytest.approx(0.8))


def test_smoothing_weighs_the_newest_turn_by_alpha() -> None:
    tracker = ConversationTracker(smoothing=0.25)
    tracker.add_turn("c", report=make_report({"Joy": 0.8}))
    state = tracker.add_turn("c", report=make_report({"Joy": 0.0}))
    language = {score.name: score.score for score in state.speakers[0].smoothed["language"]}
    assert language["Joy"] == pytest.approx(0.25 * 0.0 + 0.75 * 0.8)


def test_cue_rising_over_three_turns_becomes_a_trend_once() -> None:
    tracker = ConversationTracker()
    for level in (0.2, 0.4, 0.7):
        state = tracker.add_turn("c", report=make_report({"Annoyance": level}))
    assert state.header.endswith("| annoyance rising over 3 turns]")
    trend = state.speakers[0].trends[0]
    assert (trend.name, trend.direction, trend.first, trend.last) == ("Annoyance", "rising", 0.2, 0.7)
    state = tracker.add_turn("c", report=make_report({"Annoyance": 0.8}))
    trend_events = [event for event in state.events if event.kind == "trend"]
    assert len(trend_events) == 1, "a continuing trend is reported once, when it starts"


def test_flat_cues_make_no_trend_or_shift() -> None:
    tracker = ConversationTracker()
    for _ in range(5):
        state = tracker.add_turn("c", report=make_report({"Interest": 0.5}, {"Interest": 0.5}))
    assert state.events == []
    assert state.speakers[0].trends == []


def test_sudden_jump_is_a_shift_event() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", report=make_report({"Calmness": 0.4}))
    state = tracker.add_turn("c", report=make_report({"Calmness": 0.4, "Distress": 0.85}))
    shift = next(event for event in state.events if event.kind == "shift")
    assert shift.name == "Distress" and shift.delta == pytest.approx(0.8)
    assert state.header.endswith("| sudden rise in distress]")


def test_laughter_right_after_another_speaker_is_noted() -> None:
    tracker = ConversationTracker()
    tracker.add_turn("c", text="Why did the chicken cross the road?", speaker="assistant")
    state = tracker.add_turn("c", report=make_report({"Amusement": 0.6}, bursts=[laugh(0.3, 1.1)]))
    burst = next(event for event in state.events if event.kind == "burst")
    assert burst.description == "turn 1 (user): laughed at 0.3 s, right after turn 0 (assistant)"
    assert "laughed at 0.3 s" in state.header


def test_non_expressive_and_unsure_bursts_stay_out_of_the_header() -> None:
    cough = laugh(0.5, 0.9).model_copy(update={"type": "cough", "expressive": False})
    faint = laugh(1.0, 1.2, confidence=0.3)
    state = ConversationTracker().add_turn("c", report=make_report({"Calmness": 0.3}, bursts=[cough, faint]))
    assert state.header == "[expression: calmness 0.30]"
    assert state.last_turn is not None and state.last_turn.bursts == []


def test_hearing_no_burst_does_not_dilute_combined_scores() -> None:
    state = ConversationTracker().add_turn("c", report=make_report({"Tiredness": 0.6}, {"Tiredness": 0.4}))
    assert state.last_turn is not None
    assert state.last_turn.expression[0].name == "Tiredness"
    assert state.last_turn.expression[0].score == pytest.approx(0.5)


def test_modalities_missing_from_the_report_are_carried_in_the_digest() -> None:
    report = make_report({"Joy": 0.5}, missing={"prosody": "prosody scorer not built yet"}, models={"language": "x"})
    state = ConversationTracker().add_turn("c", report=report)
    assert state.last_turn is not None
    assert state.last_turn.missing == {"prosody": "prosody scorer not built yet"}
    assert set(state.speakers[0].smoothed) == {"language", "combined"}


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_turns_added_from_many_threads_are_all_kept_in_order(kind: str, tmp_path: Path) -> None:
    store: ConversationStore = (
        InMemoryConversationStore() if kind == "memory" else SQLiteConversationStore(tmp_path / "c.db")
    )
    tracker = ConversationTracker(store)
    report = make_report({"Interest": 0.5})

    def speak(who: str) -> None:
        for _ in range(25):
            tracker.add_turn("shared", report=report, speaker=who)

    threads = [threading.Thread(target=speak, args=(f"s{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timeline = tracker.timeline("shared")
    assert [turn.index for turn in timeline] == list(range(200))
    state = tracker.get_state("shared")
    assert state.turns == 200
    assert sorted(s.measured_turns for s in state.speakers) == [25] * 8
    store.close()


def test_overlong_speaker_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match="speaker"):
        ConversationTracker().add_turn("c", text="hi", speaker="s" * 201)
