"""The sentence encoder behind the local language model: tokenizer + int8 ONNX MiniLM, torch-free.

Texts go in; pooled feature vectors come out (mean of the last, the third and the fifth layer, and the maximum
over tokens of the last layer: 4 x 384 = 1536 values; the first 384 are the MiniLM sentence embedding). Batches
are formed from texts of similar length so padding stays small.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import ModelError, ModelNotFoundError

__all__ = ["MAX_TOKENS", "LanguageEncoder", "session_options"]

logger = logging.getLogger(__name__)

MAX_TOKENS = 128
_BATCH = 32


def session_options(threads: int | None) -> Any:
    """onnxruntime options: `threads` intra-op threads (default up to 4), no busy-wait spinning.

    Spinning threads help on an idle machine but cost a lot when cores are shared, which is the usual case
    for a tool server beside an agent.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


class LanguageEncoder:
    """Token ids to pooled features with onnxruntime; safe to call from several threads."""

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        encoder, tokenizer = model_dir / "encoder.onnx", model_dir / "tokenizer.json"
        for path in (encoder, tokenizer):
            if not path.is_file():
                raise ModelNotFoundError(f"language model file missing: {path} (reinstall tonesense)")
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()  # counts must see the whole text; `encode` cuts to MAX_TOKENS itself
        self.options = session_options(threads)
        try:
            self._session = onnxruntime.InferenceSession(
                str(encoder), sess_options=self.options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"could not load the language model {encoder}: {exc}") from exc
        self.width = int(self._session.get_outputs()[0].shape[1])

    def token_count(self, text: str) -> int:
        """Number of tokens the encoder sees for `text` (including [CLS] and [SEP]), before truncation."""
        return len(self._tokenizer.encode(text, add_special_tokens=True).ids) if text else 0

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """`token_count` for many texts in one tokenizer call."""
        if not texts:
            return []
        return [len(e.ids) for e in self._tokenizer.encode_batch(list(texts), add_special_tokens=True)]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Pooled features, shape (len(texts), self.width), float32, in input order."""
        encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            length = max(min(len(encodings[i].ids), MAX_TOKENS) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, index in enumerate(chunk):
                token_ids = _truncated(encodings[index].ids)
                ids[row, : len(token_ids)] = token_ids
                mask[row, : len(token_ids)] = 1
            (features,) = self._session.run(["features"], {"input_ids": ids, "attention_mask": mask})
            out[chunk] = features
        return out


def _truncated(ids: list[int]) -> list[int]:
    """At most MAX_TOKENS ids, keeping the final [SEP] (callers chunk long texts first; this is a safety net)."""
    return ids if len(ids) <= MAX_TOKENS else [*ids[: MAX_TOKENS - 1], ids[-1]]
