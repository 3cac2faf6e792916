"""A converted openai-whisper checkpoint shared by the tests of this folder, in a temporary cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tonesense.transcribe.weights import CACHE_ENV_VAR


@pytest.fixture(scope="session")
def tonesense_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Points TONESENSE_CACHE at a fresh folder, so the tests exercise the first-use conversion."""
    path = tmp_path_factory.mktemp("tonesense-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV_VAR, str(path))
        yield path
