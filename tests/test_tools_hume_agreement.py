"""tools/language_hume_agreement.py: agreement figures with answers known by construction, and one real run."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from tonesense.errors import InputError
from tonesense.taxonomy import LANGUAGE_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from language_hume_agreement import (
    agreement_groups,
    average_ranks,
    dimension_correlations,
    figures,
    loo_mean,
    main,
    read_items,
    shuffled_rows,
    spearman_r,
    top1_hits,
)


def _profiles(n: int, seed: int = 0) -> np.ndarray:
    """n distinct random (n, 53) score vectors in [0, 1)."""
    return np.random.default_rng(seed).random((n, len(LANGUAGE_NAMES)))


def _emotions(top: str, score: float = 0.8) -> dict[str, float]:
    """A fabricated Hume vector: `top` high, the rest small and distinct."""
    return {name: score if name == top else 0.01 + 0.001 * i for i, name in enumerate(LANGUAGE_NAMES)}


def test_identical_vectors_agree_perfectly() -> None:
    hume = _profiles(5)
    result = figures(hume.copy(), hume)
    for name in ("spearman_mean", "spearman_median", "pearson_mean", "pearson_median"):
        assert result[name] == pytest.approx(1.0)
    for name in ("hume_top1_in_our_top3", "hume_top1_in_our_top5", "our_top1_in_hume_top3"):
        assert result[name] == 1.0
    assert result["dimension_pearson_mean"] == pytest.approx(1.0)
    assert result["dimension_spearman_mean"] == pytest.approx(1.0)
    assert result["mae"] == 0.0


def test_reversed_ranking_gives_minus_one() -> None:
    assert spearman_r(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.9, 0.5, 0.2, 0.1])) == pytest.approx(-1.0)


def test_spearman_is_rank_based_not_linear() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert spearman_r(x, x**5) == pytest.approx(1.0)


def test_tied_values_share_the_mean_rank() -> None:
    assert average_ranks(np.array([10.0, 20.0, 20.0, 30.0])).tolist() == [1.0, 2.5, 2.5, 4.0]
    assert average_ranks(np.array([0.0, 0.0, 0.0])).tolist() == [2.0, 2.0, 2.0]


def test_spearman_with_ties_matches_hand_computation() -> None:
    # ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4]: sum dx*dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5
    rho = spearman_r(np.array([1.0, 2.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0, 4.0]))
    assert rho == pytest.approx(3.0 / math.sqrt(10.0))


def test_constant_vector_correlates_zero() -> None:
    assert spearman_r(np.zeros(5), np.arange(5.0)) == 0.0


def test_top1_hits_count_the_leader_within_the_top_k() -> None:
    leader = np.array([[9.0, 0.0, 0.0, 0.0, 0.0, 0.0]])
    ranked = np.array([[0.1, 0.6, 0.5, 0.4, 0.3, 0.0]])  # dimension 0 is 5th of 6
    assert not top1_hits(ranked, leader, 3)[0]
    assert top1_hits(ranked, leader, 5)[0]


def test_loo_mean_on_three_items() -> None:
    hume = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
    assert loo_mean(hume).tolist() == [[1.0, 1.5], [1.5, 1.0], [0.5, 0.5]]


def test_loo_mean_needs_two_items() -> None:
    with pytest.raises(InputError):
        loo_mean(np.ones((1, 3)))


def test_shuffled_rows_moves_every_row_and_is_seeded() -> None:
    rows = np.arange(10.0)[:, None] * np.ones((1, 3))
    shuffled = shuffled_rows(rows, seed=4)
    assert sorted(shuffled[:, 0].tolist()) == rows[:, 0].tolist()
    assert not np.any(shuffled[:, 0] == rows[:, 0])
    assert np.array_equal(shuffled, shuffled_rows(rows, seed=4))
    assert shuffled_rows(rows[:2])[:, 0].tolist() == [1.0, 0.0]


def test_dimension_correlation_is_none_where_a_side_is_constant() -> None:
    hume = np.array([[0.1, 0.5], [0.2, 0.5], [0.4, 0.5]])
    predicted = np.array([[0.2, 0.1], [0.3, 0.2], [0.5, 0.3]])
    assert dimension_correlations(predicted, hume) == [pytest.approx(1.0), None]
    assert dimension_correlations(predicted[:2], hume[:2]) == [None, None]


def test_groups_report_every_figure_for_ours_and_both_baselines() -> None:
    hume = _profiles(6, seed=1)
    groups = {"all": np.ones(6, dtype=bool), "first half": np.arange(6) < 3}
    result = agreement_groups(hume.copy(), hume, groups)
    assert result["first half"]["items"] == 3
    row = result["all"]["figures"]["spearman_mean"]
    assert set(row) == {"ours", "loo_mean", "shuffled"}
    assert row["ours"] == pytest.approx(1.0)
    assert row["loo_mean"] == pytest.approx(figures(loo_mean(hume), hume)["spearman_mean"])
    assert result["all"]["figures"]["dimension_pearson_mean"]["loo_mean"] is None  # -1 by construction


def test_items_must_carry_all_53_names() -> None:
    emotions = _emotions("Joy")
    del emotions["Joy"]
    with pytest.raises(InputError, match="Joy"):
        read_items([{"text": "hi", "emotions": emotions, "source": "s", "granularity": "word"}])


def test_granularity_aliases_are_read_and_unknown_ones_refused() -> None:
    item = {"text": "hi", "emotions": _emotions("Joy"), "source": "s", "granularity": "conversational_turn"}
    assert read_items([item])[0].granularity == "turn"
    with pytest.raises(InputError, match="granularity"):
        read_items([{**item, "granularity": "paragraph"}])


def test_v0_predictions_json_is_read() -> None:
    emotions = [{"name": name, "score": score} for name, score in _emotions("Gratitude").items()]
    prediction = {"text": "Thank you.", "position": {"begin": 0, "end": 10}, "emotions": emotions}
    language = {"metadata": None, "grouped_predictions": [{"id": "unknown", "predictions": [prediction]}]}
    v0 = [
        {
            "source": {"type": "text"},
            "results": {"predictions": [{"file": "1", "models": {"language": language}}], "errors": []},
        }
    ]
    (item,) = read_items(v0)
    assert item.text == "Thank you."
    assert item.emotions["Gratitude"] == 0.8
    assert item.granularity == "utterance"


@pytest.mark.slow
def test_real_scorer_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = [
        {"text": "Thank you so much!", "emotions": _emotions("Gratitude"), "source": "a x", "granularity": "utterance"},
        {"text": "I can't believe you lost it again.", "emotions": _emotions("Anger"), "source": "a y"},
        {"text": "What does this mean?", "emotions": _emotions("Confusion"), "source": "b", "granularity": "sentence"},
        {"text": "sorry", "emotions": _emotions("Guilt"), "source": "b", "granularity": "word"},
    ]
    path = tmp_path / "hume.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert main([str(path), "--json", "--min-granularity", "sentence"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["items"] == 3
    assert set(result["groups"]) == {"all", "sentence (b)", "utterance (a)"}
    assert result["groups"]["utterance (a)"]["items"] == 2
    row = result["groups"]["all"]["figures"]["hume_top1_in_our_top3"]
    assert all(0.0 <= row[key] <= 1.0 for key in ("ours", "loo_mean", "shuffled"))
    assert [d["name"] for d in result["dimensions"]] == list(LANGUAGE_NAMES)
    assert main([str(path)]) == 0
    assert "LOO mean" in capsys.readouterr().out
