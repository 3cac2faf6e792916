"""Tool, resource and prompt listings against golden files in tests/mcp/snapshots/.

The names, argument names and descriptions are a contract with the models that call the tools; a change here
must be deliberate. TONESENSE_UPDATE_SNAPSHOTS=1 rewrites the files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.server.mcpserver import MCPServer

from mcp import Client

pytestmark = pytest.mark.anyio

SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, value: Any) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path = SNAPSHOTS / name
    if os.environ.get("TONESENSE_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with TONESENSE_UPDATE_SNAPSHOTS=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; TONESENSE_UPDATE_SNAPSHOTS=1 if intended"


async def test_tool_listing_matches_snapshot(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            tools = (await client.list_tools()).tools
    listing = {
        tool.name: {
            "description": tool.description,
            "input_schema": tool.input_schema,
            "output_schema_title": (tool.output_schema or {}).get("title"),
            "annotations": tool.annotations.model_dump(exclude_none=True) if tool.annotations else None,
        }
        for tool in tools
    }
    assert_snapshot("tools.json", listing)


async def test_resource_and_prompt_listing_matches_snapshot(server: MCPServer[Any]) -> None:
    with anyio.fail_after(30):
        async with Client(server) as client:
            resources = (await client.list_resources()).resources
            templates = (await client.list_resource_templates()).resource_templates
            prompts = (await client.list_prompts()).prompts
    listing = {
        "resources": {
            str(r.uri): {"name": r.name, "description": r.description, "mime": r.mime_type} for r in resources
        },
        "templates": {t.uri_template: {"name": t.name, "description": t.description} for t in templates},
        "prompts": {
            p.name: {"description": p.description, "arguments": [a.name for a in p.arguments or []]} for p in prompts
        },
    }
    assert_snapshot("resources_prompts.json", listing)
