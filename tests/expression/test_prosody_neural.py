"""The optional neural prosody backend, run on a tiny randomly initialised wav2vec2 model the test builds."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tonesense.audio import SAMPLE_RATE, DecodedAudio
from tonesense.errors import MissingExtraError, ModelError
from tonesense.expression import ProsodyScorer
from tonesense.expression.neural_prosody import NeuralProsodyScorer
from tonesense.expression.prosody import sliding_windows
from tonesense.schema import TimeSpan
from tonesense.taxonomy import PROSODY_NAMES

pytestmark = pytest.mark.slow
torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


def _tiny_model(folder: Path, labels: list[str]) -> Path:
    config = transformers.Wav2Vec2Config(
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        conv_dim=(32, 32, 32),
        conv_stride=(5, 4, 4),
        conv_kernel=(10, 4, 4),
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=4,
        classifier_proj_size=16,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    torch.manual_seed(0)
    transformers.Wav2Vec2ForSequenceClassification(config).save_pretrained(folder)
    transformers.Wav2Vec2FeatureExtractor(sampling_rate=SAMPLE_RATE, return_attention_mask=True).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_iemocap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("tiny-w2v2"), ["neu", "hap", "ang", "sad", "sur"])


def test_neural_scorer_gives_48_names_per_span_on_real_speech(tiny_iemocap: Path, jfk_audio: DecodedAudio) -> None:
    scorer = NeuralProsodyScorer(tiny_iemocap)
    assert isinstance(scorer, ProsodyScorer)
    spans = sliding_windows(jfk_audio.duration, 4.0, 3.0)
    results = scorer.score_spans(jfk_audio, spans)
    assert len(results) == len(spans)
    for result in results:
        assert [e.name for e in result.emotions] == list(PROSODY_NAMES)
        assert all(0.0 <= e.score <= 1.0 for e in result.emotions)
        assert result.dimensions is not None and 0.0 <= result.dimensions.arousal <= 1.0
    assert scorer.model_id == f"hf:{tiny_iemocap.name}"


def test_long_span_is_read_in_pieces_and_short_span_is_padded(tiny_iemocap: Path) -> None:
    rng = np.random.default_rng(0)
    audio = DecodedAudio(samples=(0.05 * rng.standard_normal(7 * SAMPLE_RATE)).astype(np.float32))
    scorer = NeuralProsodyScorer(tiny_iemocap, max_seconds=2.0)
    long, short = scorer.score_spans(audio, [TimeSpan(start=0.0, end=7.0), TimeSpan(start=1.0, end=1.05)])
    assert len(long.emotions) == len(short.emotions) == 48


def test_dimensional_model_outputs_become_arousal_and_valence(tmp_path: Path, jfk_audio: DecodedAudio) -> None:
    folder = _tiny_model(tmp_path, ["arousal", "dominance", "valence"])
    [result] = NeuralProsodyScorer(folder).score_spans(jfk_audio, [TimeSpan(start=0.0, end=4.0)])
    assert result.dimensions is not None
    assert 0.0 <= result.dimensions.valence <= 1.0


def test_model_whose_labels_mean_nothing_here_is_a_model_error(tmp_path: Path, jfk_audio: DecodedAudio) -> None:
    folder = _tiny_model(tmp_path, ["LABEL_0", "LABEL_1"])
    with pytest.raises(ModelError, match="label_map"):
        NeuralProsodyScorer(folder).score_spans(jfk_audio, [TimeSpan(start=0.0, end=2.0)])
    scorer = NeuralProsodyScorer(folder, label_map={"label_0": "anger", "label_1": "neutral"})
    assert len(scorer.score_spans(jfk_audio, [TimeSpan(start=0.0, end=2.0)])) == 1


def test_missing_weights_folder_is_a_model_error(tmp_path: Path, jfk_audio: DecodedAudio) -> None:
    with pytest.raises(ModelError):
        NeuralProsodyScorer(tmp_path / "absent").score_spans(jfk_audio, [TimeSpan(start=0.0, end=2.0)])


def test_without_transformers_the_error_names_the_extra(
    tiny_iemocap: Path, jfk_audio: DecodedAudio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(MissingExtraError, match="neural-audio"):
        NeuralProsodyScorer(tiny_iemocap).score_spans(jfk_audio, [TimeSpan(start=0.0, end=2.0)])
