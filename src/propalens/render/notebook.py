"""An analysis as a Jupyter notebook shows it: the HTML page in a sandboxed frame.

The frame holds exactly what `render_html` writes (the highlighted article, its legend and
scores), so the page's styles cannot restyle the notebook around it and no two analyses' colours
mix.  `sandbox` without `allow-scripts` forbids script in it whatever the article says, on top of
the page's own Content-Security-Policy; the article's text is escaped twice, once by the page and
once into `srcdoc`.
"""

from __future__ import annotations

from html import escape
from typing import Final

from propalens.lines import line_ranges
from propalens.render.html import render_html
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy

_LINE_PX: Final = 26
"""One line of the page's text (16px at line height 1.6)."""
_CHARS_PER_LINE: Final = 80
"""About what the page's 50rem column holds at 16px."""
_HEADING_LINES: Final = 11
"""Room for the title, the scores, the legend's heading and the page's margins."""
_LEGEND_ROW_LINES: Final = 2
"""A legend row: a technique's definition takes about two lines."""
_MAX_LINES: Final = 30
"""About a screenful: the most lines of text and legend the frame shows before it scrolls (it
can also be dragged taller)."""


def notebook_html(analysis: Analysis, taxonomy: Taxonomy) -> str:
    """The frame, sized to the article up to about a screenful; colours and definitions come
    from `taxonomy`, as in `render_html`."""
    legend = _LEGEND_ROW_LINES * len({span.technique for span in analysis.spans})
    text = sum(1 + (end - start) // _CHARS_PER_LINE for start, end in line_ranges(analysis.text))
    height = _LINE_PX * (_HEADING_LINES + min(legend + text, _MAX_LINES))
    page = render_html([analysis], taxonomy)
    return (
        f'<iframe sandbox="" title="propalens analysis" srcdoc="{escape(page, quote=True)}" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd; resize: vertical">'
        "</iframe>"
    )
