"""Analyses and the store as pandas DataFrames: one frame per kind of row, and one per table of
the store, all joined by the article's id (its content hash, the store's record id)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import propalens
from propalens.pipeline import Analyzer
from propalens.schema import Analysis
from propalens.store import AnalysisStore, Failure, SQLiteStore, content_hash

ARTICLES = (
    "Harbour Plan Betrays Us\n\n"
    "The greedy developers behind the harbour plan are destroying our town. "
    '"This is a disgrace, a total betrayal of every family here," said Mayor Tom Reyes. '
    "Council officials said the plan would add 300 jobs. Stop them before it is too late!",
    "Bridge Reopens\n\n"
    "The Elm Street bridge reopened on Monday after six weeks of repairs, the city said. "
    "Drivers should expect short delays while the last lane markings are painted.",
)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The frame's rows, with pandas's missing values (NaN in a text column) read as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def analyses(baseline_analyzer: Analyzer) -> list[Analysis]:
    return [baseline_analyzer.analyze(text) for text in ARTICLES]


def test_to_pandas_gives_a_row_per_span_sentence_and_quote_keyed_by_article_id(
    analyses: list[Analysis],
) -> None:
    frames = propalens.to_pandas(analyses)
    ids = [content_hash(text) for text in ARTICLES]
    assert frames.articles["article_id"].tolist() == ids
    assert frames.articles["span_count"].tolist() == [len(a.spans) for a in analyses]
    assert frames.articles["title"].tolist() == [a.title for a in analyses]
    for frame, items in (
        (frames.spans, [a.spans for a in analyses]),
        (frames.sentences, [a.sentences for a in analyses]),
        (frames.quotes, [a.quotes for a in analyses]),
    ):
        assert frame["article_id"].tolist() == [
            article_id for article_id, kind in zip(ids, items, strict=True) for _ in kind
        ]
        assert records(frame.drop(columns="article_id")) == [
            item.model_dump() for kind in items for item in kind
        ]
    assert len(frames.spans) > 0 and len(frames.quotes) > 0


def test_the_span_offsets_in_the_frame_point_into_the_article_text(
    analyses: list[Analysis],
) -> None:
    frames = propalens.to_pandas(analyses)
    texts = dict(zip(frames.articles["article_id"], ARTICLES, strict=True))
    for row in frames.spans.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_spans_group_by_technique_as_the_analyses_count_them(analyses: list[Analysis]) -> None:
    counts = propalens.to_pandas(analyses).spans.groupby("technique").size()
    assert counts.to_dict() == Counter(span.technique for a in analyses for span in a.spans)


def test_no_analyses_give_empty_frames_with_their_columns() -> None:
    frames = propalens.to_pandas([])
    assert all(frame.empty for frame in frames)
    assert {"article_id", "technique", "confidence", "voice", "speaker"} <= set(frames.spans)
    assert {"article_id", "speaker", "kind"} <= set(frames.quotes)


def test_the_store_reads_as_a_frame_per_table(
    store: AnalysisStore, analyses: list[Analysis]
) -> None:
    for number, analysis in enumerate(analyses):
        store.add(analysis, source=f"article{number}.txt", input=analysis.text)
    store.write([], [Failure(source="empty.txt", error="empty input")])
    frames = propalens.store_frames(store)
    assert frames.analyses["article_id"].tolist() == [r.id for r in store.iter_analyses()]
    assert frames.analyses["source"].tolist() == ["article0.txt", "article1.txt"]
    assert frames.analyses["analysis"].tolist() == analyses
    assert frames.analyses["score"].tolist() == [a.score for a in analyses]
    by_technique = frames.techniques.groupby("technique")["spans"].sum()
    assert by_technique.to_dict() == {row.key: row.spans for row in store.stats("technique")}
    first = frames.techniques[frames.techniques["article_id"] == content_hash(ARTICLES[0])]
    assert dict(zip(first["technique"], first["max_confidence"], strict=True)) == {
        technique: max(s.confidence for s in analyses[0].spans if s.technique == technique)
        for technique in {s.technique for s in analyses[0].spans}
    }
    assert records(frames.failures[["source", "error", "content_hash", "attempts"]]) == [
        {"source": "empty.txt", "error": "empty input", "content_hash": None, "attempts": 1}
    ]


def test_a_store_file_reads_by_its_path_and_its_analyses_give_their_frames(
    tmp_path: Path, analyses: list[Analysis]
) -> None:
    with SQLiteStore(tmp_path / "corpus.db") as store:
        store.add(analyses[0], source="a.txt", input=analyses[0].text)
    frames = propalens.store_frames(tmp_path / "corpus.db")
    assert frames.failures.empty
    stored = propalens.to_pandas(frames.analyses["analysis"])
    pd.testing.assert_frame_equal(stored.spans, propalens.to_pandas(analyses[:1]).spans)
