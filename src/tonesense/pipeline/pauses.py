"""Silent stretches in the audio, to cut utterances where the speaker actually paused.

Whisper's word timings tend to stretch a word over the pause before it ("ask" from 2.26 to 3.88 s after a
one-second pause in the JFK clip), so word gaps alone miss most pauses. A frame is silent when it is more
than `SILENCE_BELOW_DB` under the loud end of the recording (its 95th percentile), which follows the
recording's level rather than an absolute threshold.
"""

from __future__ import annotations

import numpy as np

from tonesense.audio import DecodedAudio

__all__ = ["SILENCE_BELOW_DB", "find_pauses"]

SILENCE_BELOW_DB = 25.0
_FRAME_SECONDS = 0.02
_BLOCK_FRAMES = 3000  # 60 s per block keeps the float64 working copy small on long audio


def find_pauses(audio: DecodedAudio, min_seconds: float) -> list[tuple[float, float]]:
    """(start, end) seconds of every silent stretch at least `min_seconds` long, in time order."""
    levels = _frame_levels(audio)
    if levels.size == 0:
        return []
    silent = levels < np.percentile(levels, 95) - SILENCE_BELOW_DB
    edges = np.flatnonzero(np.diff(np.concatenate(([0], silent.astype(np.int8), [0]))))
    runs = edges.reshape(-1, 2)
    return [
        (float(start * _FRAME_SECONDS), float(end * _FRAME_SECONDS))
        for start, end in runs
        if (end - start) * _FRAME_SECONDS >= min_seconds
    ]


def _frame_levels(audio: DecodedAudio) -> np.ndarray:
    """Level in dB of each 20 ms frame, computed a block at a time."""
    frame = int(_FRAME_SECONDS * audio.sample_rate)
    count = len(audio.samples) // frame
    levels = np.empty(count, dtype=np.float32)
    for first in range(0, count, _BLOCK_FRAMES):
        last = min(count, first + _BLOCK_FRAMES)
        block = audio.samples[first * frame : last * frame].reshape(last - first, frame).astype(np.float64)
        levels[first:last] = 10 * np.log10(np.mean(block * block, axis=1) + 1e-12)
    return levels
