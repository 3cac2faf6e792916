"""The seams between the pipeline and the expression models, local or cloud.

Every scorer has a stable `model_id` (reported in results so users know which model produced a score),
loads its weights lazily and once, and is safe to call from several threads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from tonesense.audio import DecodedAudio
from tonesense.schema import Burst, ProsodyScores, TextScores, TimeSpan

__all__ = ["LANGUAGE_CONTEXT_CHARS", "BurstScorer", "LanguageScorer", "ProsodyScorer"]

LANGUAGE_CONTEXT_CHARS = 1000
"""The most of a context a language scorer reads: callers may pass only the last this many characters (the
local model reads at most 64 tokens of it, a few hundred characters of English)."""


@runtime_checkable
class LanguageScorer(Protocol):
    """Text to the 53 language dimensions (independent scores in [0, 1])."""

    @property
    def model_id(self) -> str: ...

    def score_texts(self, texts: Sequence[str], *, contexts: Sequence[str] | None = None) -> list[TextScores]:
        """One result per text, in order; batched internally.

        `contexts[i]`, if given, is the text read just before `texts[i]` (a transcript up to a segment): the
        scores then partly reflect how a reader perceives the text after that context, which is how Hume's
        language model read a word or sentence within its passage. Results carry `texts[i]` only.
        """
        ...


@runtime_checkable
class ProsodyScorer(Protocol):
    """Tone of voice per time span, relative to the speaker's baseline within `audio`."""

    @property
    def model_id(self) -> str: ...

    def score_spans(self, audio: DecodedAudio, spans: Sequence[TimeSpan]) -> list[ProsodyScores]:
        """One result per span, in order. Spans with no voiced speech still get a (low-confidence) result."""
        ...


@runtime_checkable
class BurstScorer(Protocol):
    """Finds vocal bursts (laughs, sighs, cries, ...) anywhere in the audio and scores each one."""

    @property
    def model_id(self) -> str: ...

    def detect(self, audio: DecodedAudio) -> list[Burst]:
        """Bursts in time order, including ones that overlap speech."""
        ...
