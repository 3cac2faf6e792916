"""Fit the language model's calibration on DEV splits only and build the descriptor prototypes.

Texts are prepared as the scorer prepares them at run time (`prepare_text`), and the read-back thresholds are
fitted on the scorer's own output (`LocalLanguageScorer.score_arrays`), so calibration sees exactly what a
user's call computes.

Writes `calibration.json` and `prototypes.npz` next to the weights, and `build/language/taxonomy_vad.json`
(V/A/D coordinates per dimension read from the descriptors, pasted into `tonesense.taxonomy`).
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np

from language_descriptors import CONTRASTS, DESCRIPTORS
from tonesense.evaluation.language_data import read_emobank, read_goemotions, read_xed
from tonesense.evaluation.language_metrics import best_threshold
from tonesense.expression.language import LocalLanguageScorer
from tonesense.expression.language_emoji import EmojiModel
from tonesense.expression.language_encoder import LanguageEncoder
from tonesense.expression.language_heads import LanguageHeads, head_inputs
from tonesense.expression.language_mapping import GOEMOTIONS_READBACK, RECIPES, XED_READBACK, read_back
from tonesense.expression.language_model import LanguageModel, sentence_embeddings
from tonesense.expression.language_text import prepare_text
from tonesense.taxonomy import LANGUAGE_NAMES

__all__ = ["write_calibration"]

logger = logging.getLogger("train_language_model")
VALENCE_SCALE = 0.1  # EmoBank points of valence over which surprise swings from negative to positive


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _offsets(logits: np.ndarray, truth: np.ndarray) -> list[float]:
    probs = 1.0 / (1.0 + np.exp(-logits))
    return [_logit(best_threshold(probs[:, j], truth[:, j])) for j in range(truth.shape[1])]


def _multi_hot(rows: list[tuple[str, list[int]]], width: int) -> np.ndarray:
    out = np.zeros((len(rows), width), dtype=bool)
    for i, (_, labels) in enumerate(rows):
        out[i, labels] = True
    return out


def _embed(encoder: LanguageEncoder, texts: list[str]) -> np.ndarray:
    return sentence_embeddings(encoder.encode(texts))


def _prototype(encoder: LanguageEncoder, name: str) -> np.ndarray:
    """Mean of the descriptors' sentence vectors; with contrasts, its unit vector less the weighted unit mean
    of theirs. The caller normalises."""
    vector: np.ndarray = _embed(encoder, list(DESCRIPTORS[name])).mean(axis=0)
    if name not in CONTRASTS:
        return vector
    sentences, weight = CONTRASTS[name]
    contrast: np.ndarray = _embed(encoder, list(sentences)).mean(axis=0)
    return np.asarray(vector / np.linalg.norm(vector) - weight * contrast / np.linalg.norm(contrast))


def write_calibration(data: Path, out_dir: Path) -> None:
    """Fit offsets, prototypes and read-back thresholds on DEV; write them into `out_dir`."""
    encoder = LanguageEncoder(out_dir, threads=1)
    heads = LanguageHeads(out_dir, encoder.workers)
    emoji = EmojiModel()
    ge_dev, xed_dev = read_goemotions(data / "goemotions", "dev"), read_xed(data / "xed_en", "dev")
    eb_dev = read_emobank(data / "emobank", "dev")
    ge_truth, xed_truth = _multi_hot(ge_dev, 28), _multi_hot(xed_dev, 8)
    ge_texts, xed_texts = [prepare_text(t) for t, _ in ge_dev], [prepare_text(t) for t, _ in xed_dev]
    ge_feats, xed_feats = encoder.encode(ge_texts), encoder.encode(xed_texts)
    eb_feats = encoder.encode([prepare_text(t) for t, _ in eb_dev])
    ge_heads = heads(head_inputs(ge_feats, emoji.log_probs(ge_texts)))
    xed_heads = heads(head_inputs(xed_feats, emoji.log_probs(xed_texts)))
    calibration: dict[str, Any] = {
        "goemotions_offsets": _offsets(ge_heads.goemotions, ge_truth),
        "xed_offsets": _offsets(xed_heads.xed, xed_truth),
        "valence_scale": VALENCE_SCALE,
    }
    names = [n for n in LANGUAGE_NAMES if any(src == "proto" for src, _ in RECIPES[n])]
    vectors = np.stack([_prototype(encoder, n) for n in names])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    background = sentence_embeddings(np.concatenate([ge_feats, xed_feats, eb_feats]))
    similarity = background @ vectors.T
    calibration["prototype_median"] = np.median(similarity, axis=0).tolist()
    calibration["prototype_top1"] = np.quantile(similarity, 0.995, axis=0).tolist()
    np.savez(out_dir / "prototypes.npz", names=np.array(names), vectors=vectors.astype(np.float32))
    (out_dir / "calibration.json").write_text(json.dumps(calibration, indent=1), encoding="utf-8")
    scorer = LocalLanguageScorer(out_dir)
    ge_scores = read_back(scorer.score_arrays([t for t, _ in ge_dev])[0], GOEMOTIONS_READBACK)
    xed_scores = read_back(scorer.score_arrays([t for t, _ in xed_dev])[0], XED_READBACK)
    calibration["goemotions_readback_thresholds"] = dict(
        zip(GOEMOTIONS_READBACK, (best_threshold(ge_scores[:, j], ge_truth[:, j]) for j in range(28)), strict=True)
    )
    calibration["xed_readback_thresholds"] = dict(
        zip(XED_READBACK, (best_threshold(xed_scores[:, j], xed_truth[:, j]) for j in range(8)), strict=True)
    )
    (out_dir / "calibration.json").write_text(json.dumps(calibration, indent=1), encoding="utf-8")
    _write_taxonomy_vad(scorer.load(), out_dir.parents[3].parent / "build" / "language" / "taxonomy_vad.json")
    logger.info("wrote %s and prototypes.npz", out_dir / "calibration.json")


def _write_taxonomy_vad(model: LanguageModel, path: Path) -> None:
    """V/A/D per dimension: mean EmoBank-head read-out of its descriptors, centred on EmoBank's neutral 3.0.

    x = clip(0.5 + (v - 3) / (4 * sd)), sd being that axis's spread over the 53 dimensions, so 0.5 is neutral
    and two standard deviations reach the ends of [0, 1].
    """
    raw = np.stack([model.score(list(DESCRIPTORS[name])).vad.mean(axis=0) for name in LANGUAGE_NAMES])
    scaled = np.clip(0.5 + (raw - 3.0) / (4.0 * raw.std(axis=0)), 0.0, 1.0)
    coords = {name: [round(float(x), 3) for x in row] for name, row in zip(LANGUAGE_NAMES, scaled, strict=True)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(coords, indent=1), encoding="utf-8")
