"""What every kind's training shares: PTC articles with their gold spans, seen exactly as the
detector sees them at inference, and the TF-IDF technique classifier fitted on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from propalens.detect.features import SparseMatrix
from propalens.detect.tfidf import TfidfClassifier, span_matrix
from propalens.prepare import prepare
from propalens.ptc import LabeledSpan, PtcArticle, read_articles, read_spans, split_folders
from propalens.ranges import Range
from propalens.taxonomy import Taxonomy

TFIDF_C = 4.0


@dataclass(frozen=True)
class LabeledArticle:
    article: PtcArticle
    text: str
    """The article as the detector reads it: markup blanked, offsets those of `article.text`."""
    sentences: list[Range]
    si: list[LabeledSpan]
    tc: list[LabeledSpan]


def load_split(data: Path, split: str, taxonomy: Taxonomy) -> list[LabeledArticle]:
    """Articles of one PTC split ("train" or "dev") with their SI and TC gold spans, whose
    techniques must be labels of `taxonomy`."""
    folders = split_folders(data, split)
    si = read_spans(folders.si, taxonomy)
    tc = read_spans(folders.tc, taxonomy)
    labeled = []
    for article in read_articles(folders.articles):
        prepared = prepare(article.text)
        labeled.append(
            LabeledArticle(
                article,
                prepared.visible,
                prepared.sentences,
                [span for span in si if span.article_id == article.id],
                [span for span in tc if span.article_id == article.id],
            )
        )
    return labeled


def load_splits(data: Path, splits: Sequence[str], taxonomy: Taxonomy) -> list[LabeledArticle]:
    return [article for split in splits for article in load_split(data, split, taxonomy)]


def technique_indices(article: LabeledArticle, taxonomy: Taxonomy) -> list[int]:
    """Each gold technique span's label as its position in `taxonomy`; a label outside the
    taxonomy is an error, not a silent drop."""
    unknown = sorted({str(s.technique) for s in article.tc} - set(taxonomy.labels))
    if unknown:
        raise ValueError(
            f"article {article.article.id}: labels outside the taxonomy {taxonomy.name!r}: "
            f"{unknown}"
        )
    return [taxonomy.labels.index(str(span.technique)) for span in article.tc]


def fit_technique_classifier(
    articles: Sequence[LabeledArticle], taxonomy: Taxonomy, seed: int
) -> TfidfClassifier:
    """The TF-IDF technique classifier, fitted on the gold technique spans of `articles`.

    The baseline uses it alone; the MiniLM detector mixes it with its own classifier.
    """
    from scipy import sparse

    counts: list[SparseMatrix] = []
    dense: list[NDArray[np.float64]] = []
    techniques: list[str] = []
    for article in articles:
        spans = [(span.start, span.end) for span in article.tc]
        if not spans:
            continue
        article_counts, article_dense = span_matrix(article.text, spans, article.sentences)
        counts.append(article_counts)
        dense.append(article_dense)
        techniques.extend(taxonomy.labels[index] for index in technique_indices(article, taxonomy))
    return TfidfClassifier.fit(
        sparse.vstack(counts, format="csr"), np.vstack(dense), techniques, TFIDF_C, seed
    )
