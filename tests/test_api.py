import asyncio
import datetime as dt
import http.server
import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propalens.api.middleware import BodyLimitMiddleware
from propalens.ingest import Document, IngestOptions
from propalens.pipeline import Analyzer
from propalens.schema import Analysis, OutletProfile
from propalens.server import create_app
from propalens.settings import MAX_INPUT_BYTES as MAX_BODY_BYTES
from propalens.store import AnalysisStore, content_hash
from web_support import build_analysis, offline

DATA = Path(__file__).parent / "data"
WIRE = (DATA / "scraped_republished_wire.txt").read_text(encoding="utf-8")
SHORT = "Enemies within\n\nThe corrupt elite will stop at nothing to destroy our great nation."
HOSTILE = (
    'Hostile <img src=x onerror="window.__pwned=1">\n\n'
    "The corrupt elite hide this: <script>window.__pwned=2</script> and more."
)


@pytest.fixture
def client(store: AnalysisStore, baseline_analyzer: Analyzer) -> TestClient:
    return TestClient(create_app(store, baseline_analyzer, fetch=offline))


def test_posting_text_returns_its_analysis_and_stores_it(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": WIRE})
    assert response.status_code == 200
    body = response.json()
    analysis = Analysis.model_validate(body["analysis"])
    assert body["id"] == content_hash(WIRE) and analysis.text == WIRE
    assert analysis.outlet == "Global Research" and analysis.original_outlet == "RT"
    stored = client.get(f"/api/analyses/{body['id']}")
    assert stored.status_code == 200
    assert stored.json()["analysis"] == body["analysis"]
    assert stored.json()["input_kind"] == "text"


def test_the_same_text_posted_twice_is_one_record(client: TestClient) -> None:
    first = client.post("/api/analyze", json={"text": SHORT}).json()["id"]
    second = client.post("/api/analyze", json={"text": SHORT, "outlet": "Example"}).json()["id"]
    assert first == second
    listed = client.get("/api/analyses").json()
    assert listed["total"] == 1 and listed["items"][0]["outlet"] == "Example"


def test_html_is_read_as_a_page_and_title_and_outlet_override_what_it_says(
    client: TestClient,
) -> None:
    paragraphs = "".join(
        f"<p>The corrupt elite will stop at nothing, witness number {n} told the court.</p>"
        for n in range(6)
    )
    html = (
        f"<html><head><title>Page</title></head><body><article>{paragraphs}</article></body></html>"
    )
    response = client.post(
        "/api/analyze",
        json={
            "html": html,
            "title": "Given title",
            "outlet": "Given Outlet",
            "url": "https://e.org/a",
        },
    )
    assert response.status_code == 200, response.text
    analysis = response.json()["analysis"]
    assert "<p>" not in analysis["text"] and "witness number 5" in analysis["text"]
    assert (analysis["title"], analysis["outlet"]) == ("Given title", "Given Outlet")
    assert analysis["url"] == "https://e.org/a"


def test_an_unknown_id_is_404(client: TestClient) -> None:
    response = client.get("/api/analyses/" + "0" * 64)
    assert response.status_code == 404 and "no analysis" in response.json()["detail"]
    assert client.get("/articles/nope").status_code == 404


def test_analyses_are_listed_filtered_and_searched(
    client: TestClient, store: AnalysisStore
) -> None:
    client.post("/api/analyze", json={"text": WIRE})
    client.post("/api/analyze", json={"text": SHORT, "outlet": "Example"})
    store.add(
        build_analysis(
            "Flags\n\nStand with the flag.", [("flag", "Flag-Waving", 0.9)], outlet="Example"
        ),
        source="t",
        input="x",
    )

    def total(query: str) -> int:
        response = client.get("/api/analyses" + query)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert total("") == 3
    assert total("?outlet=example") == 2
    assert total("?technique=Flag-Waving") == 1
    assert total("?q=douma%20chemical") == 1
    assert total("?q=douma&outlet=Example") == 0
    assert total("?since=2018-04-10") == 3  # the wire piece is dated 10 April 2018
    assert total("?since=2018-04-11") == 2
    page = client.get("/api/analyses?limit=1&offset=1").json()
    assert len(page["items"]) == 1 and page["total"] == 3
    assert client.get("/api/analyses?limit=0").status_code == 422
    assert client.get("/api/analyses?since=1700000000").status_code == 422  # not a Unix time


def test_stats_group_by_outlet_technique_or_day(client: TestClient) -> None:
    client.post("/api/analyze", json={"text": WIRE})
    client.post("/api/analyze", json={"text": SHORT, "outlet": "Example"})
    outlets = client.get("/api/stats?group=outlet").json()
    assert {row["key"] for row in outlets["rows"]} == {"Global Research", "Example"}
    days = client.get("/api/stats", params={"group": "day"}).json()["rows"]
    assert "2018-04-10" in {row["key"] for row in days}
    techniques = client.get("/api/stats?group=technique").json()["rows"]
    assert all(row["spans"] >= row["analyses"] >= 1 for row in techniques)
    assert client.get("/api/stats?group=weekday").status_code == 422


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "  \n\t "}, {"html": " "}])
def test_empty_input_gets_422_with_a_message(client: TestClient, body: dict[str, str]) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", next(iter(body))] and "empty" in error["msg"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "give the article as text, html or url"),
        ({"text": "a", "html": "<p>a</p>"}, "either text or html"),
        ({"text": "a", "extra": 1}, "Extra inputs"),
    ],
)
def test_malformed_requests_get_422_saying_what_is_wrong(
    client: TestClient, body: dict[str, object], message: str
) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_text_with_a_lone_surrogate_gets_422(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        content=b'{"text": "\\ud800 lone surrogate"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422 and "not valid Unicode" in response.text


def test_a_body_over_10_mb_gets_413(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        content=b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    assert "script-src 'self'" in response.headers["content-security-policy"]


def _call(middleware: BodyLimitMiddleware, headers: list[tuple[bytes, bytes]], chunks: int):
    """Send a POST of `chunks` 1 MB chunks; return (status, chunks the middleware read)."""
    read = 0
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 1_000_000, "more_body": read < chunks}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/analyze", "headers": headers}
    asyncio.run(middleware(scope, receive, send))  # type: ignore[arg-type]
    return sent[0]["status"], read


async def _unreachable(scope: object, receive: object, send: object) -> None:
    raise AssertionError("the app must not see an oversized body")


def test_a_60_mb_body_is_refused_before_it_is_read() -> None:
    middleware = BodyLimitMiddleware(_unreachable)  # type: ignore[arg-type]
    declared = [(b"content-length", str(60_000_000).encode())]
    assert _call(middleware, declared, chunks=60) == (413, 0)


def test_a_60_mb_body_without_a_length_is_refused_just_past_the_limit() -> None:
    middleware = BodyLimitMiddleware(_unreachable)  # type: ignore[arg-type]
    status, read = _call(middleware, [], chunks=60)
    assert status == 413 and read == MAX_BODY_BYTES // 1_000_000 + 1


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in (
        "/",
        "/api/analyses",
        "/static/app.js",
        "/palette.css",
        "/nowhere",
        "/openapi.json",
    ):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_an_unexpected_error_is_a_500_that_still_carries_the_security_headers(
    store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    def broken(url: str, options: IngestOptions) -> Document:
        raise RuntimeError("a bug in the fetcher")

    app = create_app(store, baseline_analyzer, fetch=broken)
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/api/analyze", json={"url": "https://example.org/story"})
    assert response.status_code == 500
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_hostile_markup_in_an_article_is_escaped_on_its_page(client: TestClient) -> None:
    record = client.post("/api/analyze", json={"text": HOSTILE, "outlet": "<b>Evil</b>"}).json()
    page = client.get(f"/articles/{record['id']}").text
    assert "<script>window" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in page
    assert "&lt;b&gt;Evil&lt;/b&gt;" in page
    assert "<script" not in page.replace(
        '<script src="/static/app.js" defer></script>', ""
    ).replace('<script type="application/json" id="span-data">', "")


def test_only_http_urls_become_links(client: TestClient, store: AnalysisStore) -> None:
    record_id = store.add(
        build_analysis("Click\n\nClick here.").model_copy(update={"url": "javascript:alert(1)"}),
        source="t",
        input="x",
    )
    assert "javascript:" not in client.get(f"/articles/{record_id}").text.split("href=")[-1]
    assert 'href="javascript' not in client.get(f"/articles/{record_id}").text


def test_urls_on_loopback_are_refused_unless_allowed(
    store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    page = SHORT.replace("\n\n", "</h1><p>").join(
        ["<html><body><article><h1>", "</p></article></body></html>"]
    )

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode() * 1
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(SHORT.encode())))
            self.end_headers()
            self.wfile.write(SHORT.encode())
            del body

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/story"
    try:
        refused = TestClient(create_app(store, baseline_analyzer)).post(
            "/api/analyze", json={"url": url}
        )
        assert refused.status_code == 422
        assert "loopback" in refused.json()["detail"][0]["msg"]
        allowed = TestClient(create_app(store, baseline_analyzer, allow_private_urls=True))
        response = allowed.post("/api/analyze", json={"url": url, "outlet": "Local"})
        assert response.status_code == 200, response.text
        assert response.json()["analysis"]["text"] == SHORT
        assert response.json()["analysis"]["url"] == url
        stored = store.get(response.json()["id"])
        assert stored is not None and (stored.input_kind, stored.input) == ("url", url)
    finally:
        server.shutdown()


def test_the_model_runs_in_a_worker_thread_not_on_the_event_loop(
    store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    seen: list[bool] = []

    class Spy(Analyzer):
        def analyze(self, document: Document | str) -> Analysis:
            try:
                asyncio.get_running_loop()
                seen.append(True)
            except RuntimeError:
                seen.append(False)
            return baseline_analyzer.analyze(document)

    client = TestClient(create_app(store, Spy()))
    assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200
    assert (
        client.post("/analyze", data={"content": WIRE}, follow_redirects=False).status_code == 303
    )
    assert seen == [False, False]


def test_the_article_page_shows_spans_quotes_speakers_removed_text_and_the_outlet(
    client: TestClient, store: AnalysisStore
) -> None:
    text = (
        'Summit\n\n"They are traitors and liars," said Jane Roe. The talks went on.\n'
        "READ MORE: another story"
    )
    analysis = build_analysis(
        text,
        [("traitors", "Name_Calling,Labeling", 0.82), ("liars", "Loaded_Language", 0.3)],
        title="Summit",
        outlet="Example Times",
        quotes=[("They are traitors and liars,", "Jane Roe")],
        removed=[("READ MORE: another story", "read_more")],
        profile=OutletProfile(
            name="Example Times", factuality="mixed", bias="right", tags=("propaganda",)
        ),
        speaker="Jane Roe",
    )
    record_id = store.add(analysis, source="t", input=text)
    page = client.get(f"/articles/{record_id}").text
    assert page.count('class="hl ') == 2 and 'tabindex="0"' in page and 'role="button"' in page
    assert (
        'aria-label="traitors: Name Calling, Labeling, 82% confidence, speaker: Jane Roe"' in page
    )
    assert 'class="quote quote-start" data-speaker="Jane Roe"' in page
    assert '<span class="removed" title="set aside, not analysed: read more">READ MORE' in page
    assert "Labelling the target" in page  # the legend's definition
    assert 'class="fact fact-mixed"' in page and "propaganda" in page
    assert '<span class="score-value">0.41</span>' in page
    assert '"speaker": "Jane Roe"' in page  # the tooltip's data


def test_the_outlet_page_draws_its_technique_mix_as_bars(
    client: TestClient, store: AnalysisStore
) -> None:
    for n, technique in enumerate(["Flag-Waving", "Flag-Waving", "Doubt"]):
        text = f"Story {n}\n\nWho can believe the flag story number {n}?"
        store.add(
            build_analysis(
                text,
                [("flag", technique, 0.9)],
                outlet="Example Times",
                published=dt.date(2024, 1, n + 1),
            ),
            source="t",
            input=text,
        )
    page = client.get("/outlets/Example%20Times").text
    assert "<svg" in page and page.count('class="bar"') == 2
    assert "Flag-Waving" in page and "2 (67%)" in page
    assert client.get("/outlets/Nobody").status_code == 404
    assert "Example Times" in client.get("/outlets").text


def test_the_plain_form_analyses_and_redirects_to_the_article(client: TestClient) -> None:
    response = client.post(
        "/analyze",
        data={"content": SHORT, "kind": "auto", "outlet": "Form Outlet"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{content_hash(SHORT)}"
    page = client.get(response.headers["location"]).text
    assert "Form Outlet" in page
    assert "Enemies within" in client.get("/").text  # listed among recent analyses


def test_the_plain_form_shows_what_is_wrong_with_empty_text(client: TestClient) -> None:
    response = client.post("/analyze", data={"content": "   ", "kind": "text"})
    assert response.status_code == 422
    assert "the text is empty" in response.text


def test_the_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/analyze", "/api/analyses", "/api/analyses/{record_id}", "/api/stats"} <= set(
        schema["paths"]
    )
    assert "/articles/{record_id}" not in schema["paths"]


def test_labels_of_another_model_keep_distinct_colours_on_every_page(
    client: TestClient, store: AnalysisStore
) -> None:
    elsewhere = "Cheers\n\nThe crowd applauds."
    store.add(build_analysis(elsewhere, [("applauds", "Applause", 0.9)]), source="t", input="a")
    text = "Odd\n\nThey shout, they whisper, they wave the flag."
    record_id = store.add(
        build_analysis(
            text,
            [
                ("shout", "Shouting", 0.9),
                ("whisper", "Whispering", 0.8),
                ("flag", "Flag-Waving", 0.7),
            ],
            outlet="Other Model News",
        ),
        source="t",
        input=text,
    )
    css = client.get("/palette.css").text
    palette = dict(re.findall(r"\.t(\d+) \{ --tc: (#[0-9a-f]{6}); \}", css))
    article = client.get(f"/articles/{record_id}").text
    marks = set(re.findall(r'<mark class="hl t(\d+)"', article))
    outlet = client.get("/outlets/Other%20Model%20News").text
    bars = set(re.findall(r'<g class="t(\d+)"', outlet))
    # PTC's 14 keep their slots (Flag-Waving is the 7th); every stored label of another model
    # follows in one order for all pages (Applause is 14th), then the grey of unknown labels.
    assert marks == bars == {"6", "15", "16"}
    assert len({palette[slot] for slot in (*marks, "14")}) == 4
    assert palette["17"] == "#9c9c9c" and "#9c9c9c" not in {palette[slot] for slot in marks}
    assert "Shouting" in article and "Whispering" in outlet


def test_the_body_limit_comes_from_propalens_max_bytes(
    store: AnalysisStore, baseline_analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_MAX_BYTES", "2000")
    client = TestClient(create_app(store, baseline_analyzer, fetch=offline))
    response = client.post("/api/analyze", json={"text": SHORT * 30})
    assert response.status_code == 413 and "2,000-byte limit" in response.json()["detail"]
    assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200


def test_the_browser_s_favicon_request_gets_the_icon_the_pages_link(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.content.startswith(b"<svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    assert client.get("/static/favicon.svg").content == icon.content


def test_the_slider_spans_the_page_s_confidences_and_says_what_a_threshold_means(
    client: TestClient, store: AnalysisStore
) -> None:
    text = "Summit\n\nThe traitors and their lies, again and again."
    spans = [("traitors", "Name_Calling,Labeling", 0.382), ("lies", "Loaded_Language", 0.167)]
    record_id = store.add(build_analysis(text, spans), source="t", input=text)
    page = " ".join(client.get(f"/articles/{record_id}").text.split())
    assert 'type="range" id="threshold" min="16" max="39" step="1" value="16"' in page
    assert "here they run from 16% to 39%" in page
    assert "All 2 spans are shown; by their confidences, about 27% of them are right." in page


def _dates_by_title(page: str) -> dict[str, list[str]]:
    """Each listed article's Published and Analysed cells, as text, by its title."""
    listed = {}
    for row in re.findall(r"<tr>.*?</tr>", page, flags=re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        listed[cells[0]] = cells[-4:-2]
    return listed


def test_lists_show_the_publication_date_or_undated_and_the_analysis_time_apart(
    client: TestClient, store: AnalysisStore
) -> None:
    dated = build_analysis(
        "Dated\n\nA story.", title="Dated", outlet="Ledger", published=dt.date(2019, 3, 2)
    )
    store.add(dated, source="dated.txt", input=dated.text, now=dt.datetime(2026, 5, 1, 9, 30))
    undated = build_analysis("Undated\n\nAnother story.", title="Undated", outlet="Ledger")
    store.add(undated, source="undated.txt", input=undated.text, now=dt.datetime(2026, 5, 1, 9, 45))
    for path in ("/", "/outlets/Ledger"):
        page = client.get(path).text
        assert '<th scope="col">Published</th><th scope="col">Analysed (UTC)</th>' in page
        assert _dates_by_title(page) == {
            "Dated": ["2019-03-02", "2026-05-01 09:30"],
            "Undated": ["undated", "2026-05-01 09:45"],
        }
