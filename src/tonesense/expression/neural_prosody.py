"""Optional neural prosody backend: a speech-emotion model from a model hub, run with transformers + torch.

Install with `pip install torch==2.13.0` (the CPU build) and then `pip install 'tonesense[neural-audio]'`.
Any `AutoModelForAudioClassification` checkpoint works: wav2vec2 / HuBERT / WavLM categorical models
(e.g. IEMOCAP- or RAVDESS-fine-tuned ones with labels such as "neu", "hap", "ang", "sad") or dimensional
regressors whose outputs are named "arousal", "valence", "dominance". Pass a local folder or, where a hub is
reachable, a hub id. Weights are not shipped and not downloaded unless you pass a hub id.

Label mapping to the 48 names (`LABEL_MAP`): each model label is read as one of EmoDB's seven categories
(anger, boredom, disgust, fear, happiness, neutral, sadness) or as surprise, and the category probabilities go
through the same documented mapping as the local model (`tonesense.expression.prosody_emotions`). "calm" is
read as neutral, "excited"/"joy" as happiness, "contempt" as disgust; labels such as "other" are ignored.
Arousal is the probability-weighted arousal of the categories (`CLASS_VAD`), or the model's own arousal output
for dimensional models. Scores describe how a voice is likely to be perceived, not what the speaker feels.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tonesense.audio import SAMPLE_RATE, DecodedAudio
from tonesense.errors import MissingExtraError, ModelError
from tonesense.expression.acoustics import FEATURE_NAMES
from tonesense.expression.prosody import LocalProsodyScorer, voice_dimensions
from tonesense.expression.prosody_emotions import CLASS_VAD, prosody_emotions
from tonesense.expression.prosody_model import EMODB_CLASSES, ModelOutput, SpeakerBaseline
from tonesense.schema import ProsodyScores, TimeSpan

__all__ = ["DIMENSION_LABELS", "LABEL_MAP", "NeuralProsodyScorer"]

logger = logging.getLogger(__name__)

LABEL_MAP: dict[str, str | None] = {
    **dict.fromkeys(("ang", "angry", "anger", "mad"), "anger"),
    **dict.fromkeys(("hap", "happy", "happiness", "joy", "exc", "excited", "excitement", "pleasant"), "happiness"),
    **dict.fromkeys(("sad", "sadness"), "sadness"),
    **dict.fromkeys(("neu", "neutral", "calm"), "neutral"),
    **dict.fromkeys(("fea", "fear", "fearful", "fear/anxiety"), "fear"),
    **dict.fromkeys(("dis", "disgust", "disgusted", "con", "contempt"), "disgust"),
    **dict.fromkeys(("bor", "boredom", "bored"), "boredom"),
    **dict.fromkeys(("sur", "surprise", "surprised", "ps", "pleasant_surprise"), "surprise"),
    **dict.fromkeys(("oth", "other", "unk", "<unk>", "xxx"), None),
}
"""Model label (lower-cased) -> EmoDB category, "surprise", or None (ignored)."""

DIMENSION_LABELS = frozenset({"arousal", "valence", "dominance"})
_MIN_SAMPLES = SAMPLE_RATE // 4
_F = {name: i for i, name in enumerate(FEATURE_NAMES)}


class NeuralProsodyScorer:
    """ProsodyScorer over a transformers audio-classification model; loads once, thread-safe."""

    def __init__(
        self,
        model: str | Path,
        *,
        label_map: Mapping[str, str | None] | None = None,
        max_seconds: float = 20.0,
        threads: int | None = None,
    ) -> None:
        self._source = str(model)
        self._label_map = {k.lower(): v for k, v in (label_map or LABEL_MAP).items()}
        self._max_samples = int(max_seconds * SAMPLE_RATE)
        self._threads = threads
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any, list[str | None], bool] | None = None
        self._acoustics = LocalProsodyScorer()

    @property
    def model_id(self) -> str:
        return f"hf:{Path(self._source).name or self._source}"

    def _load(self) -> tuple[Any, Any, list[str | None], bool]:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load_model()
            return self._loaded

    def _load_model(self) -> tuple[Any, Any, list[str | None], bool]:
        try:
            import torch
            from transformers import AutoFeatureExtractor, AutoModelForAudioClassification
        except ImportError as exc:
            raise MissingExtraError("neural-audio", "transformers", "The neural prosody backend") from exc
        if self._threads:
            torch.set_num_threads(self._threads)
        try:
            auto_extractor: Any = AutoFeatureExtractor
            auto_model: Any = AutoModelForAudioClassification
            extractor = auto_extractor.from_pretrained(self._source)
            network = auto_model.from_pretrained(self._source).eval()
        except (OSError, ValueError) as exc:
            raise ModelError(f"could not load the speech-emotion model {self._source!r}: {exc}") from exc
        labels = [str(network.config.id2label[i]).strip().lower() for i in range(network.config.num_labels)]
        dimensional = set(labels) <= DIMENSION_LABELS
        names: list[str | None] = [label if dimensional else self._label_map.get(label) for label in labels]
        if not dimensional and not any(names):
            raise ModelError(
                f"none of the model's labels {labels} is in the label map; pass label_map= to say what they mean"
            )
        logger.info("loaded neural prosody model %s (%d labels)", self.model_id, len(labels))
        return extractor, network, names, dimensional

    def score_spans(
        self, audio: DecodedAudio, spans: Sequence[TimeSpan], *, baseline: SpeakerBaseline | None = None
    ) -> list[ProsodyScores]:
        """One result per span, in order; acoustic measures are read against the speaker's baseline."""
        features = self._acoustics.span_features(audio, spans)
        baseline = baseline if baseline is not None else self._acoustics.new_baseline()
        for row in features:
            baseline.update(row)
        results = []
        for span, raw in zip(spans, features, strict=True):
            classes, arousal, surprise, valence = self._predict(audio.slice(span.start, span.end))
            z = baseline.zscores(raw)
            out = ModelOutput(classes=classes, arousal=arousal)
            emotions = prosody_emotions(
                classes, arousal, float(z[_F["f0_median_st"]]), float(z[_F["f0_range_st"]]), surprise=surprise
            )
            dims = voice_dimensions(raw, z, out)
            if valence is not None:
                dims = dims.model_copy(update={"valence": valence})
            results.append(ProsodyScores(start=span.start, end=span.end, emotions=emotions, dimensions=dims))
        return results

    def _predict(self, samples: np.ndarray) -> tuple[np.ndarray, float, float, float | None]:
        """(EmoDB category probabilities, arousal, surprise probability, valence or None) for one span."""
        outputs = self._run(samples)
        _, _, labels, dimensional = self._load()
        if dimensional:
            values = {str(k): v for k, v in zip(labels, np.clip(outputs, 0.0, 1.0).tolist(), strict=True)}
            neutral = np.asarray([1.0 if c == "neutral" else 0.0 for c in EMODB_CLASSES])
            return neutral, float(values.get("arousal", 0.5)), 0.0, float(values.get("valence", 0.5))
        probs = np.exp(outputs - outputs.max())
        probs /= probs.sum()
        classes = np.zeros(len(EMODB_CLASSES))
        surprise = 0.0
        for label, p in zip(labels, probs, strict=True):
            if label == "surprise":
                surprise += float(p)
            elif label is not None:
                classes[EMODB_CLASSES.index(label)] += float(p)
        total = classes.sum()
        classes = classes / total if total > 0 else np.full(len(EMODB_CLASSES), 1 / len(EMODB_CLASSES))
        arousal = float(sum(classes[i] * CLASS_VAD[c][1] for i, c in enumerate(EMODB_CLASSES)))
        arousal = (1 - surprise) * arousal + surprise * 0.8
        return classes, arousal, surprise, None

    def _run(self, samples: np.ndarray) -> np.ndarray:
        """Mean model output over pieces of at most `max_seconds`, so long spans stay in bounded memory."""
        import torch

        extractor, network, _, _ = self._load()
        if samples.size < _MIN_SAMPLES:
            samples = np.pad(samples, (0, _MIN_SAMPLES - samples.size))
        pieces = [samples[lo : lo + self._max_samples] for lo in range(0, samples.size, self._max_samples)]
        pieces = [p for p in pieces if p.size >= _MIN_SAMPLES] or pieces[:1]
        outputs = []
        for piece in pieces:
            inputs = extractor([piece], sampling_rate=SAMPLE_RATE, return_tensors="pt")
            with torch.inference_mode():
                logits = network(**inputs).logits[0].float().numpy()
            outputs.append(logits)
        mean: np.ndarray = np.mean(np.stack(outputs), axis=0).astype(np.float64)
        return mean
