"""Vocal bursts (laughs, sighs, cries, screams, ...) found with YAMNet, timed, typed and scored on 48 names.

How it works:
1. YAMNet scores every 0.975 s frame (0.48 s hop) on 521 AudioSet classes (`tonesense.expression.yamnet`).
2. Each burst family's frame evidence is the noisy-OR of its AudioSet classes' weighted scores (`FAMILIES`).
   Families that YAMNet confuses with talking (hum, groan, sigh, breathing, scream) count only where they
   outscore the frame's Speech class (the Screaming class itself need not); laughter and crying need not, so
   a laugh while talking is still found.
3. A family is active from a frame whose evidence reaches `BurstOptions.onset` until it falls below
   `BurstOptions.release` (hysteresis), so a laugh over several frames becomes one burst. Where the families
   together (noisy-OR over families) reach the onset though none does alone, the run is a burst too, typed
   by the family with the highest mean evidence: a human non-speech sound YAMNet cannot name confidently.
4. Overlapping candidates keep the strongest; the span is trimmed to where the sound is within 25 dB of its
   loudest 10 ms.
5. AudioSet has no yawn class, rarely names moans, and cannot tell panting by rhythm, so phonetic rules on the
   whole sound (`tonesense.expression.burst_rules`) re-type breath-like bursts (sigh, breathing, gasp,
   whimper, hum, groan) as yawn, moan (type "groan"), pant or sigh, and find yawns and moans in sound
   events that YAMNet leaves unnamed.
6. Each burst gets 48 scores through `tonesense.expression.burst_emotions`.
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
from tonesense.expression.burst_rules import SoundEvent, classify_event, describe, sound_events
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
    "scream": {"Screaming": 1.0, "Yell": 0.6, "Shout": 0.5},
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
"""Burst family -> AudioSet classes (YAMNet display names) and their weights; a family's frame evidence is
the noisy-OR of its weighted class scores, 1 - prod(1 - w * score)."""

EXPRESSIVE_FAMILIES = frozenset(
    {"laughter", "crying", "whimper", "scream", "gasp", "groan", "sigh", "hum", "yawn", "pant"}
)
_SPEECH_LIKE = frozenset({"hum", "groan", "sigh", "breathing", "scream"})
_SPEECH_CLASSES = ("Speech", "Conversation", "Narration, monologue")
_NOT_SPEECH = frozenset({"Screaming"})
"""Classes of speech-like families that are never a form of talking, so they count without the speech gate
(a scream is not speech; a yell or shout is loud speech and must outscore the Speech class)."""
_RETYPES: dict[str, frozenset[str]] = {
    "sigh": frozenset({"yawn", "moan", "pant"}),
    "breathing": frozenset({"yawn", "moan", "pant", "sigh"}),
    "groan": frozenset({"yawn"}),
    "whimper": frozenset({"yawn"}),
    "hum": frozenset({"yawn"}),
    "gasp": frozenset({"yawn", "pant"}),
}
"""YAMNet family -> the rule types (`burst_rules.classify_event`) that may replace it."""
_ACOUSTIC_ONLY = frozenset({"yawn", "moan"})
_RULE_FAMILY = {"moan": "groan"}
MODEL_ID = "tonesense-bursts-yamnet-v2"


@dataclass(frozen=True)
class BurstOptions:
    """Detection settings. `onset` 0.1 is YAMNet's usual operating point for rare classes. On the 535 EmoDB
    (CC0) emotional-speech clips, which hold no bursts, every family stays below it in at least 99.9 % of
    frames, and 0.86 % of the speech time is flagged as expressive bursts, mostly where families only reach
    the onset together (`tools/audio_burst_false_alarms.py`). Nothing here is fitted to the evaluation sets."""

    onset: float = 0.1
    release: float = 0.05
    min_gap: float = FRAME_HOP
    trim_db: float = 25.0
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
        candidates = self._select(self._candidates(family_scores) + self._combined_candidates(family_scores))
        track = track_for(audio)
        events = sound_events(track)
        bursts = [b for b in (self._burst(c, frames, track, events, audio.duration) for c in candidates) if b]
        bursts += self._acoustic_bursts(events, bursts, frames, track, audio.duration)
        return sorted(bursts, key=lambda b: b.start)

    def family_scores(self, frames: YamnetFrames) -> dict[str, npt.NDArray[np.float32]]:
        """Per-frame evidence for each family, after the speech gate (what the hysteresis runs on)."""
        speech = frames.scores[:, self._speech_columns()].max(axis=1)
        result = {}
        for family, classes in self.options.families.items():
            weights = np.asarray(list(classes.values()), np.float32)
            weighted = np.clip(frames.scores[:, self._family_columns(family)] * weights, 0.0, 1.0)
            score = (1.0 - np.prod(1.0 - weighted, axis=1)).astype(np.float32)
            if family in _SPEECH_LIKE:
                gated = np.where(score > speech, score, 0.0)
                ungated = [i for i, name in enumerate(classes) if name in _NOT_SPEECH]
                own = weighted[:, ungated].max(axis=1) if ungated else np.zeros_like(gated)
                score = np.maximum(gated, own).astype(np.float32)
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

    def _combined_candidates(self, family_scores: dict[str, npt.NDArray[np.float32]]) -> list[_Candidate]:
        """Runs where the families together (noisy-OR) reach the onset though none does alone; typed by the
        family with the highest mean evidence over the run."""
        names = list(family_scores)
        stack = np.stack([family_scores[name] for name in names])
        combined = 1.0 - np.prod(1.0 - stack, axis=0)
        found = []
        for first, last in _hysteresis(combined, self.options.onset, self.options.release, self._gap_frames()):
            means = stack[:, first : last + 1].mean(axis=1)
            family = names[int(np.argmax(means))]
            found.append(_Candidate(family, first, last, float(combined[first : last + 1].max()), float(means.max())))
        return found

    def _acoustic_bursts(
        self, events: list[SoundEvent], found: list[Burst], frames: YamnetFrames, track: FrameTrack, duration: float
    ) -> list[Burst]:
        """Yawns and moans that YAMNet names no class for: sound events no burst covers whose
        acoustics satisfy a rule; confidence is half of YAMNet's mean non-speech belief over the event."""
        speech = frames.scores[:, self._speech_columns()].max(axis=1)
        extra = []
        for event in events:
            if any(_seconds_overlap(event.start, event.end, b.start, b.end) > 0.5 * event.seconds for b in found):
                continue
            rule = classify_event(event)
            if rule not in _ACOUSTIC_ONLY:
                continue
            family = _RULE_FAMILY.get(rule, rule)
            inside = (frames.starts + FRAME_LENGTH > event.start) & (frames.starts < event.end)
            belief = 0.5 * float(1.0 - speech[inside].mean()) if inside.any() else 0.25
            part = track.slice(event.start, event.end)
            extra.append(
                Burst(
                    start=round(event.start, 3),
                    end=round(min(event.end, duration), 3),
                    type=family,
                    confidence=round(belief, 4),
                    expressive=True,
                    emotions=burst_emotions(family, {}, _intensity(part, track)),
                )
            )
        return extra

    def _gap_frames(self) -> int:
        return round(self.options.min_gap / FRAME_HOP)

    @staticmethod
    def _select(candidates: list[_Candidate]) -> list[_Candidate]:
        kept: list[_Candidate] = []
        for cand in sorted(candidates, key=lambda c: c.peak, reverse=True):
            if all(_overlap(cand, other) <= 0.5 for other in kept):
                kept.append(cand)
        return kept

    def _burst(
        self, cand: _Candidate, frames: YamnetFrames, track: FrameTrack, events: list[SoundEvent], duration: float
    ) -> Burst | None:
        start = float(frames.starts[cand.first])
        end = min(duration, float(frames.starts[cand.last]) + FRAME_LENGTH)
        start, end = _trim(track, start, end, self.options.trim_db)
        if end <= start:
            return None
        family, start, end = self._refine(cand.family, start, end, events, track)
        end = min(end, duration)
        part = track.slice(start, end)
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

    @staticmethod
    def _refine(
        family: str, start: float, end: float, events: list[SoundEvent], track: FrameTrack
    ) -> tuple[str, float, float]:
        """Re-type a breath-like YAMNet burst by the phonetic rules on the whole sound it belongs to: from the
        first to the last sound event that overlaps it (a yawn's inhalation and exhalation, a pant's breaths).
        A re-typed burst spans that whole sound."""
        allowed = _RETYPES.get(family)
        touching = [e for e in events if _seconds_overlap(e.start, e.end, start, end) > 0]
        if not allowed or not touching:
            return family, start, end
        sound = describe(track, touching[0].start, touching[-1].end)
        rule = classify_event(sound)
        if rule not in allowed:
            return family, start, end
        return _RULE_FAMILY.get(rule, rule), min(start, sound.start), max(end, sound.end)

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


def _seconds_overlap(a_start: float, a_end: float, b_start: float, b_end: float) -> float:
    return max(0.0, min(a_end, b_end) - max(a_start, b_start))


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
