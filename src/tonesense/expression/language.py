"""The local language-expression scorer: text to Hume's 53 language dimensions, offline and torch-free.

Scores say how strongly a typical reader would likely perceive each expression in the words; they are cues
about expression, not statements about what anyone feels. Texts are scored independently (values in [0, 1],
never a softmax across names), plus Hume's optional 1-9 `sentiment` distribution.

Odd inputs:
- empty or whitespace-only text: all 53 scores 0.0 and no sentiment (there are no words to perceive
  anything in); never an error, so a transcript with an empty segment scores in one call;
- text longer than the encoder's 128 tokens: split into chunks of whole sentences, each scored, then
  combined per dimension as the mean of the token-weighted average and the maximum over chunks (a passage
  reads as strongly as its average, lifted by its strongest moment);
- emoji: spelled out by their Unicode names; transcript tags ("[laughs]") and disfluencies ("um") are kept;
- non-English text: scored anyway, with a `language_note` saying the scores are less reliable.

In context (`contexts=`): a text's scores are the mean of its scores read alone and read after the end of
the text before it (the context's last whole words, up to CONTEXT_TOKENS, half the encoder's window or about
two sentences, and no more than fit in the window with the text). A word or a short reply is then scored
partly as it reads in its passage, as Hume's language model read words and sentences, while a clear
expression of its own is never diluted below half ("I hate this." after two sentences about the weather:
Anger 0.97 alone, 0.35 read after them, 0.66 reported). A text too long for the window is scored alone.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tonesense.errors import InputError
from tonesense.expression.language_encoder import MAX_TOKENS
from tonesense.expression.language_model import MODEL_DIR, LanguageModel, ModelScores
from tonesense.expression.language_text import chunk_text, looks_non_english, prepare_text
from tonesense.expression.protocols import LANGUAGE_CONTEXT_CHARS
from tonesense.schema import EmotionScore, TextScores
from tonesense.taxonomy import LANGUAGE_NAMES, SENTIMENT_NAMES

__all__ = ["CONTEXT_TOKENS", "MODEL_ID", "LocalLanguageScorer", "get_language_scorer", "sentiment_from_valence"]

logger = logging.getLogger(__name__)

MODEL_ID = "tonesense-language-minilm-distil4-nade-int8-v9"
NON_ENGLISH_NOTE = (
    "The text looks non-English; the language model was trained on English, so these scores are less reliable."
)
CONTEXT_TOKENS = MAX_TOKENS // 2  # the most tokens of context read before a text (`score_texts(contexts=)`)
_SPACE = re.compile(r"\s+")
_SENTIMENT_WIDTH = 1.2  # spread (in rating points) of the 1-9 sentiment distribution around its centre


def sentiment_from_valence(valence: float) -> list[EmotionScore]:
    """Hume's 1-9 sentiment as a distribution centred on the text's valence (EmoBank scale, 3 = neutral).

    The centre is 5 + 4 * tanh((V - 3) / 0.5), so EmoBank's usual range (about 2-4) spans most of 1-9.
    """
    weights = _sentiment_weights(np.array([valence]))[0]
    return [EmotionScore(name=n, score=w) for n, w in zip(SENTIMENT_NAMES, weights.tolist(), strict=True)]


def _sentiment_weights(valences: np.ndarray) -> np.ndarray:
    """`sentiment_from_valence`'s nine weights for many valences at once, shape (n, 9)."""
    centres = 5.0 + 4.0 * np.tanh((np.asarray(valences, dtype=float) - 3.0) / 0.5)
    weights = np.exp(-0.5 * ((np.arange(1, 10)[None, :] - centres[:, None]) / _SENTIMENT_WIDTH) ** 2)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True))


class LocalLanguageScorer:
    """`LanguageScorer` on the bundled int8 model (encoder distilled from MiniLM); loads lazily, once, and is
    safe across threads."""

    def __init__(self, model_dir: Path = MODEL_DIR, *, threads: int | None = None) -> None:
        self._model_dir = model_dir
        self._threads = threads
        self._model: LanguageModel | None = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return MODEL_ID

    def load(self) -> LanguageModel:
        """Load the model files now (otherwise the first `score_texts` call does)."""
        with self._lock:
            if self._model is None:
                self._model = LanguageModel(self._model_dir, threads=self._threads)
                logger.info("loaded language model %s", MODEL_ID)
            return self._model

    def score_texts(
        self, texts: Sequence[str], *, sentiment: bool = True, contexts: Sequence[str] | None = None
    ) -> list[TextScores]:
        """One TextScores per text, in order, batched internally; see the module docstring for odd inputs and
        for `contexts` (the text read just before each text)."""
        emotions, vad, prepared = self._score(texts, contexts)
        sentiments = _sentiment_weights(np.nan_to_num(vad[:, 0], nan=3.0)).tolist() if sentiment else None
        results = []
        # One validation call per text on plain dicts: about 2.5x faster than building each EmotionScore.
        for i, (original, row) in enumerate(zip(texts, emotions.tolist(), strict=True)):
            fields: dict[str, object] = {
                "text": original,
                "emotions": [{"name": n, "score": s} for n, s in zip(LANGUAGE_NAMES, row, strict=True)],
            }
            if prepared[i]:
                if sentiments is not None:
                    fields["sentiment"] = [
                        {"name": n, "score": w} for n, w in zip(SENTIMENT_NAMES, sentiments[i], strict=True)
                    ]
                if looks_non_english(original):  # as written: spelled-out emoji names are not the writer's words
                    fields["language_note"] = NON_ENGLISH_NOTE
            results.append(TextScores.model_validate(fields))
        return results

    def score_arrays(
        self, texts: Sequence[str], *, contexts: Sequence[str] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The 53 scores (n, 53) and EmoBank-scale valence/arousal/dominance (n, 3; NaN for empty texts)."""
        emotions, vad, _ = self._score(texts, contexts)
        return emotions, vad

    def _score(self, texts: Sequence[str], contexts: Sequence[str] | None) -> tuple[np.ndarray, np.ndarray, list[str]]:
        for name, values in (("texts", texts), ("contexts", contexts if contexts is not None else ())):
            if isinstance(values, str) or not isinstance(values, Sequence):
                raise InputError(f"score_texts takes a list of {name}, not {type(values).__name__}")
            for text in values:
                if not isinstance(text, str):
                    raise InputError(f"every one of the {name} must be a string, got {type(text).__name__}")
        if contexts is not None and len(contexts) != len(texts):
            raise InputError(f"{len(contexts)} contexts for {len(texts)} texts: give one per text")
        model = self.load()
        prepared = [prepare_text(t) for t in texts]
        if contexts is None:
            return (*_score_prepared(model, prepared), prepared)
        readings = _in_context(model, prepared, contexts)
        read = [i for i, (reading, text) in enumerate(zip(readings, prepared, strict=True)) if reading != text]
        emotions, vad = _score_prepared(model, prepared + [readings[i] for i in read])  # one batch for both
        alone, in_context = slice(0, len(texts)), slice(len(texts), None)
        emotions[read] = 0.5 * (emotions[read] + emotions[in_context])
        vad[read] = 0.5 * (vad[read] + vad[in_context])
        return emotions[alone], vad[alone], prepared


def _score_prepared(model: LanguageModel, prepared: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Scores (n, 53) and V/A/D (n, 3) of prepared texts: zeros and NaN for empty ones, long ones chunked."""
    pieces, token_ids, owners, weights = _pieces(model, prepared)
    emotions = np.zeros((len(prepared), len(LANGUAGE_NAMES)), dtype=np.float32)
    vad = np.full((len(prepared), 3), np.nan, dtype=np.float32)
    if pieces:
        scores = model.score(pieces, token_ids)
        owner_array = np.asarray(owners)
        if len(np.unique(owner_array)) == len(owner_array):  # no text was chunked: one row per text
            emotions[owner_array], vad[owner_array] = scores.emotions, scores.vad
        else:
            for index, rows in _rows_by_owner(owner_array).items():
                emotions[index], vad[index] = _aggregate(scores, rows, np.asarray(weights, dtype=float)[rows])
    return emotions, vad


def _in_context(model: LanguageModel, prepared: list[str], contexts: Sequence[str]) -> list[str]:
    """Each non-empty text preceded by the end of its (prepared) context that fits in the window with it.

    The context is cut to whole words, so one without spaces (Chinese, Japanese) is read only if it fits whole.
    """
    tails = [_last_words(c, LANGUAGE_CONTEXT_CHARS) if p else "" for p, c in zip(prepared, contexts, strict=True)]
    lengths = [len(ids) for ids in model.encoder.tokenize(prepared)]
    rooms = [
        min(CONTEXT_TOKENS, MAX_TOKENS - length) if tail else 0 for length, tail in zip(lengths, tails, strict=True)
    ]
    starts = model.encoder.tail_starts(tails, rooms)
    return [
        f"{tail[start:]} {text}" if room > 0 and tail[start:].strip() else text
        for text, tail, room, start in zip(prepared, tails, rooms, starts, strict=True)
    ]


def _last_words(context: str, chars: int) -> str:
    """The prepared end of `context`, at most `chars` characters of it, beginning at a whole word."""
    if len(context) > chars:
        cut = context[-chars:]
        space = _SPACE.search(cut)
        context = cut[space.end() :] if space else ""
    return prepare_text(context)


def _pieces(model: LanguageModel, prepared: list[str]) -> tuple[list[str], list[list[int]], list[int], list[int]]:
    """Texts (or their chunks when longer than the encoder reads), their token ids, owner index and weight."""
    pieces: list[str] = []
    token_ids: list[list[int]] = []
    owners: list[int] = []
    indices = [i for i, text in enumerate(prepared) if text]
    for index, ids in zip(indices, model.encoder.tokenize([prepared[i] for i in indices]), strict=True):
        if len(ids) <= MAX_TOKENS:
            pieces.append(prepared[index])
            token_ids.append(ids)
            owners.append(index)
            continue
        chunks = chunk_text(prepared[index], model.encoder.token_count, MAX_TOKENS - 2)
        pieces += chunks
        token_ids += model.encoder.tokenize(chunks)
        owners += [index] * len(chunks)
    return pieces, token_ids, owners, [len(ids) for ids in token_ids]


def _rows_by_owner(owners: np.ndarray) -> dict[int, np.ndarray]:
    """The piece rows of each text, for texts that were split into chunks (owners is non-decreasing)."""
    values, starts = np.unique(owners, return_index=True)
    bounds = [*starts[1:], len(owners)]
    return {int(v): np.arange(s, e) for v, s, e in zip(values, starts, bounds, strict=True)}


def _aggregate(scores: ModelScores, rows: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-text scores from its chunks: mean of the token-weighted average and the maximum."""
    emotions, vad = scores.emotions[rows], scores.vad[rows]
    if len(rows) == 1:
        return emotions[0], vad[0]
    share = weights / weights.sum()
    combined = 0.5 * (share @ emotions) + 0.5 * emotions.max(axis=0)
    return np.clip(combined, 0.0, 1.0), share @ vad


_SHARED: LocalLanguageScorer | None = None
_SHARED_LOCK = threading.Lock()


def get_language_scorer() -> LocalLanguageScorer:
    """The process-wide scorer instance (created on first use; its model loads on first scoring)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = LocalLanguageScorer()
        return _SHARED
