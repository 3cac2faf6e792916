"""The trained heads of the local language model, evaluated in numpy (no torch at run time).

`heads.npz` holds one-hidden-layer MLPs that read the encoder's pooled features: GoEmotions (28 logits),
XED (8 logits) and EmoBank valence/arousal/dominance (1-5 scale, stored as offsets from 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tonesense.errors import ModelNotFoundError

__all__ = ["HeadOutputs", "LanguageHeads"]


@dataclass(frozen=True)
class HeadOutputs:
    """Raw head outputs for a batch: logits per corpus label and V/A/D on EmoBank's 1-5 scale."""

    goemotions: np.ndarray
    xed: np.ndarray
    vad: np.ndarray


def _gelu(x: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x**3))), dtype=np.float32)


class LanguageHeads:
    """Loads `heads.npz` once; `__call__` maps pooled features to HeadOutputs."""

    def __init__(self, model_dir: Path) -> None:
        path = model_dir / "heads.npz"
        if not path.is_file():
            raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
        with np.load(path) as data:
            self._arrays = {name: data[name].astype(np.float32) for name in data.files}

    def _mlp(self, name: str, x: np.ndarray) -> np.ndarray:
        a = self._arrays
        hidden = _gelu(x @ a[f"{name}_w1"] + a[f"{name}_b1"])
        return np.asarray(hidden @ a[f"{name}_w2"] + a[f"{name}_b2"], dtype=np.float32)

    def __call__(self, features: np.ndarray) -> HeadOutputs:
        """Head outputs for pooled features of shape (n, 768)."""
        x = (features - self._arrays["feature_mean"]) / self._arrays["feature_std"]
        return HeadOutputs(
            goemotions=self._mlp("goemotions", x), xed=self._mlp("xed", x), vad=3.0 + self._mlp("vad", x)
        )
