"""Long audio in chunks cut at quiet moments, so each model sees a bounded stretch at a time; and moving
results between chunk time and input time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from tonesense.audio import DecodedAudio
from tonesense.expression.protocols import ProsodyScorer
from tonesense.pipeline.segmentation import Span
from tonesense.schema import Burst, ProsodyScores, Segment, TimeSpan, Transcript, Word

__all__ = [
    "group_by_chunk",
    "join_transcripts",
    "plan_chunks",
    "score_group",
    "shift_burst",
    "shift_transcript",
    "sub_audio",
]

_SEARCH_SECONDS = 10.0
_FRAME_SECONDS = 0.1


def plan_chunks(audio: DecodedAudio, chunk_seconds: float) -> list[tuple[float, float]]:
    """(start, end) seconds covering `audio` end to end; one chunk unless it is over 1.25 x `chunk_seconds`.

    Each cut falls on the quietest 100 ms in the 10 s before the nominal boundary, so words are rarely split.
    """
    duration = audio.duration
    chunks: list[tuple[float, float]] = []
    cursor = 0.0
    while duration - cursor > chunk_seconds * 1.25:
        cut = _quietest_point(audio, cursor + chunk_seconds - _SEARCH_SECONDS, cursor + chunk_seconds)
        chunks.append((cursor, cut))
        cursor = cut
    chunks.append((cursor, duration))
    return chunks


def _quietest_point(audio: DecodedAudio, start: float, end: float) -> float:
    samples = audio.slice(start, end)
    frame = int(_FRAME_SECONDS * audio.sample_rate)
    count = len(samples) // frame
    if count == 0:
        return end
    frames = samples[: count * frame].reshape(count, frame).astype(np.float64)
    energy = np.mean(frames * frames, axis=1)
    quietest = int(np.argmin(energy))
    return start + (quietest + 0.5) * _FRAME_SECONDS


def sub_audio(audio: DecodedAudio, start: float, end: float) -> DecodedAudio:
    """A view of `audio` between `start` and `end`: the same object for the whole audio (so scorers share what
    they cache on it), else a new one with its own cache."""
    if start <= 0 and end >= audio.duration:
        return audio
    return replace(audio, samples=audio.slice(start, end), extra={})


def group_by_chunk(spans: list[Span], chunks: list[tuple[float, float]]) -> Iterator[list[Span]]:
    """Spans grouped by the chunk their midpoint falls in, keeping their order."""
    bounds = np.array([end for _, end in chunks[:-1]])
    current: list[Span] = []
    current_index = 0
    for span in spans:
        index = int(np.searchsorted(bounds, ((span.start or 0.0) + (span.end or 0.0)) / 2, side="right"))
        if current and index != current_index:
            yield current
            current = []
        current_index = index
        current.append(span)
    if current:
        yield current


def score_group(scorer: ProsodyScorer, audio: DecodedAudio, spans: list[Span]) -> list[ProsodyScores]:
    """Score spans on the slice of audio that covers them, then shift the results back to input time."""
    offset = min(span.start or 0.0 for span in spans)
    piece = sub_audio(audio, offset, max(span.end or 0.0 for span in spans))
    local = [TimeSpan(start=max(0.0, (s.start or 0.0) - offset), end=max(0.0, (s.end or 0.0) - offset)) for s in spans]
    return [
        result.model_copy(update={"start": result.start + offset, "end": result.end + offset})
        for result in scorer.score_spans(piece, local)
    ]


def shift_transcript(transcript: Transcript, offset: float) -> Transcript:
    """`transcript` with every segment and word moved `offset` seconds later (chunk time to input time)."""
    if offset == 0:
        return transcript
    segments = [
        segment.model_copy(
            update={
                "start": segment.start + offset,
                "end": segment.end + offset,
                "words": [_shift_word(word, offset) for word in segment.words],
            }
        )
        for segment in transcript.segments
    ]
    return transcript.model_copy(update={"segments": segments})


def _shift_word(word: Word, offset: float) -> Word:
    return word.model_copy(update={"start": word.start + offset, "end": word.end + offset})


def shift_burst(burst: Burst, offset: float) -> Burst:
    """`burst` moved `offset` seconds later."""
    if offset == 0:
        return burst
    return burst.model_copy(update={"start": burst.start + offset, "end": burst.end + offset})


def join_transcripts(pieces: list[Transcript], duration: float) -> Transcript:
    """One transcript from the chunks' transcripts (already in input time), in order."""
    if len(pieces) == 1:
        return pieces[0]
    segments: list[Segment] = [segment for piece in pieces for segment in piece.segments]
    languages = [piece.language for piece in pieces if piece.segments and piece.language]
    return pieces[0].model_copy(
        update={
            "text": " ".join(segment.text for segment in segments).strip(),
            "language": languages[0] if languages else pieces[0].language,
            "duration": duration,
            "segments": segments,
        }
    )
