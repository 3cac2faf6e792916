"""Server settings: where audio may be read from, input caps, and the HTTP transport's security options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tonesense.errors import InputError

if TYPE_CHECKING:
    from tonesense.audio import AudioLimits

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServerConfig", "allowed_dirs_from_env"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
ENV_ALLOWED_DIRS = "TONESENSE_ALLOWED_DIRS"
ENV_TOKEN = "TONESENSE_MCP_TOKEN"


@dataclass(frozen=True)
class ServerConfig:
    """How the MCP server reads audio and guards its HTTP transport; the defaults are the safe choice.

    Attributes:
        allowed_dirs: directories whose files tools may read (besides the client's MCP roots).
        use_client_roots: also read inside the client's MCP roots. Right over stdio, where client and server
            share a machine; `serve mcp --transport http` turns it off, since a remote client's roots must not
            open the server's own files.
        allow_urls: let tools fetch http(s) audio (off by default; public addresses only when on).
        max_inline_bytes: cap on decoded `data:` URI and resource payloads, checked before decoding.
        max_url_bytes: cap on a downloaded file.
        url_timeout: seconds for one whole download.
        limits: the audio intake caps (bytes on disk, duration); None keeps the analyzer's defaults.
        max_request_bytes: cap on one HTTP request body (JSON-RPC message).
        token: bearer token the HTTP transport requires when set (never logged).
        extra_hosts: Host header values accepted besides loopback names and the bind address.
        extra_origins: Origin header values accepted besides loopback origins.
    """

    allowed_dirs: tuple[Path, ...] = ()
    use_client_roots: bool = True
    allow_urls: bool = False
    max_inline_bytes: int = 16 * 1024 * 1024
    max_url_bytes: int = 50 * 1024 * 1024
    url_timeout: float = 30.0
    limits: AudioLimits | None = None
    max_request_bytes: int = 24 * 1024 * 1024
    token: str | None = field(default=None, repr=False)
    extra_hosts: tuple[str, ...] = ()
    extra_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, *, allow: tuple[str, ...] = (), allow_urls: bool = False) -> ServerConfig:
        """Build settings from `--allow` values plus `TONESENSE_ALLOWED_DIRS` and `TONESENSE_MCP_TOKEN`."""
        dirs = tuple(Path(d) for d in allow) + allowed_dirs_from_env()
        token = os.environ.get(ENV_TOKEN) or None
        return cls(allowed_dirs=_unique_existing(dirs), allow_urls=allow_urls, token=token)


def allowed_dirs_from_env() -> tuple[Path, ...]:
    """The directories listed in `TONESENSE_ALLOWED_DIRS` (os.pathsep-separated)."""
    raw = os.environ.get(ENV_ALLOWED_DIRS, "")
    return tuple(Path(part) for part in raw.split(os.pathsep) if part.strip())


def _unique_existing(dirs: tuple[Path, ...]) -> tuple[Path, ...]:
    resolved: list[Path] = []
    for directory in dirs:
        real = directory.expanduser().resolve()
        if not real.is_dir():
            raise InputError(f"allowed directory not found or not a directory: {directory}")
        if real not in resolved:
            resolved.append(real)
    return tuple(resolved)
