"""Per-modality expression results that the scorers return and the pipeline assembles into reports."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from tonesense.schema.scores import EmotionScore

__all__ = ["Burst", "ProsodyScores", "TextScores", "VoiceDimensions"]


class TextScores(BaseModel):
    """The 53 language dimensions for one text, in taxonomy order, plus Hume's optional 1..9 sentiment."""

    model_config = ConfigDict(frozen=True)

    text: str
    emotions: list[EmotionScore]
    sentiment: list[EmotionScore] | None = None
    language_note: str | None = Field(
        default=None, description="Set when the text looks non-English: scores are less reliable there."
    )


class VoiceDimensions(BaseModel):
    """Interpretable voice measures for a span, relative to the same speaker's baseline where noted.

    arousal, valence and dominance are in [0, 1] (0.5 = the speaker's usual). Rates and levels are raw
    measurements; the `*_z` fields are z-scores against the speaker's running baseline.
    """

    model_config = ConfigDict(frozen=True)

    arousal: float = Field(ge=0.0, le=1.0)
    valence: float = Field(ge=0.0, le=1.0)
    dominance: float = Field(ge=0.0, le=1.0)
    speaking_rate: float | None = Field(default=None, description="syllable-like nuclei per second of speech")
    pitch_hz: float | None = Field(default=None, description="median F0 in Hz over voiced frames")
    pitch_range_semitones: float | None = None
    loudness_db: float | None = Field(default=None, description="RMS level in dBFS")
    pitch_z: float | None = None
    loudness_z: float | None = None
    rate_z: float | None = None


class ProsodyScores(BaseModel):
    """Tone of voice over one time span: 48 dimensions in taxonomy order and the measures behind them."""

    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    emotions: list[EmotionScore]
    dimensions: VoiceDimensions | None = None


class Burst(BaseModel):
    """A non-speech vocalisation (laugh, sigh, cry, ...) with its time span and 48 expression scores.

    `type` is a family name such as "laughter", "sigh", "crying", "scream", "gasp", "groan", "hum", "yawn",
    "pant", "whimper"; non-expressive events ("cough", "sneeze", "throat_clearing", "breathing") carry
    `expressive=False`.
    """

    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    type: str
    confidence: float = Field(ge=0.0, le=1.0)
    expressive: bool = True
    emotions: list[EmotionScore] = Field(default_factory=list)
    descriptions: list[EmotionScore] = Field(
        default_factory=list, description="Hume v0 burst descriptions (e.g. Laugh, Sigh) with scores, when known"
    )
