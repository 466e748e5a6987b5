"""Where the analyses to review come from: inputs analysed now, or a store's analyses."""

from __future__ import annotations

from collections.abc import Iterable

from propalens.annotations.articles import ReviewArticle, review_articles
from propalens.errors import ArticleError
from propalens.ingest import Document
from propalens.pipeline import Analyzer
from propalens.schema import Analysis
from propalens.store import AnalysisStore


def analysed_for_review(
    analyzer: Analyzer, documents: Iterable[Document | ArticleError]
) -> tuple[list[ReviewArticle], list[ArticleError]]:
    """Analyse `documents` for review; the articles, and the inputs that failed."""
    read = list(documents)
    analysed: list[tuple[str, str | None, Analysis]] = []
    failures: list[ArticleError] = []
    for document, result in zip(read, analyzer.analyze_many(read), strict=True):
        if isinstance(result, ArticleError):
            failures.append(result)
        elif isinstance(document, Document):
            analysed.append((document.source, document.id, result))
    return review_articles(analysed), failures


def stored_for_review(store: AnalysisStore) -> list[ReviewArticle]:
    """Every analysis in `store`, oldest first, for review."""
    return review_articles(
        (stored.source, None, stored.analysis) for stored in store.iter_analyses()
    )
