"""Tone of voice per time span, offline: 48 expression scores plus interpretable voice dimensions.

For each span the scorer measures pitch, loudness, voicing, pauses, rate, voice quality and spectral balance
(`tonesense.expression.acoustics`), reads them as z-scores against the speaker's baseline
(`SpeakerBaseline`: the spans of the same audio, or a baseline the caller carries through a conversation),
and maps the EmoDB-trained model's output onto the 48 names (`tonesense.expression.prosody_emotions`).
Speaker-relative reading matters: the same pitch is high for one voice and low for another.
Scores describe how the voice is likely to be perceived, not what the speaker feels.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import numpy as np

from tonesense.audio import DecodedAudio
from tonesense.errors import InputError
from tonesense.expression.acoustics import FEATURE_NAMES, span_features, track_for
from tonesense.expression.prosody_emotions import CLASS_VAD, prosody_emotions
from tonesense.expression.prosody_model import EMODB_CLASSES, ModelOutput, ProsodyModel, SpeakerBaseline
from tonesense.schema import ProsodyScores, TimeSpan, VoiceDimensions

__all__ = ["LocalProsodyScorer", "SpeakerBaseline", "get_prosody_scorer", "sliding_windows", "voice_dimensions"]

MODEL_ID = "tonesense-prosody-emodb-linear-v1"
_F = {name: i for i, name in enumerate(FEATURE_NAMES)}


def sliding_windows(duration: float, length: float = 4.0, step: float = 1.0) -> list[TimeSpan]:
    """Spans of `length` seconds every `step` seconds covering `duration` (like Hume v0's `window` option).

    Audio shorter than one window gets a single span over all of it; the last window ends at `duration`.
    """
    if length <= 0 or step <= 0:
        raise InputError("window length and step must be positive seconds")
    if duration <= 0:
        return []
    if duration <= length:
        return [TimeSpan(start=0.0, end=round(duration, 3))]
    starts = np.arange(0.0, duration - length + 1e-9, step)
    spans = [TimeSpan(start=round(float(s), 3), end=round(float(s) + length, 3)) for s in starts]
    if spans[-1].end < duration - 1e-6:
        spans.append(TimeSpan(start=round(duration - length, 3), end=round(duration, 3)))
    return spans


class LocalProsodyScorer:
    """ProsodyScorer on numpy acoustics and a linear model fitted on EmoDB (CC0); thread-safe, loads once."""

    def __init__(self, model: ProsodyModel | None = None) -> None:
        self._model = model
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return MODEL_ID

    @property
    def model(self) -> ProsodyModel:
        with self._lock:
            if self._model is None:
                self._model = ProsodyModel()
            return self._model

    def new_baseline(self) -> SpeakerBaseline:
        """A baseline to carry through one speaker's conversation (pass it to `score_spans`)."""
        return self.model.new_baseline()

    def span_features(self, audio: DecodedAudio, spans: Sequence[TimeSpan]) -> list[np.ndarray]:
        """Raw acoustic features per span (`acoustics.FEATURE_NAMES` order; NaN where not measurable)."""
        track = track_for(audio)
        return [span_features(track.slice(span.start, span.end)) for span in _checked(spans, audio.duration)]

    def score_spans(
        self, audio: DecodedAudio, spans: Sequence[TimeSpan], *, baseline: SpeakerBaseline | None = None
    ) -> list[ProsodyScores]:
        """One result per span, in order, read against `baseline` (default: this audio's spans).

        A given baseline is updated with these spans first, so it runs on through a conversation.
        """
        features = self.span_features(audio, spans)
        return self.score_features(spans, features, baseline=baseline)

    def score_features(
        self, spans: Sequence[TimeSpan], features: Sequence[np.ndarray], *, baseline: SpeakerBaseline | None = None
    ) -> list[ProsodyScores]:
        """Score precomputed span features (from `span_features`) against a speaker baseline."""
        model = self.model
        baseline = baseline if baseline is not None else model.new_baseline()
        for row in features:
            baseline.update(row)
        return [self._score(span, row, baseline.zscores(row), model) for span, row in zip(spans, features, strict=True)]

    @staticmethod
    def _score(span: TimeSpan, raw: np.ndarray, z: np.ndarray, model: ProsodyModel) -> ProsodyScores:
        out = model.predict(z)
        emotions = prosody_emotions(out.classes, out.arousal, float(z[_F["f0_median_st"]]), float(z[_F["f0_range_st"]]))
        return ProsodyScores(
            start=span.start, end=span.end, emotions=emotions, dimensions=voice_dimensions(raw, z, out)
        )


_shared: LocalProsodyScorer | None = None
_shared_lock = threading.Lock()


def get_prosody_scorer() -> LocalProsodyScorer:
    """The process-wide local prosody scorer (what the pipeline uses); its model loads here, once."""
    global _shared
    with _shared_lock:
        if _shared is None:
            scorer = LocalProsodyScorer()
            scorer.model  # noqa: B018 - load now so a missing model surfaces as ModelError at load time
            _shared = scorer
        return _shared


def _checked(spans: Sequence[TimeSpan], duration: float) -> list[TimeSpan]:
    for span in spans:
        if span.end < span.start:
            raise InputError(f"span {span.start:.2f}-{span.end:.2f} s ends before it starts")
        if span.start > duration + 0.5:
            raise InputError(f"span starting at {span.start:.2f} s is past the end of the audio ({duration:.2f} s)")
    return list(spans)


def _finite(value: float, digits: int = 2) -> float | None:
    return None if math.isnan(value) else round(float(value), digits)


def voice_dimensions(raw: np.ndarray, z: np.ndarray, out: ModelOutput) -> VoiceDimensions:
    """The interpretable dimensions of one span: model arousal, category-weighted valence and dominance,
    and the raw and speaker-relative acoustic measures."""
    probs = dict(zip(EMODB_CLASSES, out.classes.tolist(), strict=True))
    valence = sum(probs[c] * CLASS_VAD[c][0] for c in EMODB_CLASSES)
    dominance = sum(probs[c] * CLASS_VAD[c][2] for c in EMODB_CLASSES)
    median_st = float(raw[_F["f0_median_st"]])
    return VoiceDimensions(
        arousal=round(out.arousal, 4),
        valence=round(min(1.0, max(0.0, valence)), 4),
        dominance=round(min(1.0, max(0.0, dominance)), 4),
        speaking_rate=_finite(float(raw[_F["rate_nuclei_s"]])),
        pitch_hz=None if math.isnan(median_st) else round(100.0 * 2 ** (median_st / 12), 1),
        pitch_range_semitones=_finite(float(raw[_F["f0_range_st"]])),
        loudness_db=_finite(float(raw[_F["loud_mean_db"]])),
        pitch_z=round(float(z[_F["f0_median_st"]]), 2),
        loudness_z=round(float(z[_F["loud_mean_db"]]), 2),
        rate_z=round(float(z[_F["rate_nuclei_s"]]), 2),
    )
