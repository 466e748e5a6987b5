"""The store as a table: one row per article, as JSONL, CSV or Parquet.

Every format has the article's `id` (its content hash), its `input_id` (the id its corpus gave
it, `--id-column`), where it came from, its outlet and
score, a count per technique and the voice shares; JSONL rows carry the full analysis as well.
CSV and Parquet have a column per label of the store's taxonomy (`batch.labels`), in its
order.  Rows come oldest first, so two stores filled from the same inputs export the same file.
The store's recorded failures export the same ways, one row per failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

from propalens.batch.labels import store_taxonomy
from propalens.store import AnalysisStore, StoredAnalysis, StoreLocation, open_store
from propalens.taxonomy import Taxonomy

ExportFormat = Literal["jsonl", "csv", "parquet"]

BASE_COLUMNS = ("id", "input_id", "source", "title", "outlet", "published", "score", "span_count")
VOICE_COLUMNS = ("voice_author", "voice_quoted")
FAILURE_COLUMNS = ("source", "error", "content_hash", "attempts", "failed_at")

_PARQUET_BATCH = 1000


def columns(taxonomy: Taxonomy) -> tuple[str, ...]:
    """The CSV and Parquet columns: one per technique of `taxonomy`, named as its labels."""
    return (*BASE_COLUMNS, *taxonomy.labels, *VOICE_COLUMNS)


def export_db(
    db: StoreLocation,
    export_format: ExportFormat,
    out: TextIO | Path,
    *,
    model: str | None = None,
    failures: bool = False,
) -> int:
    """Export the store at `db`; `model` names the taxonomy whose labels head the columns."""
    with open_store(db) as store:
        return export_store(store, export_format, out, model=model, failures=failures)


def export_store(
    store: AnalysisStore,
    export_format: ExportFormat,
    out: TextIO | Path,
    *,
    model: str | None = None,
    failures: bool = False,
) -> int:
    """Write every stored analysis, or with `failures` every recorded failure (one row each:
    `FAILURE_COLUMNS`); returns how many.  Parquet needs a path, not a stream."""
    if export_format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file; give a path")
        if failures:
            return _write_parquet(out, _failure_schema(), [_failure_rows(store)])
        taxonomy = store_taxonomy(store, model)
        return _write_parquet(out, _analysis_schema(taxonomy), _batches(store, taxonomy))
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export_store(store, export_format, handle, model=model, failures=failures)
    if failures:
        rows = _failure_rows(store)
        if export_format == "jsonl":
            return _write_jsonl(out, rows)
        return _write_csv(out, FAILURE_COLUMNS, rows)
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
        "input_id": analysis.input_id,
        "source": stored.source,
        "title": analysis.title,
        "outlet": analysis.outlet,
        "published": analysis.published,
        "score": analysis.score,
        "span_count": len(analysis.spans),
    }


def _failure_rows(store: AnalysisStore) -> list[dict[str, Any]]:
    return [
        {
            "source": failure.source,
            "error": failure.error,
            "content_hash": failure.content_hash,
            "attempts": failure.attempts,
            "failed_at": failure.failed_at,
        }
        for failure in store.failures()
    ]


def write_jsonl(store: AnalysisStore, out: TextIO) -> int:
    return _write_jsonl(
        out,
        (
            {
                **_base_row(stored),
                "techniques": dict(
                    sorted(Counter(span.technique for span in stored.analysis.spans).items())
                ),
                "voice_shares": stored.analysis.voice_shares.model_dump(),
                "analysis": stored.analysis.model_dump(mode="json"),
            }
            for stored in store.iter_analyses()
        ),
    )


def write_csv(store: AnalysisStore, out: TextIO, taxonomy: Taxonomy) -> int:
    rows = (flat_row(stored, taxonomy) for stored in store.iter_analyses())
    return _write_csv(out, columns(taxonomy), rows)


def _write_jsonl(out: TextIO, records: Iterable[dict[str, Any]]) -> int:
    written = 0
    for record in records:
        out.write(json.dumps(_text_values(record), ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_csv(out: TextIO, fieldnames: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.DictWriter(out, fieldnames=fieldnames)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(_text_values(row))
        written += 1
    return written


def _text_values(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text, as JSON and CSV hold them."""
    return {key: v.isoformat() if isinstance(v, dt.date) else v for key, v in row.items()}


def _analysis_schema(taxonomy: Taxonomy) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa.schema(
        [
            ("id", pa.string()),
            ("input_id", pa.string()),
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


def _failure_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("source", pa.string()),
            ("error", pa.string()),
            ("content_hash", pa.string()),
            ("attempts", pa.int64()),
            ("failed_at", pa.timestamp("s", tz="UTC")),
        ]
    )


def _write_parquet(path: Path, schema: Any, batches: Iterable[list[dict[str, Any]]]) -> int:
    # Imported late: only Parquet exports need pyarrow (which ships no type information).
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for rows in batches:
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
