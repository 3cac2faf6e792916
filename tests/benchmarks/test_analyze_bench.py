"""`tonesense bench analyze` measures real runs and reports every stage it timed."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tonesense.benchmarks import analyze
from tonesense.errors import InputError


@pytest.mark.slow
def test_bench_reports_total_and_stage_rtfs_on_real_speech(asr_dir: Path) -> None:
    parser = argparse.ArgumentParser()
    analyze.add_arguments(parser)
    args = parser.parse_args(["--data", str(asr_dir), "--seconds", "12", "--repeats", "1"])
    results = analyze.run(args)
    assert results["audio_seconds"] >= 12
    assert results["rtf"] == pytest.approx(results["total_s"] / results["audio_seconds"], rel=0.01)
    assert {"decode", "transcribe", "summary"} <= set(results["stages"])
    assert set(results["models"]) | set(results["missing"]) == {"language", "prosody", "burst"}
    text = analyze.format_report(results)
    assert "total" in text and "target <= 0.15" in text
    assert results["language_context"] is True and "read alone and in context" in text
    alone = parser.parse_args(["--data", str(asr_dir), "--seconds", "12", "--repeats", "1", "--no-language-context"])
    assert analyze.run(alone)["language_context"] is False


def test_bench_without_clips_is_an_input_error(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    analyze.add_arguments(parser)
    with pytest.raises(InputError, match=r"no \.flac clips"):
        analyze.run(parser.parse_args(["--data", str(tmp_path), "--repeats", "1"]))
