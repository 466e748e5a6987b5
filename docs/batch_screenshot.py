"""Take docs/batch-report.png: batch the PTC dev articles and the sample articles into a
throw-away store, write `propalens report`, and photograph it in Debian's chromium.

    .venv/bin/python docs/batch_screenshot.py [--out docs/batch-report.png] [--model baseline]

The model is the default one (`Settings().model`) unless --model names another.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from propalens.batch import run_batch
from propalens.batch.report import render_report
from propalens.store import open_store

REPO = Path(__file__).resolve().parents[1]
INPUTS = [
    REPO.parent / "shared" / "data" / "ptc" / "dev-articles",
    *sorted((REPO / "tests" / "data").glob("scraped_*.txt")),
    REPO / "tests" / "data" / "ingest",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "batch-report.png")
    parser.add_argument("--model", default=None, help="a model's name or folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        with open_store(Path(folder) / "shot.db") as store:
            run_batch([str(path) for path in INPUTS], store, workers=2, model=args.model)
            report.write_text(render_report(store, model=args.model), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(report.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            page.screenshot(path=str(args.out), full_page=True)
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
