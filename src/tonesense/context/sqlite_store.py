"""A persistent store on stdlib sqlite3: WAL journal, one transaction per turn, bounded, with idle expiry.

Each `append` runs in one `BEGIN IMMEDIATE` transaction (the turn row and the conversation's record together),
so a process killed at any moment leaves every committed turn in place and never half a turn. In WAL mode
with `synchronous="NORMAL"` (the default) a committed turn survives the process being killed; use
`synchronous="FULL"` to also survive a power cut, at the price of an fsync per turn. Several processes may
share one file; writers wait up to `busy_timeout` seconds for each other.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Literal

from pydantic import ValidationError

from tonesense.context.models import Turn
from tonesense.context.record import ConversationRecord
from tonesense.context.store import StoreLimits, TurnBuilder
from tonesense.errors import InputError

__all__ = ["SQLiteConversationStore"]

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    touched_at REAL NOT NULL,
    revision INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_touched ON conversations (touched_at);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    turn TEXT NOT NULL,
    PRIMARY KEY (conversation_id, idx)
) WITHOUT ROWID;
"""
_SCHEMA_VERSION = 1
_CACHED_RECORDS = 256


class SQLiteConversationStore:
    """Conversations in one SQLite file that outlives the process; same bounds as the in-memory store."""

    def __init__(
        self,
        path: str | Path,
        *,
        max_conversations: int = 10_000,
        max_turns: int = 200,
        ttl_seconds: float | None = 7 * 24 * 3600.0,
        synchronous: Literal["NORMAL", "FULL"] = "NORMAL",
        busy_timeout: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if synchronous not in ("NORMAL", "FULL"):
            raise ValueError(f"synchronous must be 'NORMAL' or 'FULL', got {synchronous!r}")
        self.limits = StoreLimits(max_conversations, max_turns, ttl_seconds)
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        # Parsed records by id with the row revision (a random token each write) they were read at: a hit skips
        # reading and parsing JSON; a row another connection wrote has a new revision, so it is read afresh.
        self._cache: dict[str, tuple[int, ConversationRecord]] = {}
        self._db = self._connect(synchronous, busy_timeout)

    def _connect(self, synchronous: str, busy_timeout: float) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={synchronous}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                raise InputError(f"{self.path} holds conversation schema {version}; expected {_SCHEMA_VERSION}")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            raise InputError(f"cannot open conversation store {self.path}: {error}") from error
        return db

    def append(self, conversation_id: str, build: TurnBuilder) -> ConversationRecord:
        """Atomically add the turn `build` makes from the current record; return the committed record."""
        with self._lock:
            with self._transaction():
                record, revision = self._append(conversation_id, build)
            self._remember(conversation_id, revision, record)
            return record

    def _append(self, conversation_id: str, build: TurnBuilder) -> tuple[ConversationRecord, int]:
        now = self._clock()
        current = self._load(conversation_id, now)
        if current is None:
            self._delete_rows(conversation_id)
        record, turn = build(current)
        revision = secrets.randbits(62)
        self._db.execute(
            "INSERT INTO turns (conversation_id, idx, turn) VALUES (?, ?, ?)",
            (conversation_id, turn.index, turn.model_dump_json()),
        )
        self._db.execute(
            "INSERT INTO conversations (id, record, touched_at, revision) VALUES (?, ?, ?, ?) ON CONFLICT (id) "
            "DO UPDATE SET record = excluded.record, touched_at = excluded.touched_at, revision = excluded.revision",
            (conversation_id, record.model_dump_json(), now, revision),
        )
        if turn.index >= self.limits.max_turns:
            self._db.execute(
                "DELETE FROM turns WHERE conversation_id = ? AND idx <= ?",
                (conversation_id, turn.index - self.limits.max_turns),
            )
        if current is None:
            self._evict(now, keep=conversation_id)
        return record, revision

    def record(self, conversation_id: str) -> ConversationRecord | None:
        """The current record, or None if unknown or expired."""
        with self._lock:
            return self._load(conversation_id, self._clock())

    def turns(self, conversation_id: str) -> list[Turn]:
        """The kept turns in order (empty if unknown or expired)."""
        with self._lock:
            if self._load(conversation_id, self._clock()) is None:
                return []
            rows = self._db.execute(
                "SELECT turn FROM turns WHERE conversation_id = ? ORDER BY idx", (conversation_id,)
            ).fetchall()
        return [Turn.model_validate_json(row[0]) for row in rows]

    def delete(self, conversation_id: str) -> bool:
        """Forget a conversation; True if it existed (and had not expired)."""
        with self._lock, self._transaction():
            existed = self._load(conversation_id, self._clock()) is not None
            self._delete_rows(conversation_id)
            return existed

    def conversation_ids(self) -> list[str]:
        """Ids of live conversations, most recently updated last."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM conversations WHERE touched_at >= ? ORDER BY touched_at, id", (self._cutoff(),)
            ).fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> SQLiteConversationStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _cutoff(self, now: float | None = None) -> float:
        ttl = self.limits.ttl_seconds
        return float("-inf") if ttl is None else (self._clock() if now is None else now) - ttl

    def _load(self, conversation_id: str, now: float) -> ConversationRecord | None:
        """The live record; None if missing, expired or unreadable."""
        row = self._db.execute(
            "SELECT revision, touched_at FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None or row[1] < self._cutoff(now):
            return None
        revision = int(row[0])
        cached = self._cache.get(conversation_id)
        if cached is not None and cached[0] == revision:
            return cached[1]
        text = self._db.execute("SELECT record FROM conversations WHERE id = ?", (conversation_id,)).fetchone()[0]
        try:
            record = ConversationRecord.model_validate_json(text)
        except ValidationError:
            logger.warning("conversation record in %s is unreadable; starting that conversation afresh", self.path)
            return None
        self._remember(conversation_id, revision, record)
        return record

    def _remember(self, conversation_id: str, revision: int, record: ConversationRecord) -> None:
        self._cache.pop(conversation_id, None)
        self._cache[conversation_id] = (revision, record)
        if len(self._cache) > _CACHED_RECORDS:
            del self._cache[next(iter(self._cache))]

    def _delete_rows(self, conversation_id: str) -> None:
        self._cache.pop(conversation_id, None)
        self._db.execute("DELETE FROM turns WHERE conversation_id = ?", (conversation_id,))
        self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def _evict(self, now: float, *, keep: str) -> None:
        stale = self._db.execute("SELECT id FROM conversations WHERE touched_at < ?", (self._cutoff(now),)).fetchall()
        count = self._db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] - len(stale)
        excess = max(0, count - self.limits.max_conversations)
        if excess:
            stale += self._db.execute(
                "SELECT id FROM conversations WHERE touched_at >= ? AND id != ? ORDER BY touched_at, id LIMIT ?",
                (self._cutoff(now), keep, excess),
            ).fetchall()
        for (conversation_id,) in stale:
            self._delete_rows(conversation_id)


class _Transaction:
    """`BEGIN IMMEDIATE` ... `COMMIT`, or `ROLLBACK` when the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
