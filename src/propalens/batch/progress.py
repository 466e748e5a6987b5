"""`propalens batch` on a console: a progress bar (rate, ETA, tally) while `run_batch` works,
then a summary of what was stored, skipped and failed."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from propalens.batch.engines import EngineName, WorkerLost
from propalens.batch.inputs import estimate_count
from propalens.batch.runner import BatchCounts, BatchSummary, run_batch
from propalens.ingest.options import IngestOptions
from propalens.store import StoreLocation, describe_location, open_store, resolve_location

SHOWN_FAILURES = 50
"""Failures (and warnings) listed on the console; the report lists more failures."""


class BatchProgress:
    """A progress bar over the estimated inputs; `update` is `run_batch`'s callback."""

    def __init__(self, estimate: int, console: Console) -> None:
        self.estimate = estimate
        self.progress = Progress(
            TextColumn("[bold]batch[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA {task.fields[eta]}"),
            TextColumn("[dim]{task.fields[tally]}"),
            console=console,
        )
        self._task: TaskID = self.progress.add_task(
            "batch", total=estimate, rate="", eta="–", tally=""
        )
        self._started = time.perf_counter()

    def update(self, counts: BatchCounts) -> None:
        # The rate counts analysed articles only: skipping stored ones is near-instant.
        elapsed = time.perf_counter() - self._started
        rate = counts.stored / elapsed if counts.stored else 0.0
        remaining = max(self.estimate - counts.done, 0)
        self.progress.update(
            self._task,
            completed=counts.done,
            total=max(self.estimate, counts.done),
            rate=f"{rate:.1f} articles/s",
            eta=_duration(remaining / rate) if rate > 0 else "–",
            tally=f"{counts.stored} stored, {counts.skipped} skipped, {counts.failed} failed",
        )

    def finish(self, done: int) -> None:
        self.progress.update(self._task, total=done, completed=done)


def batch_with_progress(
    inputs: Sequence[str],
    db: StoreLocation | None,
    console: Console,
    *,
    url_lists: Sequence[Path],
    options: IngestOptions,
    engine: EngineName,
    workers: int,
    scheduler: str | None,
    chunk_size: int,
    model: str | None,
) -> BatchSummary:
    """`run_batch` into the store at `db` (None: `resolve_location`'s) with a progress bar, then
    the summary.  Workers that cannot be started again are reported and re-raised (the run
    cannot go on): what was stored is kept."""
    path = resolve_location(db)
    bar = BatchProgress(estimate_count(inputs, url_lists), console)
    with open_store(path) as store, bar.progress:
        try:
            summary = run_batch(
                inputs,
                store,
                url_lists=url_lists,
                options=options,
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                chunk_size=chunk_size,
                model=model,
                on_progress=bar.update,
            )
        except WorkerLost as error:
            bar.progress.stop()
            console.print(
                f"[bold red]a worker process died and none could be started again[/] ({error});"
                " what was stored is kept: run the same command again to carry on",
                highlight=False,
            )
            raise
        bar.finish(summary.counts.done)
    print_summary(summary, engine, path, console)
    return summary


def print_summary(
    summary: BatchSummary, engine: EngineName, db: StoreLocation, console: Console
) -> None:
    counts = summary.counts
    console.print(
        f"[bold]{counts.stored} stored[/], {counts.skipped} skipped (already stored), "
        f"[{'bold red' if counts.failed else 'green'}]{counts.failed} failed[/] "
        f"in {summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s, "
        f"{summary.workers} {engine} worker{'s' if summary.workers != 1 else ''}) "
        f"into {describe_location(db)}",
        highlight=False,
    )
    if summary.peak_rss_bytes:
        peak = max(summary.peak_rss_bytes.values()) / 2**20
        console.print(f"peak memory per worker: {peak:.0f} MiB", highlight=False)
    _print_list("warning(s): analysed, but reading changed them", summary.warnings, console)
    _print_list(
        "input(s) failed",
        [f"{failure.source}: {failure.error}" for failure in summary.failures],
        console,
    )
    if counts.internal:
        console.print(
            f"[bold red]{counts.internal} of them failed inside propalens[/] (an internal "
            "error or a worker that died), not because of their input; please report it",
            highlight=False,
        )


def _print_list(title: str, lines: Sequence[str], console: Console) -> None:
    if not lines:
        return
    console.print(f"[bold red]{len(lines)} {title}:[/]", highlight=False)
    for line in lines[:SHOWN_FAILURES]:
        console.print(f"  {line}", markup=False, highlight=False)
    if len(lines) > SHOWN_FAILURES:
        console.print(f"  … and {len(lines) - SHOWN_FAILURES} more (see propalens report)")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
