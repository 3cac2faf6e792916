"""The trained heads of the local language model, run with onnxruntime (no torch at run time).

`heads.onnx` holds one-hidden-layer MLPs that read the encoder's pooled features followed by nade's 151 emoji
log-probabilities (`head_inputs` puts them in that order): GoEmotions (28 logits),
XED (8 logits) and EmoBank valence/arousal/dominance (1-5 scale). Their first layers share one projection of
those 1687 values to 384 (`tools/language_heads.py`, `low_rank_first_layers`). Running them in onnxruntime rather than
numpy keeps them on the session's own thread settings (numpy's BLAS may spin up threads per call); large
batches are split into row blocks that the encoder's `BatchWorkers` run side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import ModelError, ModelNotFoundError
from tonesense.expression.language_encoder import BatchWorkers, session_options

__all__ = ["HeadOutputs", "LanguageHeads", "head_inputs"]

_BLOCK = 256  # rows per head run when a batch is split across workers


@dataclass(frozen=True)
class HeadOutputs:
    """Raw head outputs for a batch: logits per corpus label and V/A/D on EmoBank's 1-5 scale."""

    goemotions: np.ndarray
    xed: np.ndarray
    vad: np.ndarray


def head_inputs(features: np.ndarray, emoji: np.ndarray) -> np.ndarray:
    """What the heads read: pooled encoder features (n, 1536), then emoji log-probabilities (n, 151)."""
    return np.concatenate([features, emoji], axis=1).astype(np.float32, copy=False)


class LanguageHeads:
    """Loads `heads.onnx` once; `__call__` maps `head_inputs` rows to HeadOutputs."""

    def __init__(self, model_dir: Path, workers: BatchWorkers | None = None) -> None:
        import onnxruntime

        path = model_dir / "heads.onnx"
        if not path.is_file():
            raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), sess_options=session_options(), providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"could not load the language model heads {path}: {exc}") from exc
        self._workers = workers or BatchWorkers(1)

    def __call__(self, features: np.ndarray) -> HeadOutputs:
        """Head outputs for `head_inputs` rows."""
        features = np.asarray(features, dtype=np.float32)
        size = self._workers.chunk_size(len(features), _BLOCK)
        blocks = [features[start : start + size] for start in range(0, len(features), size)] or [features]
        parts = self._workers.map(self._run, blocks)
        goemotions, xed, vad = (np.concatenate([part[k] for part in parts]) for k in range(3))
        return HeadOutputs(goemotions=goemotions, xed=xed, vad=vad)

    def _run(self, block: np.ndarray) -> list[Any]:
        return list(self._session.run(["goemotions", "xed", "vad"], {"features": block}))
