"""A compact reading of a report for agents: top expressions, agreements, differences, bursts, voice.

Everything here describes how an expression is likely to be perceived, not what anyone feels; the text
says so, and says that words and voice often differ (politeness, sarcasm, fatigue), which is normal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from tonesense.schema import Burst, EmotionScore, ExpressionReport, ReportSummary, VoiceDimensions

__all__ = ["TOP_N", "modality_means", "summarize"]

TOP_N = 5
_NOTABLE_BURST_CONFIDENCE = 0.5
_LABELS = {"language": "words", "prosody": "voice", "burst": "vocal bursts", "face": "face"}
_TEXT_LABELS = {
    "language": "Words",
    "prosody": "Tone of voice",
    "burst": "Vocal bursts overall",
    "face": "Face",
}
_VOICE_FIELDS = (
    "arousal",
    "valence",
    "dominance",
    "speaking_rate",
    "pitch_hz",
    "pitch_range_semitones",
    "loudness_db",
    "pitch_z",
    "loudness_z",
    "rate_z",
)


def summarize(report: ExpressionReport) -> ReportSummary:
    """Top expressions per modality and overall, agreements, differences, notable bursts and voice."""
    means = modality_means(report)
    top = {modality: _top(scores) for modality, scores in means.items()}
    voice = _mean_voice(report)
    notable = [b for b in report.bursts if b.expressive and b.confidence >= _NOTABLE_BURST_CONFIDENCE]
    agreements, differences = _compare(top)
    summary = ReportSummary(
        top=top,
        overall=_top(_overall(means)),
        agreements=agreements,
        differences=differences,
        notable_bursts=notable,
        voice=voice,
    )
    return summary.model_copy(update={"text": _text(summary, report.missing)})


def modality_means(report: ExpressionReport) -> dict[str, list[EmotionScore]]:
    """Per modality, each dimension's mean over the report (segments weighted by duration, bursts by
    confidence, face frames equally); modalities without scores are left out."""
    means: dict[str, list[EmotionScore]] = {}
    for modality in ("language", "prosody"):
        rows = [
            (getattr(s, modality), _weight(s.start, s.end, len(s.text)))
            for s in report.segments
            if getattr(s, modality)
        ]
        if rows:
            means[modality] = _weighted_mean(rows)
    scored = [b for b in report.bursts if b.emotions and b.expressive]
    if scored:
        means["burst"] = _weighted_mean([(b.emotions, max(b.confidence, 1e-3)) for b in scored])
    if report.faces:
        means["face"] = _weighted_mean([(f.emotions, 1.0) for f in report.faces])
    return means


def _weight(start: float | None, end: float | None, chars: int) -> float:
    if start is not None and end is not None and end > start:
        return end - start
    return float(max(chars, 1))


def _weighted_mean(rows: Sequence[tuple[Sequence[EmotionScore], float]]) -> list[EmotionScore]:
    totals: dict[str, float] = {}
    weights: dict[str, float] = {}
    for scores, weight in rows:
        for score in scores:
            totals[score.name] = totals.get(score.name, 0.0) + score.score * weight
            weights[score.name] = weights.get(score.name, 0.0) + weight
    return [EmotionScore(name=name, score=min(1.0, totals[name] / weights[name])) for name in totals]


def _top(scores: Iterable[EmotionScore], n: int = TOP_N) -> list[EmotionScore]:
    return sorted(scores, key=lambda s: (-s.score, s.name))[:n]


def _overall(means: dict[str, list[EmotionScore]]) -> list[EmotionScore]:
    """Each dimension averaged over the modalities that have it."""
    return _weighted_mean([(scores, 1.0) for scores in means.values()])


def _compare(top: dict[str, list[EmotionScore]]) -> tuple[list[str], list[str]]:
    agreements: list[str] = []
    differences: list[str] = []
    for first, second in combinations(top, 2):
        a, b = top[first], top[second]
        if not a or not b:
            continue
        a_names = {s.name: s.score for s in a[:3]}
        shared = [s for s in b[:3] if s.name in a_names]
        for score in shared:
            agreements.append(
                f"{_LABELS[first]} and {_LABELS[second]} both carry {score.name} "
                f"({a_names[score.name]:.2f} and {score.score:.2f})"
            )
        b_names = {s.name for s in b}
        a_names_all = {s.name for s in a}
        if a[0].name not in b_names and b[0].name not in a_names_all:
            differences.append(
                f"the {_LABELS[first]} read most as {a[0].name} ({a[0].score:.2f}) while the {_LABELS[second]} "
                f"read most as {b[0].name} ({b[0].score:.2f})"
            )
    return agreements, differences


def _mean_voice(report: ExpressionReport) -> VoiceDimensions | None:
    rows = [(s.voice, _weight(s.start, s.end, len(s.text))) for s in report.segments if s.voice is not None]
    if not rows:
        return None
    values: dict[str, float | None] = {}
    for name in _VOICE_FIELDS:
        present = [(getattr(v, name), w) for v, w in rows if getattr(v, name) is not None]
        total = sum(w for _, w in present)
        values[name] = sum(x * w for x, w in present) / total if present and total > 0 else None
    return VoiceDimensions.model_validate(values)


def _text(summary: ReportSummary, missing: dict[str, str]) -> str:
    parts = ["Cues about how this is likely to be perceived, not what anyone feels."]
    for modality, scores in summary.top.items():
        if scores:
            parts.append(f"{_TEXT_LABELS.get(modality, modality)}: {_format_scores(scores[:3])}.")
    if summary.notable_bursts:
        parts.append(f"Bursts heard: {_format_bursts(summary.notable_bursts)}.")
    if summary.voice is not None:
        parts.append(f"Voice measures: {voice_phrase(summary.voice)}.")
    if summary.agreements:
        parts.append(f"Agreement: {'; '.join(summary.agreements[:2])}.")
    if summary.differences:
        parts.append(
            f"Difference: {'; '.join(summary.differences[:2])}. Words and voice often differ (politeness, "
            "sarcasm, fatigue); that is normal, not a contradiction to resolve."
        )
    if missing:
        parts.append(f"Not measured: {', '.join(sorted(missing))}.")
    return " ".join(parts)


def _format_scores(scores: Sequence[EmotionScore]) -> str:
    return ", ".join(f"{s.name} {s.score:.2f}" for s in scores)


def _format_bursts(bursts: Sequence[Burst]) -> str:
    return ", ".join(f"{b.type} at {b.start:.1f} s ({b.confidence:.2f})" for b in bursts[:5])


def voice_phrase(voice: VoiceDimensions) -> str:
    """Plain words for the interpretable voice measures, e.g. "arousal 0.71 (more animated than usual), ..."."""
    words = [
        f"arousal {voice.arousal:.2f}{_relative(voice.arousal, 'more animated', 'calmer')}",
        f"valence {voice.valence:.2f}{_relative(voice.valence, 'more pleasant', 'less pleasant')}",
    ]
    if voice.speaking_rate is not None:
        words.append(f"rate {voice.speaking_rate:.1f}/s{_rate_word(voice)}")
    return ", ".join(words)


def _relative(value: float, high: str, low: str) -> str:
    if value >= 0.6:
        return f" ({high} than usual)"
    if value <= 0.4:
        return f" ({low} than usual)"
    return ""


def _rate_word(voice: VoiceDimensions) -> str:
    if voice.rate_z is not None:
        return " (faster than usual)" if voice.rate_z >= 1 else " (slower than usual)" if voice.rate_z <= -1 else ""
    return ""
