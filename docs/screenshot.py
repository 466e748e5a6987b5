"""Take docs/article-page.png: serve the app, analyse a sample article, photograph its page.

    .venv/bin/python docs/screenshot.py [--model baseline] [--article docs/demo_article.txt]
                                        [--out docs/article-page.png]

The default article, docs/demo_article.txt, is an invented republication of a wire story,
written for this picture.

Runs the same app as `propalens serve` (in-process, on a free port, with a throw-away
database) and drives Debian's chromium through Playwright, focusing the first highlighted span
so that its tooltip is in the picture.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from propalens.detect import load_detector  # noqa: E402
from propalens.pipeline import Analyzer  # noqa: E402
from propalens.server import create_app  # noqa: E402
from propalens.store import open_store  # noqa: E402
from web_support import serve_in_thread  # noqa: E402

ARTICLE = REPO / "docs" / "demo_article.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="a shipped model (e.g. baseline); default: the default")
    parser.add_argument("--article", type=Path, default=ARTICLE, help="the text to analyse")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "article-page.png")
    args = parser.parse_args()
    analyzer = Analyzer(load_detector(args.model))
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(Path(folder) / "shot.db") as store,
        serve_in_thread(create_app(store, analyzer)) as base_url,
        sync_playwright() as playwright,
    ):
        text = args.article.read_text(encoding="utf-8")
        record = httpx.post(f"{base_url}/api/analyze", json={"text": text}, timeout=60)
        record.raise_for_status()
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1320, "height": 900})
        page.goto(f"{base_url}/articles/{record.json()['id']}")
        # The side panel scrolls within the window: make the window tall enough to show it whole.
        panel_height = page.locator("aside.panel").evaluate("node => node.scrollHeight")
        page.set_viewport_size({"width": 1320, "height": max(900, panel_height + 48)})
        marks = page.locator("mark.hl")
        if marks.count():
            marks.nth(marks.count() - 1).focus()
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
