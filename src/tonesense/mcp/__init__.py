"""tonesense as an MCP server: tools, resources and prompts over stdio or streamable HTTP.

Needs the `mcp` extra (`pip install 'tonesense[mcp]'`); nothing here is imported by `import tonesense`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tonesense.mcp.config import ServerConfig

if TYPE_CHECKING:
    from tonesense.mcp.server import build_http_app, build_server, run_http, run_stdio

__all__ = ["ServerConfig", "build_http_app", "build_server", "run_http", "run_stdio"]


def __getattr__(name: str) -> Any:
    if name in ("build_server", "build_http_app", "run_http", "run_stdio"):
        from tonesense.mcp import server

        return getattr(server, name)
    raise AttributeError(f"module 'tonesense.mcp' has no attribute {name!r}")
