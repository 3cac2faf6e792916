"""Weight resolution: explicit, then env, then the bundled offline weights, then the hub; errors list the tries."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonesense.errors import ModelNotFoundError
from tonesense.transcribe.weights import ENV_VAR, bundled_whisper_dir, resolve_whisper_weights


def test_default_is_the_bundled_offline_tiny_en(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    weights = resolve_whisper_weights(allow_hub=False)
    assert weights.location == str(bundled_whisper_dir()) and weights.is_local
    assert weights.model_id == "whisper-tiny.en-ct2"


def test_env_var_is_used_when_no_model_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = bundled_whisper_dir()
    monkeypatch.setenv(ENV_VAR, str(bundled))
    assert resolve_whisper_weights().source == f"env {ENV_VAR}"


def test_explicit_model_wins_over_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "elsewhere"))
    assert resolve_whisper_weights(str(bundled_whisper_dir())).source == "--model"


def test_missing_path_error_names_what_was_tried(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"Tried: --model=.*nowhere"):
        resolve_whisper_weights(str(tmp_path / "nowhere"))


def test_hub_names_are_accepted_only_when_the_hub_is_allowed() -> None:
    assert not resolve_whisper_weights("small.en").is_local
    assert resolve_whisper_weights("Systran/faster-whisper-small").location == "Systran/faster-whisper-small"
    with pytest.raises(ModelNotFoundError):
        resolve_whisper_weights("small.en", allow_hub=False)


def test_checkpoint_files_are_only_for_the_openai_engine(tmp_path: Path) -> None:
    checkpoint = tmp_path / "tiny.pt"
    checkpoint.write_bytes(b"x")
    assert resolve_whisper_weights(str(checkpoint), allow_checkpoint=True).model_id == "whisper-pt:tiny"
    with pytest.raises(ModelNotFoundError):
        resolve_whisper_weights(str(checkpoint), allow_hub=False)
