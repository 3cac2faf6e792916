"""`tonesense eval asr DIR`: word error rate and real-time factor of a Whisper engine on labelled speech.

DIR holds `transcripts.tsv` (tab-separated, a header row with at least `audio` and `transcript`; optional `id`,
`start_s`, `end_s` to score a stretch of a longer file) and the audio files it names. References and
hypotheses both pass through Whisper's English text normaliser (the `whisper-normalizer` package, the same
rules openai-whisper ships, without torch) before WER is counted. WER is pooled over the whole set: all
substitutions, deletions and insertions over all reference words.
"""

from __future__ import annotations

import csv
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tonesense.audio import DecodedAudio, load_audio
from tonesense.errors import InputError

__all__ = ["AsrItem", "evaluate", "format_report", "read_manifest"]

logger = logging.getLogger(__name__)

MANIFEST = "transcripts.tsv"


@dataclass(frozen=True)
class AsrItem:
    """One reference: an audio file (or a stretch of it) and what was said in it."""

    id: str
    audio: Path
    transcript: str
    start: float | None = None
    end: float | None = None


def read_manifest(directory: str | Path) -> list[AsrItem]:
    """The items listed in `DIR/transcripts.tsv`, with audio paths resolved against DIR."""
    root = Path(directory)
    manifest = root / MANIFEST
    if not manifest.is_file():
        raise InputError(f"{root} has no {MANIFEST}; expected a folder laid out like shared/data/asr")
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    missing = {"audio", "transcript"} - set(rows[0] if rows else {})
    if missing:
        raise InputError(f"{manifest} needs the columns {sorted(missing)} (tab-separated, with a header row)")
    return [_item(row, root) for row in rows]


def _item(row: dict[str, str], root: Path) -> AsrItem:
    audio = root / row["audio"]
    if not audio.is_file():
        raise InputError(f"{MANIFEST} names {row['audio']!r}, which is not a file under {root}")
    return AsrItem(
        id=row.get("id") or audio.stem,
        audio=audio,
        transcript=row["transcript"],
        start=_seconds(row.get("start_s")),
        end=_seconds(row.get("end_s")),
    )


def _seconds(value: str | None) -> float | None:
    return float(value) if value and value.strip() else None


def evaluate(
    directory: str | Path,
    limit: int | None = None,
    progress: bool = True,
    *,
    engine: str = "faster-whisper",
    model: str | None = None,
    word_timestamps: bool = False,
) -> dict[str, Any]:
    """Transcribe every item and score it: keys `wer`, `rtf` (compute seconds per audio second) and `items`.

    Word timestamps are off by default: WER scores the text only. (On shared/data/asr they leave both engines'
    text unchanged; they cost time, most of all in openai-whisper.)
    """
    from tonesense.transcribe import TranscribeOptions, get_transcriber

    items = read_manifest(directory)[:limit]
    if not items:
        raise InputError(f"{Path(directory) / MANIFEST} lists no items")
    transcriber = get_transcriber(engine, model)
    load = getattr(transcriber, "load", None)
    if callable(load):
        load()  # model loading is not part of the real-time factor
    normalize = _normalizer()
    options = TranscribeOptions(word_timestamps=word_timestamps)
    scored = [
        _score(item, audio, lambda audio: transcriber.transcribe(audio, options), normalize)
        for item, audio in _decoded(items, progress)
    ]
    audio_seconds = sum(row["duration"] for row in scored)
    compute_seconds = sum(row["seconds"] for row in scored)
    return {
        "wer": _pooled_wer(scored),
        "rtf": compute_seconds / audio_seconds,
        "engine": transcriber.engine,
        "model_id": transcriber.model_id,
        "n_items": len(scored),
        "audio_seconds": round(audio_seconds, 2),
        "normalizer": "Whisper EnglishTextNormalizer (whisper-normalizer)",
        "word_timestamps": word_timestamps,
        "items": scored,
    }


def _decoded(items: list[AsrItem], progress: bool) -> Iterator[tuple[AsrItem, DecodedAudio]]:
    """Each item with its audio, decoding each file once (several items may share one file)."""
    cache: dict[Path, DecodedAudio] = {}
    for item in _with_progress(items, progress):
        if item.audio not in cache:
            cache[item.audio] = load_audio(item.audio)
        audio = cache[item.audio]
        if item.start is not None or item.end is not None:
            start, end = item.start or 0.0, item.end if item.end is not None else audio.duration
            audio = DecodedAudio(samples=audio.slice(start, end), source=f"{audio.source}[{start}:{end}]")
        yield item, audio


def _with_progress(items: list[AsrItem], progress: bool) -> Iterable[AsrItem]:
    if not progress:
        return items
    from tqdm import tqdm

    bar: Iterable[AsrItem] = tqdm(items, desc="eval asr", unit="item", leave=False)
    return bar


def _score(
    item: AsrItem, audio: DecodedAudio, transcribe: Callable[[DecodedAudio], Any], normalize: Callable[[str], str]
) -> dict[str, Any]:
    import jiwer

    started = time.perf_counter()
    hypothesis = transcribe(audio).text
    seconds = time.perf_counter() - started
    reference, normalized = normalize(item.transcript), normalize(hypothesis)
    if not reference.split():
        raise InputError(f"item {item.id!r} has an empty reference transcript after normalisation")
    counts = jiwer.process_words(reference, normalized)
    errors = counts.substitutions + counts.deletions + counts.insertions
    return {
        "id": item.id,
        "wer": counts.wer,
        "errors": errors,
        "reference_words": len(reference.split()),
        "reference": reference,
        "hypothesis": normalized,
        "duration": round(audio.duration, 3),
        "seconds": round(seconds, 4),
    }


def _pooled_wer(scored: list[dict[str, Any]]) -> float:
    errors = sum(int(row["errors"]) for row in scored)
    return errors / sum(int(row["reference_words"]) for row in scored)


def _normalizer() -> Callable[[str], str]:
    from whisper_normalizer.english import EnglishTextNormalizer

    normalizer: Callable[[str], str] = EnglishTextNormalizer()
    return normalizer


def format_report(metrics: dict[str, Any]) -> str:
    """A table of items, then the pooled WER and the real-time factor."""
    lines = [f"{'item':28} {'WER':>6}  {'dur s':>6}  {'RTF':>6}"]
    for row in metrics["items"]:
        rtf = row["seconds"] / row["duration"]
        lines.append(f"{row['id'][:28]:28} {row['wer']:6.1%}  {row['duration']:6.2f}  {rtf:6.3f}")
    lines.append(
        f"{metrics['engine']} ({metrics['model_id']}) on {metrics['n_items']} items, {metrics['audio_seconds']:.1f} s: "
        f"WER {metrics['wer']:.2%}, RTF {metrics['rtf']:.3f}"
    )
    return "\n".join(lines)
