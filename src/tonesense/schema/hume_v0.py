"""Hume's v0 batch `predictions` JSON, both ways.

`report_to_v0` writes what `GET /v0/batch/jobs/{id}/predictions` returned, so v0 consumers read tonesense
results unchanged: one element per source, one prediction per file, per model `{metadata,
grouped_predictions: [{id, predictions}]}`; language predictions carry `text`, `position` (character
offsets, end exclusive) and `time`; prosody `text`, `time {begin, end}`, `confidence`; bursts `time` and
`descriptions`; every prediction lists all 53 (language) or 48 emotions in taxonomy order.

`report_from_v0` reads such JSON (from Hume or anyone) into an `ExpressionReport`. Language and prosody
predictions with the same time span and speaker become one segment; v0 group ids other than "unknown"
become `speaker`. Face predictions (which tonesense does not measure itself) are kept in `report.faces`, one
per face per frame, and the source, file, file type, per-model metadata and errors in `report.origin`, so
a v0 result reads in and writes back unchanged. NER and facemesh predictions are not read. Reports read
from v0 carry no summary: `tonesense.pipeline.summarize(report)` makes one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from tonesense.errors import InputError
from tonesense.schema.expression import Burst
from tonesense.schema.report import (
    ExpressionReport,
    FaceBox,
    FacePrediction,
    Granularity,
    ReportOrigin,
    SegmentExpression,
    TextPosition,
)
from tonesense.schema.scores import EmotionScore
from tonesense.taxonomy import names_for

__all__ = ["V0_MODEL_ID", "file_source", "report_from_v0", "report_to_v0", "reports_from_v0", "reports_to_v0"]

logger = logging.getLogger(__name__)

V0_MODEL_ID = "hume-v0"
"""The model id a report read from v0 JSON gives each modality it holds."""

JsonDict = dict[str, Any]

# Burst family (tonesense `Burst.type`) -> the v0 description name that stands for it.
_DESCRIPTION_FOR_TYPE = {
    "laughter": "Laugh",
    "sigh": "Sigh",
    "crying": "Cry",
    "scream": "Scream",
    "gasp": "Gasp",
    "groan": "Groan",
    "hum": "Hmm",
    "yawn": "Yawn",
    "pant": "Pant",
    "whimper": "Whimper",
}
_TYPE_FOR_DESCRIPTION = {
    **{name: "laughter" for name in ("Laugh", "Giggle", "Chuckle", "Cackle", "Snicker", "Ha", "Hah", "Haha", "Hehe")},
    **{name: "crying" for name in ("Cry", "Sob", "Wail", "Wheep")},
    **{name: "scream" for name in ("Scream", "Screech", "Shriek", "Shout", "Yelp", "Howl", "Roar")},
    **{name: "sigh" for name in ("Sigh", "Phew", "Whew")},
    **{name: "groan" for name in ("Groan", "Moan", "Grunt", "Ugh", "Argh")},
    **{name: "hum" for name in ("Hmm", "Mhm", "Mmm", "Umm")},
    "Gasp": "gasp",
    "Yawn": "yawn",
    "Pant": "pant",
    "Whimper": "whimper",
}


# ---------------------------------------------------------------------------------------------- writing


def report_to_v0(
    report: ExpressionReport, *, source: JsonDict | str | None = None, file: str | None = None
) -> list[JsonDict]:
    """The v0 batch predictions JSON for one report (a list with one source element).

    `source` is a v0 source object (e.g. `{"type": "url", "url": ...}` or `file_source(name, content)`) or a
    file name (written as `file_source(name)`); by default the report's origin, else a file source. `file`
    names the prediction's file (default: the origin's, else the source's file name).
    """
    return reports_to_v0([report], source=source, file=file)


def reports_to_v0(
    reports: Sequence[ExpressionReport], *, source: JsonDict | str | None = None, file: str | None = None
) -> list[JsonDict]:
    """v0 predictions JSON for several reports; reports from the same source share one source element."""
    elements: list[JsonDict] = []
    by_source: dict[str, JsonDict] = {}
    for index, report in enumerate(reports, start=1):
        source_object = _source_object(report, source)
        key = json.dumps(source_object, sort_keys=True, default=str)
        if key not in by_source:
            by_source[key] = {"source": source_object, "results": {"predictions": [], "errors": []}}
            elements.append(by_source[key])
        results = by_source[key]["results"]
        results["predictions"].append(_prediction(report, file or _file_name(report, source_object, index)))
        results["errors"].extend(report.origin.errors if report.origin else [])
    return elements


def file_source(filename: str | None, content: bytes | None = None) -> JsonDict:
    """A v0 `{"type": "file", ...}` source: content type guessed from the name, md5 of `content` ("" without)."""
    content_type = mimetypes.guess_type(filename)[0] if filename else None
    md5sum = hashlib.md5(content, usedforsecurity=False).hexdigest() if content is not None else ""
    return {"type": "file", "filename": filename, "content_type": content_type, "md5sum": md5sum}


def _source_object(report: ExpressionReport, source: JsonDict | str | None) -> JsonDict:
    if isinstance(source, dict):
        return dict(source)
    if isinstance(source, str):
        return file_source(source)
    if report.origin is not None:
        return dict(report.origin.source)
    if report.transcript is None and not any(s.prosody for s in report.segments):
        return {"type": "text"}
    return file_source(None)


def _file_name(report: ExpressionReport, source: JsonDict, index: int) -> str:
    if report.origin is not None and report.origin.file is not None:
        return report.origin.file
    if source.get("type") == "text":
        return str(index)
    return str(source.get("filename") or source.get("url") or "file")


def _prediction(report: ExpressionReport, file: str) -> JsonDict:
    prediction: JsonDict = {"file": file}
    file_type = _file_type(report)
    if file_type is not None:
        prediction["file_type"] = file_type
    models: JsonDict = {}
    for name, groups in (
        ("face", _face_groups(report)),
        ("burst", _burst_groups(report)),
        ("prosody", _prosody_groups(report)),
        ("language", _language_groups(report)),
    ):
        if groups is not None:
            models[name] = {"metadata": _metadata(report, name), "grouped_predictions": groups}
    prediction["models"] = models
    return prediction


def _file_type(report: ExpressionReport) -> str | None:
    if report.origin is not None:
        return report.origin.file_type
    return "text" if report.transcript is None and not report.bursts else "audio"


def _metadata(report: ExpressionReport, model: str) -> JsonDict | None:
    if report.origin is not None:
        return report.origin.metadata.get(model)
    if model not in ("prosody", "language") or report.transcript is None:
        return None
    words = report.transcript.words
    if not words:
        return None  # v0 metadata needs a transcription confidence; without words there is none
    confidence = sum(w.probability for w in words) / len(words)
    return {"confidence": confidence, "detected_language": report.transcript.language}


def _grouped(items: Iterable[tuple[str, JsonDict]]) -> list[JsonDict]:
    groups: dict[str, list[JsonDict]] = {}
    for group_id, prediction in items:
        groups.setdefault(group_id, []).append(prediction)
    return [{"id": group_id, "predictions": predictions} for group_id, predictions in groups.items()]


def _language_groups(report: ExpressionReport) -> list[JsonDict] | None:
    scored = [s for s in report.segments if s.language]
    if not scored:
        return None if "language" not in report.models else []
    full_text = report.transcript.text if report.transcript is not None else ""
    cursor = 0
    items = []
    for segment in scored:
        position = segment.position or _find(full_text, segment.text, cursor)
        cursor = position.end
        prediction = {
            "text": segment.text,
            "position": {"begin": position.begin, "end": position.end},
            "time": _time(segment),
            "confidence": segment.confidence,
            "speaker_confidence": segment.speaker_confidence,
            "emotions": _emotions(segment.language, "language"),
            "sentiment": _scores(segment.sentiment),
            "toxicity": _scores(segment.toxicity),
        }
        items.append((segment.speaker or "unknown", prediction))
    return _grouped(items)


def _find(text: str, piece: str, cursor: int) -> TextPosition:
    found = text.find(piece, cursor) if piece else -1
    begin = found if found >= 0 else cursor
    return TextPosition(begin=begin, end=begin + len(piece))


def _prosody_groups(report: ExpressionReport) -> list[JsonDict] | None:
    scored = [s for s in report.segments if s.prosody]
    if not scored:
        return None if "prosody" not in report.models else []
    items = []
    for segment in scored:
        prediction = {
            "text": segment.text or None,
            "time": _time(segment),
            "confidence": segment.confidence,
            "speaker_confidence": segment.speaker_confidence,
            "emotions": _emotions(segment.prosody, "prosody"),
        }
        items.append((segment.speaker or "unknown", prediction))
    return _grouped(items)


def _burst_groups(report: ExpressionReport) -> list[JsonDict] | None:
    scored = [b for b in report.bursts if b.emotions]
    if not scored:
        return None if "burst" not in report.models else []
    items = []
    for burst in scored:
        descriptions = burst.descriptions or [
            EmotionScore(name=_DESCRIPTION_FOR_TYPE.get(burst.type, burst.type.capitalize()), score=burst.confidence)
        ]
        prediction = {
            "time": {"begin": burst.start, "end": burst.end},
            "emotions": _emotions(burst.emotions, "burst"),
            "descriptions": _scores(descriptions),
        }
        items.append(("unknown", prediction))
    return _grouped(items)


def _face_groups(report: ExpressionReport) -> list[JsonDict] | None:
    if not report.faces:
        return None
    items = []
    for face in report.faces:
        prediction = {
            "frame": face.frame,
            "time": face.time,
            "prob": face.prob,
            "box": face.box.model_dump(),
            "emotions": _emotions(face.emotions, "face"),
            "facs": _scores(face.facs),
            "descriptions": _scores(face.descriptions),
        }
        items.append((face.face_id, prediction))
    return _grouped(items)


def _time(segment: SegmentExpression) -> JsonDict | None:
    if segment.start is None or segment.end is None:
        return None
    return {"begin": segment.start, "end": segment.end}


def _emotions(scores: Sequence[EmotionScore], modality: str) -> list[JsonDict]:
    """Scores in the modality's taxonomy order when they are exactly its names, else as given."""
    order = names_for(modality)
    by_name = {score.name: score.score for score in scores}
    if len(by_name) == len(scores) and set(by_name) == set(order):
        return [{"name": name, "score": by_name[name]} for name in order]
    return [{"name": score.name, "score": score.score} for score in scores]


def _scores(scores: Sequence[EmotionScore] | None) -> list[JsonDict] | None:
    return None if scores is None else [{"name": s.name, "score": s.score} for s in scores]


# ---------------------------------------------------------------------------------------------- reading


def report_from_v0(data: Any, *, file: str | None = None) -> ExpressionReport:
    """Read v0 predictions JSON (parsed, or a JSON string) into one report.

    With several files in `data`, name the one to read with `file`, or use `reports_from_v0`.
    Raises InputError when `data` is not v0 predictions JSON or holds no predictions.
    """
    reports = reports_from_v0(data)
    if file is not None:
        chosen = [r for r in reports if r.origin is not None and r.origin.file == file]
        if not chosen:
            names = ", ".join(str(r.origin.file) for r in reports if r.origin is not None)
            raise InputError(f"no file {file!r} in the v0 predictions; files there: {names}")
        return chosen[0]
    if len(reports) > 1:
        names = ", ".join(str(r.origin.file) for r in reports if r.origin is not None)
        raise InputError(
            f"the v0 predictions hold {len(reports)} files ({names}); pass file=... or use reports_from_v0"
        )
    return reports[0]


def reports_from_v0(data: Any) -> list[ExpressionReport]:
    """One report per file in v0 predictions JSON (parsed, or a JSON string), in order."""
    elements = _elements(data)
    reports: list[ExpressionReport] = []
    source_errors: list[str] = []
    for element in elements:
        results = element.get("results")
        if not results:
            source_errors.append(str(element.get("error") or "no results"))
            continue
        source = element.get("source") or {"type": "file"}
        errors = list(results.get("errors") or [])
        for prediction in _list(results.get("predictions"), "results.predictions"):
            reports.append(_read_file(prediction, source, errors))
    if not reports:
        detail = f": {'; '.join(source_errors)}" if source_errors else ""
        raise InputError(f"the v0 JSON holds no predictions{detail}")
    return reports


def _elements(data: Any) -> list[JsonDict]:
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc}") from exc
    if isinstance(data, dict) and "results" in data:
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(
            "expected v0 batch predictions JSON: a list of {source, results: {predictions, errors}} objects"
        )
    return data


def _list(value: Any, where: str) -> list[JsonDict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InputError(f"v0 JSON: {where} must be a list of objects")
    return value


def _read_file(prediction: JsonDict, source: JsonDict, errors: list[JsonDict]) -> ExpressionReport:
    name = prediction.get("file")
    models = prediction.get("models") or {}
    if not isinstance(models, dict):
        raise InputError(f"v0 JSON: models of file {name!r} must be an object")
    skipped = sorted(set(models) - {"language", "prosody", "burst", "face"})
    if skipped:
        logger.info("v0 models not read into the report: %s", ", ".join(skipped))
    try:
        segments = _segments(_predictions(models, "language"), _predictions(models, "prosody"))
        bursts = [_burst(p) for _, p in _predictions(models, "burst")]
        faces = [_face(group_id, p) for group_id, p in _predictions(models, "face")]
        origin = ReportOrigin(
            source=source,
            file=None if name is None else str(name),
            file_type=prediction.get("file_type"),
            metadata={model: (models[model] or {}).get("metadata") for model in models if model in _READ},
            errors=[e for e in errors if e.get("file") in (None, name)],
        )
    except (ValidationError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(f"v0 JSON for file {name!r} does not have the v0 prediction shape: {exc}") from exc
    return ExpressionReport(
        transcript=None,
        granularity=_granularity(segments),
        duration=_duration(segments, bursts, faces),
        segments=segments,
        bursts=bursts,
        models={model: V0_MODEL_ID for model in models if model in _READ and models[model] is not None},
        faces=faces,
        origin=origin,
    )


_READ = ("language", "prosody", "burst", "face")


def _predictions(models: JsonDict, model: str) -> list[tuple[str, JsonDict]]:
    section = models.get(model)
    if not section:
        return []
    pairs: list[tuple[str, JsonDict]] = []
    for group in _list(section.get("grouped_predictions"), f"{model}.grouped_predictions"):
        group_id = str(group.get("id") or "unknown")
        pairs.extend((group_id, p) for p in _list(group.get("predictions"), f"{model} predictions"))
    return pairs


def _segments(language: list[tuple[str, JsonDict]], prosody: list[tuple[str, JsonDict]]) -> list[SegmentExpression]:
    segments: list[SegmentExpression] = []
    timed: dict[tuple[float, float, str], int] = {}
    for group_id, p in prosody:
        span = _span(p)
        segment = SegmentExpression(
            start=span[0],
            end=span[1],
            text=p.get("text") or "",
            speaker=_speaker(group_id),
            prosody=_read_scores(p["emotions"]),
            confidence=p.get("confidence"),
            speaker_confidence=p.get("speaker_confidence"),
        )
        if span[0] is not None and span[1] is not None:
            timed[(span[0], span[1], group_id)] = len(segments)
        segments.append(segment)
    for group_id, p in language:
        span = _span(p)
        fields: JsonDict = {
            "language": _read_scores(p["emotions"]),
            "sentiment": _optional_scores(p.get("sentiment")),
            "toxicity": _optional_scores(p.get("toxicity")),
            "position": TextPosition.model_validate(p["position"]) if p.get("position") else None,
        }
        key = (span[0], span[1], group_id)
        if span[0] is not None and span[1] is not None and key in timed:
            index = timed.pop(key)
            segments[index] = segments[index].model_copy(update=fields)
            continue
        segments.append(
            SegmentExpression(
                start=span[0],
                end=span[1],
                text=p.get("text") or "",
                speaker=_speaker(group_id),
                confidence=p.get("confidence"),
                speaker_confidence=p.get("speaker_confidence"),
            ).model_copy(update=fields)
        )
    if all(s.start is not None for s in segments):
        segments.sort(key=lambda s: (s.start or 0.0, s.end or 0.0))
    return segments


def _span(prediction: JsonDict) -> tuple[float | None, float | None]:
    time = prediction.get("time")
    if not isinstance(time, dict):
        return None, None
    return float(time["begin"]), float(time["end"])


def _speaker(group_id: str) -> str | None:
    return None if group_id == "unknown" else group_id


def _read_scores(items: Any) -> list[EmotionScore]:
    return [EmotionScore(name=str(item["name"]), score=float(item["score"])) for item in items]


def _optional_scores(items: Any) -> list[EmotionScore] | None:
    return None if items is None else _read_scores(items)


def _burst(prediction: JsonDict) -> Burst:
    start, end = _span(prediction)
    descriptions = _optional_scores(prediction.get("descriptions")) or []
    top = max(descriptions, key=lambda d: d.score) if descriptions else None
    return Burst(
        start=start or 0.0,
        end=end if end is not None else start or 0.0,
        type=_TYPE_FOR_DESCRIPTION.get(top.name, "vocalization") if top else "vocalization",
        confidence=1.0,
        emotions=_read_scores(prediction["emotions"]),
        descriptions=descriptions,
    )


def _face(group_id: str, prediction: JsonDict) -> FacePrediction:
    return FacePrediction(
        face_id=group_id,
        frame=int(prediction["frame"]),
        time=float(prediction["time"]),
        prob=float(prediction["prob"]),
        box=FaceBox.model_validate(prediction["box"]),
        emotions=_read_scores(prediction["emotions"]),
        facs=_optional_scores(prediction.get("facs")),
        descriptions=_optional_scores(prediction.get("descriptions")),
    )


def _granularity(segments: Sequence[SegmentExpression]) -> Granularity:
    texts = [s.text for s in segments if s.text]
    return "word" if texts and all(" " not in t.strip() for t in texts) else "utterance"


def _duration(
    segments: Sequence[SegmentExpression], bursts: Sequence[Burst], faces: Sequence[FacePrediction]
) -> float | None:
    ends = [s.end for s in segments if s.end is not None] + [b.end for b in bursts] + [f.time for f in faces]
    return max(ends) if ends else None
