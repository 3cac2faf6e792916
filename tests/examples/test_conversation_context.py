"""examples/conversation_context.py runs real analysis on real clips and keeps the conversation in SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tonesense.context import ConversationTracker, SQLiteConversationStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conversation_context.py"


@pytest.mark.slow
def test_example_prints_headers_and_context_and_persists_turns(
    shared_dir: Path, sample_path: Path, tmp_path: Path
) -> None:
    angry = shared_dir / "data" / "speech_emotion" / "ravdess_NC-SA_dev" / "audio" / "Actor_01"
    clips = [angry / "03-01-05-02-01-01-01.flac", sample_path]
    db = tmp_path / "conversation.db"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--db", str(db), *map(str, clips)],
        capture_output=True,
        text=True,
        timeout=400,
        check=True,
    )
    assert "Never diagnose" in done.stdout
    user_lines = [line for line in done.stdout.splitlines() if line.startswith("user (turn")]
    assert len(user_lines) == 2 and all("[expression: " in line for line in user_lines)
    assert "fellow Americans" in user_lines[1]
    assert "after 4 turns" in done.stdout

    with SQLiteConversationStore(db) as store:
        tracker = ConversationTracker(store)
        timeline = tracker.timeline("example")
        assert [turn.speaker for turn in timeline] == ["assistant", "user", "assistant", "user"]
        assert all(turn.report is not None for turn in timeline if turn.speaker == "user")
        state = tracker.get_state("example")
        assert state.turns == 4 and state.header in user_lines[1]
