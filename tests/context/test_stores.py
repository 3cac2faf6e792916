"""Both ConversationStore implementations: bounds, expiry, atomicity; SQLite persistence across reopening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tonesense.context import (
    ConversationRecord,
    ConversationStore,
    ConversationTracker,
    InMemoryConversationStore,
    SQLiteConversationStore,
)
from tonesense.errors import InputError

from .reports import TENSE_FAST, laugh, make_report

KINDS = ["memory", "sqlite"]


class Clock:
    """A clock the test moves by hand, so expiry needs no sleeping."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def make_store(kind: str, tmp_path: Path, **options: Any) -> ConversationStore:
    if kind == "memory":
        return InMemoryConversationStore(**options)
    return SQLiteConversationStore(tmp_path / "conversations.db", **options)


@pytest.mark.parametrize("kind", KINDS)
def test_store_satisfies_the_protocol(kind: str, tmp_path: Path) -> None:
    assert isinstance(make_store(kind, tmp_path), ConversationStore)


@pytest.mark.parametrize("kind", KINDS)
def test_timeline_keeps_only_the_last_max_turns(kind: str, tmp_path: Path) -> None:
    tracker = ConversationTracker(make_store(kind, tmp_path, max_turns=5))
    for i in range(8):
        tracker.add_turn("c", text=f"turn {i}")
    assert [turn.index for turn in tracker.timeline("c")] == [3, 4, 5, 6, 7]
    assert tracker.get_state("c").turns == 8


@pytest.mark.parametrize("kind", KINDS)
def test_least_recently_updated_conversation_is_evicted(kind: str, tmp_path: Path) -> None:
    clock = Clock()
    store = make_store(kind, tmp_path, max_conversations=2, clock=clock)
    tracker = ConversationTracker(store)
    for conversation_id in ("a", "b"):
        clock.now += 1
        tracker.add_turn(conversation_id, text="hi")
    clock.now += 1
    tracker.add_turn("a", text="again")
    clock.now += 1
    tracker.add_turn("c", text="hi")
    assert store.conversation_ids() == ["a", "c"]
    assert store.record("b") is None and store.turns("b") == []


@pytest.mark.parametrize("kind", KINDS)
def test_idle_conversation_expires_after_ttl_and_restarts_at_turn_zero(kind: str, tmp_path: Path) -> None:
    clock = Clock()
    store = make_store(kind, tmp_path, ttl_seconds=60, clock=clock)
    tracker = ConversationTracker(store)
    tracker.add_turn("c", text="one")
    clock.now += 59
    assert tracker.get_state("c").turns == 1
    clock.now += 61
    assert store.record("c") is None and store.conversation_ids() == []
    state = tracker.add_turn("c", text="fresh start")
    assert state.turns == 1
    assert [turn.text for turn in tracker.timeline("c")] == ["fresh start"]


@pytest.mark.parametrize("kind", KINDS)
def test_failed_update_stores_nothing(kind: str, tmp_path: Path) -> None:
    store = make_store(kind, tmp_path)

    def build(record: ConversationRecord | None) -> Any:
        raise RuntimeError("crash while building the turn")

    with pytest.raises(RuntimeError):
        store.append("c", build)
    assert store.record("c") is None and store.turns("c") == []
    ConversationTracker(store).add_turn("c", text="after the failure")
    assert [turn.index for turn in store.turns("c")] == [0]


@pytest.mark.parametrize("kind", KINDS)
def test_delete_reports_whether_the_conversation_existed(kind: str, tmp_path: Path) -> None:
    store = make_store(kind, tmp_path)
    ConversationTracker(store).add_turn("c", text="hi")
    assert store.delete("c") is True
    assert store.delete("c") is False
    assert store.turns("c") == []


def test_sqlite_state_and_timeline_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "conversations.db"
    with SQLiteConversationStore(path) as store:
        tracker = ConversationTracker(store)
        tracker.add_turn("c", text="Tell me a joke.", speaker="assistant")
        tracker.add_turn("c", report=make_report({"Annoyance": 0.5}, voice=TENSE_FAST))
        before = tracker.add_turn("c", report=make_report({"Amusement": 0.7}, bursts=[laugh(0.2, 0.9)]))
        timeline_before = tracker.timeline("c")
    with SQLiteConversationStore(path) as reopened:
        tracker = ConversationTracker(reopened)
        assert tracker.get_state("c") == before
        assert tracker.timeline("c") == timeline_before
        assert tracker.add_turn("c", text="next").turns == 4


def test_two_sqlite_connections_on_one_file_interleave_without_losing_turns(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with SQLiteConversationStore(path) as first, SQLiteConversationStore(path) as second:
        trackers = [ConversationTracker(first), ConversationTracker(second)]
        for i in range(10):
            trackers[i % 2].add_turn("c", text=f"turn {i}", speaker=f"p{i % 2}")
        assert [turn.text for turn in trackers[0].timeline("c")] == [f"turn {i}" for i in range(10)]


def test_a_file_that_is_not_sqlite_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="cannot open conversation store"):
        SQLiteConversationStore(path)


@pytest.mark.parametrize("options", [{"max_turns": 0}, {"max_conversations": 0}, {"ttl_seconds": 0}])
def test_bounds_must_be_positive(options: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        InMemoryConversationStore(**options)  # type: ignore[arg-type]


def test_sqlite_connection_sees_a_conversation_recreated_by_another(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with SQLiteConversationStore(path) as first, SQLiteConversationStore(path) as second:
        reader, writer = ConversationTracker(first), ConversationTracker(second)
        writer.add_turn("c", report=make_report({"Anger": 0.8}))
        assert reader.get_state("c").last_turn.expression[0].name == "Anger"  # type: ignore[union-attr]
        writer.reset("c")
        writer.add_turn("c", report=make_report({"Joy": 0.8}))
        assert reader.get_state("c").last_turn.expression[0].name == "Joy"  # type: ignore[union-attr]
