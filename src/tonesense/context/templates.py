"""Loading the prompt templates in `prompts/`: package data when installed, the repository folder otherwise."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

__all__ = ["load_template", "template_lines"]

_REPOSITORY_PROMPTS = Path(__file__).resolve().parents[3] / "prompts"


@cache
def load_template(name: str) -> str:
    """The text of `prompts/<name>`, from the installed package (`tonesense/prompts`) or, in an editable
    install, from the repository's top-level `prompts/` folder."""
    packaged = importlib.resources.files("tonesense").joinpath("prompts", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    local = _REPOSITORY_PROMPTS / name
    if local.is_file():
        return local.read_text(encoding="utf-8")
    raise FileNotFoundError(f"prompt template {name!r} is missing from tonesense/prompts and {_REPOSITORY_PROMPTS}")


@cache
def template_lines(name: str) -> dict[str, str]:
    """A template of `key: text` lines as a mapping."""
    pairs = (line.split(":", 1) for line in load_template(name).splitlines() if line.strip())
    return {key.strip(): text.strip() for key, text in pairs}
