"""`tonesense eval bursts`: metric arithmetic on known answers, folder kinds, and a run on tiny real folders."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tonesense.cli import main
from tonesense.errors import InputError
from tonesense.evaluation.bursts import _top_type, _union_seconds, evaluate
from tonesense.schema import Burst


def _burst(start: float, end: float, kind: str = "laughter", confidence: float = 0.5) -> Burst:
    return Burst(start=start, end=end, type=kind, confidence=confidence)


def test_flagged_time_counts_overlapping_bursts_once() -> None:
    assert _union_seconds([_burst(0, 2), _burst(1, 3), _burst(5, 6)]) == pytest.approx(4.0)
    assert _union_seconds([]) == 0.0


def test_type_is_the_most_confident_of_the_four_families() -> None:
    bursts = [_burst(0, 1, "sigh", 0.4), _burst(1, 2, "cough", 0.9), _burst(2, 3, "whimper", 0.6)]
    assert _top_type(bursts) == "whimper"
    assert _top_type([_burst(0, 1, "cough")]) is None


def test_folder_with_neither_labels_nor_transcripts_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path)


@pytest.mark.slow
def test_eval_bursts_on_clips_and_speech_gives_all_three_metrics(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deeply = shared_dir / "data" / "vocal_bursts" / "deeply_NC-ND_dev"
    clips = [
        ("audio/laughing/QI15_12_10_0_17_0_0_0.flac", "laughing"),
        ("audio/screaming/W268_15_2_0_24_0_0_0.flac", "screaming"),
    ]
    with (tmp_path / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "label"])
        writer.writerows((str(deeply / rel), label) for rel, label in clips)
    (tmp_path / "audio").mkdir()
    shutil.copy(shared_dir / "data" / "asr" / "audio" / "jfk.flac", tmp_path / "audio" / "jfk.flac")
    (tmp_path / "transcripts.tsv").write_text("id\taudio\ttranscript\njfk\taudio/jfk.flac\tand so\n", encoding="utf-8")
    assert main(["eval", "bursts", str(tmp_path), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["recall_per_class"] == {"laughing": 1.0, "screaming": 1.0}
    assert metrics["type_accuracy"] == 1.0
    assert metrics["speech_false_burst_rate"] == 0.0
    assert metrics["speech_seconds"] == pytest.approx(11.0, abs=0.1)
