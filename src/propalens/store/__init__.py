"""Where analyses are kept: the `AnalysisStore` Protocol the front ends are typed against, its
shared record types, and the backends behind it: SQLite (one file, the default) and PostgreSQL
(a shared server, `propalens.store.postgres`, imported only when a URL names it).

`open_store()` opens a store by its location; a front end never names a backend's class.
"""

from pathlib import Path

from propalens.store.protocol import (
    AnalysisStore,
    Failure,
    Filters,
    InputKind,
    NewRecord,
    Page,
    StatsGroup,
    StatsRow,
    StoredAnalysis,
    StoreError,
    Summary,
    content_hash,
    stored_labels,
)
from propalens.store.sqlite import SQLiteStore, default_db_path

StoreLocation = Path | str
"""A SQLite file, or a `postgresql://user:password@host:port/dbname` URL."""

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def resolve_location(given: StoreLocation | None = None) -> StoreLocation:
    """Where a store is: `given`, else `$PROPALENS_DB`, else the default SQLite file.  A
    PostgreSQL URL stays a string; anything else is a path."""
    from propalens.settings import Settings

    location = given if given is not None else Settings().db
    if not location:  # None, or PROPALENS_DB set empty
        return default_db_path()
    if isinstance(location, str) and location.startswith(_POSTGRES_SCHEMES):
        return location
    return Path(location)


def describe_location(location: StoreLocation) -> str:
    """The location as logs and messages show it: a URL without its password."""
    if isinstance(location, Path):
        return str(location)
    from propalens.store.postgres import redacted

    return redacted(location)


def open_store(location: StoreLocation | None = None) -> AnalysisStore:
    """The store at `location` (see `resolve_location`), created or migrated as needed."""
    resolved = resolve_location(location)
    if isinstance(resolved, Path):
        return SQLiteStore(resolved)
    from propalens.store.postgres import PostgresStore  # psycopg loads only when used

    return PostgresStore(resolved)


__all__ = [
    "AnalysisStore",
    "Failure",
    "Filters",
    "InputKind",
    "NewRecord",
    "Page",
    "SQLiteStore",
    "StatsGroup",
    "StatsRow",
    "StoreError",
    "StoreLocation",
    "StoredAnalysis",
    "Summary",
    "content_hash",
    "default_db_path",
    "describe_location",
    "open_store",
    "resolve_location",
    "stored_labels",
]
