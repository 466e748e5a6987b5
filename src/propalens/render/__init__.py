"""Views of an `Analysis`: JSON, the terminal, a self-contained HTML page."""

from propalens.render.formats import render_as, write_analyses
from propalens.render.html import render_html
from propalens.render.json import render_json, render_json_schema, render_jsonl
from propalens.render.terminal import render_plain_text, render_terminal

__all__ = [
    "render_as",
    "render_html",
    "render_json",
    "render_json_schema",
    "render_jsonl",
    "render_plain_text",
    "render_terminal",
    "write_analyses",
]
