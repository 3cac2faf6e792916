"""Pauses found in real speech, where Whisper's word timings hide them."""

from __future__ import annotations

import numpy as np
import pytest

from tonesense.audio import DecodedAudio
from tonesense.pipeline.pauses import find_pauses


def test_jfk_pauses_are_found_where_the_speaker_stops(jfk_audio: DecodedAudio) -> None:
    pauses = find_pauses(jfk_audio, 0.5)
    assert len(pauses) == 3
    for (start, end), (expected_start, expected_end) in zip(pauses, [(2.1, 3.3), (4.3, 5.4), (7.7, 8.2)], strict=True):
        assert start == pytest.approx(expected_start, abs=0.1)
        assert end == pytest.approx(expected_end, abs=0.1)


def test_shorter_minimum_finds_more_and_silence_alone_is_no_pause() -> None:
    tone = np.sin(np.linspace(0, 2000 * np.pi, 16_000)).astype(np.float32) * 0.3
    gap = np.zeros(8_000, dtype=np.float32)
    audio = DecodedAudio(samples=np.concatenate([tone, gap, tone]))
    assert find_pauses(audio, 0.4) == [(pytest.approx(1.0, abs=0.03), pytest.approx(1.5, abs=0.03))]
    assert find_pauses(audio, 0.6) == []
    assert find_pauses(DecodedAudio(samples=np.zeros(100, dtype=np.float32)), 0.5) == []
