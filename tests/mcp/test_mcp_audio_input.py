"""The `audio` argument: allowed directories, roots, traversal, symlinks, devices, data: URIs, resources, URLs."""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.server.mcpserver import MCPServer
from mcp_types import ListRootsResult, Root

from mcp import Client
from tonesense.errors import AudioTooLargeError, InputError
from tonesense.mcp.audio_input import AudioInput, decode_data_uri
from tonesense.mcp.config import ServerConfig
from tonesense.mcp.server import build_server

pytestmark = pytest.mark.anyio


@pytest.fixture
def sandbox(tmp_path: Path, jfk: Path) -> Path:
    """An allowed directory holding a copy of the JFK clip, next to a directory that is not allowed."""
    root = tmp_path / "allowed"
    root.mkdir()
    shutil.copy(jfk, root / "jfk.flac")
    (tmp_path / "private").mkdir()
    shutil.copy(jfk, tmp_path / "private" / "secret.flac")
    return root


def _input(root: Path, **kwargs: Any) -> AudioInput:
    return AudioInput(ServerConfig(allowed_dirs=(root.resolve(),), **kwargs))


async def test_path_inside_allowed_directory_resolves_to_the_real_file(sandbox: Path) -> None:
    resolved = await _input(sandbox).resolve(str(sandbox / "jfk.flac"))
    assert resolved.source == (sandbox / "jfk.flac").resolve()


async def test_relative_path_and_file_uri_resolve_inside_the_allowed_directory(sandbox: Path) -> None:
    relative = await _input(sandbox).resolve("jfk.flac")
    uri = await _input(sandbox).resolve((sandbox / "jfk.flac").resolve().as_uri())
    assert relative.source == uri.source == (sandbox / "jfk.flac").resolve()


@pytest.mark.parametrize(
    "audio",
    [
        pytest.param("{root}/../private/secret.flac", id="dot-dot-traversal"),
        pytest.param("../private/secret.flac", id="relative-traversal"),
        pytest.param("{root}/../private/../private/secret.flac", id="nested-traversal"),
        pytest.param("/etc/passwd", id="outside-absolute"),
        pytest.param("file:///etc/passwd", id="outside-file-uri"),
    ],
)
async def test_paths_outside_allowed_directories_are_refused(sandbox: Path, audio: str) -> None:
    with pytest.raises(InputError) as caught:
        await _input(sandbox).resolve(audio.format(root=sandbox))
    assert "outside the allowed directories" in str(caught.value)


async def test_symlink_leading_outside_the_allowed_directory_is_refused(sandbox: Path) -> None:
    (sandbox / "link.flac").symlink_to(sandbox.parent / "private" / "secret.flac")
    (sandbox / "linkdir").symlink_to(sandbox.parent / "private")
    for name in ("link.flac", "linkdir/secret.flac"):
        with pytest.raises(InputError) as caught:
            await _input(sandbox).resolve(str(sandbox / name))
        assert "outside the allowed directories" in str(caught.value)


async def test_symlink_staying_inside_the_allowed_directory_is_followed(sandbox: Path) -> None:
    (sandbox / "alias.flac").symlink_to(sandbox / "jfk.flac")
    resolved = await _input(sandbox).resolve(str(sandbox / "alias.flac"))
    assert resolved.source == (sandbox / "jfk.flac").resolve()


async def test_devices_fifos_and_directories_are_refused(sandbox: Path) -> None:
    os.mkfifo(sandbox / "pipe.wav")
    (sandbox / "folder.wav").mkdir()
    for name in ("pipe.wav", "folder.wav"):
        with pytest.raises(InputError) as caught:
            await _input(sandbox).resolve(str(sandbox / name))
        assert "not a regular file" in str(caught.value)
    with pytest.raises(InputError) as device:
        await AudioInput(ServerConfig(allowed_dirs=(Path("/dev"),))).resolve("/dev/zero")
    assert "not a regular file" in str(device.value)


async def test_missing_file_inside_allowed_directory_says_not_found(sandbox: Path) -> None:
    with pytest.raises(InputError) as caught:
        await _input(sandbox).resolve(str(sandbox / "nope.wav"))
    assert "not found" in str(caught.value)


async def test_server_without_allowed_directories_explains_how_to_allow_one(jfk: Path) -> None:
    with pytest.raises(InputError) as caught:
        await AudioInput(ServerConfig()).resolve(str(jfk))
    assert "--allow" in str(caught.value)


async def test_data_uri_within_the_cap_decodes_to_the_file_bytes(jfk: Path, sandbox: Path) -> None:
    data = jfk.read_bytes()
    uri = "data:audio/flac;base64," + base64.b64encode(data).decode()
    resolved = await _input(sandbox).resolve(uri)
    assert resolved.source == data


def test_oversized_base64_is_refused_before_decoding_with_a_clear_error() -> None:
    payload = "A" * (4 * 1024 * 1024)
    with pytest.raises(AudioTooLargeError) as caught:
        decode_data_uri("data:audio/wav;base64," + payload, max_bytes=1024 * 1024)
    assert "pass its path instead" in str(caught.value)


@pytest.mark.parametrize(
    "uri",
    [
        pytest.param("data:audio/wav;base64,@@not-base64@@", id="bad-base64"),
        pytest.param("data:audio/wav,plain-text", id="not-base64-encoded"),
        pytest.param("data:audio/wav;base64", id="no-comma"),
    ],
)
def test_malformed_data_uris_are_input_errors(uri: str) -> None:
    with pytest.raises(InputError):
        decode_data_uri(uri, max_bytes=1024)


async def test_http_urls_are_refused_unless_the_server_allows_them(sandbox: Path) -> None:
    with pytest.raises(InputError) as caught:
        await _input(sandbox).resolve("https://example.com/a.wav")
    assert "disabled" in str(caught.value)


async def test_allowed_urls_to_loopback_are_refused_as_ssrf(audio_dir: Path) -> None:
    server = build_server(ServerConfig(allowed_dirs=(audio_dir,), allow_urls=True))
    with anyio.fail_after(30):
        async with Client(server) as client:
            result = await client.call_tool("transcribe_audio", {"audio": "http://127.0.0.1:9/a.wav"})
    assert result.is_error
    assert "private and local hosts are refused" in getattr(result.content[0], "text", "")


async def test_oversized_base64_through_the_tool_is_a_tool_error_naming_the_cap(server: MCPServer[Any]) -> None:
    uri = "data:audio/wav;base64," + "A" * (24 * 1024 * 1024)
    with anyio.fail_after(60):
        async with Client(server) as client:
            result = await client.call_tool("transcribe_audio", {"audio": uri})
    assert result.is_error
    assert "cap for inline audio" in getattr(result.content[0], "text", "")


async def test_client_roots_extend_the_allowed_directories(sandbox: Path) -> None:
    other = sandbox.parent / "private"
    server = build_server(ServerConfig(allowed_dirs=(sandbox.resolve(),)))

    async def list_roots(_context: Any) -> ListRootsResult:
        return ListRootsResult(roots=[Root(uri=other.resolve().as_uri(), name="private")])

    with anyio.fail_after(60):
        async with Client(server, mode="legacy", list_roots_callback=list_roots) as client:
            outside = await client.call_tool("transcribe_audio", {"audio": "/etc/hostname"})
            inside = await client.call_tool("transcribe_audio", {"audio": str(other / "secret.flac")})
    assert outside.is_error and "outside the allowed directories" in getattr(outside.content[0], "text", "")
    assert not inside.is_error, inside.content
    assert "your country" in (inside.structured_content or {})["text"].lower()


async def test_audio_from_a_binary_mcp_resource_is_analyzed(jfk: Path, audio_dir: Path) -> None:
    server = build_server(ServerConfig(allowed_dirs=(audio_dir,)))

    @server.resource("clips://jfk", mime_type="audio/flac")
    def clip() -> bytes:
        return jfk.read_bytes()

    with anyio.fail_after(120):
        async with Client(server) as client:
            result = await client.call_tool("transcribe_audio", {"audio": "clips://jfk"})
            missing = await client.call_tool("transcribe_audio", {"audio": "clips://nothing"})
            text = await client.call_tool("transcribe_audio", {"audio": "tonesense://taxonomy"})
    assert not result.is_error, result.content
    assert "your country" in (result.structured_content or {})["text"].lower()
    assert missing.is_error and "no readable MCP resource" in getattr(missing.content[0], "text", "")
    assert text.is_error and "holds text, not audio" in getattr(text.content[0], "text", "")


async def test_client_roots_are_ignored_when_the_server_does_not_trust_them(sandbox: Path) -> None:
    other = (sandbox.parent / "private").resolve()
    config = ServerConfig(allowed_dirs=(sandbox.resolve(),), use_client_roots=False)

    async def roots() -> list[Path]:
        return [other]

    with pytest.raises(InputError) as caught:
        await AudioInput(config).resolve(str(other / "secret.flac"), roots=roots)
    assert "outside the allowed directories" in str(caught.value)


async def test_relative_path_is_found_in_whichever_allowed_directory_holds_it(sandbox: Path) -> None:
    other = (sandbox.parent / "private").resolve()
    audio = AudioInput(ServerConfig(allowed_dirs=(sandbox.resolve(), other)))
    resolved = await audio.resolve("secret.flac")
    assert resolved.source == other / "secret.flac"
