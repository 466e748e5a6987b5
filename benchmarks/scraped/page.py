"""A scraped page before it is written out in one form: blocks of inline pieces, each block
labelled with what the gold says it is.

An outlet template builds a `Page` (its chrome, its boilerplate, the PTC article's title and
body), and a form (`forms.py`) writes it out as Markdown, plain text or HTML.  Keeping the page
abstract is what lets one template appear in every form with the same gold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Role = Literal["title", "body", "boilerplate", "unscored"]
"""What a block is in the gold: the headline, article body, not body, or not scored (tweet
text, which is an account's words rather than the article's prose or the page's furniture)."""

Placement = Literal["chrome", "article"]
"""Chrome (navigation, site header and footer) sits outside the article: reader tools and
trafilatura drop it, a copy-paste or html2text of the whole page keeps it."""

Kind = Literal["para", "heading", "item", "quote", "rule"]


@dataclass(frozen=True)
class Source:
    """PTC text `[start, end)`; a line break inside it is written as a space (a paragraph is
    one line on a page, while PTC puts each sentence on its own line)."""

    start: int
    end: int


@dataclass(frozen=True)
class Link:
    inner: tuple[Inline, ...]
    url: str = "#"


@dataclass(frozen=True)
class Emph:
    inner: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    inner: tuple[Inline, ...]


@dataclass(frozen=True)
class AutoLink:
    """A bare link, `<https://t.co/x>` in Markdown."""

    url: str


@dataclass(frozen=True)
class Image:
    alt: str
    src: str


Inline = str | Source | Link | Emph | Strong | Image | AutoLink


@dataclass(frozen=True)
class Block:
    role: Role
    inlines: tuple[Inline, ...]
    kind: Kind = "para"
    placement: Placement = "article"
    level: int = 2
    """Heading level, for `kind == "heading"`."""
    speaker: str | None = None
    """The account whose words the whole block is (an invented tweet): a gold quote."""


@dataclass(frozen=True)
class GoldQuote:
    """A quote in PTC offsets."""

    start: int
    end: int
    speaker: str | None


Accepted = tuple[str, ...]
"""The spellings that count as right for a name; empty: the right answer is None."""


@dataclass(frozen=True)
class Metadata:
    title: str
    outlet: Accepted
    original_outlet: Accepted
    byline: Accepted
    published: dt.date | None


@dataclass(frozen=True)
class PageMeta:
    """What a page's HTML head (or a tool's metadata header) says about it."""

    site_name: str | None
    author: str | None
    published: dt.date | None
    url: str


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    meta: PageMeta
    gold: Metadata


def link(text: str, url: str = "#") -> Link:
    return Link((text,), url)


def line(
    *inlines: Inline, role: Role = "boilerplate", kind: Kind = "para", speaker: str | None = None
) -> Block:
    """An in-article block; boilerplate unless said otherwise."""
    return Block(role, inlines, kind, speaker=speaker)


def chrome(*labels: str) -> tuple[Block, ...]:
    """A navigation menu: one linked item per label, outside the article."""
    return tuple(
        Block(
            "boilerplate", (link(label, "/" + label.lower().replace(" ", "-")),), "item", "chrome"
        )
        for label in labels
    )


def chrome_line(*inlines: Inline) -> Block:
    return Block("boilerplate", inlines, "para", "chrome")
