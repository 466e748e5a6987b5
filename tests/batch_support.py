"""Helpers for the batch tests (not a test module): small real corpora with distinct texts."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from propalens.batch.work import ChunkResult, Job, analyze_chunk
from propalens.ingest.options import IngestOptions

DATA = Path(__file__).parent / "data"
SAMPLES = (
    DATA / "scraped_republished_wire.txt",
    DATA / "scraped_free_text.txt",
    DATA / "scraped_plain_ptc_style.txt",
    DATA / "ingest" / "harbour_closure.txt",
    DATA / "ptc_mini" / "articles" / "article832917778.txt",
)
OUTLETS = ("The Coastal Ledger", "Harbour Times", None)


def write_corpus(path: Path, count: int) -> Path:
    """A JSONL corpus of `count` distinct articles: the sample texts, each copy marked."""
    texts = [sample.read_text(encoding="utf-8") for sample in SAMPLES]
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = {
                "id": number,
                "text": f"{texts[number % len(texts)]}\n\nCopy {number} of the sample.",
                "outlet": OUTLETS[number % len(OUTLETS)],
            }
            out.write(json.dumps(record) + "\n")
    return path


def baseline_env() -> dict[str, str]:
    """The environment for a `propalens` subprocess that uses the small shipped model."""
    return {**os.environ, "PROPALENS_MODEL": "baseline"}


def stored_ids(db: Path) -> list[str]:
    """Every stored id, repeats included (read directly, as a second process would)."""
    with closing(sqlite3.connect(db)) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM analyses")]


def stored_so_far(db: Path) -> int:
    """How many analyses a running batch has committed (0 while it is still creating the db)."""
    if not db.exists():
        return 0
    try:
        return len(stored_ids(db))
    except sqlite3.OperationalError:  # no tables yet, or the schema is being created
        return 0


KILLER = "This article kills the worker process that analyses it."


def analyze_chunk_or_die(jobs: Sequence[Job], options: IngestOptions, model: str) -> ChunkResult:
    """`analyze_chunk`, except that the worker process is killed (SIGKILL, as the out-of-memory
    killer does) when the chunk holds an article with `KILLER` in its text.  A test puts it in
    place of `analyze_chunk` in `propalens.batch.engines`; workers import it from here."""
    if any(job.document is not None and KILLER in job.document.text for job in jobs):
        os.kill(os.getpid(), signal.SIGKILL)
    return analyze_chunk(jobs, options, model)


def write_records(path: Path, *records: dict[str, object]) -> Path:
    """A JSONL corpus of exactly these records."""
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return path
