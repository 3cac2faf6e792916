"""`tonesense eval hume-language`: agreement figures with answers known by construction, the three input
formats, and one real run through the CLI."""

from __future__ import annotations

import csv
import json
import math
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tonesense.errors import InputError
from tonesense.evaluation.agreement import (
    agreement_groups,
    average_ranks,
    dimension_correlations,
    figures,
    loo_mean,
    shuffled_rows,
    spearman_r,
    top1_hits,
)
from tonesense.evaluation.hume_language import load_items, read_csv, read_items
from tonesense.taxonomy import LANGUAGE_NAMES

Cli = Callable[..., subprocess.CompletedProcess[str]]


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
    assert item.context_before == ""


def test_v0_positions_give_each_text_the_passage_before_it() -> None:
    emotions = [{"name": name, "score": score} for name, score in _emotions("Joy").items()]
    words = [("I", 0), ("am", 2), ("glad.", 5)]
    predictions = [
        {"text": w, "position": {"begin": b, "end": b + len(w)}, "emotions": emotions} for w, b in reversed(words)
    ]
    language = {"metadata": None, "grouped_predictions": [{"id": "unknown", "predictions": predictions}]}
    v0 = [{"source": {"type": "text"}, "results": {"predictions": [{"file": "1", "models": {"language": language}}]}}]
    items = {item.text: item for item in read_items(v0)}
    assert items["glad."].context_before == "I am" and items["am"].context_before == "I"
    assert {item.granularity for item in items.values()} == {"word"}


def _write_csv(path: Path, rows: list[tuple[str, dict[str, float]]]) -> None:
    """A CSV laid out as Hume's platform exported language results (Desire after Satisfaction, as there)."""
    names = [n for n in LANGUAGE_NAMES if n != "Desire"]
    names.insert(names.index("Satisfaction") + 1, "Desire")
    columns = ["Id", "Text", "BeginPosition", "EndPosition", "BeginTime", "EndTime", "Confidence", "SpeakerConfidence"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns + names)
        begin = 0
        for text, emotions in rows:
            writer.writerow(["unknown", text, begin, begin + len(text), "", "", "", "", *(emotions[n] for n in names)])
            begin += len(text) + 1


def test_hume_csv_export_is_read_by_column_name(tmp_path: Path) -> None:
    path = tmp_path / "language.csv"
    _write_csv(path, [("Thank you.", _emotions("Gratitude")), ("Why me?", _emotions("Desire", 0.7))])
    items = read_csv(path)
    assert [item.text for item in items] == ["Thank you.", "Why me?"]
    assert items[1].emotions["Desire"] == 0.7 and items[1].emotions["Gratitude"] == pytest.approx(0.01 + 0.001 * 32)
    assert {item.granularity for item in items} == {"utterance"}
    assert [item.context_before for item in items] == ["", "Thank you."]  # from the positions


def test_a_csv_of_single_words_counts_as_word_granularity(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    _write_csv(path, [("Thank", _emotions("Gratitude")), ("you.", _emotions("Love"))])
    assert {item.granularity for item in read_csv(path)} == {"word"}


def test_a_csv_without_the_language_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prosody.csv"
    path.write_text("Id,Text,Joy\nunknown,hi,0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks Hume language scores"):
        read_csv(path)
    path.write_text("Id,Joy\n1,0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="Text column"):
        read_csv(path)


def test_a_folder_is_read_recursively_with_sources_named_by_path(tmp_path: Path) -> None:
    (tmp_path / "calls").mkdir()
    _write_csv(tmp_path / "calls" / "a.csv", [("Thank you.", _emotions("Gratitude"))])
    item = {"text": "sorry", "emotions": _emotions("Guilt"), "source": "", "granularity": "word"}
    (tmp_path / "b.json").write_text(json.dumps([item]), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not results", encoding="utf-8")
    items = load_items(tmp_path)
    assert sorted(i.source for i in items) == ["b.json", str(Path("calls") / "a.csv")]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no \.json or \.csv"):
        load_items(tmp_path / "empty")
    with pytest.raises(InputError, match="no such file"):
        load_items(tmp_path / "missing.json")


def test_v0_json_of_an_unexpected_shape_is_an_input_error() -> None:
    with pytest.raises(InputError):
        read_items([{"results": 5}])


def test_positions_far_beyond_the_texts_are_refused() -> None:
    emotions = [{"name": name, "score": score} for name, score in _emotions("Joy").items()]
    prediction = {"text": "hi", "position": {"begin": 10**9, "end": 10**9 + 2}, "emotions": emotions}
    language = {"metadata": None, "grouped_predictions": [{"id": "unknown", "predictions": [prediction]}]}
    v0 = [{"source": {"type": "text"}, "results": {"predictions": [{"file": "1", "models": {"language": language}}]}}]
    with pytest.raises(InputError, match="positions"):
        read_items(v0)


def test_folders_with_spaces_group_by_their_whole_path(tmp_path: Path) -> None:
    for folder in ("my calls", "my notes"):
        (tmp_path / folder).mkdir()
        _write_csv(tmp_path / folder / "a.csv", [("Thank you.", _emotions("Gratitude"))])
    from tonesense.evaluation.hume_language import _group_masks

    groups = _group_masks(load_items(tmp_path))
    assert set(groups) == {
        "all",
        "utterance",
        f"utterance / {Path('my calls') / 'a.csv'}",
        f"utterance / {Path('my notes') / 'a.csv'}",
    }


def test_broken_json_is_a_clear_input_error(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not readable JSON"):
        load_items(path)


@pytest.mark.slow
def test_real_scorer_end_to_end(tmp_path: Path, run_cli: Cli) -> None:
    items = [
        {"text": "Thank you so much!", "emotions": _emotions("Gratitude"), "source": "a x", "group": "a"},
        {"text": "I can't believe you lost it again.", "emotions": _emotions("Anger"), "source": "a y", "group": "a"},
        {"text": "What does this mean?", "emotions": _emotions("Confusion"), "source": "b", "granularity": "sentence"},
        {"text": "sorry", "emotions": _emotions("Guilt"), "source": "b", "granularity": "word"},
    ]
    path = tmp_path / "hume.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    result = run_cli("eval", "hume-language", str(path), "--json", "--min-granularity", "sentence")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["items"] == 3
    assert set(metrics["groups"]) == {"all", "sentence (b)", "utterance (a)"}
    assert metrics["groups"]["utterance (a)"]["items"] == 2
    row = metrics["groups"]["all"]["figures"]["hume_top1_in_our_top3"]
    assert all(0.0 <= row[key] <= 1.0 for key in ("ours", "loo_mean", "shuffled"))
    assert metrics["hume_top1_in_our_top3"] == row["ours"]
    assert [d["name"] for d in metrics["dimensions"]] == list(LANGUAGE_NAMES)
    assert metrics["with_context_before"] == 0 and metrics["alone"] is False  # no item says what came before
    human = run_cli("eval", "hume-language", str(path))
    assert human.returncode == 0 and "LOO mean" in human.stdout


@pytest.mark.slow
def test_csv_texts_are_scored_in_their_passage_unless_alone(tmp_path: Path, run_cli: Cli) -> None:
    path = tmp_path / "language.csv"
    rows = [("I was so happy this morning.", _emotions("Joy")), ("But then my dog died.", _emotions("Sadness"))]
    _write_csv(path, [*rows, ("Thank you.", _emotions("Gratitude"))])
    in_context = json.loads(run_cli("eval", "hume-language", str(path), "--json").stdout)
    alone = json.loads(run_cli("eval", "hume-language", str(path), "--json", "--alone").stdout)
    assert in_context["with_context_before"] == alone["with_context_before"] == 2 and alone["alone"] is True
    joy = next(d for d in in_context["dimensions"] if d["name"] == "Joy")["ours_mean"]
    assert joy > next(d for d in alone["dimensions"] if d["name"] == "Joy")["ours_mean"]


def test_cli_refuses_options_of_other_kinds_and_bad_paths(tmp_path: Path, run_cli: Cli) -> None:
    wrong = run_cli("eval", "language", str(tmp_path), "--min-granularity", "sentence")
    assert wrong.returncode == 3 and "applies to 'eval hume-language' only" in wrong.stderr
    missing = run_cli("eval", "hume-language", str(tmp_path / "nothing.json"))
    assert missing.returncode == 3 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
