"""Translate tonesense errors into MCP tool errors whose text tells the calling model what to do next.

Only messages written for the caller pass through; anything unexpected becomes a generic message (the details
go to the server log), so internals, paths of model files and keys never reach the client.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError

from tonesense.errors import (
    AudioError,
    AudioTooLargeError,
    AudioTooLongError,
    BackendError,
    ConversationNotFoundError,
    InputError,
    MissingExtraError,
    ModelError,
    ModelNotFoundError,
)

__all__ = ["FeatureUnavailableError", "OperationCancelledError", "tool_error", "tool_errors"]

logger = logging.getLogger(__name__)


class FeatureUnavailableError(Exception):
    """A part of tonesense this tool needs is not available in this installation."""


class OperationCancelledError(Exception):
    """The client cancelled the request; raised inside the worker thread to stop the model work."""


_TOO_BIG_HINT = (
    " Ask the user for a shorter clip (or a trimmed copy), or call the tool on one part of the recording at a time."
)
_BAD_AUDIO_HINT = (
    " Check that `audio` points at a speech recording (WAV, FLAC, MP3, OGG, M4A...) and call the tool again."
)


def tool_error(exc: BaseException, tool: str) -> ToolError:
    """The `ToolError` the calling model sees for `exc`, raised while running `tool`."""
    if isinstance(exc, ConversationNotFoundError):
        return ToolError(f"{exc}. Start the conversation with analyze_turn, or check the conversation_id.")
    if isinstance(exc, AudioTooLargeError | AudioTooLongError):
        return ToolError(f"{exc}.{_TOO_BIG_HINT}")
    if isinstance(exc, AudioError):
        return ToolError(f"{exc}.{_BAD_AUDIO_HINT}")
    if isinstance(exc, InputError):
        return ToolError(str(exc))
    if isinstance(exc, MissingExtraError | FeatureUnavailableError):
        return ToolError(f"{exc}. This tool cannot run on this server until then: tell the user, do not retry.")
    if isinstance(exc, ModelNotFoundError):
        logger.warning("%s: model weights not found", tool)
        return ToolError(
            "The server is missing model weights for this tool. Tell the user to run `tonesense doctor` on the "
            "server; do not retry."
        )
    if isinstance(exc, ModelError):
        # ModelError messages are written for whoever has to act on them (see tonesense.errors).
        return ToolError(f"{exc}. This is a problem on the server: tell the user; retrying will not help.")
    if isinstance(exc, BackendError):
        logger.error("%s: backend failure: %s", tool, type(exc).__name__)
        return ToolError("The analysis backend failed. Retry once; if it fails again, tell the user.")
    if isinstance(exc, OperationCancelledError):
        return ToolError("The request was cancelled before it finished.")
    logger.error("%s failed unexpectedly", tool, exc_info=exc)
    return ToolError("tonesense hit an internal error. Retry once; if it fails again, tell the user.")


@contextmanager
def tool_errors(tool: str) -> Iterator[None]:
    """Re-raise any exception from the body as a `ToolError` written for the calling model."""
    try:
        yield
    except (ToolError, MCPError):
        raise
    except Exception as exc:  # top-level handler of a tool: every failure becomes a safe tool error
        raise tool_error(exc, tool) from None
