"""The MCP tools: thin wrappers that vet input, run the analyzer or tracker in a worker, and return models.

Argument names are part of the public contract. Descriptions are written for the model that calls the tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.tools import Tool
from mcp_types import ToolAnnotations
from pydantic import Field

from tonesense.errors import InputError
from tonesense.mcp import descriptions as desc
from tonesense.mcp.errors import tool_errors
from tonesense.mcp.results import ConversationContext, ExpressionCatalog, ExpressionInfo, ResetResult, TextMeasurement
from tonesense.mcp.runtime import ProgressFn, Runtime
from tonesense.mcp.tool_set import ToolSet
from tonesense.schema import ExpressionReport, Granularity, Modality, Transcript
from tonesense.taxonomy import DESCRIPTIONS, VAD, names_for

if TYPE_CHECKING:
    from tonesense.context import ConversationState

__all__ = ["MAX_TEXTS", "MAX_TEXT_CHARS", "build_tools"]

MAX_TEXTS = 256
MAX_TEXT_CHARS = 20_000

AudioArg = Annotated[str, Field(description=desc.AUDIO_ARG, min_length=1, max_length=64 * 1024 * 1024)]
ConversationId = Annotated[
    str, Field(description=desc.CONVERSATION_ID_ARG, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$")
]
_READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)


def build_tools(runtime: Runtime) -> list[Tool]:
    """Every tonesense tool, for `MCPServer(tools=...)`."""
    tools = ToolSet()
    _register_audio_tools(tools, runtime)
    _register_text_tools(tools, runtime)
    _register_conversation_tools(tools, runtime)
    return tools.tools


def _register_audio_tools(tools: ToolSet, runtime: Runtime) -> None:
    @tools.tool(description=desc.TRANSCRIBE_AUDIO, annotations=_READ_ONLY)
    async def transcribe_audio(audio: AudioArg, ctx: Context[Any, Any]) -> Transcript:
        with tool_errors("transcribe_audio"):
            source = (await runtime.resolve_audio(audio, ctx)).source
            analyzer = runtime.analyzer()
            return await runtime.run(ctx, lambda progress: analyzer.transcribe(source, progress=progress))

    @tools.tool(description=desc.ANALYZE_AUDIO, annotations=_READ_ONLY)
    async def analyze_audio(
        audio: AudioArg,
        ctx: Context[Any, Any],
        granularity: Annotated[Granularity, Field(description=desc.GRANULARITY_ARG)] = "utterance",
        modalities: Annotated[list[Modality] | None, Field(description=desc.MODALITIES_ARG)] = None,
    ) -> ExpressionReport:
        with tool_errors("analyze_audio"):
            source = (await runtime.resolve_audio(audio, ctx)).source
            analyzer = runtime.analyzer()

            def work(progress: ProgressFn) -> ExpressionReport:
                return analyzer.analyze(source, granularity=granularity, modalities=modalities, progress=progress)

            return await runtime.run(ctx, work)


def _register_text_tools(tools: ToolSet, runtime: Runtime) -> None:
    @tools.tool(description=desc.MEASURE_TEXT, annotations=_READ_ONLY)
    async def measure_text(
        text: Annotated[str | list[str], Field(description=desc.TEXT_ARG)],
        context: Annotated[str | None, Field(description=desc.TEXT_CONTEXT_ARG, max_length=MAX_TEXT_CHARS)] = None,
    ) -> TextMeasurement:
        with tool_errors("measure_text"):
            texts = _checked_texts(text)
            analyzer = runtime.analyzer()
            results = await runtime.run_plain(lambda: analyzer.measure_text(texts, context=context))
            return TextMeasurement(results=results)

    @tools.tool(description=desc.LIST_EXPRESSIONS, annotations=_READ_ONLY)
    def list_expressions() -> ExpressionCatalog:
        return expression_catalog()


def _register_conversation_tools(tools: ToolSet, runtime: Runtime) -> None:
    @tools.tool(description=desc.ANALYZE_TURN, annotations=ToolAnnotations(read_only_hint=False))
    async def analyze_turn(
        conversation_id: ConversationId,
        ctx: Context[Any, Any],
        text: Annotated[str | None, Field(description=desc.TURN_TEXT_ARG, max_length=MAX_TEXT_CHARS)] = None,
        audio: Annotated[str | None, Field(description=desc.TURN_AUDIO_ARG)] = None,
        speaker: Annotated[str | None, Field(description=desc.SPEAKER_ARG, max_length=64)] = None,
    ) -> ConversationContext:
        with tool_errors("analyze_turn"):
            if (text is None) == (audio is None):
                raise InputError("pass exactly one of `text` or `audio` for the turn")
            tracker = runtime.tracker()
            analyzer = runtime.analyzer()
            if audio is not None:
                source = (await runtime.resolve_audio(audio, ctx)).source
                report = await runtime.run(ctx, lambda progress: analyzer.analyze(source, progress=progress))
            else:
                turn_text = _checked_texts(text or "")[0]
                report = await runtime.run_plain(lambda: analyzer.analyze_text(turn_text))
            state = await runtime.run_plain(
                lambda: tracker.add_turn(conversation_id, report=report, text=text, speaker=speaker)
            )
            return conversation_context(conversation_id, state)

    @tools.tool(description=desc.GET_CONVERSATION_CONTEXT, annotations=_READ_ONLY)
    async def get_conversation_context(conversation_id: ConversationId) -> ConversationContext:
        with tool_errors("get_conversation_context"):
            tracker = runtime.tracker()
            state = await runtime.run_plain(lambda: tracker.get_state(conversation_id))
            return conversation_context(conversation_id, state)

    @tools.tool(
        description=desc.RESET_CONVERSATION,
        annotations=ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=True),
    )
    async def reset_conversation(conversation_id: ConversationId) -> ResetResult:
        with tool_errors("reset_conversation"):
            tracker = runtime.tracker()
            found = await runtime.run_plain(lambda: tracker.reset(conversation_id))
            return ResetResult(conversation_id=conversation_id, reset=bool(found))


def conversation_context(conversation_id: str, state: ConversationState) -> ConversationContext:
    """Render a tracker state into the tool result."""
    from tonesense.context.render import render_context_block, render_turn_header

    return ConversationContext(
        conversation_id=conversation_id,
        turn_header=render_turn_header(state),
        context_block=render_context_block(state),
        state=state,
    )


def expression_catalog() -> ExpressionCatalog:
    """Every expression name per modality, with its description and valence-arousal-dominance coordinates."""

    def info(name: str) -> ExpressionInfo:
        valence, arousal, dominance = VAD.get(name, (None, None, None))
        return ExpressionInfo(
            name=name, description=DESCRIPTIONS.get(name), valence=valence, arousal=arousal, dominance=dominance
        )

    def infos(modality: str) -> list[ExpressionInfo]:
        return [info(name) for name in names_for(modality)]

    return ExpressionCatalog(language=infos("language"), prosody=infos("prosody"), burst=infos("burst"))


def _checked_texts(value: str | list[str]) -> list[str]:
    texts = [value] if isinstance(value, str) else list(value)
    if not texts:
        raise InputError("`text` is an empty list: pass a string or a list of strings")
    if len(texts) > MAX_TEXTS:
        raise InputError(f"`text` holds {len(texts)} items, over the {MAX_TEXTS} limit: split it into batches")
    for item in texts:
        if not item.strip():
            raise InputError("`text` holds an empty string: pass text with words in it")
        if len(item) > MAX_TEXT_CHARS:
            raise InputError(f"one text is {len(item)} characters, over the {MAX_TEXT_CHARS} limit: split it")
    return texts
