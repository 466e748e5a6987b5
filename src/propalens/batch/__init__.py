"""Corpus runs: many articles into the store in parallel (a local pool or Dask), resumable;
and what comes out of the store afterwards (exports, an aggregate HTML report).

Importing this package is cheap: Dask, pyarrow and plotly load only when used.
"""

from propalens.batch.engines import EngineName, WorkerLost
from propalens.batch.inputs import estimate_count
from propalens.batch.runner import DEFAULT_CHUNK_SIZE, BatchCounts, BatchSummary, run_batch

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "BatchCounts",
    "BatchSummary",
    "EngineName",
    "WorkerLost",
    "estimate_count",
    "run_batch",
]
