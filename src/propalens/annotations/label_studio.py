"""Label Studio: analyses out as pre-annotated tasks, corrected annotations back in.

Out, two files for a project: `labeling_config.xml`, the labelling interface generated from
the taxonomy (one `<Label>` per technique, with its colour and its definition as the hint), and
`tasks.json`, the tasks in Label Studio's JSON import format, each with the article in `data`
and the model's spans as one prediction::

    {"data": {"text": "...", "article_id": "7", "source": "...", "title": "..."},
     "predictions": [{"model_version": "baseline 1.0", "score": 0.71, "result": [
         {"id": "7-1", "from_name": "technique", "to_name": "text", "type": "labels",
          "value": {"start": 40, "end": 52, "text": "...", "labels": ["Doubt"], "score": 0.8},
          "score": 0.8}]}]}

The span's confidence goes in `value.score`, where Label Studio's guide to importing
pre-annotations puts a text span's score, and in the result's own `score`, where its ML
backends put it.

In: a project's export in Label Studio's JSON format (a list of tasks, each with its
`annotations`).  Each task's correction is read from one annotation: of those not cancelled
(skipped), the one marked ground truth, else the one updated last.  A task with no such
annotation is left out and reported; an annotation with no spans says the article uses no
technique.  Every `labels` result is a span; other results (choices, relations) are not and
are passed over.

Offsets: `start` and `end` count characters of the text, the same as Python's `str` indices.
Label Studio's editor counts code points, not the UTF-16 units of a JavaScript string (its own
tests check an emoji before a span), so an article with emoji needs no conversion.  Exports
from releases that counted UTF-16 units are caught by the check of each span's `text`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree

from propalens.annotations.articles import AnnotationError, Marked, Marking, ReviewArticle
from propalens.ptc import PtcArticle
from propalens.taxonomy import Taxonomy

CONFIG_FILE: Final = "labeling_config.xml"
TASKS_FILE: Final = "tasks.json"
FROM_NAME: Final = "technique"
"""The `Labels` control's name, which every result names as its `from_name`."""
TO_NAME: Final = "text"
"""The `Text` object's name, and the task's data key that holds the article."""
SPAN_RESULT: Final = "labels"

# Label Studio trims runs of spaces on display unless told to keep them; an article's
# paragraphs and spacing should look as they are, since every offset counts them.
_KEEP_WHITESPACE: Final = ".htx-text { white-space: pre-wrap; }"


def labeling_config(taxonomy: Taxonomy) -> str:
    """The labelling interface for `taxonomy`: its labels in its order, in its colours."""
    view = ElementTree.Element("View")
    ElementTree.SubElement(view, "Style").text = _KEEP_WHITESPACE
    labels = ElementTree.SubElement(view, "Labels", name=FROM_NAME, toName=TO_NAME)
    for technique in taxonomy.techniques:
        attributes = {"value": technique.name, "background": technique.colour}
        if technique.definition:
            attributes["hint"] = technique.definition
        ElementTree.SubElement(labels, "Label", attributes)
    ElementTree.SubElement(view, "Text", name=TO_NAME, value=f"${TO_NAME}")
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode") + "\n"


def task(article: ReviewArticle) -> dict[str, Any]:
    """One article as a Label Studio task, pre-annotated with the model's spans."""
    analysis = article.analysis
    data: dict[str, Any] = {TO_NAME: analysis.text, "article_id": article.article_id}
    metadata = {
        "source": article.source,
        "title": analysis.title,
        "outlet": analysis.outlet,
        "url": analysis.url,
        "published": analysis.published.isoformat() if analysis.published else None,
    }
    data.update({key: value for key, value in metadata.items() if value is not None})
    result = [
        {
            "id": f"{article.article_id}-{number}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": SPAN_RESULT,
            "value": {
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "labels": [span.technique],
                "score": span.confidence,
            },
            "score": span.confidence,
        }
        for number, span in enumerate(analysis.spans, start=1)
    ]
    prediction = {
        "model_version": f"{analysis.model.name} {analysis.model.version}",
        "score": analysis.score,
        "result": result,
    }
    return {"data": data, "predictions": [prediction]}


def write_label_studio(
    articles: Sequence[ReviewArticle], taxonomy: Taxonomy, out: Path
) -> list[Path]:
    """Write the project's labelling config and its tasks into the folder `out`."""
    out.mkdir(parents=True, exist_ok=True)
    config, tasks = out / CONFIG_FILE, out / TASKS_FILE
    config.write_text(labeling_config(taxonomy), encoding="utf-8")
    payload = json.dumps([task(article) for article in articles], ensure_ascii=False, indent=2)
    tasks.write_text(payload + "\n", encoding="utf-8")
    return [config, tasks]


@dataclass(frozen=True)
class LabelStudioExport:
    """What a project's export holds for import: the annotated articles, and the tasks left
    out because no annotation of theirs counts (none made, or every one skipped)."""

    markings: list[Marking]
    unannotated: list[str]


def read_label_studio_export(path: Path) -> LabelStudioExport:
    """The annotated articles of a Label Studio JSON export, not yet checked (see
    `articles.checked`)."""
    try:
        tasks = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AnnotationError(str(path), f"not a Label Studio JSON export ({error})") from error
    if not isinstance(tasks, list):
        raise AnnotationError(str(path), "a Label Studio JSON export is a list of tasks")
    markings: list[Marking] = []
    unannotated: list[str] = []
    for position, entry in enumerate(tasks, start=1):
        if not isinstance(entry, dict):
            raise AnnotationError(f"{path}: task {position}", "is not a JSON object")
        name = f"{path}: task {entry.get('id', position)}"
        if "annotations" not in entry:
            raise AnnotationError(
                name,
                "has no annotations: give the project's export in Label Studio's JSON format "
                "(not JSON-MIN, CSV, or the tasks as imported)",
            )
        annotation = chosen_annotation(_list(entry, "annotations", name))
        if annotation is None:
            unannotated.append(name)
            continue
        article = _article(entry, name)
        where = f"{name} (article {article.id}), annotation {annotation.get('id')}"
        results = _list(annotation, "result", where)
        marks = tuple(mark for result in results for mark in _marks(result, where))
        markings.append(Marking(article, where, marks))
    return LabelStudioExport(markings, unannotated)


def chosen_annotation(annotations: Sequence[Any]) -> dict[str, Any] | None:
    """The annotation a task's correction is read from: of those not cancelled (skipped), the
    one marked `ground_truth`, else the one updated last (`updated_at`, else `created_at`;
    the higher `id` breaks a tie); None when there is none."""
    kept = [
        annotation
        for annotation in annotations
        if isinstance(annotation, dict) and not annotation.get("was_cancelled", False)
    ]
    if not kept:
        return None
    return max(
        kept,
        key=lambda annotation: (
            bool(annotation.get("ground_truth", False)),
            _moment(annotation.get("updated_at") or annotation.get("created_at")),
            _number(annotation.get("id")),
        ),
    )


_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def _moment(stamp: Any) -> dt.datetime:
    if not isinstance(stamp, str):
        return _NEVER
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return _NEVER
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _number(value: Any) -> int:
    return int(value) if isinstance(value, int) or str(value).isdigit() else -1


def _article(entry: dict[str, Any], name: str) -> PtcArticle:
    data = entry.get("data")
    if not isinstance(data, dict) or not isinstance(data.get(TO_NAME), str):
        raise AnnotationError(name, f'has no article text (data["{TO_NAME}"])')
    # The id propalens gave the article on export; a task made otherwise goes by its own id.
    article_id = str(data.get("article_id", entry.get("id", "")))
    if not article_id.isdigit():
        raise AnnotationError(name, f"article id {article_id!r} is not a number (PTC ids are)")
    return PtcArticle(id=article_id, text=data[TO_NAME])


def _marks(result: Any, where: str) -> list[Marked]:
    if not isinstance(result, dict) or result.get("type") != SPAN_RESULT:
        return []
    name = f"result {result.get('id')}"
    value = result.get("value")
    if not isinstance(value, dict):
        raise AnnotationError(f"{where}, {name}", "has no value")
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    if not isinstance(start, int) or not isinstance(end, int):
        raise AnnotationError(f"{where}, {name}", "has no character offsets (start, end)")
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        raise AnnotationError(f"{where}, {name}", "has no labels")
    text = value.get("text")
    recorded = text if isinstance(text, str) else None
    return [Marked(f"{name} [{start}, {end})", start, end, label, recorded) for label in labels]


def _list(entry: dict[str, Any], key: str, where: str) -> list[Any]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise AnnotationError(where, f'"{key}" is not a list')
    return value
