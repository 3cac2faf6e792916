"""The default engine on the real tiny.en weights."""

from __future__ import annotations

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
from tonesense.transcribe import Transcriber, get_transcriber
from tonesense.transcribe.faster_whisper import FasterWhisperTranscriber

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def transcriber() -> FasterWhisperTranscriber:
    engine = FasterWhisperTranscriber()
    engine.load()
    return engine


def test_jfk_clip_is_transcribed_with_word_timings(
    transcriber: FasterWhisperTranscriber, jfk_audio: DecodedAudio
) -> None:
    transcript = transcriber.transcribe(jfk_audio)
    text = transcript.text.lower()
    assert "my fellow americans" in text and "ask what you can do for your country" in text
    assert transcript.language == "en" and transcript.duration == pytest.approx(11.0)
    assert transcript.engine == "faster-whisper" and transcript.model_id == "whisper-tiny.en-ct2"
    words = transcript.words
    assert len(words) >= 20
    assert all(0.0 <= w.start <= w.end <= 11.0 for w in words)
    assert [w.start for w in words] == sorted(w.start for w in words)


def test_silence_gives_an_empty_transcript(transcriber: FasterWhisperTranscriber) -> None:
    transcript = transcriber.transcribe(load_audio(np.zeros(5 * SAMPLE_RATE, np.float32), sample_rate=SAMPLE_RATE))
    assert transcript.text == "" and transcript.segments == []


def test_white_noise_gives_no_invented_words(transcriber: FasterWhisperTranscriber) -> None:
    noise = np.random.default_rng(0).normal(0, 0.05, 5 * SAMPLE_RATE).astype(np.float32)
    assert transcriber.transcribe(load_audio(noise, sample_rate=SAMPLE_RATE)).words == []


def test_progress_reaches_the_end(transcriber: FasterWhisperTranscriber, jfk_audio: DecodedAudio) -> None:
    seen: list[tuple[float, float]] = []
    transcriber.transcribe(jfk_audio, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (pytest.approx(11.0), pytest.approx(11.0))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_engine_satisfies_the_protocol() -> None:
    assert isinstance(get_transcriber("faster-whisper"), Transcriber)
