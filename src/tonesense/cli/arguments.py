"""argparse `type=` checks for numeric options: a bad value is a one-line usage error (exit 2), never a traceback.

Stdlib only: the benchmarks' `add_arguments` use these while the parser is built.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

__all__ = ["positive_seconds", "whole_number"]


def whole_number(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """A `type=` for integers in [minimum, maximum]."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if number < minimum or (maximum is not None and number > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise argparse.ArgumentTypeError(f"must be at least {minimum}{upper}, got {number}")
        return number

    return parse


def positive_seconds(value: str) -> float:
    """A `type=` for a finite number of seconds above zero."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {value}")
    return number
