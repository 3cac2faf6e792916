"""The official `mcp` client, in memory, against the real server and real models on real audio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.server.mcpserver import MCPServer

from mcp import Client
from tonesense.taxonomy import BURST_NAMES, DESCRIPTIONS, LANGUAGE_NAMES, PROSODY_NAMES, VAD

pytestmark = pytest.mark.anyio

TOOLS = {
    "transcribe_audio",
    "analyze_audio",
    "measure_text",
    "analyze_turn",
    "get_conversation_context",
    "reset_conversation",
    "list_expressions",
}


async def test_server_lists_its_tools_resources_templates_and_prompts(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            resources = {str(item.uri) for item in (await client.list_resources()).resources}
            templates = {item.uri_template for item in (await client.list_resource_templates()).resource_templates}
            prompts = {prompt.name for prompt in (await client.list_prompts()).prompts}
    assert set(tools) == TOOLS
    assert all(tool.output_schema for tool in tools.values())
    assert "cues about" in (tools["analyze_audio"].description or "")
    assert set(tools["analyze_turn"].input_schema["properties"]) == {"conversation_id", "text", "audio", "speaker"}
    assert resources == {"tonesense://taxonomy", "tonesense://scoring-guide"}
    assert templates == {"tonesense://conversations/{conversation_id}"}
    assert prompts == {"empathic_reply"}


async def test_list_expressions_returns_every_name_in_taxonomy_order(
    server: MCPServer[Any], validate_output: Any
) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            tool = {t.name: t for t in (await client.list_tools()).tools}["list_expressions"]
            result = await client.call_tool("list_expressions", {})
    assert not result.is_error
    validate_output(result.structured_content, tool.output_schema)
    content = result.structured_content or {}
    assert [item["name"] for item in content["language"]] == list(LANGUAGE_NAMES)
    assert [item["name"] for item in content["prosody"]] == list(PROSODY_NAMES)
    assert [item["name"] for item in content["burst"]] == list(BURST_NAMES)
    for item in content["language"]:
        assert item["description"] == DESCRIPTIONS[item["name"]]
        coordinates = (item["valence"], item["arousal"], item["dominance"])
        assert coordinates == VAD.get(item["name"], (None, None, None))


@pytest.mark.slow
async def test_transcribe_audio_returns_jfk_words_with_timings(
    server: MCPServer[Any], jfk: Path, validate_output: Any
) -> None:
    with anyio.fail_after(180):
        async with Client(server) as client:
            tool = {t.name: t for t in (await client.list_tools()).tools}["transcribe_audio"]
            result = await client.call_tool("transcribe_audio", {"audio": str(jfk)})
    assert not result.is_error, result.content
    validate_output(result.structured_content, tool.output_schema)
    transcript = result.structured_content or {}
    assert "ask not what your country can do for you" in transcript["text"].lower()
    words = [word for segment in transcript["segments"] for word in segment["words"]]
    assert len(words) > 15 and all(word["end"] >= word["start"] for word in words)


@pytest.mark.slow
async def test_analyze_audio_reports_scored_segments_and_progress(
    server: MCPServer[Any], jfk: Path, validate_output: Any
) -> None:
    progress: list[float] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append(value)

    with anyio.fail_after(240):
        async with Client(server) as client:
            tool = {t.name: t for t in (await client.list_tools()).tools}["analyze_audio"]
            result = await client.call_tool("analyze_audio", {"audio": str(jfk)}, progress_callback=on_progress)
    assert not result.is_error, result.content
    validate_output(result.structured_content, tool.output_schema)
    report = result.structured_content or {}
    assert "your country" in report["transcript"]["text"].lower()
    assert report["segments"], "no segments"
    for modality, names in (("language", LANGUAGE_NAMES), ("prosody", PROSODY_NAMES)):
        assert modality in report["models"], report["missing"]
        assert [score["name"] for score in report["segments"][0][modality]] == list(names)
    assert progress == sorted(progress) and len(progress) >= 3


@pytest.mark.slow
async def test_measure_text_scores_one_text_and_a_list(server: MCPServer[Any], validate_output: Any) -> None:
    with anyio.fail_after(120):
        async with Client(server) as client:
            tool = {t.name: t for t in (await client.list_tools()).tools}["measure_text"]
            one = await client.call_tool("measure_text", {"text": "Thank you so much, this is wonderful!"})
            many = await client.call_tool("measure_text", {"text": ["I am furious.", "That is hilarious, haha."]})
    for result in (one, many):
        assert not result.is_error, result.content
        validate_output(result.structured_content, tool.output_schema)
    first = (one.structured_content or {})["results"][0]["emotions"]
    assert [score["name"] for score in first] == list(LANGUAGE_NAMES)
    top = max(first, key=lambda score: score["score"])["name"]
    assert top in {"Gratitude", "Joy", "Admiration", "Excitement", "Satisfaction", "Love", "Amusement"}
    assert len((many.structured_content or {})["results"]) == 2


async def test_measure_text_reads_a_reply_after_its_context(server: MCPServer[Any]) -> None:
    reply, context = "died.", "I was so happy this morning. But then my dog"
    with anyio.fail_after(120):
        async with Client(server) as client:
            alone = await client.call_tool("measure_text", {"text": reply})
            read = await client.call_tool("measure_text", {"text": reply, "context": context})
            wrong = await client.call_tool("measure_text", {"text": reply, "context": 5})
    assert not alone.is_error and not read.is_error, read.content
    scores = [
        {s["name"]: s["score"] for s in (r.structured_content or {})["results"][0]["emotions"]} for r in (alone, read)
    ]
    assert scores[1]["Joy"] > scores[0]["Joy"] + 0.1  # the happy morning is part of how "died." reads
    assert (read.structured_content or {})["results"][0]["text"] == reply
    assert wrong.is_error


@pytest.mark.slow
async def test_conversation_tools_track_turns_render_context_and_reset(
    server: MCPServer[Any], jfk: Path, validate_output: Any
) -> None:
    with anyio.fail_after(240):
        async with Client(server) as client:
            tools = {t.name: t for t in (await client.list_tools()).tools}
            first = await client.call_tool("analyze_turn", {"conversation_id": "call-1", "text": "This is awful."})
            second = await client.call_tool(
                "analyze_turn", {"conversation_id": "call-1", "audio": str(jfk), "speaker": "caller"}
            )
            context = await client.call_tool("get_conversation_context", {"conversation_id": "call-1"})
            resource = await client.read_resource("tonesense://conversations/call-1")
            prompt = await client.get_prompt("empathic_reply", {"conversation_id": "call-1", "message": "Help?"})
            reset = await client.call_tool("reset_conversation", {"conversation_id": "call-1"})
            gone = await client.call_tool("get_conversation_context", {"conversation_id": "call-1"})
    for name, result in (("analyze_turn", first), ("analyze_turn", second), ("get_conversation_context", context)):
        assert not result.is_error, result.content
        validate_output(result.structured_content, tools[name].output_schema)
    assert (context.structured_content or {})["state"]["turns"] == 2
    assert (context.structured_content or {})["context_block"]
    assert '"timeline"' in getattr(resource.contents[0], "text", "")
    assert "Help?" in getattr(prompt.messages[0].content, "text", "")
    validate_output(reset.structured_content, tools["reset_conversation"].output_schema)
    assert (reset.structured_content or {})["reset"] is True
    assert gone.is_error and "analyze_turn" in getattr(gone.content[0], "text", "")


async def test_reading_resources_returns_taxonomy_and_scoring_guide(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            taxonomy = await client.read_resource("tonesense://taxonomy")
            guide = await client.read_resource("tonesense://scoring-guide")
    assert '"Admiration"' in getattr(taxonomy.contents[0], "text", "")
    assert len(getattr(guide.contents[0], "text", "")) > 100


async def test_unknown_conversation_resource_is_a_clear_not_found(server: MCPServer[Any]) -> None:
    from mcp import MCPError

    with anyio.fail_after(30):
        async with Client(server) as client:
            with pytest.raises(MCPError) as caught:
                await client.read_resource("tonesense://conversations/never-started")
    assert "analyze_turn" in caught.value.error.message


async def test_bad_arguments_come_back_as_tool_errors_that_say_what_to_do(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            both = await client.call_tool("analyze_turn", {"conversation_id": "x", "text": "hi", "audio": "a.wav"})
            neither = await client.call_tool("analyze_turn", {"conversation_id": "x"})
            bad_id = await client.call_tool("get_conversation_context", {"conversation_id": "../etc"})
            empty = await client.call_tool("measure_text", {"text": []})
    for result in (both, neither, bad_id, empty):
        assert result.is_error
    assert "exactly one of `text` or `audio`" in getattr(both.content[0], "text", "")
    assert "empty list" in getattr(empty.content[0], "text", "")


async def test_bad_arguments_get_one_short_line_per_argument(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            mixed = await client.call_tool("measure_text", {"text": ["fine", 5]})
            missing = await client.call_tool("measure_text", {})
            traversal = await client.call_tool("analyze_turn", {"conversation_id": "../x", "text": "hi"})
            granularity = await client.call_tool("analyze_audio", {"audio": "a.wav", "granularity": "bogus"})
    texts = [r.content[0].text for r in (mixed, missing, traversal, granularity) if r.is_error]  # type: ignore[union-attr]
    assert len(texts) == 4
    assert "`text[1]`: Input should be a valid string" in texts[0]
    assert "`text`: Field required" in texts[1]
    assert "`conversation_id`: String should match pattern" in texts[2]
    assert "`granularity`: Input should be 'word', 'sentence'" in texts[3]
    for text in texts:
        assert text.endswith("Fix them to match the tool's input schema and call again.")
        assert "pydantic" not in text and "Arguments" not in text and "\n" not in text


async def test_the_text_block_is_the_structured_content_as_compact_json(server: MCPServer[Any]) -> None:
    with anyio.fail_after(60):
        async with Client(server) as client:
            result = await client.call_tool("measure_text", {"text": "Thank you so much!"})
            catalog = await client.call_tool("list_expressions", {})
    for outcome in (result, catalog):
        assert not outcome.is_error and len(outcome.content) == 1
        text = outcome.content[0].text  # type: ignore[union-attr]
        assert json.loads(text) == outcome.structured_content
        assert "\n" not in text  # JSON escapes newlines inside strings, so any newline would be indentation
    scores = result.content[0].text  # type: ignore[union-attr]
    assert len(scores) < 0.6 * len(json.dumps(result.structured_content, indent=2))
