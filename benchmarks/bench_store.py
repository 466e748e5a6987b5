"""Store benchmark: SQLite and PostgreSQL holding 10k and 100k analyses (the README's figures).

A few real articles are analysed once with the shipped `baseline` model; the store is then
filled with synthetic copies of them (each with its own text, title, outlet and day, so each is
its own record), written in chunks of 100 as a batch run writes them.  At each size it times:

- insert: records written per second, while filling up to that size;
- search: a page of 20 with no filter, by outlet, by technique, by words, and words + outlet;
- stats: counts per outlet, technique and day over the whole store;

and prints p50/p95 of each in milliseconds.  PostgreSQL runs on a throwaway local cluster (the
tests' own: Debian's PostgreSQL 15, fsync off) unless --postgres names a database, which must
be empty.

    PYTHONPATH=src nice python benchmarks/bench_store.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

from propalens.schema import Analysis
from propalens.store import AnalysisStore, Filters, NewRecord, SQLiteStore

REPO = Path(__file__).resolve().parents[1]
PTC_TRAIN = REPO.parent / "shared" / "data" / "ptc" / "train-articles"
OUTLETS = ("Daily Example", "Harbour Times", "The Coastal Ledger", "Other Times", None)
CHUNK = 100
REPEATS = 20


def base_analyses(folder: Path, count: int) -> list[Analysis]:
    """The first `count` articles of `folder`, analysed by the shipped baseline model."""
    from propalens.detect import load_detector
    from propalens.pipeline import Analyzer

    analyzer = Analyzer(load_detector("baseline"))
    paths = sorted(folder.glob("*.txt"))[:count]
    return [analyzer.analyze(path.read_text(encoding="utf-8")) for path in paths]


def synthetic_records(bases: Sequence[Analysis], start: int, count: int) -> Iterator[NewRecord]:
    """Copies `start`..`start + count` of `bases`: each its own text (a line appended, so every
    span's offsets still point at its words), title, outlet and publication day."""
    for number in range(start, start + count):
        base = bases[number % len(bases)]
        text = f"{base.text}\n\nCopy {number} of the sample."
        analysis = base.model_copy(
            update={
                "text": text,
                "title": f"{base.title or 'Untitled'} ({number})",
                "outlet": OUTLETS[number % len(OUTLETS)],
                "published": dt.date(2024, 1, 1) + dt.timedelta(days=number % 400)
                if number % 3
                else None,
            }
        )
        yield NewRecord(analysis, f"synthetic/{number}.txt", text)


def fill(store: AnalysisStore, records: Iterator[NewRecord]) -> float:
    """Write `records` in chunks of `CHUNK`; the records per second."""
    started = time.perf_counter()
    written = 0
    chunk: list[NewRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == CHUNK:
            store.write(chunk)
            written += len(chunk)
            chunk = []
    store.write(chunk)
    written += len(chunk)
    return written / (time.perf_counter() - started)


def timed_ms(call: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """p50 and p95 of `call`, in milliseconds."""
    call()  # warm the caches first: a served store is warm
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[18]


def measure(store: AnalysisStore, technique: str) -> dict[str, tuple[float, float]]:
    searches = {
        "search: latest page": Filters(),
        "search: outlet": Filters(outlet="harbour times"),
        "search: technique": Filters(technique=technique),
        "search: words": Filters(query="government"),
        "search: words + outlet": Filters(query="copy 12", outlet="Daily Example"),
    }
    results = {name: timed_ms(lambda f=f: store.search(f)) for name, f in searches.items()}  # type: ignore[misc]
    for group in ("outlet", "technique", "day"):
        results[f"stats: {group}"] = timed_ms(lambda g=group: store.stats(g), repeats=10)  # type: ignore[misc]
    return results


def run(backend: str, store: AnalysisStore, bases: list[Analysis], sizes: list[int]) -> None:
    technique = next(span.technique for base in bases for span in base.spans)
    held = 0
    for size in sizes:
        rate = fill(store, synthetic_records(bases, held, size - held))
        held = size
        print(f"\n{backend}, {size:,} analyses: insert {rate:,.0f} analyses/s", flush=True)
        for name, (p50, p95) in measure(store, technique).items():
            print(f"  {name:24} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--postgres", help="an empty database's URL (default: a throwaway one)")
    parser.add_argument("--articles", type=Path, default=PTC_TRAIN)
    parser.add_argument("--base", type=int, default=8, help="articles analysed for real")
    args = parser.parse_args(argv)
    folder = (
        args.articles
        if args.articles.is_dir()
        else REPO / "tests" / "data" / "ptc_mini" / "articles"
    )
    bases = base_analyses(folder, args.base)
    size = statistics.mean(len(base.model_dump_json()) for base in bases)
    print(f"{len(bases)} articles from {folder}, analysis JSON {size / 1000:.1f} kB on average")
    sizes = sorted(args.sizes)
    with ExitStack() as stack:
        if "sqlite" in args.backends:
            folder_for_db = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            with SQLiteStore(folder_for_db / "bench.db") as store:
                run("SQLite", store, bases, sizes)
        if "postgres" in args.backends:
            from propalens.store.postgres import PostgresStore

            url = args.postgres
            if url is None:
                sys.path.insert(0, str(REPO / "tests"))
                from postgres_support import running_cluster

                url = stack.enter_context(running_cluster()).new_database()
            with PostgresStore(url) as store:
                run("PostgreSQL", store, bases, sizes)


if __name__ == "__main__":
    main()
