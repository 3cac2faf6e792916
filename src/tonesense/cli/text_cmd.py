"""`tonesense text`: placeholder registration; the owning work replaces this module."""

from __future__ import annotations

from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    subparsers.add_parser("text", help="(not built yet)")
