"""`tonesense doctor`: reports engines, weights, extras and versions without loading anything."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version

import pytest

from tonesense.cli.doctor_cmd import diagnose
from tonesense.transcribe.weights import bundled_whisper_dir

Cli = Callable[..., subprocess.CompletedProcess[str]]


def test_json_reports_the_bundled_weights_and_versions(run_cli: Cli) -> None:
    result = run_cli("doctor", "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    default = report["engines"]["faster-whisper"]
    assert default["ready"] and default["location"] == str(bundled_whisper_dir())
    assert report["packages"]["faster-whisper"] == version("faster-whisper")
    assert set(report["extras"]) >= {"dev", "openai-whisper"}


def test_text_report_names_each_engine(run_cli: Cli) -> None:
    result = run_cli("doctor", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "faster-whisper" in result.stdout and "openai-whisper" in result.stdout


def test_missing_weights_are_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONESENSE_WHISPER_MODEL", "/nowhere/at/all")
    engine = diagnose()["engines"]["faster-whisper"]
    assert not engine["ready"] and "/nowhere/at/all" in engine["weights_error"]


def test_doctor_does_not_import_the_engines() -> None:
    modules = "{'torch', 'whisper', 'faster_whisper'}"
    probe = f"import sys, tonesense.cli.doctor_cmd as d; d.diagnose(); print(sorted({modules} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
