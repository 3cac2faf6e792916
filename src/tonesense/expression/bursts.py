"""Vocal bursts (laughs, sighs, cries, screams, ...) found with YAMNet, timed, typed and scored on 48 names.

How it works:
1. YAMNet scores every 0.975 s frame (0.48 s hop) on 521 AudioSet classes (`tonesense.expression.yamnet`).
2. Each burst family sums evidence from its AudioSet classes (`FAMILIES`). A family is active from a frame
   whose score reaches `BurstOptions.onset` until its score falls below `BurstOptions.release` (hysteresis),
   so a laugh over several frames becomes one burst. Families that YAMNet confuses with talking (hum, groan,
   sigh, breathing, yell) must also outscore the frame's Speech class; laughter and crying need not, so a laugh
   while talking is still found.
3. Overlapping candidates of different families keep the strongest; the span is trimmed to where the sound
   is within 25 dB of its loudest 10 ms.
4. AudioSet has no yawn or pant-by-rhythm classes, so two acoustic rules refine the type: a long (>= 1.5 s),
   largely voiced sigh/breath/groan whose pitch falls is a yawn; breathing, gasps or sighs repeated at >= 1.5
   cycles per second are panting.
5. Each burst gets 48 scores through `tonesense.expression.burst_emotions`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tonesense.audio import DecodedAudio
from tonesense.expression.acoustics import HOP_SECONDS, FrameTrack, track_for
from tonesense.expression.burst_emotions import burst_emotions
from tonesense.expression.yamnet import FRAME_HOP, FRAME_LENGTH, YamnetFrames, YamnetModel, default_yamnet
from tonesense.schema import Burst

__all__ = ["EXPRESSIVE_FAMILIES", "FAMILIES", "BurstOptions", "LocalBurstScorer", "get_burst_scorer"]

logger = logging.getLogger(__name__)

FAMILIES: dict[str, dict[str, float]] = {
    "laughter": {
        "Laughter": 1.0,
        "Baby laughter": 1.0,
        "Giggle": 1.0,
        "Snicker": 1.0,
        "Belly laugh": 1.0,
        "Chuckle, chortle": 1.0,
    },
    "crying": {"Crying, sobbing": 1.0, "Baby cry, infant cry": 1.0},
    "whimper": {"Whimper": 1.0},
    "scream": {"Screaming": 1.0, "Yell": 0.6},
    "gasp": {"Gasp": 1.0},
    "groan": {"Groan": 1.0, "Wail, moan": 1.0, "Grunt": 0.7},
    "sigh": {"Sigh": 1.0},
    "hum": {"Humming": 1.0},
    "pant": {"Pant": 1.0},
    "cough": {"Cough": 1.0},
    "sneeze": {"Sneeze": 1.0},
    "throat_clearing": {"Throat clearing": 1.0},
    "breathing": {"Breathing": 1.0, "Wheeze": 0.7},
}
"""Burst family -> AudioSet classes (YAMNet display names) and their weights."""

EXPRESSIVE_FAMILIES = frozenset(
    {"laughter", "crying", "whimper", "scream", "gasp", "groan", "sigh", "hum", "yawn", "pant"}
)
_SPEECH_LIKE = frozenset({"hum", "groan", "sigh", "breathing", "scream"})
_SPEECH_CLASSES = ("Speech", "Conversation", "Narration, monologue")
MODEL_ID = "tonesense-bursts-yamnet-v1"


@dataclass(frozen=True)
class BurstOptions:
    """Detection settings. `onset` 0.1 is YAMNet's usual operating point for rare classes. On the 535 EmoDB
    (CC0) emotional-speech clips, which hold no bursts, every family stays below it in at least 99.9 % of
    frames and 0.09 % of the speech time is flagged (`tools/audio_burst_false_alarms.py`). Nothing here is
    fitted to the evaluation sets."""

    onset: float = 0.1
    release: float = 0.05
    min_gap: float = FRAME_HOP
    trim_db: float = 25.0
    yawn_min_seconds: float = 1.5
    pant_min_cycles_per_second: float = 1.5
    families: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: FAMILIES)


@dataclass
class _Candidate:
    family: str
    first: int
    last: int
    peak: float
    mean: float


class LocalBurstScorer:
    """Finds vocal bursts offline with YAMNet; thread-safe, the model loads once on first use."""

    def __init__(self, options: BurstOptions | None = None, *, yamnet: YamnetModel | None = None) -> None:
        self.options = options or BurstOptions()
        self._yamnet = yamnet
        self._lock = threading.Lock()
        self._columns: dict[str, npt.NDArray[np.int64]] | None = None

    @property
    def model_id(self) -> str:
        return MODEL_ID

    @property
    def yamnet(self) -> YamnetModel:
        if self._yamnet is None:
            self._yamnet = default_yamnet()
        return self._yamnet

    def detect(self, audio: DecodedAudio) -> list[Burst]:
        """Bursts in time order, including ones that overlap speech."""
        frames = self.yamnet.frames_for(audio)
        family_scores = self.family_scores(frames)
        candidates = self._select(self._candidates(family_scores))
        if not candidates:
            return []
        track = track_for(audio)
        bursts = [self._burst(c, frames, track, audio.duration) for c in candidates]
        return sorted((b for b in bursts if b is not None), key=lambda b: b.start)

    def family_scores(self, frames: YamnetFrames) -> dict[str, npt.NDArray[np.float32]]:
        """Per-frame evidence for each family, after the speech gate (what the hysteresis runs on)."""
        speech = frames.scores[:, self._speech_columns()].max(axis=1)
        result = {}
        for family, classes in self.options.families.items():
            weights = np.asarray(list(classes.values()), np.float32)
            score = (frames.scores[:, self._family_columns(family)] * weights).max(axis=1)
            if family in _SPEECH_LIKE:
                score = np.where(score > speech, score, 0.0).astype(np.float32)
            result[family] = score
        return result

    def _speech_columns(self) -> list[int]:
        return [self.yamnet.class_index(name) for name in _SPEECH_CLASSES]

    def _family_columns(self, family: str) -> npt.NDArray[np.int64]:
        with self._lock:
            if self._columns is None:
                self._columns = {
                    fam: np.asarray([self.yamnet.class_index(c) for c in classes], np.int64)
                    for fam, classes in self.options.families.items()
                }
            return self._columns[family]

    def _candidates(self, family_scores: dict[str, npt.NDArray[np.float32]]) -> list[_Candidate]:
        found = []
        for family, score in family_scores.items():
            for first, last in _hysteresis(score, self.options.onset, self.options.release, self._gap_frames()):
                run = score[first : last + 1]
                found.append(_Candidate(family, first, last, float(run.max()), float(run.mean())))
        return found

    def _gap_frames(self) -> int:
        return round(self.options.min_gap / FRAME_HOP)

    @staticmethod
    def _select(candidates: list[_Candidate]) -> list[_Candidate]:
        kept: list[_Candidate] = []
        for cand in sorted(candidates, key=lambda c: c.peak, reverse=True):
            if all(_overlap(cand, other) <= 0.5 for other in kept):
                kept.append(cand)
        return kept

    def _burst(self, cand: _Candidate, frames: YamnetFrames, track: FrameTrack, duration: float) -> Burst | None:
        start = float(frames.starts[cand.first])
        end = min(duration, float(frames.starts[cand.last]) + FRAME_LENGTH)
        start, end = _trim(track, start, end, self.options.trim_db)
        if end <= start:
            return None
        part = track.slice(start, end)
        family = self._refine(cand.family, part, end - start)
        subtypes = self._subtypes(cand, frames)
        intensity = _intensity(part, track)
        return Burst(
            start=round(start, 3),
            end=round(end, 3),
            type=family,
            confidence=round(min(1.0, cand.peak), 4),
            expressive=family in EXPRESSIVE_FAMILIES,
            emotions=burst_emotions(family, subtypes, intensity) if family in EXPRESSIVE_FAMILIES else [],
        )

    def _refine(self, family: str, part: FrameTrack, seconds: float) -> str:
        if family in ("sigh", "breathing", "groan") and _is_yawn(part, seconds, self.options.yawn_min_seconds):
            return "yawn"
        if (
            family in ("breathing", "gasp", "sigh")
            and _cycles_per_second(part) >= self.options.pant_min_cycles_per_second
        ):
            return "pant"
        return family

    def _subtypes(self, cand: _Candidate, frames: YamnetFrames) -> dict[str, float]:
        classes = self.options.families[cand.family]
        columns = self._family_columns(cand.family)
        means = frames.scores[cand.first : cand.last + 1][:, columns].mean(axis=0)
        return {name: float(value) for name, value in zip(classes, means, strict=True)}


_shared: LocalBurstScorer | None = None
_shared_lock = threading.Lock()


def get_burst_scorer() -> LocalBurstScorer:
    """The process-wide local burst scorer (what the pipeline uses); YAMNet's class map is checked here."""
    global _shared
    with _shared_lock:
        if _shared is None:
            scorer = LocalBurstScorer()
            scorer.yamnet.class_index("Laughter")
            _shared = scorer
        return _shared


def _hysteresis(score: npt.NDArray[np.float32], onset: float, release: float, gap: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    index = 0
    while index < score.size:
        if score[index] < onset:
            index += 1
            continue
        first = index
        while first > 0 and score[first - 1] >= release:
            first -= 1
        last = index
        while last + 1 < score.size and score[last + 1] >= release:
            last += 1
        if runs and first - runs[-1][1] - 1 <= gap:
            first = runs.pop()[0]
        runs.append((first, last))
        index = last + 1
    return runs


def _overlap(a: _Candidate, b: _Candidate) -> float:
    inter = min(a.last, b.last) - max(a.first, b.first) + 1
    return max(0, inter) / (a.last - a.first + 1)


def _trim(track: FrameTrack, start: float, end: float, below_db: float) -> tuple[float, float]:
    part = track.slice(start, end)
    if len(part) == 0:
        return start, start
    loud = part.loudness_db
    keep = np.flatnonzero(loud >= loud.max() - below_db)
    offset = np.floor(start / HOP_SECONDS) * HOP_SECONDS
    return float(offset + keep[0] * HOP_SECONDS), float(min(end, offset + (keep[-1] + 1) * HOP_SECONDS))


def _is_yawn(part: FrameTrack, seconds: float, min_seconds: float) -> bool:
    if seconds < min_seconds:
        return False
    voiced = ~np.isnan(part.f0)
    if voiced.sum() < 0.3 * max(1, part.active.sum()):
        return False
    pitch = part.f0[voiced]
    peak_at = int(np.argmax(pitch))
    return bool(peak_at < 0.75 * pitch.size and np.median(pitch[-max(3, pitch.size // 4) :]) < 0.85 * pitch.max())


def _cycles_per_second(part: FrameTrack) -> float:
    """Breath cycles per second: loudness peaks 6 dB above the troughs between them."""
    seconds = len(part) * HOP_SECONDS
    if seconds < 0.5:
        return 0.0
    kernel = np.hanning(15) / np.hanning(15).sum()
    smooth = np.convolve(part.loudness_db, kernel, mode="same")
    peaks = np.flatnonzero((smooth[1:-1] > smooth[:-2]) & (smooth[1:-1] >= smooth[2:])) + 1
    count, previous = 0, 0
    for index in peaks:
        if smooth[index] - smooth[previous : index + 1].min() >= 6.0:
            count += 1
            previous = int(index)
    return count / seconds


def _intensity(part: FrameTrack, whole: FrameTrack) -> float:
    """0..1: the burst's loudness and pitch relative to the rest of the audio (0.5 = typical)."""
    active = whole.loudness_db[whole.active]
    if active.size < 10 or len(part) == 0:
        return 0.5
    loud_rank = float(np.mean(active <= np.percentile(part.loudness_db, 90)))
    pitch_all = whole.f0[~np.isnan(whole.f0)]
    pitch = part.f0[~np.isnan(part.f0)]
    if pitch.size < 3 or pitch_all.size < 10:
        return loud_rank
    pitch_rank = float(np.mean(pitch_all <= np.median(pitch)))
    return 0.6 * loud_rank + 0.4 * pitch_rank
