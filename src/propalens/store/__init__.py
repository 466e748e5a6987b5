"""Where analyses are kept: the `AnalysisStore` Protocol the front ends are typed against, its
shared record types, and the backends behind it (SQLite today).

`open_store()` opens the default store; a front end never names a backend's class.
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


def open_store(path: Path | None = None) -> AnalysisStore:
    """The store at `path` (a SQLite file), else the default one in the user's data folder."""
    return SQLiteStore(path or default_db_path())


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
    "StoredAnalysis",
    "Summary",
    "content_hash",
    "default_db_path",
    "open_store",
    "stored_labels",
]
