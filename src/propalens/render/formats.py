"""Writing analyses in the format asked for: what `propalens analyze` does with its results."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from propalens.render.html import render_html
from propalens.render.json import render_json, render_jsonl
from propalens.render.terminal import render_plain_text, render_terminal
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy

_RENDERERS: dict[str, Callable[[Sequence[Analysis], Taxonomy], str]] = {
    "json": lambda analyses, _: render_json(analyses) + "\n",
    "jsonl": lambda analyses, _: render_jsonl(analyses),
    "html": render_html,
    "text": render_plain_text,
}


def render_as(output_format: str, analyses: Sequence[Analysis], taxonomy: Taxonomy) -> str:
    """`analyses` as one of json, jsonl, html or text; `taxonomy` (the model's) gives the
    colours and definitions of the views that show them."""
    if output_format not in _RENDERERS:
        raise ValueError(f"no output format {output_format!r}: one of {', '.join(_RENDERERS)}")
    return _RENDERERS[output_format](analyses, taxonomy)


def write_analyses(
    analyses: Sequence[Analysis],
    output_format: str,
    taxonomy: Taxonomy,
    output: Path | None,
    console: Console,
) -> None:
    """Write to `output`, or to standard output when it is None; text to a terminal is drawn
    on `console` in colour, and with its spans marked in the text too where it shows none (a
    pipe, `NO_COLOR`)."""
    if output is None and output_format == "text":
        plain = console.color_system is None or console.no_color
        for analysis in analyses:
            console.print(render_terminal(analysis, taxonomy, plain=plain))
        return
    rendered = render_as(output_format, analyses, taxonomy)
    if output is None:
        sys.stdout.write(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
