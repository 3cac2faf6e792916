"""The SQLite store loses no committed turn when its process is killed (SIGKILL) mid-conversation."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tonesense.context import ConversationTracker, SQLiteConversationStore

# The child adds turns as fast as it can and prints each index once add_turn has returned (committed). Given a
# turn index as its second argument, it stops inside that turn's transaction, its rows written but not yet
# committed, and says "paused" (a fault injected through sqlite3's statement trace hook).
CHILD = """
import sys
from tonesense.context import ConversationTracker, SQLiteConversationStore
from tonesense.schema import EmotionScore, ExpressionReport, SegmentExpression
from tonesense.taxonomy import LANGUAGE_NAMES, PROSODY_NAMES

store = SQLiteConversationStore(sys.argv[1], max_turns=10_000)
pause_at = int(sys.argv[2])
index = 0

def pause_before_commit(statement):
    if statement == "COMMIT" and index == pause_at:
        print("paused", flush=True)
        sys.stdin.readline()

store._db.set_trace_callback(pause_before_commit)
tracker = ConversationTracker(store)
while True:
    level = (index % 10) / 10
    segment = SegmentExpression(
        start=0.0, end=2.0, text=f"turn {index}",
        language=[EmotionScore(name=n, score=level if n == "Annoyance" else 0.05) for n in LANGUAGE_NAMES],
        prosody=[EmotionScore(name=n, score=level if n == "Anger" else 0.05) for n in PROSODY_NAMES],
    )
    report = ExpressionReport(segments=[segment], models={"language": "l", "prosody": "p"})
    state = tracker.add_turn("call", report=report, speaker="user" if index % 2 else "agent")
    print(state.turns - 1, flush=True)
    index += 1
"""


def _kill_after(path: Path, committed_before_kill: int, pause_at: int = -1) -> int:
    """Run the child until it has committed at least `committed_before_kill` turns (or paused before committing
    turn `pause_at`), SIGKILL it, and return the highest turn index it reported as committed."""
    command = [sys.executable, "-c", CHILD, str(path), str(pause_at)]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        lines = [child.stdout.readline().strip() for _ in range(committed_before_kill)]
        if pause_at >= 0:
            while lines[-1] != "paused":
                lines.append(child.stdout.readline().strip())
        os.kill(child.pid, signal.SIGKILL)
        lines += child.stdout.read().split()
        assert child.wait(timeout=30) == -signal.SIGKILL
    return max(int(line) for line in lines if line.isdigit())


@pytest.mark.slow
@pytest.mark.parametrize("committed_before_kill", [7, 40, 113])
def test_killed_process_loses_no_committed_turn(committed_before_kill: int, tmp_path: Path) -> None:
    path = tmp_path / "conversations.db"
    last_reported = _kill_after(path, committed_before_kill)

    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with SQLiteConversationStore(path, max_turns=10_000) as store:
        tracker = ConversationTracker(store)
        indices = [turn.index for turn in tracker.timeline("call")]
        state = tracker.get_state("call")
        # Every reported turn is there; at most one more committed before its index could be printed.
        assert indices == list(range(len(indices)))
        assert last_reported + 1 <= len(indices) <= last_reported + 2
        assert state.turns == len(indices)
        assert tracker.add_turn("call", text="after the restart").turns == len(indices) + 1


@pytest.mark.slow
def test_turn_killed_between_write_and_commit_is_absent_and_earlier_turns_intact(tmp_path: Path) -> None:
    path = tmp_path / "conversations.db"
    last_reported = _kill_after(path, 1, pause_at=25)
    assert last_reported == 24
    with SQLiteConversationStore(path, max_turns=10_000) as store:
        tracker = ConversationTracker(store)
        assert [turn.index for turn in tracker.timeline("call")] == list(range(25))
        assert tracker.get_state("call").turns == 25
