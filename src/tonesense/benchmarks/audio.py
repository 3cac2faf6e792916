"""`tonesense bench audio`: real-time factor of the local prosody and burst scorers on real speech.

The shared ASR clips are decoded and joined (with half-second pauses, repeated if needed) into at least
`--seconds` of speech. Models load in a warm-up run (reported apart). Then prosody alone (sliding windows like
Hume's `window`), bursts alone, and both on the same audio (sharing the decoded audio and its acoustic track,
as the pipeline does) each run `--repeats` times on a fresh copy, and the median wall time is reported.
Target: prosody + bursts RTF <= 0.15 on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

from tonesense.cli.arguments import positive_seconds, whole_number

__all__ = ["add_arguments", "format_report", "run"]

TARGET_RTF = 0.15


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options for `tonesense bench audio`."""
    parser.add_argument("--data", default=None, help="folder with audio/*.flac (default: ../shared/data/asr)")
    parser.add_argument("--seconds", type=positive_seconds, default=60.0, help="minimum seconds of speech (default 60)")
    parser.add_argument(
        "--repeats", type=whole_number(1), default=3, help="timed runs; the median is reported (default 3)"
    )
    parser.add_argument(
        "--window", type=positive_seconds, default=4.0, help="prosody window length in seconds (default 4)"
    )
    parser.add_argument("--step", type=positive_seconds, default=1.0, help="prosody window step in seconds (default 1)")


def _data_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    shared = os.environ.get("TONESENSE_SHARED")
    base = Path(shared) if shared else Path.cwd() / ".." / "shared"
    return base / "data" / "asr"


def _speech(folder: Path, seconds: float) -> Any:
    import numpy as np

    from tonesense.audio import SAMPLE_RATE, load_audio
    from tonesense.errors import InputError

    files = sorted((folder / "audio").glob("*.flac")) or sorted(folder.glob("*.flac"))
    if not files:
        raise InputError(f"no .flac files under {folder}; pass --data with a folder of speech clips")
    clips = [load_audio(path).samples for path in files]
    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    parts: list[Any] = []
    total = 0
    while total < seconds * SAMPLE_RATE:
        clip = clips[len(parts) // 2 % len(clips)]
        parts += [clip, pause]
        total += clip.size + pause.size
    return np.concatenate(parts)


def _timed(repeats: int, job: Any) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return times


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Time prosody, bursts and both; returns seconds and RTFs (median of `--repeats` runs)."""
    from tonesense.audio import DecodedAudio
    from tonesense.errors import InputError
    from tonesense.expression.bursts import LocalBurstScorer
    from tonesense.expression.prosody import LocalProsodyScorer, sliding_windows

    if args.repeats < 1:
        raise InputError("--repeats must be at least 1")
    samples = _speech(_data_dir(args.data), args.seconds)
    seconds = samples.size / 16_000
    spans = sliding_windows(seconds, args.window, args.step)
    prosody, bursts = LocalProsodyScorer(), LocalBurstScorer()

    def fresh() -> DecodedAudio:
        return DecodedAudio(samples=samples)

    def both() -> None:
        audio = fresh()
        bursts.detect(audio)
        prosody.score_spans(audio, spans)

    started = time.perf_counter()
    both()
    warmup = time.perf_counter() - started
    runs = {
        "prosody": _timed(args.repeats, lambda: prosody.score_spans(fresh(), spans)),
        "bursts": _timed(args.repeats, lambda: bursts.detect(fresh())),
        "both": _timed(args.repeats, both),
    }
    medians = {name: statistics.median(times) for name, times in runs.items()}
    return {
        "audio_seconds": round(seconds, 2),
        "cpu_count": os.cpu_count(),
        "repeats": args.repeats,
        "prosody_spans": len(spans),
        "warmup_s": round(warmup, 3),
        "seconds": {name: round(value, 3) for name, value in medians.items()},
        "runs_s": {name: [round(t, 3) for t in times] for name, times in runs.items()},
        "rtf": {name: round(value / seconds, 4) for name, value in medians.items()},
        "target_rtf": TARGET_RTF,
        "meets_target": medians["both"] / seconds <= TARGET_RTF,
        "models": {"prosody": prosody.model_id, "burst": bursts.model_id},
    }


def format_report(results: dict[str, Any]) -> str:
    """A short human-readable summary of `run`'s figures."""
    rtf = results["rtf"]
    verdict = "meets" if results["meets_target"] else "misses"
    return "\n".join(
        [
            f"audio: {results['audio_seconds']:.1f} s of speech, {results['cpu_count']} CPUs, "
            f"median of {results['repeats']} runs (warm-up {results['warmup_s']:.2f} s)",
            f"  prosody ({results['prosody_spans']} windows): {results['seconds']['prosody']:.3f} s"
            f"  RTF {rtf['prosody']:.4f}",
            f"  bursts: {results['seconds']['bursts']:.3f} s  RTF {rtf['bursts']:.4f}",
            f"  both:   {results['seconds']['both']:.3f} s  RTF {rtf['both']:.4f}  "
            f"({verdict} the {results['target_rtf']} target)",
        ]
    )
