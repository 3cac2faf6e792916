"""`tonesense analyze` end to end on the shipped sample: the JSON contract, v0 JSON, the HTML report."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hume.expression_measurement.batch.types import InferenceSourcePredictResult

from tonesense.cli import main
from tonesense.schema.hume_v0 import report_from_v0


@pytest.mark.slow
def test_json_output_follows_the_contract(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(sample_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"transcript", "segments", "bursts", "summary", "models", "missing"} <= set(data)
    assert "country" in data["transcript"]["text"]
    for segment in data["segments"]:
        assert {"start", "end", "text", "language", "prosody", "bursts"} <= set(segment)
    for burst in data["bursts"]:
        assert {"start", "end", "type", "emotions"} <= set(burst)
    assert set(data["models"]) | set(data["missing"]) == {"language", "prosody", "burst"}
    assert "not what anyone feels" in data["summary"]["text"]


@pytest.mark.slow
def test_v0_json_reads_back_as_a_report(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(sample_path), "--v0-json", "--granularity", "sentence"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["source"]["filename"] == "jfk.flac"
    assert data[0]["results"]["predictions"][0]["file"] == "jfk.flac"
    assert data[0]["source"]["md5sum"] == hashlib.md5(sample_path.read_bytes(), usedforsecurity=False).hexdigest()
    InferenceSourcePredictResult.model_validate(data[0])
    report = report_from_v0(data)
    assert set(report.models) <= {"language", "prosody", "burst"}


@pytest.mark.slow
def test_html_report_is_one_self_contained_page(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["analyze", str(sample_path), "--report", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "jfk.flac" in printed and f"HTML report written to {out}" in printed
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "fellow Americans" in page
    assert "<script" not in page and "<link" not in page
    assert "https://" not in page and page.count("http://") == page.count('xmlns="http://www.w3.org/2000/svg"')


def test_missing_file_exits_with_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nothing.wav"), "--json"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "not found" in captured.err


def test_unknown_modality_exits_with_input_error(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(sample_path), "--modalities", "language,face"]) == 3
    assert "unknown modality 'face'" in capsys.readouterr().err
