"""What the templates draw: an analysis cut into highlighted fragments, its legend, the
tooltips' data, an outlet's technique bars and the palette, each label coloured by its slot in
a taxonomy (the `.t{slot}` CSS classes of /palette.css)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from propalens.render.segments import shown_pieces
from propalens.schema import Analysis, Quote, Span
from propalens.store import StatsRow
from propalens.taxonomy import Taxonomy

_SAFE_SCHEMES = ("http://", "https://")


def technique_label(name: str) -> str:
    """A corpus label as people read it: "Name_Calling,Labeling" -> "Name Calling, Labeling"."""
    return name.replace("_", " ").replace(",", ", ")


def speaker_label(span: Span) -> str:
    if span.speaker:
        return span.speaker
    if span.voice == "author":
        return "the author"
    if span.voice == "quoted":
        return "a quoted source (unnamed)"
    return "not attributed"


def link(url: str | None) -> str | None:
    """`url` if it may be an href (http or https); a `javascript:` URL never is."""
    return url if url and url.lower().startswith(_SAFE_SCHEMES) else None


def palette_css(taxonomy: Taxonomy) -> str:
    """One custom property per technique colour; style.css draws marks, swatches and bars."""
    return "".join(
        f".t{slot} {{ --tc: {colour}; }}\n" for slot, colour in enumerate(taxonomy.palette)
    )


@dataclass(frozen=True)
class Fragment:
    """One piece of the article as the page draws it."""

    text: str
    colour: int | None
    """Palette slot of the most confident span covering it; None when no span does."""
    span_ids: str
    """Indices into `Analysis.spans` of the spans covering it, space-separated."""
    confidence: float
    label: str
    """What a screen reader says for a highlighted piece."""
    removed: str | None
    quote: Quote | None
    quote_start: bool


def fragments(analysis: Analysis, taxonomy: Taxonomy) -> list[Fragment]:
    index = {id(span): number for number, span in enumerate(analysis.spans)}
    result = []
    previous: Quote | None = None
    for text, piece in shown_pieces(analysis, quotes=True):
        strongest = piece.strongest
        ordered = sorted(piece.spans, key=lambda span: -span.confidence)
        result.append(
            Fragment(
                text=text,
                colour=taxonomy.slot(strongest.technique) if strongest else None,
                span_ids=" ".join(str(index[id(span)]) for span in ordered),
                confidence=strongest.confidence if strongest else 0.0,
                label="; ".join(
                    f"{technique_label(span.technique)}, {span.confidence:.0%} confidence, "
                    f"speaker: {speaker_label(span)}"
                    for span in ordered
                ),
                removed=piece.removed.kind.replace("_", " ") if piece.removed else None,
                quote=piece.quote,
                quote_start=piece.quote is not None and piece.quote is not previous,
            )
        )
        previous = piece.quote
    return result


def span_data(analysis: Analysis, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """What the tooltip shows for each span, for the page's JSON block."""
    return [
        {
            "technique": technique_label(span.technique),
            "colour": taxonomy.slot(span.technique),
            "confidence": round(span.confidence, 4),
            "speaker": speaker_label(span),
            "definition": taxonomy.definition(span.technique),
        }
        for span in analysis.spans
    ]


@dataclass(frozen=True)
class Bar:
    label: str
    technique: str
    colour: int
    spans: int
    analyses: int
    share: float
    width: float
    y: int


def technique_bars(
    rows: list[StatsRow], taxonomy: Taxonomy, width: float = 360.0, row_height: int = 30
) -> list[Bar]:
    """The technique mix as SVG bar geometry: the longest bar is `width` wide."""
    total = sum(row.spans for row in rows) or 1
    longest = max((row.spans for row in rows), default=0) or 1
    return [
        Bar(
            label=technique_label(row.key or ""),
            technique=row.key or "",
            colour=taxonomy.slot(row.key or ""),
            spans=row.spans,
            analyses=row.analyses,
            share=row.spans / total,
            width=max(2.0, width * row.spans / longest),
            y=number * row_height,
        )
        for number, row in enumerate(rows)
    ]


def guess_kind(content: str) -> str:
    """What pasted content is: a lone http(s) URL, an HTML page (opens with "<"), or text."""
    stripped = content.strip()
    if stripped.lower().startswith(_SAFE_SCHEMES) and not any(c.isspace() for c in stripped):
        return "url"
    return "html" if stripped.startswith("<") else "text"
