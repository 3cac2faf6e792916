"""Acoustic measurements of speech in numpy: pitch (YIN), loudness, voicing, rate, voice quality, spectrum.

Shared by the prosody scorer (features per span) and the burst scorer (acoustics of each burst). Everything
runs on 16 kHz mono float32 at a 10 ms hop, vectorised over frames, with no dependency beyond numpy.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tonesense.audio import SAMPLE_RATE, DecodedAudio

__all__ = ["FEATURE_NAMES", "HOP_SECONDS", "FrameTrack", "span_features", "track_for", "track_frames"]

FloatArray = npt.NDArray[np.float32]

HOP = 160
HOP_SECONDS = HOP / SAMPLE_RATE
_WINDOW = 400  # 25 ms integration window
_F0_MIN, _F0_MAX = 60.0, 500.0
_TAU_MIN = int(SAMPLE_RATE / _F0_MAX)
_TAU_MAX = int(SAMPLE_RATE / _F0_MIN)
_YIN_THRESHOLD = 0.2
_VOICED_MAX_APERIODICITY = 0.35
_SILENCE_DB = -55.0
_ACTIVE_BELOW_PEAK_DB = 35.0
_FFT = 512
_TRACK_KEY = "tonesense.acoustics"
_BAND_EDGES_HZ = (0.0, 250.0, 500.0, 1000.0, 2000.0, 3000.0, 4000.0, 6000.0, 8000.0)


@dataclass(frozen=True)
class FrameTrack:
    """Per-frame measurements at a 10 ms hop; `f0` is NaN where a frame is unvoiced or silent."""

    f0: FloatArray
    aperiodicity: FloatArray
    loudness_db: FloatArray
    active: npt.NDArray[np.bool_]
    centroid_hz: FloatArray
    alpha_ratio_db: FloatArray
    band_share: FloatArray  # [frames, bands]: each band's share of the frame's energy
    flux: FloatArray

    def __len__(self) -> int:
        return int(self.f0.size)

    def slice(self, start: float, end: float) -> FrameTrack:
        """The frames whose centres fall between `start` and `end` seconds."""
        lo = max(0, int(np.floor(start / HOP_SECONDS)))
        hi = max(lo, int(np.ceil(end / HOP_SECONDS)))
        return FrameTrack(*(getattr(self, name)[lo:hi] for name in self.__dataclass_fields__))


def _frame(samples: FloatArray, length: int) -> FloatArray:
    padded = np.pad(samples.astype(np.float32, copy=False), (0, length))
    count = max(1, int(np.ceil(samples.size / HOP)))
    view = np.lib.stride_tricks.sliding_window_view(padded, length)[::HOP]
    return np.asarray(view[:count])


def _yin(frames: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(f0 Hz, aperiodicity) per frame via YIN's cumulative-mean-normalised difference, computed with FFTs."""
    n_fft = 1 << int(np.ceil(np.log2(frames.shape[1] + _WINDOW)))
    spectrum = np.fft.rfft(frames, n_fft)
    head = np.fft.rfft(frames[:, :_WINDOW], n_fft)
    cross = np.fft.irfft(spectrum * np.conj(head), n_fft)[:, : _TAU_MAX + 1]
    energy = np.cumsum(np.pad(frames.astype(np.float64) ** 2, ((0, 0), (1, 0))), axis=1)
    taus = np.arange(_TAU_MAX + 1)
    window_energy = energy[:, taus + _WINDOW] - energy[:, taus]
    diff = np.maximum(window_energy[:, :1] + window_energy - 2.0 * cross, 0.0)
    cumulative = np.cumsum(diff[:, 1:], axis=1)
    cmnd = np.ones_like(diff)
    cmnd[:, 1:] = diff[:, 1:] * taus[1:] / np.maximum(cumulative, 1e-12)
    search = cmnd[:, _TAU_MIN:]
    below = search < _YIN_THRESHOLD
    first = np.where(below.any(axis=1), below.argmax(axis=1), search.argmin(axis=1))
    rows = np.arange(search.shape[0])
    for _ in range(8):  # walk down to the local minimum after the first dip below threshold
        nxt = np.minimum(first + 1, search.shape[1] - 1)
        step = search[rows, nxt] < search[rows, first]
        first = np.where(step, nxt, first)
    tau = first + _TAU_MIN
    left = cmnd[rows, np.maximum(tau - 1, 1)]
    mid = cmnd[rows, tau]
    right = cmnd[rows, np.minimum(tau + 1, _TAU_MAX)]
    denom = left - 2 * mid + right
    shift = np.where(np.abs(denom) > 1e-9, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0)
    period = tau + np.clip(shift, -1, 1)
    return (SAMPLE_RATE / period).astype(np.float32), mid.astype(np.float32)


def _spectral(frames: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    window = np.hanning(_WINDOW).astype(np.float32)
    power = np.abs(np.fft.rfft(frames[:, :_WINDOW] * window, _FFT)) ** 2 + 1e-10
    freqs = np.fft.rfftfreq(_FFT, 1 / SAMPLE_RATE)
    total = power.sum(axis=1)
    centroid = (power * freqs).sum(axis=1) / total
    low = power[:, (freqs >= 50) & (freqs < 1000)].sum(axis=1)
    high = power[:, (freqs >= 1000) & (freqs < 5000)].sum(axis=1)
    alpha = 10 * np.log10(high / low)
    bands = (
        np.stack([power[:, (freqs >= lo) & (freqs < hi)].sum(axis=1) for lo, hi in _band_pairs()], axis=1)
        / total[:, None]
    )
    log_power = np.log(power)
    flux = np.zeros(len(frames), np.float32)
    flux[1:] = np.sqrt(np.mean(np.diff(log_power, axis=0) ** 2, axis=1))
    return centroid.astype(np.float32), alpha.astype(np.float32), bands.astype(np.float32), flux


def _band_pairs() -> list[tuple[float, float]]:
    return list(itertools.pairwise(_BAND_EDGES_HZ))


def track_frames(samples: FloatArray, *, chunk_seconds: float = 30.0) -> FrameTrack:
    """Measure every 10 ms frame of `samples`, in chunks so long audio stays in bounded memory."""
    chunk = int(chunk_seconds * SAMPLE_RATE) // HOP * HOP
    parts = [
        _track_chunk(samples[lo : lo + chunk + _WINDOW + _TAU_MAX], (min(chunk, samples.size - lo)))
        for lo in range(0, max(1, samples.size), chunk)
    ]
    merged = [np.concatenate([getattr(p, name) for p in parts]) for name in FrameTrack.__dataclass_fields__]
    track = FrameTrack(*merged)
    peak = float(np.max(track.loudness_db)) if len(track) else _SILENCE_DB
    active = (track.loudness_db > _SILENCE_DB) & (track.loudness_db > peak - _ACTIVE_BELOW_PEAK_DB)
    voiced = active & (track.aperiodicity < _VOICED_MAX_APERIODICITY)
    f0 = np.where(voiced, track.f0, np.nan).astype(np.float32)
    return FrameTrack(
        f0,
        track.aperiodicity,
        track.loudness_db,
        active,
        track.centroid_hz,
        track.alpha_ratio_db,
        track.band_share,
        track.flux,
    )


def track_for(audio: DecodedAudio) -> FrameTrack:
    """`track_frames` of `audio`, computed once and cached on it for the other scorers."""
    cached = audio.extra.get(_TRACK_KEY)
    if isinstance(cached, FrameTrack):
        return cached
    track = track_frames(audio.samples)
    audio.extra[_TRACK_KEY] = track
    return track


def _track_chunk(samples: FloatArray, keep: int) -> FrameTrack:
    count = max(1, int(np.ceil(keep / HOP)))
    frames = _frame(samples, _WINDOW + _TAU_MAX)[:count]
    f0, aperiodicity = _yin(frames)
    rms = np.sqrt(np.mean(frames[:, :_WINDOW].astype(np.float64) ** 2, axis=1) + 1e-12)
    loudness = (20 * np.log10(rms)).astype(np.float32)
    centroid, alpha, bands, flux = _spectral(frames)
    active = np.ones(count, bool)
    return FrameTrack(f0, aperiodicity, loudness, active, centroid, alpha, bands, flux)


FEATURE_NAMES: tuple[str, ...] = (
    "f0_median_st",
    "f0_p10_st",
    "f0_p90_st",
    "f0_range_st",
    "f0_std_st",
    "f0_slope_st_s",
    "f0_delta_st",
    "loud_mean_db",
    "loud_std_db",
    "loud_p90_db",
    "loud_range_db",
    "loud_delta_db",
    "voiced_fraction",
    "pause_fraction",
    "rate_nuclei_s",
    "aperiodicity",
    "centroid_hz",
    "alpha_ratio_db",
    "flux",
    *(f"band_{int(lo)}_{int(hi)}" for lo, hi in _band_pairs()),
)
"""The per-span features, in the order `span_features` returns them (st = semitones re 100 Hz)."""


def span_features(track: FrameTrack) -> FloatArray:
    """Summary features of one span's frames (NaN where the span has no voiced or active frames).

    Silence before the first and after the last active frame is dropped, so padding does not count as pauses.
    """
    edges = np.flatnonzero(track.active)
    if edges.size:
        track = FrameTrack(*(getattr(track, n)[edges[0] : edges[-1] + 1] for n in FrameTrack.__dataclass_fields__))
    voiced = ~np.isnan(track.f0)
    semitones = 12 * np.log2(track.f0[voiced] / 100.0) if voiced.any() else np.empty(0, np.float32)
    active = track.active
    loud = track.loudness_db[active]
    features = [
        *_pitch_stats(semitones),
        *_loudness_stats(loud, track.loudness_db[voiced]),
        float(voiced.sum() / max(1, active.sum())),
        float(1.0 - active.mean()) if len(track) else np.nan,
        _rate(track.loudness_db, voiced),
        _mean(track.aperiodicity[voiced]),
        _mean(track.centroid_hz[active]),
        _mean(track.alpha_ratio_db[active]),
        _mean(track.flux[active]),
        *(track.band_share[active].mean(axis=0) if active.any() else np.full(len(_BAND_EDGES_HZ) - 1, np.nan)),
    ]
    return np.asarray(features, np.float32)


def _mean(values: FloatArray) -> float:
    return float(values.mean()) if values.size else float("nan")


def _pitch_stats(semitones: FloatArray) -> list[float]:
    if semitones.size < 3:
        return [float("nan")] * 7
    p10, p50, p90 = np.percentile(semitones, [10, 50, 90])
    times = np.arange(semitones.size) * HOP_SECONDS
    slope = float(np.polyfit(times, semitones, 1)[0]) if semitones.size >= 5 else 0.0
    delta = float(np.median(np.abs(np.diff(semitones))))
    return [float(p50), float(p10), float(p90), float(p90 - p10), float(semitones.std()), slope, delta]


def _loudness_stats(active_db: FloatArray, voiced_db: FloatArray) -> list[float]:
    if active_db.size < 2:
        return [float("nan")] * 5
    p10, p90 = np.percentile(active_db, [10, 90])
    delta = float(np.mean(np.abs(np.diff(voiced_db)))) if voiced_db.size > 2 else float("nan")
    return [float(active_db.mean()), float(active_db.std()), float(p90), float(p90 - p10), delta]


def _rate(loudness_db: FloatArray, voiced: npt.NDArray[np.bool_]) -> float:
    """Syllable-like nuclei per second of voiced speech: loudness peaks 3 dB above their surroundings."""
    seconds = voiced.sum() * HOP_SECONDS
    if seconds < 0.2:
        return float("nan")
    kernel = np.hanning(11) / np.hanning(11).sum()
    smooth = np.convolve(loudness_db, kernel, mode="same")
    peak = (smooth[1:-1] > smooth[:-2]) & (smooth[1:-1] >= smooth[2:]) & voiced[1:-1]
    indices = np.flatnonzero(peak) + 1
    count = 0
    for index in indices:
        lo, hi = max(0, index - 12), min(smooth.size, index + 13)
        if smooth[index] - min(smooth[lo : index + 1].min(), smooth[index:hi].min()) >= 3.0:
            count += 1
    return float(count / seconds)
