"""/api/analyze and /api/analyses: analyse and store an article, read stored analyses back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from propalens.api.deps import ServiceDep, StoreDep
from propalens.api.errors import ErrorDetail, busy_response, input_error_response
from propalens.api.queries import IsoDate, OutletQuery
from propalens.errors import InputError
from propalens.service import AnalysisRecord, AnalyzeRequest, ServiceBusy, StoredRecord
from propalens.settings import MAX_INPUT_BYTES
from propalens.store import Filters, Summary

router = APIRouter(prefix="/api", tags=["analyses"])

BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorDetail, "description": "The body is not JSON in UTF-8."},
    413: {
        "model": ErrorDetail,
        "description": f"The body is over {MAX_INPUT_BYTES // 1_000_000} MB.",
    },
}


class AnalysisList(BaseModel):
    items: list[Summary]
    total: int = Field(description="Matches on all pages.")
    limit: int
    offset: int


@router.post(
    "/analyze",
    response_model=AnalysisRecord,
    responses={
        **BODY_ERRORS,
        401: {
            "model": ErrorDetail,
            "description": "The server requires a token for writes (PROPALENS_TOKEN) and the "
            "request has none or another: send `Authorization: Bearer <token>`.",
        },
        429: {
            "model": ErrorDetail,
            "description": "This client has made all the writes its rate allows; retry after "
            "the seconds that Retry-After gives.",
        },
        503: {
            "model": ErrorDetail,
            "description": "The server is running all the analyses it can; retry after the "
            "seconds that Retry-After gives.",
        },
    },
)
async def analyze(request: AnalyzeRequest, service: ServiceDep) -> AnalysisRecord | JSONResponse:
    """Analyse one article and store it; 422 when it cannot be analysed (e.g. empty), 503 when
    the server is busy."""
    try:
        # The model runs in a worker thread, never on the event loop.
        return await service.analyze_in_thread(request)
    except InputError as error:
        return input_error_response(request.input_field, error)
    except ServiceBusy as error:
        return busy_response(error)


@router.get(
    "/analyses/{record_id}", response_model=StoredRecord, responses={404: {"model": ErrorDetail}}
)
def get_analysis(record_id: str, store: StoreDep) -> StoredRecord:
    stored = store.get(record_id)
    if stored is None:
        raise HTTPException(404, f"no analysis with id {record_id!r}")
    return StoredRecord.of(stored)


@router.get("/analyses", response_model=AnalysisList)
def list_analyses(
    store: StoreDep,
    outlet: OutletQuery = None,
    technique: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words in title or text.")] = None,
    since: Annotated[
        IsoDate | None, Query(description="Published (else first analysed) on or after.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> AnalysisList:
    """Stored analyses, newest first, filtered; `q` is a full-text search."""
    filters = Filters(outlet=outlet, technique=technique, query=q, since=since)
    page = store.search(filters, limit=limit, offset=offset)
    return AnalysisList(items=page.items, total=page.total, limit=limit, offset=offset)
