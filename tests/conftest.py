"""Fixtures shared by every test: where the shared data lives, the sample clip, a real Whisper engine."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tonesense.audio import DecodedAudio, load_audio

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (`../shared` beside the repo, or env TONESENSE_SHARED)."""
    path = Path(os.environ.get("TONESENSE_SHARED") or REPO_ROOT / ".." / "shared").resolve()
    if not (path / "data").is_dir():
        pytest.fail(f"shared data not found at {path}; set TONESENSE_SHARED to the shared folder")
    return path


@pytest.fixture(scope="session")
def asr_dir(shared_dir: Path) -> Path:
    """Real speech with reference transcripts, laid out as `transcripts.tsv` + `audio/`."""
    return shared_dir / "data" / "asr"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The JFK clip the repo ships (public domain)."""
    return REPO_ROOT / "samples" / "jfk.flac"


@pytest.fixture(scope="session")
def jfk_audio(sample_path: Path) -> DecodedAudio:
    return load_audio(sample_path)


CLI = str(Path(sys.executable).parent / "tonesense")
"""The installed console script next to this interpreter (works inside a venv without activating it)."""


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `tonesense ARGS...` as a user would, capturing stdout and stderr as text."""

    def run(*args: str, timeout: float = 280) -> subprocess.CompletedProcess[str]:
        return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout, check=False)

    return run
