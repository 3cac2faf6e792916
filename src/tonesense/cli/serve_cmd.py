"""`tonesense serve`: run tonesense as a server. `serve mcp` is the MCP server; `stream` and `hume` are planned."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tonesense.cli.arguments import whole_number
from tonesense.errors import MissingExtraError

__all__ = ["add_mcp_arguments", "register", "serve_mcp"]

_PLANNED = {
    "stream": "realtime WebSocket streaming server",
    "hume": "Hume v0-compatible HTTP/WebSocket API",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run tonesense as a server (MCP over stdio or HTTP)")
    servers = parser.add_subparsers(dest="server", metavar="SERVER", required=True)
    _register_mcp(servers)
    for name, what in _PLANNED.items():
        planned = servers.add_parser(name, help=f"{what} (not available yet)")
        planned.set_defaults(handler=_not_available, what=what)


def _register_mcp(servers: Any) -> None:
    parser = servers.add_parser(
        "mcp",
        help="MCP server: tools, resources and prompts for LLM clients",
        description="Serve tonesense's MCP tools. Audio is read only inside --allow directories, "
        "TONESENSE_ALLOWED_DIRS and the client's roots. HTTP binds 127.0.0.1 unless told otherwise; any other "
        "bind needs TONESENSE_MCP_TOKEN (clients send 'Authorization: Bearer <token>').",
    )
    add_mcp_arguments(parser)
    parser.set_defaults(handler=serve_mcp)


def add_mcp_arguments(mcp: argparse.ArgumentParser) -> None:
    """Add the `serve mcp` options to `mcp` (also used by `python -m tonesense.mcp`)."""
    mcp.add_argument("--transport", choices=("stdio", "http"), default="stdio", help="default: stdio")
    mcp.add_argument("--host", default="127.0.0.1", help="HTTP bind address (default 127.0.0.1)")
    mcp.add_argument(
        "--port", type=whole_number(0, 65535), default=8765, help="HTTP port (default 8765; 0 picks a free one)"
    )
    mcp.add_argument(
        "--allow", action="append", default=[], metavar="DIR", help="directory tools may read audio from (repeatable)"
    )
    mcp.add_argument("--allow-urls", action="store_true", help="let tools download http(s) audio (public hosts only)")
    mcp.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="extra Host header value accepted over HTTP, e.g. the name clients use to reach a non-loopback bind",
    )


def serve_mcp(args: argparse.Namespace) -> int:
    """Run the MCP server as `args` say, until the client disconnects (stdio) or the process is stopped."""
    try:
        from tonesense.mcp.config import ServerConfig
        from tonesense.mcp.server import build_server, run_http, run_stdio
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] in ("mcp", "mcp_types", "starlette", "uvicorn"):
            raise MissingExtraError("mcp", "mcp", "`tonesense serve mcp`") from None
        raise
    config = ServerConfig.from_env(allow=tuple(args.allow), allow_urls=args.allow_urls)
    if args.transport == "stdio":
        run_stdio(build_server(config))
        return 0
    from dataclasses import replace

    config = replace(config, extra_hosts=tuple(args.allow_host), use_client_roots=False)
    run_http(build_server(config), config, args.host, args.port)
    return 0


def _not_available(args: argparse.Namespace) -> int:
    print(f"tonesense: error: `tonesense serve {args.server}` ({args.what}) is not available yet", file=sys.stderr)
    return 2
