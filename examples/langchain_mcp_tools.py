"""Use tonesense's MCP tools from LangChain through `langchain-mcp-adapters`.

langchain-mcp-adapters 0.3.x requires the v1 `mcp` SDK while tonesense's server uses v2, so run this script
in the agent's own environment (`pip install langchain-mcp-adapters`); it starts the tonesense server as a
subprocess over stdio, so the two never share an environment:

    python examples/langchain_mcp_tools.py --audio-dir DIR DIR/clip.flac

Prints one JSON object: the tool names LangChain loaded and the results of measure_text and analyze_audio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
from typing import Any

from langchain_mcp_adapters.client import MultiServerMCPClient


def server_config(command: str, audio_dir: str) -> dict[str, Any]:
    """The MultiServerMCPClient entry that launches `command` (e.g. "tonesense serve mcp") over stdio."""
    program, *args = shlex.split(command)
    return {
        "transport": "stdio",
        "command": program,
        "args": [*args, "--allow", audio_dir],
        "env": {"PATH": os.environ.get("PATH", ""), "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2")},
    }


async def run(command: str, audio_dir: str, audio: str) -> dict[str, Any]:
    client = MultiServerMCPClient({"tonesense": server_config(command, audio_dir)})
    tools = {tool.name: tool for tool in await client.get_tools()}
    text = await tools["measure_text"].ainvoke({"text": "Thank you so much, this made my day!"})
    report = await tools["analyze_audio"].ainvoke({"audio": audio, "modalities": ["prosody", "burst"]})
    return {"tools": sorted(tools), "measure_text": _payload(text), "analyze_audio": _payload(report)}


def _payload(result: Any) -> Any:
    """The JSON a LangChain MCP tool returned (a string, or a list of content blocks with text)."""
    if isinstance(result, list):
        result = "".join(block.get("text", "") for block in result if isinstance(block, dict))
    try:
        return json.loads(result)
    except (TypeError, ValueError):
        return {"text": str(result)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", help="an audio file inside --audio-dir")
    parser.add_argument("--audio-dir", required=True, help="directory the server may read audio from")
    parser.add_argument("--server-command", default="tonesense serve mcp", help="how to start the server")
    args = parser.parse_args()
    result = asyncio.run(run(args.server_command, args.audio_dir, args.audio))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
