"""`run_batch`: a corpus into the store, in parallel, resumable after a crash at any moment.

The batch process reads the inputs, skips every article whose content hash is already stored
(or was already seen in this run), and hands the rest to the engine in chunks.  Results are
written in submission order, one store transaction per chunk (`AnalysisStore.write`: its
analyses and its failures together), and only by this process.  A run killed at any moment
therefore leaves whole chunks behind, and the same command run again skips them: nothing is
lost and nothing is doubled.

No one article can stop a run.  An article that fails, for whatever reason, is a recorded
failure.  A chunk whose worker process died (killed, out of memory) is analysed again one
article at a time, each alone on the workers, so the article that kills its worker is the only
one lost, and is recorded as such.  An analysis the store cannot write is recorded as a failure
while the rest of its chunk is stored.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from propalens.batch.engines import ChunkLost, Engine, EngineName, PendingChunk, start_engine
from propalens.batch.inputs import iter_jobs
from propalens.batch.work import Job, Outcome, lost_outcome
from propalens.errors import ArticleError, InternalError
from propalens.ingest.options import DEFAULT_OPTIONS, IngestOptions
from propalens.settings import Settings
from propalens.store import AnalysisStore, Failure, NewRecord, content_hash

DEFAULT_CHUNK_SIZE = 8


@dataclass
class BatchCounts:
    stored: int = 0
    """Analysed and stored in this run."""
    skipped: int = 0
    """Already in the store, or a repeat of a text seen earlier in this run."""
    failed: int = 0
    """Could not be read or analysed; recorded in the store's failures."""
    internal: int = 0
    """Of the failed, how many failed for a reason of propalens's own (an unexpected exception,
    a worker process that died), not because of their input."""

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed


@dataclass
class BatchSummary:
    counts: BatchCounts
    failures: list[Failure]
    """This run's failures, in input order."""
    seconds: float
    workers: int
    peak_rss_bytes: dict[str, int] = field(default_factory=dict)
    """Peak resident memory of each worker process (host:pid) that analysed a chunk."""
    warnings: list[str] = field(default_factory=list)
    """What reading changed in some inputs ("source: warning"); they were analysed."""

    @property
    def articles_per_second(self) -> float:
        return self.counts.stored / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[BatchCounts], None]


@dataclass
class _InFlight:
    jobs: list[Job]
    pending: PendingChunk
    read_failures: list[Failure]


def run_batch(
    inputs: Sequence[str],
    store: AnalysisStore,
    *,
    url_lists: Sequence[Path] = (),
    options: IngestOptions = DEFAULT_OPTIONS,
    engine: EngineName = "local",
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    model: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Analyse every article in `inputs` (and the URL lists) that `store` does not hold yet.

    Every worker loads `model` (a shipped model's name or a model folder; None: the one
    `Settings` names), so all workers, local or on a cluster, analyse with the same model.

    Raises `WorkerLost` only when worker processes cannot be started again after one died;
    what was written before stays, and the same call again carries on from there.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    started = time.perf_counter()
    runner = start_engine(engine, workers, options, model or Settings().model, scheduler)
    run = _Run(store, runner, on_progress)
    try:
        buffer: list[Job] = []
        for item in iter_jobs(inputs, url_lists, options, warn=run.warnings.append):
            if isinstance(item, ArticleError):
                run.read_failed(item)
                continue
            buffer.append(item)
            if len(buffer) >= chunk_size:
                run.submit(buffer)
                buffer = []
        run.submit(buffer)
        run.finish()
    finally:
        runner.close()
    return BatchSummary(
        run.counts,
        run.failures,
        time.perf_counter() - started,
        runner.workers,
        run.peaks,
        run.warnings,
    )


class _Run:
    """One run's state: the chunks in flight, in submission order, and what was done."""

    def __init__(
        self, store: AnalysisStore, engine: Engine, on_progress: ProgressCallback | None
    ) -> None:
        self.store = store
        self.engine = engine
        self.on_progress = on_progress
        self.counts = BatchCounts()
        self.failures: list[Failure] = []
        self.warnings: list[str] = []
        self.peaks: dict[str, int] = {}
        self.seen: set[str] = set()
        self.window: deque[_InFlight] = deque()
        self.read_failures: list[Failure] = []

    def report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.counts)

    def read_failed(self, error: ArticleError) -> None:
        """An input that could not be read: recorded with the next chunk written."""
        self.read_failures.append(Failure(error.source, error.reason))
        self.counts.failed += 1
        self.counts.internal += isinstance(error, InternalError)

    def submit(self, jobs: list[Job]) -> None:
        fresh = _unstored(jobs, self.store, self.seen)
        self.counts.skipped += len(jobs) - len(fresh)
        if fresh:
            while len(self.window) >= 2 * self.engine.workers:
                self.write_oldest()
            pending = self.engine.submit(fresh)
            self.window.append(_InFlight(fresh, pending, self.read_failures[:]))
            self.read_failures.clear()
        self.report()

    def finish(self) -> None:
        while self.window:
            self.write_oldest()
        if self.read_failures:
            self.store.write([], self.read_failures)
            self.failures.extend(self.read_failures)
        self.report()

    def write_oldest(self) -> None:
        entry = self.window.popleft()
        outcomes = self._outcomes(entry.pending)
        if outcomes is not None:
            self._write(entry, outcomes)
            return
        # Which article killed the worker is unknown, and every chunk in flight may have been
        # lost with it.  Settle them all first, so that each article tried again runs alone.
        settled: list[tuple[_InFlight, list[Outcome] | None]] = [(entry, None)]
        settled.extend((later, self._outcomes(later.pending)) for later in self.window)
        self.window.clear()
        for lost, results in settled:
            self._write(lost, results if results is not None else self._alone(lost.jobs))

    def _outcomes(self, pending: PendingChunk) -> list[Outcome] | None:
        """The chunk's outcomes; None when its worker died."""
        try:
            result = pending.result()
        except ChunkLost:
            return None
        self.peaks[result.worker] = max(self.peaks.get(result.worker, 0), result.peak_rss_bytes)
        return result.outcomes

    def _alone(self, jobs: list[Job]) -> list[Outcome]:
        """Each job analysed in a chunk of its own, one at a time; one whose worker dies again
        is the article that kills it."""
        outcomes: list[Outcome] = []
        for job in jobs:
            alone = self._outcomes(self.engine.submit([job]))
            outcomes.extend(alone if alone is not None else [lost_outcome(job)])
        return outcomes

    def _write(self, entry: _InFlight, outcomes: list[Outcome]) -> None:
        records: list[NewRecord] = []
        chunk_failures = list(entry.read_failures)
        for outcome in outcomes:
            if outcome.analysis is None:
                error = outcome.error or "unknown error"
                chunk_failures.append(Failure(outcome.source, error, outcome.content_hash))
                self.counts.failed += 1
                self.counts.internal += outcome.internal
            elif outcome.input_kind == "url" and outcome.content_hash in self.seen:
                self.counts.skipped += 1  # a fetched page whose text this run already has
            else:
                if outcome.content_hash is not None:
                    self.seen.add(outcome.content_hash)
                records.append(
                    NewRecord(outcome.analysis, outcome.source, outcome.input, outcome.input_kind)
                )
        fetched = [r.analysis.text for r in records if r.input_kind == "url"]
        if fetched:
            stored = self.store.stored_ids(content_hash(text) for text in fetched)
            kept = [r for r in records if content_hash(r.analysis.text) not in stored]
            self.counts.skipped += len(records) - len(kept)
            records = kept
        refused = self._store(records, chunk_failures)
        self.counts.stored += len(records) - len(refused)
        self.counts.failed += len(refused)
        self.counts.internal += len(refused)
        self.failures.extend([*chunk_failures, *refused])
        self.report()

    def _store(self, records: list[NewRecord], failures: list[Failure]) -> list[Failure]:
        """Write a chunk in one transaction.  If the store refuses it, write each analysis
        alone: one the store cannot write becomes a failure (returned), and the others are
        stored.  When the store cannot write even the failures, it is the store that fails,
        and that stops the run."""
        try:
            self.store.write(records, failures)
            return []
        except Exception:
            if not records:
                raise
        refused = []
        for record in records:
            try:
                self.store.write([record])
            except Exception as error:  # this one analysis, not the store: list it, go on
                reason = InternalError.from_exception(record.source, error).reason
                refused.append(Failure(record.source, reason, content_hash(record.analysis.text)))
        self.store.write([], [*failures, *refused])
        return refused


def _unstored(jobs: list[Job], store: AnalysisStore, seen: set[str]) -> list[Job]:
    """The jobs whose article is neither stored nor already taken up in this run."""
    hashes = [job.content_hash for job in jobs]
    stored = store.stored_ids(h for h in hashes if h is not None)
    fetched = store.stored_sources(job.url for job in jobs if job.url is not None)
    fresh = []
    for job, text_hash in zip(jobs, hashes, strict=True):
        if text_hash is not None:
            if text_hash in stored or text_hash in seen:
                continue
            seen.add(text_hash)
        elif job.url is not None and job.url in fetched:
            continue
        fresh.append(job)
    return fresh
