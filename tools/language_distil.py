"""Distil all-MiniLM-L6-v2 into the smaller encoder the language model ships (`train_language_model --stage distil`).

Phase 1 (wide): the student keeps the teacher's embeddings and 4 of its 6 layers (0, 2, 4 and 5: every other
layer, as DistilBERT starts its student, plus the last) and learns, on the training texts of GoEmotions, XED and
EmoBank, two things at once:
- to reproduce the teacher's pooled features (mean of layers 6, 3 and 5 and max of layer 6, float32 teacher),
  measured as squared error on features standardised per value, so the sentence-embedding space the descriptor
  prototypes live in stays the teacher's;
- the three corpora's labels through linear heads on those features (GoEmotions and XED BCE, EmoBank MSE), so
  the layers it keeps also learn what the heads will be asked to read.
Phase 2 (narrow, since v7): each layer's feed-forward block keeps the FFN_KEPT of its 1536 units that add the
most to the layer's output on training text (`feed_forward_importance`), and the same training runs again with
fresh linear heads and optimiser state. The feed-forward blocks are two thirds of the encoder's multiply-adds.
The linear heads are thrown away; the MLP heads are fitted afterwards on the student's int8 features, as before.

Word embeddings stay frozen (they are most of the parameters and the optimiser's cost). Deterministic for a
given machine, thread count and torch version: fixed seeds, a fixed batch order, dropout off.

Each label loss is averaged over the rows of its corpus in the batch, and batches group texts of similar length,
so a batch with a single XED row weighs that row like a whole batch of them: noisy, but what v5 was trained with.

Files in `work_dir`: `teacher_{train,dev}.npz` (the teacher's features, keyed by a hash of the token ids and the
teacher's encoder weights), `student.wide.epochN.pt` and `student.narrow.epochN.pt` after each epoch,
`student.wide.pt` (the finished phase 1; `--stage narrow` starts from it) and `student.pt` (the finished student
with its layout, written once at the end; what `--stage export` reads).
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from language_torch_model import FFN, N_GOEMOTIONS, N_VAD, N_XED, EmotionModel

__all__ = [
    "FFN_KEPT",
    "KEEP",
    "TAPS",
    "distil",
    "feed_forward_importance",
    "fidelity",
    "load_student",
    "lr_factor",
    "narrow_feed_forward",
    "student_from_teacher",
    "teacher_features",
]

logger = logging.getLogger("train_language_model")

KEEP = (0, 2, 4, 5)  # teacher layers the student starts from
TAPS = (1, 2)  # student layers standing for the teacher's layers 3 and 5
_BATCH, _EPOCHS, _LR, _WARMUP, _SEED = 64, 3, 1e-4, 200, 0
FFN_KEPT = 1024  # feed-forward units per layer after narrowing (the teacher's layers have 1536)
_NARROW_EPOCHS, _NARROW_LR = 3, 1e-4  # training after narrowing: the first phase's schedule again
_IMPORTANCE_TEXTS = 4096  # training texts that rank the feed-forward units
_LABEL_HEADS = ("goemotions", "xed", "vad")  # EmotionModel's linear heads; `encode` does not use them
Example = tuple[str, Sequence[int] | None, Sequence[int] | None, Sequence[float] | None]
if tuple(KEEP[t] for t in TAPS) != EmotionModel().taps:
    raise RuntimeError("TAPS must pick the student layers that start from the teacher's tapped layers")


def empty_student(ffn: int = FFN) -> EmotionModel:
    """The student's layout, without weights (`ffn` feed-forward units per layer)."""
    return EmotionModel(layers=len(KEEP), taps=TAPS, ffn=ffn)


def student_from_teacher(teacher: EmotionModel) -> EmotionModel:
    """A 4-layer EmotionModel initialised from `teacher`'s embeddings and the layers in KEEP."""
    student = empty_student()
    state = {k: v for k, v in teacher.state_dict().items() if not k.startswith("layers.")}
    for new, old in enumerate(KEEP):
        prefix = f"layers.{old}."
        state |= {
            f"layers.{new}.{k[len(prefix) :]}": v for k, v in teacher.state_dict().items() if k.startswith(prefix)
        }
    student.load_state_dict(state)
    for head in (student.goemotions, student.xed, student.vad):  # unused by `encode`: zero, not the teacher's
        nn.init.zeros_(head.weight)
        nn.init.zeros_(head.bias)
    return student


def feed_forward_importance(student: EmotionModel, token_ids: Sequence[Sequence[int]]) -> list[torch.Tensor]:
    """Per layer, each feed-forward unit's importance on `token_ids`: |GELU(its input)| summed over the real
    tokens (padding left out) times the norm of its output weights, i.e. how much it adds to the layer's output
    (a sum rather than a mean over tokens: the ranking is the same). float64, one tensor per layer."""
    totals = [torch.zeros(layer.ffn_in.out_features, dtype=torch.float64) for layer in student.layers]
    mask = torch.zeros(0)  # the current batch's attention mask, read by the hooks

    def recorder(index: int) -> Any:
        def hook(_module: nn.Module, _inputs: Any, output: torch.Tensor) -> None:
            active = nn.functional.gelu(output).abs() * mask[:, :, None]
            totals[index] += active.sum(dim=(0, 1)).double()

        return hook

    hooks = [layer.ffn_in.register_forward_hook(recorder(i)) for i, layer in enumerate(student.layers)]
    training = student.training
    try:
        student.eval()
        with torch.inference_mode():
            for batch in _batches(token_ids, 128, shuffle=None):
                ids, mask = _padded(token_ids, batch)
                student.encode(ids, mask)
    finally:
        for hook in hooks:
            hook.remove()
        student.train(training)
    norms = [layer.ffn_out.weight.detach().norm(dim=0).double() for layer in student.layers]
    return [total * norm for total, norm in zip(totals, norms, strict=True)]


def narrow_feed_forward(student: EmotionModel, token_ids: Sequence[Sequence[int]], width: int) -> EmotionModel:
    """A copy of `student` whose layers keep only the `width` feed-forward units of highest
    `feed_forward_importance` on `token_ids` (every k-th text, at most `_IMPORTANCE_TEXTS`). Kept units keep their
    order; everything else is copied unchanged, and the copy is in the same train/eval mode."""
    rows = list(token_ids[:: max(1, math.ceil(len(token_ids) / _IMPORTANCE_TEXTS))])
    importance = feed_forward_importance(student, rows)
    narrow = empty_student(width)
    state = dict(student.state_dict())
    for index, weight in enumerate(importance):
        keep = torch.topk(weight, width).indices.sort().values
        prefix = f"layers.{index}."
        state[prefix + "ffn_in.weight"] = state[prefix + "ffn_in.weight"][keep]
        state[prefix + "ffn_in.bias"] = state[prefix + "ffn_in.bias"][keep]
        state[prefix + "ffn_out.weight"] = state[prefix + "ffn_out.weight"][:, keep]
    narrow.load_state_dict(state)
    return narrow.train(student.training)


def load_student(path: Path) -> EmotionModel:
    """A finished student written by `distil` (`student.pt`, or the wide `student.wide.pt`), checked against this
    module's layout (KEEP, TAPS); its feed-forward width is read from the file."""
    saved = torch.load(path, weights_only=True)
    if not isinstance(saved, dict) or "state" not in saved:
        raise ValueError(f"{path} is not a finished student (re-run --stage distil)")
    if tuple(saved["keep"]) != KEEP or tuple(saved["taps"]) != TAPS:
        raise ValueError(f"{path} has layers {saved['keep']} and taps {saved['taps']}, expected {KEEP} and {TAPS}")
    student = empty_student(int(saved.get("ffn", FFN)))
    student.load_state_dict(saved["state"])
    return student.eval()


def _save(student: EmotionModel, epochs: int, path: Path) -> None:
    """Write a finished student atomically (export never sees a half-written file)."""
    finished = {
        "keep": list(KEEP),
        "taps": list(TAPS),
        "ffn": student.layers[0].ffn_in.out_features,
        "epochs": epochs,
        "state": student.state_dict(),
    }
    partial = path.with_name(path.name + ".partial")
    torch.save(finished, partial)
    partial.replace(path)


def lr_factor(step: int, steps: int, warmup: int) -> float:
    """Learning-rate multiplier: linear warm-up over `warmup` steps to 1, then linear decay to 0 at `steps`."""
    return min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup)))


def teacher_features(teacher: EmotionModel, token_ids: Sequence[Sequence[int]], cache: Path) -> np.ndarray:
    """The float32 teacher's pooled features for every text, (n, 1536), kept in `cache` (.npz) for the next run.

    The cache is used only if it was made from the same token ids by a teacher with the same weights.
    """
    key = _cache_key(teacher, token_ids)
    if cache.is_file():
        with np.load(cache) as saved:
            if str(saved["key"]) == key:
                return np.asarray(saved["features"])
    teacher.eval()
    out = np.zeros((len(token_ids), 4 * 384), dtype=np.float32)
    started = time.monotonic()
    with torch.inference_mode():
        for batch in _batches(token_ids, 128, shuffle=None):
            ids, mask = _padded(token_ids, batch)
            out[batch] = teacher.encode(ids, mask).numpy()
    logger.info("teacher features for %d texts in %.0f s", len(token_ids), time.monotonic() - started)
    with cache.open("wb") as handle:  # a file object, so numpy does not append ".npz" to the name
        np.savez(handle, features=out, key=np.array(key))
    return out


def _cache_key(teacher: EmotionModel, token_ids: Sequence[Sequence[int]]) -> str:
    """A hash of the token ids and of the weights `encode` uses (not the label heads, which the teacher leaves at
    their random initialisation: keying on them made every run miss the cache)."""
    digest = hashlib.sha256()
    for ids in token_ids:
        digest.update(np.asarray(ids, dtype=np.int64).tobytes() + b"|")
    for name, tensor in teacher.state_dict().items():
        if name.split(".")[0] in _LABEL_HEADS:
            continue
        digest.update(name.encode() + tensor.detach().contiguous().numpy().tobytes())
    return digest.hexdigest()


def distil(
    teacher: EmotionModel,
    train: tuple[Sequence[Example], Sequence[Sequence[int]]],
    dev: tuple[Sequence[Example], Sequence[Sequence[int]]],
    work_dir: Path,
    wide: EmotionModel | None = None,
) -> EmotionModel:
    """Train the student on (examples, token ids) of the train split, report fidelity on DEV, return it.

    Two phases: the full-width student (`_EPOCHS` epochs, written to `student.wide.pt`; skipped when `wide` is
    given), then its feed-forward blocks narrowed to FFN_KEPT units (`narrow_feed_forward`) and trained on for
    `_NARROW_EPOCHS` more (`student.pt`, what `--stage export` reads).
    """
    run = _Run(teacher, train, dev, work_dir)
    if wide is None:
        # built after seeding (inside `train`): the new model's initialisation draws from the seeded generator
        wide = run.train(lambda: student_from_teacher(teacher), _EPOCHS, _LR, "wide")
        _save(wide, _EPOCHS, work_dir / "student.wide.pt")
    narrowed = narrow_feed_forward(wide, train[1], FFN_KEPT)
    narrow = run.train(lambda: narrowed, _NARROW_EPOCHS, _NARROW_LR, "narrow")
    _save(narrow, _EPOCHS + _NARROW_EPOCHS, work_dir / "student.pt")
    return narrow


class _Run:
    """What both phases of `distil` train against: the teacher's features, their scale, the labels."""

    def __init__(
        self,
        teacher: EmotionModel,
        train: tuple[Sequence[Example], Sequence[Sequence[int]]],
        dev: tuple[Sequence[Example], Sequence[Sequence[int]]],
        work_dir: Path,
    ) -> None:
        examples, self.token_ids = train
        self.dev_ids = dev[1]
        self.work_dir = work_dir
        self.targets = torch.from_numpy(teacher_features(teacher, self.token_ids, work_dir / "teacher_train.npz"))
        self.dev_targets = torch.from_numpy(teacher_features(teacher, dev[1], work_dir / "teacher_dev.npz"))
        self.centre, self.scale = self.targets.mean(0), self.targets.std(0).clamp(min=1e-4)
        self.ge, self.ge_rows = _labels(examples, 1, N_GOEMOTIONS)
        self.xed, self.xed_rows = _labels(examples, 2, N_XED)
        self.vad = torch.tensor(
            [list(e[3]) if e[3] is not None else [math.nan] * N_VAD for e in examples], dtype=torch.float32
        )
        self.teacher_layers = len(teacher.layers)

    def fidelity(self, student: EmotionModel) -> dict[str, float]:
        return fidelity(student, self.dev_ids, self.dev_targets, self.centre, self.scale)

    def train(self, start: Callable[[], EmotionModel], epochs: int, lr: float, name: str) -> EmotionModel:
        """`epochs` epochs of the distillation loss on the student `start()` returns (called right after seeding,
        then fresh linear label heads and optimiser state); `student.<name>.epochN.pt` after each epoch."""
        torch.manual_seed(_SEED)
        student = start()
        student.word.weight.requires_grad_(False)
        student.train()
        for module in student.modules():  # dropout off: the student should reproduce a deterministic function
            if isinstance(module, nn.Dropout):
                module.p = 0.0
        linear = nn.ModuleDict(
            {"ge": nn.Linear(4 * 384, N_GOEMOTIONS), "xed": nn.Linear(4 * 384, N_XED), "vad": nn.Linear(4 * 384, N_VAD)}
        )
        parameters = [p for p in [*student.parameters(), *linear.parameters()] if p.requires_grad]
        optimiser = torch.optim.AdamW(parameters, lr=lr, weight_decay=0.01)
        rng = random.Random(_SEED)
        steps = epochs * math.ceil(len(self.token_ids) / _BATCH)
        warmup = min(_WARMUP, max(1, steps // 10))
        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: lr_factor(step, steps, warmup))
        width = student.layers[0].ffn_in.out_features
        logger.info(
            "%s: distilling %d layers -> %d (%d feed-forward units) on %d texts, %d steps",
            name, self.teacher_layers, len(KEEP), width, len(self.token_ids), steps,
        )  # fmt: skip
        logger.info("DEV before: %s", _described(self.fidelity(student)))
        step, started = 0, time.monotonic()
        totals, logged = np.zeros(4), 0
        for epoch in range(epochs):
            for batch in _batches(self.token_ids, _BATCH, shuffle=rng):
                ids, mask = _padded(self.token_ids, batch)
                features = (student.encode(ids, mask) - self.centre) / self.scale
                index = torch.as_tensor(batch)
                losses = torch.stack(
                    [
                        ((features - (self.targets[index] - self.centre) / self.scale) ** 2).mean(),
                        _bce(linear["ge"](features), self.ge[index], self.ge_rows[index]),
                        _bce(linear["xed"](features), self.xed[index], self.xed_rows[index]),
                        _vad_mse(3.0 + linear["vad"](features), self.vad[index]),
                    ]
                )
                optimiser.zero_grad()
                (losses[0] + losses[1] + losses[2] + 0.1 * losses[3]).backward()
                optimiser.step()
                schedule.step()
                totals += losses.detach().numpy()
                step, logged = step + 1, logged + 1
                if step % 200 == 0:
                    logger.info(
                        "step %d/%d (%.0f s): feature mse %.4f, ge %.4f, xed %.4f, vad %.4f",
                        step, steps, time.monotonic() - started, *(totals / logged),
                    )  # fmt: skip
                    totals, logged = np.zeros(4), 0
            logger.info("%s epoch %d DEV: %s", name, epoch + 1, _described(self.fidelity(student)))
            torch.save(student.state_dict(), self.work_dir / f"student.{name}.epoch{epoch + 1}.pt")
        student.eval()
        return student


def _labels(examples: Sequence[Example], field: int, width: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Multi-hot labels (n, width) and whether each row has labels of this corpus (n,)."""
    labels = torch.zeros((len(examples), width))
    present = torch.zeros(len(examples), dtype=torch.bool)
    for row, example in enumerate(examples):
        if example[field] is not None:
            present[row] = True
            labels[row, list(example[field])] = 1.0
    return labels, present


def _bce(logits: torch.Tensor, labels: torch.Tensor, rows: torch.Tensor) -> torch.Tensor:
    if not rows.any():
        return logits.sum() * 0.0
    return nn.functional.binary_cross_entropy_with_logits(logits[rows], labels[rows])


def _vad_mse(predicted: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    rows = ~torch.isnan(target[:, 0])
    if not rows.any():
        return predicted.sum() * 0.0
    return ((predicted[rows] - target[rows]) ** 2).mean()


def fidelity(
    student: EmotionModel,
    token_ids: Sequence[Sequence[int]],
    targets: torch.Tensor,
    centre: torch.Tensor,
    scale: torch.Tensor,
) -> dict[str, float]:
    """How close the student is to the teacher's `targets` on at most 3000 of `token_ids` (evenly spaced): squared
    error of the standardised features, and cosine of the sentence embeddings (mean and minimum)."""
    rows = list(range(0, len(token_ids), max(1, math.ceil(len(token_ids) / 3000))))
    subset = [token_ids[i] for i in rows]
    out = torch.zeros((len(rows), targets.shape[1]))
    with torch.inference_mode():
        for batch in _batches(subset, 128, shuffle=None):
            ids, mask = _padded(subset, batch)
            out[batch] = student.encode(ids, mask)
    target = targets[rows]
    mse = (((out - target) / scale) ** 2).mean().item()
    cosine = nn.functional.cosine_similarity(out[:, :384], target[:, :384]).numpy()
    return {"feature_mse": mse, "cosine_mean": float(cosine.mean()), "cosine_min": float(cosine.min())}


def _described(figures: dict[str, float]) -> str:
    return (
        f"feature mse {figures['feature_mse']:.4f}, embedding cosine mean {figures['cosine_mean']:.4f} "
        f"min {figures['cosine_min']:.4f}"
    )


def _batches(token_ids: Sequence[Sequence[int]], size: int, shuffle: random.Random | None) -> list[list[int]]:
    """Batches of texts of similar length (little padding); with `shuffle`, in random order with jitter."""
    lengths = [len(ids) + (shuffle.random() if shuffle else 0.0) for ids in token_ids]
    order = sorted(range(len(token_ids)), key=lambda i: lengths[i])
    batches = [order[start : start + size] for start in range(0, len(order), size)]
    if shuffle is not None:
        shuffle.shuffle(batches)
    return batches


def _padded(token_ids: Sequence[Sequence[int]], batch: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(len(token_ids[i]) for i in batch)
    ids = torch.zeros((len(batch), length), dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.long)
    for row, index in enumerate(batch):
        ids[row, : len(token_ids[index])] = torch.as_tensor(token_ids[index])
        mask[row, : len(token_ids[index])] = 1
    return ids, mask
