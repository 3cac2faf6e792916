"""tools/language_distil.py: the 4-layer student starts from the teacher's layers and learns to match it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from torch import nn  # noqa: E402

import language_distil  # noqa: E402
from language_distil import (  # noqa: E402
    KEEP,
    TAPS,
    feed_forward_importance,
    fidelity,
    load_student,
    lr_factor,
    narrow_feed_forward,
    student_from_teacher,
    teacher_features,
)
from language_torch_model import EmotionModel  # noqa: E402


@pytest.fixture(scope="module")
def teacher() -> EmotionModel:
    torch.manual_seed(1)
    return EmotionModel().eval()


def _token_ids(count: int, seed: int) -> list[list[int]]:
    generator = torch.Generator().manual_seed(seed)
    lengths = torch.randint(4, 14, (count,), generator=generator).tolist()
    return [[101, *torch.randint(1000, 5000, (n - 2,), generator=generator).tolist(), 102] for n in lengths]


def test_the_teacher_keeps_its_layout() -> None:
    assert EmotionModel().taps == (2, 4)
    assert len(EmotionModel().layers) == 6
    with pytest.raises(ValueError, match="taps"):
        EmotionModel(layers=4, taps=(1, 4))


def test_student_starts_from_the_teachers_embeddings_and_kept_layers(teacher: EmotionModel) -> None:
    student = student_from_teacher(teacher)
    assert len(student.layers) == len(KEEP) == 4 and student.taps == TAPS
    assert torch.equal(student.word.weight, teacher.word.weight)
    assert torch.equal(student.embed_norm.bias, teacher.embed_norm.bias)
    for new, old in enumerate(KEEP):
        for (name, a), (_, b) in zip(
            student.layers[new].named_parameters(), teacher.layers[old].named_parameters(), strict=True
        ):
            assert torch.equal(a, b), name
    assert not student.goemotions.weight.any()  # unused by `encode`, zeroed so the saved file is reproducible


def test_the_learning_rate_warms_up_then_decays_to_zero() -> None:
    assert lr_factor(0, 100, 10) == pytest.approx(0.1)
    assert lr_factor(9, 100, 10) == pytest.approx(1.0)
    assert lr_factor(55, 100, 10) == pytest.approx(0.5)
    assert lr_factor(100, 100, 10) == 0.0
    assert lr_factor(0, 1, 1) == 1.0  # a single step: no division by zero


def test_teacher_features_are_cached_and_match_the_teacher(teacher: EmotionModel, tmp_path: Path) -> None:
    ids = _token_ids(10, seed=2)
    cache = tmp_path / "teacher.npz"
    first = teacher_features(teacher, ids, cache)
    assert first.shape == (10, 1536) and cache.is_file()
    with torch.inference_mode():
        alone = teacher.encode(torch.tensor([ids[3]]), torch.ones((1, len(ids[3])), dtype=torch.long))
    assert abs(first[3] - alone[0].numpy()).max() < 1e-4  # padding to the batch's length changes nothing
    assert (teacher_features(teacher, ids, cache) == first).all()  # read back from the cache
    before = cache.stat().st_mtime_ns
    other_heads = EmotionModel().eval()  # same encoder weights, other random label heads: still a cache hit
    other_heads.load_state_dict(
        {k: v for k, v in teacher.state_dict().items() if not k.startswith("goemotions")}, strict=False
    )
    assert (teacher_features(other_heads, ids, cache) == first).all() and cache.stat().st_mtime_ns == before
    other = _token_ids(10, seed=5)  # as many texts, other tokens: recomputed, not trusted
    assert not np.allclose(teacher_features(teacher, other, cache), first)
    with np.load(cache) as saved:
        assert saved["features"].shape == (10, 1536)


def test_distillation_brings_the_student_closer_to_the_teacher(
    teacher: EmotionModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language_distil, "_EPOCHS", 4)
    monkeypatch.setattr(language_distil, "_BATCH", 16)
    monkeypatch.setattr(language_distil, "_LR", 3e-4)
    monkeypatch.setattr(language_distil, "_NARROW_EPOCHS", 2)
    monkeypatch.setattr(language_distil, "_NARROW_LR", 3e-4)
    train_ids, dev_ids = _token_ids(64, seed=3), _token_ids(24, seed=4)
    train = [("", [i % 28], None, None) if i % 2 else ("", None, None, (3.0, 2.5, 3.5)) for i in range(64)]
    dev = [("", None, None, None)] * 24
    targets = torch.from_numpy(teacher_features(teacher, dev_ids, tmp_path / "dev.npy"))
    train_targets = torch.from_numpy(teacher_features(teacher, train_ids, tmp_path / "train.npy"))
    centre, scale = train_targets.mean(0), train_targets.std(0).clamp(min=1e-4)

    before = fidelity(student_from_teacher(teacher), dev_ids, targets, centre, scale)
    student = language_distil.distil(teacher, (train, train_ids), (dev, dev_ids), tmp_path)
    after = fidelity(student, dev_ids, targets, centre, scale)
    assert after["feature_mse"] < 0.5 * before["feature_mse"]
    assert after["cosine_mean"] > before["cosine_mean"]

    # what export reads is the finished, narrowed student, with its layout checked
    loaded = load_student(tmp_path / "student.pt")
    assert _same_weights(loaded, student)
    assert all(layer.ffn_in.out_features == language_distil.FFN_KEPT for layer in loaded.layers)
    assert load_student(tmp_path / "student.wide.pt").layers[0].ffn_in.out_features == 1536
    written = sorted(p.name for p in tmp_path.glob("student*.pt"))
    assert written == [
        "student.narrow.epoch1.pt",
        "student.narrow.epoch2.pt",
        "student.pt",
        *(f"student.wide.epoch{i}.pt" for i in (1, 2, 3, 4)),
        "student.wide.pt",
    ]
    with pytest.raises(ValueError, match="not a finished student"):
        load_student(tmp_path / "student.wide.epoch4.pt")

    # the second phase alone, from the saved wide student, gives the same result
    alone = tmp_path / "alone"
    alone.mkdir()
    wide = load_student(tmp_path / "student.wide.pt")
    language_distil.distil(teacher, (train, train_ids), (dev, dev_ids), alone, wide=wide)
    assert _same_weights(load_student(alone / "student.pt"), loaded)

    # deterministic: a second run writes the same weights
    again = tmp_path / "again"
    again.mkdir()
    language_distil.distil(teacher, (train, train_ids), (dev, dev_ids), again)
    assert _same_weights(load_student(again / "student.pt"), loaded)


def test_narrowing_drops_the_units_that_add_nothing(teacher: EmotionModel) -> None:
    """Units whose output weights are zero contribute nothing, so they are the ones dropped, and the narrowed
    student computes exactly what the wide one did."""
    wide = student_from_teacher(teacher).eval()
    generator = torch.Generator().manual_seed(7)
    silent = [torch.randperm(1536, generator=generator)[:512] for _ in wide.layers]
    with torch.no_grad():
        for layer, units in zip(wide.layers, silent, strict=True):
            layer.ffn_out.weight[:, units] = 0.0
    ids = _token_ids(20, seed=8)
    narrow = narrow_feed_forward(wide, ids, 1024)
    for layer, before, units in zip(narrow.layers, wide.layers, silent, strict=True):
        kept = torch.tensor(sorted(set(range(1536)) - set(units.tolist())))
        assert layer.ffn_in.out_features == 1024
        assert torch.equal(layer.ffn_in.weight, before.ffn_in.weight[kept])
        assert torch.equal(layer.ffn_out.weight, before.ffn_out.weight[:, kept])
    batch = torch.tensor([ids[0]])
    mask = torch.ones_like(batch)
    with torch.inference_mode():
        assert torch.allclose(narrow.encode(batch, mask), wide.encode(batch, mask), atol=1e-5)
    assert _same_weights(narrow_feed_forward(wide, ids, 1536), wide)  # full width: nothing changes


def test_importance_counts_real_tokens_only(teacher: EmotionModel) -> None:
    """Texts of mixed lengths in several padded batches (128 texts a batch) give the same importance as the sum
    of each text scored alone (no padding at all); the product with the output weights' norms is applied once."""
    student = student_from_teacher(teacher)
    ids = _token_ids(150, seed=9)
    together = feed_forward_importance(student, ids)
    alone = [sum(parts) for parts in zip(*(feed_forward_importance(student, [one]) for one in ids), strict=True)]
    for batched, summed in zip(together, alone, strict=True):
        assert batched.shape == (1536,)
        assert torch.allclose(batched, summed, rtol=1e-6)
    with torch.inference_mode():  # one layer by hand: |GELU(input)| over the tokens times the output norm
        x = student.embed_norm(
            student.word(torch.tensor([ids[0]]))
            + student.position(torch.arange(len(ids[0]))[None])
            + student.token_type(torch.zeros((1, len(ids[0])), dtype=torch.long))
        )
        x = student.layers[0].attn_norm(x + student.layers[0].attn_out(_attention(student.layers[0], x)))
        expected = nn.functional.gelu(student.layers[0].ffn_in(x)).abs().sum(dim=(0, 1)).double()
        expected *= student.layers[0].ffn_out.weight.norm(dim=0).double()
    assert torch.allclose(feed_forward_importance(student, [ids[0]])[0], expected, rtol=1e-5)
    assert student.training  # the student's mode is left as it was


def _attention(layer: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Unmasked self-attention of one text (batch 1) as `_Layer.forward` computes it."""
    heads, width = 12, x.shape[-1] // 12

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.view(1, -1, heads, width).transpose(1, 2)

    q, k, v = split(layer.query(x)), split(layer.key(x)), split(layer.value(x))
    weights = torch.softmax(q @ k.transpose(-1, -2) / width**0.5, dim=-1)
    return (weights @ v).transpose(1, 2).reshape(1, -1, x.shape[-1])


def _same_weights(a: EmotionModel, b: EmotionModel) -> bool:
    first, second = a.state_dict(), b.state_dict()
    return first.keys() == second.keys() and all(torch.equal(first[k], second[k]) for k in first)
