"""`tonesense eval KIND DIR`: measure a model on any folder laid out like the matching one in shared/data."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from tonesense.cli.arguments import whole_number
from tonesense.cli.output import print_json
from tonesense.errors import InputError

__all__ = ["register"]

# KIND -> module in tonesense.evaluation exposing `evaluate(directory, **options) -> dict` and
# `format_report(metrics) -> str`.
KINDS = ("asr", "language", "prosody", "bursts")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval", help="measure a model on a labelled folder (WER, F1, UAR, ...)")
    parser.add_argument("kind", choices=KINDS, help="what to measure")
    parser.add_argument("directory", help="folder laid out like the matching one in shared/data")
    parser.add_argument("--json", action="store_true", help="print one JSON object of metrics")
    parser.add_argument("--limit", type=whole_number(1), default=None, help="measure at most N items (quick checks)")
    parser.add_argument("--engine", default=None, help="asr only: faster-whisper (default) or openai-whisper")
    parser.add_argument("--model", default=None, help="asr only: Whisper weights (a path or a model name)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    options = {name: value for name in ("engine", "model") if (value := getattr(args, name)) is not None}
    if options and args.kind != "asr":
        raise InputError(f"--engine and --model apply to 'eval asr' only, not to 'eval {args.kind}'")
    module = importlib.import_module(f"tonesense.evaluation.{args.kind}")
    metrics: dict[str, Any] = module.evaluate(args.directory, limit=args.limit, progress=not args.json, **options)
    if args.json:
        print_json(metrics)
    else:
        sys.stdout.write(module.format_report(metrics) + "\n")
    return 0
