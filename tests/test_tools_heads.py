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
from language_heads import export_heads_onnx, low_rank_first_layers, prune_hidden_units

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


def _pruning_setup() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Factored heads and standardised rows; the GoEmotions head's units 1, 4 and 6 carry all of its output."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((400, INPUTS)).astype(np.float32)
    arrays = low_rank_first_layers(_heads(rng.standard_normal((INPUTS, 16))), x, rank=6)
    silent = np.setdiff1d(np.arange(HIDDEN["goemotions"]), [1, 4, 6])
    arrays["goemotions_w2"][silent] = 0.0
    return arrays, x


def _outputs(arrays: dict[str, np.ndarray], x: np.ndarray, name: str) -> np.ndarray:
    h = x @ arrays["projection"] @ arrays[f"{name}_w1"] + arrays[f"{name}_b1"]
    h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
    return np.asarray(h @ arrays[f"{name}_w2"] + arrays[f"{name}_b2"])


def test_pruning_keeps_the_units_that_carry_the_output_and_reproduces_it() -> None:
    arrays, x = _pruning_setup()
    pruned = prune_hidden_units(arrays, x, {"goemotions": 3})
    assert pruned["goemotions_b1"].tolist() == arrays["goemotions_b1"][[1, 4, 6]].tolist()
    assert pruned["goemotions_w1"].shape == (6, 3)
    # only the small ridge term separates the refit from the exact answer
    full = _outputs(arrays, x, "goemotions")
    assert np.abs(_outputs(pruned, x, "goemotions") - full).max() < 0.01 * np.abs(full).max()
    for name in ("xed", "vad"):  # heads not named are left as they are
        assert pruned[f"{name}_w2"] is arrays[f"{name}_w2"]


def test_the_refit_output_layer_beats_the_kept_units_own_weights() -> None:
    arrays, x = _pruning_setup()
    full = _outputs(arrays, x, "xed")
    pruned = prune_hidden_units(arrays, x, {"xed": 2})
    kept = [int(np.flatnonzero(arrays["xed_b1"] == b)[0]) for b in pruned["xed_b1"]]
    naive = dict(arrays, xed_w1=arrays["xed_w1"][:, kept], xed_b1=arrays["xed_b1"][kept])
    naive["xed_w2"] = arrays["xed_w2"][kept]
    # least squares: the refit's squared error on the rows is below that of the kept units' own weights
    refit_error = np.square(_outputs(pruned, x, "xed") - full).mean()
    assert refit_error < 0.9 * np.square(_outputs(naive, x, "xed") - full).mean()


def test_heads_already_that_narrow_are_left_alone() -> None:
    arrays, x = _pruning_setup()
    pruned = prune_hidden_units(arrays, x, {"goemotions": 8, "xed": 4, "vad": 10})
    assert all(pruned[key] is value for key, value in arrays.items())


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
