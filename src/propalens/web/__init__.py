"""The server-rendered pages: paste an article, read it highlighted, compare outlets.

Pages are Jinja2 templates with autoescaping on; the one script (`static/app.js`) is a local
file that reads its data from `data-*` attributes and a JSON block, never from inline code, so
the server's Content-Security-Policy can forbid inline script outright.  Without JavaScript
the form still works (a plain POST), and the article page shows every highlight.
`views` turns an analysis into what the templates draw; `pages` is the router.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
