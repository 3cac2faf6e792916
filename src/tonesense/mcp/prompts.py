"""The MCP prompts: ready-made messages that put a conversation's expression context in front of the model."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.prompts.base import Message, UserMessage
from pydantic import Field

from tonesense.errors import ConversationNotFoundError
from tonesense.mcp.runtime import Runtime

__all__ = ["register_prompts"]

_NO_CONTEXT = "(No expression context yet for this conversation: reply to the words alone.)"


def register_prompts(server: MCPServer[Any], runtime: Runtime) -> None:
    """Add tonesense's prompts to `server`."""

    @server.prompt(
        name="empathic_reply",
        description="Draft a reply to the user's message that takes into account how they have been expressing "
        "themselves in this conversation (from analyze_turn), without claiming to know their feelings.",
    )
    async def empathic_reply(
        conversation_id: Annotated[str, Field(description="the id used with analyze_turn", max_length=128)],
        message: Annotated[str, Field(description="the user's latest message to reply to", max_length=20_000)],
    ) -> list[Message]:
        context = await runtime.run_plain(lambda: _context_text(runtime, conversation_id))
        return [UserMessage(f"{context}\n\nThe user's message:\n{message}\n\nWrite your reply.")]


def _context_text(runtime: Runtime, conversation_id: str) -> str:
    from tonesense.context.render import render_context_block, render_system_prompt, render_turn_header

    tracker = runtime.tracker()
    try:
        state = tracker.get_state(conversation_id)
    except ConversationNotFoundError:
        return f"{render_system_prompt()}\n\n{_NO_CONTEXT}"
    return f"{render_system_prompt()}\n\n{render_context_block(state)}\n\nLatest turn: {render_turn_header(state)}"
