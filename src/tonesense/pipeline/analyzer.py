"""`Analyzer`: audio or text in, `ExpressionReport` out.

Audio is decoded once and shared. Bursts are detected in a worker thread while Whisper transcribes (they
need no transcript); once the transcript is cut into segments, the language scorer runs in a worker while
prosody runs on the calling thread. Long audio is handled in chunks cut at quiet moments, so each model
works on a bounded stretch at a time. One `Analyzer` is safe to call from several threads.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from tonesense.audio import DecodedAudio, load_audio
from tonesense.errors import InputError, ModelError
from tonesense.expression.protocols import LANGUAGE_CONTEXT_CHARS, BurstScorer, LanguageScorer, ProsodyScorer
from tonesense.pipeline.assembly import assemble_segments
from tonesense.pipeline.chunking import (
    group_by_chunk,
    join_transcripts,
    plan_chunks,
    score_group,
    shift_burst,
    shift_transcript,
    sub_audio,
)
from tonesense.pipeline.options import AnalyzerOptions, StageProgress, check_granularity, check_modalities
from tonesense.pipeline.pauses import find_pauses
from tonesense.pipeline.scorers import ScorerSlot, load_scorer, shared_transcriber
from tonesense.pipeline.segmentation import Span, contexts_before, segment_text, segment_transcript
from tonesense.pipeline.summary import summarize
from tonesense.schema import (
    Burst,
    ExpressionReport,
    Granularity,
    ProsodyScores,
    TextScores,
    TimeSpan,
    Transcript,
)
from tonesense.transcribe import Transcriber

__all__ = ["Analyzer", "AudioSource", "StageTimings"]

logger = logging.getLogger(__name__)

AudioSource = Any
"""A path, encoded bytes, a numpy array (with `sample_rate`) or a `DecodedAudio`."""

_T = TypeVar("_T")


@dataclass
class StageTimings:
    """Wall-clock seconds spent in each stage of one `analyze` call (concurrent stages overlap)."""

    seconds: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        """Add the time spent inside the `with` block to `stage`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed


class Analyzer:
    """Transcribes speech and measures expression in the words, the tone of voice and vocal bursts.

    Models load on first use, once per process, and are shared by every Analyzer unless passed in.
    Scores are cues about how an expression is likely to be perceived, not what anyone feels.
    """

    def __init__(
        self,
        options: AnalyzerOptions | None = None,
        *,
        transcriber: Transcriber | None = None,
        language: LanguageScorer | None = None,
        prosody: ProsodyScorer | None = None,
        bursts: BurstScorer | None = None,
    ) -> None:
        self.options = options or AnalyzerOptions()
        self._transcriber = transcriber
        self._given: dict[str, Any] = {"language": language, "prosody": prosody, "burst": bursts}
        self._slots: dict[str, ScorerSlot] = {}
        self._lock = threading.Lock()

    @property
    def transcriber(self) -> Transcriber:
        """The Whisper transcriber this analyzer uses (shared per process unless one was passed in)."""
        if self._transcriber is None:
            self._transcriber = shared_transcriber(self.options.engine, self.options.whisper_model)
        return self._transcriber

    def scorer(self, modality: str) -> ScorerSlot:
        """The scorer for `modality`, or the reason it cannot run; resolved once per analyzer."""
        with self._lock:
            if modality not in self._slots:
                given = self._given.get(modality)
                self._slots[modality] = ScorerSlot(given) if given is not None else load_scorer(modality)
            return self._slots[modality]

    def transcribe(
        self, source: AudioSource, *, sample_rate: int | None = None, progress: StageProgress | None = None
    ) -> Transcript:
        """Decode `source` and transcribe it with Whisper (no expression measures)."""
        audio = self._decode(source, sample_rate, progress, None)
        return self._transcribe(audio, plan_chunks(audio, self.options.chunk_seconds), progress, None)

    def analyze(
        self,
        source: AudioSource,
        *,
        sample_rate: int | None = None,
        granularity: Granularity | None = None,
        modalities: Sequence[str] | None = None,
        progress: StageProgress | None = None,
        timings: StageTimings | None = None,
    ) -> ExpressionReport:
        """Transcribe `source` and measure expression per segment at `granularity` in each modality.

        `source` is a path, bytes, a numpy array (pass `sample_rate`) or `DecodedAudio`. `progress` is
        called with (stage, fraction) from this and worker threads. Modalities that cannot run here are
        named in `report.missing` with the reason.
        """
        chosen = check_granularity(granularity or self.options.granularity)
        wanted = check_modalities(tuple(modalities) if modalities is not None else self.options.modalities)
        audio = self._decode(source, sample_rate, progress, timings)
        slots = {name: self.scorer(name) for name in wanted}
        chunks = plan_chunks(audio, self.options.chunk_seconds)
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="tonesense-analyze") as pool:
            burst_job = pool.submit(_attempt, slots, "burst", self._detect_bursts, audio, chunks, progress, timings)
            transcript = self._transcribe(audio, chunks, progress, timings)
            spans = self._segment(transcript, chosen, audio)
            language_job = pool.submit(
                _attempt, slots, "language", self._score_language, spans, transcript.text, progress, timings
            )
            prosody = _attempt(slots, "prosody", self._score_prosody, audio, chunks, spans, progress, timings)
            language, bursts = language_job.result(), burst_job.result()
        outcomes: dict[str, _Outcome[Any]] = {"language": language, "prosody": prosody, "burst": bursts}
        report = ExpressionReport(
            transcript=transcript,
            granularity=chosen,
            duration=audio.duration,
            segments=assemble_segments(spans, language.value, prosody.value, bursts.value or []),
            bursts=bursts.value or [],
            models={name: _model_id(slot) for name, slot in slots.items() if outcomes[name].ran},
            missing={name: reason for name in slots if (reason := outcomes[name].reason) is not None},
        )
        return self._summarized(report, progress, timings)

    @overload
    def measure_text(self, text: str, *, context: str | None = None) -> TextScores: ...  # type: ignore[overload-overlap]

    @overload
    def measure_text(self, text: Sequence[str], *, context: str | None = None) -> list[TextScores]: ...

    def measure_text(self, text: str | Sequence[str], *, context: str | None = None) -> TextScores | list[TextScores]:
        """The 53 language dimensions for one text (returns one result) or a list of texts (a list).

        A list is scored in batches, and each text gets the same scores it gets alone (to 1e-5 with the local
        model): what else is in the list does not move them. `context`, if given, is text read just before
        (e.g. the previous message): each text's scores are then the mean of it read alone and read after it.
        """
        texts = [text] if isinstance(text, str) else list(text)
        for item in texts:
            if not isinstance(item, str):
                raise InputError(f"texts must be strings, not {type(item).__name__}")
            if not item.strip():
                raise InputError("text is empty; pass the words to measure")
        if context is not None and not isinstance(context, str):
            raise InputError(f"context must be a string, not {type(context).__name__}")
        results = _language_scores(self._language_scorer(), texts, [context] * len(texts) if context else None)
        return results[0] if isinstance(text, str) else results

    def analyze_text(self, text: str, *, granularity: Granularity | None = None) -> ExpressionReport:
        """A language-only report for `text`: one segment per line (utterance, turn), sentence or word.

        Windows need audio, so an analyzer set to "window" cuts text into lines unless told otherwise.
        """
        if not isinstance(text, str) or not text.strip():
            raise InputError("text is empty; pass the words to measure")
        default = self.options.granularity if self.options.granularity != "window" else "utterance"
        chosen = check_granularity(granularity or default)
        scorer = self._language_scorer()
        spans = segment_text(text, chosen)
        scores = self._score_language(scorer, spans, text, None, None)
        report = ExpressionReport(
            granularity=chosen,
            segments=assemble_segments(spans, scores, None, []),
            models={"language": scorer.model_id},
        )
        return self._summarized(report, None, None)

    def _language_scorer(self) -> LanguageScorer:
        slot = self.scorer("language")
        if slot.scorer is None:
            raise ModelError(slot.reason or "the language scorer is not available")
        scorer: LanguageScorer = slot.scorer
        return scorer

    def _decode(
        self, source: AudioSource, sample_rate: int | None, progress: StageProgress | None, timings: StageTimings | None
    ) -> DecodedAudio:
        _report(progress, "decode", 0.0)
        with _measure(timings, "decode"):
            audio = load_audio(source, sample_rate=sample_rate, limits=self.options.limits)
        _report(progress, "decode", 1.0)
        return audio

    def _transcribe(
        self,
        audio: DecodedAudio,
        chunks: list[tuple[float, float]],
        progress: StageProgress | None,
        timings: StageTimings | None,
    ) -> Transcript:
        transcriber = self.transcriber
        total = max(audio.duration, 1e-9)
        pieces: list[Transcript] = []
        with _measure(timings, "transcribe"):
            for start, end in chunks:
                chunk = sub_audio(audio, start, end)

                def on_progress(done: float, _total: float, offset: float = start) -> None:
                    _report(progress, "transcribe", min(1.0, (offset + done) / total))

                piece = transcriber.transcribe(chunk, self.options.transcribe, on_progress)
                pieces.append(shift_transcript(piece, start))
        _report(progress, "transcribe", 1.0)
        return join_transcripts(pieces, audio.duration)

    def _segment(self, transcript: Transcript, granularity: Granularity, audio: DecodedAudio) -> list[Span]:
        options = self.options
        pauses = [] if granularity == "window" else find_pauses(audio, min(options.utterance_pause, options.turn_pause))
        return segment_transcript(
            transcript,
            granularity,
            utterance_pause=options.utterance_pause,
            turn_pause=options.turn_pause,
            window_length=options.window_length,
            window_step=options.window_step,
            pauses=pauses,
        )

    def _detect_bursts(
        self,
        scorer: BurstScorer,
        audio: DecodedAudio,
        chunks: list[tuple[float, float]],
        progress: StageProgress | None,
        timings: StageTimings | None,
    ) -> list[Burst]:
        found: list[Burst] = []
        with _stage(progress, timings, "burst"):
            for index, (start, end) in enumerate(chunks):
                found.extend(shift_burst(b, start) for b in scorer.detect(sub_audio(audio, start, end)))
                _report(progress, "burst", (index + 1) / len(chunks))
        return found

    def _score_language(
        self,
        scorer: LanguageScorer,
        spans: list[Span],
        text: str,
        progress: StageProgress | None,
        timings: StageTimings | None,
    ) -> list[TextScores | None]:
        """Each span's language scores, read in the context of `text` before it unless the options say not (or
        the scorer takes no contexts: one written before they existed scores each span alone)."""
        with _stage(progress, timings, "language"):
            worded = [span for span in spans if span.text]
            contexts = contexts_before(worded, text, LANGUAGE_CONTEXT_CHARS) if self.options.language_context else None
            scores = iter(_language_scores(scorer, [span.text for span in worded], contexts) if worded else [])
            return [next(scores) if span.text else None for span in spans]

    def _score_prosody(
        self,
        scorer: ProsodyScorer,
        audio: DecodedAudio,
        chunks: list[tuple[float, float]],
        spans: list[Span],
        progress: StageProgress | None,
        timings: StageTimings | None,
    ) -> list[ProsodyScores]:
        results: list[ProsodyScores] = []
        with _stage(progress, timings, "prosody"):
            if len(chunks) == 1:
                # the whole input at once, so the speaker's baseline is the whole input
                results = scorer.score_spans(audio, [TimeSpan(start=s.start or 0.0, end=s.end or 0.0) for s in spans])
            else:
                groups = list(group_by_chunk(spans, chunks))
                for index, group in enumerate(groups):
                    results.extend(score_group(scorer, audio, group))
                    _report(progress, "prosody", (index + 1) / len(groups))
        return results

    def _summarized(
        self, report: ExpressionReport, progress: StageProgress | None, timings: StageTimings | None
    ) -> ExpressionReport:
        with _measure(timings, "summary"):
            report = report.model_copy(update={"summary": summarize(report)})
        _report(progress, "summary", 1.0)
        return report


@dataclass(frozen=True)
class _Outcome(Generic[_T]):
    """What one modality produced, or why it produced nothing."""

    value: _T | None = None
    reason: str | None = None
    ran: bool = False


def _model_id(slot: ScorerSlot) -> str:
    return str(getattr(slot.scorer, "model_id", "unknown"))


def _language_scores(scorer: LanguageScorer, texts: list[str], contexts: list[str] | None) -> list[TextScores]:
    """`scorer.score_texts`, with the contexts when there are some and the scorer takes them (else alone)."""
    if contexts is not None and _takes_contexts(scorer):
        return scorer.score_texts(texts, contexts=contexts)
    return scorer.score_texts(texts)


def _takes_contexts(scorer: LanguageScorer) -> bool:
    """Whether `scorer.score_texts` accepts `contexts=` (custom scorers written before it may not)."""
    try:
        parameters = inspect.signature(scorer.score_texts).parameters
    except (TypeError, ValueError):
        return False
    accepts = "contexts" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    if not accepts:
        logger.warning("language scorer %s takes no contexts; its segments are scored alone", type(scorer).__name__)
    return accepts


def _attempt(slots: dict[str, ScorerSlot], modality: str, work: Callable[..., _T], *args: Any) -> _Outcome[_T]:
    """Run `work(scorer, *args)` for a requested modality; a model that fails while scoring is reported, not
    raised, so the other modalities still come back."""
    slot = slots.get(modality)
    if slot is None:
        return _Outcome()
    if slot.scorer is None:
        return _Outcome(reason=slot.reason)
    try:
        return _Outcome(work(slot.scorer, *args), ran=True)
    except ModelError as exc:
        logger.warning("%s scoring failed: %s", modality, exc)
        return _Outcome(reason=f"the {modality} model failed: {exc}")


def _report(progress: StageProgress | None, stage: str, fraction: float) -> None:
    if progress is not None:
        progress(stage, fraction)


@contextmanager
def _stage(progress: StageProgress | None, timings: StageTimings | None, stage: str) -> Iterator[None]:
    """Report the stage started (0.0) and done (1.0, also when it fails), and time it."""
    _report(progress, stage, 0.0)
    try:
        with _measure(timings, stage):
            yield
    finally:
        _report(progress, stage, 1.0)


@contextmanager
def _measure(timings: StageTimings | None, stage: str) -> Iterator[None]:
    if timings is None:
        yield
    else:
        with timings.measure(stage):
            yield
