"""`ConversationTracker`: adds turns to conversations and hands back the compact state an agent reads.

The tracker runs no models: the caller (pipeline, MCP server, app) passes each turn's `ExpressionReport`, or
only its text, which is kept in the timeline without moving the scores.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tonesense.context.digest import digest_turn, top_scores
from tonesense.context.memory_store import InMemoryConversationStore
from tonesense.context.models import DEFAULT_SPEAKER, ConversationState, SpeakerSummary, Turn
from tonesense.context.record import ConversationRecord
from tonesense.context.render import render_turn_header
from tonesense.context.smoothing import DEFAULT_ALPHA
from tonesense.context.store import ConversationStore
from tonesense.context.trends import TrendOptions
from tonesense.context.update import UpdateOptions, advance_record
from tonesense.context.vectors import NAMES, turn_vectors
from tonesense.errors import ConversationNotFoundError, InputError
from tonesense.schema import ExpressionReport

__all__ = ["ConversationTracker"]

MAX_ID_LENGTH = 200
SMOOTHED_TOP_K = 5


class ConversationTracker:
    """Tracks conversations in a `ConversationStore` (in memory unless given); safe to share between threads.

    `smoothing` is the weight of the newest measured turn in each speaker's exponential smoothing, in (0, 1].
    """

    def __init__(
        self,
        store: ConversationStore | None = None,
        *,
        smoothing: float = DEFAULT_ALPHA,
        trends: TrendOptions | None = None,
        max_events: int = 20,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store: ConversationStore = store if store is not None else InMemoryConversationStore()
        self.options = UpdateOptions(alpha=smoothing, trends=trends or TrendOptions(), max_events=max_events)
        self._clock = clock

    def add_turn(
        self,
        conversation_id: str,
        *,
        report: ExpressionReport | None = None,
        text: str | None = None,
        speaker: str | None = None,
        start: float | None = None,
        end: float | None = None,
    ) -> ConversationState:
        """Add one turn (a report, its text, or both) and return the conversation's new state.

        `speaker` defaults to "user"; `text` defaults to the report's transcript; `start`/`end` default to the
        span of the report's segments. A conversation id that is new starts a conversation.
        """
        _check_id(conversation_id)
        if report is None and text is None:
            raise InputError("add_turn needs a report, a text, or both")
        who = (speaker or "").strip() or DEFAULT_SPEAKER
        if len(who) > MAX_ID_LENGTH:
            raise InputError(f"speaker is longer than {MAX_ID_LENGTH} characters")
        words = text if text is not None else _report_text(report)
        span_start, span_end = _report_span(report)
        vectors = turn_vectors(report) if report is not None else {}
        now = self._clock()

        def build(record: ConversationRecord | None) -> tuple[ConversationRecord, Turn]:
            current = record or ConversationRecord(conversation_id=conversation_id, created_at=now, updated_at=now)
            turn = Turn(
                index=current.turn_count,
                speaker=who,
                start=start if start is not None else span_start,
                end=end if end is not None else span_end,
                text=words,
                report=report,
                at=now,
            )
            digest = digest_turn(turn.index, who, report, vectors)
            return advance_record(current, turn, vectors, digest, self.options), turn

        return _state(self.store.append(conversation_id, build))

    def get_state(self, conversation_id: str) -> ConversationState:
        """The conversation's current state; raises ConversationNotFoundError if it is unknown or expired."""
        return _state(self._record(conversation_id))

    def timeline(self, conversation_id: str) -> list[Turn]:
        """The kept turns, oldest first; raises ConversationNotFoundError if the conversation is unknown."""
        self._record(conversation_id)
        return self.store.turns(conversation_id)

    def reset(self, conversation_id: str) -> bool:
        """Forget a conversation; True if there was one."""
        _check_id(conversation_id)
        return self.store.delete(conversation_id)

    def _record(self, conversation_id: str) -> ConversationRecord:
        _check_id(conversation_id)
        record = self.store.record(conversation_id)
        if record is None:
            raise ConversationNotFoundError(
                f"no conversation {conversation_id!r}: it was never started, was reset, or expired; "
                "add a turn to start it"
            )
        return record


def _check_id(conversation_id: str) -> None:
    if not isinstance(conversation_id, str) or not conversation_id.strip():
        raise InputError("conversation_id must be a non-empty string")
    if len(conversation_id) > MAX_ID_LENGTH:
        raise InputError(f"conversation_id is longer than {MAX_ID_LENGTH} characters")


def _report_text(report: ExpressionReport | None) -> str:
    if report is None:
        return ""
    if report.transcript is not None and report.transcript.text:
        return report.transcript.text
    return " ".join(segment.text.strip() for segment in report.segments if segment.text.strip())


def _report_span(report: ExpressionReport | None) -> tuple[float | None, float | None]:
    if report is None:
        return None, None
    starts = [segment.start for segment in report.segments if segment.start is not None]
    ends = [segment.end for segment in report.segments if segment.end is not None]
    return (min(starts) if starts else None), (max(ends) if ends else None)


def _state(record: ConversationRecord) -> ConversationState:
    speakers = [
        SpeakerSummary(
            speaker=name,
            measured_turns=track.measured_turns,
            smoothed={key: top_scores(vector, NAMES[key], SMOOTHED_TOP_K) for key, vector in track.smoothed.items()},
            trends=track.trends,
        )
        for name, track in sorted(record.speakers.items())
    ]
    state = ConversationState(
        conversation_id=record.conversation_id,
        turns=record.turn_count,
        created_at=record.created_at,
        updated_at=record.updated_at,
        last_turn=record.last_turn,
        speakers=speakers,
        events=record.events,
    )
    return state.model_copy(update={"header": render_turn_header(state)})
