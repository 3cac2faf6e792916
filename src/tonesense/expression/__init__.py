"""Expression scorers, one per modality, behind the protocols in `tonesense.expression.protocols`."""

from tonesense.expression.protocols import BurstScorer, LanguageScorer, ProsodyScorer

__all__ = ["BurstScorer", "LanguageScorer", "ProsodyScorer"]
