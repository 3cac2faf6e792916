"""Audio intake: every input in a generated corpus of real and broken files gives its typed error or correct audio."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest
import soxr

from tonesense.audio import SAMPLE_RATE, AudioLimits, DecodedAudio, load_audio
from tonesense.errors import (
    AudioError,
    AudioTooLargeError,
    AudioTooLongError,
    CorruptAudioError,
    EmptyAudioError,
    InputError,
    NotAudioError,
    UnsupportedCodecError,
    ZeroLengthAudioError,
)

pytestmark = pytest.mark.timeout(60)

SECONDS = 3.0
LAYOUTS = {1: "mono", 2: "stereo", 6: "5.1"}


@pytest.fixture(scope="module")
def speech(jfk_audio: DecodedAudio) -> np.ndarray:
    """Three seconds of real speech at 16 kHz: the reference every decoded variant is compared against."""
    return jfk_audio.samples[: int(SECONDS * SAMPLE_RATE)].copy()


def _encode(path: Path, speech: np.ndarray, rate: int, codec: str, channels: int = 1, fmt: str | None = None) -> Path:
    """Write `speech` resampled to `rate` on every channel with a real encoder (PyAV)."""
    layout = LAYOUTS[channels]
    samples = soxr.resample(speech, SAMPLE_RATE, rate).astype(np.float32)
    planes = np.repeat(samples[None, :], channels, axis=0)
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        for start in range(0, planes.shape[1], 1024):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(planes[:, start : start + 1024]), format="fltp", layout=layout
            )
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _wav_header(data_bytes: int, rate: int = SAMPLE_RATE, channels: int = 1, bits: int = 16, tag: int = 1) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack("<IHHIIHH", 16, tag, channels, rate, rate * block, block, bits)
    return (
        b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE" + b"fmt " + fmt + b"data" + struct.pack("<I", data_bytes)
    )


def _video_without_audio(path: Path) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _best_correlation(decoded: np.ndarray, reference: np.ndarray, max_lag: int = 1600) -> float:
    """Highest correlation over lags up to 100 ms (AAC and Opus add encoder delay)."""
    n = min(len(reference), len(decoded)) - max_lag
    lag = max(range(max_lag), key=lambda k: float(np.dot(decoded[k : k + n], reference[:n])))
    return float(np.corrcoef(decoded[lag : lag + n], reference[:n])[0, 1])


# name -> (writer, expected channels) for files that must decode to the same speech.
VALID: dict[str, tuple[Callable[[Path, np.ndarray], Path], int]] = {
    "speech.mp3": (lambda p, s: _encode(p, s, 44_100, "libmp3lame", 2), 2),
    "speech.ogg": (lambda p, s: _encode(p, s, 48_000, "libopus", 1, "ogg"), 1),
    "speech.m4a": (lambda p, s: _encode(p, s, 44_100, "aac", 2, "mp4"), 2),
    "speech.webm": (lambda p, s: _encode(p, s, 48_000, "libopus", 2, "webm"), 2),
    "speech-8bit.wav": (lambda p, s: _encode(p, s, SAMPLE_RATE, "pcm_u8"), 1),
    "speech-24bit.wav": (lambda p, s: _encode(p, s, 22_050, "pcm_s24le"), 1),
    "speech-6ch.wav": (lambda p, s: _encode(p, s, 48_000, "pcm_s16le", 6), 6),
    "speech-8k.wav": (lambda p, s: _encode(p, s, 8_000, "pcm_s16le"), 1),
    "speech-96k.flac": (lambda p, s: _encode(p, s, 96_000, "flac", 2), 2),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_encoded_speech_decodes_to_the_same_16k_mono_audio(tmp_path: Path, speech: np.ndarray, name: str) -> None:
    writer, channels = VALID[name]
    decoded = load_audio(writer(tmp_path / name, speech))
    assert decoded.sample_rate == SAMPLE_RATE
    assert decoded.samples.dtype == np.float32 and decoded.samples.ndim == 1
    assert decoded.original_channels == channels
    assert decoded.duration == pytest.approx(SECONDS, abs=0.1)
    assert _best_correlation(decoded.samples, speech) > 0.95
    assert np.std(decoded.samples) == pytest.approx(np.std(speech), rel=0.1), "downmix changed the loudness"


def _flac_bytes(tmp_path: Path, speech: np.ndarray) -> bytes:
    return _encode(tmp_path / "full.flac", speech, SAMPLE_RATE, "flac").read_bytes()


def _mp3_bytes(tmp_path: Path, speech: np.ndarray) -> bytes:
    return _encode(tmp_path / "full.mp3", speech, 44_100, "libmp3lame").read_bytes()


# name -> (bytes for the file, the error it must raise)
BROKEN: dict[str, tuple[Callable[[Path, np.ndarray], bytes], type[AudioError]]] = {
    "empty.wav": (lambda t, s: b"", EmptyAudioError),
    "random.wav": (lambda t, s: np.random.default_rng(0).bytes(50_000), NotAudioError),
    "text.mp3": (lambda t, s: b"this is a text file, not audio\n" * 100, NotAudioError),
    "header-only.wav": (lambda t, s: _wav_header(0), ZeroLengthAudioError),
    "unknown-codec.wav": (lambda t, s: _wav_header(32_000, tag=0x3344) + bytes(32_000), UnsupportedCodecError),
    "first-100-bytes.flac": (lambda t, s: _flac_bytes(t, s)[:100], CorruptAudioError),
    "first-300-bytes.mp3": (lambda t, s: _mp3_bytes(t, s)[:300], NotAudioError),
    "video-only.mp4": (lambda t, s: _video_without_audio(t / "v.mp4").read_bytes(), NotAudioError),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_raises_its_typed_error(tmp_path: Path, speech: np.ndarray, name: str) -> None:
    make, error = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path, speech))
    with pytest.raises(error) as raised:
        load_audio(path)
    assert name in str(raised.value)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_bytes_raise_the_same_error_as_the_file(tmp_path: Path, speech: np.ndarray, name: str) -> None:
    make, error = BROKEN[name]
    with pytest.raises(error):
        load_audio(make(tmp_path, speech))


@pytest.mark.parametrize("suffix", ["flac", "mp3"])
def test_truncated_file_decodes_the_part_that_is_there(tmp_path: Path, speech: np.ndarray, suffix: str) -> None:
    whole = _flac_bytes(tmp_path, speech) if suffix == "flac" else _mp3_bytes(tmp_path, speech)
    path = tmp_path / f"truncated.{suffix}"
    path.write_bytes(whole[: len(whole) // 2])
    decoded = load_audio(path)
    assert 0.5 < decoded.duration < SECONDS
    assert _best_correlation(decoded.samples, speech) > 0.95


def test_wav_header_claiming_three_hours_gives_the_real_second(tmp_path: Path) -> None:
    tone = (np.sin(np.arange(SAMPLE_RATE) / 5) * 8000).astype("<i2").tobytes()
    path = tmp_path / "claims-3h.wav"
    path.write_bytes(_wav_header(3 * 3600 * SAMPLE_RATE * 2) + tone)
    assert load_audio(path).duration == pytest.approx(1.0, abs=0.01)


def test_silent_wav_is_valid_audio(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    path.write_bytes(_wav_header(64_000) + bytes(64_000))
    decoded = load_audio(path)
    assert decoded.duration == pytest.approx(2.0)
    assert not decoded.samples.any()


def test_file_over_the_byte_limit_is_refused_before_decoding(tmp_path: Path, speech: np.ndarray) -> None:
    path = _encode(tmp_path / "speech.flac", speech, SAMPLE_RATE, "flac")
    with pytest.raises(AudioTooLargeError, match="bytes limit"):
        load_audio(path, limits=AudioLimits(max_bytes=1_000))


def test_file_over_the_duration_limit_is_refused(tmp_path: Path, speech: np.ndarray) -> None:
    path = _encode(tmp_path / "speech.flac", speech, SAMPLE_RATE, "flac")
    with pytest.raises(AudioTooLongError, match="1 s limit"):
        load_audio(path, limits=AudioLimits(max_seconds=1.0))


def test_missing_path_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_audio(tmp_path / "missing.wav")
    with pytest.raises(InputError, match="not a regular file"):
        load_audio(tmp_path)


@pytest.mark.parametrize(
    ("array", "rate", "error"),
    [
        (np.array([0.0, np.nan] * 800, np.float32), SAMPLE_RATE, CorruptAudioError),
        (np.array([0.0, np.inf] * 800, np.float32), SAMPLE_RATE, CorruptAudioError),
        (np.zeros(0, np.float32), SAMPLE_RATE, ZeroLengthAudioError),
        (np.zeros(1600, np.float32), None, InputError),
        (np.zeros((2, 2, 2), np.float32), SAMPLE_RATE, InputError),
        (np.array(["a", "b"]), SAMPLE_RATE, InputError),
        (np.zeros(3 * SAMPLE_RATE, np.float32), SAMPLE_RATE, AudioTooLongError),
    ],
    ids=["nan", "inf", "empty", "no-rate", "3d", "strings", "too-long"],
)
def test_bad_array_raises_its_typed_error(array: np.ndarray, rate: int | None, error: type[InputError]) -> None:
    with pytest.raises(error):
        load_audio(array, sample_rate=rate, limits=AudioLimits(max_seconds=2.0))


def test_stereo_int16_array_is_downmixed_and_resampled(speech: np.ndarray) -> None:
    at_44k = soxr.resample(speech, SAMPLE_RATE, 44_100)
    stereo = (np.stack([at_44k, at_44k], axis=1) * 32767).astype(np.int16)
    decoded = load_audio(stereo, sample_rate=44_100)
    assert decoded.original_channels == 2
    assert decoded.duration == pytest.approx(SECONDS, abs=0.01)
    assert np.corrcoef(decoded.samples[: len(speech)], speech)[0, 1] > 0.99


def test_unsigned_8bit_array_is_centred_on_zero() -> None:
    decoded = load_audio(np.array([0, 128, 255] * 100, np.uint8), sample_rate=SAMPLE_RATE)
    assert decoded.samples[:3].tolist() == pytest.approx([-1.0, 0.0, 127 / 128])


def test_unreadable_source_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="pass a path, bytes or a numpy array"):
        load_audio(5)  # type: ignore[arg-type]
