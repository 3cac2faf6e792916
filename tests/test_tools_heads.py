"""tools/language_heads.py: the heads' shared low-rank first layer and its ONNX export."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")  # language_heads trains with torch (maintainers' tools)
pytest.importorskip("onnx")
from onnxruntime import InferenceSession

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from language_heads import export_heads_onnx, low_rank_first_layers

INPUTS = 12
HIDDEN = {"goemotions": 8, "xed": 4, "vad": 4}
OUTPUTS = {"goemotions": 28, "xed": 8, "vad": 3}


def _heads(first_layers: np.ndarray) -> dict[str, np.ndarray]:
    """Three heads whose first layers, side by side, are `first_layers` (INPUTS, 16); the rest random."""
    rng = np.random.default_rng(1)
    arrays = {
        "feature_mean": rng.standard_normal(INPUTS).astype(np.float32),
        "feature_std": (1.0 + rng.random(INPUTS)).astype(np.float32),
    }
    start = 0
    for name, hidden in HIDDEN.items():
        arrays[f"{name}_w1"] = first_layers[:, start : start + hidden].astype(np.float32)
        arrays[f"{name}_b1"] = rng.standard_normal(hidden).astype(np.float32)
        arrays[f"{name}_w2"] = rng.standard_normal((hidden, OUTPUTS[name])).astype(np.float32)
        arrays[f"{name}_b2"] = rng.standard_normal(OUTPUTS[name]).astype(np.float32)
        start += hidden
    return arrays


def _first_layers(arrays: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    x = x @ arrays["projection"] if "projection" in arrays else x
    return np.concatenate([x @ arrays[f"{name}_w1"] for name in HIDDEN], axis=1)


def _forward(arrays: dict[str, np.ndarray], features: np.ndarray) -> list[np.ndarray]:
    """What heads.onnx computes, in numpy: standardise, (project,) tanh-GELU MLP per head, V/A/D + 3."""
    x = (features - arrays["feature_mean"]) / arrays["feature_std"]
    x = x @ arrays["projection"] if "projection" in arrays else x
    outs = []
    for name in HIDDEN:
        h = x @ arrays[f"{name}_w1"] + arrays[f"{name}_b1"]
        h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
        outs.append(h @ arrays[f"{name}_w2"] + arrays[f"{name}_b2"] + (3.0 if name == "vad" else 0.0))
    return outs


def test_first_layers_of_that_rank_are_reproduced_exactly() -> None:
    rng = np.random.default_rng(0)
    stacked = rng.standard_normal((INPUTS, 3)) @ rng.standard_normal((3, 16))  # rank 3
    x = rng.standard_normal((200, INPUTS)).astype(np.float32)
    factored = low_rank_first_layers(_heads(stacked), x, rank=3)
    assert factored["projection"].shape == (INPUTS, 3)
    assert [factored[f"{name}_w1"].shape for name in HIDDEN] == [(3, 8), (3, 4), (3, 4)]
    np.testing.assert_allclose(_first_layers(factored, x), x @ stacked, atol=1e-4)


def test_a_lower_rank_keeps_the_best_approximation_on_the_rows() -> None:
    """Rank 2 of a full-rank layer: the error on the rows is the best any rank-2 product can reach (the
    pre-activations' third and later singular values), i.e. the projection is the principal one."""
    rng = np.random.default_rng(0)
    stacked = rng.standard_normal((INPUTS, 16))
    x = rng.standard_normal((300, INPUTS)).astype(np.float32)
    factored = low_rank_first_layers(_heads(stacked), x, rank=2)
    error = np.linalg.norm(_first_layers(factored, x) - x @ stacked)
    singular = np.linalg.svd(x.astype(np.float64) @ stacked, compute_uv=False)
    assert error == pytest.approx(np.sqrt((singular[2:] ** 2).sum()), rel=1e-4)


def test_factoring_is_deterministic_and_done_once() -> None:
    rng = np.random.default_rng(0)
    arrays, x = _heads(rng.standard_normal((INPUTS, 16))), rng.standard_normal((100, INPUTS)).astype(np.float32)
    first, second = low_rank_first_layers(arrays, x, rank=4), low_rank_first_layers(arrays, x, rank=4)
    assert all(np.array_equal(first[key], second[key]) for key in first)
    assert low_rank_first_layers(first, x, rank=2) is first


@pytest.mark.parametrize("factored", [False, True])
def test_exported_graph_computes_the_heads(tmp_path: Path, factored: bool) -> None:
    rng = np.random.default_rng(0)
    arrays = _heads(rng.standard_normal((INPUTS, 16)))
    features = rng.standard_normal((5, INPUTS)).astype(np.float32)
    if factored:
        arrays = low_rank_first_layers(arrays, features, rank=4)
    path = tmp_path / "heads.onnx"
    export_heads_onnx(arrays, path)
    got = InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        ["goemotions", "xed", "vad"], {"features": features}
    )
    for actual, expected in zip(got, _forward(arrays, features), strict=True):
        np.testing.assert_allclose(actual, expected, rtol=1e-4, atol=1e-4)
