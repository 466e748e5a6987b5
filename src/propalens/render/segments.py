"""Cutting an article into pieces that each carry one fixed set of highlights.

Technique spans overlap, and removed boilerplate may sit among them; both views (terminal and
HTML) draw the text piece by piece, so the cutting is done once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from propalens.schema import Analysis, Quote, Removed, Span


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    spans: tuple[Span, ...]
    removed: Removed | None
    quote: Quote | None = None
    """The quotation this piece lies in, when `pieces` was asked to cut at quotes."""

    @property
    def strongest(self) -> Span | None:
        """The span drawn on this piece: the most confident of those covering it."""
        return max(self.spans, key=lambda span: span.confidence, default=None)


def pieces(analysis: Analysis, min_confidence: float = 0.0, *, quotes: bool = False) -> list[Piece]:
    """Consecutive pieces covering the whole text, cut wherever a span or removal begins or ends
    (and, with `quotes`, wherever a quotation does)."""
    spans = [span for span in analysis.spans if span.confidence >= min_confidence]
    quoted = analysis.quotes if quotes else ()
    cuts = {0, len(analysis.text)}
    for item in (*spans, *analysis.removed, *quoted):
        cuts.update((item.start, item.end))
    ordered = sorted(cuts)
    result = []
    for start, end in pairwise(ordered):
        result.append(
            Piece(
                start,
                end,
                tuple(span for span in spans if span.start <= start and end <= span.end),
                next((r for r in analysis.removed if r.start <= start and end <= r.end), None),
                next((q for q in quoted if q.start <= start and end <= q.end), None),
            )
        )
    return result
