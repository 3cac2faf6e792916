"""`tonesense transcribe FILE`: the transcript with segment timings, as text or as the contract JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tonesense.cli.output import print_json

if TYPE_CHECKING:
    from tonesense.schema import Transcript
    from tonesense.transcribe import ProgressCallback

__all__ = ["CONTRACT_KEYS", "PROGRESS_AFTER_SECONDS", "register"]

# Kept here rather than imported so that building the parser does not import the transcription stack.
ENGINE_CHOICES = ("faster-whisper", "openai-whisper")
CONTRACT_KEYS = {"text", "language", "duration", "segments"}
"""What `--json` prints: exactly the keys of the public contract."""
PROGRESS_AFTER_SECONDS = 30.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe speech to text with segment and word timings (Whisper, offline)",
        description="Transcribe an audio or video file with Whisper. Offline by default (tiny.en weights).",
    )
    parser.add_argument("file", help="audio or video file (WAV, FLAC, MP3, OGG/Opus, M4A/AAC, WebM, ...)")
    parser.add_argument("--engine", choices=ENGINE_CHOICES, default=ENGINE_CHOICES[0], help="Whisper engine")
    parser.add_argument("--model", default=None, help="weights: a CTranslate2 dir, a .pt checkpoint or a name")
    parser.add_argument("--language", default=None, help="ISO code such as 'en' (default: detect)")
    parser.add_argument("--json", action="store_true", help="print one JSON document (text, segments, words)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from tonesense.audio import load_audio
    from tonesense.transcribe import TranscribeOptions, get_transcriber

    audio = load_audio(args.file)
    transcriber = get_transcriber(args.engine, args.model)
    with _progress_bar(audio.duration) as progress:
        transcript = transcriber.transcribe(audio, TranscribeOptions(language=args.language), progress)
    if args.json:
        print_json(transcript.model_dump(mode="json", include=CONTRACT_KEYS))
    else:
        sys.stdout.write(_as_text(transcript))
    return 0


def _as_text(transcript: Transcript) -> str:
    if not transcript.segments:
        return "(no speech found)\n"
    return "".join(f"[{s.start:7.2f} -> {s.end:7.2f}] {s.text}\n" for s in transcript.segments)


@contextmanager
def _progress_bar(duration: float) -> Iterator[ProgressCallback | None]:
    """A bar on stderr, in seconds of audio, for audio longer than 30 s; nothing for short clips."""
    if duration <= PROGRESS_AFTER_SECONDS:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=round(duration, 1), unit="s", desc="transcribing", file=sys.stderr, leave=False) as bar:

        def advance(done: float, total: float) -> None:
            bar.update(round(min(done, total), 1) - bar.n)

        yield advance
