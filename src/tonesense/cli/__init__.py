"""The `tonesense` command: argument parsing and output formatting only; the work happens in the library.

Exit codes: 0 ok, 2 usage, 3 bad input, 4 model or engine error (5 for a cloud backend). Expected errors
print one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from tonesense import __version__
from tonesense.errors import BackendError, InputError, ModelError, TonesenseError

__all__ = ["EXIT_BACKEND", "EXIT_INPUT", "EXIT_MODEL", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_MODEL, EXIT_BACKEND = 0, 2, 3, 4, 5

# Each command lives in its own module exposing `register(subparsers)`; imported only to build the parser,
# so every module here keeps its heavy imports inside its handler.
_COMMAND_MODULES = ("transcribe", "text", "analyze", "eval", "bench", "serve", "doctor")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tonesense",
        description="Hear how something was said: transcripts and expression measures (cues about how "
        "speech is likely to be perceived, not verdicts about feelings), offline by default.",
    )
    parser.add_argument("--version", action="version", version=f"tonesense {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"tonesense.cli.{name}_cmd")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args) or EXIT_OK)
    except InputError as exc:
        return _fail(exc, EXIT_INPUT)
    except ModelError as exc:
        return _fail(exc, EXIT_MODEL)
    except BackendError as exc:
        return _fail(exc, EXIT_BACKEND)
    except TonesenseError as exc:
        return _fail(exc, EXIT_MODEL)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _fail(exc: TonesenseError, code: int) -> int:
    print(f"tonesense: error: {exc}", file=sys.stderr)
    return code
