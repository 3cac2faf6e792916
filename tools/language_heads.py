"""Train the small heads that read the frozen encoder's features and nade's emoji log-probabilities
(`tonesense.expression.language_heads.head_inputs`): GoEmotions (28), XED (8), EmoBank V/A/D.

Each head is a one-hidden-layer MLP (tanh-GELU) on standardised features; for each of 5 seeds the epoch with
the best DEV score is kept (GoEmotions macro-F1 at per-label best thresholds, XED macro-F1, EmoBank mean
Pearson r; training stops after 2 epochs without improvement), and the 5 are merged into one wider MLP whose
output is their average. The three merged first layers are then factored through one shared projection to 384
values (`low_rank_first_layers`), which cuts the weights a text reads from 8.6 M to 2.6 M without refitting.
Writes the arrays to `build/language/heads.npz` and the same MLPs as one ONNX graph, `heads.onnx`, next to the
encoder (onnxruntime runs it with the encoder's thread settings).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

__all__ = ["export_heads_onnx", "fit_heads", "low_rank_first_layers", "prune_hidden_units", "write_heads"]

logger = logging.getLogger("train_language_model")
_PATIENCE = 2  # epochs without a better DEV score before stopping
_SEEDS = 5  # ensemble members per head, merged into one wider MLP
_RANK = 384  # width of the projection the heads' first layers share (`low_rank_first_layers`)
_RANK_ROWS = 20000  # training rows whose pre-activations choose that projection
_KEEP = {"goemotions": 1024, "xed": 640, "vad": 640}  # hidden units each head keeps (`prune_hidden_units`)
_RIDGE = 1e-3  # ridge of the output refit, relative to the mean diagonal of its normal equations


# name, label column in the examples, outputs, task, hidden units per member, most epochs
_HEADS: tuple[tuple[str, int, int, str, int, int], ...] = (
    ("goemotions", 1, 28, "multilabel", 512, 8),
    ("xed", 2, 8, "multilabel", 256, 8),
    ("vad", 3, 3, "regression", 256, 10),
)


def _mlp(inputs: int, hidden: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Dropout(0.1), nn.Linear(inputs, hidden), nn.GELU(approximate="tanh"), nn.Dropout(0.3),
        nn.Linear(hidden, outputs),
    )  # fmt: skip


def _best_f1(scores: np.ndarray, truth: np.ndarray) -> float:
    """Mean over labels of the best F1 any threshold reaches (dev model selection only)."""
    f1s = []
    for j in range(truth.shape[1]):
        best = 0.0
        for t in np.linspace(0.02, 0.9, 45):
            pred = scores[:, j] >= t
            tp = float((pred & (truth[:, j] > 0)).sum())
            denom = float(pred.sum() + (truth[:, j] > 0).sum())
            best = max(best, 2 * tp / denom if denom else 0.0)
        f1s.append(best)
    return float(np.mean(f1s))


def _pearson_mean(pred: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([np.corrcoef(pred[:, j], truth[:, j])[0, 1] for j in range(truth.shape[1])]))


def _fit(
    name: str, x: dict[str, np.ndarray], y: dict[str, np.ndarray], kind: str, hidden: int, epochs: int, seed: int
) -> dict[str, np.ndarray]:
    torch.manual_seed(seed)
    model = _mlp(x["train"].shape[1], hidden, y["train"].shape[1])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    xt, yt = torch.from_numpy(x["train"]), torch.from_numpy(y["train"])
    loss_fn: Any = nn.BCEWithLogitsLoss() if kind == "multilabel" else nn.MSELoss()
    best, best_state, best_epoch = -1.0, None, 0
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        for batch in torch.randperm(len(xt), generator=generator).split(128):
            optimizer.zero_grad()
            loss_fn(model(xt[batch]), yt[batch]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            out = model(torch.from_numpy(x["dev"])).numpy()
        score = _best_f1(1 / (1 + np.exp(-out)), y["dev"]) if kind == "multilabel" else _pearson_mean(out, y["dev"])
        logger.info("%s epoch %d dev %.4f", name, epoch, score)
        if score > best:
            best, best_state, best_epoch = score, {k: v.clone() for k, v in model.state_dict().items()}, epoch
        elif epoch - best_epoch >= _PATIENCE:
            break
    assert best_state is not None
    logger.info("%s best dev %.4f", name, best)
    return {
        f"{name}_w1": best_state["1.weight"].numpy().T.copy(),
        f"{name}_b1": best_state["1.bias"].numpy(),
        f"{name}_w2": best_state["4.weight"].numpy().T.copy(),
        f"{name}_b2": best_state["4.bias"].numpy(),
    }


def _ensemble(name: str, members: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Average of K MLPs as one MLP: hidden layers side by side, output weights divided by K."""
    k = len(members)
    return {
        f"{name}_w1": np.concatenate([m[f"{name}_w1"] for m in members], axis=1),
        f"{name}_b1": np.concatenate([m[f"{name}_b1"] for m in members]),
        f"{name}_w2": np.concatenate([m[f"{name}_w2"] for m in members], axis=0) / k,
        f"{name}_b2": np.mean([m[f"{name}_b2"] for m in members], axis=0),
    }


def _log_ensemble(name: str, arrays: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, kind: str) -> None:
    if "projection" in arrays:
        x = x @ arrays["projection"]
    hidden = x @ arrays[f"{name}_w1"] + arrays[f"{name}_b1"]
    hidden = 0.5 * hidden * (1.0 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden**3)))
    out = hidden @ arrays[f"{name}_w2"] + arrays[f"{name}_b2"]
    score = _best_f1(1 / (1 + np.exp(-out)), y) if kind == "multilabel" else _pearson_mean(out, y)
    shared = " through the shared projection" if "projection" in arrays else ""
    logger.info("%s ensemble of %d%s: dev %.4f", name, _SEEDS, shared, score)


def _targets(rows: list[Any], column: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    index = np.array([i for i, row in enumerate(rows) if row[column] is not None])
    target = np.zeros((len(index), width), dtype=np.float32)
    for j, i in enumerate(index):
        if column == 3:
            target[j] = rows[i][3]
        else:
            target[j, rows[i][column]] = 1.0
    return index, target


def fit_heads(work_dir: Path, out_dir: Path, examples: dict[str, list[Any]], threads: int) -> None:
    """Fit the three heads on cached features, factor their first layers (`low_rank_first_layers`; DEV is logged
    again through the projection, in float32) and write `heads.onnx` into `out_dir` (arrays kept in `work_dir`)."""
    torch.set_num_threads(threads)
    from tonesense.expression.language_heads import head_inputs

    raw = {
        split: head_inputs(np.load(work_dir / f"features_{split}.npy"), np.load(work_dir / f"emoji_{split}.npy"))
        for split in ("train", "dev")
    }
    mean, std = raw["train"].mean(0), raw["train"].std(0) + 1e-6
    feats = {split: ((m - mean) / std).astype(np.float32) for split, m in raw.items()}
    arrays: dict[str, np.ndarray] = {"feature_mean": mean.astype(np.float32), "feature_std": std.astype(np.float32)}
    for name, column, width, kind, hidden, epochs in _HEADS:
        x, y = {}, {}
        for split in ("train", "dev"):
            index, y[split] = _targets(examples[split], column, width)
            x[split] = feats[split][index]
        if kind == "regression":
            y = {s: (v - 3.0).astype(np.float32) for s, v in y.items()}
        members = [_fit(name, x, y, kind, hidden, epochs, seed) for seed in range(_SEEDS)]
        arrays |= _ensemble(name, members)
        _log_ensemble(name, arrays, x["dev"], y["dev"], kind)
    arrays = prune_hidden_units(low_rank_first_layers(arrays, feats["train"]), feats["train"])
    for name, column, width, kind, *_ in _HEADS:
        index, target = _targets(examples["dev"], column, width)
        _log_ensemble(name, arrays, feats["dev"][index], target - 3.0 if kind == "regression" else target, kind)
    np.savez(work_dir / "heads.npz", **arrays)
    write_heads(arrays, work_dir, out_dir)


def low_rank_first_layers(
    arrays: dict[str, np.ndarray], x_train: np.ndarray, rank: int = _RANK
) -> dict[str, np.ndarray]:
    """The heads' first layers (1687 inputs to 2560 + 1280 + 1280 hidden units) as one shared projection to
    `rank` values followed by a small expansion per head: W ~ (W V)(V^T), where V holds the top `rank`
    principal directions of the pre-activations x W on `_RANK_ROWS` training rows (the rank-`rank` product
    closest to x W on those rows). The 15 ensemble members read the same features and learn much the same
    directions: 384 directions keep about 99 % of the pre-activations' energy (v6 98.8 %, v7 99.0 %), and the
    weights a text reads drop from 8.6 M to 2.6 M. Arrays that already have a projection are returned unchanged.
    (The products here run on numpy's BLAS, which picks its own thread count; `--threads` does not limit them.)
    """
    if "projection" in arrays:
        return arrays
    names = [name for name, *_ in _HEADS]
    stacked = np.concatenate([arrays[f"{name}_w1"] for name in names], axis=1).astype(np.float64)
    if not 0 < rank <= min(stacked.shape):
        raise ValueError(f"rank must be between 1 and {min(stacked.shape)}, got {rank}")
    rows = np.random.default_rng(0).choice(len(x_train), min(_RANK_ROWS, len(x_train)), replace=False)
    pre = x_train[np.sort(rows)].astype(np.float64) @ stacked
    energy, vectors = np.linalg.eigh(pre.T @ pre)
    order = np.argsort(energy)[::-1][:rank]
    basis = vectors[:, order]
    basis *= np.sign(basis[np.abs(basis).argmax(axis=0), np.arange(rank)])  # one fixed sign per direction
    logger.info("shared first-layer projection: %d directions keep %.4f of the pre-activation energy",
                rank, energy[order].sum() / energy.sum())  # fmt: skip
    out = {key: value for key, value in arrays.items() if not key.endswith("_w1")}
    out["projection"] = (stacked @ basis).astype(np.float32)
    start = 0
    for name in names:
        width = arrays[f"{name}_w1"].shape[1]
        out[f"{name}_w1"] = basis[start : start + width].T.astype(np.float32).copy()
        start += width
    return out


def _gelu(h: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3))))


def prune_hidden_units(
    arrays: dict[str, np.ndarray], x_train: np.ndarray, keep: dict[str, int] | None = None
) -> dict[str, np.ndarray]:
    """Each head keeps its `keep[name]` hidden units that move its outputs most, and its output layer is refit
    to reproduce the whole head on the training rows.

    A unit's weight is the spread of its activation over the training rows times the norm of its output
    weights. The kept units' output weights and the output bias are then the ridge least-squares fit of the
    full head's outputs (logits, or V/A/D) from their activations on every training row: the ensemble's
    members learned overlapping units, so a subset plus a refit carries nearly all of it. After the shared
    projection the expansions (2560 + 1280 + 1280 units) are most of the weights a text reads; keeping
    1024 + 640 + 640 cuts those from 2.0 M to 0.9 M. Arrays whose heads are already that narrow come back as
    they are. Needs the shared projection (`low_rank_first_layers`) first.
    """
    keep = keep or _KEEP
    out = dict(arrays)
    projected = x_train.astype(np.float64) @ arrays["projection"]
    for name, units in keep.items():
        w1, b1, w2, b2 = (arrays[f"{name}_{part}"].astype(np.float64) for part in ("w1", "b1", "w2", "b2"))
        if units >= len(b1):
            continue
        hidden = _gelu(projected @ w1 + b1)
        target = hidden @ w2 + b2
        weight = hidden.std(axis=0) * np.linalg.norm(w2, axis=1)
        kept = np.sort(np.argsort(-weight, kind="stable")[:units])
        design = np.concatenate([hidden[:, kept], np.ones((len(hidden), 1))], axis=1)
        gram = design.T @ design
        gram[np.diag_indices_from(gram)] += _RIDGE * np.trace(gram) / len(gram)
        solution = np.linalg.solve(gram, design.T @ target)
        change = np.abs(design @ solution - target).mean()
        logger.info("%s: %d of %d hidden units kept, outputs refit (mean change %.4f)", name, units, len(b1), change)
        out[f"{name}_w1"] = w1[:, kept].astype(np.float32)
        out[f"{name}_b1"] = b1[kept].astype(np.float32)
        out[f"{name}_w2"] = solution[:-1].astype(np.float32)
        out[f"{name}_b2"] = solution[-1].astype(np.float32)
    return out


def write_heads(arrays: dict[str, np.ndarray], work_dir: Path, out_dir: Path) -> None:
    """The heads as float32 ONNX (`work_dir/heads.fp32.onnx`), then int8 weights with per-text activation
    quantisation in batches (`language_row_quant`) -> `out_dir/heads.onnx`.

    Dynamic int8 (per channel) cuts the weights read per call to a quarter (35 MB float32 to 8.8 MB with the
    1687 inputs before the shared projection, 2.8 MB with it). Without the projection the int8 logits moved by
    at most about 0.1 from float32; with it, GoEmotions DEV macro-F1 is the same through the int8 graph as in
    float32 (0.5154 vs 0.5144, v6).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from language_row_quant import write_per_text

    export_heads_onnx(arrays, work_dir / "heads.fp32.onnx")
    int8 = work_dir / "heads.int8.onnx"
    quantize_dynamic(  # 7-bit weights: exact on every CPU (see export_encoder in train_language_model.py)
        str(work_dir / "heads.fp32.onnx"), str(int8), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True
    )
    write_per_text(int8, out_dir / "heads.onnx", batch_input="features")
    logger.info("wrote %s", out_dir / "heads.onnx")


def export_heads_onnx(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write the three heads as one ONNX graph (features -> goemotions, xed, vad), run by onnxruntime."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = (
        [],
        [
            numpy_helper.from_array(arrays["feature_mean"], "mean"),
            numpy_helper.from_array(arrays["feature_std"], "std"),
        ],
    )
    nodes += [
        helper.make_node("Sub", ["features", "mean"], ["centred"]),
        helper.make_node("Div", ["centred", "std"], ["x"]),
    ]
    for name, value in (("c3", 0.044715), ("ck", 0.7978845608), ("one", 1.0), ("half", 0.5), ("three", 3.0)):
        inits.append(numpy_helper.from_array(np.array(value, dtype=np.float32), name))
    if "projection" in arrays:
        inits.append(numpy_helper.from_array(arrays["projection"].astype(np.float32), "projection"))
        nodes.append(helper.make_node("MatMul", ["x", "projection"], ["projected"]))
    first = "projected" if "projection" in arrays else "x"
    outputs = []
    for head in ("goemotions", "xed", "vad"):
        for part in ("w1", "b1", "w2", "b2"):
            inits.append(numpy_helper.from_array(arrays[f"{head}_{part}"].astype(np.float32), f"{head}_{part}"))
        h = f"{head}_"
        nodes += [
            helper.make_node("MatMul", [first, f"{head}_w1"], [h + "m"]),
            helper.make_node("Add", [h + "m", f"{head}_b1"], [h + "a"]),
            helper.make_node("Pow", [h + "a", "three"], [h + "cube"]),
            helper.make_node("Mul", [h + "cube", "c3"], [h + "c"]),
            helper.make_node("Add", [h + "a", h + "c"], [h + "inner"]),
            helper.make_node("Mul", [h + "inner", "ck"], [h + "scaled"]),
            helper.make_node("Tanh", [h + "scaled"], [h + "t"]),
            helper.make_node("Add", [h + "t", "one"], [h + "t1"]),
            helper.make_node("Mul", [h + "a", h + "t1"], [h + "g0"]),
            helper.make_node("Mul", [h + "g0", "half"], [h + "g"]),
            helper.make_node("MatMul", [h + "g", f"{head}_w2"], [h + "o"]),
            helper.make_node("Add", [h + "o", f"{head}_b2"], [head if head != "vad" else "vad_offset"]),
        ]
        width = arrays[f"{head}_b2"].shape[0]
        outputs.append(helper.make_tensor_value_info(head, TensorProto.FLOAT, ["batch", width]))
    inits.append(numpy_helper.from_array(np.array(3.0, dtype=np.float32), "vad_centre"))
    nodes.append(helper.make_node("Add", ["vad_offset", "vad_centre"], ["vad"]))
    width = int(arrays["feature_mean"].shape[0])
    graph = helper.make_graph(
        nodes, "tonesense_language_heads",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", width])], outputs, inits,
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
