"""Articles on their way to annotators and back: the PTC id each goes by, and the check every
imported span passes before it becomes training data.

An annotation tool hands back offsets and labels as people left them.  None is taken on trust:
a label must be one of the taxonomy's, a span must lie inside the article, and where the tool
recorded the span's text it must be the article's text at those offsets.  A span that fails is
an error naming the file, the task or line, and the span; nothing is shifted to fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import count
from pathlib import PurePath

from propalens.errors import InputError
from propalens.ptc import LabeledSpan, PtcArticle
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy

_PTC_ID = re.compile(r"\d+")
_PTC_FILE_ID = re.compile(r"article(\d+)")


class AnnotationError(InputError):
    """An annotation that cannot be imported: a label outside the taxonomy, a span outside its
    article or whose recorded text is not the article's text there, a file of the wrong shape."""


@dataclass(frozen=True)
class ReviewArticle:
    """An analysis to be corrected by people, with the PTC id (digits) its article goes by in
    the tool and in the PTC folder the corrections come back as."""

    article_id: str
    source: str
    analysis: Analysis


def review_articles(analysed: Iterable[tuple[str, str | None, Analysis]]) -> list[ReviewArticle]:
    """Number `(source, id, analysis)` triples for review.

    An article keeps its PTC id: an `id` of digits (a PTC folder's articles have one), else the
    digits of an `article<ID>` file name in `source`.  Every other article, and any that repeats
    an id already taken, gets the lowest number not taken.
    """
    triples = list(analysed)
    wanted = [_ptc_id(source, given) for source, given, _ in triples]
    taken: set[str] = set()
    ids: list[str | None] = []
    for article_id in wanted:
        kept = article_id if article_id is not None and article_id not in taken else None
        if kept is not None:
            taken.add(kept)
        ids.append(kept)
    free = (str(number) for number in count(1) if str(number) not in taken)
    return [
        ReviewArticle(article_id or next(free), source, analysis)
        for article_id, (source, _, analysis) in zip(ids, triples, strict=True)
    ]


def _ptc_id(source: str, given: str | None) -> str | None:
    if given is not None and _PTC_ID.fullmatch(given):
        return given
    match = _PTC_FILE_ID.fullmatch(PurePath(source).stem)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Marked:
    """One labelled range as an annotation tool recorded it, not yet checked."""

    where: str
    """Names it in errors: the task or line, and the tool's own id for it."""
    start: int
    end: int
    label: str
    text: str | None = None
    """The text the tool says the range covers, when it recorded one."""


@dataclass(frozen=True)
class Marking:
    """One article as an annotation tool's file holds it: its text and what people marked."""

    article: PtcArticle
    where: str
    """Names the article in errors: the file, or the task and its article."""
    marks: tuple[Marked, ...]


@dataclass(frozen=True)
class CorrectedArticle:
    """An article with the technique spans people settled on, checked against its text."""

    article: PtcArticle
    spans: tuple[LabeledSpan, ...]


def outside(text: str, start: int, end: int) -> str | None:
    """Why `[start, end)` is not a span of `text` (PTC spans are non-empty), or None."""
    if 0 <= start < end <= len(text):
        return None
    return f"span [{start}, {end}) is not inside the article's {len(text)} characters"


def checked(markings: Sequence[Marking], taxonomy: Taxonomy, source: str) -> list[CorrectedArticle]:
    """The markings as corrected articles, once every label is one of `taxonomy`'s, every span
    lies inside its article and every recorded text is the article's text at its offsets.

    Labels outside the taxonomy are reported together, each with where it is first used, so
    that one run names them all.  `source` (the file imported) names that error.
    """
    _refuse_unknown_labels(markings, taxonomy, source)
    _refuse_repeated_articles(markings, source)
    corrected = []
    for marking in markings:
        text = marking.article.text
        spans = []
        for mark in marking.marks:
            where = f"{marking.where}, {mark.where}"
            reason = outside(text, mark.start, mark.end)
            if reason is not None:
                raise AnnotationError(where, reason)
            found = text[mark.start : mark.end]
            if mark.text is not None and mark.text != found:
                raise AnnotationError(
                    where,
                    f"span [{mark.start}, {mark.end}) is recorded as {mark.text!r} but the "
                    f"article has {found!r} there; the offsets do not fit the text",
                )
            spans.append(LabeledSpan(marking.article.id, mark.start, mark.end, mark.label))
        corrected.append(CorrectedArticle(marking.article, tuple(spans)))
    return corrected


def _refuse_unknown_labels(markings: Sequence[Marking], taxonomy: Taxonomy, source: str) -> None:
    first_use: dict[str, str] = {}
    for marking in markings:
        for mark in marking.marks:
            if mark.label not in taxonomy:
                first_use.setdefault(mark.label, f"{marking.where}, {mark.where}")
    if first_use:
        unknown = "; ".join(f"{label!r} (first in {where})" for label, where in first_use.items())
        raise AnnotationError(
            source,
            f"labels outside the taxonomy {taxonomy.name!r}: {unknown}. "
            f"Its labels are: {', '.join(taxonomy.labels)}",
        )


def _refuse_repeated_articles(markings: Sequence[Marking], source: str) -> None:
    seen: dict[str, str] = {}
    for marking in markings:
        earlier = seen.setdefault(marking.article.id, marking.where)
        if earlier != marking.where:
            raise AnnotationError(
                source,
                f"article {marking.article.id} comes twice ({earlier} and {marking.where}); "
                "a PTC folder holds each article once",
            )
