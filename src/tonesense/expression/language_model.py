"""The local language model end to end on clean text: encoder, heads, calibration, the 53 dimensions.

Files under `expression/models/language/`: `encoder.onnx` (int8, 4 narrowed layers distilled from MiniLM),
`tokenizer.json`, `heads.onnx`, `prototypes.npz` (descriptor prototypes) and `calibration.json` (offsets and
scales fitted on DEV splits); the emoji classifier is read from the installed `nade` package (`language_emoji`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import ModelNotFoundError
from tonesense.expression.language_emoji import EmojiModel
from tonesense.expression.language_encoder import LanguageEncoder
from tonesense.expression.language_heads import HeadOutputs, LanguageHeads, head_inputs
from tonesense.expression.language_mapping import GOEMOTIONS_LABELS, XED_LABELS, compose

__all__ = ["MODEL_DIR", "LanguageModel", "ModelScores", "sentence_embeddings"]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "language"
HIDDEN = 384


@dataclass(frozen=True)
class ModelScores:
    """Per-text outputs: the 53 scores (n, 53) and EmoBank-scale valence/arousal/dominance (n, 3)."""

    emotions: np.ndarray
    vad: np.ndarray


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0))))


class LanguageModel:
    """Everything needed to turn clean texts into the 53 scores; loads its files once in the constructor."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None) -> None:
        self.encoder = LanguageEncoder(model_dir, threads=threads)
        self.emoji = EmojiModel()
        self.heads = LanguageHeads(model_dir, self.encoder.workers)
        calibration = model_dir / "calibration.json"
        if not calibration.is_file():
            raise ModelNotFoundError(f"language model file missing: {calibration} (reinstall tonesense)")
        self.calibration: dict[str, Any] = json.loads(calibration.read_text(encoding="utf-8"))
        self.prototypes = _load_prototypes(model_dir / "prototypes.npz")
        # the columns of `compose`'s sources: GoEmotions and XED signals, then prototype scores
        self.source_keys = (
            *(f"ge:{label}" for label in GOEMOTIONS_LABELS),
            *(f"xed:{label}" for label in XED_LABELS),
            *(f"proto:{name}" for name in self.prototypes[0]),
        )
        self._signal_weights, self._signal_offsets = _signal_constants(self.calibration, self.prototypes[1])
        self._valence_scale = float(self.calibration.get("valence_scale", 0.1))

    def head_outputs(
        self, texts: Sequence[str], token_ids: Sequence[list[int]] | None = None
    ) -> tuple[HeadOutputs, np.ndarray]:
        """Raw head outputs and unit-length sentence embeddings for clean, non-empty texts."""
        emoji: list[np.ndarray] = []  # nade's signals, computed while the encoder's batches run
        features = self.encoder.encode(texts, token_ids, meanwhile=lambda: emoji.append(self.emoji.log_probs(texts)))
        return self.heads(head_inputs(features, emoji[0])), sentence_embeddings(features)

    def sources(self, outputs: HeadOutputs, embedding: np.ndarray) -> np.ndarray:
        """`compose`'s calibrated signals (n, len(source_keys)), each in [0, 1]:
        - GoEmotions, then XED: 0.5 at each label's best-F1 threshold on DEV;
        - descriptor similarity per prototype: 0.05 for typical text, 0.5 at the top 0.5 % of DEV texts.

        All of them are one sigmoid of (raw value times weight, minus offset); `_signal_constants` folds the
        prototypes' scaling into their vectors, so a call is one product and one sigmoid.
        """
        raw = np.concatenate([outputs.goemotions, outputs.xed, embedding @ self._signal_weights], axis=1)
        return _sigmoid(raw - self._signal_offsets)

    def score(self, texts: Sequence[str], token_ids: Sequence[list[int]] | None = None) -> ModelScores:
        """The 53 scores and V/A/D for clean, non-empty texts (`token_ids` from `encoder.tokenize`, if at hand)."""
        outputs, embedding = self.head_outputs(texts, token_ids)
        return ModelScores(emotions=self.compose_scores(outputs, embedding), vad=outputs.vad)

    def compose_scores(self, outputs: HeadOutputs, embedding: np.ndarray) -> np.ndarray:
        """The 53 scores (n, 53) from raw head outputs and unit-length sentence embeddings."""
        positive = _sigmoid((outputs.vad[:, 0] - 3.0) / self._valence_scale)
        return compose(self.sources(outputs, embedding), self.source_keys, positive)


def _signal_constants(calibration: dict[str, Any], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights for the prototype similarities and offsets for every source column, so that
    sigmoid(raw - offset) is each calibrated signal. A prototype's score is sigmoid(slope * (similarity -
    top)), with slope = log(19) / (top - median), hence the vectors scaled by their slope and the offset
    slope * top."""
    low = np.asarray(calibration["prototype_median"], dtype=np.float64) if len(vectors) else np.zeros(0)
    high = np.asarray(calibration["prototype_top1"], dtype=np.float64) if len(vectors) else np.zeros(0)
    slope = math.log(19.0) / np.maximum(high - low, 1e-6)
    offsets = np.concatenate([calibration["goemotions_offsets"], calibration["xed_offsets"], slope * high]).astype(
        np.float32
    )
    return (vectors.T.astype(np.float64) * slope).astype(np.float32), offsets


def sentence_embeddings(features: np.ndarray) -> np.ndarray:
    """Unit-length sentence embeddings: the first HIDDEN pooled values of each row of `features`."""
    last = features[:, :HIDDEN]
    return np.asarray(last / np.maximum(np.linalg.norm(last, axis=1, keepdims=True), 1e-9))


def _load_prototypes(path: Path) -> tuple[list[str], np.ndarray]:
    if not path.is_file():
        raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
    with np.load(path) as data:
        return [str(n) for n in data["names"]], data["vectors"].astype(np.float32)
