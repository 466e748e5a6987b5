"""Where chunks run: a local process pool, or a Dask distributed cluster.

Both hand `analyze_chunk` the same chunks, naming the same model, and return its results in
submission order, so the batch process stores the same analyses in the same order whichever
engine ran them.  A chunk whose worker process died is `ChunkLost`, and the engine carries on
with fresh workers; the runner then tries its articles again one at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Literal, Protocol

from propalens.batch.work import (
    ChunkResult,
    Job,
    analyze_chunk,
    init_pool_worker,
    preload_model,
    threads_per_worker,
)
from propalens.ingest.options import IngestOptions

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

EngineName = Literal["local", "dask"]


class WorkerLost(RuntimeError):
    """Worker processes cannot be started again after one died: the run cannot go on."""


class ChunkLost(RuntimeError):
    """The worker process that held a chunk died (killed, out of memory) before it finished."""


class PendingChunk(Protocol):
    def result(self) -> ChunkResult: ...


class Engine(Protocol):
    workers: int
    """How many chunks run at once."""

    def submit(self, jobs: Sequence[Job]) -> PendingChunk: ...

    def close(self) -> None: ...


class LocalEngine:
    """A process pool; each worker loads the model once, in the pool's initializer.

    forkserver (spawn where there is none) starts workers from a clean process, not a copy of
    the batch process with its store connection and threads.  When a worker dies the pool is
    broken, and every chunk it held is lost; the engine replaces it with a new pool, and
    raises `WorkerLost` only if the new pool's workers cannot start either.
    """

    def __init__(self, workers: int, options: IngestOptions, model: str) -> None:
        self.workers = workers
        self._options = options
        self._model = model
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        method = (
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=init_pool_worker,
            initargs=(os.getpid(), self._model, threads_per_worker(self.workers)),
        )

    def submit(self, jobs: Sequence[Job]) -> PendingChunk:
        pool = self._pool
        try:
            future = pool.submit(analyze_chunk, list(jobs), self._options, self._model)
        except BrokenProcessPool:  # a worker died since the last chunk was handed out
            pool = self.replace_broken(pool)
            future = pool.submit(analyze_chunk, list(jobs), self._options, self._model)
        return _LocalPending(self, pool, future)

    def replace_broken(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """A working pool in place of `broken` (once, however many of its chunks report it)."""
        if broken is self._pool:
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            try:  # a worker starts and loads the model, or workers die whatever they are given
                self._pool.submit(os.getpid).result()
            except BrokenProcessPool as error:
                raise WorkerLost(f"worker processes die as they start ({error})") from error
        return self._pool

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _LocalPending:
    def __init__(
        self, engine: LocalEngine, pool: ProcessPoolExecutor, future: Future[ChunkResult]
    ) -> None:
        self._engine = engine
        self._pool = pool
        self._future = future

    def result(self) -> ChunkResult:
        try:
            return self._future.result()
        except BrokenProcessPool as error:
            self._engine.replace_broken(self._pool)
            raise ChunkLost(str(error)) from error


class DaskEngine:
    """A Dask distributed cluster: the one at `scheduler`, else a `LocalCluster` of processes.

    Each Dask worker process keeps the model it loaded (a module-level cache); it is loaded on
    every worker up front, so the first chunks do not wait for it one after another.
    """

    def __init__(
        self, workers: int, options: IngestOptions, model: str, scheduler: str | None
    ) -> None:
        from distributed import Client, LocalCluster

        self._options = options
        self._model = model
        self._cluster: LocalCluster | None = None
        if scheduler is None:
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client: Client = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            self._client = Client(scheduler)  # type: ignore[no-untyped-call]
        # A local cluster shares this machine's cores; a remote one's workers use their own.
        threads = threads_per_worker(workers) if self._cluster is not None else None
        self._client.run(preload_model, self._model, threads)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def submit(self, jobs: Sequence[Job]) -> PendingChunk:
        future = self._client.submit(
            analyze_chunk, list(jobs), self._options, self._model, pure=False
        )
        return _DaskPending(future)

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()


class _DaskPending:
    def __init__(self, future: object) -> None:
        self._future = future

    def result(self) -> ChunkResult:
        from distributed import KilledWorker

        try:
            result = self._future.result()  # type: ignore[attr-defined]
        except KilledWorker as error:  # Dask's nannies have started fresh workers already
            raise ChunkLost(str(error)) from error
        assert isinstance(result, ChunkResult)
        return result


def start_engine(
    name: EngineName,
    workers: int,
    options: IngestOptions,
    model: str,
    scheduler: str | None = None,
) -> Engine:
    """Start `workers` workers, each loading `model` (a shipped model's name or a folder)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if name == "dask":
        return DaskEngine(workers, options, model, scheduler)
    if scheduler is not None:
        raise ValueError("--scheduler needs --engine dask")
    return LocalEngine(workers, options, model)
