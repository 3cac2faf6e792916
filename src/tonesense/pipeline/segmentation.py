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

__all__ = ["Span", "contexts_before", "segment_text", "segment_transcript"]

_CLOSERS = "\"')\\]\u201d\u2019"  # quotes and brackets that may follow a full stop
_SENTENCE_END = re.compile(f"[.!?\u2026]+[{_CLOSERS}]*$")
_SENTENCE_SPLIT = re.compile(f"[^.!?\u2026]+(?:[.!?\u2026]+[{_CLOSERS}]*|$)")
_MAX_UTTERANCE = 10.0
_EDGE = 0.15
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
    pauses: Sequence[tuple[float, float]] = (),
) -> list[Span]:
    """Segments of `transcript` at `granularity`, in time order, with offsets into `transcript.text`.

    `pauses` are silent stretches found in the audio (`pipeline.pauses.find_pauses`): utterances and turns
    also end at those long enough, and word-based spans are trimmed off the silence Whisper's word timings
    stretch over.
    """
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
    else:
        if granularity == "word":
            groups = [[w] for w in words if w.word]
        elif granularity == "sentence":
            groups = list(_sentences(words))
        elif granularity == "utterance":
            groups = list(_utterances(words, utterance_pause, _at_least(pauses, utterance_pause), _MAX_UTTERANCE))
        else:
            groups = list(_utterances(words, turn_pause, _at_least(pauses, turn_pause), None))
        trim = _at_least(pauses, utterance_pause)
        spans = [_trimmed(_join(group), group, trim) for group in groups]
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


def contexts_before(spans: Sequence[Span], text: str, chars: int) -> list[str]:
    """Per span, the last `chars` characters of `text` before it: what a reader has read when they reach it.

    A span whose offset is unknown takes the text up to the end of the last located span before it.
    """
    contexts, reached = [], 0
    for span in spans:
        end = span.begin if span.begin is not None else reached
        contexts.append(text[max(0, end - chars) : end])
        reached = span.char_end if span.char_end is not None else reached
    return contexts


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


def _utterances(
    words: Sequence[Word], pause: float, pauses: Sequence[tuple[float, float]], max_seconds: float | None
) -> Iterator[list[Word]]:
    """Words grouped up to each pause: a gap between words of at least `pause`, or a silent stretch found in
    the audio between two words' midpoints; groups longer than `max_seconds` also end at punctuation."""
    group: list[Word] = []
    for word in words:
        if group and _ends_group(group, word, pause, pauses, max_seconds):
            yield group
            group = []
        group.append(word)
    if group:
        yield group


def _ends_group(
    group: Sequence[Word],
    following: Word,
    pause: float,
    pauses: Sequence[tuple[float, float]],
    max_seconds: float | None,
) -> bool:
    last = group[-1]
    if following.start - last.end >= pause:
        return True
    if any(_mid(last) < (start + end) / 2 <= _mid(following) for start, end in pauses):
        return True
    too_long = max_seconds is not None and following.end - group[0].start > max_seconds
    return too_long and bool(re.search(r"[.!?,;:\u2026]$", last.word))


def _mid(word: Word) -> float:
    return (word.start + word.end) / 2


def _at_least(pauses: Sequence[tuple[float, float]], seconds: float) -> list[tuple[float, float]]:
    return [(start, end) for start, end in pauses if end - start >= seconds]


def _trimmed(span: Span, words: Sequence[Word], pauses: Sequence[tuple[float, float]]) -> Span:
    """`span` without the silence its first and last words were stretched over (a pause reaching to within
    `_EDGE` seconds of the span's edge and ending inside its first word, or starting inside its last)."""
    start, end = span.start or 0.0, span.end or 0.0
    first_end, last_start = words[0].end, words[-1].start
    for pause_start, pause_end in pauses:
        if pause_start <= start + _EDGE and start < pause_end < first_end:
            start = pause_end
        if pause_end >= end - _EDGE and last_start < pause_start < end:
            end = pause_start
    if end - start < 0.05:
        return span
    return Span(start, end, span.text, span.begin, span.confidence)


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
