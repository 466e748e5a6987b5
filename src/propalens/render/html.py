"""A self-contained HTML page of one or more analyses (what `analyze --format html` writes).

Article text is untrusted: Jinja2 autoescapes every value, and the page's Content-Security-Policy
allows no script at all, so markup inside an article is shown as text and can never run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from jinja2 import Environment, PackageLoader, select_autoescape

from propalens.render.segments import shown_pieces
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy


class LegendEntry(NamedTuple):
    technique: str
    spans: int
    definition: str
    colour: int
    """The technique's slot in its taxonomy's palette (the `.t{slot}` CSS class)."""


def legend(analysis: Analysis, taxonomy: Taxonomy) -> list[LegendEntry]:
    """The techniques an analysis found, most spans first, with their definitions and colour
    slots in `taxonomy` (the HTML report and the article page draw the same legend)."""
    counts = Counter(span.technique for span in analysis.spans)
    return [
        LegendEntry(name, counts[name], taxonomy.definition(name), taxonomy.slot(name))
        for name in sorted(counts, key=lambda name: -counts[name])
    ]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("propalens", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(analyses: Sequence[Analysis], taxonomy: Taxonomy) -> str:
    """The page; colours and definitions come from `taxonomy` (the model's), widened to every
    label in `analyses` so that an analysis made by another model shows each of its labels."""
    shown = taxonomy.covering(span.technique for analysis in analyses for span in analysis.spans)
    articles = []
    for analysis in analyses:
        articles.append(
            {
                "analysis": analysis,
                "pieces": shown_pieces(analysis),
                "legend": legend(analysis, shown),
            }
        )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(articles=articles, palette=shown.palette, slot=shown.slot)
    )
