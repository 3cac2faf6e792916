"""The models the pipeline runs, loaded lazily and once per process, shared by every `Analyzer`.

A scorer module that is not importable (not built yet, or its optional extra is missing) or whose weights
cannot load is not an error for the analysis: the modality is reported in `ExpressionReport.missing` with
the reason, never filled with made-up scores.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from tonesense.errors import ModelError
from tonesense.transcribe import Transcriber, get_transcriber

__all__ = ["ScorerSlot", "load_scorer", "shared_transcriber"]

logger = logging.getLogger(__name__)

_LOADERS = {
    "language": ("tonesense.expression.language", "get_language_scorer"),
    "prosody": ("tonesense.expression.prosody", "get_prosody_scorer"),
    "burst": ("tonesense.expression.bursts", "get_burst_scorer"),
}
_lock = threading.Lock()
_transcribers: dict[tuple[str, str | None], Transcriber] = {}


@dataclass(frozen=True)
class ScorerSlot:
    """A loaded scorer for one modality, or the reason there is none."""

    scorer: Any | None
    reason: str | None = None


def shared_transcriber(engine: str, model: str | None) -> Transcriber:
    """The process-wide transcriber for (engine, model); weights load on its first use."""
    key = (engine, model)
    with _lock:
        if key not in _transcribers:
            _transcribers[key] = get_transcriber(engine, model)
        return _transcribers[key]


def load_scorer(modality: str) -> ScorerSlot:
    """The shared scorer for `modality` ("language", "prosody", "burst"), or why it cannot run here."""
    module_name, factory_name = _LOADERS[modality]
    try:
        module = __import__(module_name, fromlist=[factory_name])
        factory = getattr(module, factory_name)
    except (ImportError, AttributeError) as exc:
        logger.info("%s scorer unavailable: %s", modality, exc)
        return ScorerSlot(None, f"the {modality} scorer is not available in this install ({exc})")
    try:
        return ScorerSlot(factory())
    except ModelError as exc:
        logger.warning("%s scorer could not load: %s", modality, exc)
        return ScorerSlot(None, f"the {modality} model could not be loaded: {exc}")
