"""Acoustic events and phonetic rules for burst types that AudioSet cannot name (yawn, moan, pant, sigh).

A *sound event* is a stretch of audio louder than the recording's background (the 2nd percentile of its
110 ms-smoothed loudness + 10 dB, so a clip filled by one sound still has a background) and within 30 dB of
its peak, with gaps under 0.3 s bridged. Each event is described by its duration, voiced share, number of
loudness nuclei (syllable-like peaks 4 dB above the dips around them), breath cycles per second (peaks 6 dB
above the dips, 150 ms smoothing), pitch level, range and fall. The rules come from descriptions of these
sounds in the phonetics literature and were checked on synthesised sounds and licence-permitted speech, not
fitted to any evaluation set. They are tried in this order:

- **pant**: breaths repeated at >= 1.5 cycles per second for >= 1 s, mostly unvoiced (< 50 % voiced).
- **moan**: a sustained voiced sound (>= 0.5 s, >= 50 % voiced) with one nucleus per 0.7 s at most, a low
  pitch (median <= 300 Hz) and a narrow range (<= 6 semitones between the 10th and 90th percentile): the
  sustained low vocalisation that separates a moan from speech (several syllables per second) and from a
  whimper (high, tonal).
- **yawn**: a long (>= 2 s) slow sound (at most one loudness cycle per second) whose pitch peaks before its
  last quarter and then falls by 15 % or more, or which is mostly breathy (< 50 % voiced): a long inspiration
  with open mouth and a shorter, often voiced, falling expiration (Provine 1986; Gallup & Gallup 2008).
- **sigh**: one audible exhalation (a single nucleus, 0.6 .. 3 s, mostly unvoiced); used only to tell a sigh
  from plain breathing when YAMNet hears breathing.

Speech does not satisfy the single-nucleus conditions over a whole event: read speech has three to six
syllable nuclei per second. Its low-pitched voices can look unvoiced to the pitch tracker, though, so the
pant rule only re-types sounds YAMNet already hears as breath, never stands alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tonesense.expression.acoustics import HOP_SECONDS, FrameTrack

__all__ = ["SoundEvent", "classify_event", "describe", "sound_events"]

_BACKGROUND_PERCENTILE = 2.0
_BACKGROUND_SMOOTH = 11  # frames (110 ms)
_ABOVE_BACKGROUND_DB = 10.0
_BELOW_PEAK_DB = 30.0
_FLOOR_DB = -55.0
_BRIDGE_SECONDS = 0.3
_MIN_EVENT_SECONDS = 0.2
_NUCLEUS_DB = 4.0


@dataclass(frozen=True)
class SoundEvent:
    """One stretch of sound with the measurements the rules read."""

    start: float
    end: float
    voiced: float
    nuclei: int
    f0_median_hz: float
    f0_range_st: float
    f0_falls: bool
    cycles_per_second: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def sound_events(track: FrameTrack) -> list[SoundEvent]:
    """The sound events of a whole recording's acoustic track, in time order."""
    if len(track) == 0:
        return []
    loud = track.loudness_db
    window = np.ones(_BACKGROUND_SMOOTH) / _BACKGROUND_SMOOTH
    smooth = np.convolve(np.pad(loud, _BACKGROUND_SMOOTH // 2, mode="edge"), window, mode="valid")
    threshold = max(
        float(np.percentile(smooth, _BACKGROUND_PERCENTILE)) + _ABOVE_BACKGROUND_DB,
        float(loud.max()) - _BELOW_PEAK_DB,
        _FLOOR_DB,
    )
    runs = _runs(loud >= threshold, round(_BRIDGE_SECONDS / HOP_SECONDS))
    events = []
    for first, last in runs:
        if (last - first + 1) * HOP_SECONDS < _MIN_EVENT_SECONDS:
            continue
        events.append(describe(track, first * HOP_SECONDS, (last + 1) * HOP_SECONDS))
    return events


def describe(track: FrameTrack, start: float, end: float) -> SoundEvent:
    """Measure the stretch `start`..`end` seconds of `track`."""
    part = track.slice(start, end)
    f0 = part.f0[~np.isnan(part.f0)] if len(part) else np.empty(0, np.float32)
    semitones = 12 * np.log2(f0 / 100.0) if f0.size else f0
    return SoundEvent(
        start=start,
        end=end,
        voiced=float(f0.size / max(1, len(part))),
        nuclei=_nuclei(part.loudness_db, _NUCLEUS_DB),
        f0_median_hz=float(np.median(f0)) if f0.size else float("nan"),
        f0_range_st=float(np.subtract(*np.percentile(semitones, [90, 10]))) if f0.size >= 5 else float("nan"),
        f0_falls=_falls(f0),
        cycles_per_second=_nuclei(part.loudness_db, 6.0, kernel=15) / max(end - start, 1e-6),
    )


def classify_event(event: SoundEvent) -> str | None:
    """The rule-based type of an event ("pant", "moan", "yawn", "sigh") or None when no rule holds."""
    if event.seconds >= 1.0 and event.voiced < 0.5 and event.cycles_per_second >= 1.5:
        return "pant"
    if (
        event.seconds >= 0.5
        and event.voiced >= 0.5
        and event.nuclei <= max(1, int(event.seconds / 0.7))
        and event.f0_median_hz <= 300.0
        and event.f0_range_st <= 6.0
    ):
        return "moan"
    if event.seconds >= 2.0 and event.cycles_per_second <= 1.0 and (event.f0_falls or event.voiced < 0.5):
        return "yawn"
    if 0.6 <= event.seconds <= 3.0 and event.nuclei <= 1 and event.voiced < 0.5:
        return "sigh"
    return None


def _runs(mask: npt.NDArray[np.bool_], bridge: int) -> list[tuple[int, int]]:
    """(first, last) index runs of True, joining runs separated by at most `bridge` False frames."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    pairs = [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    merged: list[tuple[int, int]] = []
    for first, last in pairs:
        if merged and first - merged[-1][1] - 1 <= bridge:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _nuclei(loudness_db: npt.NDArray[np.float32], prominence_db: float, kernel: int = 11) -> int:
    """Loudness peaks at least `prominence_db` above the lowest point since the previous counted peak."""
    if loudness_db.size < 3:
        return 0
    window = np.hanning(kernel) / np.hanning(kernel).sum()
    smooth = np.convolve(np.pad(loudness_db, kernel // 2, mode="edge"), window, mode="valid")
    peaks = np.flatnonzero((smooth[1:-1] > smooth[:-2]) & (smooth[1:-1] >= smooth[2:])) + 1
    count, previous = 0, 0
    for index in peaks:
        after = smooth[index : min(smooth.size, index + 50)]
        if smooth[index] - smooth[previous : index + 1].min() >= prominence_db and (
            smooth[index] - after.min() >= prominence_db or index + 50 >= smooth.size
        ):
            count += 1
            previous = int(index)
    return count


def _falls(f0: npt.NDArray[np.float32]) -> bool:
    """Pitch peaks before the last quarter and the last quarter's median is >= 15 % below the peak."""
    if f0.size < 8:
        return False
    peak_at = int(np.argmax(f0))
    tail = f0[-max(3, f0.size // 4) :]
    return bool(peak_at < 0.75 * f0.size and np.median(tail) < 0.85 * f0.max())
