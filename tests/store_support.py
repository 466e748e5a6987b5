"""Helpers for the backends' own store tests (not a test module)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from propalens.store import StoreLocation, open_store


def _open_in_step(
    locations: Sequence[StoreLocation], barrier: Barrier, outcomes: Queue[str]
) -> None:
    """Open each new store at the same moment as the other processes do."""
    for location in locations:
        barrier.wait()
        try:
            open_store(location).close()
            outcomes.put("ok")
        except Exception as error:  # what the tests look for: any process failing
            outcomes.put(f"{location}: {type(error).__name__}: {error}")


def open_all_at_once(locations: Sequence[StoreLocation], processes: int) -> list[str]:
    """Have `processes` processes open each of the new stores at once, one store after another;
    each open's outcome ("ok", or the error it raised)."""
    context = multiprocessing.get_context("spawn")
    barrier, outcomes = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(target=_open_in_step, args=(locations, barrier, outcomes))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [outcomes.get(timeout=120) for _ in range(processes * len(locations))]
    for worker in workers:
        worker.join(timeout=30)
    return results
