"""The pages as a router: home (paste an article), the article page, the outlets, and the
palette they share."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError

from propalens.api.deps import ServiceDep, StoreDep
from propalens.api.errors import retry_after
from propalens.errors import InputError
from propalens.render.html import legend
from propalens.service import AnalysisService, AnalyzeRequest, ServiceBusy
from propalens.store import Filters
from propalens.web import STATIC
from propalens.web.views import (
    fragments,
    guess_kind,
    link,
    palette_css,
    span_data,
    technique_bars,
    technique_label,
)

RECENT = 20

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


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
    return environment


def render_page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


def home(
    service: AnalysisService,
    status_code: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    return render_page(
        "home.html.j2",
        status_code,
        recent=service.store.search(limit=RECENT),
        techniques=len(service.taxonomy.labels),
        error=error,
        form=form or {},
    )


@router.get("/")
def index(service: ServiceDep) -> HTMLResponse:
    return home(service)


@router.post("/analyze")
async def analyze_form(request: Request, service: ServiceDep) -> Response:
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
        record = await service.analyze_in_thread(analyze_request)
    except ValidationError as error:
        return home(service, 422, error.errors()[0]["msg"], form)
    except InputError as error:
        return home(service, 422, error.reason, form)
    except ServiceBusy as error:
        busy = home(service, 503, str(error), form)
        busy.headers.update(retry_after(error))
        return busy
    return RedirectResponse(f"/articles/{record.id}", status_code=303)


@router.get("/articles/{record_id}")
def article(record_id: str, service: ServiceDep) -> HTMLResponse:
    stored = service.store.get(record_id)
    if stored is None:
        return render_page("missing.html.j2", 404, what="analysis")
    analysis = stored.analysis
    taxonomy = service.taxonomy_for(span.technique for span in analysis.spans)
    return render_page(
        "article.html.j2",
        record=stored,
        analysis=analysis,
        fragments=fragments(analysis, taxonomy),
        legend=legend(analysis, taxonomy),
        spans=span_data(analysis, taxonomy),
        profile=analysis.outlet_profile,
    )


@router.get("/outlets")
def outlets(store: StoreDep) -> HTMLResponse:
    rows = [row for row in store.stats("outlet") if row.key]
    return render_page("outlets.html.j2", rows=rows)


@router.get("/outlets/{name:path}")
def outlet(name: str, service: ServiceDep) -> HTMLResponse:
    store = service.store
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
    mix = store.stats("technique", filters)
    return render_page(
        "outlet.html.j2",
        name=analyses.items[0].outlet or name,
        summary=summary,
        bars=technique_bars(mix, service.taxonomy_for(row.key or "" for row in mix)),
        analyses=analyses,
        profile=profile,
    )


@router.get("/palette.css")
def palette(service: ServiceDep) -> Response:
    return Response(
        palette_css(service.stored_taxonomy()),
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page links; the same SVG the pages name."""
    return FileResponse(
        STATIC / "favicon.svg",
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )
