"""Fixtures for the MCP server tests: the real shared audio, a server allowed to read it, jsonschema checks."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

pytest.importorskip("mcp", reason="the MCP tests need the `mcp` extra: pip install -e '.[mcp]'")

from mcp.server.mcpserver import MCPServer

from tonesense.mcp.config import ServerConfig
from tonesense.mcp.server import build_server

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    """Real speech clips from the shared data (`../shared/data/asr/audio`, or under env TONESENSE_SHARED)."""
    shared = Path(os.environ.get("TONESENSE_SHARED") or REPO_ROOT / ".." / "shared").resolve()
    path = shared / "data" / "asr" / "audio"
    if not (path / "jfk.flac").is_file():
        pytest.fail(f"shared audio not found at {path}; set TONESENSE_SHARED to the shared folder")
    return path


@pytest.fixture(scope="session")
def jfk(audio_dir: Path) -> Path:
    return audio_dir / "jfk.flac"


@pytest.fixture
def server(audio_dir: Path) -> MCPServer[Any]:
    return build_server(ServerConfig(allowed_dirs=(audio_dir,)))


@pytest.fixture(scope="session")
def tonesense_command() -> list[str]:
    """The installed `tonesense` console script (the one `pip install -e .` put next to this Python)."""
    script = Path(sys.executable).with_name("tonesense")
    found = str(script) if script.exists() else shutil.which("tonesense")
    if found is None:
        pytest.fail("the `tonesense` command is not installed; run pip install -e '.[dev,mcp]'")
    return [found]


def _validate(value: Any, schema: dict[str, Any] | None) -> None:
    assert schema is not None, "the tool declares no output schema"
    jsonschema.validate(value, schema)


@pytest.fixture(scope="session")
def validate_output() -> Any:
    """`validate_output(structured_content, tool.output_schema)`: fail unless it matches the declared schema."""
    return _validate
