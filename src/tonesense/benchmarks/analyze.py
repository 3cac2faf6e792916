"""`tonesense bench analyze`: full-analysis real-time factor on a minute or more of real speech.

The shared ASR clips are joined (with half-second pauses, repeated if needed) into one WAV of at least
`--seconds`; models are loaded by a warm-up run first (load time reported apart); then the whole analysis
runs `--repeats` times and the median wall time, process CPU time and per-stage times are reported, with
the machine's load average (other work on the same cores inflates wall time; CPU time shows the work). Stages that run
concurrently (bursts beside transcription, language beside prosody) overlap, so their sum can exceed the
total. Target: RTF <= 0.15 on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

from tonesense.cli.arguments import positive_seconds, whole_number

__all__ = ["add_arguments", "format_report", "run"]

TARGET_RTF = 0.15
_STAGES = ("decode", "transcribe", "language", "prosody", "burst", "summary")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options for `tonesense bench analyze`."""
    parser.add_argument("--data", default=None, help="folder with audio/*.flac (default: ../shared/data/asr)")
    parser.add_argument("--seconds", type=positive_seconds, default=60.0, help="minimum seconds of speech (default 60)")
    parser.add_argument(
        "--repeats", type=whole_number(1), default=3, help="timed runs; the median is reported (default 3)"
    )
    parser.add_argument("--granularity", default="utterance", help="segment granularity (default utterance)")
    parser.add_argument(
        "--no-language-context",
        action="store_true",
        help="score each segment's words alone, not also after the text before them (AnalyzerOptions)",
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Time the full analysis; returns audio length, load time, median total and per-stage seconds and RTFs."""
    from tonesense.errors import InputError
    from tonesense.pipeline import Analyzer, AnalyzerOptions, StageTimings

    if args.repeats < 1:
        raise InputError("--repeats must be at least 1")
    context = not getattr(args, "no_language_context", False)
    analyzer = Analyzer(AnalyzerOptions(granularity=args.granularity, language_context=context))
    with tempfile.TemporaryDirectory(prefix="tonesense-bench-") as folder:
        path, seconds = _speech_file(_data_dir(args.data), args.seconds, Path(folder))
        started = time.perf_counter()
        warm = analyzer.analyze(path)
        load_s = time.perf_counter() - started
        totals: list[float] = []
        cpu: list[float] = []
        stages: dict[str, list[float]] = {stage: [] for stage in _STAGES}
        load_before = os.getloadavg()[0]
        for _ in range(args.repeats):
            timings = StageTimings()
            started, cpu_started = time.perf_counter(), time.process_time()
            analyzer.analyze(path, timings=timings)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            for stage in _STAGES:
                if stage in timings.seconds:
                    stages[stage].append(timings.seconds[stage])
    total = statistics.median(totals)
    return {
        "audio_seconds": round(seconds, 2),
        "cpu_count": os.cpu_count(),
        "repeats": args.repeats,
        "granularity": args.granularity,
        "language_context": context,
        "segments": len(warm.segments),
        "first_run_s": round(load_s, 3),
        "total_s": round(total, 3),
        "total_runs_s": [round(t, 3) for t in totals],
        "rtf": round(total / seconds, 4),
        "cpu_s": round(statistics.median(cpu), 3),
        "cpu_rtf": round(statistics.median(cpu) / seconds, 4),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "target_rtf": TARGET_RTF,
        "meets_target": total / seconds <= TARGET_RTF,
        "stages": {
            stage: {"seconds": round(statistics.median(v), 3), "rtf": round(statistics.median(v) / seconds, 4)}
            for stage, v in stages.items()
            if v
        },
        "models": dict(warm.models),
        "missing": dict(warm.missing),
        "transcriber": warm.transcript.model_id if warm.transcript else None,
    }


def format_report(results: dict[str, Any]) -> str:
    """A table of per-stage seconds and RTFs, the total against the target, and what was not measured."""
    lines = [
        f"full analysis on {results['audio_seconds']:.1f} s of speech, {results['cpu_count']} CPUs, "
        f"median of {results['repeats']} (first run with model loading: {results['first_run_s']:.2f} s)",
        f"granularity {results['granularity']}, {results['segments']} segments, language read "
        + ("alone and in context" if results.get("language_context", True) else "alone"),
        f"{'stage':<12}{'seconds':>10}{'RTF':>10}",
    ]
    for stage, figures in results["stages"].items():
        lines.append(f"{stage:<12}{figures['seconds']:>10.3f}{figures['rtf']:>10.4f}")
    verdict = "meets" if results["meets_target"] else "MISSES"
    lines.append(f"{'total':<12}{results['total_s']:>10.3f}{results['rtf']:>10.4f}   {verdict} target <= {TARGET_RTF}")
    lines.append(
        f"process CPU time {results['cpu_s']:.3f} s (CPU-seconds per audio second {results['cpu_rtf']:.4f}); "
        f"1-min load average before/after: {results['load_average'][0]}/{results['load_average'][1]}"
    )
    lines.append("concurrent stages overlap: bursts run beside transcription, language beside prosody")
    lines += [f"{modality}: {model}" for modality, model in results["models"].items()]
    lines += [f"{modality}: NOT MEASURED ({reason})" for modality, reason in results["missing"].items()]
    return "\n".join(lines)


def _data_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    shared = os.environ.get("TONESENSE_SHARED")
    if shared:
        return Path(shared) / "data" / "asr"
    return Path.cwd() / ".." / "shared" / "data" / "asr"


def _speech_file(data: Path, minimum: float, folder: Path) -> tuple[Path, float]:
    """Join the clips under `data/audio` (repeating them if needed) into one 16-bit WAV of >= `minimum` s."""
    import numpy as np

    from tonesense.audio import SAMPLE_RATE, load_audio
    from tonesense.errors import InputError

    paths = sorted((data / "audio").glob("*.flac")) or sorted(data.glob("*.flac"))
    if not paths:
        raise InputError(f"no .flac clips in {data} or {data / 'audio'}; pass --data DIR")
    clips = [load_audio(path).samples for path in paths]
    pause = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    parts: list[Any] = []
    length = 0
    while length < minimum * SAMPLE_RATE:
        for clip in clips:
            parts += [clip, pause]
            length += len(clip) + len(pause)
    samples = np.concatenate(parts)
    path = folder / "speech.wav"
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(SAMPLE_RATE)
        handle.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path, len(samples) / SAMPLE_RATE
