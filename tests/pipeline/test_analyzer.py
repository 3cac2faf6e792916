"""The Analyzer end to end on real speech with the real Whisper weights and whichever scorers are built."""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import DecodedAudio, load_audio
from tonesense.errors import InputError, ModelError
from tonesense.pipeline import Analyzer, AnalyzerOptions, StageTimings
from tonesense.schema import TextScores
from tonesense.taxonomy import LANGUAGE_NAMES, PROSODY_NAMES

SIZES = {"language": len(LANGUAGE_NAMES), "prosody": len(PROSODY_NAMES)}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture()
def without(monkeypatch: pytest.MonkeyPatch) -> object:
    """Make a scorer module unimportable, as in an install where it is not built."""

    def hide(modality: str) -> None:
        module = {"language": "language", "prosody": "prosody", "burst": "bursts"}[modality]
        monkeypatch.setitem(sys.modules, f"tonesense.expression.{module}", None)

    return hide


@pytest.mark.slow
def test_every_requested_modality_is_measured_or_reported_missing(analyzer: Analyzer, sample_path: Path) -> None:
    report = analyzer.analyze(sample_path)
    assert "ask not what your country can do for you" in report.transcript.text.lower()  # type: ignore[union-attr]
    assert report.duration == pytest.approx(11.0, abs=0.1)
    assert report.segments and all(s.text for s in report.segments)
    for modality in ("language", "prosody", "burst"):
        assert (modality in report.models) != (modality in report.missing), modality
    for modality, size in SIZES.items():
        lengths = {len(getattr(s, modality)) for s in report.segments}
        assert lengths == ({size} if modality in report.models else {0}), modality
    assert report.summary is not None and "not what anyone feels" in report.summary.text


@pytest.mark.slow
def test_unbuilt_scorer_is_reported_missing_never_faked(sample_path: Path, without: object) -> None:
    without("prosody")  # type: ignore[operator]
    report = Analyzer().analyze(sample_path, modalities=["prosody"])
    assert "not available" in report.missing["prosody"]
    assert report.models == {}
    assert all(s.prosody == [] and s.voice is None for s in report.segments)
    assert report.transcript is not None and report.segments


@pytest.mark.slow
def test_progress_covers_every_stage_and_ends_done(analyzer: Analyzer, jfk_audio: DecodedAudio) -> None:
    seen: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def progress(stage: str, fraction: float) -> None:
        with lock:
            seen[stage].append(fraction)

    timings = StageTimings()
    report = analyzer.analyze(jfk_audio, progress=progress, timings=timings)
    expected = {"decode", "transcribe", "summary"} | set(report.models)
    assert expected <= set(seen)
    for stage, fractions in seen.items():
        assert fractions == sorted(fractions) and fractions[-1] == 1.0, stage
        assert all(0.0 <= f <= 1.0 for f in fractions)
    assert {"decode", "transcribe", "summary"} <= set(timings.seconds)


@pytest.mark.slow
def test_long_audio_in_chunks_keeps_input_time(asr_dir: Path) -> None:
    clips = [load_audio(path).samples for path in sorted((asr_dir / "audio").glob("*.flac"))]
    gap = np.zeros(16_000, dtype=np.float32)
    samples = np.concatenate([part for clip in clips for part in (clip, gap)])
    audio = DecodedAudio(samples=samples)
    report = Analyzer(AnalyzerOptions(chunk_seconds=30.0, modalities=("burst",))).analyze(audio)
    assert report.transcript is not None
    starts = [w.start for w in report.transcript.words]
    assert audio.duration > 60.0
    assert starts == sorted(starts) and starts[-1] > audio.duration - 15.0
    assert max(w.end for w in report.transcript.words) <= audio.duration + 0.01
    assert report.segments[-1].end is not None and report.segments[-1].end > audio.duration - 15.0


@pytest.mark.slow
def test_concurrent_calls_share_models_and_agree(analyzer: Analyzer, jfk_audio: DecodedAudio) -> None:
    results: list[object] = [None, None]

    def run(index: int) -> None:
        results[index] = analyzer.analyze(jfk_audio, granularity="sentence")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0] == results[1]


def test_bad_input_gives_typed_errors(analyzer: Analyzer, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        analyzer.analyze(tmp_path / "missing.wav")
    with pytest.raises(InputError, match="granularity"):
        analyzer.analyze(np.zeros(16_000, dtype=np.float32), sample_rate=16_000, granularity="paragraph")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="modality"):
        analyzer.analyze(np.zeros(16_000, dtype=np.float32), sample_rate=16_000, modalities=["face"])
    with pytest.raises(InputError, match="empty"):
        analyzer.measure_text("   ")


@pytest.mark.slow
def test_silence_gives_no_speech_segments(analyzer: Analyzer) -> None:
    report = analyzer.analyze(np.zeros(3 * 16_000, dtype=np.float32), sample_rate=16_000)
    assert report.transcript is not None and report.transcript.text == ""
    assert report.segments == []
    assert all(not s.language for s in report.segments)


def test_text_without_a_language_scorer_is_a_model_error(without: object) -> None:
    without("language")  # type: ignore[operator]
    with pytest.raises(ModelError, match="language scorer is not available"):
        Analyzer().measure_text("I waited an hour and nobody came.")


def test_measure_text_gives_one_result_for_a_string_and_a_list_for_a_list() -> None:
    pytest.importorskip("tonesense.expression.language")
    analyzer = Analyzer()
    one = analyzer.measure_text("Thank you so much, this is wonderful!")
    many = analyzer.measure_text(["Thank you so much, this is wonderful!", "I am furious."])
    assert [e.name for e in one.emotions] == list(LANGUAGE_NAMES)
    assert isinstance(many, list) and len(many) == 2
    # batched with a longer text, the int8 encoder sees padding: scores agree within 0.05, not bit for bit
    assert [e.score for e in many[0].emotions] == pytest.approx([e.score for e in one.emotions], abs=0.05)


def test_text_report_scores_each_sentence_with_offsets() -> None:
    pytest.importorskip("tonesense.expression.language")
    text = "Thank you so much! I am furious about the delay."
    report = Analyzer().analyze_text(text, granularity="sentence")
    assert [s.text for s in report.segments] == ["Thank you so much!", "I am furious about the delay."]
    assert all(s.position is not None and text[s.position.begin : s.position.end] == s.text for s in report.segments)
    assert set(report.models) == {"language"} and report.summary is not None


def test_scorer_whose_weights_fail_to_load_is_reported_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import tonesense.expression.prosody as prosody_module

    def broken() -> object:
        raise ModelError("prosody weights are damaged")

    monkeypatch.setattr(prosody_module, "get_prosody_scorer", broken)
    slot = Analyzer().scorer("prosody")
    assert slot.scorer is None and slot.reason is not None and "weights are damaged" in slot.reason


class _FailingProsody:
    """A prosody scorer whose weights turn out to be unreadable at first use (a fault real weights can't show)."""

    model_id = "broken-prosody"

    def score_spans(self, audio: DecodedAudio, spans: object) -> list[object]:
        raise ModelError("prosody weights are truncated")


@pytest.mark.slow
def test_model_failing_while_scoring_is_reported_and_the_rest_comes_back(jfk_audio: DecodedAudio) -> None:
    report = Analyzer(prosody=_FailingProsody()).analyze(jfk_audio, modalities=["prosody", "burst"])  # type: ignore[arg-type]
    assert "truncated" in report.missing["prosody"]
    assert "prosody" not in report.models and "burst" in report.models
    assert report.segments and all(not s.prosody for s in report.segments)


def test_text_segments_are_read_in_their_passage_unless_told_otherwise() -> None:
    text = "I was so happy this morning. But then my dog died."
    in_context = Analyzer().analyze_text(text, granularity="word")
    alone = Analyzer(AnalyzerOptions(language_context=False)).analyze_text(text, granularity="word")
    assert [s.text for s in in_context.segments] == [s.text for s in alone.segments] == text.split()
    measured = Analyzer().measure_text(text.split())
    for segment, single in zip(alone.segments, measured, strict=True):
        assert [e.score for e in segment.language] == pytest.approx([e.score for e in single.emotions], abs=1e-5)
    # the first word has nothing before it; "died." reads partly as the sentence it ends
    assert in_context.segments[0].language == alone.segments[0].language
    joy = LANGUAGE_NAMES.index("Joy")
    assert in_context.segments[-1].language[joy].score > alone.segments[-1].language[joy].score + 0.1


class _ScorerWithoutContexts:
    """A custom language scorer written before `contexts=` existed: it must keep working."""

    model_id = "custom-language"

    def score_texts(self, texts: Sequence[str]) -> list[TextScores]:
        from tonesense.expression.language import get_language_scorer

        return get_language_scorer().score_texts(texts)


def test_a_scorer_without_contexts_scores_each_segment_alone(caplog: pytest.LogCaptureFixture) -> None:
    text = "I was so happy this morning. But then my dog died."
    report = Analyzer(language=_ScorerWithoutContexts()).analyze_text(text, granularity="word")
    alone = Analyzer(AnalyzerOptions(language_context=False)).analyze_text(text, granularity="word")
    assert [s.language for s in report.segments] == [s.language for s in alone.segments]
    assert "takes no contexts" in caplog.text


def test_measure_text_with_a_scorer_without_contexts_scores_alone() -> None:
    analyzer = Analyzer(language=_ScorerWithoutContexts())
    with_context = analyzer.measure_text("died.", context="I was so happy. But then my dog")
    assert with_context.emotions == analyzer.measure_text("died.").emotions
