"""Cutting an article into pieces that each carry one fixed set of highlights.

Technique spans overlap, and removed boilerplate and markup may sit among them; every view
(terminal, HTML report, web page) draws the text piece by piece, so the cutting is done once,
here, and so is the choice of what a reader sees: the article's words, never its Markdown syntax
(`[RT](#)` shows as "RT", `&amp;` as "&").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from propalens.clean.markup import shown
from propalens.schema import Analysis, Quote, Removed, Span


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    spans: tuple[Span, ...]
    removed: Removed | None
    """The boilerplate this piece lies in (markup aside)."""
    quote: Quote | None = None
    """The quotation this piece lies in, when `pieces` was asked to cut at quotes."""
    markup: Removed | None = None
    """The markup this piece is part of: syntax a reader does not see, or an entity."""

    @property
    def strongest(self) -> Span | None:
        """The span drawn on this piece: the most confident of those covering it."""
        return max(self.spans, key=lambda span: span.confidence, default=None)


def pieces(analysis: Analysis, min_confidence: float = 0.0, *, quotes: bool = False) -> list[Piece]:
    """Consecutive pieces covering the whole text, cut wherever a span, removal or piece of
    markup begins or ends (and, with `quotes`, wherever a quotation does)."""
    spans = [span for span in analysis.spans if span.confidence >= min_confidence]
    quoted = analysis.quotes if quotes else ()
    removed = [item for item in analysis.removed if item.kind != "markup"]
    markup = [item for item in analysis.removed if item.kind == "markup"]
    cuts = {0, len(analysis.text)}
    for item in (*spans, *analysis.removed, *quoted):
        cuts.update((item.start, item.end))
    ordered = sorted(cuts)
    covering_spans = _covering(spans, ordered)
    covering_removals = _covering(removed, ordered)
    covering_markup = _covering(markup, ordered)
    covering_quotes = _covering(quoted, ordered)
    return [
        Piece(
            start,
            end,
            tuple(spans[index] for index in covering_spans[number]),
            removed[covering_removals[number][0]] if covering_removals[number] else None,
            quoted[covering_quotes[number][0]] if covering_quotes[number] else None,
            markup[covering_markup[number][0]] if covering_markup[number] else None,
        )
        for number, (start, end) in enumerate(pairwise(ordered))
    ]


def shown_pieces(
    analysis: Analysis,
    text: str | None = None,
    min_confidence: float = 0.0,
    *,
    quotes: bool = False,
) -> list[tuple[str, Piece]]:
    """`pieces`, each with what a reader sees of it in `text` (the analysis's text, or a copy of
    it of the same length, such as one made safe for a terminal): its characters, or for markup
    what it shows (an entity's character, nothing for syntax).  Pieces showing nothing are left
    out."""
    text = analysis.text if text is None else text
    shown_ones = []
    for piece in pieces(analysis, min_confidence, quotes=quotes):
        if piece.markup is None:
            fragment = text[piece.start : piece.end]
        else:
            fragment = shown(piece.markup.text) if piece.start == piece.markup.start else ""
        if fragment:
            shown_ones.append((fragment, piece))
    return shown_ones


def _covering(items: Sequence[Span | Removed | Quote], cuts: Sequence[int]) -> list[list[int]]:
    """For each piece between consecutive `cuts` (among which every item's edges are), the
    indices of the items that cover it, in order: a sweep that keeps the items open at the
    piece, so the cost grows with how deeply they overlap, not with their number."""
    by_start = sorted(range(len(items)), key=lambda index: items[index].start)
    following = 0
    open_items: list[int] = []
    covering = []
    for start in cuts[:-1]:
        while following < len(by_start) and items[by_start[following]].start <= start:
            open_items.append(by_start[following])
            following += 1
        open_items = [index for index in open_items if items[index].end > start]
        covering.append(sorted(open_items))
    return covering
