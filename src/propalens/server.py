"""The web server: `create_app` assembles the REST API, the pages and their static files into
one FastAPI application, and `serve` runs it (what `propalens serve` does).

Routes live in their routers (`propalens.api.routes`, `propalens.web.pages`) and get the one
`AnalysisService` through `propalens.api.deps`; this module only wires them together with the
middlewares and the error handler.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from pydantic import SecretStr

from propalens import __version__
from propalens.api.access import OPEN, Access, write_guard
from propalens.api.errors import validation_error
from propalens.api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from propalens.api.routes import analyses, health, stats
from propalens.ingest import IngestOptions, fetch_url
from propalens.service import AnalysisService, Fetcher
from propalens.settings import Settings
from propalens.store import (
    AnalysisStore,
    StoreLocation,
    describe_location,
    open_store,
    resolve_location,
)
from propalens.web import STATIC, pages

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from propalens.pipeline import Analyzer


class _App(FastAPI):
    """FastAPI with the security headers put on outermost.

    Starlette answers an unhandled exception with a 500 from its error middleware, which sits
    outside every middleware added with `add_middleware`; wrapping the whole stack is the only
    way that 500 carries the headers too.
    """

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def create_app(
    store: AnalysisStore,
    analyzer: Analyzer,
    *,
    allow_private_urls: bool = False,
    options: IngestOptions | None = None,
    fetch: Fetcher = fetch_url,
    access: Access = OPEN,
) -> FastAPI:
    """The API under /api, the pages and their static files; OpenAPI at /openapi.json.

    Request bodies and fetched pages are held to `Settings().max_bytes`, and at most
    `Settings().max_analyses` analyses run at once. `options` sets the URL limits (its
    `allow_private_urls` is overridden by the argument); `fetch` is how URLs are read (tests
    replace it to stay offline). `access` holds every write to a token and a rate per client
    (default: open, as on loopback).
    """
    settings = Settings()
    max_bytes = settings.max_bytes
    options = dataclasses.replace(
        options or IngestOptions(max_bytes=max_bytes), allow_private_urls=allow_private_urls
    )
    app = _App(
        title="propalens",
        version=__version__,
        description="Propaganda techniques (SemEval-2020 Task 11), span by span.",
        docs_url=None,  # the stock docs pages load scripts from a CDN; the schema is enough
        redoc_url=None,
        dependencies=[Depends(write_guard(access))],
    )
    app.state.service = AnalysisService(
        store, analyzer, options, fetch, max_analyses=settings.max_analyses
    )
    app.exception_handler(RequestValidationError)(validation_error)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_bytes)
    for router in (analyses.router, stats.router, health.router, pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve(
    host: str,
    port: int,
    db: StoreLocation | None,
    *,
    workers: int = 1,
    allow_private_urls: bool,
    model: str | None,
    log: Callable[[str], object],
    token: SecretStr | None,
    public: bool,
    rate_limit: str,
    forwarded_allow_ips: str | None,
) -> None:
    """Serve the app with uvicorn on `host`:`port`, over the store at `db` (default:
    `resolve_location`'s) and the detector `model` (a shipped model's name or a model folder;
    default: `Settings().model`), loaded before the first request rather than on it.

    With `workers` above 1, that many processes share the listening socket, each with its own
    model and store connection (see `_serve_workers`).

    Writes follow `Access.for_host`: beyond loopback they need `token` (`ExposureRefused`,
    before anything loads, when there is none and not `public`) and are held to `rate_limit`
    per client. A client is the connecting address; X-Forwarded-For names it instead only
    when the connection comes from `forwarded_allow_ips` (a reverse proxy's addresses).
    """
    import uvicorn  # imported late: only serving needs it

    access = Access.for_host(host, token=token, public=public, rate_limit=rate_limit)
    location = resolve_location(db)
    listening: dict[str, Any] = dict(
        host=host,
        port=port,
        log_level="info",
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    described = (
        f"store: {describe_location(location)}\n{access.describe()}\n"
        f"serving on http://{host}:{port}/"
    )
    if workers > 1:
        log(f"{described} ({workers} worker processes)")
        _serve_workers(WorkerApp(location, model, allow_private_urls, access), workers, listening)
        return
    analyzer = _loaded_analyzer(model)
    with open_store(location) as store:
        web_app = create_app(store, analyzer, allow_private_urls=allow_private_urls, access=access)
        log(described)
        uvicorn.run(web_app, **listening)


def _loaded_analyzer(model: str | None) -> Analyzer:
    """The analyzer of `model` (None: `Settings().model`), its model loaded now rather than on
    the first request."""
    from propalens.detect import load_detector
    from propalens.pipeline import Analyzer

    analyzer = Analyzer(load_detector(model)) if model else Analyzer()
    analyzer.detector  # noqa: B018
    return analyzer


@dataclasses.dataclass(frozen=True)
class WorkerApp:
    """How each server process builds its app: picklable, so that uvicorn hands it to the
    worker processes it spawns, and each calls it once (uvicorn's app factory)."""

    location: StoreLocation
    model: str | None
    allow_private_urls: bool
    access: Access

    def __call__(self) -> FastAPI:
        return create_app(
            open_store(self.location),
            _loaded_analyzer(self.model),
            allow_private_urls=self.allow_private_urls,
            access=self.access,
        )


def _serve_workers(worker_app: WorkerApp, workers: int, listening: dict[str, Any]) -> None:
    """Run `workers` uvicorn processes on one socket, restarting any that dies, until stopped.

    Each process opens its own store connection: PostgreSQL takes writes from all of them at
    once; SQLite (WAL mode) lets them read at once and queues their writes, each waiting up to
    its busy timeout, which is fine for a team's pace of posts but not for heavy write loads.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(worker_app, factory=True, workers=workers, **listening)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
