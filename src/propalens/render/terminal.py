"""The article in the terminal with each technique marked in its taxonomy's colour (Rich).

Without colours (into a file or a pipe) each span is marked in the text itself, `⟦the corrupt
elite⟧[1]`; in both views every span is numbered and listed after the text with its technique,
confidence and voice.

Everything an article brings (its text, title, speakers) is drawn as text, never as Rich markup,
and with its control characters shown as symbols: an escape sequence in a scraped page must not
clear the screen, retitle the window or plant a hyperlink.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from propalens.render.segments import shown_pieces
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy

# Each control character but tab and line feed, as a symbol (C0 ones as Unicode's control
# pictures, ␛ for ESC); C1 ones (0x9b starts a sequence on some terminals) as U+FFFD.
_SYMBOLS = str.maketrans(
    {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n\r"}
    | {0x7F: "\u2421"}
    | {code: "\ufffd" for code in range(0x80, 0xA0)}
)
_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")
SPAN_OPENS, SPAN_CLOSES = "\u27e6", "\u27e7"
"""What marks a span's edges in the plain view: ⟦ and ⟧, which articles hardly ever use."""
_EXCERPT_CHARS = 80
_SPAN_EXCERPT_CHARS = 40
"""Spans are listed beside four columns, so their excerpts are shorter than a quote's."""


def printable(text: str) -> str:
    """`text` safe to write to a terminal, one character for one: control characters as their
    symbols, and a lone carriage return (a line break to propalens) as a line feed."""
    return _LONE_CARRIAGE_RETURN.sub("\n", text.translate(_SYMBOLS))


def render_terminal(
    analysis: Analysis, taxonomy: Taxonomy, *, plain: bool = False
) -> RenderableType:
    """Header with metadata and score, the marked text, a legend of techniques found, and the
    spans one by one.

    Colours are `taxonomy`'s (the model's), widened to the analysis's own labels so that one
    made by another model still gives each technique its own colour.  With `plain` (for a view
    that shows no colours), each span's edges are marked in the text as well.
    """
    shown = taxonomy.covering(span.technique for span in analysis.spans)
    header = Text()
    header.append(printable(analysis.title or "(untitled)"), style="bold")
    details = [
        f"{label}: {value}"
        for label, value in (
            ("outlet", analysis.outlet),
            ("original outlet", analysis.original_outlet),
            ("by", analysis.byline),
            ("published", analysis.published),
            ("originally published", analysis.original_published),
        )
        if value
    ]
    details.append(f"propaganda score: {analysis.score:.2f}")
    if analysis.spans:
        shares = analysis.voice_shares
        details.append(f"voice: {shares.author:.0%} author, {shares.quoted:.0%} quoted")
    header.append("\n" + printable(" · ".join(details)), style="dim")

    numbers = {id(span): number for number, span in enumerate(analysis.spans, start=1)}
    body = Text()
    for fragment, piece in shown_pieces(analysis, printable(analysis.text)):
        strongest = piece.strongest
        if plain:
            body.append(SPAN_OPENS * sum(span.start == piece.start for span in piece.spans))
        if piece.removed is not None:
            body.append(fragment, style="dim strike")
        elif strongest is not None:
            body.append(fragment, style=f"bold {shown.colour(strongest.technique)} underline")
        else:
            body.append(fragment)
        for span in piece.spans:
            if span.end == piece.end:
                body.append(f"{SPAN_CLOSES if plain else ''}[{numbers[id(span)]}]", style="dim")

    legend = Table(title="Techniques", show_edge=False)
    legend.add_column("technique")
    legend.add_column("spans", justify="right")
    legend.add_column("mean confidence", justify="right")
    counts = Counter(span.technique for span in analysis.spans)
    for technique in sorted(counts, key=lambda name: -counts[name]):
        confidences = [s.confidence for s in analysis.spans if s.technique == technique]
        legend.add_row(
            Text(printable(technique), style=shown.colour(technique)),
            str(counts[technique]),
            f"{sum(confidences) / len(confidences):.2f}",
        )
    parts: list[RenderableType] = [header, Text(""), body, Text("")]
    parts.append(legend if counts else Text("No technique found.", style="dim"))
    if analysis.spans:
        parts.append(_spans_table(analysis, shown, plain=plain))
    if analysis.quotes:
        parts.append(_quotes_table(analysis))
    model = printable(f"model: {analysis.model.name} {analysis.model.version}")
    parts.append(Text(model, style="dim"))
    return Group(*parts)


def _spans_table(analysis: Analysis, shown: Taxonomy, *, plain: bool) -> Table:
    """Each span by its number in the text: technique, confidence, and whose voice it is in."""
    marks = f"{SPAN_OPENS}…{SPAN_CLOSES}[n]" if plain else "[n]"
    table = Table(title=Text(f"Spans ({marks} in the text)", "table.title"), show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("technique", no_wrap=True)
    table.add_column("confidence", justify="right")
    table.add_column("voice")
    table.add_column("span")
    for number, span in enumerate(analysis.spans, start=1):
        voice = f"quoted: {span.speaker}" if span.voice == "quoted" and span.speaker else span.voice
        table.add_row(
            str(number),
            Text(printable(span.technique), style=shown.colour(span.technique)),
            f"{span.confidence:.2f}",
            Text(printable(voice or "")),
            Text(printable(_excerpt(span.text, _SPAN_EXCERPT_CHARS))),
        )
    return table


def _excerpt(text: str, limit: int = _EXCERPT_CHARS) -> str:
    """`text`, or its first characters and "..." when it is longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _quotes_table(analysis: Analysis) -> Table:
    """Who speaks: each quote with its speaker and the techniques used inside it."""
    table = Table(title="Who speaks", show_edge=False)
    for column in ("speaker", "kind", "quote", "techniques"):
        table.add_column(column)
    quoted = sorted(
        (span.start, span.end, span.technique) for span in analysis.spans if span.voice == "quoted"
    )
    for quote in analysis.quotes:
        within = quoted[bisect_left(quoted, (quote.start,)) : bisect_left(quoted, (quote.end + 1,))]
        inside = sorted({technique for _, end, technique in within if end <= quote.end})
        excerpt = _excerpt(quote.text)
        table.add_row(
            *(
                Text(printable(cell))
                for cell in (quote.speaker or "(unknown)", quote.kind, excerpt, ", ".join(inside))
            )
        )
    return table


def render_plain_text(analyses: Sequence[Analysis], taxonomy: Taxonomy, width: int = 100) -> str:
    """The terminal view without colour codes, its spans marked in the text, for a file."""
    console = Console(record=True, width=width, file=io.StringIO())
    for analysis in analyses:
        console.print(render_terminal(analysis, taxonomy, plain=True))
    return console.export_text()
