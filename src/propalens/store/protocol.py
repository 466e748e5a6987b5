"""`AnalysisStore`: what the front ends (API, pages, batch, export, report) need of a store.

A store keeps one record per distinct analysed text: a record's id is the SHA-256 of
`Analysis.text` (`content_hash`), so the same text analysed twice is one record (the newer
analysis replaces the older; the first-seen time stays) and a resumable corpus run can skip
what is already there.  Every backend implements this Protocol and passes the same store suite
(tests/test_store.py); the record types below are shared by all of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from propalens.schema import Analysis

InputKind = Literal["text", "html", "url"]
StatsGroup = Literal["outlet", "technique", "day"]


class StoreError(RuntimeError):
    """The store cannot be used, e.g. its database was written by a newer propalens."""


def content_hash(text: str) -> str:
    """The record id of an analysis of `text`: SHA-256 of its UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Filters:
    """Which analyses `search` and `stats` look at; every field left None matches all."""

    outlet: str | None = None
    """Exact outlet name, ignoring case."""
    technique: str | None = None
    """Only analyses with at least one span of this technique."""
    query: str | None = None
    """Full-text search in title and text; every word must occur (prefixes match)."""
    since: dt.date | None = None
    """Only analyses whose day (publication date, else the day first analysed) is on or after."""


EVERYTHING: Final = Filters()
"""Filters that match every analysis (the default of `search`, `iter_analyses`, `stats`)."""


@dataclass(frozen=True)
class Summary:
    """One analysis as a list shows it, read from columns (the JSON is not parsed)."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    score: float
    span_count: int
    techniques: dict[str, int]
    created_at: dt.datetime


@dataclass(frozen=True)
class StoredAnalysis:
    id: str
    source: str
    input_kind: InputKind
    input: str
    created_at: dt.datetime
    updated_at: dt.datetime
    analysis: Analysis


@dataclass(frozen=True)
class NewRecord:
    """One analysis to store, with where it came from (see `AnalysisStore.add`)."""

    analysis: Analysis
    source: str
    input: str
    input_kind: InputKind = "text"


@dataclass(frozen=True)
class Failure:
    """An input that could not be analysed; recorded once per source and text, however often."""

    source: str
    error: str
    content_hash: str | None = None
    attempts: int = 1
    failed_at: dt.datetime | None = None


@dataclass(frozen=True)
class Page:
    items: list[Summary]
    total: int
    """How many analyses match the filters, on all pages."""


@dataclass(frozen=True)
class StatsRow:
    key: str | None
    """The outlet (None: unknown), the technique, or the ISO day."""
    analyses: int
    spans: int
    mean_score: float


class AnalysisStore(Protocol):
    """Analyses and batch failures, shared by the server and batch runs; safe across threads.

    The web server uses `add`, `get`, `search` and `stats`; a batch run `write`s whole chunks
    and resumes with `stored_ids`/`stored_sources`; exports and the report read
    `iter_analyses`, `stats` and `failures`.
    """

    def add(
        self,
        analysis: Analysis,
        *,
        source: str,
        input: str,
        input_kind: InputKind = "text",
        now: dt.datetime | None = None,
    ) -> str:
        """Store `analysis` and return its id; an analysis of the same text is replaced."""
        ...

    def write(
        self,
        records: Sequence[NewRecord],
        failures: Sequence[Failure] = (),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        """Store analyses and record failures in one transaction: all of them or none.

        A batch run writes each chunk this way, so a killed run leaves whole chunks behind.
        Storing an analysis clears the failures recorded for its text or its source; a failure
        recorded again for the same source and text counts one more attempt.
        """
        ...

    def failures(self) -> list[Failure]:
        """Recorded failures, in the order they first failed."""
        ...

    def stored_ids(self, record_ids: Iterable[str]) -> set[str]:
        """Which of `record_ids` are stored."""
        ...

    def stored_sources(self, sources: Iterable[str]) -> set[str]:
        """Which of `sources` (paths, URLs) some stored analysis came from."""
        ...

    def contains(self, record_id: str) -> bool: ...

    def __contains__(self, record_id: object) -> bool: ...

    def get(self, record_id: str) -> StoredAnalysis | None: ...

    def search(self, filters: Filters = EVERYTHING, *, limit: int = 20, offset: int = 0) -> Page:
        """Matching analyses, most recently first analysed first."""
        ...

    def iter_analyses(self, filters: Filters = EVERYTHING) -> Iterator[StoredAnalysis]:
        """Every matching record, oldest first (for exports)."""
        ...

    def stats(self, group: StatsGroup, filters: Filters = EVERYTHING) -> list[StatsRow]:
        """Counts per outlet, technique or day, largest (or latest day) first."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> AnalysisStore: ...

    def __exit__(self, *exc: object) -> None: ...


def stored_labels(store: AnalysisStore) -> list[str]:
    """Every technique label that the store's analyses use: a store may hold analyses by
    several models, and views over it must show each of their labels."""
    return [row.key for row in store.stats("technique") if row.key is not None]
