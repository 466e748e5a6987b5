"""What comes out of a filled store: exports (JSONL, CSV, Parquet) with one row per article,
and the aggregate HTML report, checked in a real Chromium."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from propalens.batch.export import VOICE_COLUMNS, columns
from propalens.cli import app
from propalens.schema import VoiceShares
from propalens.store import Failure, NewRecord, content_hash, open_store
from propalens.taxonomy import load_taxonomy
from web_support import build_analysis

TECHNIQUES = load_taxonomy("ptc").labels
COLUMNS = columns(load_taxonomy("ptc"))
PTC_CSV_HEADER = (
    "id,input_id,source,title,outlet,published,score,span_count,Loaded_Language,"
    '"Name_Calling,Labeling",Repetition,Doubt,"Exaggeration,Minimisation",'
    "Appeal_to_fear-prejudice,Flag-Waving,Causal_Oversimplification,Appeal_to_Authority,"
    "Slogans,Black-and-White_Fallacy,Thought-terminating_Cliches,"
    '"Whataboutism,Straw_Men,Red_Herring","Bandwagon,Reductio_ad_hitlerum",'
    "voice_author,voice_quoted"
)
OWN_LABELS = tuple(f"Own_Label_{number:02d}" for number in range(1, 10))
"""Nine labels outside PTC's 14: 23 in all, past the 15 colours of a fixed palette."""

CHROMIUM = "/usr/bin/chromium"
HOSTILE_OUTLET = '<img src=x onerror="window.__pwned=1">Daily <b>Bold</b>'
CLIMATE = (
    "Climate plan\n\nThe so-called experts want to destroy our way of life. "
    'The minister said: "This reckless plan will ruin every family in the country."'
)
BORDER = "Border\n\nThe invaders are coming, and only a wall can save the nation. Build it now."
HARBOUR = "Harbour closure\n\nThe harbour will close for repairs from Monday, the council said."


def fill(path: Path) -> Path:
    climate = build_analysis(
        CLIMATE,
        [
            ("so-called experts", "Name_Calling,Labeling", 0.8),
            ("destroy our way of life", "Appeal_to_fear-prejudice", 0.7),
            ("reckless plan will ruin every family", "Loaded_Language", 0.9),
        ],
        title="Climate plan",
        outlet="The Coastal Ledger",
        published=dt.date(2024, 3, 5),
    ).model_copy(update={"voice_shares": VoiceShares(author=2 / 3, quoted=1 / 3)})
    border = build_analysis(
        BORDER,
        [
            ("invaders", "Name_Calling,Labeling", 0.9),
            ("only a wall can save the nation", "Black-and-White_Fallacy", 0.6),
            ("Build it now", "Slogans", 0.7),
        ],
        title="Border <script>alert(1)</script>",
        outlet=HOSTILE_OUTLET,
        published=dt.date(2024, 4, 1),
    ).model_copy(update={"voice_shares": VoiceShares(author=1.0)})
    harbour = build_analysis(HARBOUR, title="Harbour closure", outlet="Harbour Times")
    with open_store(path) as store:
        store.write(
            [NewRecord(climate, "climate.txt", CLIMATE), NewRecord(border, "border.txt", BORDER),
             NewRecord(harbour, "corpus.jsonl:3", HARBOUR)],
            [Failure("photo.txt", "binary data (looks like a PNG image), not text")],
        )  # fmt: skip
    return path


def export(db: Path, export_format: str, out: Path, *options: str) -> None:
    result = CliRunner().invoke(
        app, ["export", "--db", str(db), "-f", export_format, "-o", str(out), *options]
    )
    assert result.exit_code == 0, result.output


def test_a_jsonl_export_has_one_row_per_article_with_its_full_analysis(tmp_path: Path) -> None:
    db = fill(tmp_path / "store.db")
    export(db, "jsonl", tmp_path / "out.jsonl")

    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]

    assert [row["id"] for row in rows] == [content_hash(t) for t in (CLIMATE, BORDER, HARBOUR)]
    climate = rows[0]
    assert (climate["source"], climate["outlet"], climate["published"]) == (
        "climate.txt", "The Coastal Ledger", "2024-03-05"
    )  # fmt: skip
    assert climate["techniques"] == {
        "Appeal_to_fear-prejudice": 1, "Loaded_Language": 1, "Name_Calling,Labeling": 1
    }  # fmt: skip
    assert climate["voice_shares"] == {"author": 2 / 3, "quoted": 1 / 3}
    assert climate["analysis"]["text"] == CLIMATE and len(climate["analysis"]["spans"]) == 3
    assert rows[2]["techniques"] == {} and rows[2]["span_count"] == 0


def test_export_failures_lists_the_recorded_failures_in_every_format(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db = fill(tmp_path / "store.db")
    for export_format in ("jsonl", "csv", "parquet"):
        export(db, export_format, tmp_path / f"failures.{export_format}", "--failures")

    jsonl = [json.loads(line) for line in (tmp_path / "failures.jsonl").read_text().splitlines()]
    with (tmp_path / "failures.csv").open(encoding="utf-8", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    parquet = pq.read_table(tmp_path / "failures.parquet").to_pylist()
    expected = ("photo.txt", "binary data (looks like a PNG image), not text")
    assert [(row["source"], row["error"], row["attempts"]) for row in jsonl] == [(*expected, 1)]
    assert [(row["source"], row["error"], row["attempts"]) for row in csv_rows] == [
        (*expected, "1")
    ]
    assert [(row["source"], row["error"], row["attempts"]) for row in parquet] == [(*expected, 1)]
    assert list(csv_rows[0]) == ["source", "error", "content_hash", "attempts", "failed_at"]
    assert dt.datetime.fromisoformat(jsonl[0]["failed_at"]) == parquet[0]["failed_at"]


def export_csv_and_parquet(db: Path, folder: Path) -> tuple[list[dict[str, str]], Any]:
    """The store exported as CSV rows and as a Parquet table (out.csv, out.parquet in folder)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    export(db, "csv", folder / "out.csv")
    export(db, "parquet", folder / "out.parquet")
    with (folder / "out.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle)), pq.read_table(folder / "out.parquet")


def test_csv_and_parquet_exports_have_a_column_per_technique_and_the_voice_shares(
    tmp_path: Path,
) -> None:
    db = fill(tmp_path / "store.db")
    csv_rows, table = export_csv_and_parquet(db, tmp_path)

    assert tuple(csv_rows[0]) == COLUMNS == tuple(table.column_names)
    assert set(TECHNIQUES) <= set(COLUMNS)
    assert {"id", "source", "outlet", "score", "voice_author", "voice_quoted"} <= set(COLUMNS)
    parquet_rows = table.to_pylist()
    assert len(csv_rows) == len(parquet_rows) == 3
    border_csv, border_parquet = csv_rows[1], parquet_rows[1]
    assert border_csv["outlet"] == border_parquet["outlet"] == HOSTILE_OUTLET
    assert border_csv["Slogans"] == "1" and border_parquet["Slogans"] == 1
    assert border_csv["Loaded_Language"] == "0" and border_parquet["Loaded_Language"] == 0
    assert border_parquet["published"] == dt.date(2024, 4, 1)
    assert float(border_csv["voice_author"]) == border_parquet["voice_author"] == 1.0
    assert [row["id"] for row in parquet_rows] == [row["id"] for row in csv_rows]


@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed")
def test_the_report_opens_in_chromium_without_errors_or_requests_and_escapes_articles(
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    db = fill(tmp_path / "store.db")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    markup = re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.DOTALL)
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", markup) is None
    assert "<link" not in markup and "<script src" not in markup
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
        page.goto(out.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot").count()
        outlet_label = page.get_by_text("Daily <b>Bold</b>", exact=False).count()
        pwned = page.evaluate("window.__pwned")
        browser.close()

    assert errors == []
    assert requests == [out.as_uri()]
    assert charts == 4  # technique mix, voices, scores and, as the articles are dated, time
    assert outlet_label >= 1 and pwned is None


def fill_with_own_labels(path: Path) -> Path:
    """A store that also holds an analysis by a model with its own labels."""
    text = "Own labels\n\n" + " ".join(f"phrase{number}" for number in range(len(OWN_LABELS)))
    spans = [(f"phrase{n}", label, 0.5) for n, label in enumerate(OWN_LABELS)]
    analysis = build_analysis(text, spans, title="Own labels", outlet="Elsewhere")
    fill(path)
    with open_store(path) as store:
        store.add(analysis, source="own.txt", input=text)
    return path


def test_a_csv_export_of_ptc_labels_keeps_its_header_byte_for_byte(tmp_path: Path) -> None:
    db = fill(tmp_path / "store.db")
    export(db, "csv", tmp_path / "out.csv")
    header = (tmp_path / "out.csv").read_bytes().split(b"\r\n", 1)[0]
    assert header.decode("utf-8") == PTC_CSV_HEADER


def test_exports_add_a_column_for_each_stored_label_outside_the_models_taxonomy(
    tmp_path: Path,
) -> None:
    db = fill_with_own_labels(tmp_path / "store.db")
    csv_rows, table = export_csv_and_parquet(db, tmp_path)
    expected = (*COLUMNS[: -len(VOICE_COLUMNS)], *OWN_LABELS, *VOICE_COLUMNS)
    assert tuple(csv_rows[0]) == expected == tuple(table.column_names)
    own_csv, own_parquet = csv_rows[-1], table.to_pylist()[-1]
    assert all(own_csv[label] == "1" and own_parquet[label] == 1 for label in OWN_LABELS)
    assert csv_rows[0][OWN_LABELS[0]] == "0"


def test_the_report_shows_every_stored_label_in_a_colour_of_its_own(tmp_path: Path) -> None:
    from propalens.batch.labels import model_taxonomy

    db = fill_with_own_labels(tmp_path / "store.db")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])

    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    taxonomy = model_taxonomy().covering(OWN_LABELS)
    shown = ["Slogans", "Loaded_Language", *OWN_LABELS]
    for label in shown:
        assert f"{label}: %{{x:.1f}}%" in html, label
        assert taxonomy.colour(label) in html, label
    assert len({taxonomy.colour(label) for label in shown}) == len(shown)


def test_chart_labels_show_an_outlet_s_quotes_and_apostrophes_as_written(tmp_path: Path) -> None:
    from propalens.batch.report import render_report

    outlet = 'The "Daily" Ledger\'s <b>Edition</b> & Co'
    analysis = build_analysis(
        HARBOUR, [("harbour will close", "Loaded_Language", 0.6)], outlet=outlet
    )
    with open_store(tmp_path / "store.db") as store:
        store.add(analysis, source="harbour.txt", input=HARBOUR)
        html = render_report(store)
    assert "&quot;Daily&quot;" not in html and "Ledger&#x27;s" not in html  # Plotly prints these
    # Plotly reads its labels as markup: angle brackets and ampersands stay escaped for it (and
    # it writes "/" in its JSON as \u002f).
    assert 'The \\"Daily\\" Ledger\'s &lt;b&gt;Edition&lt;\\u002fb&gt; &amp; Co (1)' in html


def test_the_report_names_propalens_once_in_its_title_and_heading(tmp_path: Path) -> None:
    from propalens.batch.report import render_report

    with open_store(tmp_path / "store.db") as store:
        html = render_report(store)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert title is not None and heading is not None
    for shown in (title.group(1), re.sub(r"<[^>]+>", "", heading.group(1))):
        assert shown.count("propalens") == 1, shown
        assert "batch report" in shown.lower()
