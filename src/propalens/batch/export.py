"""The store as a table: one row per article, as JSONL, CSV or Parquet.

Every format has the article's `id` (its content hash), where it came from, its outlet and
score, a count per technique and the voice shares; JSONL rows carry the full analysis as well.
CSV and Parquet have a column per label of the store's taxonomy (`batch.labels`), in its
order.  Rows come oldest first, so two stores filled from the same inputs export the same file.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

from propalens.batch.labels import store_taxonomy
from propalens.store import AnalysisStore, StoredAnalysis, open_store
from propalens.taxonomy import Taxonomy

ExportFormat = Literal["jsonl", "csv", "parquet"]

BASE_COLUMNS = ("id", "source", "title", "outlet", "published", "score", "span_count")
VOICE_COLUMNS = ("voice_author", "voice_quoted")

_PARQUET_BATCH = 1000


def columns(taxonomy: Taxonomy) -> tuple[str, ...]:
    """The CSV and Parquet columns: one per technique of `taxonomy`, named as its labels."""
    return (*BASE_COLUMNS, *taxonomy.labels, *VOICE_COLUMNS)


def export_db(
    db: Path, export_format: ExportFormat, out: TextIO | Path, *, model: str | None = None
) -> int:
    """Export the store at `db`; `model` names the taxonomy whose labels head the columns."""
    with open_store(db) as store:
        return export_store(store, export_format, out, model=model)


def export_store(
    store: AnalysisStore,
    export_format: ExportFormat,
    out: TextIO | Path,
    *,
    model: str | None = None,
) -> int:
    """Write every stored analysis; returns how many.  Parquet needs a path, not a stream."""
    if export_format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file; give a path")
        return write_parquet(store, out, store_taxonomy(store, model))
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export_store(store, export_format, handle, model=model)
    if export_format == "jsonl":
        return write_jsonl(store, out)
    return write_csv(store, out, store_taxonomy(store, model))


def flat_row(stored: StoredAnalysis, taxonomy: Taxonomy) -> dict[str, Any]:
    """One article as the CSV/Parquet row (technique counts in their own columns)."""
    analysis = stored.analysis
    counts = Counter(span.technique for span in analysis.spans)
    return {
        **_base_row(stored),
        **{technique: counts.get(technique, 0) for technique in taxonomy.labels},
        "voice_author": analysis.voice_shares.author,
        "voice_quoted": analysis.voice_shares.quoted,
    }


def _base_row(stored: StoredAnalysis) -> dict[str, Any]:
    """The `BASE_COLUMNS` of one article."""
    analysis = stored.analysis
    return {
        "id": stored.id,
        "source": stored.source,
        "title": analysis.title,
        "outlet": analysis.outlet,
        "published": analysis.published,
        "score": analysis.score,
        "span_count": len(analysis.spans),
    }


def write_jsonl(store: AnalysisStore, out: TextIO) -> int:
    written = 0
    for stored in store.iter_analyses():
        row = _base_row(stored)
        record = {
            **row,
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


def write_csv(store: AnalysisStore, out: TextIO, taxonomy: Taxonomy) -> int:
    writer = csv.DictWriter(out, fieldnames=columns(taxonomy))
    writer.writeheader()
    written = 0
    for stored in store.iter_analyses():
        row = flat_row(stored, taxonomy)
        row["published"] = row["published"].isoformat() if row["published"] else ""
        writer.writerow(row)
        written += 1
    return written


def write_parquet(store: AnalysisStore, path: Path, taxonomy: Taxonomy) -> int:
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
            *[(technique, pa.int64()) for technique in taxonomy.labels],
            ("voice_author", pa.float64()),
            ("voice_quoted", pa.float64()),
        ]
    )
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in _batches(store, taxonomy):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            written += len(rows)
        if written == 0:
            writer.write_table(schema.empty_table())
    return written


def _batches(store: AnalysisStore, taxonomy: Taxonomy) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for stored in store.iter_analyses():
        rows.append(flat_row(stored, taxonomy))
        if len(rows) == _PARQUET_BATCH:
            yield rows
            rows = []
    if rows:
        yield rows
