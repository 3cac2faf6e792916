"""Conversation context: a timeline of turns per conversation, smoothing, trends and shifts, and rendering.

Scores here are cues about how expression is likely to be perceived, never verdicts about what anyone feels.
The context runs no models: callers pass each turn's `ExpressionReport` (or only its text).
"""

from tonesense.context.memory_store import InMemoryConversationStore
from tonesense.context.models import (
    DEFAULT_SPEAKER,
    BurstCue,
    ConversationState,
    ShiftEvent,
    SpeakerSummary,
    Trend,
    Turn,
    TurnDigest,
)
from tonesense.context.record import ConversationRecord, SpeakerTrack
from tonesense.context.render import (
    approx_tokens,
    render_context_block,
    render_system_prompt,
    render_turn_header,
    scoring_guide,
)
from tonesense.context.sqlite_store import SQLiteConversationStore
from tonesense.context.store import ConversationStore, StoreLimits, TurnBuilder
from tonesense.context.tracker import ConversationTracker
from tonesense.context.trends import TrendOptions

__all__ = [
    "DEFAULT_SPEAKER",
    "BurstCue",
    "ConversationRecord",
    "ConversationState",
    "ConversationStore",
    "ConversationTracker",
    "InMemoryConversationStore",
    "SQLiteConversationStore",
    "ShiftEvent",
    "SpeakerSummary",
    "SpeakerTrack",
    "StoreLimits",
    "Trend",
    "TrendOptions",
    "Turn",
    "TurnBuilder",
    "TurnDigest",
    "approx_tokens",
    "render_context_block",
    "render_system_prompt",
    "render_turn_header",
    "scoring_guide",
]
