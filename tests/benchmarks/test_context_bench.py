"""`tonesense bench context` times every store on the same turns and prints figures against the 1 ms target."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def test_bench_context_json_has_per_store_stage_figures(run_cli: RunCli) -> None:
    done = run_cli("bench", "context", "--turns", "20", "--segments", "2", "--json")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results["target_ms"] == 1.0 and results["turns"] == 20
    assert set(results["stores"]) == {"memory", "sqlite", "sqlite-full"}
    for figures in results["stores"].values():
        for stage in ("update", "render", "total", "cpu_total"):
            assert 0 < figures[stage]["p50_ms"] <= figures[stage]["max_ms"]
        assert figures["total"]["mean_ms"] >= figures["update"]["mean_ms"]
        assert isinstance(figures["meets_target"], bool)


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_bench_context_report_names_the_target(run_cli: RunCli, store: str) -> None:
    done = run_cli("bench", "context", "--turns", "10", "--store", store)
    assert done.returncode == 0, done.stderr
    assert "target <= 1.0 ms per turn" in done.stdout
    assert f"{store:<12} total" in done.stdout
