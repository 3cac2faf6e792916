"""`tonesense bench transcribe`: the same >= 60 s of real speech for every engine, interleaved rounds, ratios."""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tonesense.benchmarks.transcribe import ENGINES, MIN_SECONDS, _joined_speech, add_arguments, format_report, run
from tonesense.errors import InputError

pytestmark = pytest.mark.timeout(600)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_speech_is_the_asr_clips_joined_to_at_least_a_minute(asr_dir: Path) -> None:
    audio = _joined_speech(asr_dir)
    assert MIN_SECONDS <= audio.duration < MIN_SECONDS + 15


@pytest.mark.slow
def test_int8_run_reports_rtf_and_ratio(asr_dir: Path) -> None:
    results = run(_args("--audio-dir", str(asr_dir), "--repeats", "1", "--engines", "faster-whisper int8"))
    figures = results["engines"]["faster-whisper int8"]
    assert 0 < figures["rtf"] < 2 and len(figures["seconds"]) == 1
    assert figures["words"] > 150  # the engine really transcribed a minute of speech
    assert results["ratios_vs_faster_whisper_int8"] == {"faster-whisper int8": 1.0}
    assert "faster-whisper int8" in format_report(results)


def test_report_says_when_openai_whisper_could_not_run() -> None:
    results = {
        "audio_seconds": 60.0, "repeats": 3, "beam_size": 5, "threads": 2, "cpu_count": 2,
        "engines": {"faster-whisper int8": {"rtf": 0.05, "seconds": [3.0, 3.1, 2.9], "words": 170}},
        "ratios_vs_faster_whisper_int8": {"faster-whisper int8": 1.0},
        "unavailable": {"openai-whisper float32": "needs the 'openai-whisper' package"},
    }  # fmt: skip
    report = format_report(results)
    assert "openai-whisper float32" in report and "not run: needs the 'openai-whisper' package" in report


def test_unknown_engine_is_refused(asr_dir: Path) -> None:
    with pytest.raises(InputError, match="choose --engines"):
        run(_args("--audio-dir", str(asr_dir), "--engines", "whisper.cpp"))


def test_cli_lists_every_engine_in_help(run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = run_cli("bench", "transcribe", "--help", timeout=60)
    assert result.returncode == 0 and all(name in result.stdout for name in ENGINES)


def test_cli_json_without_shared_data_is_an_input_error(
    run_cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    result = run_cli("bench", "transcribe", "--json", "--audio-dir", str(tmp_path), timeout=60)
    assert result.returncode == 3 and "transcripts.tsv" in result.stderr and result.stdout == ""
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)
