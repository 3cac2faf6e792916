"""tools/language_distil.py: the 4-layer student starts from the teacher's layers and learns to match it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import language_distil  # noqa: E402
from language_distil import (  # noqa: E402
    KEEP,
    TAPS,
    fidelity,
    load_student,
    lr_factor,
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

    # what export reads is the finished student, with its layout checked
    loaded = load_student(tmp_path / "student.pt")
    assert _same_weights(loaded, student)
    written = sorted(p.name for p in tmp_path.glob("student*.pt"))
    assert written == [*(f"student.epoch{i}.pt" for i in (1, 2, 3, 4)), "student.pt"]
    with pytest.raises(ValueError, match="not a finished student"):
        load_student(tmp_path / "student.epoch4.pt")

    # deterministic: a second run writes the same weights
    again = tmp_path / "again"
    again.mkdir()
    language_distil.distil(teacher, (train, train_ids), (dev, dev_ids), again)
    assert _same_weights(load_student(again / "student.pt"), loaded)


def _same_weights(a: EmotionModel, b: EmotionModel) -> bool:
    first, second = a.state_dict(), b.state_dict()
    return first.keys() == second.keys() and all(torch.equal(first[k], second[k]) for k in first)
