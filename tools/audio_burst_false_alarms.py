"""Check the burst detector's operating point on emotional speech that holds no bursts: EmoDB (CC0).

Prints, per burst family, the 99.9th percentile and the maximum of its frame score (after the speech gate)
over all EmoDB clips, and the share of EmoDB speech time the detector flags as expressive bursts. This is
the evidence behind `BurstOptions.onset`; it reads only licence-permitted data and fits nothing.

    python tools/audio_burst_false_alarms.py
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from tonesense.audio import load_audio
from tonesense.expression.bursts import LocalBurstScorer

ROOT = Path(__file__).resolve().parents[1]
EMODB = ROOT / ".." / "shared" / "data" / "speech_emotion" / "emodb_CC0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=EMODB, help="folder with labels.csv (column path) + audio")
    args = parser.parse_args(argv)
    with (args.data / "labels.csv").open(newline="", encoding="utf-8") as handle:
        paths = [args.data / row["path"] for row in csv.DictReader(handle)]
    scorer = LocalBurstScorer()
    family_scores: dict[str, list[np.ndarray]] = {}
    seconds = flagged = 0.0
    by_type: dict[str, float] = {}
    for path in paths:
        audio = load_audio(path)
        frames = scorer.yamnet.frames_for(audio)
        for family, score in scorer.family_scores(frames).items():
            family_scores.setdefault(family, []).append(score)
        seconds += audio.duration
        for burst in scorer.detect(audio):
            if burst.expressive:
                flagged += burst.end - burst.start
                by_type[burst.type] = by_type.get(burst.type, 0.0) + burst.end - burst.start
    print(f"{len(paths)} clips, {seconds:.0f} s; onset {scorer.options.onset}")
    for family, parts in family_scores.items():
        values = np.concatenate(parts)
        above = float(np.mean(values >= scorer.options.onset))
        top = np.quantile(values, 0.999)
        print(f"  {family:<16} p99.9 {top:.3f}  max {values.max():.3f}  frames >= onset {above:.2%}")
    print(f"speech time flagged as expressive bursts: {flagged / seconds:.2%}")
    for family, spent in sorted(by_type.items(), key=lambda item: -item[1]):
        print(f"  {family:<16} {spent:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
