"""URLs from strangers, slow or malformed, through every front end: each costs at most one
deadline and ends as an error answer or a listed failure, never a hung server or lost results.

The slow site is real: a server thread on 127.0.0.1 that sends its response one byte per second.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from http_support import send_text, serving, trickle
from propalens.cli import app
from propalens.errors import InputError
from propalens.ingest import Document, IngestOptions
from propalens.pipeline import Analyzer
from propalens.server import create_app
from propalens.store import AnalysisStore, open_store
from web_support import serve_in_thread

DEADLINE_S = 1.5
MARGIN_S = 3.0  # generous: the machine running the tests may be busy
ARTICLE = (
    "Harbour to close\n\n"
    "The corrupt elite will stop at nothing to close our harbour, the mayor told the council."
)
MALFORMED = ["http://0177.0.0.1/", "http://[::1/", "http://xn--/"]
GOOD_FILE = str(Path(__file__).parent / "data" / "scraped_republished_wire.txt")


class Site(BaseHTTPRequestHandler):
    """/slow trickles; any other path is the article, as plain text."""

    def do_GET(self) -> None:
        if self.path == "/slow":
            trickle(self)
        else:
            send_text(self, ARTICLE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as url:
        yield url


def test_forty_slow_url_posts_leave_reads_answering_and_each_ends_within_the_deadline(
    site: str, store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    options = IngestOptions(url_timeout_s=DEADLINE_S)
    web_app = create_app(store, baseline_analyzer, allow_private_urls=True, options=options)

    with (
        serve_in_thread(web_app) as base,
        httpx.Client(base_url=base, timeout=120, limits=httpx.Limits(max_connections=64)) as client,
        ThreadPoolExecutor(40) as pool,
    ):

        def post_slow_url() -> tuple[httpx.Response, float]:
            started = time.monotonic()
            response = client.post("/api/analyze", json={"url": f"{site}/slow"})
            return response, time.monotonic() - started

        posts = [pool.submit(post_slow_url) for _ in range(40)]
        time.sleep(0.5)  # the posts are in
        started = time.monotonic()
        listing = client.get("/api/analyses")
        read_s = time.monotonic() - started
        home = client.get("/")
        results = [post.result() for post in posts]

    assert listing.status_code == 200 and read_s < 1.0
    assert home.status_code == 200
    statuses = Counter(response.status_code for response, _ in results)
    assert set(statuses) <= {422, 503} and statuses[503] > 0, statuses
    assert max(elapsed for _, elapsed in results) < DEADLINE_S + MARGIN_S
    for response, _ in results:
        if response.status_code == 422:
            assert "timed out after 1.5 s" in response.json()["detail"][0]["msg"]
        else:
            assert int(response.headers["retry-after"]) > 0


def test_an_analysis_past_the_limit_gets_503_with_retry_after_and_reads_still_answer(
    store: AnalysisStore, baseline_analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_MAX_ANALYSES", "1")
    fetching, release = threading.Event(), threading.Event()

    def held(url: str, options: IngestOptions) -> Document:
        fetching.set()
        release.wait(30)
        raise InputError(url, "the slow site gave up")

    client = TestClient(create_app(store, baseline_analyzer, fetch=held))
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(client.post, "/api/analyze", json={"url": "https://example.org/a"})
        assert fetching.wait(30)
        try:
            api = client.post("/api/analyze", json={"text": ARTICLE})
            form = client.post("/analyze", data={"content": ARTICLE, "kind": "text"})
            listing = client.get("/api/analyses")
        finally:
            release.set()
        assert slow.result().status_code == 422

    assert api.status_code == 503 and int(api.headers["retry-after"]) > 0
    assert "busy" in api.json()["detail"]
    assert form.status_code == 503 and form.headers["retry-after"] == api.headers["retry-after"]
    assert "busy" in form.text
    assert listing.status_code == 200
    assert client.post("/api/analyze", json={"text": ARTICLE}).status_code == 200  # slot freed


def test_analyze_lists_a_slow_url_as_timed_out_and_prints_the_good_one(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_URL_TIMEOUT_S", str(DEADLINE_S))
    started = time.monotonic()
    result = CliRunner().invoke(
        app,
        ["analyze", f"{site}/slow", f"{site}/story", "--allow-private-urls", "--model", "baseline"],
    )
    assert time.monotonic() - started < 30  # the slow site alone would take over a minute
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout)["url"] == f"{site}/story"
    assert "1 input(s) failed" in result.stderr
    assert f"{site}/slow: timed out after 1.5 s" in result.stderr


def test_a_batch_lists_a_slow_url_as_failed_and_stores_the_good_one_of_its_chunk(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_MODEL", "baseline")
    monkeypatch.setenv("PROPALENS_URL_TIMEOUT_S", str(DEADLINE_S))
    urls = tmp_path / "crawl.urls"
    urls.write_text(f"{site}/slow\n{site}/story\n", encoding="utf-8")
    db = tmp_path / "batch.db"
    started = time.monotonic()
    result = CliRunner().invoke(
        app,
        ["batch", "--urls", str(urls), "--db", str(db), "--allow-private-urls",
         "--workers", "1", "--chunk-size", "2"],
    )  # fmt: skip
    assert time.monotonic() - started < 60  # the slow site alone would take over a minute
    assert result.exit_code == 2, result.output
    with open_store(db) as store:
        [failure] = store.failures()
        assert failure.source == f"{site}/slow" and "timed out after 1.5 s" in failure.error
        [stored] = store.iter_analyses()
        assert stored.source == f"{site}/story"


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_url_gets_422_from_the_api_and_the_form(
    url: str, store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    client = TestClient(create_app(store, baseline_analyzer))
    api = client.post("/api/analyze", json={"url": url})
    assert api.status_code == 422
    assert "not a valid URL" in api.json()["detail"][0]["msg"]
    form = client.post("/analyze", data={"content": url, "kind": "url"})
    assert form.status_code == 422 and "not a valid URL" in form.text


def test_analyze_lists_a_malformed_url_and_prints_the_good_inputs_given_with_it() -> None:
    result = CliRunner().invoke(
        app, ["analyze", GOOD_FILE, "http://[::1/", GOOD_FILE, "--model", "baseline"]
    )
    assert result.exit_code == 2, result.output
    assert len(json.loads(result.stdout)) == 2
    assert "1 input(s) failed" in result.stderr
    assert "http://[::1/: not a valid URL" in result.stderr
