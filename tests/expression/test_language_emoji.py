"""nade's emoji classifier as the language model reads it, and the batch workers behind the encoder."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from tonesense.errors import ModelNotFoundError
from tonesense.expression import language_emoji
from tonesense.expression.language_emoji import EMOJI_COUNT, EmojiModel, nade_model_path, prepare_for_nade
from tonesense.expression.language_encoder import BatchWorkers


@pytest.fixture(scope="module")
def emoji() -> EmojiModel:
    return EmojiModel()


@pytest.mark.parametrize(
    ("text", "prepared"),
    [
        ("Wow!!! That's  amazing,really?", "wow !!! that ' s amazing , really ?"),
        ("  Line one\nLine\ttwo  ", "line one line two"),
        ("¿Qué tal?", "¿ qué tal ?"),
        ("", ""),
    ],
)
def test_text_is_prepared_the_way_nade_prepares_it(text: str, prepared: str) -> None:
    assert prepare_for_nade(text) == prepared


def test_log_probabilities_are_deterministic_per_text_and_in_a_fixed_order(emoji: EmojiModel) -> None:
    texts = ["Thank you so much!", "I miss her so much", "The meeting is at three."]
    out = emoji.log_probs(texts)
    assert out.shape == (3, EMOJI_COUNT) and out.dtype == np.float32
    probs = np.exp(out)
    assert (probs >= 1e-4 - 1e-9).all() and (probs <= 1.0).all()  # floored at 1e-4 before the log
    assert (probs.max(axis=1) > 0.02).all()  # each text has emoji it points to
    assert np.array_equal(out, emoji.log_probs(texts))
    assert np.array_equal(out[1], emoji.log_probs([texts[1]])[0])  # one text never depends on its batch
    assert not np.allclose(out[0], out[1])
    assert emoji.log_probs([]).shape == (0, EMOJI_COUNT)
    many = [f"{texts[i % 3]} {i}" for i in range(150)]  # crosses the 64-text predict blocks
    assert np.array_equal(emoji.log_probs(many)[[0, 63, 64, 149]], emoji.log_probs([many[i] for i in (0, 63, 64, 149)]))


def test_newlines_do_not_break_the_classifier(emoji: EmojiModel) -> None:
    assert np.isfinite(emoji.log_probs(["first line\nsecond line\r\nthird"])).all()


def test_a_missing_nade_package_is_a_clear_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fake: an absent package cannot be produced while nade is installed for the rest of the suite.
    monkeypatch.setattr(language_emoji.importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(ModelNotFoundError, match="nade"):
        nade_model_path()


def test_batch_workers_keep_order_and_use_several_threads() -> None:
    workers = BatchWorkers(2)
    seen: set[str] = set()
    barrier = threading.Barrier(2, timeout=10)

    def work(chunk: list[int]) -> int:
        seen.add(threading.current_thread().name)
        barrier.wait()  # both chunks must be in flight at once, or this times out
        return sum(chunk)

    assert workers.map(work, [[1, 2], [3, 4]]) == [3, 7]
    assert len(seen) == 2
    assert workers.map(lambda c: c * 2, [5]) == [10]
    assert [workers.chunk_size(n) for n in (1, 2, 9, 64, 1000)] == [1, 1, 5, 16, 16]
    with pytest.raises(ValueError, match="at least 1"):
        BatchWorkers(0)


def test_batch_workers_run_meanwhile_once_in_the_callers_thread_while_chunks_run() -> None:
    workers = BatchWorkers(2)
    chunk_started = threading.Event()
    calls: list[str] = []

    def meanwhile() -> None:
        calls.append(threading.current_thread().name)
        assert chunk_started.wait(10)  # the pooled chunks are already running when this runs

    def work(chunk: int) -> int:
        chunk_started.set()
        return chunk + 1

    assert workers.map(work, [1, 2, 3], meanwhile) == [2, 3, 4]
    assert calls == [threading.current_thread().name]
    inline: list[str] = []
    assert BatchWorkers(1).map(lambda c: c * 2, [4], lambda: inline.append("ran")) == [8]
    assert inline == ["ran"]
