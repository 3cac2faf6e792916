"""The `ConversationStore` protocol: where conversation records and turns live, in memory, SQLite or beyond.

A store keeps, per conversation id, one `ConversationRecord` (the running state) and the last `max_turns`
turns. `append` is the only write of a turn and is atomic: the store calls `build` with the current record
(None for a new or expired conversation) while it holds the conversation exclusively, then commits the new
record and the turn together, or neither. That keeps concurrent writers (threads, processes) from losing
turns, and a crash from leaving a turn without its state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from tonesense.context.models import Turn
from tonesense.context.record import ConversationRecord

__all__ = ["ConversationStore", "StoreLimits", "TurnBuilder"]

TurnBuilder = Callable[[ConversationRecord | None], tuple[ConversationRecord, Turn]]
"""Given the stored record (None if there is none), the record after the new turn, and that turn."""


@dataclass(frozen=True)
class StoreLimits:
    """Bounds every store enforces: conversations kept, turns kept per conversation, idle time to expiry."""

    max_conversations: int = 1000
    max_turns: int = 200
    ttl_seconds: float | None = 24 * 3600.0

    def __post_init__(self) -> None:
        if self.max_conversations < 1 or self.max_turns < 1:
            raise ValueError("max_conversations and max_turns must be at least 1")
        if self.ttl_seconds is not None and self.ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive (or None for no expiry)")


@runtime_checkable
class ConversationStore(Protocol):
    """Storage for conversations; implementations are safe to share between threads."""

    def append(self, conversation_id: str, build: TurnBuilder) -> ConversationRecord:
        """Atomically add the turn `build` makes from the current record; return the stored new record."""
        ...

    def record(self, conversation_id: str) -> ConversationRecord | None:
        """The current record, or None if the conversation is unknown or expired."""
        ...

    def turns(self, conversation_id: str) -> list[Turn]:
        """The kept turns in order (empty if unknown); older turns beyond `max_turns` are gone."""
        ...

    def delete(self, conversation_id: str) -> bool:
        """Forget a conversation; True if it existed."""
        ...

    def conversation_ids(self) -> list[str]:
        """Ids of the live (unexpired) conversations, most recently updated last."""
        ...

    def close(self) -> None:
        """Release resources; the store is unusable afterwards."""
        ...
