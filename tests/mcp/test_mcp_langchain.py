"""LangChain loads tonesense's MCP tools through langchain-mcp-adapters and calls them over stdio.

langchain-mcp-adapters 0.3.x requires the v1 `mcp` SDK, which cannot share an environment with the server's
v2 SDK, so the client runs in its own virtual environment (built once under build/, or given by the env var
TONESENSE_LANGCHAIN_PYTHON), exactly as an agent host with its own dependencies would.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import venv
from pathlib import Path

import pytest

from tonesense.taxonomy import LANGUAGE_NAMES, PROSODY_NAMES

REPO_ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = "langchain-mcp-adapters==0.3.2"


@pytest.fixture(scope="session")
def langchain_python() -> Path:
    """A Python with langchain-mcp-adapters installed (built with pip on first use)."""
    given = os.environ.get("TONESENSE_LANGCHAIN_PYTHON")
    if given:
        return Path(given)
    env_dir = REPO_ROOT / "build" / "langchain-venv"
    python = env_dir / "bin" / "python"
    probe = [str(python), "-c", "import langchain_mcp_adapters.client"]
    if python.exists() and subprocess.run(probe, capture_output=True, timeout=120).returncode == 0:
        return python
    venv.create(env_dir, with_pip=True, clear=True)
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", ADAPTERS]
    done = subprocess.run(install, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"could not install {ADAPTERS}: {done.stderr[-2000:]}"
    return python


@pytest.mark.slow
def test_langchain_loads_the_tools_and_calls_measure_text_and_analyze_audio(
    langchain_python: Path, tonesense_command: list[str], audio_dir: Path, jfk: Path
) -> None:
    server = shlex.join([*tonesense_command, "serve", "mcp"])
    script = REPO_ROOT / "examples" / "langchain_mcp_tools.py"
    command = [str(langchain_python), str(script), "--server-command", server, "--audio-dir", str(audio_dir), str(jfk)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert "measure_text" in result["tools"] and "analyze_audio" in result["tools"]
    scores = result["measure_text"]["results"][0]["emotions"]
    assert [score["name"] for score in scores] == list(LANGUAGE_NAMES)
    report = result["analyze_audio"]
    assert "your country" in report["transcript"]["text"].lower()
    assert [score["name"] for score in report["segments"][0]["prosody"]] == list(PROSODY_NAMES)
