"""Turn a tool's `audio` argument into something the analyzer reads, refusing anything unsafe.

Accepted, in order of preference:
- a path or `file://` URI inside an allowed directory (`--allow`, `TONESENSE_ALLOWED_DIRS`, the client's roots);
  `..` escapes, symlinks leading outside, devices, FIFOs and other non-regular files are refused;
- a base64 `data:` URI, its size checked before decoding;
- a reference to an MCP resource (`scheme://...`) whose content is a binary blob;
- an `http(s)` URL, only when the server was started with `--allow-urls` (see `url_fetch`).
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tonesense.errors import AudioTooLargeError, InputError
from tonesense.mcp.config import ServerConfig

__all__ = ["AudioInput", "ResolvedAudio", "decode_data_uri", "path_from_file_uri"]

RootsFn = Callable[[], Awaitable[Sequence[Path]]]
ResourceFn = Callable[[str], Awaitable[bytes]]
FetchFn = Callable[[str], Awaitable[bytes]]


@dataclass(frozen=True)
class ResolvedAudio:
    """Audio ready for the analyzer: a vetted regular file, or bytes; `label` names it for logs only."""

    source: Path | bytes
    label: str


class AudioInput:
    """Resolve `audio` arguments under one server's settings."""

    def __init__(self, config: ServerConfig, *, fetch: FetchFn | None = None) -> None:
        self._config = config
        self._fetch = fetch

    async def resolve(
        self, audio: str, *, roots: RootsFn | None = None, read_resource: ResourceFn | None = None
    ) -> ResolvedAudio:
        """Vet and load one `audio` argument; raise `InputError` with a next step for the model."""
        ref = audio.strip()
        if not ref:
            raise InputError("`audio` is empty: pass a file path inside an allowed directory or a data: URI")
        scheme = _scheme(ref)
        if scheme == "data":
            return ResolvedAudio(decode_data_uri(ref, self._config.max_inline_bytes), "<data uri>")
        if scheme in ("http", "https"):
            return ResolvedAudio(await self._download(ref), "<url>")
        if scheme == "file":
            return ResolvedAudio(await self._vet_path(path_from_file_uri(ref), roots), "<file>")
        if scheme:
            return ResolvedAudio(await self._read_resource(ref, read_resource), "<resource>")
        return ResolvedAudio(await self._vet_path(Path(ref), roots), "<file>")

    async def _vet_path(self, path: Path, roots: RootsFn | None) -> Path:
        if "\x00" in str(path):
            raise InputError("`audio` path contains a NUL character")
        allowed = list(self._config.allowed_dirs)
        real = _find_inside(path.expanduser(), allowed)
        if real is None and roots is not None and self._config.use_client_roots:
            extra = [root.resolve() for root in await roots() if root.is_dir()]
            allowed += extra
            real = _find_inside(path.expanduser(), extra)
        if real is None:
            raise InputError(_outside_message(path, allowed))
        return _regular_file(real, path)

    async def _download(self, url: str) -> bytes:
        if not self._config.allow_urls or self._fetch is None:
            raise InputError(
                "http(s) URLs are disabled on this server. Save the audio under an allowed directory and pass "
                "its path, or pass a base64 data: URI"
            )
        return await self._fetch(url)

    async def _read_resource(self, uri: str, read_resource: ResourceFn | None) -> bytes:
        if read_resource is None:
            raise InputError(f"cannot read MCP resources here; pass a path or a data: URI instead of {uri[:80]}")
        data = await read_resource(uri)
        if len(data) > self._config.max_inline_bytes:
            raise AudioTooLargeError(_too_big("the resource", len(data), self._config.max_inline_bytes))
        return data


def decode_data_uri(uri: str, max_bytes: int) -> bytes:
    """Decode a base64 `data:` URI, refusing payloads over `max_bytes` before decoding them."""
    header, sep, payload = uri.partition(",")
    if not sep or not header.lower().startswith("data:"):
        raise InputError("malformed data: URI; expected data:audio/<type>;base64,<payload>")
    if not header.lower().endswith(";base64"):
        raise InputError("data: URIs must be base64-encoded (data:audio/wav;base64,...)")
    estimated = len(payload) * 3 // 4
    if estimated > max_bytes:
        raise AudioTooLargeError(_too_big("the base64 data: URI", estimated, max_bytes))
    try:
        return base64.b64decode(payload.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise InputError("the data: URI holds invalid base64; encode the file bytes with standard base64") from None


def path_from_file_uri(uri: str) -> Path:
    """The local path of a `file://` URI (host empty or localhost)."""
    parts = urlsplit(uri)
    if parts.netloc not in ("", "localhost"):
        raise InputError("file:// URIs must name a local file (file:///path/to/audio.wav)")
    return Path(unquote(parts.path))


def _scheme(ref: str) -> str:
    if ref[:5].lower() == "data:":
        return "data"
    head, sep, _ = ref.partition("://")
    if sep and head.isascii() and head.replace("+", "").replace("-", "").replace(".", "").isalnum():
        return head.lower()
    return ""


def _find_inside(path: Path, roots: Sequence[Path]) -> Path | None:
    """The real path of `path` if it lies inside one of `roots`, both lexically and after following links.

    A relative path is tried against each root in turn; the first root where it exists wins.
    """
    found: list[Path] = []
    for root in roots:
        candidate = path if path.is_absolute() else root / path
        lexical = Path(os.path.normpath(candidate))
        if not lexical.is_relative_to(root):
            continue
        real = lexical.resolve()
        if real.is_relative_to(root):
            found.append(real)
    existing = [real for real in found if os.path.lexists(real)]
    return next(iter(existing or found), None)


def _regular_file(real: Path, given: Path) -> Path:
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        raise InputError(f"audio file not found: {given}. Check the path and call the tool again") from None
    except OSError:
        raise InputError(f"audio file cannot be read: {given}") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"not a regular file: {given}. Pass an audio file, not a directory or device")
    return real


def _outside_message(path: Path, allowed: Sequence[Path]) -> str:
    if not allowed:
        return (
            f"{path} cannot be read: this server allows no directories. Ask the user to start it with "
            "--allow DIR (or set TONESENSE_ALLOWED_DIRS), or pass the audio as a base64 data: URI"
        )
    listing = ", ".join(str(root) for root in allowed)
    return (
        f"{path} is outside the allowed directories ({listing}). Pass a file inside one of them "
        "(symlinks leading outside and '..' escapes are refused)"
    )


def _too_big(what: str, size: int, cap: int) -> str:
    return (
        f"{what} holds about {size / 1e6:.1f} MB, over the {cap / 1e6:.0f} MB cap for inline audio; "
        "save the file under an allowed directory and pass its path instead"
    )
