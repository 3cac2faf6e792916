"""`tonesense bench context`: time to add a turn and render its header and context block (target <= 1 ms).

Each timed turn is a measured turn: a report with `--segments` segments scored on language (53) and prosody
(48) with voice measures, and a laughter burst every fifth turn, built from seeded random scores (timing input,
not results). The stores run side by side on the same turns: in memory, SQLite (WAL, synchronous=NORMAL) and
SQLite with synchronous=FULL (an fsync per turn); each store runs the turns `--repeats` times on a fresh store.
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

from tonesense.cli.arguments import whole_number

if TYPE_CHECKING:
    from tonesense.context import ConversationStore
    from tonesense.schema import ExpressionReport

__all__ = ["add_arguments", "format_report", "run"]

TARGET_MS = 1.0
STORES = ("memory", "sqlite", "sqlite-full")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `tonesense bench context`."""
    parser.add_argument("--turns", type=whole_number(1), default=300, help="measured turns per store (default 300)")
    parser.add_argument("--segments", type=whole_number(1), default=3, help="segments per turn's report (default 3)")
    parser.add_argument("--max-tokens", type=whole_number(1), default=300, help="context block budget (default 300)")
    parser.add_argument("--store", choices=(*STORES, "all"), default="all", help="store(s) to time (default all)")
    parser.add_argument(
        "--repeats", type=whole_number(1), default=3, help="runs of the same turns per store (default 3)"
    )
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
        "repeats": args.repeats,
        "segments_per_turn": args.segments,
        "max_tokens": args.max_tokens,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "stores": {},
    }
    with tempfile.TemporaryDirectory(prefix="tonesense-bench-") as folder:
        for name in stores:
            results["stores"][name] = _time_store(name, Path(folder), reports, args.max_tokens, args.repeats)
    return results


def format_report(results: dict[str, Any]) -> str:
    """A table of per-turn times (ms) per store and stage, against the target."""
    lines = [
        f"context update + rendering per turn: {results['turns']} measured turns x {results['repeats']} runs, "
        f"{results['segments_per_turn']} segments each, block budget {results['max_tokens']} tokens; "
        f"target <= {results['target_ms']:.1f} ms per turn; load average {results['load_average_1min']:.1f} "
        f"on {results['cpus']} CPUs",
        "wall-clock ms per stage over all runs; cpu_total: the thread's CPU time; best_of_repeats: each turn's "
        "fastest run (both leave out time spent waiting for a CPU on a busy machine)",
        f"{'store':<12} {'stage':<16} {'mean':>8} {'p50':>8} {'p95':>8} {'max':>8}  meets target (mean)",
    ]
    for store, stages in results["stores"].items():
        for stage, figures in stages.items():
            if not isinstance(figures, dict):
                continue
            judged = stage in ("total", "cpu_total", "best_of_repeats")
            verdict = ("yes" if figures["mean_ms"] <= results["target_ms"] else "NO") if judged else ""
            lines.append(
                f"{store:<12} {stage:<16} {figures['mean_ms']:>8.3f} {figures['p50_ms']:>8.3f} "
                f"{figures['p95_ms']:>8.3f} {figures['max_ms']:>8.3f}  {verdict}"
            )
    return "\n".join(lines)


def _time_store(
    name: str, folder: Path, reports: list[ExpressionReport], max_tokens: int, repeats: int
) -> dict[str, Any]:
    runs = [_time_run(_make_store(name, folder / f"{name}-{run}"), reports, max_tokens) for run in range(repeats)]
    stages = {stage: [seconds for run in runs for seconds in run[stage]] for stage in runs[0]}
    # The same turns run `repeats` times on fresh stores; the fastest run of each turn filters out the time
    # this process spent waiting for a CPU on a busy machine (as timeit's "best of" does).
    best = [min(times) for times in zip(*(run["total"] for run in runs), strict=True)]
    results: dict[str, Any] = {stage: _figures(seconds) for stage, seconds in stages.items()}
    results["best_of_repeats"] = _figures(best)
    results["meets_target"] = results["total"]["mean_ms"] <= TARGET_MS
    results["meets_target_best_of_repeats"] = results["best_of_repeats"]["mean_ms"] <= TARGET_MS
    return results


def _time_run(store: ConversationStore, reports: list[ExpressionReport], max_tokens: int) -> dict[str, list[float]]:
    from tonesense.context import ConversationTracker, render_context_block

    tracker = ConversationTracker(store)
    times: dict[str, list[float]] = {"update": [], "render": [], "total": [], "cpu_total": []}
    for report in reports:
        cpu_started, started = time.thread_time(), time.perf_counter()
        state = tracker.add_turn("bench", report=report, speaker="user")
        updated = time.perf_counter()
        render_context_block(state, max_tokens=max_tokens)
        finished, cpu_finished = time.perf_counter(), time.thread_time()
        times["update"].append(updated - started)
        times["render"].append(finished - updated)
        times["total"].append(finished - started)
        times["cpu_total"].append(cpu_finished - cpu_started)
    store.close()
    return times


def _make_store(name: str, folder: Path) -> ConversationStore:
    from tonesense.context import InMemoryConversationStore, SQLiteConversationStore

    if name == "memory":
        return InMemoryConversationStore()
    return SQLiteConversationStore(folder.with_suffix(".db"), synchronous="FULL" if name == "sqlite-full" else "NORMAL")


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
