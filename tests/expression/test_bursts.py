"""The YAMNet burst scorer on real clips: laughs found with times, read speech left alone, odd inputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
from tonesense.expression import BurstScorer
from tonesense.expression.bursts import LocalBurstScorer, get_burst_scorer
from tonesense.expression.yamnet import frame_count
from tonesense.taxonomy import BURST_NAMES

LAUGH = "vocal_bursts/deeply_NC-ND_dev/audio/laughing/QI15_12_10_0_17_0_0_0.flac"
SCREAM = "vocal_bursts/deeply_NC-ND_dev/audio/screaming/W268_15_2_0_24_0_0_0.flac"


@pytest.fixture(scope="module")
def scorer() -> LocalBurstScorer:
    return get_burst_scorer()


@pytest.fixture(scope="module")
def data(shared_dir: Path) -> Path:
    return shared_dir / "data"


def test_local_burst_scorer_implements_the_protocol(scorer: LocalBurstScorer) -> None:
    assert isinstance(scorer, BurstScorer)
    assert scorer.model_id


@pytest.mark.slow
def test_deeply_laugh_is_found_as_laughter_with_48_scores(scorer: LocalBurstScorer, data: Path) -> None:
    audio = load_audio(data / LAUGH)
    bursts = scorer.detect(audio)
    laughs = [b for b in bursts if b.type == "laughter"]
    assert laughs, [b.type for b in bursts]
    laugh = max(laughs, key=lambda b: b.end - b.start)
    assert 0.0 <= laugh.start < laugh.end <= audio.duration + 1e-6
    assert laugh.expressive
    assert [e.name for e in laugh.emotions] == list(BURST_NAMES)
    top = max(laugh.emotions, key=lambda e: e.score)
    assert top.name == "Amusement"
    assert [b.start for b in bursts] == sorted(b.start for b in bursts)


@pytest.mark.slow
def test_scream_reads_as_fear_or_horror_not_amusement(scorer: LocalBurstScorer, data: Path) -> None:
    screams = [b for b in scorer.detect(load_audio(data / SCREAM)) if b.type == "scream"]
    assert screams
    scores = {e.name: e.score for e in screams[0].emotions}
    assert max(scores["Fear"], scores["Horror"]) > scores["Amusement"]


@pytest.mark.slow
def test_laugh_in_a_pause_between_speech_is_found_at_its_time(scorer: LocalBurstScorer, data: Path) -> None:
    speech = load_audio(data / "asr/audio/jfk.flac").samples
    laugh = load_audio(data / LAUGH).samples
    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    mixed = np.concatenate([speech, pause, laugh, pause, speech])
    laugh_start = (speech.size + pause.size) / SAMPLE_RATE
    laugh_end = laugh_start + laugh.size / SAMPLE_RATE
    bursts = scorer.detect(DecodedAudio(samples=mixed))
    laughs = [b for b in bursts if b.type == "laughter"]
    assert laughs
    assert all(b.end > laugh_start - 1.0 and b.start < laugh_end + 1.0 for b in laughs)
    flagged = sum(b.end - b.start for b in bursts if b.expressive and (b.end < laugh_start or b.start > laugh_end))
    assert flagged <= 0.05 * 2 * speech.size / SAMPLE_RATE


@pytest.mark.slow
def test_read_speech_has_few_bursts(scorer: LocalBurstScorer, data: Path) -> None:
    total = flagged = 0.0
    for name in ("jfk", "1089-134686-0000", "2412-153948-0000"):
        audio = load_audio(data / f"asr/audio/{name}.flac")
        total += audio.duration
        flagged += sum(b.end - b.start for b in scorer.detect(audio) if b.expressive)
    assert flagged / total <= 0.05


def test_silence_has_no_bursts(scorer: LocalBurstScorer) -> None:
    assert scorer.detect(DecodedAudio(samples=np.zeros(3 * SAMPLE_RATE, np.float32))) == []


def test_tenth_of_a_second_is_scored_as_one_padded_frame(scorer: LocalBurstScorer) -> None:
    rng = np.random.default_rng(0)
    audio = DecodedAudio(samples=(0.01 * rng.standard_normal(SAMPLE_RATE // 10)).astype(np.float32))
    bursts = scorer.detect(audio)
    assert all(0.0 <= b.start <= b.end <= audio.duration + 1e-6 for b in bursts)
    assert frame_count(audio.samples.size) == 1


def test_yamnet_frames_cover_long_audio_in_order(scorer: LocalBurstScorer) -> None:
    samples = np.zeros(95 * SAMPLE_RATE, np.float32)
    frames = scorer.yamnet.run(samples)
    assert len(frames) == frame_count(samples.size) > 32  # more than one batch
    assert frames.scores.shape == (len(frames), 521)
    assert np.all(np.diff(frames.starts) > 0)
    assert frames.starts[-1] + 0.975 >= 95.0


@pytest.mark.slow
def test_two_threads_sharing_the_scorer_get_the_same_bursts(scorer: LocalBurstScorer, data: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = data / LAUGH
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(lambda _: scorer.detect(load_audio(path)), range(2))
    assert first == second and first


def test_hysteresis_extends_runs_down_to_release_and_bridges_one_frame_gaps() -> None:
    from tonesense.expression.bursts import _hysteresis

    score = np.array([0.0, 0.06, 0.2, 0.07, 0.0, 0.3, 0.0, 0.0, 0.06, 0.0, 0.12, 0.0], np.float32)
    assert _hysteresis(score, 0.1, 0.05, 1) == [(1, 5), (10, 10)]
    assert _hysteresis(score, 0.1, 0.05, 0) == [(1, 3), (5, 5), (10, 10)]
    assert _hysteresis(np.zeros(4, np.float32), 0.1, 0.05, 1) == []
