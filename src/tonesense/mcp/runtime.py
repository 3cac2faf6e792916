"""What the tools share: settings, audio intake, the lazily built analyzer and tracker, and worker threads.

Model work runs in worker threads so one slow call never blocks other requests. Progress from the analyzer
(stage, fraction) becomes MCP progress notifications; a cancelled request stops its worker at the next progress
report instead of burning CPU for a result nobody reads.
"""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
from mcp.server.mcpserver import Context
from mcp.shared.exceptions import MCPDeprecationWarning, MCPError

from tonesense.errors import InputError
from tonesense.mcp.audio_input import AudioInput, ResolvedAudio, path_from_file_uri
from tonesense.mcp.config import ServerConfig
from tonesense.mcp.errors import FeatureUnavailableError, OperationCancelledError

if TYPE_CHECKING:
    from tonesense.context import ConversationTracker
    from tonesense.pipeline import Analyzer

__all__ = ["ProgressFn", "Runtime"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
ProgressFn = Callable[[str, float], None]
AnyContext = Context[Any, Any]


class Runtime:
    """Shared state of one server instance; the analyzer and tracker are built on first use."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        analyzer: Analyzer | None = None,
        tracker: ConversationTracker | None = None,
        max_workers: int = 4,
    ) -> None:
        self.config = config
        self.audio = AudioInput(config, fetch=self._fetch if config.allow_urls else None)
        self._analyzer = analyzer
        self._tracker = tracker
        self._lock = threading.Lock()
        self._limiter = anyio.CapacityLimiter(max_workers)

    def analyzer(self) -> Analyzer:
        """The analyzer, built once (models inside load lazily on their first call)."""
        with self._lock:
            if self._analyzer is None:
                self._analyzer = _build_analyzer(self.config)
            return self._analyzer

    def tracker(self) -> ConversationTracker:
        """The conversation tracker (in-memory store), built once."""
        with self._lock:
            if self._tracker is None:
                self._tracker = _build_tracker()
            return self._tracker

    async def resolve_audio(self, audio: str, ctx: AnyContext) -> ResolvedAudio:
        """Vet an `audio` argument against the allowed directories, the client's roots and the input caps."""

        async def roots() -> list[Path]:
            return await _client_roots(ctx)

        async def read_resource(uri: str) -> bytes:
            return await _read_blob(ctx, uri)

        return await self.audio.resolve(audio, roots=roots, read_resource=read_resource)

    async def run(self, ctx: AnyContext | None, work: Callable[[ProgressFn], T]) -> T:
        """Run `work(progress)` in a worker thread, relaying progress and stopping it when cancelled."""
        cancelled = threading.Event()
        relay = _ProgressRelay(ctx, cancelled)
        try:
            return await anyio.to_thread.run_sync(
                functools.partial(work, relay), limiter=self._limiter, abandon_on_cancel=True
            )
        finally:
            cancelled.set()

    async def run_plain(self, fn: Callable[[], T]) -> T:
        """Run a short blocking call (no progress) in a worker thread."""
        return await anyio.to_thread.run_sync(fn, limiter=self._limiter, abandon_on_cancel=True)

    async def _fetch(self, url: str) -> bytes:
        from tonesense.mcp.url_fetch import fetch_url

        limit = self.config
        return await self.run_plain(
            functools.partial(fetch_url, url, max_bytes=limit.max_url_bytes, timeout=limit.url_timeout)
        )


class _ProgressRelay:
    """The analyzer's progress callback: forwards strictly increasing progress, raises once cancelled."""

    def __init__(self, ctx: AnyContext | None, cancelled: threading.Event) -> None:
        self._ctx = ctx
        self._cancelled = cancelled
        self._token = anyio.lowlevel.current_token()
        self._lock = threading.Lock()
        self._stages: list[str] = []
        self._last = -1.0

    def __call__(self, stage: str, fraction: float) -> None:
        if self._cancelled.is_set():
            raise OperationCancelledError
        if self._ctx is None:
            return
        with self._lock:
            # Stages run concurrently (the pipeline's own threads); MCP wants strictly increasing progress.
            if stage not in self._stages:
                self._stages.append(stage)
            value = self._stages.index(stage) + min(max(fraction, 0.0), 1.0)
            if value <= self._last:
                return
            self._last = value
        report = functools.partial(self._ctx.report_progress, value, None, f"{stage}: {fraction:.0%}")
        try:
            anyio.from_thread.run(report, token=self._token)
        except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.RunFinishedError):
            raise OperationCancelledError from None


async def _client_roots(ctx: AnyContext) -> list[Path]:
    """The client's `file://` roots, when it declared the roots capability and the connection can ask."""
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.roots is None or not ctx.session.can_send_request:
        return []
    try:
        with warnings.catch_warnings():
            # Roots are deprecated from protocol 2026-07-28 on, yet older clients still send them.
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            result = await ctx.session.list_roots()
    except MCPError:
        logger.info("client declared roots but did not list them")
        return []
    return [path_from_file_uri(str(root.uri)) for root in result.roots if str(root.uri).startswith("file://")]


async def _read_blob(ctx: AnyContext, uri: str) -> bytes:
    from mcp.server.mcpserver.exceptions import ResourceError

    try:
        contents = list(await ctx.read_resource(uri))
    except ResourceError:
        raise InputError(f"no readable MCP resource at {uri[:120]}; pass a path or a data: URI instead") from None
    for item in contents:
        if isinstance(item.content, bytes):
            return item.content
    raise InputError(f"the resource {uri[:120]} holds text, not audio")


def _build_analyzer(config: ServerConfig) -> Analyzer:
    try:
        from tonesense.pipeline import Analyzer, AnalyzerOptions
    except ImportError as exc:
        raise _unavailable(exc, "the analysis pipeline (tonesense.pipeline)") from None
    return Analyzer(AnalyzerOptions(limits=config.limits) if config.limits is not None else None)


def _build_tracker() -> ConversationTracker:
    try:
        from tonesense.context import ConversationTracker
    except ImportError as exc:
        raise _unavailable(exc, "conversation tracking (tonesense.context)") from None
    return ConversationTracker()


def _unavailable(exc: ImportError, what: str) -> FeatureUnavailableError:
    logger.warning("%s cannot be imported: %s", what, exc.name)
    return FeatureUnavailableError(f"{what} is not available in this tonesense installation")
