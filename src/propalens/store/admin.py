"""Looking after stores (`propalens db ...`): copy one into PostgreSQL, migrate one, check one.

Each works on a store's location (`StoreLocation`), for either backend, through the
`AnalysisStore` Protocol; only reading a schema version without migrating is the backend's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from propalens.store import StoredAnalysis, StoreLocation, open_store, resolve_location
from propalens.store.protocol import AnalysisStore

COPY_BATCH: Final = 500
"""Records per transaction of a copy: a killed copy run again redoes at most this many."""


@dataclass(frozen=True)
class SchemaVersions:
    found: int
    """How many of the backend's migrations the store has run (0: not created yet)."""
    latest: int
    """How many this propalens has."""


def schema_versions(location: StoreLocation) -> SchemaVersions:
    """The store's schema version and the latest, read without migrating anything."""
    resolved = resolve_location(location)
    if isinstance(resolved, Path):
        from propalens.store import sqlite

        return SchemaVersions(sqlite.schema_version(resolved), len(sqlite.MIGRATIONS))
    from propalens.store import postgres

    return SchemaVersions(postgres.schema_version(resolved), len(postgres.MIGRATIONS))


@dataclass(frozen=True)
class CopyCounts:
    analyses: int
    failures: int


def copy_store(
    source: AnalysisStore,
    target_url: str,
    *,
    on_progress: Callable[[int], object] | None = None,
) -> CopyCounts:
    """Copy every analysis of `source` (oldest first, so both export alike) and every recorded
    failure into the PostgreSQL store at `target_url`, keeping their times and attempts.  A
    copy stopped half way and run again carries on: records already there are rewritten as
    they were."""
    from propalens.store.postgres import PostgresStore

    copied = 0
    with PostgresStore(target_url) as target:
        batch: list[StoredAnalysis] = []
        for stored in source.iter_analyses():
            batch.append(stored)
            if len(batch) == COPY_BATCH:
                target.copy_in(batch)
                copied += len(batch)
                batch = []
                if on_progress is not None:
                    on_progress(copied)
        failures = source.failures()
        target.copy_in(batch, failures)
    return CopyCounts(copied + len(batch), len(failures))


@dataclass(frozen=True)
class Health:
    versions: SchemaVersions
    analyses: int = 0
    failures: int = 0
    problems: list[str] = field(default_factory=list)


def check_store(location: StoreLocation) -> Health:
    """The store's schema version, its size, and what is wrong with it: a schema older or newer
    than this propalens's, or technique counts that disagree with the analyses' span counts
    (the two tables that lists and stats read)."""
    versions = schema_versions(location)
    if versions.found != versions.latest:
        fix = (
            "run `propalens db migrate`"
            if versions.found < versions.latest
            else "upgrade propalens"
        )
        problem = f"schema version {versions.found}, this propalens's is {versions.latest}: {fix}"
        return Health(versions, problems=[problem])
    with open_store(location) as store:
        analyses = store.search(limit=0).total
        failures = len(store.failures())
        spans = sum(row.spans for row in store.stats("outlet"))
        by_technique = sum(row.spans for row in store.stats("technique"))
    problems = []
    if spans != by_technique:
        problems.append(
            f"the analyses' spans ({spans}) and their technique counts ({by_technique}) disagree"
        )
    return Health(versions, analyses, failures, problems)
