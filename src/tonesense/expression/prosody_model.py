"""The fitted part of the local prosody scorer: speaker baselines and the linear models fitted on EmoDB (CC0).

`SpeakerBaseline` keeps a running mean and variance of a speaker's span features, starting from the EmoDB
population as a prior worth `prior_weight` spans, so the first spans of a new voice are read against people
in general and later ones against that voice. `ProsodyModel` reads the JSON written by
`tools/train_prosody_model.py` and turns z-scored features into probabilities of EmoDB's seven acted
categories and of high arousal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tonesense.errors import ModelError, ModelNotFoundError
from tonesense.expression.acoustics import FEATURE_NAMES

__all__ = ["AROUSAL_HIGH", "AROUSAL_LOW", "EMODB_CLASSES", "ModelOutput", "ProsodyModel", "SpeakerBaseline"]

FloatArray = npt.NDArray[np.float64]

EMODB_CLASSES: tuple[str, ...] = ("anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness")
AROUSAL_HIGH = frozenset({"anger", "happiness", "fear"})
AROUSAL_LOW = frozenset({"boredom", "neutral", "sadness"})
_Z_LIMIT = 5.0
_MIN_STD_SHARE = 0.1


class SpeakerBaseline:
    """Running per-feature mean and variance of one speaker, shrunk toward a population prior.

    Not thread-safe by itself: one baseline belongs to one speaker in one conversation.
    """

    def __init__(self, prior_mean: FloatArray, prior_std: FloatArray, *, prior_weight: float = 3.0) -> None:
        self._prior_mean = np.asarray(prior_mean, np.float64)
        self._prior_var = np.asarray(prior_std, np.float64) ** 2
        self._prior_weight = prior_weight
        self._count = np.zeros_like(self._prior_mean)
        self._mean = np.zeros_like(self._prior_mean)
        self._m2 = np.zeros_like(self._prior_mean)

    @property
    def spans(self) -> int:
        """How many spans have updated the baseline (the most-updated feature's count)."""
        return int(self._count.max()) if self._count.size else 0

    def update(self, features: npt.ArrayLike) -> None:
        """Add one span's features (NaN entries are skipped feature by feature)."""
        x = np.asarray(features, np.float64)
        seen = ~np.isnan(x)
        self._count[seen] += 1
        delta = np.where(seen, x - self._mean, 0.0)
        self._mean[seen] += delta[seen] / self._count[seen]
        self._m2[seen] += delta[seen] * (x[seen] - self._mean[seen])

    def mean_std(self) -> tuple[FloatArray, FloatArray]:
        """The baseline now: the speaker's statistics pooled with the prior's pseudo-spans."""
        w, n = self._prior_weight, self._count
        total = w + n
        mean = (w * self._prior_mean + n * self._mean) / total
        spread = w * self._prior_var + self._m2 + (w * n / total) * (self._mean - self._prior_mean) ** 2
        std = np.sqrt(spread / total)
        return mean, np.maximum(std, _MIN_STD_SHARE * np.sqrt(self._prior_var))

    def zscores(self, features: npt.ArrayLike) -> FloatArray:
        """Features as z-scores against the baseline; missing features read as the speaker's usual (0)."""
        mean, std = self.mean_std()
        z = (np.asarray(features, np.float64) - mean) / std
        return np.clip(np.nan_to_num(z, nan=0.0), -_Z_LIMIT, _Z_LIMIT)


@dataclass(frozen=True)
class ModelOutput:
    """Probabilities of EmoDB's seven acted categories (in `EMODB_CLASSES` order) and of high arousal."""

    classes: FloatArray
    arousal: float


class ProsodyModel:
    """Linear models over speaker-relative features, loaded from `models/prosody/prosody_model.json`."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or Path(str(resources.files("tonesense.expression") / "models" / "prosody" / "prosody_model.json"))
        if not path.is_file():
            raise ModelNotFoundError(f"prosody model not found at {path}; run tools/train_prosody_model.py")
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data.get("feature_names", ())) != FEATURE_NAMES or tuple(data.get("classes", ())) != EMODB_CLASSES:
            raise ModelError(f"{path} was trained on other features or classes; rerun tools/train_prosody_model.py")
        self.population_mean = np.asarray(data["population_mean"], np.float64)
        self.population_std = np.asarray(data["population_std"], np.float64)
        self._class_coef = np.asarray(data["class_coef"], np.float64)
        self._class_intercept = np.asarray(data["class_intercept"], np.float64)
        self._arousal_coef = np.asarray(data["arousal_coef"], np.float64)
        self._arousal_intercept = float(data["arousal_intercept"])
        self.training: dict[str, object] = dict(data.get("training", {}))

    def new_baseline(self, *, prior_weight: float = 3.0) -> SpeakerBaseline:
        """An empty baseline for a new speaker, starting from the EmoDB population."""
        return SpeakerBaseline(self.population_mean, self.population_std, prior_weight=prior_weight)

    def predict(self, z: FloatArray) -> ModelOutput:
        """Class and arousal probabilities for one span's z-scored features."""
        logits = self._class_coef @ z + self._class_intercept
        logits -= logits.max()
        probs = np.exp(logits)
        arousal = 1.0 / (1.0 + np.exp(-(self._arousal_coef @ z + self._arousal_intercept)))
        return ModelOutput(classes=probs / probs.sum(), arousal=float(arousal))
