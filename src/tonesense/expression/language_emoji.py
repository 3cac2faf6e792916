"""Emoji-prediction signals for the language model, from nade's fastText classifier (MIT, PyPI `nade`).

nade ships a fastText model that predicts which of 151 emoji a social-media message would carry. Which emoji
people attach to words is a known proxy for how those words come across (laughing, crying, eye-roll,
pleading faces), and it carries signal the encoder's features miss: one GoEmotions head on frozen MiniLM
features alone reached DEV macro-F1 0.471, the same head with the 151 emoji log-probabilities added 0.485
(same seed, side by side). The heads read both.

The model file is read straight from the installed `nade` package with `fasttext-numpy2`; nade's own Python
module (which needs pyarrow and lightgbm) is never imported. Text is prepared the way nade prepares it:
spaces around runs of punctuation, whitespace collapsed, lower case.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.errors import ModelError, ModelNotFoundError

__all__ = ["EMOJI_COUNT", "EmojiModel", "nade_model_path", "prepare_for_nade"]

EMOJI_COUNT = 151
_BLOCK = 64  # texts per fastText predict call
_FLOOR = 1e-4  # probability floor before the log, so unseen emoji read as log(1e-4) rather than -inf
_MODEL_FILE = ("data", "socialmedia_en", "nade_250k_hp.ftz")


def nade_model_path() -> Path:
    """Where the installed `nade` package keeps its emoji classifier (found without importing nade)."""
    spec = importlib.util.find_spec("nade")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError("the language model needs the `nade` package: pip install nade==0.3.1")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_MODEL_FILE)
    if not path.is_file():
        raise ModelNotFoundError(f"nade's emoji model is missing at {path}: reinstall nade==0.3.1")
    return path


def prepare_for_nade(text: str) -> str:
    """nade's preprocessing: ' x ' around punctuation runs, single spaces, lower case, trimmed."""
    punctuation, spaces = _patterns()
    return str(spaces.sub(" ", punctuation.sub(r" \1 ", text))).lower().strip()


@functools.cache
def _patterns() -> tuple[Any, Any]:
    """nade's two regular expressions (Unicode punctuation class `\\p{P}`, hence the `regex` module)."""
    import regex

    return regex.compile(r"\s*(\p{P}+)\s*"), regex.compile(r"\s+")


class EmojiModel:
    """nade's fastText emoji classifier; `log_probs` gives each text's 151 emoji log-probabilities."""

    def __init__(self, path: Path | None = None) -> None:
        import fasttext

        path = path or nade_model_path()
        # fasttext prints a notice to stderr on every load_model; it says nothing a user can act on.
        fasttext.FastText.eprint = lambda _message: None
        try:
            self._model = fasttext.load_model(str(path))
        except (ValueError, OSError) as exc:
            raise ModelError(f"could not load nade's emoji model {path}: {exc}") from exc
        labels = list(self._model.get_labels())
        if len(labels) != EMOJI_COUNT:
            raise ModelError(f"nade's emoji model has {len(labels)} labels, expected {EMOJI_COUNT}")
        self._column = {label: i for i, label in enumerate(sorted(labels))}

    def log_probs(self, texts: Sequence[str]) -> np.ndarray:
        """Shape (len(texts), 151), float32, columns in a fixed (sorted-label) order."""
        out = np.full((len(texts), EMOJI_COUNT), _FLOOR, dtype=np.float32)
        prepared = [prepare_for_nade(t) for t in texts]
        # fastText keeps the GIL for a whole predict call; short blocks let the encoder's threads run between.
        for start in range(0, len(prepared), _BLOCK):
            labels, probs = self._model.predict(prepared[start : start + _BLOCK], k=EMOJI_COUNT)
            for row, (names, values) in enumerate(zip(labels, probs, strict=True), start):
                out[row, [self._column[n] for n in names]] = np.maximum(values, _FLOOR)
        return np.log(out)
