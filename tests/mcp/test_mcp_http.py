"""Streamable HTTP on loopback: real clients, Host/Origin checks, bearer token, size caps, malformed JSON-RPC."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
import uvicorn
from mcp.client.streamable_http import streamable_http_client
from mcp.server.mcpserver import MCPServer

from mcp import Client
from tonesense.errors import InputError
from tonesense.mcp.config import ServerConfig
from tonesense.mcp.http_security import check_bind, is_loopback
from tonesense.mcp.server import MCP_PATH, build_http_app

pytestmark = pytest.mark.anyio

_INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
}
_JSON = {"content-type": "application/json", "accept": "application/json, text/event-stream"}


@asynccontextmanager
async def serving(server: MCPServer[Any], config: ServerConfig) -> AsyncIterator[str]:
    """Run the server's HTTP app on a free loopback port for the body of the block; yields its /mcp URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    app = build_http_app(server, config, "127.0.0.1", port)
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    async with anyio.create_task_group() as group:
        group.start_soon(lambda: uv.serve(sockets=[sock]))
        try:
            yield f"http://127.0.0.1:{port}{MCP_PATH}"
        finally:
            uv.should_exit = True
    sock.close()


async def test_http_client_lists_tools_and_calls_them(server: MCPServer[Any], audio_dir: Path) -> None:
    with anyio.fail_after(60):
        async with serving(server, ServerConfig(allowed_dirs=(audio_dir,))) as url, Client(url) as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            resources = (await client.list_resources()).resources
            prompts = (await client.list_prompts()).prompts
            result = await client.call_tool("list_expressions", {})
    assert "analyze_audio" in tools and len(tools) == 7
    assert resources and prompts
    assert not result.is_error and len((result.structured_content or {})["language"]) == 53


@pytest.mark.slow
async def test_http_client_transcribes_real_audio(server: MCPServer[Any], audio_dir: Path, jfk: Path) -> None:
    with anyio.fail_after(180):
        async with serving(server, ServerConfig(allowed_dirs=(audio_dir,))) as url, Client(url) as client:
            result = await client.call_tool("transcribe_audio", {"audio": str(jfk)})
    assert not result.is_error, result.content
    assert "your country" in (result.structured_content or {})["text"].lower()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({"host": "evil.example:80"}, 421, id="rebinding-host"),
        pytest.param({"origin": "http://evil.example"}, 403, id="foreign-origin"),
    ],
)
async def test_dns_rebinding_headers_are_rejected(server: MCPServer[Any], headers: dict[str, str], status: int) -> None:
    with anyio.fail_after(30):
        async with serving(server, ServerConfig()) as url, httpx2.AsyncClient() as http:
            response = await http.post(url, json=_INIT, headers={**_JSON, **headers})
    assert response.status_code == status


async def test_oversized_request_body_is_rejected_with_413(server: MCPServer[Any]) -> None:
    body = b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"x":"' + b"A" * 2_000_000 + b'"}}'
    with anyio.fail_after(30):
        async with serving(server, ServerConfig(max_request_bytes=1_000_000)) as url, httpx2.AsyncClient() as http:
            response = await http.post(url, content=body, headers=_JSON)
    assert response.status_code == 413


async def test_bearer_token_is_required_when_configured(server: MCPServer[Any]) -> None:
    config = ServerConfig(token="s3cret-token-for-tests")
    with anyio.fail_after(60):
        async with serving(server, config) as url:
            async with httpx2.AsyncClient() as http:
                missing = await http.post(url, json=_INIT, headers=_JSON)
                wrong = await http.post(url, json=_INIT, headers={**_JSON, "authorization": "Bearer nope"})
            authed = httpx2.AsyncClient(headers={"Authorization": "Bearer s3cret-token-for-tests"})
            async with authed, Client(streamable_http_client(url, http_client=authed)) as client:
                tools = (await client.list_tools()).tools
    assert missing.status_code == wrong.status_code == 401
    assert "s3cret" not in missing.text
    assert len(tools) == 7


async def test_malformed_json_rpc_from_one_client_does_not_disturb_another(server: MCPServer[Any]) -> None:
    garbage = [b"{not json", b'{"jsonrpc": "2.0", "method": 5}', b"[1, 2, 3]", b'{"id": 1}']
    with anyio.fail_after(60):
        async with serving(server, ServerConfig()) as url, Client(url) as good:
            before = await good.call_tool("list_expressions", {})
            async with httpx2.AsyncClient() as http:
                statuses = [(await http.post(url, content=body, headers=_JSON)).status_code for body in garbage]
                init = await http.post(url, json=_INIT, headers=_JSON)
                session = {"mcp-session-id": init.headers.get("mcp-session-id", "")}
                junk_in_session = await http.post(url, content=b'{"jsonrpc":"2.0"}', headers={**_JSON, **session})
            after = await good.call_tool("list_expressions", {})
    assert all(400 <= status < 500 for status in statuses), statuses
    assert junk_in_session.status_code >= 400 or "error" in junk_in_session.text
    assert not before.is_error and not after.is_error
    assert after.structured_content == before.structured_content


def test_binding_off_loopback_without_a_token_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        check_bind("0.0.0.0", None)
    assert "TONESENSE_MCP_TOKEN" in str(caught.value)
    check_bind("0.0.0.0", "token")
    check_bind("127.0.0.1", None)
    assert is_loopback("::1") and is_loopback("localhost") and not is_loopback("192.168.1.10")


def test_server_process_refuses_to_start_off_loopback_without_a_token() -> None:
    env = {key: value for key, value in os.environ.items() if key != "TONESENSE_MCP_TOKEN"}
    command = [sys.executable, "-m", "tonesense.mcp", "--transport", "http", "--host", "0.0.0.0", "--port", "0"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "TONESENSE_MCP_TOKEN" in done.stderr
    assert "listening" not in done.stderr
