"""Hume v0 batch predictions JSON, both ways, on the real v0 examples and on tonesense reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tonesense.errors import InputError
from tonesense.schema import Burst, EmotionScore, ExpressionReport, SegmentExpression, TextPosition, Transcript
from tonesense.schema.hume_v0 import file_source, report_from_v0, report_to_v0, reports_from_v0, reports_to_v0
from tonesense.taxonomy import BURST_NAMES, LANGUAGE_NAMES, PROSODY_NAMES


@pytest.fixture(scope="module")
def examples_dir(shared_dir: Path) -> Path:
    return shared_dir / "reference" / "hume-v0-examples"


@pytest.fixture(scope="module")
def real_face_video(examples_dir: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (examples_dir / "batch_predictions_face_video_real_trimmed.json").read_text()
    )
    return data


@pytest.fixture(scope="module")
def api_definition_face(examples_dir: Path) -> list[dict[str, Any]]:
    examples = json.loads((examples_dir / "batch_api_definition_examples.json").read_text())
    data: list[dict[str, Any]] = examples["GET /v0/batch/jobs/{id}/predictions (get-job-predictions) response"]
    return data


def test_real_face_video_round_trips_unchanged(real_face_video: list[dict[str, Any]]) -> None:
    report = report_from_v0(real_face_video)
    assert report_to_v0(report) == real_face_video


def test_real_face_video_reads_into_face_predictions(real_face_video: list[dict[str, Any]]) -> None:
    report = report_from_v0(real_face_video)
    assert report.models == {"face": "hume-v0"}
    assert {face.face_id for face in report.faces} == {"face_0", "face_1", "face_2", "face_3"}
    first = report.faces[0]
    assert (first.face_id, first.frame) == ("face_1", 230)
    assert first.time == pytest.approx(7.674333333333333)
    assert len(first.emotions) == 48
    assert report.origin is not None and report.origin.file_type == "video_no_audio"


def test_api_definition_example_round_trips_unchanged(api_definition_face: list[dict[str, Any]]) -> None:
    assert report_to_v0(report_from_v0(json.dumps(api_definition_face))) == api_definition_face


def _scores(names: tuple[str, ...], hot: str) -> list[EmotionScore]:
    return [EmotionScore(name=name, score=0.9 if name == hot else 0.05) for name in names]


def _audio_report() -> ExpressionReport:
    transcript = Transcript(text="Oh no. That is great!", language="en", duration=4.0, engine="t", model_id="t")
    return ExpressionReport(
        transcript=transcript,
        duration=4.0,
        segments=[
            SegmentExpression(
                start=0.0,
                end=1.0,
                text="Oh no.",
                language=_scores(LANGUAGE_NAMES, "Distress"),
                prosody=_scores(PROSODY_NAMES, "Fear"),
                position=TextPosition(begin=0, end=6),
                confidence=0.8,
            ),
            SegmentExpression(
                start=1.5,
                end=3.0,
                text="That is great!",
                language=_scores(LANGUAGE_NAMES, "Joy"),
                prosody=_scores(PROSODY_NAMES, "Contempt"),
                confidence=0.9,
            ),
        ],
        bursts=[Burst(start=3.2, end=3.9, type="laughter", confidence=0.7, emotions=_scores(BURST_NAMES, "Amusement"))],
        models={"language": "lang-1", "prosody": "pros-1", "burst": "burst-1"},
    )


def test_audio_report_writes_the_v0_shape_consumers_read() -> None:
    [element] = report_to_v0(_audio_report(), source="clip.wav")
    assert element["source"]["type"] == "file" and element["source"]["filename"] == "clip.wav"
    [prediction] = element["results"]["predictions"]
    assert prediction["file"] == "clip.wav" and prediction["file_type"] == "audio"
    language = prediction["models"]["language"]
    assert language["metadata"] is None, "no words, so no transcription confidence to report"
    [group] = language["grouped_predictions"]
    assert group["id"] == "unknown"
    second = group["predictions"][1]
    assert second["position"] == {"begin": 7, "end": 21}, "position found in the transcript text when not set"
    assert second["time"] == {"begin": 1.5, "end": 3.0}
    assert [e["name"] for e in second["emotions"]] == list(LANGUAGE_NAMES)
    prosody = prediction["models"]["prosody"]["grouped_predictions"][0]["predictions"][0]
    assert set(prosody) == {"text", "time", "confidence", "speaker_confidence", "emotions"}
    assert [e["name"] for e in prosody["emotions"]] == list(PROSODY_NAMES)
    burst = prediction["models"]["burst"]
    assert burst["metadata"] is None
    [burst_prediction] = burst["grouped_predictions"][0]["predictions"]
    assert burst_prediction["time"] == {"begin": 3.2, "end": 3.9}
    assert burst_prediction["descriptions"] == [{"name": "Laugh", "score": 0.7}]


def test_audio_report_survives_v0_and_back() -> None:
    original = _audio_report()
    again = report_from_v0(report_to_v0(original))
    assert [(s.start, s.end, s.text) for s in again.segments] == [(s.start, s.end, s.text) for s in original.segments]
    assert [s.language for s in again.segments] == [s.language for s in original.segments]
    assert [s.prosody for s in again.segments] == [s.prosody for s in original.segments]
    assert [(b.start, b.end, b.type, b.emotions) for b in again.bursts] == [
        (b.start, b.end, b.type, b.emotions) for b in original.bursts
    ]
    assert again.segments[1].position == TextPosition(begin=7, end=21)
    assert report_to_v0(again) == report_to_v0(original)


def test_text_job_with_many_texts_reads_one_report_per_text() -> None:
    emotions = [{"name": name, "score": 0.1} for name in LANGUAGE_NAMES]
    files = []
    for index, text in enumerate(["Test!", "I am so tired of this."], start=1):
        prediction = {
            "text": text,
            "position": {"begin": 0, "end": len(text)},
            "time": None,
            "confidence": None,
            "speaker_confidence": None,
            "emotions": emotions,
            "sentiment": None,
            "toxicity": None,
        }
        files.append(
            {
                "file": str(index),
                "file_type": "text",
                "models": {
                    "language": {
                        "metadata": None,
                        "grouped_predictions": [{"id": "unknown", "predictions": [prediction]}],
                    }
                },
            }
        )
    data = [{"source": {"type": "text"}, "results": {"predictions": files, "errors": []}}]
    reports = reports_from_v0(data)
    assert [r.segments[0].text for r in reports] == ["Test!", "I am so tired of this."]
    assert reports_to_v0(reports) == data
    with pytest.raises(InputError, match="2 files"):
        report_from_v0(data)
    assert report_from_v0(data, file="2").segments[0].text == "I am so tired of this."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not JSON"),
        ({"foo": 1}, "expected v0 batch predictions"),
        ([{"source": {"type": "url"}, "error": "download failed"}], "download failed"),
        (
            [
                {
                    "source": {},
                    "results": {
                        "predictions": [
                            {
                                "file": "a",
                                "models": {
                                    "face": {"grouped_predictions": [{"id": "x", "predictions": [{"frame": 1}]}]}
                                },
                            }
                        ]
                    },
                }
            ],
            "shape",
        ),
    ],
)
def test_malformed_v0_json_is_a_clear_input_error(data: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        report_from_v0(data)


def test_hume_sdk_parses_what_tonesense_writes(real_face_video: list[dict[str, Any]]) -> None:
    from hume.expression_measurement.batch.types import InferenceSourcePredictResult

    written = report_to_v0(_audio_report(), source=file_source("clip.flac", b"fLaC..."))
    [parsed] = [InferenceSourcePredictResult.model_validate(element) for element in written]
    assert parsed.results is not None
    models = parsed.results.predictions[0].models
    assert models.language is not None and models.prosody is not None and models.burst is not None
    language = models.language.grouped_predictions[0].predictions[1]
    assert (language.position.begin, language.position.end) == (7, 21)
    assert models.burst.grouped_predictions[0].predictions[0].descriptions[0].name == "Laugh"
    for element in report_to_v0(report_from_v0(real_face_video)):
        InferenceSourcePredictResult.model_validate(element)


def test_file_source_names_type_and_checksum() -> None:
    source = file_source("clip.flac", b"abc")
    assert source == {
        "type": "file",
        "filename": "clip.flac",
        "content_type": "audio/flac",
        "md5sum": "900150983cd24fb0d6963f7d28e17f72",
    }
