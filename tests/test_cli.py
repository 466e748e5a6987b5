import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import propalens
import propalens.detect
from fake_detector import FRAGILE_MARKER, fragile_detector
from propalens.cli import app
from propalens.ptc import read_spans
from propalens.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"
REPUBLISHED = str(DATA / "scraped_republished_wire.txt")
runner = CliRunner()
MARKED_ARTICLE = (
    "Traitors Sell Out the Nation\n\nThe corrupt elite and their lying puppets in the media "
    "want to destroy our great country, and every patriot must stand up and fight back now.\n"
)


def test_analyze_prints_one_json_object_for_one_input() -> None:
    result = runner.invoke(app, ["analyze", REPUBLISHED])
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert analysis["original_outlet"] == "RT"
    assert {"tweet_embed", "read_more", "photo_caption", "disclaimer"} <= {
        removed["kind"] for removed in analysis["removed"]
    }


def test_analyze_prints_an_array_for_several_inputs() -> None:
    result = runner.invoke(app, ["analyze", REPUBLISHED, str(DATA / "scraped_free_text.txt")])
    assert result.exit_code == 0, result.output
    assert [type(item) for item in json.loads(result.stdout)] == [dict, dict]


def test_an_empty_input_is_a_clear_error_with_exit_code_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr and "empty" in result.stderr


def test_good_inputs_are_analysed_and_failures_listed_at_the_end(tmp_path: Path) -> None:
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = runner.invoke(app, ["analyze", REPUBLISHED, str(binary), str(tmp_path / "gone.txt")])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["title"].startswith("Moscow calls Douma")
    assert "2 input(s) failed" in result.stderr
    assert "photo.png" in result.stderr and "gone.txt" in result.stderr


def test_an_input_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Word " * 400)
    result = runner.invoke(app, ["analyze", str(big), "--max-bytes", "1000"])
    assert result.exit_code == 2 and "big.txt" in result.stderr


@pytest.mark.parametrize("command", [["analyze", "-"], ["batch", "-", "--db", "unused.db"]])
def test_a_size_limit_below_one_byte_is_refused_naming_the_flag(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--max-bytes", "0"], input="Title\n\nText.\n")
    assert result.exit_code == 2
    assert "--max-bytes" in result.output and "max_bytes" not in result.output


def test_a_setting_that_cannot_be_read_is_named_by_its_variable() -> None:
    result = runner.invoke(
        app, ["analyze", "-"], input="T\n\nX.\n", env={"PROPALENS_MAX_BYTES": "0"}
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("PROPALENS_MAX_BYTES: ") and "max_bytes" not in result.stderr


def test_analyze_reads_standard_input() -> None:
    result = runner.invoke(app, ["analyze", "-"], input="Title\n\nA shameful lie.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Title"


def test_analyze_writes_a_self_contained_html_page(tmp_path: Path) -> None:
    page = tmp_path / "out.html"
    result = runner.invoke(app, ["analyze", REPUBLISHED, "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert html.startswith("<!doctype html>") and "Moscow calls Douma" in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0]


def test_writing_one_analysis_to_a_file_says_so_in_the_singular(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", REPUBLISHED, "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert "wrote 1 analysis to" in result.stderr


def test_version_prints_the_installed_version_and_exits() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"propalens {propalens.__version__}"


def test_analyze_text_format_marks_the_article_in_the_terminal() -> None:
    result = runner.invoke(app, ["analyze", REPUBLISHED, "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Moscow calls Douma" in result.stdout and "propaganda score" in result.stdout


def test_analyze_text_format_into_a_pipe_marks_the_spans_in_the_text_itself() -> None:
    result = runner.invoke(
        app, ["analyze", "-", "--format", "text", "--model", "baseline"], input=MARKED_ARTICLE
    )
    assert result.exit_code == 0, result.output
    assert "⟦" in result.stdout and "⟧[1]" in result.stdout


def test_analyze_runs_the_model_given_with_model() -> None:
    result = runner.invoke(app, ["analyze", REPUBLISHED, "--model", "baseline"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["model"]["name"] == "baseline"


def test_analyze_jsonl_gives_one_line_per_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"text": "One\n\nA disgraceful act."})
        + "\n{broken\n"
        + json.dumps({"text": "Two\n\nA heroic nation."})
        + "\n"
    )
    result = runner.invoke(app, ["analyze", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 2
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["One", "Two"]
    assert "corpus.jsonl:2" in result.stderr


def test_analyze_jsonl_gives_each_record_its_id_from_the_id_column_and_its_line() -> None:
    corpus = DATA / "ingest" / "corpus.jsonl"
    result = runner.invoke(
        app,
        ["analyze", str(corpus), "--format", "jsonl", "--id-column", "id", "--model", "baseline"],
    )
    assert result.exit_code == 2  # the corpus holds deliberately bad records
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["input_id"], line["source"]) for line in lines] == [
        ("101", f"{corpus}:1"), ("105", f"{corpus}:6")
    ]  # fmt: skip


def test_a_csv_corpus_gives_each_row_its_id_and_the_line_it_starts_on() -> None:
    corpus = DATA / "ingest" / "corpus.csv"
    result = runner.invoke(
        app,
        ["analyze", str(corpus), "--format", "jsonl", "--id-column", "id", "--model", "baseline"],
    )
    first = json.loads(result.stdout.splitlines()[0])
    assert (first["input_id"], first["source"]) == ("201", f"{corpus}:2")


def test_every_result_of_several_inputs_names_the_input_it_came_from(tmp_path: Path) -> None:
    free_text = str(DATA / "scraped_free_text.txt")
    result = runner.invoke(app, ["analyze", REPUBLISHED, free_text, "--model", "baseline"])
    assert result.exit_code == 0, result.output
    assert [item["source"] for item in json.loads(result.stdout)] == [REPUBLISHED, free_text]
    piped = runner.invoke(app, ["analyze", "-", "--model", "baseline"], input="Title\n\nA lie.\n")
    assert json.loads(piped.stdout)["source"] == "<stdin>"


def test_schema_prints_the_analysis_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Analysis"
    assert {"spans", "quotes", "outlet_profile", "model"} <= set(schema["properties"])


def test_evaluate_names_a_taxonomy_it_cannot_find_and_exits_with_code_2(tmp_path: Path) -> None:
    labels = tmp_path / "gold.labels"
    labels.write_text("1\tDoubt\t0\t5\n")
    result = runner.invoke(
        app,
        ["evaluate", "--task", "tc", "--gold", str(labels), "--pred", str(labels),
         "--taxonomy", "no-such-labels"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "no taxonomy 'no-such-labels'" in result.stderr


@pytest.mark.parametrize(
    ("task", "folder"), [("si", "dev-labels-task-si"), ("tc", "dev-labels-task-flc-tc")]
)
def test_evaluate_scores_gold_against_itself_as_perfect(
    ptc: Path, tmp_path: Path, task: str, folder: str
) -> None:
    pred = tmp_path / "pred.txt"
    pred.write_text("".join(path.read_text() for path in sorted((ptc / folder).glob("*.labels"))))
    result = runner.invoke(
        app,
        ["evaluate", "--task", task, "--gold", str(ptc / folder), "--pred", str(pred), "--json"],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    if task == "si":
        assert scores["f1"] == scores["boundaries"]["f1"] == 1.0
    else:
        assert scores["micro"]["f1"] == 1.0


def test_evaluate_si_reports_the_official_and_the_span_boundary_scores_side_by_side(
    tmp_path: Path,
) -> None:
    # One gold span of 41 characters; the prediction is a 14-character fragment of it.
    gold, pred = tmp_path / "gold.labels", tmp_path / "pred.txt"
    gold.write_text("111\t26\t67\n")
    pred.write_text("111\t26\t40\n")
    command = ["evaluate", "--task", "si", "--gold", str(gold), "--pred", str(pred)]

    scores = json.loads(runner.invoke(app, [*command, "--json"]).stdout)
    table = runner.invoke(app, command, terminal_width=120)

    assert (scores["precision"], scores["recall"]) == pytest.approx((1.0, 14 / 41))
    assert scores["boundaries"]["f1"] == 0.0 and scores["boundaries"]["matched"] == 0
    assert table.exit_code == 0, table.output
    assert "character overlap (official)" in table.stdout
    assert "span boundaries" in table.stdout
    assert "0 of 1 gold spans matched" in table.stdout


def test_evaluate_warns_that_the_shipped_model_trained_on_dev_and_tc_needs_the_template(
    ptc: Path, tmp_path: Path
) -> None:
    gold = ptc / "dev-labels-task-flc-tc"
    first = read_spans(gold, load_taxonomy("ptc"))[0]
    own_span = tmp_path / "pred.txt"
    own_span.write_text(f"{first.article_id}\t{first.technique}\t{first.start + 1}\t{first.end}\n")
    command = ["evaluate", "--task", "tc", "--gold", str(gold), "--pred", str(own_span)]

    result = runner.invoke(app, [*command, "--model", "minilm"])

    assert result.exit_code == 0, result.output
    warnings = " ".join(result.stderr.split())
    assert "minilm 0.1.0+train-dev was trained on dev" in warnings
    assert "1 of 1 predicted spans are no gold span" in warnings
    baseline = runner.invoke(app, [*command, "--model", "baseline"])
    assert "trained on dev" not in baseline.stderr


def test_predict_labels_exactly_the_spans_of_a_tc_template(tmp_path: Path) -> None:
    articles = DATA / "ptc_mini" / "articles"
    template = tmp_path / "template.txt"
    template.write_text("832917778\t?\t0\t10\n832917778\t?\t20\t45\n")
    out = tmp_path / "tc.txt"
    result = runner.invoke(
        app, ["predict", str(articles), "--tc-out", str(out), "--tc-template", str(template)]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in out.read_text().splitlines()]
    assert [(line[0], line[2], line[3]) for line in lines] == [
        ("832917778", "0", "10"),
        ("832917778", "20", "45"),
    ]
    assert all(line[1] != "?" for line in lines)


def test_predict_without_a_template_writes_its_own_spans(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "article1.txt").write_text(
        "Traitors!\n\nThe corrupt, treacherous elite will stop at nothing to destroy our great "
        "nation, and these disgusting traitors must be stopped.\n"
    )
    si, tc = tmp_path / "si.txt", tmp_path / "tc.txt"
    result = runner.invoke(
        app, ["predict", str(articles), "--si-out", str(si), "--tc-out", str(tc)]
    )
    assert result.exit_code == 0, result.output
    si_lines = [line.split("\t") for line in si.read_text().splitlines()]
    tc_lines = [line.split("\t") for line in tc.read_text().splitlines()]
    assert si_lines and [line[0] for line in si_lines] == ["1"] * len(si_lines)
    assert [(a, b, c) for a, _, b, c in tc_lines] == [tuple(line) for line in si_lines]


def test_predict_refuses_a_template_naming_articles_it_does_not_have(tmp_path: Path) -> None:
    template = tmp_path / "template.txt"
    template.write_text("111\t?\t0\t10\n")
    result = runner.invoke(
        app,
        ["predict", str(DATA / "ptc_mini" / "articles"), "--tc-out", str(tmp_path / "tc.txt"),
         "--tc-template", str(template)],
    )  # fmt: skip
    assert result.exit_code == 2 and "111" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", REPUBLISHED],
        ["predict", str(DATA / "ptc_mini" / "articles"), "--si-out", "si.txt"],
        ["serve"],
        ["batch", REPUBLISHED],
        ["export", "--db", "corpus.db"],
        ["report", "--db", "corpus.db"],
        ["train", "--data", "ptc", "--out", "model"],
    ],
)
def test_an_unknown_model_is_a_usage_error_naming_the_shipped_ones(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--model", "no-such-model"])
    assert result.exit_code == 2
    assert "no model 'no-such-model'" in result.stderr and "minilm" in result.stderr


def test_a_malformed_tc_template_is_named_with_its_line_and_exit_code_2(tmp_path: Path) -> None:
    template = tmp_path / "template.txt"
    template.write_text("x\t?\t1\n")
    result = runner.invoke(
        app,
        ["predict", str(DATA / "ptc_mini" / "articles"), "--model", "baseline",
         "--tc-out", str(tmp_path / "tc.txt"), "--tc-template", str(template)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "template.txt:1" in result.stderr


@pytest.fixture
def fragile_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """`analyze` runs the fake detector that fails, as a bug would, on FRAGILE_MARKER."""
    monkeypatch.setattr(propalens.detect, "load_detector", lambda model: fragile_detector())


def corpus_of(path: Path, *texts: str) -> Path:
    path.write_text("".join(json.dumps({"text": text}) + "\n" for text in texts), "utf-8")
    return path


@pytest.mark.usefixtures("fragile_model")
def test_an_article_the_analysis_fails_on_is_listed_with_its_exception_and_exit_code_1(
    tmp_path: Path,
) -> None:
    corpus = corpus_of(
        tmp_path / "corpus.jsonl",
        "One\n\nThe ferry ran late.",
        f"Two\n\nThe {FRAGILE_MARKER} ferry ran late.",
        "Three\n\nThe bridge reopened.",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("")

    result = runner.invoke(app, ["analyze", str(corpus), str(empty), "--format", "jsonl"])

    assert result.exit_code == 1, "a bug is not bad input: exit code 1, not 2"
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["One", "Three"]
    stderr = " ".join(result.stderr.split())
    assert f"{corpus}:2: internal error (IndexError: tagger bug on odd input)" in stderr
    assert f"{empty}: empty input" in stderr
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("fragile_model")
def test_a_record_with_a_lone_surrogate_is_analysed_with_a_warning_and_the_rest_too(
    tmp_path: Path,
) -> None:
    records = [f"Article {n}\n\nThe ferry ran late." for n in range(10)]
    corpus = corpus_of(
        tmp_path / "corpus.jsonl", *records[:5], "Broken\n\nCut \ud83d", *records[5:]
    )

    result = runner.invoke(app, ["analyze", str(corpus), "--format", "jsonl"])

    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == [
        *(f"Article {n}" for n in range(5)),
        "Broken",
        *(f"Article {n}" for n in range(5, 10)),
    ]
    assert json.loads(result.stdout.splitlines()[5])["text"] == "Broken\n\nCut \ufffd"
    assert f"warning: {corpus}:6: 'text' holds a lone surrogate" in " ".join(result.stderr.split())
