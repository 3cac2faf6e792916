"""`eval asr`: WER after Whisper's normaliser and RTF, on any folder laid out like shared/data/asr."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tonesense.errors import InputError
from tonesense.evaluation.asr import evaluate, format_report, read_manifest

pytestmark = pytest.mark.timeout(600)

Cli = Callable[..., subprocess.CompletedProcess[str]]
HEADER = "id\taudio\tduration_s\tsource\tlicense\tstart_s\tend_s\ttranscript\n"


@pytest.fixture
def small_set(tmp_path: Path, asr_dir: Path) -> Path:
    """Two references of our own: the JFK clip (with different punctuation) and a stretch of the AMI file."""
    (tmp_path / "audio").mkdir()
    for name in ("jfk.flac", "ami_ES2011a.Headset-0_40s-46s.flac"):
        shutil.copy(asr_dir / "audio" / name, tmp_path / "audio" / name)
    (tmp_path / "transcripts.tsv").write_text(
        HEADER
        + "kennedy\taudio/jfk.flac\t11\tx\tx\t\t\tAND SO MY FELLOW AMERICANS ASK NOT WHAT YOUR COUNTRY CAN DO FOR YOU "
        "ASK WHAT YOU CAN DO FOR YOUR COUNTRY\n"
        + "turn\taudio/ami_ES2011a.Headset-0_40s-46s.flac\t6\tx\tx\t3.36\t4.36\tyou can call me abbie\n",
        encoding="utf-8",
    )
    return tmp_path


def test_any_folder_laid_out_like_shared_asr_is_scored(small_set: Path) -> None:
    metrics = evaluate(small_set, progress=False)
    assert {"wer", "rtf", "items"} <= set(metrics)
    kennedy, turn = metrics["items"]
    assert kennedy["id"] == "kennedy" and kennedy["wer"] == 0.0  # case and punctuation do not count
    assert turn["duration"] == pytest.approx(1.0)  # start_s/end_s select the stretch
    assert metrics["wer"] == pytest.approx((kennedy["errors"] + turn["errors"]) / 27)
    assert metrics["rtf"] > 0
    assert "WER" in format_report(metrics)


@pytest.mark.slow
def test_faster_whisper_tiny_en_meets_the_wer_target_on_shared_asr(asr_dir: Path) -> None:
    metrics = evaluate(asr_dir, progress=False)
    assert metrics["n_items"] == len(read_manifest(asr_dir)) == 10
    assert metrics["wer"] <= 0.04, format_report(metrics)


def test_folder_without_manifest_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"transcripts\.tsv"):
        evaluate(tmp_path, progress=False)


def test_manifest_naming_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "transcripts.tsv").write_text("audio\ttranscript\naudio/gone.flac\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gone\.flac"):
        read_manifest(tmp_path)


def test_cli_prints_one_json_object(run_cli: Cli, small_set: Path) -> None:
    result = run_cli("eval", "asr", str(small_set), "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["n_items"] == 1 and metrics["wer"] == 0.0 and metrics["engine"] == "faster-whisper"


def test_engine_option_is_refused_for_other_kinds(run_cli: Cli, tmp_path: Path) -> None:
    result = run_cli("eval", "language", str(tmp_path), "--engine", "openai-whisper")
    assert result.returncode == 3 and "--engine applies to 'eval asr' only" in result.stderr
