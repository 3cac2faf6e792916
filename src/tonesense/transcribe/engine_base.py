"""What both Whisper engines share: lazy, once-only weight loading and building a `Transcript`."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from tonesense.audio import DecodedAudio
from tonesense.schema import Segment, Transcript, Word
from tonesense.transcribe.options import TranscribeOptions
from tonesense.transcribe.weights import ResolvedWeights

__all__ = ["LazyWhisperEngine", "looks_like_silence", "make_word"]

ModelT = TypeVar("ModelT")


class LazyWhisperEngine(ABC, Generic[ModelT]):
    """Holds resolved weights and loads the model on first use, once, under a lock."""

    engine: str

    def __init__(self, weights: ResolvedWeights) -> None:
        self._weights = weights
        self._model: ModelT | None = None
        self._load_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self._weights.model_id

    @property
    def weights(self) -> ResolvedWeights:
        return self._weights

    def load(self) -> ModelT:
        """Load the weights now (otherwise the first `transcribe` does)."""
        with self._load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    @abstractmethod
    def _load(self) -> ModelT: ...

    def _transcript(self, audio: DecodedAudio, segments: list[Segment], language: str | None) -> Transcript:
        return Transcript(
            text=" ".join(segment.text for segment in segments).strip(),
            language=language,
            duration=audio.duration,
            segments=segments,
            engine=self.engine,
            model_id=self.model_id,
        )


def looks_like_silence(no_speech_prob: float, avg_logprob: float, options: TranscribeOptions) -> bool:
    """Whisper's own rule, applied per segment: probably silence and not confidently decoded."""
    return no_speech_prob > options.no_speech_threshold and avg_logprob < options.log_prob_threshold


def make_word(start: float, end: float, word: str, probability: float) -> Word:
    """A schema word, with whitespace stripped and the probability clipped to [0, 1]."""
    return Word(start=float(start), end=float(end), word=word.strip(), probability=min(1.0, max(0.0, probability)))
