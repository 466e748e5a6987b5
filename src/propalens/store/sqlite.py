"""`SQLiteStore`: the `AnalysisStore` in one SQLite file (the default backend).

Each record's analysis is kept whole as JSON, next to the columns that lists, filters and
stats read (outlet, day, score, per-technique counts) and an FTS5 index of title and text.
The schema migrates forward: `MIGRATIONS` run in order and `PRAGMA user_version` records how
many have run.  The database is in WAL mode, so a batch run can write while the server reads.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, Literal

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
    Summary,
    content_hash,
)

MIGRATIONS: Final[tuple[str, ...]] = (
    # 1: analyses, their per-technique counts, and a full-text index of title and text.
    """
    CREATE TABLE analyses (
        id TEXT PRIMARY KEY,            -- sha256 hex of the analysed text
        source TEXT NOT NULL,           -- where it came from: a path, a URL, "<api>"
        input_kind TEXT NOT NULL,       -- text | html | url
        input TEXT NOT NULL,            -- what was given: the text, the HTML or the URL
        title TEXT,
        outlet TEXT,
        published TEXT,                 -- ISO date, when known
        day TEXT NOT NULL,              -- published, else the UTC day it was first analysed
        url TEXT,
        score REAL NOT NULL,
        span_count INTEGER NOT NULL,
        model TEXT NOT NULL,            -- name and version of the detector
        created_at TEXT NOT NULL,       -- first analysed (ISO, UTC)
        updated_at TEXT NOT NULL,       -- last analysed (ISO, UTC)
        analysis TEXT NOT NULL          -- the full Analysis as JSON
    );
    CREATE INDEX analyses_outlet ON analyses (outlet COLLATE NOCASE);
    CREATE INDEX analyses_created ON analyses (created_at);
    CREATE INDEX analyses_day ON analyses (day);
    CREATE TABLE techniques (
        analysis_id TEXT NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
        technique TEXT NOT NULL,
        spans INTEGER NOT NULL,
        max_confidence REAL NOT NULL,
        PRIMARY KEY (analysis_id, technique)
    );
    CREATE INDEX techniques_technique ON techniques (technique);
    CREATE VIRTUAL TABLE analyses_fts USING fts5 (title, text);
    """,
    # 2: inputs a batch run could not analyse, and lookups by source (a URL list's resume).
    """
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,           -- the input that failed: a path, corpus.jsonl:17, a URL
        error TEXT NOT NULL,
        content_hash TEXT,              -- the id its analysis would have had, when it was read
        attempts INTEGER NOT NULL,      -- how many runs it failed in
        failed_at TEXT NOT NULL         -- the last failure (ISO, UTC)
    );
    CREATE INDEX failures_source ON failures (source);
    CREATE INDEX analyses_source ON analyses (source);
    """,
)
"""Schema steps, oldest first; never edit a released step, append a new one."""

BUSY_TIMEOUT_S = 5.0
"""How long a statement waits for another connection's lock before giving up."""

# Ids per `IN (...)` query: well under SQLite's bound-parameter limit.
_IN_BATCH = 500


def default_db_path() -> Path:
    """`propalens.db` in the user's data folder (e.g. ~/.local/share/propalens/)."""
    import platformdirs  # imported late: only the store's default location needs it

    return platformdirs.user_data_path("propalens") / "propalens.db"


class SQLiteStore(StoreBase):
    """One SQLite database; create once and share (calls are serialised by a lock).

    The methods do what `AnalysisStore` documents; notes here are about SQLite only.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # One connection used from the server's worker threads, guarded by `_lock`.  Another
        # process's write waits up to the busy timeout rather than failing at once.
        self._connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False
        )
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                _use_wal(self._connection)
            migrate(self._connection)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return _user_version(self._connection)

    def write(
        self,
        records: Sequence[NewRecord],
        failures: Sequence[Failure] = (),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
        with self._lock, self._connection as connection:
            ids = [_insert(connection, record, stamp) for record in records]
            for failure in failures:
                _record_failure(connection, failure, stamp)
        return ids

    def failures(self) -> list[Failure]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT source, error, content_hash, attempts, failed_at FROM failures ORDER BY id"
            ).fetchall()
        return [
            Failure(row[0], row[1], row[2], row[3], dt.datetime.fromisoformat(row[4]))
            for row in rows
        ]

    def _existing(self, column: Literal["id", "source"], values: Iterable[str]) -> set[str]:
        """One query per few hundred values (SQLite bounds a query's parameters)."""
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(wanted), _IN_BATCH):
                part = wanted[start : start + _IN_BATCH]
                rows = self._connection.execute(
                    f"SELECT DISTINCT {column} FROM analyses"
                    f" WHERE {column} IN ({', '.join('?' * len(part))})",
                    part,
                ).fetchall()
                found.update(row[0] for row in rows)
        return found

    def contains(self, record_id: str) -> bool:
        with self._lock:
            found = self._connection.execute(
                "SELECT 1 FROM analyses WHERE id = ?", (record_id,)
            ).fetchone()
        return found is not None

    def get(self, record_id: str) -> StoredAnalysis | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT id, source, input_kind, input, created_at, updated_at, analysis "
                "FROM analyses WHERE id = ?",
                (record_id,),
            ).fetchone()
        if row is None:
            return None
        return StoredAnalysis(
            id=row[0],
            source=row[1],
            input_kind=row[2],
            input=row[3],
            created_at=dt.datetime.fromisoformat(row[4]),
            updated_at=dt.datetime.fromisoformat(row[5]),
            analysis=Analysis.model_validate_json(row[6]),
        )

    def search(self, filters: Filters = EVERYTHING, *, limit: int = 20, offset: int = 0) -> Page:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        where = _where(filters)
        with self._lock:
            total = self._connection.execute(
                f"SELECT count(*) FROM analyses a {where.sql()}", where.params
            ).fetchone()[0]
            rows = self._connection.execute(
                "SELECT a.id, a.source, a.title, a.outlet, a.published, a.score, a.span_count,"
                " a.created_at, (SELECT json_group_object(technique, spans) FROM techniques"
                " WHERE analysis_id = a.id)"
                f" FROM analyses a {where.sql()}"
                " ORDER BY a.created_at DESC, a.rowid DESC LIMIT ? OFFSET ?",
                [*where.params, limit, offset],
            ).fetchall()
        return Page([_summary(row) for row in rows], total)

    def iter_analyses(self, filters: Filters = EVERYTHING) -> Iterator[StoredAnalysis]:
        """Every matching record, oldest first (for exports); reads in batches."""
        where = _where(filters)
        last = 0
        while True:
            with self._lock:
                batch = self._connection.execute(
                    f"SELECT a.rowid, a.id FROM analyses a {where.sql()}"
                    f" {'AND' if where.clauses else 'WHERE'} a.rowid > ?"
                    " ORDER BY a.rowid LIMIT 100",
                    [*where.params, last],
                ).fetchall()
            if not batch:
                return
            for rowid, record_id in batch:
                last = rowid
                stored = self.get(record_id)
                if stored is not None:
                    yield stored

    def stats(self, group: StatsGroup, filters: Filters = EVERYTHING) -> list[StatsRow]:
        where = _where(filters)
        if group == "technique":
            sql = (
                "SELECT t.technique, count(*), sum(t.spans), avg(a.score)"
                f" FROM techniques t JOIN analyses a ON a.id = t.analysis_id {where.sql()}"
                " GROUP BY t.technique ORDER BY sum(t.spans) DESC, t.technique"
            )
        else:
            column = "a.outlet" if group == "outlet" else "a.day"
            order = "count(*) DESC, key" if group == "outlet" else "key DESC"
            sql = (
                f"SELECT {column} AS key, count(*), sum(a.span_count), avg(a.score)"
                f" FROM analyses a {where.sql()} GROUP BY {column} ORDER BY {order}"
            )
        with self._lock:
            rows = self._connection.execute(sql, where.params).fetchall()
        return [StatsRow(row[0], row[1], row[2] or 0, row[3] or 0.0) for row in rows]


def _insert(connection: sqlite3.Connection, record: NewRecord, stamp: str) -> str:
    analysis = record.analysis
    record_id = content_hash(analysis.text)
    row = {
        "id": record_id,
        "source": record.source,
        "input_kind": record.input_kind,
        "input": record.input,
        "title": analysis.title,
        "outlet": analysis.outlet,
        "published": analysis.published.isoformat() if analysis.published else None,
        "day": analysis.published.isoformat() if analysis.published else stamp[:10],
        "url": analysis.url,
        "score": analysis.score,
        "span_count": len(analysis.spans),
        "model": f"{analysis.model.name} {analysis.model.version}",
        "stamp": stamp,
        "analysis": analysis.model_dump_json(),
    }
    previous = connection.execute(
        "SELECT rowid, created_at FROM analyses WHERE id = ?", (record_id,)
    ).fetchone()
    if previous is not None:
        # Keep the first-seen day for articles without a publication date.
        row["day"] = row["published"] or previous[1][:10]
    connection.execute(
        """
        INSERT INTO analyses (id, source, input_kind, input, title, outlet, published,
            day, url, score, span_count, model, created_at, updated_at, analysis)
        VALUES (:id, :source, :input_kind, :input, :title, :outlet, :published, :day,
            :url, :score, :span_count, :model, :stamp, :stamp, :analysis)
        ON CONFLICT (id) DO UPDATE SET source = excluded.source,
            input_kind = excluded.input_kind, input = excluded.input,
            title = excluded.title, outlet = excluded.outlet,
            published = excluded.published, day = excluded.day, url = excluded.url,
            score = excluded.score, span_count = excluded.span_count,
            model = excluded.model, updated_at = excluded.updated_at,
            analysis = excluded.analysis
        """,
        row,
    )
    (rowid,) = connection.execute(
        "SELECT rowid FROM analyses WHERE id = ?", (record_id,)
    ).fetchone()
    connection.execute("DELETE FROM techniques WHERE analysis_id = ?", (record_id,))
    connection.executemany(
        "INSERT INTO techniques VALUES (?, ?, ?, ?)",
        [(record_id, *row) for row in technique_rows(analysis)],
    )
    connection.execute("DELETE FROM analyses_fts WHERE rowid = ?", (rowid,))
    connection.execute(
        "INSERT INTO analyses_fts (rowid, title, text) VALUES (?, ?, ?)",
        (rowid, analysis.title or "", analysis.text),
    )
    connection.execute(
        "DELETE FROM failures WHERE content_hash = ? OR (content_hash IS NULL AND source = ?)",
        (record_id, record.source),
    )
    return record_id


def _record_failure(connection: sqlite3.Connection, failure: Failure, stamp: str) -> None:
    previous = connection.execute(
        "SELECT id, attempts FROM failures WHERE source = ? AND content_hash IS ?",
        (failure.source, failure.content_hash),
    ).fetchone()
    if previous is None:
        connection.execute(
            "INSERT INTO failures (source, error, content_hash, attempts, failed_at)"
            " VALUES (?, ?, ?, 1, ?)",
            (failure.source, failure.error, failure.content_hash, stamp),
        )
    else:
        connection.execute(
            "UPDATE failures SET error = ?, attempts = ?, failed_at = ? WHERE id = ?",
            (failure.error, previous[1] + 1, stamp, previous[0]),
        )


def migrate(connection: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Run the steps the database has not seen yet: all of them in one write transaction.

    BEGIN IMMEDIATE takes the database's write lock before the version is read, waiting (up to
    the connection's busy timeout) while another process holds it.  So when several processes
    open a new database at once, one creates the schema and the others find it there and run
    nothing: migrating is idempotent, and a step never runs twice.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _user_version(connection)
        refuse_newer(version, migrations)
        for step in migrations[version:]:
            for statement in _statements(step):
                connection.execute(statement)
        if version < len(migrations):
            connection.execute(f"PRAGMA user_version = {len(migrations)}")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    return len(migrations)


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration step, one by one (`executescript` would commit the
    transaction that holds the lock)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL mode (kept in the file), waiting while other connections hold locks.

    Changing the journal mode needs the database to itself and, unlike other statements, does
    not wait for the busy timeout: a process that opens a new database while another creates
    it would otherwise fail with "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def fts_query(text: str) -> str | None:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, as a
    prefix, all required.  None when `text` has no words."""
    words = query_words(text)
    return " ".join(f'"{word}"*' for word in words) if words else None


def schema_version(path: Path) -> int:
    """The schema version of the database at `path`, read without migrating it (0: none)."""
    if not path.exists():
        return 0
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _user_version(connection)
    finally:
        connection.close()


def _user_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def _where(filters: Filters) -> Where:
    where = Where()
    if filters.outlet is not None:
        where.add("a.outlet = ? COLLATE NOCASE", filters.outlet)
    if filters.technique is not None:
        where.add(
            "EXISTS (SELECT 1 FROM techniques t2 WHERE t2.analysis_id = a.id AND t2.technique = ?)",
            filters.technique,
        )
    if filters.query is not None:
        match = fts_query(filters.query)
        if match is not None:
            where.add(
                "a.rowid IN (SELECT rowid FROM analyses_fts WHERE analyses_fts MATCH ?)", match
            )
    if filters.since is not None:
        where.add("a.day >= ?", filters.since.isoformat())
    return where


def _summary(row: tuple[Any, ...]) -> Summary:
    techniques: dict[str, int] = json.loads(row[8]) if row[8] else {}
    return Summary(
        id=row[0],
        source=row[1],
        title=row[2],
        outlet=row[3],
        published=dt.date.fromisoformat(row[4]) if row[4] else None,
        score=row[5],
        span_count=row[6],
        techniques=techniques,
        created_at=dt.datetime.fromisoformat(row[7]),
    )
