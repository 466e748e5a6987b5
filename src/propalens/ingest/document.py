"""`Document`: what every reader produces, before cleaning."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Document:
    """One article's text and whatever metadata its container already told us.

    `text` is what the analysis reports offsets into: the decoded file for plain text, the
    text trafilatura extracted for HTML.  Metadata found here (from HTML meta tags, corpus
    columns) takes precedence over what cleaning later guesses from the text.
    """

    source: str
    """Names the input in messages: a path, a URL, `<stdin>`, `corpus.jsonl:17`."""
    text: str
    format: Literal["text", "html"] = "text"
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    warnings: tuple[str, ...] = ()
    """What reading had to change to make the input analysable, for the front end to show."""
