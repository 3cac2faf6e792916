"""`tonesense bench mcp` starts the real server over stdio and reports every figure against its target."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mcp", reason="needs the `mcp` extra")


def _tonesense() -> str:
    script = Path(sys.executable).with_name("tonesense")
    return str(script) if script.exists() else (shutil.which("tonesense") or "tonesense")


@pytest.mark.slow
def test_bench_mcp_reports_cold_start_round_trip_and_overhead_against_targets() -> None:
    command = [_tonesense(), "bench", "mcp", "--cold-runs", "1", "--text-calls", "3", "--audio-runs", "1", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert results["targets"] == {"cold_start_s": 1.0, "measure_text_p50_ms": 15.0, "analyze_overhead_pct": 5.0}
    assert len(results["cold_start_runs_s"]) == 1 and results["cold_start_s"] > 0
    assert results["cold_start_server_cpu_s"] > 0
    assert 0 < results["measure_text_p50_ms"] <= results["measure_text_p95_ms"]
    assert results["analyze_in_process_s"] > 0 and results["analyze_over_mcp_s"] > 0
    assert set(results["meets_targets"]) == set(results["targets"])
    assert all(isinstance(value, bool) for value in results["meets_targets"].values())
