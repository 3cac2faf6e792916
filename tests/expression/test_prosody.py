"""The local prosody scorer on real speech: arousal ordering, speaker-relative reading, odd inputs."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio, load_audio
from tonesense.errors import InputError
from tonesense.expression import ProsodyScorer
from tonesense.expression.acoustics import track_frames
from tonesense.expression.prosody import LocalProsodyScorer, get_prosody_scorer, sliding_windows
from tonesense.expression.prosody_model import SpeakerBaseline
from tonesense.schema import TimeSpan
from tonesense.taxonomy import PROSODY_NAMES


@pytest.fixture(scope="module")
def scorer() -> LocalProsodyScorer:
    return get_prosody_scorer()


@pytest.fixture(scope="module")
def emodb(shared_dir: Path) -> Path:
    return shared_dir / "data" / "speech_emotion" / "emodb_CC0"


def _clips(emodb: Path, speaker: str, emotions: set[str]) -> list[tuple[str, Path]]:
    with (emodb / "labels.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["emotion"], emodb / r["path"]) for r in rows if r["speaker"] == speaker and r["emotion"] in emotions]


def test_local_prosody_scorer_implements_the_protocol(scorer: LocalProsodyScorer) -> None:
    assert isinstance(scorer, ProsodyScorer)
    assert scorer.model_id


@pytest.mark.slow
@pytest.mark.parametrize("speaker", ["03", "16"])
def test_angry_and_happy_clips_read_as_more_aroused_than_bored_and_sad(
    scorer: LocalProsodyScorer, emodb: Path, speaker: str
) -> None:
    clips = _clips(emodb, speaker.lstrip("0"), {"anger", "happiness", "boredom", "sadness"})
    baseline = scorer.new_baseline()
    audios = [(emotion, load_audio(path)) for emotion, path in clips]
    features = [scorer.span_features(a, [TimeSpan(start=0, end=a.duration)])[0] for _, a in audios]
    spans = [TimeSpan(start=0, end=a.duration) for _, a in audios]
    results = scorer.score_features(spans, features, baseline=baseline)
    read = [(emotion, result) for (emotion, _), result in zip(audios, results, strict=True)]

    def mean_of(emotions: set[str], value: str) -> float:
        picked = []
        for emotion, result in read:
            if emotion in emotions and result.dimensions is not None:
                scores = {e.name: e.score for e in result.emotions}
                picked.append(result.dimensions.arousal if value == "arousal" else scores[value])
        return float(np.mean(picked))

    assert mean_of({"anger", "happiness"}, "arousal") > mean_of({"boredom", "sadness"}, "arousal") + 0.3
    assert mean_of({"anger"}, "Anger") > mean_of({"boredom"}, "Anger")


def test_each_span_gets_48_scores_in_order_and_voice_dimensions(
    scorer: LocalProsodyScorer, jfk_audio: DecodedAudio
) -> None:
    spans = sliding_windows(jfk_audio.duration, 4.0, 2.0)
    results = scorer.score_spans(jfk_audio, spans)
    assert len(results) == len(spans)
    for span, result in zip(spans, results, strict=True):
        assert (result.start, result.end) == (span.start, span.end)
        assert [e.name for e in result.emotions] == list(PROSODY_NAMES)
        assert all(0.0 <= e.score <= 1.0 for e in result.emotions)
        assert result.dimensions is not None
        assert result.dimensions.pitch_hz is not None and 60 < result.dimensions.pitch_hz < 500


def test_same_voice_reads_as_raised_pitch_against_a_low_baseline(
    scorer: LocalProsodyScorer, jfk_audio: DecodedAudio
) -> None:
    span = [TimeSpan(start=0.0, end=jfk_audio.duration)]
    features = scorer.span_features(jfk_audio, span)[0]
    low, high = scorer.new_baseline(), scorer.new_baseline()
    pitch = 0  # f0_median_st
    for shift in (-1.0, 0.0, 1.0):
        low.update(np.where(np.arange(features.size) == pitch, features - 8 + shift, features))
        high.update(np.where(np.arange(features.size) == pitch, features + 8 + shift, features))
    read_low = scorer.score_features(span, [features], baseline=low)[0].dimensions
    read_high = scorer.score_features(span, [features], baseline=high)[0].dimensions
    assert read_low is not None and read_high is not None
    assert read_low.pitch_z > 0 > read_high.pitch_z


def test_silent_span_gets_a_result_without_pitch(scorer: LocalProsodyScorer) -> None:
    audio = DecodedAudio(samples=np.zeros(2 * SAMPLE_RATE, np.float32))
    [result] = scorer.score_spans(audio, [TimeSpan(start=0.0, end=2.0)])
    assert len(result.emotions) == 48
    assert result.dimensions is not None and result.dimensions.pitch_hz is None


def test_tenth_of_a_second_is_scored(scorer: LocalProsodyScorer, jfk_audio: DecodedAudio) -> None:
    audio = DecodedAudio(samples=jfk_audio.samples[SAMPLE_RATE : SAMPLE_RATE + SAMPLE_RATE // 10].copy())
    [result] = scorer.score_spans(audio, [TimeSpan(start=0.0, end=0.1)])
    assert all(0.0 <= e.score <= 1.0 for e in result.emotions)


def test_span_past_the_end_or_reversed_is_an_input_error(scorer: LocalProsodyScorer, jfk_audio: DecodedAudio) -> None:
    with pytest.raises(InputError):
        scorer.score_spans(jfk_audio, [TimeSpan(start=60.0, end=61.0)])
    with pytest.raises(InputError):
        scorer.score_spans(jfk_audio, [TimeSpan(start=3.0, end=2.0)])


def test_sliding_windows_cover_the_audio_like_hume_window() -> None:
    spans = sliding_windows(10.5, 4.0, 1.0)
    assert spans[0] == TimeSpan(start=0.0, end=4.0)
    assert spans[-1].end == 10.5
    assert all(s.end - s.start == pytest.approx(4.0) for s in spans)
    assert sliding_windows(2.0) == [TimeSpan(start=0.0, end=2.0)]
    assert sliding_windows(0.0) == []
    with pytest.raises(InputError):
        sliding_windows(5.0, 0.0, 1.0)


def test_baseline_starts_at_the_prior_and_moves_to_the_speaker() -> None:
    baseline = SpeakerBaseline(np.array([0.0]), np.array([1.0]), prior_weight=2.0)
    mean, std = baseline.mean_std()
    assert mean[0] == 0.0 and std[0] == 1.0
    for value in (10.0, 10.0):
        baseline.update([value])
    mean, _ = baseline.mean_std()
    assert mean[0] == pytest.approx(5.0)
    for _ in range(98):
        baseline.update([10.0])
    mean, _ = baseline.mean_std()
    assert mean[0] == pytest.approx(10.0 * 100 / 102)
    assert baseline.zscores([np.nan])[0] == 0.0


@pytest.mark.slow
def test_long_audio_is_measured_in_bounded_memory() -> None:
    rng = np.random.default_rng(1)
    samples = (0.05 * rng.standard_normal(5 * 60 * SAMPLE_RATE)).astype(np.float32)
    tracemalloc.start()
    track = track_frames(samples)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(track) == samples.size // 160
    assert peak < 250 * 1024 * 1024  # the unchunked spectra alone would need about 1 GB


def test_two_threads_sharing_the_scorer_get_the_same_scores(scorer: LocalProsodyScorer, sample_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    spans = [TimeSpan(start=0.0, end=5.0), TimeSpan(start=5.0, end=11.0)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(lambda _: scorer.score_spans(load_audio(sample_path), spans), range(2))
    assert first == second
