"""Your own taxonomy, end to end through the command line: PTC's 14 techniques mapped onto 4
groups (a JSON taxonomy file), a baseline trained on a handful of PTC articles relabelled so,
and that model's labels alone in the JSON, the page, the exports and the scores; then the
round trip a newsroom runs: analyse, correct in Label Studio, import, retrain."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from propalens.batch.export import columns
from propalens.cli import app
from propalens.detect import load_detector, model_kind
from propalens.ptc import LabeledSpan, read_articles, read_spans, split_folders, write_tc
from propalens.taxonomy import load_taxonomy
from tests_support import tiny_corpus

DATA = Path(__file__).parent / "data"
COARSE_FILE = DATA / "taxonomy-coarse.json"
COARSE = load_taxonomy(COARSE_FILE)
PTC = load_taxonomy("ptc")
GROUP = {
    "Loaded_Language": "Emotion",
    "Appeal_to_fear-prejudice": "Emotion",
    "Flag-Waving": "Emotion",
    "Exaggeration,Minimisation": "Emotion",
    "Name_Calling,Labeling": "Attack",
    "Doubt": "Attack",
    "Whataboutism,Straw_Men,Red_Herring": "Attack",
    "Bandwagon,Reductio_ad_hitlerum": "Attack",
    "Causal_Oversimplification": "Simplification",
    "Black-and-White_Fallacy": "Simplification",
    "Thought-terminating_Cliches": "Simplification",
    "Slogans": "Simplification",
    "Appeal_to_Authority": "Assertion",
    "Repetition": "Assertion",
}
runner = CliRunner()


def cli(*arguments: str | Path) -> str:
    """Run `propalens ARGUMENTS`; its standard output, once it has exited with 0."""
    result = runner.invoke(app, [str(argument) for argument in arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def coarse_corpus(ptc: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six PTC training articles in the PTC layout, their techniques renamed to their groups."""
    assert set(GROUP) == set(PTC.labels) and set(GROUP.values()) == set(COARSE.labels)
    corpus = tiny_corpus(ptc, tmp_path_factory.mktemp("coarse") / "ptc", count=6)
    for labels in split_folders(corpus, "train").tc.glob("*.labels"):
        grouped = [
            LabeledSpan(span.article_id, span.start, span.end, GROUP[str(span.technique)])
            for span in read_spans(labels, PTC)
        ]
        write_tc(labels, grouped)
    return corpus


@pytest.fixture(scope="module")
def coarse_model(coarse_corpus: Path) -> Path:
    model = coarse_corpus.parent / "model"
    cli(
        "train",
        "--taxonomy",
        COARSE_FILE,
        "--data",
        coarse_corpus,
        "--model",
        "baseline",
        "--out",
        model,
    )
    return model


def an_article(corpus: Path) -> Path:
    return next(iter(sorted(split_folders(corpus, "train").articles.glob("*.txt"))))


def test_the_trained_model_names_its_json_taxonomy_and_carries_a_copy(coarse_model: Path) -> None:
    manifest = json.loads((coarse_model / "model.json").read_text())
    assert (manifest["kind"], manifest["taxonomy"]) == ("baseline", COARSE_FILE.name)
    assert (coarse_model / COARSE_FILE.name).read_bytes() == COARSE_FILE.read_bytes()
    assert load_detector(coarse_model).labels == COARSE.labels


def test_its_analyses_show_only_its_labels_in_json_and_on_the_page(
    coarse_model: Path, coarse_corpus: Path, tmp_path: Path
) -> None:
    article = an_article(coarse_corpus)

    analysis = json.loads(cli("analyze", article, "--model", coarse_model))
    page = tmp_path / "page.html"
    cli("analyze", article, "--model", coarse_model, "--format", "html", "-o", page)

    techniques = {span["technique"] for span in analysis["spans"]}
    assert techniques and techniques <= set(COARSE.labels)
    html = page.read_text(encoding="utf-8")
    legend = set(re.findall(r'<mark class="t\d+">([^<]+)</mark>', html))
    assert legend == techniques
    assert all(f"<td>{COARSE.definition(label)}</td>" in html for label in techniques)
    assert not [label for label in PTC.labels if f">{label}</mark>" in html]


def test_the_batch_export_has_a_column_per_label_of_its_taxonomy_and_no_other(
    coarse_model: Path, coarse_corpus: Path, tmp_path: Path
) -> None:
    db, exported = tmp_path / "store.db", tmp_path / "corpus.csv"
    cli("batch", an_article(coarse_corpus), "--db", db, "--workers", "1", "--model", coarse_model)
    cli("export", "--db", db, "--format", "csv", "-o", exported, "--model", coarse_model)

    with exported.open(newline="", encoding="utf-8") as rows:
        reader = csv.DictReader(rows)
        assert tuple(reader.fieldnames or ()) == columns(COARSE)
        assert sum(int(row[label]) for row in reader for label in COARSE.labels) > 0


@pytest.mark.parametrize("labels_from", ["--model", "--taxonomy"])
def test_evaluate_scores_its_predictions_per_label_of_its_taxonomy(
    coarse_model: Path, coarse_corpus: Path, tmp_path: Path, labels_from: str
) -> None:
    folders = split_folders(coarse_corpus, "train")
    predicted = tmp_path / "tc.labels"
    cli("predict", folders.articles, "--tc-out", predicted, "--model", coarse_model)
    labels = coarse_model if labels_from == "--model" else coarse_model / COARSE_FILE.name

    scores = json.loads(
        cli(
            "evaluate",
            "--task",
            "tc",
            "--gold",
            folders.tc,
            "--pred",
            predicted,
            labels_from,
            labels,
            "--json",
        )
    )

    assert list(scores["per_class"]) == list(COARSE.labels)
    assert sum(score["support"] for score in scores["per_class"].values()) > 0


def test_fast_is_the_minilm_model_and_accurate_is_not_available_yet(
    coarse_corpus: Path, tmp_path: Path
) -> None:
    assert model_kind("fast").name == "minilm"
    result = runner.invoke(
        app,
        [
            "train",
            "--taxonomy",
            str(COARSE_FILE),
            "--data",
            str(coarse_corpus),
            "--model",
            "accurate",
            "--out",
            str(tmp_path / "m"),
        ],
    )
    assert result.exit_code == 2
    assert "'accurate' model" in result.output and "not available yet" in result.output


def corrected_by_a_person(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What Label Studio exports after a person worked through the imported tasks: each task
    gets its id and one annotation that starts from the prediction; the person deletes the
    first predicted span, relabels the next, and marks the headline by hand."""
    exported = []
    for number, task in enumerate(tasks, start=1):
        result = [dict(item, origin="prediction") for item in task["predictions"][0]["result"]]
        del result[:1]
        if result:
            result[0]["value"] = dict(result[0]["value"], labels=["Assertion"])
            result[0]["origin"] = "prediction-changed"
        text = task["data"]["text"]
        headline = text[: text.index("\n")]
        label = COARSE.labels[number % len(COARSE.labels)]
        result.append(
            {
                "value": {"start": 0, "end": len(headline), "text": headline, "labels": [label]},
                "id": f"manual{number}",
                "from_name": "technique",
                "to_name": "text",
                "type": "labels",
                "origin": "manual",
            }
        )
        annotation = {
            "id": 500 + number,
            "completed_by": 1,
            "result": result,
            "was_cancelled": False,
            "ground_truth": False,
            "created_at": "2024-06-03T10:00:00.000000Z",
            "updated_at": "2024-06-03T10:05:00.000000Z",
            "lead_time": 95.2,
            "task": number,
        }
        exported.append(
            {
                "id": number,
                "data": task["data"],
                "annotations": [annotation],
                "predictions": [900 + number],
                "project": 3,
            }
        )
    return exported


def test_analyse_export_correct_import_and_retrain_closes_the_loop(
    coarse_model: Path, coarse_corpus: Path, tmp_path: Path
) -> None:
    articles = split_folders(coarse_corpus, "train").articles
    review = tmp_path / "review"
    cli(
        "export-annotations",
        articles,
        "--format",
        "label-studio",
        "--out",
        review,
        "--model",
        coarse_model,
    )
    tasks = json.loads((review / "tasks.json").read_text(encoding="utf-8"))
    export = tmp_path / "project-3-at-2024-06-03.json"
    export.write_text(json.dumps(corrected_by_a_person(tasks)), encoding="utf-8")

    corrected = tmp_path / "corrected"
    cli("import-annotations", export, "--taxonomy", COARSE_FILE, "--out", corrected)
    retrained = tmp_path / "retrained"
    cli(
        "train",
        "--taxonomy",
        COARSE_FILE,
        "--data",
        corrected,
        "--model",
        "baseline",
        "--out",
        retrained,
    )

    originals = {article.id: article.text for article in read_articles(articles)}
    folders = split_folders(corrected, "train")
    assert {a.id: a.text for a in read_articles(folders.articles)} == originals
    spans = read_spans(folders.tc, COARSE)
    for task in corrected_by_a_person(tasks):
        kept = [item["value"] for item in task["annotations"][0]["result"]]
        article_id = task["data"]["article_id"]
        assert sorted((v["start"], v["end"], v["labels"][0]) for v in kept) == sorted(
            (s.start, s.end, s.technique) for s in spans if s.article_id == article_id
        )
    assert load_detector(retrained).labels == COARSE.labels
