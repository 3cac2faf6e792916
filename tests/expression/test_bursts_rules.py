"""Phonetic burst rules on synthesised sounds with known shapes, and on real read speech (which they must leave)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
from tonesense.expression.acoustics import track_for, track_frames
from tonesense.expression.burst_rules import SoundEvent, classify_event, sound_events
from tonesense.expression.bursts import get_burst_scorer

Signal = npt.NDArray[np.float32]
_rng = np.random.default_rng(0)


def _band(wave: npt.NDArray[np.float64], low: float, high: float) -> npt.NDArray[np.float64]:
    """`wave` with only the frequencies between `low` and `high` Hz kept."""
    spectrum = np.fft.rfft(wave)
    freqs = np.fft.rfftfreq(wave.size, 1 / SAMPLE_RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(spectrum, wave.size)


def _voiced(f0_start: float, f0_end: float, seconds: float, breath: float) -> Signal:
    """A harmonic voice with an open-vowel resonance, a gliding pitch and some breath noise."""
    n = int(seconds * SAMPLE_RATE)
    phase = 2 * np.pi * np.cumsum(np.geomspace(f0_start, f0_end, n)) / SAMPLE_RATE
    wave = sum(np.sin(k * phase) / k for k in range(1, 25))
    wave = 0.6 * wave + 1.5 * _band(wave, 600, 1200)
    wave = wave / np.abs(wave).max() + breath * 0.3 * _rng.standard_normal(n)
    return (0.3 * np.sin(np.linspace(0, np.pi, n)) ** 0.5 * wave).astype(np.float32)


def _breath(seconds: float, amplitude: float = 0.08) -> Signal:
    n = int(seconds * SAMPLE_RATE)
    noise = _band(_rng.standard_normal(n), 500, 3000)
    return (amplitude * np.sin(np.linspace(0, np.pi, n)) ** 0.7 * noise / np.abs(noise).max()).astype(np.float32)


def _quiet(seconds: float) -> Signal:
    return (0.0005 * _rng.standard_normal(int(seconds * SAMPLE_RATE))).astype(np.float32)


def _yawn(margin: float) -> Signal:
    """A long noisy inhalation, then a breathy voiced exhalation whose pitch falls from 230 to 130 Hz."""
    return np.concatenate([_quiet(margin), _breath(1.2), _voiced(230, 130, 1.8, breath=0.8), _quiet(margin)])


def _only(events: list[SoundEvent]) -> SoundEvent:
    assert len(events) == 1, events
    return events[0]


@pytest.mark.parametrize("margin", [0.3, 0.05])
def test_inhalation_then_falling_voiced_exhalation_is_one_yawn_even_when_it_fills_the_clip(margin: float) -> None:
    event = _only(sound_events(track_frames(_yawn(margin))))
    assert event.seconds > 2.5
    assert classify_event(event) == "yawn"


def test_sustained_low_steady_voice_is_a_moan() -> None:
    moan = np.concatenate([_quiet(0.4), _voiced(140, 128, 1.4, breath=0.2), _quiet(0.4)])
    event = _only(sound_events(track_frames(moan)))
    assert event.voiced > 0.9 and event.f0_range_st < 3 and event.nuclei == 1
    assert classify_event(event) == "moan"


def test_rapid_unvoiced_breaths_are_panting() -> None:
    breaths = [np.concatenate([_breath(0.18, 0.1), _quiet(0.12)]) for _ in range(8)]
    event = _only(sound_events(track_frames(np.concatenate([_quiet(0.3), *breaths, _quiet(0.3)]))))
    assert event.cycles_per_second >= 3
    assert classify_event(event) == "pant"


def test_rule_table_on_described_events() -> None:
    def event(seconds: float, **kw: float | bool | int) -> SoundEvent:
        base: dict[str, float | bool | int] = {
            "voiced": 0.8,
            "nuclei": 1,
            "f0_median_hz": 150.0,
            "f0_range_st": 2.0,
            "f0_falls": False,
            "cycles_per_second": 0.5,
        }
        base.update(kw)
        return SoundEvent(start=0.0, end=seconds, **base)  # type: ignore[arg-type]

    assert classify_event(event(1.0)) == "moan"
    assert classify_event(event(1.0, f0_median_hz=400.0)) is None  # high and tonal: a whimper, not a moan
    assert classify_event(event(1.0, nuclei=4)) is None  # several syllables: speech-like
    assert classify_event(event(2.5, f0_range_st=12.0, f0_falls=True)) == "yawn"
    assert classify_event(event(1.0, voiced=0.1)) == "sigh"
    assert classify_event(event(1.5, voiced=0.1, cycles_per_second=2.5, nuclei=4)) == "pant"
    assert classify_event(event(0.3, voiced=0.1)) is None


@pytest.mark.slow
def test_read_speech_is_never_heard_as_a_yawn_or_moan(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "data" / "asr" / "audio").glob("*.flac")):
        rules = {classify_event(e) for e in sound_events(track_for(load_audio(path)))}
        assert not rules & {"yawn", "moan"}, path.name


@pytest.mark.slow
def test_a_yawn_in_silence_is_detected_with_its_time() -> None:
    audio = DecodedAudio(samples=_yawn(0.5))
    yawns = [b for b in get_burst_scorer().detect(audio) if b.type == "yawn"]
    assert len(yawns) == 1
    assert yawns[0].expressive and 0.3 <= yawns[0].start < 0.8 and 3.0 <= yawns[0].end <= audio.duration
    scores = {e.name: e.score for e in yawns[0].emotions}
    assert max(scores, key=lambda name: scores[name]) == "Tiredness"
