"""The MCP server stays an optional extra: importing tonesense or building the CLI never imports `mcp`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tonesense.mcp.config import ServerConfig


def _printed_by_fresh_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_tonesense_and_building_the_cli_do_not_import_the_mcp_sdk() -> None:
    code = (
        "import sys, tonesense; from tonesense.cli import build_parser; build_parser(); "
        "import tonesense.mcp; "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'mcp_types', 'starlette', 'uvicorn')); "
        "print(heavy)"
    )
    assert _printed_by_fresh_python(code) == "[]"


def test_server_start_does_not_import_numpy_or_models() -> None:
    code = (
        "import sys; from tonesense.mcp.server import build_server; build_server(); "
        "print(sorted(m for m in ('numpy', 'onnxruntime', 'faster_whisper', 'ctranslate2', 'torch') "
        "if m in sys.modules))"
    )
    assert _printed_by_fresh_python(code) == "[]"


def test_allowed_directories_come_from_flags_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    monkeypatch.setenv("TONESENSE_ALLOWED_DIRS", f"{second}")
    monkeypatch.setenv("TONESENSE_MCP_TOKEN", "t0ken")
    config = ServerConfig.from_env(allow=(str(first), str(first)))
    assert config.allowed_dirs == (first.resolve(), second.resolve())
    assert config.token == "t0ken" and "t0ken" not in repr(config)


def test_a_missing_allowed_directory_is_an_error_not_silently_dropped(tmp_path: Path) -> None:
    from tonesense.errors import InputError

    with pytest.raises(InputError):
        ServerConfig.from_env(allow=(str(tmp_path / "missing"),))
