"""Output schemas are published with their `$ref`s inlined: same documents accepted, cheaper to validate."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from tonesense.mcp.results import TextMeasurement
from tonesense.mcp.tool_set import inline_refs
from tonesense.schema import EmotionScore, TextScores


class _Node(BaseModel):
    label: str
    children: list[_Node] = []


def test_nested_references_are_replaced_by_their_definitions() -> None:
    schema = {
        "$defs": {"A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}}, "B": {"type": "integer"}},
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A", "description": "kept"}},
    }
    assert inline_refs(schema) == {
        "type": "object",
        "properties": {"a": {"type": "object", "properties": {"b": {"type": "integer"}}, "description": "kept"}},
    }


def test_a_recursive_model_keeps_its_definitions() -> None:
    inlined = inline_refs(_Node.model_json_schema())
    assert "$defs" in inlined
    jsonschema.validate({"label": "a", "children": [{"label": "b", "children": []}]}, inlined)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"label": "a", "children": [{"label": 3}]}, inlined)


def _measurement() -> dict[str, Any]:
    scores = [EmotionScore(name=f"d{i}", score=i / 10) for i in range(10)]
    return TextMeasurement(results=[TextScores(text="hi", emotions=scores)]).model_dump(mode="json")


def test_the_inlined_text_schema_accepts_and_rejects_what_the_original_does() -> None:
    original = TextMeasurement.model_json_schema(mode="serialization")
    inlined = inline_refs(original)
    assert "$ref" not in str(inlined)
    good = _measurement()
    bad = _measurement()
    bad["results"][0]["emotions"][3]["score"] = 1.5
    for schema in (original, inlined):
        jsonschema.validate(good, schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
