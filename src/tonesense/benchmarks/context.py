"""`tonesense bench context`: time to add a turn and render its header and context block (target <= 1 ms).

Each timed turn is a measured turn: a report with `--segments` segments scored on language (53) and prosody
(48) with voice measures, and a laughter burst every fifth turn, built from seeded random scores (timing input,
not results). The stores run side by side on the same turns: in memory, SQLite (WAL, synchronous=NORMAL) and
SQLite with synchronous=FULL (an fsync per turn).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tonesense.context import ConversationStore
    from tonesense.schema import ExpressionReport

__all__ = ["add_arguments", "format_report", "run"]

TARGET_MS = 1.0
STORES = ("memory", "sqlite", "sqlite-full")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `tonesense bench context`."""
    parser.add_argument("--turns", type=int, default=300, help="measured turns per store (default 300)")
    parser.add_argument("--segments", type=int, default=3, help="segments per turn's report (default 3)")
    parser.add_argument("--max-tokens", type=int, default=300, help="context block budget (default 300)")
    parser.add_argument("--store", choices=(*STORES, "all"), default="all", help="store(s) to time (default all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random scores (default 0)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Time add_turn, header and context-block rendering per turn for each store."""
    reports = _reports(args.turns, args.segments, random.Random(args.seed))
    stores = STORES if args.store == "all" else (args.store,)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    results: dict[str, Any] = {
        "load_average_1min": load,
        "cpus": os.cpu_count(),
        "target_ms": TARGET_MS,
        "turns": args.turns,
        "segments_per_turn": args.segments,
        "max_tokens": args.max_tokens,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "stores": {},
    }
    with tempfile.TemporaryDirectory(prefix="tonesense-bench-") as folder:
        for name in stores:
            results["stores"][name] = _time_store(name, Path(folder), reports, args.max_tokens)
    return results


def format_report(results: dict[str, Any]) -> str:
    """A table of per-turn times (ms) per store and stage, against the target."""
    lines = [
        f"context update + rendering per turn: {results['turns']} measured turns, "
        f"{results['segments_per_turn']} segments each, block budget {results['max_tokens']} tokens; "
        f"target <= {results['target_ms']:.1f} ms per turn; load average {results['load_average_1min']:.1f} "
        f"on {results['cpus']} CPUs",
        "wall-clock ms per stage; cpu_total is the thread's CPU time (what the code costs when the machine is busy)",
        f"{'store':<12} {'stage':<10} {'mean':>8} {'p50':>8} {'p95':>8} {'max':>8}  meets target (mean)",
    ]
    for store, stages in results["stores"].items():
        for stage, figures in stages.items():
            if not isinstance(figures, dict):
                continue
            verdict = ("yes" if figures["mean_ms"] <= results["target_ms"] else "NO") if "total" in stage else ""
            lines.append(
                f"{store:<12} {stage:<10} {figures['mean_ms']:>8.3f} {figures['p50_ms']:>8.3f} "
                f"{figures['p95_ms']:>8.3f} {figures['max_ms']:>8.3f}  {verdict}"
            )
    return "\n".join(lines)


def _time_store(name: str, folder: Path, reports: list[ExpressionReport], max_tokens: int) -> dict[str, Any]:
    from tonesense.context import ConversationTracker, render_context_block

    store = _make_store(name, folder)
    tracker = ConversationTracker(store)
    update, render, total, cpu = [], [], [], []
    for report in reports:
        cpu_started, started = time.thread_time(), time.perf_counter()
        state = tracker.add_turn("bench", report=report, speaker="user")
        updated = time.perf_counter()
        render_context_block(state, max_tokens=max_tokens)
        finished, cpu_finished = time.perf_counter(), time.thread_time()
        update.append(updated - started)
        render.append(finished - updated)
        total.append(finished - started)
        cpu.append(cpu_finished - cpu_started)
    store.close()
    return {
        "update": _figures(update),
        "render": _figures(render),
        "total": _figures(total),
        "cpu_total": _figures(cpu),
        "meets_target": statistics.fmean(total) * 1000 <= TARGET_MS,
    }


def _make_store(name: str, folder: Path) -> ConversationStore:
    from tonesense.context import InMemoryConversationStore, SQLiteConversationStore

    if name == "memory":
        return InMemoryConversationStore()
    return SQLiteConversationStore(folder / f"{name}.db", synchronous="FULL" if name == "sqlite-full" else "NORMAL")


def _figures(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "mean_ms": statistics.fmean(ordered) * 1000,
        "p50_ms": ordered[len(ordered) // 2] * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def _reports(turns: int, segments: int, rng: random.Random) -> list[ExpressionReport]:
    from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, VoiceDimensions
    from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES

    def scores(names: tuple[str, ...]) -> list[EmotionScore]:
        return [EmotionScore(name=name, score=rng.random() ** 3) for name in names]

    reports = []
    for turn in range(turns):
        spans = [(2.0 * i, 2.0 * i + 1.8) for i in range(segments)]
        voice = VoiceDimensions(arousal=rng.random(), valence=rng.random(), dominance=rng.random(), rate_z=rng.gauss())
        report_segments = [
            SegmentExpression(
                start=start,
                end=end,
                text="words " * 8,
                language=scores(LANGUAGE_NAMES),
                prosody=scores(PROSODY_NAMES),
                voice=voice,
            )
            for start, end in spans
        ]
        bursts = [Burst(start=0.4, end=1.0, type="laughter", confidence=0.9, emotions=scores(BURST_NAMES))]
        reports.append(
            ExpressionReport(
                segments=report_segments,
                bursts=bursts if turn % 5 == 0 else [],
                models={"language": "bench", "prosody": "bench", "burst": "bench"},
            )
        )
    return reports
