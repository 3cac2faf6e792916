"""Guards for the streamable HTTP transport: loopback by default, bearer token, Host/Origin checks, size caps.

Binding anywhere but loopback requires a token (`TONESENSE_MCP_TOKEN`) or the server refuses to start. The
Host and Origin headers are checked against the bind address and loopback names, which defeats DNS rebinding
from a browser; request bodies are capped by the SDK's transport before any JSON is parsed.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from typing import TYPE_CHECKING

from tonesense.errors import InputError

if TYPE_CHECKING:
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["BearerTokenMiddleware", "check_bind", "is_loopback", "transport_security"]

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or IP literal) only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve off loopback without a bearer token."""
    if not is_loopback(host) and not token:
        raise InputError(
            f"refusing to listen on {host} without a bearer token: set TONESENSE_MCP_TOKEN to a long random "
            "secret (clients send it as 'Authorization: Bearer <token>'), or bind 127.0.0.1"
        )


def transport_security(
    host: str, port: int, *, extra_hosts: tuple[str, ...] = (), extra_origins: tuple[str, ...] = ()
) -> TransportSecuritySettings:
    """Host/Origin allow-lists for a server bound at `host:port` (DNS rebinding protection on)."""
    from mcp.server.transport_security import TransportSecuritySettings

    hosts = [f"{name}:{port}" for name in _LOOPBACK_NAMES]
    origins = [f"{scheme}://{name}:{port}" for name in _LOOPBACK_NAMES for scheme in ("http", "https")]
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):
        literal = f"[{host}]" if ":" in host else host
        hosts.append(f"{literal}:{port}")
        origins += [f"http://{literal}:{port}", f"https://{literal}:{port}"]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=hosts + list(extra_hosts),
        allowed_origins=origins + list(extra_origins),
    )


class BearerTokenMiddleware:
    """Reject HTTP requests that lack `Authorization: Bearer <token>` with 401; lifespan events pass through."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self._app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._authorized(scope):
            await self._app(scope, receive, send)
            return
        body = json.dumps(
            {"error": "unauthorized", "message": "send the server's token as 'Authorization: Bearer <token>'"}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"www-authenticate", b'Bearer realm="tonesense"'),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _authorized(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name.lower() == b"authorization":
                return hmac.compare_digest(bytes(value), self._expected)
        return False
