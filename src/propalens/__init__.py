"""propalens: shows, span by span, how a news article tries to persuade.

`propalens.analyze(text)` is the one-line entry point; `Analyzer` keeps the model loaded for
many articles; `to_pandas(analyses)` and `store_frames(store)` give pandas frames.  The public
names are imported lazily so that `import propalens` stays cheap.  The facade also hands
`display` the view that `Analysis._repr_html_` shows in Jupyter, which the schema, upstream of
every view, cannot import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from propalens import display

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Analyzer",
    "ArticleError",
    "InputError",
    "InternalError",
    "ModelInfo",
    "OutletProfile",
    "Quote",
    "Removed",
    "Sentence",
    "Span",
    "__version__",
    "analyze",
    "store_frames",
    "to_pandas",
]

if TYPE_CHECKING:
    from propalens.errors import ArticleError, InputError, InternalError
    from propalens.integrations.dataframes import store_frames, to_pandas
    from propalens.pipeline import Analyzer
    from propalens.schema import Analysis, ModelInfo, OutletProfile, Quote, Removed, Sentence, Span

_LAZY = {
    "Analyzer": "propalens.pipeline",
    **{name: "propalens.integrations.dataframes" for name in ("store_frames", "to_pandas")},
    **{name: "propalens.errors" for name in ("ArticleError", "InputError", "InternalError")},
    **{
        name: "propalens.schema"
        for name in (
            "Analysis",
            "ModelInfo",
            "OutletProfile",
            "Quote",
            "Removed",
            "Sentence",
            "Span",
        )
    },
}

_default_analyzer: Analyzer | None = None


def analyze(text: str) -> Analysis:
    """Analyse one article given as text, with the shipped model (loaded once, then reused)."""
    global _default_analyzer
    if _default_analyzer is None:
        from propalens.pipeline import Analyzer

        _default_analyzer = Analyzer()
    return _default_analyzer.analyze(text)


def _analysis_html(analysis: Analysis) -> str:
    # Imported when a notebook first shows an analysis, so that importing propalens stays cheap.
    from propalens.integrations.notebook import analysis_html

    return analysis_html(analysis)


display.html = _analysis_html


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'propalens' has no attribute {name!r}")
