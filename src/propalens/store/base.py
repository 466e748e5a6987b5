"""`StoreBase`: the `AnalysisStore` methods that every backend spells the same way in terms of
its others (`add` is a one-record `write`, `in` is `contains`, a `with` block ends in `close`),
written once.  A backend subclasses it and implements the rest; `refuse_newer` guards each
backend's migrations alike."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Literal, Self

from propalens.schema import Analysis
from propalens.store.protocol import Failure, InputKind, NewRecord, StoreError


def refuse_newer(version: int, migrations: Sequence[str]) -> None:
    """A `StoreError` when a database has run more migrations than this propalens has: a newer
    propalens wrote it, and this one must not write to a schema it does not know."""
    if version > len(migrations):
        raise StoreError(
            f"the database is at schema version {version}, newer than this propalens "
            f"knows ({len(migrations)}); upgrade propalens"
        )


class StoreBase(ABC):
    @abstractmethod
    def write(
        self,
        records: Sequence[NewRecord],
        failures: Sequence[Failure] = (),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]: ...

    @abstractmethod
    def contains(self, record_id: str) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _existing(self, column: Literal["id", "source"], values: Iterable[str]) -> set[str]:
        """Which of `values` some stored analysis has in `column`."""

    def add(
        self,
        analysis: Analysis,
        *,
        source: str,
        input: str,
        input_kind: InputKind = "text",
        now: dt.datetime | None = None,
    ) -> str:
        return self.write([NewRecord(analysis, source, input, input_kind)], now=now)[0]

    def stored_ids(self, record_ids: Iterable[str]) -> set[str]:
        return self._existing("id", record_ids)

    def stored_sources(self, sources: Iterable[str]) -> set[str]:
        return self._existing("source", sources)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self.contains(record_id)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
