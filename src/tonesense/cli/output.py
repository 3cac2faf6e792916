"""Shared output helpers for CLI commands."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is not imported at run time: building the parser must stay fast
    from pydantic import BaseModel

__all__ = ["print_json"]


def print_json(value: BaseModel | dict[str, Any] | list[Any]) -> None:
    """Print exactly one JSON document on stdout (the `--json` contract)."""
    if isinstance(value, dict | list):
        text = json.dumps(value, indent=2, ensure_ascii=False)
    else:
        text = value.model_dump_json(indent=2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
