"""Label Studio: analyses go out as pre-annotated tasks with a labelling config made from the
taxonomy, and a project's JSON export (a recorded example) comes back checked, span by span."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from propalens.annotations import AnnotationError, ReviewArticle, read_corrections, review_articles
from propalens.annotations.label_studio import (
    chosen_annotation,
    labeling_config,
    task,
    write_label_studio,
)
from propalens.annotations.ptc_folder import write_ptc_folder
from propalens.ptc import read_articles, read_spans, split_folders
from propalens.taxonomy import load_taxonomy
from tests_support import analysis_marking

DATA = Path(__file__).parent / "data"
COARSE = load_taxonomy(DATA / "taxonomy-coarse.json")
EXPORT = DATA / "label_studio" / "project-7-at-2024-05-14-11-05-3f1c2a9e.json"

# Two regional-indicator letters (one flag) are two code points and four UTF-16 units.
RALLY = (
    "Hale's rally \U0001f1fa\U0001f1f8\n\n"
    "He called the plan \u201ca betrayal of every family\u201d. "
    "Critics are \u201cpaid puppets\u201d, he said."
)


def review_of(
    text: str, marked: list[tuple[str, str, float]], source: str = "desk/rally.txt"
) -> ReviewArticle:
    return review_articles([(source, None, analysis_marking(text, marked))])[0]


def test_the_labelling_config_has_one_label_per_technique_in_order_with_colour_and_hint() -> None:
    view = ElementTree.fromstring(labeling_config(COARSE))
    labels = view.find("Labels")
    text = view.find("Text")
    assert labels is not None and text is not None
    assert labels.get("toName") == text.get("name") and text.get("value") == f"${text.get('name')}"
    assert [label.attrib for label in labels] == [
        {"value": t.name, "background": t.colour, "hint": t.definition} for t in COARSE.techniques
    ]


def test_labels_with_commas_and_quotes_survive_the_xml() -> None:
    ptc = load_taxonomy("ptc")
    view = ElementTree.fromstring(labeling_config(ptc))
    assert [label.get("value") for label in view.iter("Label")] == list(ptc.labels)


def test_each_span_is_a_prediction_whose_offsets_slice_the_text_even_after_an_emoji() -> None:
    article = review_of(RALLY, [("a betrayal of every family", "Emotion", 0.82),
                                ("paid puppets", "Attack", 0.64)])  # fmt: skip

    result = task(article)["predictions"][0]["result"]

    values = [item["value"] for item in result]
    assert [RALLY[v["start"] : v["end"]] for v in values] == [v["text"] for v in values]
    assert [v["labels"] for v in values] == [["Emotion"], ["Attack"]]
    assert [(v["score"], item["score"]) for v, item in zip(values, result, strict=True)] == [
        (0.82, 0.82),
        (0.64, 0.64),
    ]
    # Label Studio counts code points; a JavaScript string index would be two further on.
    before = RALLY[: values[0]["start"]]
    assert len(before.encode("utf-16-le")) // 2 == values[0]["start"] + 2
    assert len({item["id"] for item in result}) == 2
    assert {(item["from_name"], item["to_name"], item["type"]) for item in result} == {
        ("technique", "text", "labels")
    }


def test_a_task_carries_the_article_its_ptc_id_and_where_it_came_from() -> None:
    article = review_of(RALLY, [], source="desk/article31.txt")

    exported = task(article)

    assert exported["data"] == {"text": RALLY, "article_id": "31", "source": "desk/article31.txt"}
    prediction = exported["predictions"][0]
    assert (prediction["model_version"], prediction["score"], prediction["result"]) == (
        "baseline 1",
        0.5,
        [],
    )


def test_articles_without_a_ptc_id_are_numbered_around_those_with_one() -> None:
    analysis = analysis_marking("Some text.", [])
    sources = [("a.txt", None), ("article2.txt", None), ("b", "7"), ("again/article2.txt", None)]
    numbered = review_articles((source, given, analysis) for source, given in sources)
    assert [article.article_id for article in numbered] == ["1", "2", "7", "3"]


def test_written_tasks_are_the_json_label_studio_imports(tmp_path: Path) -> None:
    article = review_of(RALLY, [("paid puppets", "Attack", 0.64)])

    config, tasks = write_label_studio([article], COARSE, tmp_path)

    assert ElementTree.parse(config).getroot().tag == "View"
    assert json.loads(tasks.read_text(encoding="utf-8")) == [task(article)]


def test_the_recorded_export_gives_each_task_s_latest_annotation_not_skipped() -> None:
    corrections = read_corrections(EXPORT, COARSE)

    by_id = {c.article.id: c for c in corrections.articles}
    assert sorted(by_id) == ["1001", "1002", "1004"]
    rally = by_id["1001"]
    assert [(s.technique, rally.article.text[s.start : s.end]) for s in rally.spans] == [
        ("Emotion", "a betrayal of every working family"),  # relabelled from Attack
        ("Simplification", "only he could stop the collapse"),
        ("Attack", "paid puppets of Brussels"),  # added by hand, after the second flag
    ]
    lanes = by_id["1002"]  # the later annotation was skipped, so the earlier one counts
    assert [s.technique for s in lanes.spans] == ["Assertion", "Attack"]
    assert by_id["1004"].spans == ()  # submitted with no span: no technique in it
    assert corrections.unannotated == [f"{EXPORT}: task 43"]  # its only annotation was skipped


def test_a_ground_truth_annotation_wins_over_a_later_one() -> None:
    def annotation(number: int, ground_truth: bool, cancelled: bool) -> dict[str, Any]:
        return {
            "id": number,
            "ground_truth": ground_truth,
            "was_cancelled": cancelled,
            "updated_at": f"2024-05-0{number}T09:00:00Z",
        }

    annotations = [
        annotation(1, True, False),
        annotation(2, False, False),
        annotation(3, True, True),
    ]
    assert chosen_annotation(annotations) == annotations[0]
    assert chosen_annotation(annotations[1:]) == annotations[1]
    assert chosen_annotation(annotations[2:]) is None


def edited_export(tmp_path: Path, edit: Any) -> Path:
    """The recorded export after `edit(tasks)` changed it, as a person editing the file would."""
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    edit(tasks)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def latest_results(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = tasks[0]["annotations"][1]["result"]
    return results


def shift_by_one(tasks: list[dict[str, Any]]) -> None:
    value = latest_results(tasks)[2]["value"]
    value["start"], value["end"] = value["start"] + 1, value["end"] + 1


def count_utf16_units(tasks: list[dict[str, Any]]) -> None:
    # What a release that counted JavaScript string units would have written: a flag (four
    # UTF-16 units, two code points) comes before this span.
    value = latest_results(tasks)[1]["value"]
    value["start"], value["end"] = value["start"] + 2, value["end"] + 2


@pytest.mark.parametrize(("edit", "moved"), [(shift_by_one, 2), (count_utf16_units, 1)])
def test_a_span_whose_text_is_not_at_its_offsets_is_an_error_naming_the_task_and_span(
    tmp_path: Path, edit: Any, moved: int
) -> None:
    path = edited_export(tmp_path, edit)
    value = latest_results(json.loads(path.read_text(encoding="utf-8")))[moved]["value"]

    with pytest.raises(AnnotationError) as refused:
        read_corrections(path, COARSE)

    message = str(refused.value)
    assert "task 41 (article 1001), annotation 123" in message
    assert f"[{value['start']}, {value['end']})" in message
    assert f"recorded as {value['text']!r}" in message


def test_labels_outside_the_taxonomy_are_named_together_with_where_each_is_used(
    tmp_path: Path,
) -> None:
    def relabel(tasks: list[dict[str, Any]]) -> None:
        latest_results(tasks)[0]["value"]["labels"] = ["Spin"]
        tasks[1]["annotations"][0]["result"][1]["value"]["labels"] = ["Smear"]

    with pytest.raises(AnnotationError) as refused:
        read_corrections(edited_export(tmp_path, relabel), COARSE)
    message = str(refused.value)
    assert "'Spin' (first in" in message and "task 41" in message
    assert "'Smear' (first in" in message and "task 42" in message
    assert "Emotion, Attack, Simplification, Assertion" in message


def test_a_span_past_the_end_of_its_article_is_an_error_even_without_its_text(
    tmp_path: Path,
) -> None:
    def overrun(tasks: list[dict[str, Any]]) -> None:
        value = tasks[1]["annotations"][0]["result"][0]["value"]
        del value["text"]
        value["end"] = len(tasks[1]["data"]["text"]) + 5

    with pytest.raises(AnnotationError, match=r"task 42 .*is not inside the article"):
        read_corrections(edited_export(tmp_path, overrun), COARSE)


def test_the_corrections_become_a_ptc_folder_the_corpus_reader_reads_back(tmp_path: Path) -> None:
    corrections = read_corrections(EXPORT, COARSE)

    folders = write_ptc_folder(corrections.articles, tmp_path / "ptc")

    assert folders == split_folders(tmp_path / "ptc", "train")
    articles = {article.id: article for article in read_articles(folders.articles)}
    assert {i: a.text for i, a in articles.items()} == {
        c.article.id: c.article.text for c in corrections.articles
    }
    assert read_spans(folders.tc, COARSE) == sorted(
        span for c in corrections.articles for span in c.spans
    )
    si = read_spans(folders.si, COARSE)
    assert all(span.technique is None for span in si)
    assert len(si) == 5  # every span stands apart from the others


def test_si_spans_are_the_technique_spans_merged_where_they_overlap(tmp_path: Path) -> None:
    def overlap(tasks: list[dict[str, Any]]) -> None:
        first = latest_results(tasks)[0]
        second = json.loads(json.dumps(first))
        second["id"], second["value"]["labels"] = "extra", ["Attack"]
        second["value"]["start"] += 2
        second["value"]["text"] = second["value"]["text"][2:]
        latest_results(tasks).append(second)

    corrections = read_corrections(edited_export(tmp_path, overlap), COARSE)
    folders = write_ptc_folder(corrections.articles, tmp_path / "ptc")

    rally_tc = [s for s in read_spans(folders.tc, COARSE) if s.article_id == "1001"]
    rally_si = [s for s in read_spans(folders.si, COARSE) if s.article_id == "1001"]
    assert len(rally_tc) == 4 and len(rally_si) == 3
    assert (rally_si[0].start, rally_si[0].end) == (rally_tc[0].start, rally_tc[0].end)


def test_the_tasks_as_exported_for_import_are_not_taken_for_a_project_export(
    tmp_path: Path,
) -> None:
    _, tasks = write_label_studio([review_of(RALLY, [])], COARSE, tmp_path)
    with pytest.raises(AnnotationError, match=r"task 1: has no annotations: .*JSON format"):
        read_corrections(tasks, COARSE)


def test_two_tasks_of_one_article_are_an_error_naming_both(tmp_path: Path) -> None:
    def duplicate(tasks: list[dict[str, Any]]) -> None:
        tasks.append(dict(tasks[0], id=45))

    with pytest.raises(AnnotationError, match=r"article 1001 comes twice \(.*task 41.*task 45"):
        read_corrections(edited_export(tmp_path, duplicate), COARSE)
