"""`tonesense bench transcribe`: real-time factor of the Whisper engines on the same speech and weights.

One stretch of real speech (>= 60 s, the clips of an asr-laid-out folder joined end to end), the same tiny.en
weights, beam size and options for every engine: faster-whisper int8, faster-whisper float32 and
openai-whisper float32 (weights converted from the same CTranslate2 files). Each engine is loaded and warmed
up once, then the runs are interleaved (round 1: every engine, round 2: every engine, ...) so that load from
other processes falls on all of them alike; the median of the rounds is reported, with the ratios.

Top-level imports stay in the standard library: the CLI imports this module to build its parser.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tonesense.cli.arguments import whole_number

__all__ = ["add_arguments", "format_report", "run"]

logger = logging.getLogger(__name__)

MIN_SECONDS = 60.0
GAP_SECONDS = 0.3
ENGINES = ("faster-whisper int8", "faster-whisper float32", "openai-whisper float32")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `tonesense bench transcribe`."""
    parser.add_argument(
        "--audio-dir",
        default=None,
        help="folder laid out like shared/data/asr whose clips are joined (default: $TONESENSE_SHARED/data/asr "
        "or ../shared/data/asr)",
    )
    parser.add_argument("--repeats", type=whole_number(1), default=3, help="timed rounds per engine (median reported)")
    parser.add_argument("--beam-size", type=whole_number(1), default=5, help="beam size for every engine")
    parser.add_argument(
        "--threads", type=whole_number(0), default=0, help="CPU threads per engine (0: library default)"
    )
    parser.add_argument(
        "--engines", default=",".join(ENGINES), help=f"comma-separated subset of: {', '.join(ENGINES)} (default: all)"
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Time every engine on the same audio; an engine that cannot run is reported with its reason."""
    from tonesense.errors import InputError
    from tonesense.transcribe import TranscribeOptions

    selected = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = sorted(set(selected) - set(ENGINES))
    if unknown or not selected or args.repeats < 1:
        raise InputError(f"choose --engines from {', '.join(ENGINES)} and --repeats >= 1 (got {unknown or selected})")
    audio = _joined_speech(_audio_dir(args.audio_dir))
    options = TranscribeOptions(beam_size=args.beam_size)
    runners, errors = _runners(selected, args.threads)
    seconds: dict[str, list[float]] = {name: [] for name in runners}
    words: dict[str, int] = {}
    for name, transcribe in runners.items():  # warm-up: loading, JIT compilation, caches
        words[name] = len(transcribe(audio, options).words)
    for _ in range(args.repeats):
        for name, transcribe in runners.items():
            started = time.perf_counter()
            transcribe(audio, options)
            seconds[name].append(time.perf_counter() - started)
    return _results(audio.duration, args, seconds, words, errors)


def _audio_dir(explicit: str | None) -> Path:
    from tonesense.errors import InputError

    candidates = [Path(explicit)] if explicit else _default_dirs()
    for candidate in candidates:
        if (candidate / "transcripts.tsv").is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise InputError(f"no folder with transcripts.tsv found (tried {tried}); pass --audio-dir DIR")


def _default_dirs() -> list[Path]:
    shared = os.environ.get("TONESENSE_SHARED")
    dirs = [Path(shared) / "data" / "asr"] if shared else []
    return [*dirs, Path.cwd().parent / "shared" / "data" / "asr", Path.cwd() / "shared" / "data" / "asr"]


def _joined_speech(directory: Path) -> Any:
    """The folder's audio files end to end with short gaps, repeated until at least 60 s."""
    import numpy as np

    from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
    from tonesense.errors import InputError
    from tonesense.evaluation.asr import read_manifest

    files = list(dict.fromkeys(item.audio for item in read_manifest(directory)))
    if not files:
        raise InputError(f"{directory / 'transcripts.tsv'} lists no audio")
    clips = [load_audio(path).samples for path in files]
    gap = np.zeros(int(GAP_SECONDS * SAMPLE_RATE), dtype=np.float32)
    pieces: list[Any] = []
    total = 0
    for clip in itertools.cycle(clips):
        if total >= MIN_SECONDS * SAMPLE_RATE:
            break
        pieces += [clip, gap]
        total += len(clip) + len(gap)
    return DecodedAudio(samples=np.concatenate(pieces), source=f"{len(files)} clips of {directory.name}")


def _runners(selected: list[str], threads: int) -> tuple[dict[str, Callable[..., Any]], dict[str, str]]:
    """A transcribe function per selected engine that could be built, and the reason for each that could not."""
    from tonesense.errors import TonesenseError
    from tonesense.transcribe.faster_whisper import FasterWhisperTranscriber

    runners: dict[str, Callable[..., Any]] = {}
    errors: dict[str, str] = {}
    for compute_type in ("int8", "float32"):
        if f"faster-whisper {compute_type}" in selected:
            engine = FasterWhisperTranscriber(compute_type=compute_type, cpu_threads=threads)
            runners[f"faster-whisper {compute_type}"] = engine.transcribe
    if "openai-whisper float32" not in selected:
        return runners, errors
    try:
        from tonesense.transcribe.openai_whisper import OpenAIWhisperTranscriber

        if threads:
            import torch

            torch.set_num_threads(threads)
        runners["openai-whisper float32"] = OpenAIWhisperTranscriber().transcribe
    except (TonesenseError, ImportError) as exc:
        errors["openai-whisper float32"] = str(exc)
    return runners, errors


def _results(
    duration: float,
    args: argparse.Namespace,
    seconds: dict[str, list[float]],
    words: dict[str, int],
    errors: dict[str, str],
) -> dict[str, Any]:
    rtf = {name: statistics.median(runs) / duration for name, runs in seconds.items()}
    base = rtf.get("faster-whisper int8")
    return {
        "audio_seconds": round(duration, 2),
        "repeats": args.repeats,
        "beam_size": args.beam_size,
        "threads": args.threads or "library default",
        "cpu_count": os.cpu_count(),
        "engines": {
            name: {"rtf": rtf[name], "seconds": [round(s, 3) for s in runs], "words": words[name]}
            for name, runs in seconds.items()
        },
        "ratios_vs_faster_whisper_int8": {name: value / base for name, value in rtf.items()} if base else {},
        "unavailable": errors,
    }


def format_report(results: dict[str, Any]) -> str:
    """Figures per engine, then how many times slower each one is than faster-whisper int8."""
    lines = [
        f"{results['audio_seconds']:.1f} s of speech, beam {results['beam_size']}, median of {results['repeats']} "
        f"interleaved runs, threads: {results['threads']} ({results['cpu_count']} CPUs)",
        f"{'engine':26} {'RTF':>7} {'x int8':>7}  seconds per run",
    ]
    ratios = results["ratios_vs_faster_whisper_int8"]
    for name, figures in results["engines"].items():
        ratio = f"{ratios[name]:7.2f}" if name in ratios else f"{'-':>7}"
        runs = ", ".join(f"{s:.2f}" for s in figures["seconds"])
        lines.append(f"{name:26} {figures['rtf']:7.3f} {ratio}  {runs}")
    for name, reason in results["unavailable"].items():
        lines.append(f"{name:26} not run: {reason}")
    return "\n".join(lines)
