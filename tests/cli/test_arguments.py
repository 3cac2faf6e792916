"""Numeric options: a bad value is a one-line usage error (exit 2), checked before any work starts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from subprocess import CompletedProcess

import pytest

from tonesense.cli.arguments import positive_seconds, whole_number

Cli = Callable[..., CompletedProcess[str]]


def test_whole_number_bounds() -> None:
    assert whole_number(1)("3") == 3
    assert whole_number(0, 65535)("0") == 0
    for bad in ("0", "-2", "1.5", "x"):
        with pytest.raises(argparse.ArgumentTypeError):
            whole_number(1)(bad)
    with pytest.raises(argparse.ArgumentTypeError, match="at most 65535"):
        whole_number(0, 65535)("70000")


def test_positive_seconds() -> None:
    assert positive_seconds("0.5") == 0.5
    for bad in ("0", "-1", "nan", "inf", "soon"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_seconds(bad)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("text", "hello", "--top", "-3"), "--top: must be at least 1, got -3"),
        (("bench", "context", "--turns", "0"), "--turns: must be at least 1, got 0"),
        (("bench", "text", "--threads", "-1"), "--threads: must be at least 1, got -1"),
        (("serve", "mcp", "--port", "70000"), "--port: must be at least 0 and at most 65535, got 70000"),
        (("analyze", "x.wav", "--window-length", "-1"), "--window-length: must be a number of seconds above 0"),
        (("eval", "language", ".", "--limit", "none"), "--limit: expected a whole number, got 'none'"),
    ],
)
def test_bad_numbers_are_usage_errors_without_a_traceback(run_cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
