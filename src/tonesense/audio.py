"""Audio intake: decode anything PyAV reads into 16 kHz mono float32, within limits, with typed errors.

Every other layer takes a `DecodedAudio`, so audio is decoded once per input and shared by the transcriber
and the expression scorers.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tonesense.errors import (
    AudioTooLargeError,
    AudioTooLongError,
    CorruptAudioError,
    EmptyAudioError,
    InputError,
    NotAudioError,
    UnsupportedCodecError,
    ZeroLengthAudioError,
)

if TYPE_CHECKING:
    import av.container

__all__ = ["SAMPLE_RATE", "AudioLimits", "DecodedAudio", "load_audio"]

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
"""Every model in tonesense reads 16 kHz mono audio."""

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class AudioLimits:
    """Caps enforced on every input, before decoding (bytes) and while decoding (duration)."""

    max_bytes: int = 200 * 1024 * 1024
    max_seconds: float = 2 * 60 * 60.0


@dataclass(frozen=True)
class DecodedAudio:
    """16 kHz mono float32 samples in [-1, 1] and where they came from (a name, never the content)."""

    samples: FloatArray
    sample_rate: int = SAMPLE_RATE
    source: str = "<memory>"
    original_sample_rate: int | None = None
    original_channels: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    def slice(self, start: float, end: float) -> FloatArray:
        """The samples between `start` and `end` seconds, clipped to the audio."""
        lo = max(0, round(start * self.sample_rate))
        hi = min(len(self.samples), round(end * self.sample_rate))
        return self.samples[lo : max(lo, hi)]


def load_audio(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview | np.ndarray | DecodedAudio,
    *,
    sample_rate: int | None = None,
    limits: AudioLimits | None = None,
) -> DecodedAudio:
    """Decode a path, encoded bytes, or a sample array into 16 kHz mono float32.

    `sample_rate` is required for arrays (shape `(n,)` or `(n, channels)`) and ignored otherwise.
    Raises a subclass of `AudioError` that says what is wrong and what to do about it.
    """
    limits = limits or AudioLimits()
    if isinstance(source, DecodedAudio):
        _check_duration(source.duration, limits)
        return source
    if isinstance(source, np.ndarray):
        return _from_array(source, sample_rate, limits)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        _check_size(len(data), limits, "<bytes>")
        return _decode(io.BytesIO(data), "<bytes>", limits)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return _decode_path(path, limits)
    raise InputError(f"cannot read audio from a {type(source).__name__}; pass a path, bytes or a numpy array")


def _decode_path(path: Path, limits: AudioLimits) -> DecodedAudio:
    if not path.exists():
        raise InputError(f"audio file not found: {path}")
    if not path.is_file():
        raise InputError(f"not a regular file: {path}")
    _check_size(path.stat().st_size, limits, path.name)
    with path.open("rb") as handle:
        return _decode(handle, path.name, limits)


def _check_size(size: int, limits: AudioLimits, name: str) -> None:
    if size == 0:
        raise EmptyAudioError(f"{name} is empty (0 bytes); pass a file that holds audio")
    if size > limits.max_bytes:
        raise AudioTooLargeError(
            f"{name} is {_megabytes(size)}, over the {_megabytes(limits.max_bytes)} limit; "
            "split it or raise AudioLimits.max_bytes"
        )


def _check_duration(seconds: float, limits: AudioLimits) -> None:
    if seconds > limits.max_seconds:
        raise AudioTooLongError(
            f"audio is {seconds:.1f} s or longer, over the {limits.max_seconds:g} s limit; "
            "split it or raise AudioLimits.max_seconds"
        )


def _from_array(array: np.ndarray, sample_rate: int | None, limits: AudioLimits) -> DecodedAudio:
    if sample_rate is None or sample_rate <= 0:
        raise InputError("a numpy array needs its sample rate: load_audio(array, sample_rate=...)")
    samples = np.asarray(array)
    if samples.ndim == 2:
        channels = samples.shape[1] if samples.shape[1] <= samples.shape[0] else samples.shape[0]
        samples = samples.mean(axis=1) if samples.shape[1] == channels else samples.mean(axis=0)
    elif samples.ndim == 1:
        channels = 1
    else:
        raise InputError(f"audio array must have shape (n,) or (n, channels), not {samples.shape}")
    if samples.size == 0:
        raise ZeroLengthAudioError("the audio array holds no samples")
    _check_duration(samples.size / sample_rate, limits)
    samples = _to_float(samples)
    if sample_rate != SAMPLE_RATE:
        import soxr

        samples = soxr.resample(samples, sample_rate, SAMPLE_RATE, quality="HQ").astype(np.float32)
    return DecodedAudio(
        samples=np.ascontiguousarray(samples, dtype=np.float32),
        original_sample_rate=sample_rate,
        original_channels=channels,
    )


def _to_float(samples: np.ndarray) -> FloatArray:
    if np.issubdtype(samples.dtype, np.integer):
        info = np.iinfo(samples.dtype)
        # Signed PCM is centred on 0 with full scale 2**(bits-1); unsigned PCM (8-bit WAV) is centred on 2**(bits-1).
        scale = float(-int(info.min)) if info.min < 0 else (int(info.max) + 1) / 2
        offset = 0.0 if info.min < 0 else scale
        return ((samples.astype(np.float32) - offset) / scale).astype(np.float32)
    if not np.issubdtype(samples.dtype, np.floating):
        raise InputError(f"audio array must hold numbers, not {samples.dtype}")
    out = samples.astype(np.float32)
    if not np.all(np.isfinite(out)):
        raise CorruptAudioError("the audio array holds NaN or infinite values")
    return out


def _decode(stream: io.BufferedIOBase | io.BytesIO | Any, name: str, limits: AudioLimits) -> DecodedAudio:
    import av

    try:
        container = av.open(stream, mode="r", metadata_errors="ignore")
    except av.error.InvalidDataError as exc:
        raise NotAudioError(f"{name} is not a recognised audio or video file") from exc
    except (av.error.FFmpegError, OSError, EOFError, ValueError) as exc:
        raise CorruptAudioError(f"{name} looks truncated or damaged: it could not be opened ({_short(exc)})") from exc
    with container:
        return _decode_container(container, name, limits)


def _decode_container(container: av.container.InputContainer, name: str, limits: AudioLimits) -> DecodedAudio:
    import av

    if not container.streams.audio:
        raise NotAudioError(f"{name} has no audio stream")
    stream = container.streams.audio[0]
    if stream.codec_context is None or stream.codec_context.name in (None, "none"):
        raise UnsupportedCodecError(f"{name}: its audio codec is not supported; convert it to WAV or FLAC")
    original_rate = stream.rate or None
    original_channels = stream.channels or None
    # Keep the channels through resampling and average them here: FFmpeg's mono downmix adds channels with
    # gains above 1/n (stereo speech comes out ~1.4x louder and clips).
    resampler = av.AudioResampler(format="fltp", rate=SAMPLE_RATE)
    max_samples = int(limits.max_seconds * SAMPLE_RATE)
    chunks: list[FloatArray] = []
    total = 0
    decode_errors = 0
    try:
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                decode_errors += 1
                continue
            for frame in frames:
                for out in resampler.resample(frame):
                    total += _append(chunks, out)
            if total > max_samples:
                _check_duration(total / SAMPLE_RATE, limits)
        for out in resampler.resample(None):
            total += _append(chunks, out)
    except av.error.DecoderNotFoundError as exc:
        raise UnsupportedCodecError(f"{name}: no decoder for its audio codec; convert it to WAV or FLAC") from exc
    except (av.error.FFmpegError, ValueError) as exc:
        if total == 0:
            raise CorruptAudioError(f"{name} is damaged and holds no decodable audio ({_short(exc)})") from exc
        logger.warning("%s: decoding stopped early after %.1f s (%s)", name, total / SAMPLE_RATE, _short(exc))
    _check_duration(total / SAMPLE_RATE, limits)
    if total == 0:
        if decode_errors:
            raise CorruptAudioError(f"{name} is damaged: none of its audio packets could be decoded")
        raise ZeroLengthAudioError(f"{name} holds no audio samples")
    samples = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    np.clip(samples, -1.0, 1.0, out=samples)
    return DecodedAudio(
        samples=samples,
        source=name,
        original_sample_rate=original_rate,
        original_channels=original_channels,
    )


def _append(chunks: list[FloatArray], frame: Any) -> int:
    planes = frame.to_ndarray()
    array = planes.mean(axis=0, dtype=np.float32) if planes.shape[0] > 1 else planes.reshape(-1).astype(np.float32)
    if array.size:
        chunks.append(array)
    return int(array.size)


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size} bytes"


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:160]
