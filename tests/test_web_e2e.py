"""The pages in a real headless Chromium (Debian's `chromium`, driven by Playwright) against a
live uvicorn server: paste, read the highlights, filter by confidence, use the keyboard, and
make sure hostile markup in an article never runs."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from propalens.api.access import Access
from propalens.pipeline import Analyzer
from propalens.server import create_app
from propalens.store import SQLiteStore
from web_support import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WIRE = (Path(__file__).parent / "data" / "scraped_republished_wire.txt").read_text(encoding="utf-8")
HOSTILE = (
    'Hostile <img src=x onerror="window.__pwned=1">\n\n'
    "The corrupt elite hide this: <script>window.__pwned=2</script> and the "
    '<a href="javascript:window.__pwned=3">link</a> lies <svg onload="window.__pwned=4"></svg>.'
)

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed"
)


@pytest.fixture(scope="module")
def base_url(
    tmp_path_factory: pytest.TempPathFactory, baseline_analyzer: Analyzer
) -> Iterator[str]:
    store = SQLiteStore(tmp_path_factory.mktemp("e2e") / "e2e.db")
    with serve_in_thread(create_app(store, baseline_analyzer)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def analyse(base_url: str, text: str) -> dict[str, Any]:
    response = httpx.post(f"{base_url}/api/analyze", json={"text": text}, timeout=30)
    response.raise_for_status()
    record: dict[str, Any] = response.json()
    return record


def test_pasting_an_article_shows_its_techniques_highlighted(base_url: str, page: Any) -> None:
    page.goto(base_url + "/")
    page.fill("#content", WIRE)
    page.click("#analyze-button")
    page.wait_for_url("**/articles/*")
    spans = analyse(base_url, WIRE)["analysis"]["spans"]  # the same text: the same record
    assert spans, "the model finds techniques in this article"
    marks = page.locator("mark.hl")
    assert marks.count() == len(spans)
    assert {marks.nth(n).inner_text() for n in range(marks.count())} == {s["text"] for s in spans}
    background = marks.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("ul.legend li").count() == len({s["technique"] for s in spans})
    assert page.locator(".article-text .removed").count() > 0  # boilerplate greyed out
    assert "Global Research" in page.locator(".outlet-card").inner_text()


def test_the_slider_hides_spans_below_the_chosen_confidence(base_url: str, page: Any) -> None:
    record = analyse(base_url, WIRE)
    confidences = sorted(span["confidence"] for span in record["analysis"]["spans"])
    assert len(set(confidences)) >= 2
    threshold = round(100 * (confidences[0] + confidences[-1]) / 2)
    expected_hidden = sum(100 * c < threshold for c in confidences)
    page.goto(f"{base_url}/articles/{record['id']}")
    slider = page.locator("#threshold")
    assert slider.is_visible()
    lowest, highest = int(slider.get_attribute("min")), int(slider.get_attribute("max"))
    assert lowest <= 100 * confidences[0] < lowest + 1 and highest - 1 < 100 * confidences[-1]
    slider.focus()
    for _ in range(threshold - lowest):
        page.keyboard.press("ArrowRight")
    assert page.locator("#threshold-value").inner_text() == f"{threshold}%"
    shown = [c for c in confidences if 100 * c >= threshold]
    assert page.locator("#threshold-share").inner_text() == (
        f"{len(shown)} of {len(confidences)} spans have {threshold}% or more; by their "
        f"confidences, about {round(100 * sum(shown) / len(shown))}% of them are right."
    )
    hidden = page.locator("mark.hl.below")
    assert hidden.count() == expected_hidden
    style = hidden.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert style == "rgba(0, 0, 0, 0)"
    assert hidden.first.get_attribute("tabindex") == "-1"
    assert (
        page.locator("#shown-count")
        .inner_text()
        .startswith(f"{len(confidences) - expected_hidden} of {len(confidences)}")
    )
    page.keyboard.press("Home")
    assert page.locator("mark.hl.below").count() == 0


def test_tabbing_to_a_span_shows_its_tooltip(base_url: str, page: Any) -> None:
    record = analyse(base_url, WIRE)
    first = min(record["analysis"]["spans"], key=lambda span: span["start"])
    page.goto(f"{base_url}/articles/{record['id']}")
    tooltip = page.locator("#tooltip")
    assert not tooltip.is_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    else:
        pytest.fail("no highlighted span took the keyboard focus")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == first["text"]
    assert tooltip.is_visible()
    text = tooltip.inner_text()
    assert first["technique"].replace("_", " ") in text
    assert f"{round(100 * first['confidence'])}% confidence" in text
    assert "speaker:" in text
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()


def test_hostile_markup_in_an_article_is_shown_as_text_and_never_runs(
    base_url: str, page: Any
) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    record = analyse(base_url, HOSTILE)
    page.goto(f"{base_url}/articles/{record['id']}")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#article-text img, #article-text script, #article-text svg").count() == 0
    shown = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned=2</script>" in shown
    assert '<img src=x onerror="window.__pwned=1">' in page.locator("h1").inner_text()
    assert messages == []


def test_the_running_server_refuses_a_60_mb_body_before_reading_it(base_url: str) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            b"POST /api/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: 60000000\r\n\r\n"
        )
        reply = connection.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413")
    assert "content-security-policy" in reply.lower()


def test_the_form_sends_the_token_from_its_field_on_a_guarded_server(
    tmp_path: Path, baseline_analyzer: Analyzer, page: Any
) -> None:
    token = "k3Tq-9vX_2mPz7LwR4sN8bYc"
    access = Access(token=SecretStr(token))
    with (
        SQLiteStore(tmp_path / "guarded.db") as store,
        serve_in_thread(create_app(store, baseline_analyzer, access=access)) as url,
    ):
        page.goto(url + "/")
        assert not page.locator("#token").is_visible()  # folded away until needed
        page.fill("#content", WIRE)
        page.click("#analyze-button")
        page.locator("#form-error", has_text="PROPALENS_TOKEN").wait_for()  # the 401, shown
        page.fill("#token", token)  # the refusal unfolded the field
        page.click("#analyze-button")
        page.wait_for_url("**/articles/*")
        assert token not in page.url and token not in page.content()


def test_the_side_panel_of_a_long_article_scrolls_within_the_window(
    base_url: str, page: Any
) -> None:
    said = "".join(
        f'"The corrupt elite lied to us for the {n}th time," said Anna Orlova. ' for n in range(40)
    )
    record = analyse(base_url, "A long speech\n\n" + said)
    assert len(record["analysis"]["quotes"]) == 40
    page.goto(f"{base_url}/articles/{record['id']}")
    panel = page.locator("aside.panel")
    height, inner, scrolls = panel.evaluate(
        "node => [node.getBoundingClientRect().height, innerHeight,"
        " node.scrollHeight > node.clientHeight]"
    )
    assert height <= inner and scrolls
    panel.evaluate("node => { node.scrollTop = node.scrollHeight; }")
    last_quote = page.locator(".quotes li").last
    assert page.evaluate("scrollY") == 0 and last_quote.is_visible()
    box = last_quote.bounding_box()
    assert box is not None and box["y"] + box["height"] <= inner
