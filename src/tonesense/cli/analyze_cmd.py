"""`tonesense analyze FILE`: transcript plus expression in words, tone of voice and vocal bursts.

`--json` prints the report, `--v0-json` Hume's v0 batch predictions JSON, `--report out.html` writes a page
with a timeline; without `--json`/`--v0-json` a readable summary goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonesense.cli.arguments import positive_seconds
from tonesense.cli.output import print_json

if TYPE_CHECKING:
    from tonesense.schema import ExpressionReport

__all__ = ["register"]

_GRANULARITIES = ("word", "sentence", "utterance", "turn", "window")
_MODALITIES = ("language", "prosody", "burst")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="transcribe and measure expression (words, tone of voice, vocal bursts)",
        description="Transcribe FILE and measure expression in the words (53 dimensions), the tone of voice "
        "(48) and vocal bursts (48): cues about how it is likely to be perceived, not what anyone feels.",
    )
    parser.add_argument("file", help="audio or video file (anything FFmpeg decodes)")
    parser.add_argument("--granularity", choices=_GRANULARITIES, default="utterance", help="segment size")
    parser.add_argument(
        "--modalities",
        nargs="+",
        default=list(_MODALITIES),
        metavar="M",
        help="which of: language prosody burst (default: all; commas also separate)",
    )
    parser.add_argument("--engine", default="faster-whisper", help="Whisper engine (faster-whisper, openai-whisper)")
    parser.add_argument("--model", default=None, help="Whisper model directory or name (default: bundled tiny.en)")
    parser.add_argument(
        "--window-length", type=positive_seconds, default=None, help="seconds per window (granularity window)"
    )
    parser.add_argument("--window-step", type=positive_seconds, default=None, help="seconds between windows")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the report as one JSON document")
    output.add_argument("--v0-json", action="store_true", help="print Hume v0 batch predictions JSON")
    parser.add_argument("--report", metavar="OUT.html", default=None, help="also write an HTML report with a timeline")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from tonesense.pipeline import Analyzer, AnalyzerOptions

    modalities = tuple(name.strip() for item in args.modalities for name in item.split(",") if name.strip())
    options = AnalyzerOptions(
        engine=args.engine,
        whisper_model=args.model,
        granularity=args.granularity,
        modalities=modalities,
        window_length=args.window_length,
        window_step=args.window_step,
    )
    report = Analyzer(options).analyze(args.file, progress=_progress_printer())
    if args.report:
        _write_report(report, Path(args.report), Path(args.file).name)
    if args.json:
        print_json(report.model_dump(mode="json"))
    elif args.v0_json:
        from tonesense.schema.hume_v0 import file_source, report_to_v0

        source = file_source(Path(args.file).name, Path(args.file).read_bytes())
        print_json(report_to_v0(report, source=source))
    else:
        sys.stdout.write(format_report(report, Path(args.file).name))
        if args.report:
            sys.stdout.write(f"\nHTML report written to {args.report}\n")
    return 0


def _write_report(report: ExpressionReport, path: Path, name: str) -> None:
    from tonesense.errors import InputError
    from tonesense.report import render_html

    try:
        path.write_text(render_html(report, title=f"How it was said: {name}"), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report to {path}: {exc.strerror or exc}") from exc


def _progress_printer() -> Any:
    """Progress on stderr when it is a terminal; silent otherwise (pipes, tests, `--json` consumers)."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, fraction: float) -> None:
        sys.stderr.write(f"\r{stage:<10} {100 * fraction:5.1f}%\x1b[K")
        if stage == "summary":
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return show


def format_report(report: ExpressionReport, name: str) -> str:
    """A readable summary: header, the agent summary, each segment with its top cues, bursts, models."""
    lines = [_headline(report, name), ""]
    if report.summary is not None:
        lines += [report.summary.text, ""]
    for segment in report.segments:
        when = f"{segment.start:6.1f}-{segment.end:<6.1f}" if segment.start is not None else ""
        lines.append(f"{when} {segment.text or '(no words)'}")
        cues = [
            f"{label}: " + ", ".join(f"{s.name} {s.score:.2f}" for s in sorted(scores, key=lambda s: -s.score)[:3])
            for label, scores in (("words", segment.language), ("voice", segment.prosody), ("burst", segment.bursts))
            if scores
        ]
        if cues:
            lines.append(" " * 14 + " | ".join(cues))
    if report.bursts:
        lines += ["", "Vocal bursts:"]
        lines += [f"  {b.start:6.1f}-{b.end:<6.1f} {b.type} ({b.confidence:.2f})" for b in report.bursts]
    lines.append("")
    lines += [f"{modality}: {model}" for modality, model in report.models.items()]
    lines += [f"{modality}: not measured ({reason})" for modality, reason in report.missing.items()]
    return "\n".join(lines) + "\n"


def _headline(report: ExpressionReport, name: str) -> str:
    parts = [name]
    if report.duration is not None:
        parts.append(f"{report.duration:.1f} s")
    if report.transcript is not None:
        parts += [report.transcript.language or "unknown language", report.transcript.model_id]
    return " · ".join(parts)
