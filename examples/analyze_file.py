"""Analyze one audio file: transcript, expression cues per utterance, vocal bursts, an HTML report, v0 JSON.

Usage: python examples/analyze_file.py [AUDIO_FILE] [OUT_DIR]
Defaults to the sample clip the repo ships; writes report.html and predictions_v0.json into OUT_DIR (default:
the current folder). Scores are cues about how speech is likely to be perceived, not what anyone feels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tonesense import Analyzer
from tonesense.report import render_html
from tonesense.schema.hume_v0 import report_to_v0


def main() -> None:
    audio = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "samples" / "jfk.flac"
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path.cwd()
    out_dir.mkdir(parents=True, exist_ok=True)

    report = Analyzer().analyze(audio, granularity="sentence")

    print(report.summary.text if report.summary else "")
    for segment in report.segments:
        top = sorted(segment.language + segment.prosody, key=lambda s: -s.score)[:3]
        cues = ", ".join(f"{s.name} {s.score:.2f}" for s in top)
        print(f"{segment.start:5.1f}-{segment.end:5.1f}  {segment.text}  [{cues}]")
    for burst in report.bursts:
        print(f"burst: {burst.type} at {burst.start:.1f} s ({burst.confidence:.2f})")
    for modality, reason in report.missing.items():
        print(f"not measured: {modality} ({reason})")

    (out_dir / "report.html").write_text(render_html(report, title=f"How it was said: {audio.name}"))
    (out_dir / "predictions_v0.json").write_text(json.dumps(report_to_v0(report, source=audio.name), indent=2))
    print(f"wrote {out_dir / 'report.html'} and {out_dir / 'predictions_v0.json'}")


if __name__ == "__main__":
    main()
