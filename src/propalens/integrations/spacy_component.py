"""propalens as a spaCy pipeline component: technique spans and quotes on a `Doc`.

`nlp.add_pipe("propalens", config={"model": "fast"})` finds the factory through the
`spacy_factories` entry point.  The component analyses `doc.text` as a whole, exactly as
`Analyzer.analyze` does, so the pipeline's own sentence boundaries change nothing; each
propalens offset is then widened to whole tokens (`alignment_mode="expand"`).  Technique spans
go to `doc.spans["propaganda"]`, labelled with the model's techniques, and quotations to
`doc.spans["quotes"]`, labelled with their kind.

The spans' `._.confidence`, `._.voice` and `._.speaker` are read from `doc.user_data`, keyed by
the span's offsets and label: spaCy's own extension storage is keyed by offsets alone, which
two techniques on one fragment would share.  `DocBin(store_user_data=True)` keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from spacy.language import Language
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from propalens.pipeline import Analyzer
    from propalens.schema import Analysis

PROPAGANDA: Final = "propaganda"
"""The `doc.spans` key of the technique spans."""
QUOTES: Final = "quotes"
"""The `doc.spans` key of the quotations."""
SETTINGS_FILE: Final = "propalens.json"
"""What `to_disk` writes: the model's name or folder, never the model itself."""
_USER_DATA: Final = "propalens"
_ATTRIBUTES: Final = ("confidence", "voice", "speaker")


def _attributes(span: Span) -> tuple[dict[Any, dict[str, object]], tuple[object, ...]]:
    """`doc.user_data`, where a span's attributes are kept, and their key there (spaCy types
    `user_data` as keyed by strings, although its own extensions key it by tuples too)."""
    return span.doc.user_data, (_USER_DATA, span.start_char, span.end_char, span.label_)


def _attribute(name: str) -> Callable[[Span], object]:
    def get(span: Span) -> object:
        user_data, key = _attributes(span)
        return user_data.get(key, {}).get(name)

    return get


# `force`: these are the names propalens promises, so they read propalens's values even where
# another package registered the same name first.
for _name in _ATTRIBUTES:
    Span.set_extension(_name, getter=_attribute(_name), force=True)


class PropalensComponent:
    """Puts an article's technique spans and quotes on each `Doc` it is given.

    `model` is a shipped model's name ("baseline", "fast") or a model folder; None is the
    default model (`Settings().model`).  The model is loaded on the first `Doc`, so that a
    pipeline loaded from disk reads its model only once, after `from_disk` has named it.
    """

    def __init__(self, name: str, model: str | None, lang: str) -> None:
        from propalens.settings import Settings

        self.name = name
        self.model = model if model is not None else Settings().model
        self.lang = lang
        self._analyzer: Analyzer | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The model's techniques, from its taxonomy (read without loading the model)."""
        from propalens.detect import model_taxonomy

        return model_taxonomy(self.model).labels

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            from propalens.detect import load_detector
            from propalens.pipeline import Analyzer

            self._analyzer = Analyzer(load_detector(self.model), lang=self.lang)
        return self._analyzer

    def __call__(self, doc: Doc) -> Doc:
        # An empty or blank text has nothing to find (the Analyzer refuses it as an input).
        if doc.text.strip():
            annotate(doc, self.analyzer.analyze(doc.text))
        else:
            doc.spans[PROPAGANDA] = []
            doc.spans[QUOTES] = []
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SETTINGS_FILE).write_text(json.dumps({"model": self.model}), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PropalensComponent:
        model = json.loads((Path(path) / SETTINGS_FILE).read_text(encoding="utf-8"))["model"]
        if model != self.model:
            self.model = model
            self._analyzer = None
        return self


def annotate(doc: Doc, analysis: Analysis) -> None:
    """Put `analysis` (of `doc.text`) on `doc`: its spans, its quotes and their attributes."""
    if analysis.text != doc.text:
        raise ValueError("the analysis is not of this Doc's text")
    propaganda = []
    for item in analysis.spans:
        span = _token_span(doc, item.start, item.end, item.technique)
        _remember(span, confidence=item.confidence, voice=item.voice, speaker=item.speaker)
        propaganda.append(span)
    quotes = []
    for quote in analysis.quotes:
        span = _token_span(doc, quote.start, quote.end, quote.kind)
        _remember(span, speaker=quote.speaker)
        quotes.append(span)
    doc.spans[PROPAGANDA] = propaganda
    doc.spans[QUOTES] = quotes


def _token_span(doc: Doc, start: int, end: int, label: str) -> Span:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:  # only for offsets outside the text, which an Analysis never holds
        raise ValueError(f"[{start}, {end}) is not inside the Doc's text")
    return span


def _remember(span: Span, **attributes: object) -> None:
    user_data, key = _attributes(span)
    user_data.setdefault(key, {}).update(attributes)


@Language.factory(
    "propalens",
    default_config={"model": None},
    assigns=["doc.spans"],
)
def make_propalens(nlp: Language, name: str, model: str | None) -> PropalensComponent:
    """The `propalens` factory that `nlp.add_pipe("propalens")` calls."""
    if nlp.lang is None:
        raise ValueError("propalens reads the language of the pipeline, and this one has none")
    return PropalensComponent(name, model, nlp.lang)
