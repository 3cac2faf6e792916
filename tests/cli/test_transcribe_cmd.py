"""`tonesense transcribe` through the real console script: contract JSON, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio
from tonesense.cli.transcribe_cmd import CONTRACT_KEYS, ENGINE_CHOICES
from tonesense.transcribe import ENGINES

pytestmark = pytest.mark.timeout(300)


Cli = Callable[..., subprocess.CompletedProcess[str]]


def test_json_output_is_exactly_the_contract(run_cli: Cli, sample_path: Path) -> None:
    result = run_cli("transcribe", str(sample_path), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == CONTRACT_KEYS == {"text", "language", "duration", "segments"}
    assert "fellow Americans" in document["text"] and document["language"] == "en"
    segment = document["segments"][0]
    assert set(segment) == {"start", "end", "text", "words"}
    assert set(segment["words"][0]) == {"start", "end", "word", "probability"}


def test_text_output_has_timed_segments(run_cli: Cli, sample_path: Path) -> None:
    result = run_cli("transcribe", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[   0.00 ->") and "ask what you can do for your country" in result.stdout


def test_long_audio_shows_progress_on_stderr_and_keeps_stdout_json(
    run_cli: Cli, tmp_path: Path, jfk_audio: DecodedAudio
) -> None:
    gap = np.zeros(SAMPLE_RATE, np.float32)
    long_audio = np.concatenate([jfk_audio.samples, gap] * 3)  # 36 s: over the 30 s threshold
    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((long_audio * 32767).astype("<i2").tobytes())
    result = run_cli("transcribe", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"].lower().count("fellow americans") == 3
    assert "transcribing" in result.stderr


def _missing(directory: Path) -> Path:
    return directory / "missing.wav"


def _empty(directory: Path) -> Path:
    path = directory / "empty.wav"
    path.write_bytes(b"")
    return path


def _text(directory: Path) -> Path:
    path = directory / "notes.mp3"
    path.write_text("this is not audio\n" * 20)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [(_missing, "not found"), (_empty, "empty"), (_text, "not a recognised audio")],
    ids=["missing", "empty", "text"],
)
def test_bad_input_exits_3_with_one_line_and_no_traceback(
    run_cli: Cli, tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    result = run_cli("transcribe", str(make(tmp_path)), "--json")
    assert result.returncode == 3
    assert result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_weights_exit_4(run_cli: Cli, sample_path: Path, tmp_path: Path) -> None:
    result = run_cli("transcribe", str(sample_path), "--model", str(tmp_path / "no-weights"))
    assert result.returncode == 4
    assert "no Whisper weights found" in result.stderr and "Traceback" not in result.stderr


def test_unknown_engine_is_a_usage_error(run_cli: Cli, sample_path: Path) -> None:
    result = run_cli("transcribe", str(sample_path), "--engine", "nope")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_cli_engine_choices_are_the_library_engines() -> None:
    assert ENGINE_CHOICES == ENGINES
