"""`tonesense eval KIND DIR`: measure a model on any folder laid out like the matching one in shared/data, or
(`hume-language`) against Hume v0 language results kept from the API."""

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
KINDS = {
    "asr": "asr",
    "language": "language",
    "prosody": "prosody",
    "bursts": "bursts",
    "hume-language": "hume_language",
}
# option -> the one KIND it applies to
_KIND_OPTIONS = {"engine": "asr", "model": "asr", "min_granularity": "hume-language", "alone": "hume-language"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval", help="measure a model on a labelled folder (WER, F1, UAR, ...)")
    parser.add_argument("kind", choices=list(KINDS), help="what to measure")
    parser.add_argument(
        "directory",
        help="folder laid out like the matching one in shared/data; for hume-language, Hume v0 language results "
        "(predictions JSON, the platform's CSV export, or a folder of them)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object of metrics")
    parser.add_argument("--limit", type=whole_number(1), default=None, help="measure at most N items (quick checks)")
    parser.add_argument("--engine", default=None, help="asr only: faster-whisper (default) or openai-whisper")
    parser.add_argument("--model", default=None, help="asr only: Whisper weights (a path or a model name)")
    parser.add_argument(
        "--min-granularity",
        default=None,
        choices=("word", "sentence", "utterance", "turn", "window", "conversational_turn", "passage"),
        help="hume-language only: keep results at this granularity or coarser (default word: all)",
    )
    parser.add_argument(
        "--alone",
        action="store_true",
        default=None,
        help="hume-language only: score every text on its own, not in the context of the text before it",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    options = {name: value for name in _KIND_OPTIONS if (value := getattr(args, name)) is not None}
    for name in options:
        if _KIND_OPTIONS[name] != args.kind:
            flag = "--" + name.replace("_", "-")
            raise InputError(f"{flag} applies to 'eval {_KIND_OPTIONS[name]}' only, not to 'eval {args.kind}'")
    module = importlib.import_module(f"tonesense.evaluation.{KINDS[args.kind]}")
    metrics: dict[str, Any] = module.evaluate(args.directory, limit=args.limit, progress=not args.json, **options)
    if args.json:
        print_json(metrics)
    else:
        sys.stdout.write(module.format_report(metrics) + "\n")
    return 0
