"""The openai-whisper engine on tiny.en weights converted from the CTranslate2 ones (first use converts)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
from tonesense.errors import ModelNotFoundError
from tonesense.transcribe import Transcriber, get_transcriber

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        importlib.util.find_spec("whisper") is None or importlib.util.find_spec("torch") is None,
        reason="the openai-whisper extra is not installed (pip install torch==2.13.0 'tonesense[openai-whisper]')",
    ),
]


@pytest.fixture(scope="module")
def transcriber(tonesense_cache: Path) -> Transcriber:
    from tonesense.transcribe.openai_whisper import OpenAIWhisperTranscriber

    return OpenAIWhisperTranscriber()


def test_jfk_clip_is_transcribed_like_faster_whisper(transcriber: Transcriber, jfk_audio: DecodedAudio) -> None:
    transcript = transcriber.transcribe(jfk_audio)
    text = transcript.text.lower()
    assert "my fellow americans" in text and "ask what you can do for your country" in text
    assert transcript.engine == "openai-whisper" and transcript.language == "en"
    assert transcript.model_id == "whisper-tiny.en-ct2"
    words = transcript.words
    assert len(words) >= 20 and all(0.0 <= w.start <= w.end <= 11.0 for w in words)
    reference = get_transcriber("faster-whisper").transcribe(jfk_audio).words
    assert [w.word.strip(",.").lower() for w in words] == [w.word.strip(",.").lower() for w in reference]
    # Same weights and the same alignment heads: word timings agree with faster-whisper's.
    assert [w.start for w in words] == pytest.approx([w.start for w in reference], abs=0.5)


def test_only_the_speech_is_decoded_and_timings_map_back(transcriber: Transcriber, jfk_audio: DecodedAudio) -> None:
    """JFK with 5 s of silence before it and 6 s inserted at its pause after "Americans," (4.8 s in)."""
    silence, cut = np.zeros(SAMPLE_RATE, np.float32), int(4.8 * SAMPLE_RATE)
    pieces = [silence.repeat(5), jfk_audio.samples[:cut], silence.repeat(6), jfk_audio.samples[cut:]]
    clip = load_audio(np.concatenate(pieces), sample_rate=SAMPLE_RATE)
    words = transcriber.transcribe(clip).words
    # Both engines decode the same VAD-joined speech and map times back the same way.
    reference = get_transcriber("faster-whisper").transcribe(clip).words
    assert [w.word.strip(",.").lower() for w in words] == [w.word.strip(",.").lower() for w in reference]
    # Times are on the original clip: nothing in the silences. Words next to the join ("ask not") get blurred
    # times that faster-whisper's mapping can put on either side of the gap, in both engines; the rest do not.
    assert all(w.start >= 4.5 and not 10.0 < w.start < 15.5 for w in words)
    assert all(w.start < 10.0 for w in words[:5]) and all(w.start >= 15.5 for w in words[7:])
    assert [w.start for w in words[7:]] == pytest.approx([w.start for w in reference[7:]], abs=0.5)


def test_first_use_converts_into_the_cache(transcriber: Transcriber, tonesense_cache: Path) -> None:
    transcriber.load()  # type: ignore[attr-defined]
    (checkpoint,) = tonesense_cache.glob("openai-whisper-*.pt")
    assert checkpoint.stat().st_size > 100_000_000  # float32 tiny: 39 M parameters


def test_silence_gives_an_empty_transcript(transcriber: Transcriber) -> None:
    silence = load_audio(np.zeros(5 * SAMPLE_RATE, np.float32), sample_rate=SAMPLE_RATE)
    transcript = transcriber.transcribe(silence)
    assert transcript.text == "" and transcript.segments == []


def test_unknown_model_name_is_a_model_error(tonesense_cache: Path) -> None:
    from tonesense.transcribe.openai_whisper import OpenAIWhisperTranscriber

    with pytest.raises(ModelNotFoundError, match="--model"):
        OpenAIWhisperTranscriber("no-such-model")
