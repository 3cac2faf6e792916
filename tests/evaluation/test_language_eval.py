"""`tonesense eval language` on a small fixture folder laid out like shared/data/text."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tonesense.errors import InputError
from tonesense.evaluation.language import evaluate, format_report
from tonesense.evaluation.language_data import read_emobank, read_xed, xed_split

GOEMOTIONS_TEST = [
    ("Thank you so much, this helped a lot!", "15"),
    ("Thanks for the reply, much appreciated.", "15"),
    ("I love this song so much.", "18"),
    ("What do you mean by that?", "6"),
    ("The bus leaves at nine.", "27"),
    ("This is absolutely disgusting.", "11"),
]


def _write_fixture(root: Path) -> None:
    (root / "goemotions").mkdir(parents=True)
    rows = "".join(f"{text}\t{labels}\tid{i}\n" for i, (text, labels) in enumerate(GOEMOTIONS_TEST))
    (root / "goemotions" / "test.tsv").write_text(rows, encoding="utf-8")
    (root / "emobank").mkdir()
    lines = ["id,split,V,A,D,text"]
    samples = [
        ("I am overjoyed, this is the best day ever!", 4.4, 3.9),
        ("My dog died this morning and I can't stop crying.", 1.4, 3.6),
        ("The committee meets on the first Monday of each month.", 3.0, 2.6),
        ("We won the lottery!!", 4.2, 4.2),
        ("He was furious and screamed at everyone.", 1.8, 4.1),
        ("The report has twelve pages.", 3.0, 2.5),
    ]
    for i, (text, v, a) in enumerate(samples):
        lines.append(f'e{i},test,{v},{a},3.0,"{text}"')
    (root / "emobank" / "emobank.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for view in ("reader", "writer"):
        rows_v = ['"id","V","A","D","stdV","stdA","stdD","N"']
        rows_v += [f'"e{i}","{v}","{a}","3.0","0","0","0","5"' for i, (_, v, a) in enumerate(samples)]
        (root / "emobank" / f"{view}.csv").write_text("\n".join(rows_v) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("text")
    _write_fixture(root)
    return root


@pytest.mark.slow
def test_eval_on_a_fixture_folder_reports_the_contract_keys(fixture_dir: Path) -> None:
    metrics = evaluate(fixture_dir)
    for key in ("goemotions_macro_f1", "emobank_valence_r", "emobank_arousal_r", "emobank_reader_valence_r"):
        assert key in metrics
    assert metrics["goemotions_n"] == len(GOEMOTIONS_TEST)
    assert metrics["missing"] == ["xed_en"]
    assert 0.0 <= metrics["goemotions_macro_f1"] <= 1.0
    # the six sentences span joy to grief: any working valence read-out ranks them
    assert metrics["emobank_valence_r"] > 0.7
    assert metrics["goemotions_per_label_f1"]["gratitude"] == 1.0
    assert "goemotions_macro_f1" in format_report(metrics)


def test_eval_rejects_a_folder_with_none_of_the_corpora(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path)


def test_xed_split_is_stable_and_about_ten_percent_test() -> None:
    texts = [f"line number {i}" for i in range(2000)]
    splits = [xed_split(t) for t in texts]
    assert splits == [xed_split(t) for t in texts]
    assert 0.07 < splits.count("test") / len(texts) < 0.13


def test_readers_parse_the_shared_layout(shared_dir: Path) -> None:
    text_dir = shared_dir / "data" / "text"
    assert len(read_emobank(text_dir / "emobank", "test")) == 1000
    assert len(read_emobank(text_dir / "emobank", "test", "reader")) == 1000
    xed_test = read_xed(text_dir / "xed_en", "test")
    assert any(labels == [] for _, labels in xed_test)  # the neutral lines are included
    assert all(0 <= label < 8 for _, labels in xed_test for label in labels)


@pytest.mark.slow
def test_cli_eval_language_prints_one_json_document(
    fixture_dir: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    result = run_cli("eval", "language", str(fixture_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert "goemotions_macro_f1" in json.loads(result.stdout)
