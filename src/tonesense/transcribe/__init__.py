"""Speech to text with Whisper: one `Transcriber` protocol, two engines, one place that finds weights."""

from tonesense.transcribe.engines import ENGINES, get_transcriber
from tonesense.transcribe.options import TranscribeOptions
from tonesense.transcribe.protocol import ProgressCallback, Transcriber
from tonesense.transcribe.weights import ResolvedWeights, resolve_whisper_weights

__all__ = [
    "ENGINES",
    "ProgressCallback",
    "ResolvedWeights",
    "TranscribeOptions",
    "Transcriber",
    "get_transcriber",
    "resolve_whisper_weights",
]
