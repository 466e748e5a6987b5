"""The analysis service: a request in, a stored analysis out; shared by the REST API and the
pages' plain form, and free of HTTP (the routers in `propalens.api` and `propalens.web` wrap it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from typing import Annotated, Final

import anyio.to_thread
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from propalens.errors import InputError
from propalens.ingest import Document, IngestOptions, document_from_html, fetch_url
from propalens.pipeline import Analyzer
from propalens.schema import Analysis
from propalens.store import AnalysisStore, InputKind, StoredAnalysis, stored_labels
from propalens.taxonomy import Taxonomy

Fetcher = Callable[[str, IngestOptions], Document]

RETRY_AFTER_S: Final = 5
"""How long a client turned away as busy is asked to wait: an analysis takes about a second,
and a slot held by a slow fetch is freed at the fetch's deadline."""


class ServiceBusy(Exception):
    """Every analysis slot is taken: try again in `retry_after_s` seconds."""

    retry_after_s = RETRY_AFTER_S

    def __init__(self, slots: int) -> None:
        super().__init__(
            f"the server is busy with {slots} analyses; try again in {self.retry_after_s} s"
        )


def _encodable(value: str | None) -> str | None:
    # JSON may carry lone surrogates ("\ud800"), which no database or page can hold.
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("not valid Unicode (contains a lone surrogate)") from None
    return value


UnicodeText = Annotated[str | None, AfterValidator(_encodable)]


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
    def input_field(self) -> InputKind:
        return "text" if self.text is not None else "html" if self.html is not None else "url"


class AnalysisRecord(BaseModel):
    id: str = Field(description="SHA-256 of the analysed text: the same text is one record.")
    analysis: Analysis


class StoredRecord(AnalysisRecord):
    source: str
    input_kind: InputKind
    created_at: dt.datetime = Field(description="When this text was first analysed (UTC).")
    updated_at: dt.datetime = Field(description="When it was last analysed (UTC).")

    @classmethod
    def of(cls, stored: StoredAnalysis) -> StoredRecord:
        return cls(
            id=stored.id,
            analysis=stored.analysis,
            source=stored.source,
            input_kind=stored.input_kind,
            created_at=stored.created_at,
            updated_at=stored.updated_at,
        )


class AnalysisService:
    """Request to stored analysis, and the labels to show stored analyses with."""

    def __init__(
        self,
        store: AnalysisStore,
        analyzer: Analyzer,
        options: IngestOptions,
        fetch: Fetcher = fetch_url,
        *,
        max_analyses: int,
    ) -> None:
        self.store = store
        self.analyzer = analyzer
        self.options = options
        self.max_analyses = max_analyses
        self._fetch = fetch
        # A semaphore, not the limiter alone: it is taken without waiting, from any thread or
        # event loop. Holding it guarantees the limiter a free token, so no request ever waits.
        self._slots = threading.BoundedSemaphore(max_analyses)
        self._threads = anyio.CapacityLimiter(max_analyses)

    async def analyze_in_thread(self, request: AnalyzeRequest) -> AnalysisRecord:
        """`analyze` in a worker thread, at most `max_analyses` at once; past that it raises
        `ServiceBusy` at once.

        A request never queues for a slot (behind slow fetches the wait would have no bound),
        and the analyses count against a thread limiter of their own, so the threadpool that
        serves the pages and the reads is never used up by them.
        """
        if not self._slots.acquire(blocking=False):
            raise ServiceBusy(self.max_analyses)
        try:
            return await anyio.to_thread.run_sync(self.analyze, request, limiter=self._threads)
        finally:
            self._slots.release()

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

    @property
    def taxonomy(self) -> Taxonomy:
        """The labels of the service's detector, with their definitions and colours."""
        return self.analyzer.detector.taxonomy

    def stored_taxonomy(self) -> Taxonomy:
        """The detector's taxonomy widened by every label in the store, which may hold analyses
        made by other models: each such label gets a colour of its own, the same on every page.
        """
        return self.taxonomy.covering(stored_labels(self.store))

    def taxonomy_for(self, labels: Iterable[str]) -> Taxonomy:
        """What to show `labels` with: the detector's taxonomy when it has them all (no store
        query), else `stored_taxonomy()`, so that colour slots agree with /palette.css."""
        taxonomy = self.taxonomy
        if all(label in taxonomy for label in labels):
            return taxonomy
        return self.stored_taxonomy()
