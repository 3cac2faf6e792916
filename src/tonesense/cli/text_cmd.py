"""`tonesense text "..."`: the 53 language-expression scores for a text, on the local model."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tonesense.cli.arguments import whole_number
from tonesense.cli.output import print_json

__all__ = ["register"]

REMINDER = "Scores are cues about how the words are likely to be perceived, not statements about what anyone feels."


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "text", help="score the expressions a reader would likely perceive in a text (53 dimensions)"
    )
    parser.add_argument("text", help='the text to score; "-" reads it from stdin')
    parser.add_argument("--json", action="store_true", help="print one JSON object: text, emotions (53), sentiment")
    parser.add_argument(
        "--top", type=whole_number(1), default=5, help="expressions to list in the human output (default 5)"
    )
    parser.add_argument(
        "--context",
        default=None,
        help="text read just before (e.g. the previous message): scores are the mean of the text read alone "
        "and read after it",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from tonesense.expression.language import get_language_scorer

    text = sys.stdin.read() if args.text == "-" else args.text
    (result,) = get_language_scorer().score_texts([text], contexts=[args.context] if args.context else None)
    if args.json:
        print_json(
            result.model_dump(exclude_none=False)
            if result.language_note
            else result.model_dump(exclude={"language_note"})
        )
        return 0
    if not result.text.strip():
        print("(empty text: nothing to score)")
        return 0
    ranked = sorted(result.emotions, key=lambda e: e.score, reverse=True)[: max(1, args.top)]
    width = max(len(e.name) for e in ranked)
    for emotion in ranked:
        print(f"{emotion.name:<{width}}  {emotion.score:.2f}  {'#' * round(emotion.score * 20)}")
    if result.sentiment:
        mean = sum(int(s.name) * s.score for s in result.sentiment)
        print(f"sentiment (1 negative .. 9 positive): {mean:.1f}")
    if result.language_note:
        print(result.language_note)
    print(REMINDER)
    return 0
