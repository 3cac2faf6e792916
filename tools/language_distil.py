"""Distil all-MiniLM-L6-v2 into the shallower encoder the language model ships (`train_language_model --stage distil`).

The student keeps the teacher's embeddings and 4 of its 6 layers (0, 2, 4 and 5, every other layer plus the last,
as DistilBERT does) and learns, on the training texts of GoEmotions, XED and EmoBank, two things at once:
- to reproduce the teacher's pooled features (mean of layers 6, 3 and 5 and max of layer 6, float32 teacher),
  measured as squared error on features standardised per value, so the sentence-embedding space the descriptor
  prototypes live in stays the teacher's;
- the three corpora's labels through linear heads on those features (GoEmotions and XED BCE, EmoBank MSE), so
  the layers it keeps also learn what the heads will be asked to read.
The linear heads are thrown away; the MLP heads are fitted afterwards on the student's int8 features, as before.

Word embeddings stay frozen (they are most of the parameters and the optimiser's cost). Deterministic for a
given machine: fixed seeds, a fixed batch order, dropout off.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from language_torch_model import N_GOEMOTIONS, N_VAD, N_XED, EmotionModel

__all__ = ["KEEP", "TAPS", "distil", "fidelity", "student_from_teacher", "teacher_features"]

logger = logging.getLogger("train_language_model")

KEEP = (0, 2, 4, 5)  # teacher layers the student starts from
TAPS = (1, 2)  # student layers standing for the teacher's layers 3 and 5
_BATCH, _EPOCHS, _LR, _WARMUP, _SEED = 64, 3, 1e-4, 200, 0
Example = tuple[str, Sequence[int] | None, Sequence[int] | None, Sequence[float] | None]


def student_from_teacher(teacher: EmotionModel) -> EmotionModel:
    """A 4-layer EmotionModel initialised from `teacher`'s embeddings and the layers in KEEP."""
    student = EmotionModel(layers=len(KEEP), taps=TAPS)
    state = {k: v for k, v in teacher.state_dict().items() if not k.startswith("layers.")}
    for new, old in enumerate(KEEP):
        prefix = f"layers.{old}."
        state |= {
            f"layers.{new}.{k[len(prefix) :]}": v for k, v in teacher.state_dict().items() if k.startswith(prefix)
        }
    student.load_state_dict(state)
    for head in (student.goemotions, student.xed, student.vad):  # unused by `encode`; zeroed so files are reproducible
        nn.init.zeros_(head.weight)
        nn.init.zeros_(head.bias)
    return student


def teacher_features(teacher: EmotionModel, token_ids: Sequence[Sequence[int]], cache: Path) -> np.ndarray:
    """The float32 teacher's pooled features for every text, (n, 1536), kept in `cache` for the next run."""
    if cache.is_file():
        saved = np.load(cache)
        if saved.shape == (len(token_ids), 4 * 384):
            return saved
    teacher.eval()
    out = np.zeros((len(token_ids), 4 * 384), dtype=np.float32)
    started = time.monotonic()
    with torch.inference_mode():
        for batch in _batches(token_ids, 128, shuffle=None):
            ids, mask = _padded(token_ids, batch)
            out[batch] = teacher.encode(ids, mask).numpy()
    logger.info("teacher features for %d texts in %.0f s", len(token_ids), time.monotonic() - started)
    np.save(cache, out)
    return out


def distil(
    teacher: EmotionModel,
    train: tuple[Sequence[Example], Sequence[Sequence[int]]],
    dev: tuple[Sequence[Example], Sequence[Sequence[int]]],
    work_dir: Path,
) -> EmotionModel:
    """Train the student on (examples, token ids) of the train split; report fidelity on DEV; return it."""
    torch.manual_seed(_SEED)
    examples, token_ids = train
    targets = torch.from_numpy(teacher_features(teacher, token_ids, work_dir / "teacher_train.npy"))
    dev_targets = torch.from_numpy(teacher_features(teacher, dev[1], work_dir / "teacher_dev.npy"))
    centre, scale = targets.mean(0), targets.std(0).clamp(min=1e-4)
    ge, ge_rows = _labels(examples, 1, N_GOEMOTIONS)
    xed, xed_rows = _labels(examples, 2, N_XED)
    vad = torch.tensor([list(e[3]) if e[3] is not None else [math.nan] * N_VAD for e in examples], dtype=torch.float32)

    student = student_from_teacher(teacher)
    student.word.weight.requires_grad_(False)
    student.train()
    for module in student.modules():  # dropout off: the student should reproduce a deterministic function
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    linear = nn.ModuleDict(
        {"ge": nn.Linear(4 * 384, N_GOEMOTIONS), "xed": nn.Linear(4 * 384, N_XED), "vad": nn.Linear(4 * 384, N_VAD)}
    )
    parameters = [p for p in [*student.parameters(), *linear.parameters()] if p.requires_grad]
    optimiser = torch.optim.AdamW(parameters, lr=_LR, weight_decay=0.01)
    rng = random.Random(_SEED)
    steps = _EPOCHS * math.ceil(len(token_ids) / _BATCH)
    warmup = min(_WARMUP, max(1, steps // 10))
    schedule = torch.optim.lr_scheduler.LambdaLR(  # linear warm-up, then linear decay to 0
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup)))
    )
    logger.info(
        "distilling %d layers -> %d on %d texts, %d steps", len(teacher.layers), len(KEEP), len(token_ids), steps
    )
    logger.info("DEV before: %s", _described(fidelity(student, dev[1], dev_targets, centre, scale)))
    step, started = 0, time.monotonic()
    for epoch in range(_EPOCHS):
        totals = np.zeros(4)
        for batch in _batches(token_ids, _BATCH, shuffle=rng):
            ids, mask = _padded(token_ids, batch)
            features = (student.encode(ids, mask) - centre) / scale
            index = torch.as_tensor(batch)
            losses = torch.stack(
                [
                    ((features - (targets[index] - centre) / scale) ** 2).mean(),
                    _bce(linear["ge"](features), ge[index], ge_rows[index]),
                    _bce(linear["xed"](features), xed[index], xed_rows[index]),
                    _vad_mse(3.0 + linear["vad"](features), vad[index]),
                ]
            )
            optimiser.zero_grad()
            (losses[0] + losses[1] + losses[2] + 0.1 * losses[3]).backward()
            optimiser.step()
            schedule.step()
            totals += losses.detach().numpy()
            step += 1
            if step % 200 == 0:
                logger.info(
                    "step %d/%d (%.0f s): feature mse %.4f, ge %.4f, xed %.4f, vad %.4f",
                    step,
                    steps,
                    time.monotonic() - started,
                    *(totals / 200),
                )
                totals[:] = 0
        logger.info("epoch %d DEV: %s", epoch + 1, _described(fidelity(student, dev[1], dev_targets, centre, scale)))
        torch.save(student.state_dict(), work_dir / "student.pt")
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
    """How close the student is to the teacher's `targets` on (up to about 3000 of) `token_ids`: squared error of
    the standardised features, and cosine of the sentence embeddings (mean and minimum)."""
    rows = list(range(0, len(token_ids), max(1, len(token_ids) // 3000)))
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
