"""`tonesense text` and `tonesense bench text` as a user runs them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tonesense.taxonomy import LANGUAGE_NAMES

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.slow
def test_text_json_follows_the_contract(run_cli: RunCli) -> None:
    result = run_cli("text", "Thank you so much!", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["text"] == "Thank you so much!"
    assert [e["name"] for e in document["emotions"]] == list(LANGUAGE_NAMES)
    assert len(document["sentiment"]) == 9


@pytest.mark.slow
def test_text_human_output_lists_top_expressions_with_a_reminder(run_cli: RunCli) -> None:
    result = run_cli("text", "Thank you so much!", "--top", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Gratitude")
    assert "not statements about what anyone feels" in result.stdout


@pytest.mark.slow
def test_bench_text_reports_every_target(run_cli: RunCli) -> None:
    result = run_cli("bench", "text", "--single", "20", "--batch", "100", "--batch-runs", "3", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for key in ("single_p50_ms", "batch_sentences_per_s", "load_s", "added_rss_mb"):
        assert figures[key] > 0
    # each call's thread CPU time is at most its wall time, so the medians keep that order
    assert 0 < figures["single_cpu_p50_ms"] <= figures["single_p50_ms"] + 0.01
    runs = figures["batch_runs_sentences_per_s"]
    assert len(runs) == 3 and figures["batch_sentences_per_s"] == sorted(runs)[1]  # the median of the runs
    stages = figures["single_stages_p50_ms"]
    assert list(stages) == ["tokenise", "encoder", "emoji", "heads", "compose", "results"]
    assert stages["encoder"] > 0 and all(ms >= 0 for ms in stages.values())


@pytest.mark.slow
def test_bench_text_compares_two_model_directories_side_by_side(run_cli: RunCli) -> None:
    from tonesense.expression.language_model import MODEL_DIR

    args = ("bench", "text", "--single", "10", "--batch", "40", "--batch-runs", "1", "--compare-rounds", "2")
    result = run_cli(*args, "--compare", str(MODEL_DIR), "--json")
    assert result.returncode == 0, result.stderr
    compare = json.loads(result.stdout)["compare"]
    assert compare["model_dir"] == str(MODEL_DIR) and compare["rounds"] == 2
    single, rate = compare["single_p50_ms"], compare["batch_sentences_per_s"]
    assert single["shipped"] > 0 and single["other"] > 0 and rate["shipped"] > 0 and rate["other"] > 0
    assert compare["single_time_ratio"] == pytest.approx(single["shipped"] / single["other"], rel=0.02)
    assert compare["batch_rate_ratio"] == pytest.approx(rate["shipped"] / rate["other"], rel=0.02)
    human = run_cli(*args, "--compare", str(MODEL_DIR))
    assert "side by side with" in human.stdout and "x the time" in human.stdout


def test_bench_text_compare_refuses_a_directory_without_a_model(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("bench", "text", "--single", "1", "--batch", "1", "--compare", str(tmp_path))
    assert result.returncode == 4
    assert "no encoder.onnx" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_text_context_option_reads_the_text_after_it(run_cli: RunCli) -> None:
    alone = json.loads(run_cli("text", "died.", "--json").stdout)
    read = run_cli("text", "died.", "--json", "--context", "I was so happy this morning. But then my dog")
    assert read.returncode == 0, read.stderr
    joy = LANGUAGE_NAMES.index("Joy")
    document = json.loads(read.stdout)
    assert document["text"] == "died."
    assert document["emotions"][joy]["score"] > alone["emotions"][joy]["score"] + 0.1
