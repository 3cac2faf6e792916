"""The MCP resources: the taxonomy, the scoring guide, and each conversation's timeline and state."""

from __future__ import annotations

import json
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError

from tonesense.errors import ConversationNotFoundError, TonesenseError
from tonesense.mcp.errors import FeatureUnavailableError
from tonesense.mcp.runtime import Runtime
from tonesense.mcp.tools import expression_catalog

__all__ = ["CONVERSATION_URI", "SCORING_GUIDE_URI", "TAXONOMY_URI", "register_resources"]

TAXONOMY_URI = "tonesense://taxonomy"
SCORING_GUIDE_URI = "tonesense://scoring-guide"
CONVERSATION_URI = "tonesense://conversations/{conversation_id}"


def register_resources(server: MCPServer[Any], runtime: Runtime) -> None:
    """Add the taxonomy, scoring guide and conversation resources to `server`."""

    @server.resource(
        TAXONOMY_URI,
        name="taxonomy",
        description="Every expression name per modality (language 53, prosody 48, vocal burst 48) in result order, "
        "with descriptions and valence-arousal-dominance coordinates.",
        mime_type="application/json",
    )
    def taxonomy() -> str:
        return expression_catalog().model_dump_json(indent=2)

    @server.resource(
        SCORING_GUIDE_URI,
        name="scoring-guide",
        description="How to read tonesense scores: ranges, what they measure and what they do not.",
        mime_type="text/markdown",
    )
    def scoring_guide() -> str:
        return _scoring_guide()

    @server.resource(
        CONVERSATION_URI,
        name="conversation",
        description="One conversation's turns (timeline) and smoothed expression state, as JSON.",
        mime_type="application/json",
    )
    async def conversation(conversation_id: str) -> str:
        return await runtime.run_plain(lambda: _conversation_json(runtime, conversation_id))


def _scoring_guide() -> str:
    try:
        from tonesense.context.render import scoring_guide
    except ImportError:
        raise ResourceError("the scoring guide is not available in this tonesense installation") from None
    return scoring_guide()


def _conversation_json(runtime: Runtime, conversation_id: str) -> str:
    try:
        tracker = runtime.tracker()
        state = tracker.get_state(conversation_id)
        timeline = tracker.timeline(conversation_id)
    except ConversationNotFoundError:
        raise ResourceNotFoundError(f"no conversation {conversation_id!r}; add a turn with analyze_turn") from None
    except (FeatureUnavailableError, TonesenseError) as exc:
        raise ResourceError(str(exc)) from None
    payload = {
        "conversation_id": conversation_id,
        "state": state.model_dump(mode="json"),
        "timeline": [turn.model_dump(mode="json") for turn in timeline],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
