"""`run_batch`: a corpus into the store, in parallel, resumable after a crash at any moment.

The batch process reads the inputs, skips every article whose content hash is already stored
(or was already seen in this run), and hands the rest to the engine in chunks.  Results are
written in submission order, one store transaction per chunk (`AnalysisStore.write`: its
analyses and its failures together), and only by this process.  A run killed at any moment
therefore leaves whole chunks behind, and the same command run again skips them: nothing is
lost and nothing is doubled.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from propalens.batch.engines import EngineName, PendingChunk, start_engine
from propalens.batch.inputs import iter_jobs
from propalens.batch.work import Job
from propalens.errors import ArticleError
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

    Raises `WorkerLost` when a worker process dies; what was written before stays, and the
    same call again carries on from there.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    started = time.perf_counter()
    counts = BatchCounts()
    failures: list[Failure] = []
    peaks: dict[str, int] = {}
    seen: set[str] = set()
    window: deque[_InFlight] = deque()
    read_failures: list[Failure] = []
    runner = start_engine(engine, workers, options, model or Settings().model, scheduler)

    def report() -> None:
        if on_progress is not None:
            on_progress(counts)

    def write_oldest() -> None:
        entry = window.popleft()
        result = entry.pending.result()
        peaks[result.worker] = max(peaks.get(result.worker, 0), result.peak_rss_bytes)
        records: list[NewRecord] = []
        chunk_failures = list(entry.read_failures)
        for outcome in result.outcomes:
            if outcome.analysis is None:
                error = outcome.error or "unknown error"
                chunk_failures.append(Failure(outcome.source, error, outcome.content_hash))
            elif outcome.input_kind == "url" and outcome.content_hash in seen:
                counts.skipped += 1  # a fetched page whose text this run already has
            else:
                if outcome.content_hash is not None:
                    seen.add(outcome.content_hash)
                records.append(
                    NewRecord(outcome.analysis, outcome.source, outcome.input, outcome.input_kind)
                )
        fetched = [r.analysis.text for r in records if r.input_kind == "url"]
        if fetched:
            stored = store.stored_ids(content_hash(text) for text in fetched)
            kept = [r for r in records if content_hash(r.analysis.text) not in stored]
            counts.skipped += len(records) - len(kept)
            records = kept
        store.write(records, chunk_failures)
        counts.stored += len(records)
        counts.failed += len(chunk_failures) - len(entry.read_failures)
        failures.extend(chunk_failures)
        report()

    def submit(jobs: list[Job]) -> None:
        fresh = _unstored(jobs, store, seen)
        counts.skipped += len(jobs) - len(fresh)
        if fresh:
            while len(window) >= 2 * runner.workers:
                write_oldest()
            window.append(_InFlight(fresh, runner.submit(fresh), read_failures[:]))
            read_failures.clear()
        report()

    try:
        buffer: list[Job] = []
        for item in iter_jobs(inputs, url_lists, options):
            if isinstance(item, ArticleError):
                read_failures.append(Failure(item.source, item.reason))
                counts.failed += 1
                continue
            buffer.append(item)
            if len(buffer) >= chunk_size:
                submit(buffer)
                buffer = []
        submit(buffer)
        while window:
            write_oldest()
        if read_failures:
            store.write([], read_failures)
            failures.extend(read_failures)
        report()
    finally:
        runner.close()
    return BatchSummary(counts, failures, time.perf_counter() - started, runner.workers, peaks)


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
