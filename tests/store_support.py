"""Helpers for the backends' own store tests (not a test module)."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

import httpx

from batch_support import baseline_env
from postgres_support import free_port
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


@contextmanager
def serving_workers(store: StoreLocation, workers: int) -> Iterator[str]:
    """`propalens serve --workers N` on `store`, until the block ends; its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "propalens", "serve", "--port", str(port),
               "--workers", str(workers), "--db", str(store)]  # fmt: skip
    # Room for every post at once in one process, so that none is answered 503 (busy).
    environment = {**baseline_env(), "PROPALENS_MAX_ANALYSES": "16"}
    server = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            try:
                httpx.get(f"{base}/api/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
