"""The trained heads of the local language model, run with onnxruntime (no torch at run time).

`heads.onnx` holds one-hidden-layer MLPs that read the encoder's pooled features: GoEmotions (28 logits),
XED (8 logits) and EmoBank valence/arousal/dominance (1-5 scale). Running them in onnxruntime rather than
numpy keeps them on the session's own thread settings (numpy's BLAS may spin up threads per call).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import ModelError, ModelNotFoundError

__all__ = ["HeadOutputs", "LanguageHeads"]


@dataclass(frozen=True)
class HeadOutputs:
    """Raw head outputs for a batch: logits per corpus label and V/A/D on EmoBank's 1-5 scale."""

    goemotions: np.ndarray
    xed: np.ndarray
    vad: np.ndarray


class LanguageHeads:
    """Loads `heads.onnx` once; `__call__` maps pooled features to HeadOutputs."""

    def __init__(self, model_dir: Path, options: Any = None) -> None:
        import onnxruntime

        path = model_dir / "heads.onnx"
        if not path.is_file():
            raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"could not load the language model heads {path}: {exc}") from exc

    def __call__(self, features: np.ndarray) -> HeadOutputs:
        """Head outputs for pooled features of shape (n, encoder width)."""
        goemotions, xed, vad = self._session.run(
            ["goemotions", "xed", "vad"], {"features": features.astype(np.float32)}
        )
        return HeadOutputs(goemotions=goemotions, xed=xed, vad=vad)
