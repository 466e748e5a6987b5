"""The store as a table: one row per article, as JSONL, CSV or Parquet.

Every format has the article's `id` (its content hash), where it came from, its outlet and
score, a count per technique and the voice shares; JSONL rows carry the full analysis as well.
Rows come oldest first, so two stores filled from the same inputs export the same file.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

from propalens.store import Store, StoredAnalysis
from propalens.techniques import TECHNIQUES

ExportFormat = Literal["jsonl", "csv", "parquet"]

BASE_COLUMNS = ("id", "source", "title", "outlet", "published", "score", "span_count")
VOICE_COLUMNS = ("voice_author", "voice_quoted")
COLUMNS = (*BASE_COLUMNS, *TECHNIQUES, *VOICE_COLUMNS)
"""The CSV and Parquet columns: one per technique, named as in the PTC corpus."""

_PARQUET_BATCH = 1000


def export_store(store: Store, export_format: ExportFormat, out: TextIO | Path) -> int:
    """Write every stored analysis; returns how many.  Parquet needs a path, not a stream."""
    if export_format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file; give a path")
        return write_parquet(store, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export_store(store, export_format, handle)
    return write_jsonl(store, out) if export_format == "jsonl" else write_csv(store, out)


def flat_row(stored: StoredAnalysis) -> dict[str, Any]:
    """One article as the CSV/Parquet row (technique counts in their own columns)."""
    analysis = stored.analysis
    counts = Counter(span.technique for span in analysis.spans)
    return {
        "id": stored.id,
        "source": stored.source,
        "title": analysis.title,
        "outlet": analysis.outlet,
        "published": analysis.published,
        "score": analysis.score,
        "span_count": len(analysis.spans),
        **{technique: counts.get(technique, 0) for technique in TECHNIQUES},
        "voice_author": analysis.voice_shares.author,
        "voice_quoted": analysis.voice_shares.quoted,
    }


def write_jsonl(store: Store, out: TextIO) -> int:
    written = 0
    for stored in store.iter_analyses():
        row = flat_row(stored)
        record = {
            **{column: row[column] for column in BASE_COLUMNS},
            "published": row["published"].isoformat() if row["published"] else None,
            "techniques": dict(
                sorted(Counter(span.technique for span in stored.analysis.spans).items())
            ),
            "voice_shares": stored.analysis.voice_shares.model_dump(),
            "analysis": stored.analysis.model_dump(mode="json"),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written


def write_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    written = 0
    for stored in store.iter_analyses():
        row = flat_row(stored)
        row["published"] = row["published"].isoformat() if row["published"] else ""
        writer.writerow(row)
        written += 1
    return written


def write_parquet(store: Store, path: Path) -> int:
    # Imported late: only Parquet exports need pyarrow (which ships no type information).
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("published", pa.date32()),
            ("score", pa.float64()),
            ("span_count", pa.int64()),
            *[(technique, pa.int64()) for technique in TECHNIQUES],
            ("voice_author", pa.float64()),
            ("voice_quoted", pa.float64()),
        ]
    )
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in _batches(store):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            written += len(rows)
        if written == 0:
            writer.write_table(schema.empty_table())
    return written


def _batches(store: Store) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for stored in store.iter_analyses():
        rows.append(flat_row(stored))
        if len(rows) == _PARQUET_BATCH:
            yield rows
            rows = []
    if rows:
        yield rows
