"""tonesense: hear how something was said.

Transcribes speech with Whisper and measures the expression in the words (53 dimensions), the tone of voice
(48) and vocal bursts (48), as cues about how an expression is likely to be perceived, not verdicts about
what anyone feels. Heavy dependencies load lazily: importing this package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tonesense.errors import (
    AudioError,
    BackendError,
    InputError,
    MissingExtraError,
    ModelError,
    TonesenseError,
)

if TYPE_CHECKING:
    from tonesense.pipeline import Analyzer

__all__ = [
    "Analyzer",
    "AudioError",
    "BackendError",
    "InputError",
    "MissingExtraError",
    "ModelError",
    "TonesenseError",
    "__version__",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from tonesense.pipeline import Analyzer

        return Analyzer
    raise AttributeError(f"module 'tonesense' has no attribute {name!r}")
