"""A model with its own 23 labels: every view, the PTC files and the metrics take them as given."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from typer.testing import CliRunner

from fake_detector import TAXONOMY, article, fake_detector, fake_model_folder
from propalens.cli import app
from propalens.detect import load_detector
from propalens.evaluate import score_tc
from propalens.pipeline import Analyzer
from propalens.ptc import LabeledSpan, read_spans, write_tc
from propalens.render import render_html, render_json, render_plain_text, render_terminal
from propalens.schema import Analysis
from propalens.server import create_app
from propalens.store import SQLiteStore
from propalens.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"
CSS_RULE = re.compile(
    r"^\.t(\d+) \{ background: #[0-9a-f]{6}55; border-bottom: 2px solid (#[0-9a-f]{6}); \}$",
    re.MULTILINE,
)
runner = CliRunner()


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return Analyzer(fake_detector()).analyze(article())


def css_colours(page: str) -> dict[int, str]:
    return {int(slot): colour for slot, colour in CSS_RULE.findall(page)}


def test_the_fake_detector_finds_every_one_of_its_23_labels(analysis: Analysis) -> None:
    assert len(TAXONOMY.labels) == 23
    assert {span.technique for span in analysis.spans} == set(TAXONOMY.labels)


def test_json_keeps_the_models_own_labels(analysis: Analysis) -> None:
    techniques = {span["technique"] for span in json.loads(render_json([analysis]))["spans"]}
    assert techniques == set(TAXONOMY.labels)


def test_html_gives_each_of_23_labels_its_own_generated_colour(analysis: Analysis) -> None:
    colours = css_colours(render_html([analysis], TAXONOMY))
    assert [colours[TAXONOMY.slot(label)] for label in TAXONOMY.labels] == [
        TAXONOMY.colour(label) for label in TAXONOMY.labels
    ]
    assert len({colours[TAXONOMY.slot(label)] for label in TAXONOMY.labels}) == 23


def test_html_legend_shows_each_label_with_its_definition_or_none(analysis: Analysis) -> None:
    page = render_html([analysis], TAXONOMY)
    counts = Counter(span.technique for span in analysis.spans)
    for label in TAXONOMY.labels:
        row = f'<tr><td><mark class="t{TAXONOMY.slot(label)}">{label}</mark></td>'
        assert f"{row}<td>{counts[label]}</td><td>{TAXONOMY.definition(label)}</td></tr>" in page
    assert "<td>Test technique number 23.</td>" in page and "<td></td>" in page


def test_html_of_another_models_analysis_still_shows_every_label_apart(
    analysis: Analysis,
) -> None:
    ptc = load_taxonomy("ptc")
    page = render_html([analysis], ptc)
    colours = css_colours(page)
    slots = {int(slot) for slot in re.findall(r'<mark class="t(\d+)">Technique_\d\d</mark>', page)}
    assert len(slots) == 23 and min(slots) >= len(ptc.labels)
    assert len({colours[slot] for slot in slots} | set(ptc.palette)) == 23 + len(ptc.palette)


def test_terminal_draws_each_label_in_its_taxonomy_colour(analysis: Analysis) -> None:
    drawn = io.StringIO()
    console = Console(file=drawn, force_terminal=True, color_system="truecolor", width=100)
    console.print(render_terminal(analysis, TAXONOMY))
    for label in TAXONOMY.labels:
        red, green, blue = bytes.fromhex(TAXONOMY.colour(label)[1:])
        assert f"38;2;{red};{green};{blue}" in drawn.getvalue()
        assert label in drawn.getvalue()


def test_plain_text_lists_all_23_labels(analysis: Analysis) -> None:
    text = render_plain_text([analysis], TAXONOMY)
    assert all(label in text for label in TAXONOMY.labels)


def test_tc_files_of_the_taxonomy_read_back_as_written(tmp_path: Path) -> None:
    spans = [LabeledSpan("1", 10 * n, 10 * n + 5, label) for n, label in enumerate(TAXONOMY.labels)]
    path = tmp_path / "tc.labels"
    write_tc(path, spans)
    assert read_spans(path, TAXONOMY) == spans


def test_the_ptc_reader_refuses_labels_outside_the_taxonomy_given(tmp_path: Path) -> None:
    path = tmp_path / "tc.labels"
    write_tc(path, [LabeledSpan("1", 0, 5, "Technique_23")])
    with pytest.raises(ValueError, match="unknown technique 'Technique_23'"):
        read_spans(path)
    write_tc(path, [LabeledSpan("1", 0, 5, "Loaded_Language")])
    with pytest.raises(ValueError, match="unknown technique 'Loaded_Language'"):
        read_spans(path, TAXONOMY)


def test_tc_scores_one_class_per_label_of_the_taxonomy() -> None:
    gold = [LabeledSpan("1", 0, 5, "Technique_01"), LabeledSpan("1", 9, 12, "Technique_23")]
    pred = [LabeledSpan("1", 0, 5, "Technique_01"), LabeledSpan("1", 9, 12, "Technique_02")]

    score = score_tc(gold, pred, TAXONOMY)

    assert list(score.per_class) == list(TAXONOMY.labels)
    assert score.per_class["Technique_01"].f1 == 1.0
    assert score.per_class["Technique_23"].support == 1
    assert score.per_class["Technique_23"].recall == 0.0


def test_evaluate_scores_files_of_the_taxonomy_given(tmp_path: Path) -> None:
    gold = tmp_path / "gold.labels"
    write_tc(gold, [LabeledSpan("1", 10 * n, 10 * n + 5, t) for n, t in enumerate(TAXONOMY.labels)])
    taxonomy = str(DATA / "taxonomy-23.toml")
    command = ["evaluate", "--task", "tc", "--gold", str(gold), "--pred", str(gold), "--json"]

    result = runner.invoke(app, [*command, "--taxonomy", taxonomy])

    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["micro"]["f1"] == 1.0
    assert list(scores["per_class"]) == list(TAXONOMY.labels)
    assert runner.invoke(app, command).exit_code == 2  # PTC's labels by default


@pytest.fixture
def fake_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return fake_model_folder(tmp_path / "fake-23", monkeypatch)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    source = tmp_path / "article.txt"
    source.write_text(article())
    return source


def test_analyze_model_runs_the_model_named_and_shows_its_labels(
    fake_model: Path, article_file: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"

    result = runner.invoke(
        app,
        [
            "analyze",
            str(article_file),
            "--model",
            str(fake_model),
            "--format",
            "html",
            "-o",
            str(page),
        ],
    )

    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert all(f">{label}</mark>" in html for label in TAXONOMY.labels)
    assert "Model: fake-23 0" in html


def test_a_23_label_model_runs_end_to_end_through_analyze_the_store_exports_report_and_page(
    fake_model: Path, article_file: Path, tmp_path: Path
) -> None:
    labels = set(TAXONOMY.labels)

    analyzed = runner.invoke(app, ["analyze", str(article_file), "--model", str(fake_model)])
    assert analyzed.exit_code == 0, analyzed.output
    assert {span["technique"] for span in json.loads(analyzed.stdout)["spans"]} == labels

    db = tmp_path / "store.db"
    with SQLiteStore(db) as store:
        client = TestClient(create_app(store, Analyzer(load_detector(fake_model))))
        posted = client.post("/api/analyze", json={"text": article()})
        assert posted.status_code == 200
        page = client.get(f"/articles/{posted.json()['id']}")
        assert page.status_code == 200
        assert all(label.replace("_", " ") in page.text for label in labels)

    exported_csv = tmp_path / "corpus.csv"
    exported_parquet = tmp_path / "corpus.parquet"
    report = tmp_path / "report.html"
    for command in (
        ["export", "--db", str(db), "--format", "csv", "-o", str(exported_csv)],
        ["export", "--db", str(db), "--format", "parquet", "-o", str(exported_parquet)],
        ["report", "--db", str(db), "-o", str(report)],
    ):
        result = runner.invoke(app, [*command, "--model", str(fake_model)])
        assert result.exit_code == 0, result.output
    with exported_csv.open(newline="") as rows:
        row = next(csv.DictReader(rows))
    assert all(int(row[label]) >= 1 for label in labels)
    assert labels <= set(pq.read_schema(exported_parquet).names)
    assert all(label in report.read_text() for label in labels)
