"""Split long audio into chunks cut at quiet moments, so each model sees a bounded stretch at a time."""

from __future__ import annotations

import numpy as np

from tonesense.audio import DecodedAudio

__all__ = ["plan_chunks"]

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
