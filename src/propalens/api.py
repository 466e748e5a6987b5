"""The REST API and the web app: `create_app(store, analyzer)` builds the FastAPI application
that `propalens serve` runs.

Every request body is held to `MAX_BODY_BYTES` before any handler sees it: a declared
Content-Length over the limit is refused at once, and a body sent without one is counted as it
arrives and refused as soon as it passes the limit, so a huge upload is never held whole.
Every response carries a Content-Security-Policy that allows scripts only from this server's
own files (no inline script), so markup inside an analysed article cannot run even if it were
ever emitted unescaped.  The model runs in the threadpool, never on the event loop.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from propalens import __version__
from propalens.errors import InputError
from propalens.ingest import Document, IngestOptions, document_from_html, fetch_url
from propalens.pipeline import Analyzer
from propalens.schema import Analysis
from propalens.store import Filters, StatsGroup, StatsRow, Store, Summary

MAX_BODY_BYTES: Final = 10_000_000
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: Final[tuple[tuple[bytes, bytes], ...]] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)

Fetcher = Callable[[str, IngestOptions], Document]
InputField = Literal["text", "html", "url"]


def _encodable(value: str | None) -> str | None:
    # JSON may carry lone surrogates ("\ud800"), which no database or page can hold.
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("not valid Unicode (contains a lone surrogate)") from None
    return value


UnicodeText = Annotated[str | None, AfterValidator(_encodable)]


def _iso_date(value: object) -> object:
    # pydantic would also read "1.5e9" as a Unix time; a date filter should be a date.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class AnalyzeRequest(BaseModel):
    """One article: `text` or `html` (with optional `url` saying where it was published), or
    `url` alone to fetch the page."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "Title\n\nThe corrupt elite will stop at nothing.", "outlet": "Example"}
            ],
            "anyOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
            "not": {"required": ["text", "html"]},
        },
    )

    text: UnicodeText = Field(default=None, description="The article as plain text.")
    html: UnicodeText = Field(default=None, description="The article page as HTML.")
    url: UnicodeText = Field(
        default=None,
        max_length=4096,
        description="With text or html: where it was published.  Alone: the http(s) page to "
        "fetch (private and loopback addresses are refused unless the server allows them).",
    )
    title: UnicodeText = Field(default=None, max_length=2000, description="Overrides the title.")
    outlet: UnicodeText = Field(default=None, max_length=300, description="Overrides the outlet.")

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        given = [name for name in ("text", "html") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError("give either text or html, not both")
        if not given and self.url is None:
            raise ValueError("give the article as text, html or url")
        return self

    @property
    def input_field(self) -> InputField:
        return "text" if self.text is not None else "html" if self.html is not None else "url"


class AnalysisRecord(BaseModel):
    id: str = Field(description="SHA-256 of the analysed text: the same text is one record.")
    analysis: Analysis


class StoredRecord(AnalysisRecord):
    source: str
    input_kind: InputField
    created_at: dt.datetime = Field(description="When this text was first analysed (UTC).")
    updated_at: dt.datetime = Field(description="When it was last analysed (UTC).")


class AnalysisList(BaseModel):
    items: list[Summary]
    total: int = Field(description="Matches on all pages.")
    limit: int
    offset: int


class Stats(BaseModel):
    group: StatsGroup
    rows: list[StatsRow]


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ErrorDetail(BaseModel):
    detail: str


class AnalysisService:
    """Request to stored analysis; shared by the API and the page's plain form."""

    def __init__(
        self,
        store: Store,
        analyzer: Analyzer,
        options: IngestOptions,
        fetch: Fetcher = fetch_url,
    ) -> None:
        self.store = store
        self.analyzer = analyzer
        self.options = options
        self._fetch = fetch

    def analyze(self, request: AnalyzeRequest) -> AnalysisRecord:
        """Raises `InputError` for input that cannot be analysed (empty, not an article,
        a URL that is refused or cannot be fetched)."""
        kind = request.input_field
        if request.text is not None:
            given = request.text
            if not given.strip():
                raise InputError("<api>", "the text is empty: paste the article's text")
            document = Document(source=request.url or "<api>", text=given, url=request.url)
        elif request.html is not None:
            given = request.html
            if not given.strip():
                raise InputError("<api>", "the HTML is empty: paste the article's page")
            document = document_from_html(given, request.url or "<api>", url=request.url)
        else:
            given = request.url or ""
            document = self._fetch(given, self.options)
        title = request.title.strip() if request.title else ""
        outlet = request.outlet.strip() if request.outlet else ""
        document = dataclasses.replace(
            document, title=title or document.title, outlet=outlet or document.outlet
        )
        analysis = self.analyzer.analyze(document)
        record_id = self.store.add(analysis, source=document.source, input=given, input_kind=kind)
        return AnalysisRecord(id=record_id, analysis=analysis)


def create_app(
    store: Store,
    analyzer: Analyzer,
    *,
    allow_private_urls: bool = False,
    options: IngestOptions | None = None,
    fetch: Fetcher = fetch_url,
) -> FastAPI:
    """The API under /api, the pages and their static files; OpenAPI at /openapi.json.

    `options` sets the URL limits (its `allow_private_urls` is overridden by the argument);
    `fetch` is how URLs are read (tests replace it to stay offline).
    """
    options = dataclasses.replace(
        options or IngestOptions(max_bytes=MAX_BODY_BYTES), allow_private_urls=allow_private_urls
    )
    service = AnalysisService(store, analyzer, options, fetch)
    app = FastAPI(
        title="propalens",
        version=__version__,
        description="Propaganda techniques (SemEval-2020 Task 11), span by span.",
        docs_url=None,  # the stock docs pages load scripts from a CDN; the schema is enough
        redoc_url=None,
    )
    app.state.service = service

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler echoes each bad input, which may be megabytes long, NaN, or
        # hold a lone surrogate (both of which would fail to encode): say where, not what.
        detail = [
            {key: value for key, value in item.items() if key != "input"} for item in error.errors()
        ]
        return AsciiJSONResponse({"detail": jsonable_encoder(detail)}, status_code=422)

    # Added last = outermost: the headers go on every response, the 413 included.
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)

    body_errors: dict[int | str, dict[str, Any]] = {
        400: {"model": ErrorDetail, "description": "The body is not JSON in UTF-8."},
        413: {"model": ErrorDetail, "description": "The body is over 10 MB."},
    }

    @app.post(
        "/api/analyze",
        response_model=AnalysisRecord,
        responses=body_errors,
        tags=["analyses"],
    )
    async def analyze(request: AnalyzeRequest) -> AnalysisRecord | JSONResponse:
        """Analyse one article and store it; 422 when it cannot be analysed (e.g. empty)."""
        try:
            return await run_in_threadpool(service.analyze, request)
        except InputError as error:
            return input_error_response(request.input_field, error)

    @app.get(
        "/api/analyses/{record_id}",
        response_model=StoredRecord,
        responses={404: {"model": ErrorDetail}},
        tags=["analyses"],
    )
    def get_analysis(record_id: str) -> StoredRecord:
        stored = store.get(record_id)
        if stored is None:
            raise HTTPException(404, f"no analysis with id {record_id!r}")
        return StoredRecord(
            id=stored.id,
            analysis=stored.analysis,
            source=stored.source,
            input_kind=stored.input_kind,
            created_at=stored.created_at,
            updated_at=stored.updated_at,
        )

    @app.get("/api/analyses", response_model=AnalysisList, tags=["analyses"])
    def list_analyses(
        outlet: Annotated[str | None, Query(max_length=300)] = None,
        technique: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[
            str | None, Query(max_length=500, description="Words in title or text.")
        ] = None,
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

    @app.get("/api/stats", response_model=Stats, tags=["analyses"])
    def stats(
        group: StatsGroup = "outlet",
        outlet: Annotated[str | None, Query(max_length=300)] = None,
        since: Annotated[IsoDate | None, Query()] = None,
    ) -> Stats:
        """Analyses, spans and mean score per outlet, technique or day."""
        rows = store.stats(group, Filters(outlet=outlet, since=since))
        return Stats(group=group, rows=rows)

    @app.get("/api/health", response_model=Health, tags=["service"])
    def health() -> Health:
        return Health(status="ok", version=__version__)

    from propalens.web import install_pages  # the pages need the service above

    install_pages(app, service)
    return app


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped, so that no string can fail to encode."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode("ascii")


def input_error_response(field: InputField, error: InputError) -> JSONResponse:
    """A 422 shaped like FastAPI's own validation errors, naming the field at fault."""
    detail = [{"loc": ["body", field], "msg": error.reason, "type": "input_error"}]
    return JSONResponse({"detail": detail}, status_code=422)


class BodyLimitMiddleware:
    """Refuses (413) a request body over `max_bytes` without reading more than that."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        # Read the body here, counting, so a handler (which may read it whole) only ever sees
        # one that fits; a chunked upload that passes the limit is dropped unread.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body larger than the {self.max_bytes:,}-byte limit"},
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
