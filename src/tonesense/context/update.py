"""Advancing a conversation record by one turn: smoothing, trends, shift and burst events, last-turn digest."""

from __future__ import annotations

from dataclasses import dataclass, field

from tonesense.context.models import ShiftEvent, Trend, Turn, TurnDigest
from tonesense.context.record import ConversationRecord, SpeakerTrack
from tonesense.context.smoothing import DEFAULT_ALPHA, smooth_vectors
from tonesense.context.trends import Movement, TrendOptions, find_shifts, find_trends
from tonesense.context.vectors import COMBINED, NAMES
from tonesense.context.wording import burst_phrase, shift_phrase, trend_phrase

__all__ = ["AFTER_PREVIOUS_TURN_S", "UpdateOptions", "advance_record"]

AFTER_PREVIOUS_TURN_S = 2.0


@dataclass(frozen=True)
class UpdateOptions:
    """How a record advances: smoothing weight of the newest turn, trend thresholds, events kept."""

    alpha: float = DEFAULT_ALPHA
    trends: TrendOptions = field(default_factory=TrendOptions)
    max_events: int = 20

    def __post_init__(self) -> None:
        if not 0.0 < self.alpha <= 1.0:
            raise ValueError(f"smoothing must be in (0, 1] (the weight of the newest turn), got {self.alpha}")
        if self.max_events < 1:
            raise ValueError("max_events must be at least 1")


def advance_record(
    record: ConversationRecord,
    turn: Turn,
    vectors: dict[str, list[float]],
    digest: TurnDigest,
    options: UpdateOptions,
) -> ConversationRecord:
    """The record after `turn`: its speaker's smoothed vectors and trends updated, new events appended."""
    speakers = dict(record.speakers)
    new_events: list[ShiftEvent] = []
    if vectors:
        track, new_events = _advance_track(speakers.get(turn.speaker, SpeakerTrack()), turn, vectors, options)
        speakers[turn.speaker] = track
    new_events += _burst_events(turn, digest, record.last_turn)
    return ConversationRecord(
        conversation_id=record.conversation_id,
        created_at=record.created_at,
        updated_at=turn.at,
        turn_count=record.turn_count + 1,
        speakers=speakers,
        events=[*record.events, *new_events][-options.max_events :],
        last_turn=digest,
    )


def _advance_track(
    track: SpeakerTrack, turn: Turn, vectors: dict[str, list[float]], options: UpdateOptions
) -> tuple[SpeakerTrack, list[ShiftEvent]]:
    combined = vectors[COMBINED]
    events: list[ShiftEvent] = []
    if COMBINED in track.smoothed:
        shifts = find_shifts(track.smoothed[COMBINED], combined, options.trends)
        events += [_shift_event(turn, movement) for movement in shifts]
    history = [*track.history, combined][-options.trends.window :]
    movements = find_trends(history, options.trends)
    trends = [_trend(turn.speaker, movement, options.trends.window) for movement in movements]
    ongoing = {(trend.name, trend.direction) for trend in track.trends}
    events += [_trend_event(turn, trend) for trend in trends if (trend.name, trend.direction) not in ongoing]
    advanced = SpeakerTrack(
        measured_turns=track.measured_turns + 1,
        smoothed=smooth_vectors(track.smoothed, vectors, options.alpha),
        history=history,
        trends=trends,
    )
    return advanced, events


def _trend(speaker: str, movement: Movement, window: int) -> Trend:
    name = NAMES[COMBINED][movement.position]
    return Trend(
        speaker=speaker,
        name=name,
        direction=movement.direction,
        turns=window,
        first=round(movement.first, 4),
        last=round(movement.last, 4),
        description=f"{trend_phrase(name, movement.direction, window)} ({movement.first:.2f} -> {movement.last:.2f})",
    )


def _trend_event(turn: Turn, trend: Trend) -> ShiftEvent:
    return ShiftEvent(
        kind="trend",
        turn_index=turn.index,
        speaker=turn.speaker,
        name=trend.name,
        score=trend.last,
        delta=round(trend.last - trend.first, 4),
        description=f"turn {turn.index} ({turn.speaker}): {trend.description}",
    )


def _shift_event(turn: Turn, movement: Movement) -> ShiftEvent:
    name = NAMES[COMBINED][movement.position]
    return ShiftEvent(
        kind="shift",
        turn_index=turn.index,
        speaker=turn.speaker,
        name=name,
        score=round(movement.last, 4),
        delta=round(movement.delta, 4),
        description=(
            f"turn {turn.index} ({turn.speaker}): {shift_phrase(name, movement.direction)} "
            f"({movement.first:.2f} -> {movement.last:.2f})"
        ),
    )


def _burst_events(turn: Turn, digest: TurnDigest, previous: TurnDigest | None) -> list[ShiftEvent]:
    offset = turn.start or 0.0
    events = []
    for burst in digest.bursts:
        description = f"turn {turn.index} ({turn.speaker}): {burst_phrase(burst.type, burst.start)}"
        if previous is not None and previous.speaker != turn.speaker and burst.start - offset <= AFTER_PREVIOUS_TURN_S:
            description += f", right after turn {previous.index} ({previous.speaker})"
        events.append(
            ShiftEvent(
                kind="burst",
                turn_index=turn.index,
                speaker=turn.speaker,
                name=burst.type,
                score=burst.confidence,
                time=burst.start,
                description=description,
            )
        )
    return events
