"""YAMNet (Google's AudioSet tagger, Apache-2.0) run offline through onnxruntime.

The ONNX file ships in `expression/models/yamnet/` (converted once by `tools/convert_yamnet.py`). It takes raw
16 kHz waveform frames of 0.975 s and returns 521 independent AudioSet class scores and a 1024-d embedding per
frame. Frames start every 0.48 s, as in YAMNet's own frontend. Long audio is processed in bounded batches and
the result is cached on the `DecodedAudio`, so the burst and prosody scorers share one pass.
"""

from __future__ import annotations

import csv
import logging
import threading
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tonesense.audio import SAMPLE_RATE, DecodedAudio
from tonesense.errors import ModelError, ModelNotFoundError

__all__ = ["FRAME_HOP", "FRAME_LENGTH", "YamnetFrames", "YamnetModel", "default_yamnet"]

logger = logging.getLogger(__name__)

FRAME_SAMPLES = 15_600
HOP_SAMPLES = 7_680
FRAME_LENGTH = FRAME_SAMPLES / SAMPLE_RATE
"""Seconds of audio each YAMNet frame sees (0.975)."""
FRAME_HOP = HOP_SAMPLES / SAMPLE_RATE
"""Seconds between frame starts (0.48)."""
MODEL_ID = "yamnet-onnx-v1"
_BATCH = 32
_CACHE_KEY = "tonesense.yamnet"

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class YamnetFrames:
    """Per-frame YAMNet output: frame `starts` in seconds, `scores` [n, 521], `embeddings` [n, 1024]."""

    starts: FloatArray
    scores: FloatArray
    embeddings: FloatArray

    def __len__(self) -> int:
        return int(self.starts.size)


def _model_dir() -> Path:
    return Path(str(resources.files("tonesense.expression") / "models" / "yamnet"))


class YamnetModel:
    """A loaded-once, thread-safe YAMNet session. `threads` caps onnxruntime's intra-op threads."""

    def __init__(self, model_dir: Path | None = None, *, threads: int = 0) -> None:
        self._dir = model_dir or _model_dir()
        self._threads = threads
        self._session: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return MODEL_ID

    @cached_property
    def class_names(self) -> tuple[str, ...]:
        """The 521 AudioSet display names in output order."""
        path = self._dir / "yamnet_class_map.csv"
        if not path.is_file():
            raise ModelNotFoundError(f"YAMNet class map not found at {path}; run tools/convert_yamnet.py")
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return tuple(row["display_name"] for row in rows)

    def class_index(self, name: str) -> int:
        """The output column of an AudioSet display name (exact spelling, e.g. "Chuckle, chortle")."""
        try:
            return self.class_names.index(name)
        except ValueError as exc:
            raise ModelError(f"YAMNet has no class named {name!r}") from exc

    def _get_session(self) -> Any:
        with self._lock:
            if self._session is None:
                self._session = self._load()
            return self._session

    def _load(self) -> Any:
        import onnxruntime as ort

        path = self._dir / "yamnet.onnx"
        if not path.is_file():
            raise ModelNotFoundError(f"YAMNet weights not found at {path}; run tools/convert_yamnet.py")
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        try:
            return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"could not load YAMNet from {path}: {exc}") from exc

    def run(self, samples: FloatArray) -> YamnetFrames:
        """Score 16 kHz mono samples frame by frame; short audio is zero-padded to one frame."""
        count = frame_count(samples.size)
        starts = (np.arange(count) * FRAME_HOP).astype(np.float32)
        scores = np.empty((count, 521), np.float32)
        embeddings = np.empty((count, 1024), np.float32)
        session = self._get_session()
        for lo in range(0, count, _BATCH):
            hi = min(count, lo + _BATCH)
            batch = _frames(samples, lo, hi)
            out_scores, out_embeddings = session.run(["scores", "embeddings"], {"waveform": batch})
            scores[lo:hi] = out_scores
            embeddings[lo:hi] = out_embeddings
        return YamnetFrames(starts=starts, scores=scores, embeddings=embeddings)

    def frames_for(self, audio: DecodedAudio) -> YamnetFrames:
        """YAMNet output for `audio`, computed once and cached on it for the other scorers."""
        cached = audio.extra.get(_CACHE_KEY)
        if isinstance(cached, YamnetFrames):
            return cached
        frames = self.run(audio.samples)
        audio.extra[_CACHE_KEY] = frames
        return frames


def frame_count(samples: int) -> int:
    """How many 0.975 s frames at a 0.48 s hop cover `samples` (at least one)."""
    if samples <= FRAME_SAMPLES:
        return 1
    return 1 + -(-(samples - FRAME_SAMPLES) // HOP_SAMPLES)


def _frames(samples: FloatArray, lo: int, hi: int) -> FloatArray:
    batch = np.zeros((hi - lo, FRAME_SAMPLES), np.float32)
    for row, index in enumerate(range(lo, hi)):
        chunk = samples[index * HOP_SAMPLES : index * HOP_SAMPLES + FRAME_SAMPLES]
        batch[row, : chunk.size] = chunk
    return batch


_default: YamnetModel | None = None
_default_lock = threading.Lock()


def default_yamnet() -> YamnetModel:
    """The process-wide YAMNet model, loaded on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = YamnetModel()
        return _default
