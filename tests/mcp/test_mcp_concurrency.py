"""Slow model work runs in worker threads: other requests are answered meanwhile, and cancellation stops it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.server.mcpserver import MCPServer

from mcp import Client
from tonesense.mcp.errors import OperationCancelledError
from tonesense.mcp.runtime import _ProgressRelay

pytestmark = pytest.mark.anyio


@pytest.mark.slow
async def test_quick_requests_are_answered_while_an_analysis_runs(server: MCPServer[Any], jfk: Path) -> None:
    finished: list[str] = []
    started = anyio.Event()

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        started.set()

    with anyio.fail_after(240):
        async with Client(server) as client:
            await client.call_tool("transcribe_audio", {"audio": str(jfk)})  # load the models once

            async def slow() -> None:
                await client.call_tool("analyze_audio", {"audio": str(jfk)}, progress_callback=on_progress)
                finished.append("analyze_audio")

            async with anyio.create_task_group() as group:
                group.start_soon(slow)
                await started.wait()
                for _ in range(3):
                    result = await client.call_tool("list_expressions", {})
                    assert not result.is_error
                    reset = await client.call_tool("reset_conversation", {"conversation_id": "none"})
                    assert not reset.is_error
                finished.append("quick calls")
    assert finished == ["quick calls", "analyze_audio"]


@pytest.mark.slow
async def test_cancelling_a_call_returns_without_waiting_for_the_analysis(server: MCPServer[Any], jfk: Path) -> None:
    started = anyio.Event()

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        started.set()

    with anyio.fail_after(240):
        async with Client(server) as client:
            await client.call_tool("transcribe_audio", {"audio": str(jfk)})
            begin = time.perf_counter()
            full = await client.call_tool("analyze_audio", {"audio": str(jfk)})
            full_seconds = time.perf_counter() - begin
            assert not full.is_error
            with anyio.CancelScope() as scope:
                async with anyio.create_task_group() as group:
                    group.start_soon(
                        lambda: client.call_tool("analyze_audio", {"audio": str(jfk)}, progress_callback=on_progress)
                    )
                    await started.wait()
                    begin = time.perf_counter()
                    scope.cancel()
            cancelled_seconds = time.perf_counter() - begin
            after = await client.call_tool("list_expressions", {})
    assert scope.cancelled_caught
    assert cancelled_seconds < full_seconds / 2
    assert not after.is_error


def test_progress_relay_stops_the_worker_once_the_request_is_cancelled() -> None:
    cancelled = threading.Event()

    async def make() -> _ProgressRelay:
        return _ProgressRelay(None, cancelled)

    relay = anyio.run(make)
    relay("decode", 0.5)
    cancelled.set()
    with pytest.raises(OperationCancelledError):
        relay("transcribe", 0.1)
