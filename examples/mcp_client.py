"""Talk to tonesense's MCP server the way an agent host does: start it over stdio, list tools, call them.

Usage: python examples/mcp_client.py [AUDIO_FILE]
Defaults to the sample clip the repo ships. Needs the `mcp` extra (`pip install 'tonesense[mcp]'`). Scores are
cues about how speech is likely to be perceived, not what anyone feels.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import anyio

from mcp import Client, StdioServerParameters


def server_params(audio_dir: Path) -> StdioServerParameters:
    """Launch `tonesense serve mcp`, allowed to read audio from `audio_dir` only."""
    command = shutil.which("tonesense") or str(Path(sys.executable).with_name("tonesense"))
    return StdioServerParameters(command=command, args=["serve", "mcp", "--allow", str(audio_dir)])


async def run(audio: Path) -> dict[str, Any]:
    """List the tools, analyze `audio` with progress, track it as a conversation turn, and return the results."""

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        print(f"  progress: {message}", file=sys.stderr)

    async with Client(server_params(audio.parent)) as client:
        tools = [tool.name for tool in (await client.list_tools()).tools]
        print(f"tools: {', '.join(tools)}")
        analysis = await client.call_tool("analyze_audio", {"audio": str(audio)}, progress_callback=on_progress)
        if analysis.is_error:
            raise SystemExit(f"analyze_audio failed: {analysis.content}")
        report = analysis.structured_content or {}
        print((report.get("summary") or {}).get("text", ""))
        turn = await client.call_tool("analyze_turn", {"conversation_id": "demo", "audio": str(audio)})
        context = (turn.structured_content or {}).get("context_block", "")
        print(f"context block for the agent:\n{context}")
        return {"tools": tools, "report": report, "context_block": context}


def main() -> None:
    default = Path(__file__).resolve().parents[1] / "samples" / "jfk.flac"
    audio = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else default
    anyio.run(run, audio)


if __name__ == "__main__":
    main()
