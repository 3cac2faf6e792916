"""examples/mcp_client.py runs end to end against the installed `tonesense serve mcp`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mcp", reason="needs the `mcp` extra")

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_mcp_client_example_lists_tools_analyzes_and_prints_the_context_block() -> None:
    script = REPO_ROOT / "examples" / "mcp_client.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "tools: transcribe_audio, analyze_audio, measure_text" in done.stdout
    assert "context block for the agent:" in done.stdout
    assert "Expression context for conversation demo" in done.stdout
    assert "progress: transcribe" in done.stderr
