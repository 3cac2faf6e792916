"""The sentence encoder behind the local language model: tokenizer + int8 ONNX encoder, torch-free.

The encoder has 4 layers distilled from all-MiniLM-L6-v2, with 1024 feed-forward units per layer where MiniLM
has 1536 (`tools/language_distil.py`). Texts go in; pooled
feature vectors come out (mean of the last, the second and the third layer, standing for MiniLM's 6th, 3rd and
5th, and the maximum over tokens of the last layer: 4 x 384 = 1536 values; the first 384 are the sentence
embedding). Batches are formed from texts of similar length so padding stays small. A text's features do not
depend on its batch: the shipped graph quantises activations per text when it gets more than one
(`tools/language_row_quant.py`).

Threading: every onnxruntime session runs on one intra-op thread, and a batch of texts is split into chunks
that `BatchWorkers` runs on several threads at once (onnxruntime releases the GIL). On 2 cores this beats one
session with 2 intra-op threads both ways, measured side by side on the benchmark sentences: one sentence
4.1 ms vs 4.9 ms, batches 620-680 vs 410-450 sentences/s (the threads of one small run mostly wait on each
other). A single text never leaves the caller's thread.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from tonesense.errors import ModelError, ModelNotFoundError

__all__ = ["MAX_TOKENS", "BatchWorkers", "LanguageEncoder", "load_tokenizer", "session_options"]

logger = logging.getLogger(__name__)

MAX_TOKENS = 128
_SPACE = re.compile(r"\s+")
_BATCH = 16  # texts per encoder run: the fastest size here (716 vs 668 sentences/s at 32, 2 workers)
_T = TypeVar("_T")
_R = TypeVar("_R")


def session_options() -> Any:
    """onnxruntime options: one intra-op thread, no busy-wait spinning (parallelism comes from `BatchWorkers`),
    no memory-reuse planning.

    Spinning threads help on an idle machine but cost a lot when cores are shared, which is the usual case
    for a tool server beside an agent. The reuse planner took 0.4-0.5 s of the encoder's load on the ~600
    nodes of its per-text branch (`tools/language_row_quant.py`) and saved no run time (one sentence 3.86 vs
    3.93 ms, a batch of 32 124.4 vs 124.8 ms, side by side).
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.enable_mem_reuse = False
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def load_tokenizer(path: Path) -> Any:
    """The WordPiece tokenizer from `path`, without padding or truncation (counts must see the whole text;
    `LanguageEncoder.encode` cuts to MAX_TOKENS itself)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


class BatchWorkers:
    """Runs a function over chunks on up to `count` threads (default: the CPU count, at most 4).

    One chunk runs inline in the caller's thread; the pool starts on the first call that has two or more.
    """

    def __init__(self, count: int | None = None) -> None:
        if count is not None and count < 1:
            raise ValueError(f"threads must be at least 1, got {count}")
        self.count = count or min(4, os.cpu_count() or 1)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def map(
        self, function: Callable[[_T], _R], chunks: Sequence[_T], meanwhile: Callable[[], object] | None = None
    ) -> list[_R]:
        """`[function(c) for c in chunks]`, in order, run side by side when there are several chunks.

        `meanwhile`, if given, runs in the caller's thread while the chunks run on the pool (before them when
        they run inline), so work that needs the GIL overlaps work that releases it.
        """
        if len(chunks) <= 1 or self.count == 1:
            if meanwhile is not None:
                meanwhile()
            return [function(chunk) for chunk in chunks]
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.count, thread_name_prefix="tonesense-language")
            pool = self._pool
        results = pool.map(function, chunks)  # every chunk is submitted here
        if meanwhile is not None:
            meanwhile()
        return list(results)

    def chunk_size(self, total: int, largest: int = _BATCH) -> int:
        """Items per chunk: every worker gets a share, and no chunk exceeds `largest`."""
        return max(1, min(largest, math.ceil(total / self.count)))


class LanguageEncoder:
    """Token ids to pooled features with onnxruntime; safe to call from several threads.

    `threads` is how many batches run side by side (default: the CPU count, at most 4).
    """

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        import onnxruntime

        encoder, tokenizer = model_dir / "encoder.onnx", model_dir / "tokenizer.json"
        for path in (encoder, tokenizer):
            if not path.is_file():
                raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
        self._tokenizer = load_tokenizer(tokenizer)
        self.workers = BatchWorkers(threads)
        try:
            self._session = onnxruntime.InferenceSession(
                str(encoder), sess_options=session_options(), providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"could not load the language model {encoder}: {exc}") from exc
        self.width = int(self._session.get_outputs()[0].shape[1])

    def token_count(self, text: str) -> int:
        """Number of tokens the encoder sees for `text` (including [CLS] and [SEP]), before truncation."""
        return len(self._tokenizer.encode(text, add_special_tokens=True).ids) if text else 0

    def tail_starts(self, texts: Sequence[str], tokens: Sequence[int]) -> list[int]:
        """Per text, where a tail of at most `tokens[i]` tokens (no special tokens) begins, at a word start:
        `texts[i][start:]` is the most of the text's end that fits (the whole text when it all fits)."""
        if not texts:
            return []
        starts = []
        for text, room, encoding in zip(
            texts, tokens, self._tokenizer.encode_batch(list(texts), add_special_tokens=False), strict=True
        ):
            offsets = encoding.offsets
            if len(offsets) <= room:
                starts.append(0)
                continue
            start = offsets[len(offsets) - room][0] if room > 0 else len(text)
            if 0 < start < len(text) and not text[start - 1].isspace():  # mid-word: begin at the next word
                space = _SPACE.search(text, start)
                start = len(text) if space is None else space.end()
            starts.append(start)
        return starts

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Every text's token ids with [CLS] and [SEP], untruncated (their lengths are the token counts)."""
        if not texts:
            return []
        return [e.ids for e in self._tokenizer.encode_batch(list(texts), add_special_tokens=True)]

    def encode(
        self,
        texts: Sequence[str],
        token_ids: Sequence[list[int]] | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> np.ndarray:
        """Pooled features, shape (len(texts), self.width), float32, in input order.

        `token_ids` (from `tokenize`) saves tokenising the texts a second time; `meanwhile` runs in the caller's
        thread while the batches run (`BatchWorkers.map`).
        """
        token_ids = [_truncated(ids) for ids in (token_ids if token_ids is not None else self.tokenize(texts))]
        order = np.argsort([len(ids) for ids in token_ids], kind="stable")
        size = self.workers.chunk_size(len(order))
        chunks = [order[start : start + size] for start in range(0, len(order), size)]

        def run(chunk: np.ndarray) -> np.ndarray:
            length = max(len(token_ids[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, index in enumerate(chunk):
                ids[row, : len(token_ids[index])] = token_ids[index]
                mask[row, : len(token_ids[index])] = 1
            (features,) = self._session.run(["features"], {"input_ids": ids, "attention_mask": mask})
            return np.asarray(features, dtype=np.float32)

        out = np.zeros((len(texts), self.width), dtype=np.float32)
        for chunk, features in zip(chunks, self.workers.map(run, chunks, meanwhile), strict=True):
            out[chunk] = features
        return out


def _truncated(ids: list[int]) -> list[int]:
    """At most MAX_TOKENS ids, keeping the final [SEP] (callers chunk long texts first; this is a safety net)."""
    return ids if len(ids) <= MAX_TOKENS else [*ids[: MAX_TOKENS - 1], ids[-1]]
