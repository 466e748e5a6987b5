"""Batch throughput: articles/s for 1 and 2 local workers and for the Dask engine.

    .venv/bin/python benchmarks/bench_batch.py                 # the default model
    PROPALENS_THREADS=1 .venv/bin/python benchmarks/bench_batch.py   # one thread per worker
    PROPALENS_MODEL=baseline .venv/bin/python benchmarks/bench_batch.py

By default each local worker gets an equal share of the cores for the encoder (1 worker: all
of them); with PROPALENS_THREADS=1 every worker is single-threaded, which measures how the
batch scales with worker processes alone.

The 75 PTC dev articles (`../shared/data/ptc/dev-articles`) are written 4 times (--repeat) as
distinct texts (each copy ends with its own marker line, so the store holds 300 records) and
batched into a fresh store per engine.  Each run reports articles/s over the whole run
(starting the workers and loading the model included) and once the first chunk is stored
(steady state), and the peak resident memory of each worker process.  Throughput on a shared
machine depends on what else runs: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from propalens.batch import BatchCounts, run_batch
from propalens.batch.engines import EngineName
from propalens.settings import Settings
from propalens.store import Store

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev-articles"


@dataclass(frozen=True)
class Measurement:
    label: str
    articles: int
    seconds: float
    steady_rate: float
    peak_mib: list[float]

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def write_copies(folder: Path, repeat: int) -> int:
    articles = sorted(DEV.glob("article*.txt"))
    for copy in range(repeat):
        for article in articles:
            text = article.read_text(encoding="utf-8")
            target = folder / f"{article.stem}-copy{copy}.txt"
            target.write_text(f"{text.rstrip()}\n\nBenchmark copy {copy}.\n", encoding="utf-8")
    return len(articles) * repeat


def measure(
    label: str, corpus: Path, db: Path, engine: EngineName, workers: int, chunk_size: int
) -> Measurement:
    first: list[tuple[float, int]] = []

    def on_progress(counts: BatchCounts) -> None:
        if counts.stored and not first:
            first.append((time.perf_counter(), counts.stored))

    with Store(db) as store:
        started = time.perf_counter()
        summary = run_batch(
            [str(corpus)],
            store,
            engine=engine,
            workers=workers,
            chunk_size=chunk_size,
            on_progress=on_progress,
        )
        ended = time.perf_counter()
    if summary.counts.failed or summary.counts.skipped:
        raise SystemExit(f"{label}: unexpected {summary.counts}")
    stored = summary.counts.stored
    steady = (stored - first[0][1]) / (ended - first[0][0]) if first and ended > first[0][0] else 0
    peaks = sorted(peak / 2**20 for peak in summary.peak_rss_bytes.values())
    return Measurement(label, stored, ended - started, steady, peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--chunk-size", type=int, default=8)
    args = parser.parse_args()
    if not DEV.is_dir():
        raise SystemExit(f"the PTC dev articles are not at {DEV}")
    print(f"model: {Settings().model}; {os.cpu_count()} CPUs")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    runs: list[tuple[str, EngineName, int]] = [
        ("local, 1 worker", "local", 1),
        ("local, 2 workers", "local", 2),
        ("dask, 2 workers", "dask", 2),
    ]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        total = write_copies(corpus, args.repeat)
        print(f"{total} articles, chunks of {args.chunk_size}")
        for number, (label, engine, workers) in enumerate(runs):
            db = Path(folder) / f"run{number}.db"
            results.append(measure(label, corpus, db, engine, workers, args.chunk_size))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print()
    print(f"{'run':<18} {'articles/s':>10} {'steady/s':>9} {'seconds':>8}  peak RSS per worker")
    for result in results:
        peaks = ", ".join(f"{peak:.0f} MiB" for peak in result.peak_mib)
        print(
            f"{result.label:<18} {result.rate:>10.1f} {result.steady_rate:>9.1f}"
            f" {result.seconds:>8.1f}  {peaks}"
        )
    one, two = results[0], results[1]
    print()
    print(f"2 local workers vs 1: {two.rate / one.rate:.2f}x overall,"
          f" {two.steady_rate / one.steady_rate:.2f}x steady")  # fmt: skip


if __name__ == "__main__":
    main()
