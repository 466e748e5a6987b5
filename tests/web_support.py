"""Helpers for the store, API and browser tests: hand-built analyses and a live server."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from propalens.errors import InputError
from propalens.ingest import Document, IngestOptions
from propalens.schema import Analysis, ModelInfo, OutletProfile, Quote, Removed, Span


def offline(url: str, options: IngestOptions) -> Document:
    """A fetcher for apps under test: every URL fails, as if there were no network."""
    raise InputError(url, "no network in tests")


def build_analysis(
    text: str,
    spans: Sequence[tuple[str, str, float]] = (),
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    quotes: Sequence[tuple[str, str | None]] = (),
    removed: Sequence[tuple[str, str]] = (),
    profile: OutletProfile | None = None,
    speaker: str | None = None,
) -> Analysis:
    """An analysis of `text` whose spans, quotes and removals are given as (substring, ...)."""

    def where(fragment: str) -> dict[str, object]:
        start = text.index(fragment)
        return {"start": start, "end": start + len(fragment), "text": fragment}

    return Analysis(
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        spans=tuple(
            Span(
                **where(fragment),
                technique=technique,
                confidence=confidence,
                voice="quoted" if speaker else None,
                speaker=speaker,
            )
            for fragment, technique, confidence in spans
        ),
        quotes=tuple(Quote(**where(q), speaker=who, kind="direct") for q, who in quotes),
        removed=tuple(Removed(**where(fragment), kind=kind) for fragment, kind in removed),
        score=max((confidence for _, _, confidence in spans), default=0.0) / 2,
        outlet_profile=profile,
        model=ModelInfo(name="test", version="0"),
    )


@contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free 127.0.0.1 port; yields its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
