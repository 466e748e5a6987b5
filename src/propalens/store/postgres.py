"""`PostgresStore`: the `AnalysisStore` in a PostgreSQL database, for a team: several server
workers and any number of batch runs (local or on Dask) share one store.

The tables are SQLite's: each analysis kept whole as JSON (TOAST compresses it with lz4 and
keeps it out of the row, so lists and stats never read it), beside the columns that lists,
filters and stats read and a per-technique table.  Full-text search is a stripped `tsvector`
of title and text with a GIN index, in the `simple` configuration: words lower-cased and not
stemmed, as SQLite's FTS5 reads them, so a query finds the same records on both backends.

Many writers at once: a record's id (the SHA-256 of its text) is the primary key, and a write
is one transaction of `INSERT ... ON CONFLICT (id) DO UPDATE`, so two processes storing the same
article store it once (the later analysis wins, as on SQLite).  Two writers whose chunks share
articles in different orders can deadlock; PostgreSQL aborts one and the write is tried again.
The schema migrates forward under an advisory lock: `MIGRATIONS` run in order and
`propalens_schema` records how many have run, so processes starting together migrate once.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, Literal

import psycopg
from psycopg import errors
from psycopg.rows import TupleRow
from psycopg_pool import ConnectionPool

from propalens.schema import Analysis
from propalens.store.base import StoreBase, refuse_newer
from propalens.store.columns import Where, query_words, technique_rows
from propalens.store.protocol import (
    EVERYTHING,
    Failure,
    Filters,
    NewRecord,
    Page,
    StatsGroup,
    StatsRow,
    StoredAnalysis,
    StoreError,
    Summary,
    content_hash,
)

MIGRATIONS: Final[tuple[str, ...]] = (
    # 1: analyses, their per-technique counts and full-text words, and batch failures.
    """
    CREATE TABLE analyses (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,  -- insertion order (exports)
        id text PRIMARY KEY,            -- sha256 hex of the analysed text
        source text NOT NULL,           -- where it came from: a path, a URL, "<api>"
        input_kind text NOT NULL,       -- text | html | url
        input text COMPRESSION lz4 NOT NULL,  -- what was given: the text, the HTML or the URL
        title text,
        outlet text,
        published date,
        day date NOT NULL,              -- published, else the UTC day it was first analysed
        url text,
        score double precision NOT NULL,
        span_count integer NOT NULL,
        model text NOT NULL,            -- name and version of the detector
        created_at timestamptz NOT NULL,    -- first analysed
        updated_at timestamptz NOT NULL,    -- last analysed
        analysis text COMPRESSION lz4 NOT NULL,  -- the full Analysis as JSON
        words tsvector NOT NULL         -- title and text, for full-text search
    );
    CREATE INDEX analyses_outlet ON analyses (lower(outlet));
    CREATE INDEX analyses_created ON analyses (created_at, seq);
    CREATE INDEX analyses_day ON analyses (day);
    CREATE INDEX analyses_source ON analyses (source);
    CREATE INDEX analyses_words ON analyses USING gin (words);
    CREATE TABLE techniques (
        analysis_id text NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
        technique text NOT NULL,
        spans integer NOT NULL,
        max_confidence double precision NOT NULL,
        PRIMARY KEY (analysis_id, technique)
    );
    CREATE INDEX techniques_technique ON techniques (technique);
    CREATE TABLE failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source text NOT NULL,           -- the input that failed: a path, corpus.jsonl:17, a URL
        error text NOT NULL,
        content_hash text,              -- the id its analysis would have had, when it was read
        attempts integer NOT NULL,      -- how many runs it failed in
        failed_at timestamptz NOT NULL  -- the last failure
    );
    CREATE UNIQUE INDEX failures_input ON failures (source, (coalesce(content_hash, '')));
    CREATE INDEX failures_hash ON failures (content_hash);
    """,
)
"""Schema steps, oldest first; never edit a released step, append a new one."""

MIGRATION_LOCK: Final = 0x70726F70616C656E
"""The advisory lock key that migrations hold ("propalen" in ASCII): one at a time per database."""
POOL_SIZE: Final = 4
"""Connections per process: a server worker's request threads and a batch run share them."""
CONNECT_TIMEOUT_S: Final = 10
WRITE_ATTEMPTS: Final = 5
"""A write that PostgreSQL aborts to break a deadlock with another writer is tried this often."""
_BATCH: Final = 100  # records per query of `iter_analyses`
_SCHEMA_TABLE: Final = "propalens_schema"


def redacted(url: str) -> str:
    """`url` without its password, for logs and messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = urllib.parse.quote(parts.username or "", safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def connect(url: str) -> psycopg.Connection[TupleRow]:
    """One connection (autocommit) to the database at `url`, or a `StoreError` saying why not."""
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.OperationalError as error:
        raise StoreError(f"cannot connect to {redacted(url)}: {error}".strip()) from error


def _use_utc(connection: psycopg.Connection[TupleRow]) -> None:
    """Read timestamps back in UTC, as SQLite's ISO stamps are."""
    connection.execute("SET TIME ZONE 'UTC'")
    connection.commit()


class PostgresStore(StoreBase):
    """One PostgreSQL database through a small pool of connections; create once per process
    and share across threads.  The methods do what `AnalysisStore` documents."""

    def __init__(self, url: str) -> None:
        self.url = url
        with connect(url) as connection:
            migrate(connection)
        self._pool: ConnectionPool[psycopg.Connection[TupleRow]] = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_S},
            configure=_use_utc,
            open=True,
        )

    def __repr__(self) -> str:
        return f"PostgresStore({redacted(self.url)!r})"

    def close(self) -> None:
        self._pool.close()

    @property
    def schema_version(self) -> int:
        with self._pool.connection() as connection:
            return _schema_version(connection)

    def write(
        self,
        records: Sequence[NewRecord],
        failures: Sequence[Failure] = (),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        stamp = _stamp(now or dt.datetime.now(dt.UTC))
        return self._transaction(
            [(record, stamp, stamp) for record in records],
            [(failure, stamp) for failure in failures],
            counted=True,
        )

    def copy_in(self, stored: Sequence[StoredAnalysis], failures: Sequence[Failure] = ()) -> None:
        """Store records and failures as another store kept them: their first- and
        last-analysed times, attempts and failure times unchanged (`propalens db copy`).
        Copying the same records again changes nothing."""
        self._transaction(
            [
                (
                    NewRecord(record.analysis, record.source, record.input, record.input_kind),
                    record.created_at,
                    record.updated_at,
                )
                for record in stored
            ],
            [
                (failure, failure.failed_at or _stamp(dt.datetime.now(dt.UTC)))
                for failure in failures
            ],
            counted=False,
        )

    def _transaction(
        self,
        records: Sequence[tuple[NewRecord, dt.datetime, dt.datetime]],
        failures: Sequence[tuple[Failure, dt.datetime]],
        *,
        counted: bool,
    ) -> list[str]:
        attempt = 1
        while True:
            try:
                with (
                    self._pool.connection() as connection,
                    connection.pipeline(),  # statements sent together, not one round trip each
                    connection.cursor() as cursor,
                ):
                    ids = [_upsert(cursor, *record) for record in records]
                    for failure, stamp in failures:
                        _record_failure(cursor, failure, stamp, counted=counted)
                return ids
            except (errors.DeadlockDetected, errors.SerializationFailure):
                if attempt == WRITE_ATTEMPTS:
                    raise
                attempt += 1

    def failures(self) -> list[Failure]:
        rows = self._rows(
            "SELECT source, error, content_hash, attempts, failed_at FROM failures ORDER BY id"
        )
        return [Failure(*row) for row in rows]

    def _existing(self, column: Literal["id", "source"], values: Iterable[str]) -> set[str]:
        """One query, the values as one array parameter."""
        wanted = list(dict.fromkeys(values))
        if not wanted:
            return set()
        rows = self._rows(
            f"SELECT DISTINCT {column} FROM analyses WHERE {column} = ANY(%s)", [wanted]
        )
        return {row[0] for row in rows}

    def contains(self, record_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM analyses WHERE id = %s", [record_id]))

    def get(self, record_id: str) -> StoredAnalysis | None:
        rows = self._rows(f"SELECT {_STORED_COLUMNS} FROM analyses a WHERE a.id = %s", [record_id])
        return _stored(rows[0]) if rows else None

    def search(self, filters: Filters = EVERYTHING, *, limit: int = 20, offset: int = 0) -> Page:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        where = _where(filters)
        with self._pool.connection() as connection:
            counted = connection.execute(
                f"SELECT count(*) FROM analyses a {where.sql()}", where.params
            ).fetchone()
            rows = connection.execute(
                "SELECT a.id, a.source, a.title, a.outlet, a.published, a.score, a.span_count,"
                " a.created_at, (SELECT json_object_agg(technique, spans ORDER BY technique)"
                " FROM techniques WHERE analysis_id = a.id)"
                f" FROM analyses a {where.sql()}"
                " ORDER BY a.created_at DESC, a.seq DESC LIMIT %s OFFSET %s",
                [*where.params, limit, offset],
            ).fetchall()
        total = counted[0] if counted else 0
        return Page([_summary(row) for row in rows], total)

    def iter_analyses(self, filters: Filters = EVERYTHING) -> Iterator[StoredAnalysis]:
        """Every matching record, oldest first (for exports); reads `_BATCH` at a time."""
        where = _where(filters)
        last = 0
        while True:
            rows = self._rows(
                f"SELECT {_STORED_COLUMNS}, a.seq FROM analyses a {where.sql()}"
                f" {'AND' if where.clauses else 'WHERE'} a.seq > %s ORDER BY a.seq LIMIT %s",
                [*where.params, last, _BATCH],
            )
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            last = rows[-1][-1]

    def stats(self, group: StatsGroup, filters: Filters = EVERYTHING) -> list[StatsRow]:
        where = _where(filters)
        # Keys sort by code point (COLLATE "C"), unknown outlets first, as SQLite sorts them.
        if group == "technique":
            sql = (
                "SELECT t.technique, count(*), sum(t.spans), avg(a.score)"
                f" FROM techniques t JOIN analyses a ON a.id = t.analysis_id {where.sql()}"
                ' GROUP BY t.technique ORDER BY sum(t.spans) DESC, t.technique COLLATE "C"'
            )
        elif group == "outlet":
            sql = (
                "SELECT a.outlet, count(*), sum(a.span_count), avg(a.score)"
                f" FROM analyses a {where.sql()} GROUP BY a.outlet"
                ' ORDER BY count(*) DESC, a.outlet COLLATE "C" NULLS FIRST'
            )
        else:
            sql = (
                "SELECT to_char(a.day, 'YYYY-MM-DD'), count(*), sum(a.span_count), avg(a.score)"
                f" FROM analyses a {where.sql()} GROUP BY a.day ORDER BY a.day DESC"
            )
        rows = self._rows(sql, where.params)
        return [StatsRow(row[0], row[1], row[2] or 0, row[3] or 0.0) for row in rows]

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[TupleRow]:
        with self._pool.connection() as connection:
            return connection.execute(sql, params).fetchall()


_STORED_COLUMNS: Final = (
    "a.id, a.source, a.input_kind, a.input, a.created_at, a.updated_at, a.analysis"
)


def _stored(row: TupleRow) -> StoredAnalysis:
    return StoredAnalysis(
        id=row[0],
        source=row[1],
        input_kind=row[2],
        input=row[3],
        created_at=row[4],
        updated_at=row[5],
        analysis=Analysis.model_validate_json(row[6]),
    )


def _summary(row: TupleRow) -> Summary:
    return Summary(
        id=row[0],
        source=row[1],
        title=row[2],
        outlet=row[3],
        published=row[4],
        score=row[5],
        span_count=row[6],
        techniques=row[8] or {},
        created_at=row[7],
    )


def _stamp(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC to the second, as SQLite's ISO stamps keep it."""
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _upsert(
    cursor: psycopg.Cursor[TupleRow],
    record: NewRecord,
    created: dt.datetime,
    updated: dt.datetime,
) -> str:
    analysis = record.analysis
    record_id = content_hash(analysis.text)
    published = analysis.published
    cursor.execute(
        """
        INSERT INTO analyses (id, source, input_kind, input, title, outlet, published,
            day, url, score, span_count, model, created_at, updated_at, analysis, words)
        VALUES (%(id)s, %(source)s, %(input_kind)s, %(input)s, %(title)s, %(outlet)s,
            %(published)s, %(day)s, %(url)s, %(score)s, %(span_count)s, %(model)s,
            %(created)s, %(updated)s, %(analysis)s, strip(to_tsvector('simple', %(words)s)))
        ON CONFLICT (id) DO UPDATE SET source = excluded.source,
            input_kind = excluded.input_kind, input = excluded.input,
            title = excluded.title, outlet = excluded.outlet, published = excluded.published,
            -- keep the first-seen day for articles without a publication date
            day = coalesce(excluded.published, (analyses.created_at AT TIME ZONE 'UTC')::date),
            url = excluded.url, score = excluded.score, span_count = excluded.span_count,
            model = excluded.model, updated_at = excluded.updated_at,
            analysis = excluded.analysis, words = excluded.words
        """,
        {
            "id": record_id,
            "source": record.source,
            "input_kind": record.input_kind,
            "input": record.input,
            "title": analysis.title,
            "outlet": analysis.outlet,
            "published": published,
            "day": published or created.astimezone(dt.UTC).date(),
            "url": analysis.url,
            "score": analysis.score,
            "span_count": len(analysis.spans),
            "model": f"{analysis.model.name} {analysis.model.version}",
            "created": created,
            "updated": updated,
            "analysis": analysis.model_dump_json(),
            "words": f"{analysis.title or ''}\n{analysis.text}",
        },
    )
    cursor.execute("DELETE FROM techniques WHERE analysis_id = %s", [record_id])
    cursor.executemany(
        "INSERT INTO techniques VALUES (%s, %s, %s, %s)",
        [(record_id, *row) for row in technique_rows(analysis)],
    )
    cursor.execute(
        "DELETE FROM failures WHERE content_hash = %s OR (content_hash IS NULL AND source = %s)",
        [record_id, record.source],
    )
    return record_id


def _record_failure(
    cursor: psycopg.Cursor[TupleRow], failure: Failure, stamp: dt.datetime, *, counted: bool
) -> None:
    """A new failure, or one more attempt of a known one (`counted`); a copied failure keeps
    its attempts."""
    on_conflict = (
        "DO UPDATE SET error = excluded.error, attempts = failures.attempts + 1,"
        " failed_at = excluded.failed_at"
        if counted
        else "DO NOTHING"
    )
    cursor.execute(
        "INSERT INTO failures (source, error, content_hash, attempts, failed_at)"
        " VALUES (%s, %s, %s, %s, %s)"
        f" ON CONFLICT (source, (coalesce(content_hash, ''))) {on_conflict}",
        [
            failure.source,
            failure.error,
            failure.content_hash,
            1 if counted else failure.attempts,
            stamp,
        ],
    )


def migrate(
    connection: psycopg.Connection[TupleRow], migrations: Sequence[str] = MIGRATIONS
) -> int:
    """Run the steps the database has not seen yet, all in one transaction.

    The transaction first takes `MIGRATION_LOCK`, waiting while another process holds it.  So
    when several processes open a new database at once, one creates the schema and the others
    find it there and run nothing: migrating is idempotent, and a step never runs twice.
    """
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        connection.execute(f"CREATE TABLE IF NOT EXISTS {_SCHEMA_TABLE} (version integer NOT NULL)")
        version = _schema_version(connection)
        refuse_newer(version, migrations)
        for step in migrations[version:]:
            connection.execute(step.encode())  # no parameters: several statements may run
        if version < len(migrations):
            connection.execute(f"DELETE FROM {_SCHEMA_TABLE}")
            connection.execute(f"INSERT INTO {_SCHEMA_TABLE} VALUES (%s)", [len(migrations)])
    return len(migrations)


def _schema_version(connection: psycopg.Connection[TupleRow]) -> int:
    """How many `MIGRATIONS` the database has run (0: a new database)."""
    exists = connection.execute("SELECT to_regclass(%s)", [_SCHEMA_TABLE]).fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = connection.execute(f"SELECT version FROM {_SCHEMA_TABLE}").fetchone()
    return int(row[0]) if row else 0


def schema_version(url: str) -> int:
    """The schema version of the database at `url`, read without migrating it."""
    with connect(url) as connection:
        return _schema_version(connection)


def tsquery(text: str) -> str | None:
    """A user's words as a `to_tsquery` that cannot be a syntax error: each word quoted, as a
    prefix, all required.  None when `text` has no words."""
    words = query_words(text)
    return " & ".join(f"'{word}':*" for word in words) if words else None


def _where(filters: Filters) -> Where:
    where = Where()
    if filters.outlet is not None:
        where.add("lower(a.outlet) = lower(%s)", filters.outlet)
    if filters.technique is not None:
        where.add(
            "EXISTS (SELECT 1 FROM techniques t2 WHERE t2.analysis_id = a.id"
            " AND t2.technique = %s)",
            filters.technique,
        )
    if filters.query is not None:
        match = tsquery(filters.query)
        if match is not None:
            where.add("a.words @@ to_tsquery('simple', %s)", match)
    if filters.since is not None:
        where.add("a.day >= %s", filters.since)
    return where
