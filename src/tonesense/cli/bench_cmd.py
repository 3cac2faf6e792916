"""`tonesense bench WHAT`: speed and memory figures with ratios measured side by side in one run."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from typing import Any

from tonesense.cli.output import print_json

__all__ = ["register"]

# WHAT -> module in tonesense.benchmarks exposing `add_arguments(parser)`, `run(args) -> dict` and
# `format_report(results) -> str`.
TARGETS = ("transcribe", "text", "audio", "analyze", "mcp", "context")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help="benchmark speed and memory (prints figures and ratios)")
    targets = parser.add_subparsers(dest="target", metavar="WHAT", required=True)
    for name in TARGETS:
        target = targets.add_parser(name, help=f"benchmark {name}")
        target.add_argument("--json", action="store_true", help="print one JSON object of figures")
        module_name = f"tonesense.benchmarks.{name}"
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).add_arguments(target)
        target.set_defaults(handler=_run, target=name)


def _run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"tonesense.benchmarks.{args.target}")
    results: dict[str, Any] = module.run(args)
    if args.json:
        print_json(results)
    else:
        sys.stdout.write(module.format_report(results) + "\n")
    return 0
