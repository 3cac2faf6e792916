"""The language evaluation's metrics on tiny inputs with answers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from tonesense.evaluation.language_metrics import best_threshold, f1_per_label, macro_f1, pearson_r


def test_macro_f1_matches_a_hand_computed_answer() -> None:
    truth = np.array([[1, 0], [1, 1], [0, 1], [0, 0]], dtype=bool)
    predicted = np.array([[1, 0], [0, 1], [1, 1], [0, 0]], dtype=bool)
    # label 0: tp=1, fp=1, fn=1 -> F1 = 2/4 = 0.5; label 1: tp=2, fp=0, fn=0 -> F1 = 1.0
    assert f1_per_label(predicted, truth).tolist() == pytest.approx([0.5, 1.0])
    assert macro_f1(predicted, truth) == pytest.approx(0.75)


def test_a_label_never_present_nor_predicted_scores_zero() -> None:
    truth = np.array([[1, 0], [0, 0]], dtype=bool)
    assert f1_per_label(truth, truth).tolist() == [1.0, 0.0]


def test_pearson_matches_known_values() -> None:
    assert pearson_r(np.array([1, 2, 3, 4]), np.array([2, 4, 6, 8])) == pytest.approx(1.0)
    assert pearson_r(np.array([1, 2, 3, 4]), np.array([4, 3, 2, 1])) == pytest.approx(-1.0)
    # x = [1, 2, 3], y = [1, 3, 2]: cov = 1, var_x = var_y = 2 -> r = 0.5
    assert pearson_r(np.array([1, 2, 3]), np.array([1, 3, 2])) == pytest.approx(0.5)
    assert pearson_r(np.array([1, 1, 1]), np.array([1, 2, 3])) == 0.0


def test_pearson_rejects_vectors_of_different_length() -> None:
    with pytest.raises(ValueError):
        pearson_r(np.array([1, 2]), np.array([1, 2, 3]))


def test_best_threshold_separates_cleanly_separable_scores() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.7, 0.8])
    truth = np.array([0, 0, 0, 1, 1], dtype=bool)
    threshold = best_threshold(scores, truth)
    assert 0.3 < threshold <= 0.7
