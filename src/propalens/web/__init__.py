"""The server-rendered pages: paste an article, read it highlighted, compare outlets.

Pages are Jinja2 templates with autoescaping on; the one script (`static/app.js`) is a local
file that reads its data from `data-*` attributes and a JSON block, never from inline code, so
the server's Content-Security-Policy can forbid inline script outright.  Without JavaScript
the form still works (a plain POST), and the article page shows every highlight.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError

from propalens.errors import InputError
from propalens.render.html import PALETTE, legend
from propalens.render.segments import pieces, technique_index
from propalens.schema import Analysis, Quote, Span
from propalens.store import Filters, StatsRow, StoredAnalysis
from propalens.techniques import DEFINITIONS, TECHNIQUES

if TYPE_CHECKING:
    from propalens.api import AnalysisService

STATIC = Path(__file__).parent / "static"
RECENT = 20
_SAFE_SCHEMES = ("http://", "https://")


def technique_label(name: str) -> str:
    """A corpus label as people read it: "Name_Calling,Labeling" -> "Name Calling, Labeling"."""
    return name.replace("_", " ").replace(",", ", ")


def speaker_label(span: Span) -> str:
    if span.speaker:
        return span.speaker
    if span.voice == "author":
        return "the author"
    if span.voice == "quoted":
        return "a quoted source (unnamed)"
    return "not attributed"


def link(url: str | None) -> str | None:
    """`url` if it may be an href (http or https); a `javascript:` URL never is."""
    return url if url and url.lower().startswith(_SAFE_SCHEMES) else None


def palette_css() -> str:
    """One custom property per technique colour; style.css draws marks, swatches and bars."""
    return "".join(f".t{index} {{ --tc: {colour}; }}\n" for index, colour in enumerate(PALETTE))


@dataclass(frozen=True)
class Fragment:
    """One piece of the article as the page draws it."""

    text: str
    colour: int | None
    """Palette slot of the most confident span covering it; None when no span does."""
    span_ids: str
    """Indices into `Analysis.spans` of the spans covering it, space-separated."""
    confidence: float
    label: str
    """What a screen reader says for a highlighted piece."""
    removed: str | None
    quote: Quote | None
    quote_start: bool


def fragments(analysis: Analysis) -> list[Fragment]:
    index = {id(span): number for number, span in enumerate(analysis.spans)}
    result = []
    previous: Quote | None = None
    for piece in pieces(analysis, quotes=True):
        text = analysis.text[piece.start : piece.end]
        strongest = piece.strongest
        ordered = sorted(piece.spans, key=lambda span: -span.confidence)
        result.append(
            Fragment(
                text=text,
                colour=technique_index(strongest.technique) if strongest else None,
                span_ids=" ".join(str(index[id(span)]) for span in ordered),
                confidence=strongest.confidence if strongest else 0.0,
                label="; ".join(
                    f"{technique_label(span.technique)}, {span.confidence:.0%} confidence, "
                    f"speaker: {speaker_label(span)}"
                    for span in ordered
                ),
                removed=piece.removed.kind.replace("_", " ") if piece.removed else None,
                quote=piece.quote,
                quote_start=piece.quote is not None and piece.quote is not previous,
            )
        )
        previous = piece.quote
    return result


def span_data(analysis: Analysis) -> list[dict[str, Any]]:
    """What the tooltip shows for each span, for the page's JSON block."""
    return [
        {
            "technique": technique_label(span.technique),
            "colour": technique_index(span.technique),
            "confidence": round(span.confidence, 4),
            "speaker": speaker_label(span),
            "definition": DEFINITIONS.get(span.technique, ""),
        }
        for span in analysis.spans
    ]


@dataclass(frozen=True)
class Bar:
    label: str
    technique: str
    colour: int
    spans: int
    analyses: int
    share: float
    width: float
    y: int


def technique_bars(rows: list[StatsRow], width: float = 360.0, row_height: int = 30) -> list[Bar]:
    """The technique mix as SVG bar geometry: the longest bar is `width` wide."""
    total = sum(row.spans for row in rows) or 1
    longest = max((row.spans for row in rows), default=0) or 1
    return [
        Bar(
            label=technique_label(row.key or ""),
            technique=row.key or "",
            colour=technique_index(row.key or ""),
            spans=row.spans,
            analyses=row.analyses,
            share=row.spans / total,
            width=max(2.0, width * row.spans / longest),
            y=number * row_height,
        )
        for number, row in enumerate(rows)
    ]


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("propalens", "web/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["technique_label"] = technique_label
    environment.filters["path"] = lambda value: quote(str(value), safe="")
    environment.globals["link"] = link
    environment.globals["techniques"] = TECHNIQUES
    return environment


def render_page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


def install_pages(app: FastAPI, service: AnalysisService) -> None:
    """Adds the pages, /palette.css and /static to `app`."""
    from propalens.api import AnalyzeRequest

    store = service.store

    def home(
        status_code: int = 200, error: str | None = None, form: dict[str, str] | None = None
    ) -> HTMLResponse:
        recent = store.search(limit=RECENT)
        return render_page("home.html.j2", status_code, recent=recent, error=error, form=form or {})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return home()

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_form(request: Request) -> Response:
        """The form without JavaScript: analyse, then show the article."""
        body = (await request.body()).decode("utf-8", "replace")
        form = {key: values[0] for key, values in parse_qs(body).items()}
        content = form.get("content", "")
        kind = form.get("kind", "auto")
        if kind not in ("text", "html", "url"):
            kind = guess_kind(content)
        try:
            analyze_request = AnalyzeRequest.model_validate(
                {kind: content, "title": form.get("title"), "outlet": form.get("outlet")}
            )
            record = await run_in_threadpool(service.analyze, analyze_request)
        except ValidationError as error:
            return home(422, error.errors()[0]["msg"], form)
        except InputError as error:
            return home(422, error.reason, form)
        return RedirectResponse(f"/articles/{record.id}", status_code=303)

    @app.get("/articles/{record_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(record_id: str) -> HTMLResponse:
        stored = store.get(record_id)
        if stored is None:
            return render_page("missing.html.j2", 404, what="analysis")
        return render_page("article.html.j2", **article_context(stored))

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets() -> HTMLResponse:
        rows = [row for row in store.stats("outlet") if row.key]
        return render_page("outlets.html.j2", rows=rows)

    @app.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet(name: str) -> HTMLResponse:
        filters = Filters(outlet=name)
        analyses = store.search(filters, limit=50)
        if not analyses.total:
            return render_page("missing.html.j2", 404, what="outlet")
        summary = store.stats("outlet", filters)[0]
        profile = None
        for item in analyses.items[:10]:  # the newest analysis that carries a rating
            stored = store.get(item.id)
            if stored is not None and stored.analysis.outlet_profile is not None:
                profile = stored.analysis.outlet_profile
                break
        return render_page(
            "outlet.html.j2",
            name=analyses.items[0].outlet or name,
            summary=summary,
            bars=technique_bars(store.stats("technique", filters)),
            analyses=analyses,
            profile=profile,
        )

    @app.get("/palette.css", include_in_schema=False)
    def palette() -> Response:
        return Response(
            palette_css(),
            media_type="text/css",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def article_context(stored: StoredAnalysis) -> dict[str, Any]:
    analysis = stored.analysis
    return {
        "record": stored,
        "analysis": analysis,
        "fragments": fragments(analysis),
        "legend": legend(analysis),
        "spans": span_data(analysis),
        "profile": analysis.outlet_profile,
    }


def guess_kind(content: str) -> str:
    """What pasted content is: a lone http(s) URL, an HTML page (opens with "<"), or text."""
    stripped = content.strip()
    if stripped.lower().startswith(_SAFE_SCHEMES) and not any(c.isspace() for c in stripped):
        return "url"
    return "html" if stripped.startswith("<") else "text"
