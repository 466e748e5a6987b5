"""What a batch worker does with one chunk of articles, in a pool process or on a Dask worker.

The same `analyze_chunk` runs under both engines, so they store the same analyses.  Each worker
process loads the model once (`worker_analyzer`) and keeps it for every chunk it is given.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from propalens.detect import load_detector
from propalens.errors import InputError, InternalError
from propalens.ingest.document import Document
from propalens.ingest.fetch import fetch_url
from propalens.ingest.options import IngestOptions
from propalens.pipeline import Analyzer
from propalens.schema import Analysis
from propalens.settings import Settings
from propalens.store import InputKind, content_hash


@dataclass(frozen=True)
class Job:
    """One article for a worker: a document the parent has read, or a URL the worker fetches."""

    source: str
    document: Document | None = None
    url: str | None = None

    @property
    def content_hash(self) -> str | None:
        """The store id its analysis will have, when the text is known before analysis."""
        return content_hash(self.document.text) if self.document is not None else None


WORKER_DIED = "its worker process died while analysing it (killed, or out of memory)"


@dataclass(frozen=True)
class Outcome:
    """One job's result: an analysis, or the error that stopped it."""

    source: str
    input: str
    input_kind: InputKind
    analysis: Analysis | None = None
    error: str | None = None
    content_hash: str | None = None
    internal: bool = False
    """The error is propalens's own (an `InternalError`: a bug, a dead worker), not the input's."""


@dataclass(frozen=True)
class ChunkResult:
    outcomes: list[Outcome]
    worker: str
    """host:pid of the process that did the work."""
    peak_rss_bytes: int
    """That process's peak resident memory so far."""


_analyzers: dict[str, Analyzer] = {}


def worker_analyzer(model: str, threads: int | None = None) -> Analyzer:
    """This process's analyzer for `model`, loaded on first use and kept.

    `threads` caps the encoder's threads, so that workers sharing a machine do not
    oversubscribe its cores.
    """
    analyzer = _analyzers.get(model)
    if analyzer is None:
        analyzer = _analyzers[model] = Analyzer(load_detector(model, threads))
    return analyzer


def preload_model(model: str, threads: int | None = None) -> None:
    """Load `model` in this worker process now (returns nothing to ship back).

    With `threads`, NumPy's BLAS is held to the same share as the encoder: otherwise each
    worker's BLAS starts a thread per core, and workers sharing a machine oversubscribe it
    (Dask's nanny sets OMP_NUM_THREADS=1 for its workers; a process pool does not).
    """
    if threads is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads)
    worker_analyzer(model, threads)


def threads_per_worker(workers: int) -> int:
    """`Settings().threads` ($PROPALENS_THREADS), else an equal share of this machine's cores
    for each local worker."""
    configured = Settings().threads
    if configured is not None:
        return configured
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def init_pool_worker(parent_pid: int, model: str, threads: int) -> None:
    """Process-pool initializer: load the model, and exit if the batch process goes away.

    A pool worker blocks on its task queue; when the parent is killed (the crash the batch is
    built to survive) nothing else would end it.
    """
    threading.Thread(target=_exit_when_gone, args=(parent_pid,), daemon=True).start()
    preload_model(model, threads)


def analyze_chunk(jobs: Sequence[Job], options: IngestOptions, model: str) -> ChunkResult:
    """Analyse every job; one that fails becomes an `Outcome` with its error, never a gap."""
    analyzer = worker_analyzer(model)
    outcomes = [_analyze_job(analyzer, job, options) for job in jobs]
    return ChunkResult(outcomes, f"{socket.gethostname()}:{os.getpid()}", peak_rss_bytes())


def peak_rss_bytes() -> int:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def lost_outcome(job: Job) -> Outcome:
    """The outcome of a job whose worker process died under it, taken alone."""
    return failed_outcome(job, WORKER_DIED, internal=True)


def failed_outcome(
    job: Job, error: str, *, internal: bool, document: Document | None = None
) -> Outcome:
    """A job that failed with `error`; `document` is what was read of it (a fetched page)."""
    document = document or job.document
    return Outcome(
        job.source,
        job.url or "",
        _kind(job),
        error=error,
        content_hash=content_hash(document.text) if document is not None else None,
        internal=internal,
    )


def _kind(job: Job) -> InputKind:
    return "url" if job.url is not None else "text"


def _analyze_job(analyzer: Analyzer, job: Job, options: IngestOptions) -> Outcome:
    document = job.document
    try:
        if document is None:
            if job.url is None:
                raise InputError(job.source, "nothing to analyse")
            document = fetch_url(job.url, options)
        analysis = analyzer.analyze(document)
    except InputError as error:
        return failed_outcome(job, error.reason, internal=False, document=document)
    except Exception as error:  # a model bug on odd input must not stop the other articles
        reason = InternalError.from_exception(job.source, error).reason
        return failed_outcome(job, reason, internal=True, document=document)
    given = job.url if job.url is not None else document.text
    return Outcome(
        job.source, given, _kind(job), analysis, content_hash=content_hash(analysis.text)
    )


def _exit_when_gone(parent_pid: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid now belongs to someone else's process
            os._exit(1)
