"""examples/analyze_file.py runs as a user would run it and writes what it says it writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tonesense.schema.hume_v0 import report_from_v0

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "analyze_file.py"


@pytest.mark.slow
def test_example_prints_cues_and_writes_report_and_v0_json(sample_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(sample_path), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "not what anyone feels" in done.stdout
    assert "fellow Americans" in done.stdout
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
    report = report_from_v0(json.loads((tmp_path / "predictions_v0.json").read_text()))
    assert report.origin is not None and report.origin.file == "jfk.flac"
