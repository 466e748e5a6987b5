"""Analyses and the store as pandas DataFrames, for a notebook's group-bys and joins.

Every frame names its article by `article_id`, the SHA-256 of its text: the store's record id
(`content_hash`), so frames of fresh analyses and frames read from a store join on it.  The
columns of `spans`, `sentences` and `quotes` are the fields of `Span`, `Sentence` and `Quote`
(offsets into the article's text, end exclusive), after `article_id`; a value the analysis
lacks (a quote's unknown speaker) is pandas's missing value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd

from propalens.schema import Analysis, Quote, Sentence, Span
from propalens.store import (
    AnalysisStore,
    Failure,
    StoredAnalysis,
    StoreLocation,
    content_hash,
    open_store,
)

_ARTICLE_FIELDS: Final = (
    "title",
    "outlet",
    "original_outlet",
    "byline",
    "published",
    "url",
    "score",
)
ARTICLE_COLUMNS: Final = ("article_id", *_ARTICLE_FIELDS, "span_count", "model")
"""One row per analysis: its metadata and score (`model` is the detector's name and version)."""
SPAN_COLUMNS: Final = ("article_id", *Span.model_fields)
SENTENCE_COLUMNS: Final = ("article_id", *Sentence.model_fields)
QUOTE_COLUMNS: Final = ("article_id", *Quote.model_fields)
RECORD_COLUMNS: Final = ("source", "input_kind", "input", "created_at", "updated_at")
"""What a store knows of a record besides its analysis."""
TECHNIQUE_COLUMNS: Final = ("article_id", "technique", "spans", "max_confidence")
FAILURE_COLUMNS: Final = tuple(field.name for field in dataclasses.fields(Failure))


class AnalysisFrames(NamedTuple):
    """What `to_pandas` returns: one frame per kind of row."""

    articles: pd.DataFrame
    """`ARTICLE_COLUMNS`: one row per analysis."""
    spans: pd.DataFrame
    """`SPAN_COLUMNS`: one row per technique span."""
    sentences: pd.DataFrame
    """`SENTENCE_COLUMNS`: one row per sentence, with its score."""
    quotes: pd.DataFrame
    """`QUOTE_COLUMNS`: one row per quotation, with its speaker when known."""


class StoreFrames(NamedTuple):
    """What `store_frames` returns: one frame per table of the store."""

    analyses: pd.DataFrame
    """`article_id`, `RECORD_COLUMNS`, the rest of `ARTICLE_COLUMNS`, and `analysis` (the
    `Analysis` itself, which `to_pandas` takes and a notebook draws), oldest record first."""
    techniques: pd.DataFrame
    """`TECHNIQUE_COLUMNS`: per analysis, how many spans of each technique it has."""
    failures: pd.DataFrame
    """`FAILURE_COLUMNS`: the inputs a batch run could not analyse."""


def to_pandas(analyses: Iterable[Analysis]) -> AnalysisFrames:
    """The analyses' articles, spans, sentences and quotes, each frame with `article_id`."""
    articles: list[dict[str, object]] = []
    spans: list[dict[str, object]] = []
    sentences: list[dict[str, object]] = []
    quotes: list[dict[str, object]] = []
    for analysis in analyses:
        article_id = content_hash(analysis.text)
        articles.append(
            {
                "article_id": article_id,
                **analysis.model_dump(include=set(_ARTICLE_FIELDS)),
                "span_count": len(analysis.spans),
                "model": f"{analysis.model.name} {analysis.model.version}",
            }
        )
        for rows, items in (
            (spans, analysis.spans),
            (sentences, analysis.sentences),
            (quotes, analysis.quotes),
        ):
            rows.extend({"article_id": article_id, **item.model_dump()} for item in items)
    return AnalysisFrames(
        articles=pd.DataFrame(articles, columns=list(ARTICLE_COLUMNS)),
        spans=pd.DataFrame(spans, columns=list(SPAN_COLUMNS)),
        sentences=pd.DataFrame(sentences, columns=list(SENTENCE_COLUMNS)),
        quotes=pd.DataFrame(quotes, columns=list(QUOTE_COLUMNS)),
    )


def store_frames(store: AnalysisStore | StoreLocation) -> StoreFrames:
    """The store's analyses, per-technique counts and failures, read through its interface
    (`iter_analyses`, `failures`); `store` is an open store, a SQLite file or a
    `postgresql://` URL."""
    if isinstance(store, str | Path):
        with open_store(store) as opened:
            return store_frames(opened)
    records = list(store.iter_analyses())
    frames = to_pandas(record.analysis for record in records)
    analyses = pd.DataFrame(
        [_record_row(record) for record in records],
        columns=["article_id", *RECORD_COLUMNS, "analysis"],
    ).merge(frames.articles, on="article_id", validate="one_to_one")
    techniques = (
        frames.spans.groupby(["article_id", "technique"], sort=False)
        .agg(spans=("confidence", "size"), max_confidence=("confidence", "max"))
        .reset_index()
    )
    failures = pd.DataFrame(
        [dataclasses.asdict(failure) for failure in store.failures()],
        columns=list(FAILURE_COLUMNS),
    )
    return StoreFrames(
        analyses=analyses[["article_id", *RECORD_COLUMNS, *ARTICLE_COLUMNS[1:], "analysis"]],
        techniques=techniques[list(TECHNIQUE_COLUMNS)],
        failures=failures,
    )


def _record_row(record: StoredAnalysis) -> dict[str, object]:
    return {
        "article_id": record.id,
        **{column: getattr(record, column) for column in RECORD_COLUMNS},
        "analysis": record.analysis,
    }
