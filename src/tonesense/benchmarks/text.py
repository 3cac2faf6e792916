"""`tonesense bench text`: the local language model's load time, latency, throughput and memory.

Top-level imports stay light (stdlib and `tonesense.cli.arguments`): this module is imported when the CLI
parser is built.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonesense.cli.arguments import whole_number

if TYPE_CHECKING:
    from tonesense.expression.language import LocalLanguageScorer

__all__ = ["SENTENCES", "TARGETS", "add_arguments", "format_report", "run"]

# Conversational sentences of typical turn length (5-20 words), written for this benchmark.
SENTENCES: tuple[str, ...] = (
    "Thank you so much for coming all this way.",
    "Say that one more time?",
    "I can't believe they cancelled the flight again.",
    "The meeting has been moved to three o'clock on Thursday.",
    "Honestly, I'm not sure this is going to work.",
    "Wow, that's amazing news, congratulations!",
    "Um, I guess we could try it your way first.",
    "Why does this keep happening to me?",
    "I miss the summers we spent at the lake.",
    "Could you send me the report before lunch?",
    "That's the funniest thing I've heard all week.",
    "I'm really worried about my mother's surgery tomorrow.",
    "Sure, because that worked so well last time.",
    "We finally did it, we won the championship!",
    "I'm so tired I can barely keep my eyes open.",
    "Please don't leave me here alone.",
    "The report lists revenue by quarter and region.",
    "Oh no, I completely forgot about your birthday.",
    "Let me think about that for a moment.",
    "You should be proud of how far you've come.",
)
TARGETS = {"single_p50_ms": 5.0, "batch_sentences_per_s": 500.0, "load_s": 1.0, "added_rss_mb": 250.0}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options for `tonesense bench text`."""
    parser.add_argument(
        "--single", type=whole_number(1), default=300, help="single-sentence calls to time (default 300)"
    )
    parser.add_argument(
        "--batch", type=whole_number(1), default=2000, help="sentences in the batched run (default 2000)"
    )
    parser.add_argument(
        "--batch-runs",
        type=whole_number(1),
        default=3,
        help="batched runs; the median is reported, each run is listed (default 3)",
    )
    parser.add_argument(
        "--threads",
        type=whole_number(1),
        default=None,
        help="batches run side by side, one onnxruntime thread each (default: the CPU count, up to 4)",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        default=None,
        metavar="MODEL_DIR",
        help="also time the language model files in MODEL_DIR (e.g. an older checkout's "
        "src/tonesense/expression/models/language) side by side with the shipped ones, interleaved in this "
        "process, and print the ratios",
    )
    parser.add_argument(
        "--compare-rounds",
        type=whole_number(1),
        default=4,
        help="interleaved rounds for --compare: --single single calls and one batch call per model each (default 4)",
    )


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure load, single-sentence latency, batched throughput and added resident memory; with `--compare`,
    also single calls and batches side by side with another model directory (`_compare`)."""
    import os

    import numpy  # noqa: F401  (imported before the baseline so it is not counted as the model's memory)

    from tonesense.errors import ModelNotFoundError
    from tonesense.expression.language import MODEL_ID, LocalLanguageScorer

    compare = getattr(args, "compare", None)
    other = None
    if compare is not None:  # loaded before minutes of benchmarking, so a bad directory fails at once
        if not (compare / "encoder.onnx").is_file():
            raise ModelNotFoundError(f"--compare {compare}: no encoder.onnx there (a language model directory)")
        other = LocalLanguageScorer(compare, threads=getattr(args, "threads", None))
        other.load()
    baseline = _rss_mb()
    started = time.perf_counter()
    scorer = LocalLanguageScorer(threads=getattr(args, "threads", None))
    scorer.load()
    load_s = time.perf_counter() - started
    scorer.score_texts(list(SENTENCES[:4]))  # warm-up: first runs allocate onnxruntime buffers
    single, single_cpu = [], []
    for i in range(max(1, args.single)):
        begin, begin_cpu = time.perf_counter(), time.thread_time()
        scorer.score_texts([SENTENCES[i % len(SENTENCES)]])
        single_cpu.append((time.thread_time() - begin_cpu) * 1000.0)
        single.append((time.perf_counter() - begin) * 1000.0)
    stages = _single_stages(scorer, max(1, args.single))
    batch = [SENTENCES[i % len(SENTENCES)] for i in range(max(1, args.batch))]
    rates = []
    for _ in range(max(1, getattr(args, "batch_runs", 1))):
        begin = time.perf_counter()
        scorer.score_texts(batch)
        rates.append(len(batch) / (time.perf_counter() - begin))
    single.sort()
    return {
        "model": MODEL_ID,
        "cpu_count": os.cpu_count(),
        "threads": getattr(args, "threads", None) or f"{min(4, os.cpu_count() or 1)} (default)",
        "load_s": round(load_s, 3),
        "single_p50_ms": round(statistics.median(single), 2),
        "single_p95_ms": round(single[int(0.95 * (len(single) - 1))], 2),
        "single_cpu_p50_ms": round(statistics.median(single_cpu), 2),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "batch_sentences_per_s": round(statistics.median(rates), 1),
        "batch_runs_sentences_per_s": [round(rate, 1) for rate in rates],
        "added_rss_mb": round(_rss_mb() - baseline, 1),
        "single_stages_p50_ms": stages,
        "targets": TARGETS,
        **({"compare": _compare(scorer, other, args)} if other is not None else {}),
    }


def _compare(shipped: LocalLanguageScorer, other: LocalLanguageScorer, args: argparse.Namespace) -> dict[str, Any]:
    """The shipped model against the files in `args.compare`, timed side by side in this process.

    Each round times `--single` single-sentence calls and then one batch call of `--batch` sentences on each
    model in turn, so both see the same minutes of a shared machine; the figures are the p50 over all rounds'
    single calls and the median batch rate. Both run the installed code: what is compared is the model files.
    """
    other.score_texts(list(SENTENCES[:4]))
    scorers = {"shipped": shipped, "other": other}
    single: dict[str, list[float]] = {name: [] for name in scorers}
    rates: dict[str, list[float]] = {name: [] for name in scorers}
    batch = [SENTENCES[i % len(SENTENCES)] for i in range(max(1, args.batch))]
    for _ in range(max(1, args.compare_rounds)):
        for name, scorer in scorers.items():
            for i in range(max(1, args.single)):
                begin = time.perf_counter()
                scorer.score_texts([SENTENCES[i % len(SENTENCES)]])
                single[name].append((time.perf_counter() - begin) * 1000.0)
            begin = time.perf_counter()
            scorer.score_texts(batch)
            rates[name].append(len(batch) / (time.perf_counter() - begin))
    p50 = {name: statistics.median(values) for name, values in single.items()}
    rate = {name: statistics.median(values) for name, values in rates.items()}
    return {
        "model_dir": str(args.compare),
        "rounds": max(1, args.compare_rounds),
        "single_p50_ms": {name: round(value, 2) for name, value in p50.items()},
        "batch_sentences_per_s": {name: round(value, 1) for name, value in rate.items()},
        "single_time_ratio": round(p50["shipped"] / p50["other"], 3),
        "batch_rate_ratio": round(rate["shipped"] / rate["other"], 3),
    }


def _single_stages(scorer: Any, calls: int) -> dict[str, float]:
    """Where one sentence's time goes: each stage of `score_texts` timed in order, p50 in ms.

    The stages run one after another as in a real call, so each sees the caches the previous one left (the
    encoder's weights push the heads' out); "results" is a whole call minus the stages before it.
    """
    from tonesense.expression.language_heads import head_inputs
    from tonesense.expression.language_model import sentence_embeddings
    from tonesense.expression.language_text import prepare_text

    model = scorer.load()
    times: dict[str, list[float]] = {k: [] for k in ("tokenise", "encoder", "emoji", "heads", "compose", "results")}
    for i in range(calls):
        text = SENTENCES[i % len(SENTENCES)]
        marks = [time.perf_counter()]
        prepared = [prepare_text(text)]
        token_ids = model.encoder.tokenize(prepared)
        marks.append(time.perf_counter())
        features = model.encoder.encode(prepared, token_ids)
        marks.append(time.perf_counter())
        emoji = model.emoji.log_probs(prepared)
        marks.append(time.perf_counter())
        outputs = model.heads(head_inputs(features, emoji))
        marks.append(time.perf_counter())
        model.compose_scores(outputs, sentence_embeddings(features))
        marks.append(time.perf_counter())
        begin = time.perf_counter()
        scorer.score_texts([text])
        whole = time.perf_counter() - begin
        durations = [b - a for a, b in itertools.pairwise(marks)]
        durations.append(max(0.0, whole - sum(durations)))
        for key, seconds in zip(times, durations, strict=True):
            times[key].append(seconds * 1000.0)
    return {key: round(statistics.median(values), 2) for key, values in times.items()}


def format_report(results: dict[str, Any]) -> str:
    """Figures with their targets, one per line."""
    lines = [f"language model {results['model']} on {results['cpu_count']} CPUs, threads {results['threads']}"]
    units = {"single_p50_ms": "ms", "batch_sentences_per_s": "sentences/s", "load_s": "s", "added_rss_mb": "MB"}
    for key, target in TARGETS.items():
        value = results[key]
        ok = value >= target if key == "batch_sentences_per_s" else value <= target
        sign = ">=" if key == "batch_sentences_per_s" else "<="
        lines.append(
            f"  {key:<22} {value:>9} {units[key]:<12} target {sign} {target:g} ({'meets' if ok else 'MISSES'})"
        )
    lines.append(f"  single_p95_ms          {results['single_p95_ms']:>9} ms")
    lines.append(
        f"  single_cpu_p50_ms      {results['single_cpu_p50_ms']:>9} ms           "
        "the calling thread's CPU time: leaves out waiting for a CPU on a shared machine"
        + (f" (load average {results['load_average_1min']:g})" if results.get("load_average_1min") is not None else "")
    )
    runs = results.get("batch_runs_sentences_per_s") or []
    if len(runs) > 1:
        lines.append(f"  batched runs (sentences/s, the median is reported): {', '.join(f'{r:g}' for r in runs)}")
    stages = results.get("single_stages_p50_ms") or {}
    if stages:
        parts = ", ".join(f"{name} {ms}" for name, ms in stages.items())
        lines.append(f"  one sentence by stage (p50 ms, run in order): {parts}")
    compare = results.get("compare")
    if compare:
        single, rate = compare["single_p50_ms"], compare["batch_sentences_per_s"]
        lines += [
            f"  side by side with {compare['model_dir']} ({compare['rounds']} interleaved rounds):",
            f"    one sentence p50  {single['shipped']} vs {single['other']} ms: "
            f"{compare['single_time_ratio']:g}x the time",
            f"    batched           {rate['shipped']:g} vs {rate['other']:g} sentences/s: "
            f"{compare['batch_rate_ratio']:g}x the rate",
        ]
    return "\n".join(lines)
