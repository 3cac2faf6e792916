"""The default store: conversations in process memory, bounded, with idle expiry, guarded by one lock."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from tonesense.context.models import Turn
from tonesense.context.record import ConversationRecord
from tonesense.context.store import StoreLimits, TurnBuilder

__all__ = ["InMemoryConversationStore"]


@dataclass
class _Entry:
    record: ConversationRecord
    touched_at: float
    turns: deque[Turn] = field(default_factory=deque)


class InMemoryConversationStore:
    """Keeps at most `max_conversations` (least recently updated evicted first), each with its last
    `max_turns` turns; a conversation idle for `ttl_seconds` (None: never) is gone. Lost when the process ends.
    """

    def __init__(
        self,
        *,
        max_conversations: int = 1000,
        max_turns: int = 200,
        ttl_seconds: float | None = 24 * 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.limits = StoreLimits(max_conversations, max_turns, ttl_seconds)
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def append(self, conversation_id: str, build: TurnBuilder) -> ConversationRecord:
        """Atomically add the turn `build` makes from the current record; return the new record."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            entry = self._entries.get(conversation_id)
            record, turn = build(entry.record if entry is not None else None)
            if entry is None:
                entry = _Entry(record, now, deque(maxlen=self.limits.max_turns))
                self._entries[conversation_id] = entry
            entry.record, entry.touched_at = record, now
            entry.turns.append(turn)
            self._entries.move_to_end(conversation_id)
            while len(self._entries) > self.limits.max_conversations:
                self._entries.popitem(last=False)
            return record

    def record(self, conversation_id: str) -> ConversationRecord | None:
        """The current record, or None if unknown or expired."""
        with self._lock:
            entry = self._live(conversation_id)
            return entry.record if entry is not None else None

    def turns(self, conversation_id: str) -> list[Turn]:
        """The kept turns in order (empty if unknown or expired)."""
        with self._lock:
            entry = self._live(conversation_id)
            return list(entry.turns) if entry is not None else []

    def delete(self, conversation_id: str) -> bool:
        """Forget a conversation; True if it existed (and had not expired)."""
        with self._lock:
            existed = self._live(conversation_id) is not None
            self._entries.pop(conversation_id, None)
            return existed

    def conversation_ids(self) -> list[str]:
        """Ids of live conversations, most recently updated last."""
        with self._lock:
            self._expire(self._clock())
            return list(self._entries)

    def close(self) -> None:
        """Drop everything."""
        with self._lock:
            self._entries.clear()

    def _live(self, conversation_id: str) -> _Entry | None:
        entry = self._entries.get(conversation_id)
        if entry is not None and self._expired(entry, self._clock()):
            del self._entries[conversation_id]
            return None
        return entry

    def _expired(self, entry: _Entry, now: float) -> bool:
        ttl = self.limits.ttl_seconds
        return ttl is not None and now - entry.touched_at > ttl

    def _expire(self, now: float) -> None:
        # Entries are in update order, so expired ones are all at the front.
        while self._entries:
            oldest = next(iter(self._entries.values()))
            if not self._expired(oldest, now):
                break
            self._entries.popitem(last=False)
