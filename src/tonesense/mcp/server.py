"""Build the tonesense MCP server and run it over stdio or streamable HTTP."""

from __future__ import annotations

import logging
import socket
import sys
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver import MCPServer

from tonesense import __version__
from tonesense.mcp.config import DEFAULT_HOST, DEFAULT_PORT, ServerConfig
from tonesense.mcp.descriptions import INSTRUCTIONS
from tonesense.mcp.http_security import BearerTokenMiddleware, check_bind, transport_security
from tonesense.mcp.prompts import register_prompts
from tonesense.mcp.resources import register_resources
from tonesense.mcp.runtime import Runtime
from tonesense.mcp.tools import build_tools

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from tonesense.context import ConversationTracker
    from tonesense.pipeline import Analyzer

__all__ = ["MCP_PATH", "build_http_app", "build_server", "run_http", "run_stdio"]

logger = logging.getLogger(__name__)

MCP_PATH = "/mcp"


def build_server(
    config: ServerConfig | None = None,
    *,
    analyzer: Analyzer | None = None,
    tracker: ConversationTracker | None = None,
) -> MCPServer[Any]:
    """The tonesense MCP server with its tools, resources and prompts; models load on first use."""
    config = config or ServerConfig()
    runtime = Runtime(config, analyzer=analyzer, tracker=tracker)
    server: MCPServer[Any] = MCPServer(
        "tonesense",
        title="tonesense",
        version=__version__,
        instructions=INSTRUCTIONS,
        log_level="WARNING",
        tools=build_tools(runtime),
    )
    register_resources(server, runtime)
    register_prompts(server, runtime)
    return server


def build_http_app(server: MCPServer[Any], config: ServerConfig, host: str, port: int) -> ASGIApp:
    """The streamable HTTP app at `/mcp`: Host/Origin checks, body size cap and, if configured, bearer auth."""
    check_bind(host, config.token)
    app: ASGIApp = server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        max_request_body_size=config.max_request_bytes,
        transport_security=transport_security(
            host, port, extra_hosts=config.extra_hosts, extra_origins=config.extra_origins
        ),
        host=host,
    )
    if config.token:
        app = BearerTokenMiddleware(app, config.token)
    return app


def run_stdio(server: MCPServer[Any]) -> None:
    """Serve one client over stdin/stdout until it disconnects."""
    server.run("stdio")


def run_http(server: MCPServer[Any], config: ServerConfig, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve streamable HTTP on `host:port` (port 0 picks a free one); announces the URL on stderr."""
    import anyio
    import uvicorn

    check_bind(host, config.token)
    sock = _listen(host, port)
    bound = int(sock.getsockname()[1])
    app = build_http_app(server, config, host, bound)
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5))
    shown = f"[{host}]" if ":" in host else host
    print(f"tonesense MCP server listening on http://{shown}:{bound}{MCP_PATH}", file=sys.stderr, flush=True)
    anyio.run(lambda: uv.serve(sockets=[sock]))


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
