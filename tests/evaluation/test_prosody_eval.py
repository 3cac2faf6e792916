"""`tonesense eval prosody`: metric arithmetic on known answers, and a run on a tiny real folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tonesense.cli import main
from tonesense.errors import InputError
from tonesense.evaluation.prosody import evaluate, normalise_label, uar
from tonesense.expression.prosody_emotions import read_categories
from tonesense.schema import EmotionScore
from tonesense.taxonomy import PROSODY_NAMES


def test_uar_averages_recall_per_class_not_per_item() -> None:
    total, recalls = uar(["a", "a", "a", "a", "b"], ["a", "a", "a", "a", "a"])
    assert recalls == {"a": 1.0, "b": 0.0}
    assert total == 0.5


def test_corpus_labels_map_to_readout_categories() -> None:
    assert normalise_label("Anger") == "angry"
    assert normalise_label("happiness") == "happy"
    assert normalise_label("surprised") == "surprised"
    assert normalise_label("boredom") == "bored"
    assert normalise_label("contempt") is None


def test_readout_takes_the_largest_of_a_categorys_names() -> None:
    values = dict.fromkeys(PROSODY_NAMES, 0.1) | {"Anxiety": 0.7, "Fear": 0.2, "Anger": 0.5}
    emotions = [EmotionScore(name=n, score=values[n]) for n in PROSODY_NAMES]
    read = read_categories(emotions, ("angry", "fearful"))
    assert read == {"angry": 0.5, "fearful": 0.7}


def test_folder_without_labels_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path)


def _tiny_emodb(shared_dir: Path, target: Path) -> Path:
    source = shared_dir / "data" / "speech_emotion" / "emodb_CC0"
    with (source / "labels.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["speaker"] in ("3", "10")]
    picked = [r for r in rows if r["emotion"] in ("anger", "sadness")][:24]
    with (target / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["path", "emotion", "speaker"])
        writer.writeheader()
        for row in picked:
            writer.writerow({"path": str(source / row["path"]), "emotion": row["emotion"], "speaker": row["speaker"]})
    return target


@pytest.mark.slow
def test_eval_prosody_cli_prints_the_contract_keys(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _tiny_emodb(shared_dir, tmp_path)
    assert main(["eval", "prosody", str(folder), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert {"uar", "arousal_uar", "recall_per_class", "uar_clip_baseline"} <= set(metrics)
    assert set(metrics["recall_per_class"]) == {"angry", "sad"}
    assert metrics["arousal_uar"] >= 0.75
