"""Fit the local prosody model on EmoDB (CC0) and write it where the package reads it.

Features: `tonesense.expression.acoustics.span_features` per clip (pitch, loudness, voicing, pauses, rate, voice
quality, spectral balance), z-scored against the same speaker's clips (`SpeakerBaseline`), exactly as the
scorer normalises against a speaker's running baseline. Models (numpy/scipy, L2-regularised logistic
regression): a 7-class emotion model and a binary arousal model (high: anger, happiness, fear; low: boredom,
neutral, sadness). The regularisation strength is chosen by leave-one-speaker-out cross-validation on EmoDB;
no other data is read. Only licence-permitted data is used: EmoDB is CC0 (`../shared/data/README.md`).

    pip install scipy                              # tools-only dependency (the package reads the JSON with numpy)
    python tools/train_prosody_model.py            # writes src/tonesense/expression/models/prosody/prosody_model.json
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from tonesense.audio import load_audio
from tonesense.expression.acoustics import FEATURE_NAMES, span_features, track_frames
from tonesense.expression.prosody_model import (
    AROUSAL_HIGH,
    AROUSAL_LOW,
    EMODB_CLASSES,
    SpeakerBaseline,
)

ROOT = Path(__file__).resolve().parents[1]
EMODB = ROOT / ".." / "shared" / "data" / "speech_emotion" / "emodb_CC0"
OUT = ROOT / "src" / "tonesense" / "expression" / "models" / "prosody" / "prosody_model.json"
LAMBDAS = (0.01, 0.03, 0.1, 0.3, 1.0)


def load_features(folder: Path) -> tuple[np.ndarray, list[str], list[str]]:
    """Raw features [clips, F], emotion labels and speaker ids of every EmoDB clip."""
    with (folder / "labels.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    features = [span_features(track_frames(load_audio(folder / row["path"]).samples)) for row in rows]
    return np.stack(features), [row["emotion"] for row in rows], [row["speaker"] for row in rows]


def population_stats(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = np.nanmean(x, axis=0)
    std = np.nanstd(x, axis=0)
    return mean, np.where(std > 1e-6, std, 1.0)


def speaker_normalise(x: np.ndarray, speakers: list[str], prior: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """z-scores of each clip against its own speaker's clips (no labels used)."""
    z = np.zeros_like(x)
    for speaker in sorted(set(speakers)):
        rows = [i for i, s in enumerate(speakers) if s == speaker]
        baseline = SpeakerBaseline(prior[0], prior[1])
        for row in rows:
            baseline.update(x[row])
        z[rows] = np.stack([baseline.zscores(x[row]) for row in rows])
    return z


def fit_softmax(z: np.ndarray, y: np.ndarray, classes: int, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with an L2 penalty on the weights; returns (coef [K, F], intercept [K])."""
    n, f = z.shape
    onehot = np.eye(classes)[y]

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w = params[: classes * f].reshape(classes, f)
        b = params[classes * f :]
        logits = z @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.sum(onehot * np.log(p + 1e-12)) / n + lam * np.sum(w**2) / 2
        grad_logits = (p - onehot) / n
        grad_w = grad_logits.T @ z + lam * w
        return float(value), np.concatenate([grad_w.ravel(), grad_logits.sum(axis=0)])

    result = minimize(loss, np.zeros(classes * f + classes), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return result.x[: classes * f].reshape(classes, f), result.x[classes * f :]


def uar(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]))


def loso(z: np.ndarray, y: np.ndarray, speakers: np.ndarray, classes: int, lam: float) -> float:
    """Leave-one-speaker-out UAR on EmoDB."""
    predictions = np.zeros_like(y)
    for speaker in np.unique(speakers):
        test = speakers == speaker
        coef, intercept = fit_softmax(z[~test], y[~test], classes, lam)
        predictions[test] = np.argmax(z[test] @ coef.T + intercept, axis=1)
    return uar(y, predictions)


def arousal_targets(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    keep = np.array([label in AROUSAL_HIGH or label in AROUSAL_LOW for label in labels])
    target = np.array([1 if label in AROUSAL_HIGH else 0 for label in labels])
    return keep, target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=EMODB)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    raw, labels, speakers = load_features(args.data)
    prior = population_stats(raw)
    z = speaker_normalise(raw, speakers, prior)
    spk = np.array(speakers)
    y = np.array([EMODB_CLASSES.index(label) for label in labels])
    keep, arousal = arousal_targets(labels)
    scores = {lam: loso(z, y, spk, len(EMODB_CLASSES), lam) for lam in LAMBDAS}
    lam = max(scores, key=lambda k: scores[k])
    arousal_scores = {a: loso(z[keep], arousal[keep], spk[keep], 2, a) for a in LAMBDAS}
    lam_arousal = max(arousal_scores, key=lambda k: arousal_scores[k])
    print(f"EmoDB leave-one-speaker-out 7-class UAR by lambda: {scores} -> {lam}")
    print(f"EmoDB leave-one-speaker-out arousal UAR by lambda: {arousal_scores} -> {lam_arousal}")
    coef, intercept = fit_softmax(z, y, len(EMODB_CLASSES), lam)
    a_coef, a_intercept = fit_softmax(z[keep], arousal[keep], 2, lam_arousal)
    model: dict[str, Any] = {
        "format": "tonesense-prosody-linear-v1",
        "feature_names": list(FEATURE_NAMES),
        "population_mean": prior[0].tolist(),
        "population_std": prior[1].tolist(),
        "classes": list(EMODB_CLASSES),
        "class_coef": coef.tolist(),
        "class_intercept": intercept.tolist(),
        "arousal_coef": (a_coef[1] - a_coef[0]).tolist(),
        "arousal_intercept": float(a_intercept[1] - a_intercept[0]),
        "training": {
            "data": "EmoDB (CC0 1.0, audEERING packaging), 535 clips, 10 speakers (shared/data/speech_emotion)",
            "lambda": lam,
            "lambda_arousal": lam_arousal,
            "loso_uar_7class": round(scores[lam], 4),
            "loso_uar_arousal": round(arousal_scores[lam_arousal], 4),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
