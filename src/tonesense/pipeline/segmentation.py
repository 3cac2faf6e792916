"""Cut a transcript (or plain text) into the segments expression is measured on, at a granularity.

- word: each recognised word.
- sentence: words up to sentence-ending punctuation.
- utterance: words up to a pause (`utterance_pause`, default 0.5 s), as Hume's v0 utterances.
- turn: utterances joined across pauses shorter than `turn_pause` (default 1.5 s). There is no diarization,
  so a turn is a stretch of speech by whoever is speaking; `speaker` stays None.
- window: fixed windows over the whole audio (Hume's defaults: 4 s long, 1 s apart), speech or not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tonesense.errors import InputError
from tonesense.schema import Granularity, Transcript, Word

__all__ = ["Span", "segment_text", "segment_transcript"]

_CLOSERS = "\"')\\]\u201d\u2019"  # quotes and brackets that may follow a full stop
_SENTENCE_END = re.compile(f"[.!?\u2026]+[{_CLOSERS}]*$")
_SENTENCE_SPLIT = re.compile(f"[^.!?\u2026]+(?:[.!?\u2026]+[{_CLOSERS}]*|$)")
_MAX_UTTERANCE_SECONDS = 10.0
DEFAULT_WINDOW_LENGTH = 4.0
DEFAULT_WINDOW_STEP = 1.0


@dataclass(frozen=True)
class Span:
    """A segment to score: time span (None for text input), its text and its character offsets."""

    start: float | None
    end: float | None
    text: str
    begin: int | None = None
    """Offset of `text` in the whole text (0-based), when it could be located."""
    confidence: float | None = None
    """Mean Whisper word probability over the span's words, when there are words."""

    @property
    def char_end(self) -> int | None:
        return None if self.begin is None else self.begin + len(self.text)


def segment_transcript(
    transcript: Transcript,
    granularity: Granularity,
    *,
    utterance_pause: float = 0.5,
    turn_pause: float = 1.5,
    window_length: float | None = None,
    window_step: float | None = None,
) -> list[Span]:
    """Segments of `transcript` at `granularity`, in time order, with offsets into `transcript.text`."""
    if granularity == "window":
        spans = _windows(
            transcript,
            window_length or DEFAULT_WINDOW_LENGTH,
            window_step or window_length or DEFAULT_WINDOW_STEP,
        )
        return list(_locate(spans, transcript.text, overlapping=True))
    words = transcript.words
    if not words:
        spans = _from_segments(transcript, granularity)
    elif granularity == "word":
        spans = [Span(w.start, w.end, w.word, confidence=w.probability) for w in words if w.word]
    elif granularity == "sentence":
        spans = [_join(group) for group in _sentences(words)]
    else:
        utterances = list(_utterances(words, utterance_pause))
        groups = utterances if granularity == "utterance" else _merge_close(utterances, turn_pause)
        spans = [_join(group) for group in groups]
    return list(_locate(spans, transcript.text))


def segment_text(text: str, granularity: Granularity) -> list[Span]:
    """Segments of plain text: words, sentences, or lines (utterance and turn); offsets into `text`."""
    if granularity == "window":
        raise InputError("granularity 'window' needs audio; for text choose word, sentence, utterance or turn")
    if granularity == "word":
        pattern = re.compile(r"\S+")
    elif granularity == "sentence":
        pattern = _SENTENCE_SPLIT
    else:
        pattern = re.compile(r"[^\n]+")
    spans = []
    for match in pattern.finditer(text):
        piece = match.group(0)
        stripped = piece.strip()
        if stripped:
            spans.append(Span(None, None, stripped, match.start() + piece.index(stripped)))
    return spans


def _join(words: Sequence[Word]) -> Span:
    text = " ".join(w.word for w in words if w.word).strip()
    return Span(words[0].start, words[-1].end, text, confidence=_mean_probability(words))


def _mean_probability(words: Sequence[Word]) -> float | None:
    return sum(w.probability for w in words) / len(words) if words else None


def _sentences(words: Sequence[Word]) -> Iterator[list[Word]]:
    group: list[Word] = []
    for word in words:
        group.append(word)
        if _SENTENCE_END.search(word.word):
            yield group
            group = []
    if group:
        yield group


def _utterances(words: Sequence[Word], pause: float) -> Iterator[list[Word]]:
    group: list[Word] = []
    for word in words:
        if group and _ends_utterance(group, word, pause):
            yield group
            group = []
        group.append(word)
    if group:
        yield group


def _ends_utterance(group: Sequence[Word], following: Word, pause: float) -> bool:
    if following.start - group[-1].end >= pause:
        return True
    too_long = following.end - group[0].start > _MAX_UTTERANCE_SECONDS
    return too_long and bool(re.search(r"[.!?,;:\u2026]$", group[-1].word))


def _merge_close(groups: list[list[Word]], pause: float) -> list[list[Word]]:
    merged: list[list[Word]] = []
    for group in groups:
        if merged and group[0].start - merged[-1][-1].end < pause:
            merged[-1] = merged[-1] + group
        else:
            merged.append(list(group))
    return merged


def _from_segments(transcript: Transcript, granularity: Granularity) -> list[Span]:
    """Without word timings: Whisper's segments, or their sentences with times shared out by length."""
    spans: list[Span] = []
    for segment in transcript.segments:
        if granularity in ("utterance", "turn"):
            spans.append(Span(segment.start, segment.end, segment.text.strip()))
            continue
        pieces = segment_text(segment.text, granularity)
        total = sum(len(p.text) for p in pieces) or 1
        cursor = segment.start
        for piece in pieces:
            length = (segment.end - segment.start) * len(piece.text) / total
            spans.append(Span(cursor, cursor + length, piece.text))
            cursor += length
    if granularity == "turn":
        return _merge_spans(spans)
    return [s for s in spans if s.text]


def _merge_spans(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and span.start is not None and merged[-1].end is not None and span.start - merged[-1].end < 1.5:
            last = merged[-1]
            merged[-1] = Span(last.start, span.end, f"{last.text} {span.text}".strip())
        else:
            merged.append(span)
    return merged


def _windows(transcript: Transcript, length: float, step: float) -> list[Span]:
    duration = transcript.duration
    count = max(1, math.ceil(max(0.0, duration - length) / step - 1e-9) + 1)
    words = transcript.words
    spans = []
    for index in range(count):
        start = round(index * step, 6)
        end = min(duration, start + length) if duration > 0 else start + length
        inside = [w for w in words if start <= (w.start + w.end) / 2 < end]
        text = " ".join(w.word for w in inside)
        spans.append(Span(start, end, text, confidence=_mean_probability(inside)))
    return spans


def _locate(spans: Sequence[Span], text: str, *, overlapping: bool = False) -> Iterator[Span]:
    """Give each span its character offset in `text`, searching forward so repeated words map in order.

    Overlapping spans (windows) may share text, so the search for the next one starts where this one starts.
    """
    cursor = 0
    for span in spans:
        found = text.find(span.text, cursor) if span.text else -1
        if found < 0:
            yield span
            continue
        yield Span(span.start, span.end, span.text, found, span.confidence)
        cursor = found if overlapping else found + len(span.text)
