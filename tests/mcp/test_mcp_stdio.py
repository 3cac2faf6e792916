"""The official `mcp` client over stdio against the installed `tonesense serve mcp` command (a subprocess)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import anyio
import pytest

from mcp import Client, StdioServerParameters

pytestmark = pytest.mark.anyio


def _params(command: list[str], audio_dir: Path) -> StdioServerParameters:
    env = {"PATH": os.environ.get("PATH", ""), "OMP_NUM_THREADS": "2", "HOME": os.environ.get("HOME", "/tmp")}
    return StdioServerParameters(
        command=command[0], args=[*command[1:], "serve", "mcp", "--allow", str(audio_dir)], env=env
    )


async def test_stdio_server_lists_tools_resources_and_prompts(tonesense_command: list[str], audio_dir: Path) -> None:
    with anyio.fail_after(60):
        async with Client(_params(tonesense_command, audio_dir)) as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            resources = {str(item.uri) for item in (await client.list_resources()).resources}
            prompts = {prompt.name for prompt in (await client.list_prompts()).prompts}
            catalog = await client.call_tool("list_expressions", {})
    assert len(tools) == 7 and {"analyze_audio", "measure_text", "analyze_turn"} <= tools
    assert "tonesense://taxonomy" in resources
    assert prompts == {"empathic_reply"}
    assert not catalog.is_error and len((catalog.structured_content or {})["prosody"]) == 48


@pytest.mark.slow
async def test_stdio_server_runs_every_tool_on_real_audio(
    tonesense_command: list[str], audio_dir: Path, jfk: Path, validate_output: Any
) -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        ("transcribe_audio", {"audio": str(jfk)}),
        ("analyze_audio", {"audio": str(jfk), "granularity": "sentence"}),
        ("measure_text", {"text": ["I can't believe you did that!", "Thanks, that helps a lot."]}),
        ("analyze_turn", {"conversation_id": "stdio-1", "audio": str(jfk), "speaker": "user"}),
        ("analyze_turn", {"conversation_id": "stdio-1", "text": "Honestly I'm exhausted."}),
        ("get_conversation_context", {"conversation_id": "stdio-1"}),
        ("reset_conversation", {"conversation_id": "stdio-1"}),
        ("list_expressions", {}),
    ]
    with anyio.fail_after(400):
        async with Client(_params(tonesense_command, audio_dir)) as client:
            schemas = {tool.name: tool.output_schema for tool in (await client.list_tools()).tools}
            results = [(name, await client.call_tool(name, arguments)) for name, arguments in calls]
    for name, result in results:
        assert not result.is_error, (name, result.content)
        validate_output(result.structured_content, schemas[name])
    report = results[1][1].structured_content or {}
    assert report["granularity"] == "sentence" and not report["missing"]


def test_serve_stream_and_hume_say_not_available_yet(tonesense_command: list[str]) -> None:
    for name in ("stream", "hume"):
        done = subprocess.run([*tonesense_command, "serve", name], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert "not available yet" in done.stderr
