"""/api/stats: counts over the stored analyses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from propalens.api.deps import StoreDep
from propalens.api.queries import IsoDate, OutletQuery
from propalens.store import Filters, StatsGroup, StatsRow

router = APIRouter(prefix="/api", tags=["analyses"])


class Stats(BaseModel):
    group: StatsGroup
    rows: list[StatsRow]


@router.get("/stats", response_model=Stats)
def stats(
    store: StoreDep,
    group: StatsGroup = "outlet",
    outlet: OutletQuery = None,
    since: Annotated[IsoDate | None, Query()] = None,
) -> Stats:
    """Analyses, spans and mean score per outlet, technique or day."""
    rows = store.stats(group, Filters(outlet=outlet, since=since))
    return Stats(group=group, rows=rows)
