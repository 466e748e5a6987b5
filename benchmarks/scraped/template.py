"""What an outlet template is given, and the helpers every template shares.

A template (`outlets.py`, `heldout.py`) is a function from a `Context` to a `Page`: it writes
the outlet's furniture around the article in that outlet's own conventions (invented text in
its real shapes) and says what the gold metadata is.  All its choices come from `Context.rng`,
so a page is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scraped.page import (
    AutoLink,
    Block,
    Inline,
    Metadata,
    Page,
    PageMeta,
    Source,
    line,
    link,
)
from scraped.source import PtcArticle

AUTHORS = (
    "Anna Petrova", "Daniel Hughes", "Marco Ferreira", "Lena Hoffmann", "Tomas Novak",
    "Rachel Dunmore", "Igor Belov", "Samuel Achebe", "Claire Whitfield", "Peter Lindqvist",
    "Nadia Karim", "Joel Rutherford", "Sofia Marchetti", "Owen Gallagher", "Yuri Kostin",
)  # fmt: skip
PHOTOGRAPHERS = ("Dmitri Sokolov", "Alexei Marin", "Julia Brandt", "Kemal Aydin", "Ruth Ocampo")
CITIES = ("MOSCOW", "WASHINGTON", "LONDON", "BRUSSELS", "DAMASCUS", "BERLIN", "ROME", "GENEVA")

ALIASES = {
    "RT": ("RT News", "RT International", "Russia Today"),
    "Sputnik": ("Sputnik News", "Sputnik International"),
    "Press TV": ("PressTV",),
    "ZeroHedge": ("Zero Hedge",),
    "Breitbart": ("Breitbart News",),
    "LewRockwell.com": ("LewRockwell", "Lew Rockwell"),
    "Associated Press": ("AP", "The Associated Press"),
    "TASS": ("Russian News Agency TASS",),
    "Antiwar.com": ("Antiwar",),
}


def accepted(name: str | None) -> tuple[str, ...]:
    """The spellings that count as right for an outlet (empty: None is right)."""
    return () if name is None else (name, *ALIASES.get(name, ()))


@dataclass(frozen=True)
class Context:
    article: PtcArticle
    body: tuple[Block, ...]
    rng: random.Random
    published: dt.date
    """The date this page gives; a republication's original is a day or two older."""

    @property
    def original_date(self) -> dt.date:
        return self.published - dt.timedelta(days=1 + self.article_number % 2)

    @property
    def article_number(self) -> int:
        return int(self.article.article_id) % 97

    def author(self) -> str:
        """The article's own author when its text names one, else an invented one."""
        return self.article.notes.author or self.rng.choice(AUTHORS)

    def maybe_author(self, chance: float) -> str | None:
        """`author()` with probability `chance`, else None (a page that credits no one); an
        article whose text names its author always has it."""
        if self.article.notes.author or self.rng.random() < chance:
            return self.author()
        return None

    def original(self, pool: Sequence[str]) -> str:
        """The outlet this republication credits: the one the article's own footer names,
        else one from the republisher's usual sources."""
        return self.article.notes.original or self.rng.choice(pool)

    @property
    def title(self) -> Block:
        """The headline, PTC's first line (some gold quotes lie in it)."""
        return Block("title", (Source(0, self.article.text.index("\n")),))

    def slug(self) -> str:
        words = re.findall(r"[a-z0-9]+", self.article.title.lower())
        return "-".join(words[:8])


Template = Callable[[Context], Page]


@dataclass(frozen=True)
class Outlet:
    name: str
    """The template's name in the benchmark's tables."""
    template: Template
    republishes: bool
    """Whether the outlet republishes other outlets' articles (and may take a syndicated one)."""


def page(
    context: Context,
    blocks: Sequence[Block],
    *,
    site: str,
    url: str,
    outlet: str,
    byline: str | None,
    original: str | None = None,
) -> Page:
    """A page whose gold is what its visible furniture states."""
    gold = Metadata(
        title=context.article.title,
        outlet=accepted(outlet),
        original_outlet=accepted(original),
        byline=(byline,) if byline else (),
        published=context.published,
    )
    meta = PageMeta(site_name=site, author=byline, published=context.published, url=url)
    return Page(tuple(blocks), meta, gold)


def with_inserts(
    body: Sequence[Block], inserts: Sequence[tuple[float, Sequence[Block]]]
) -> list[Block]:
    """The body with blocks inserted between paragraphs, each at a share of the way through
    (0.3: after about the first third); never before the first paragraph or after the last."""
    out = list(body)
    for share, blocks in sorted(inserts, key=lambda item: -item[0]):
        at = min(max(1, round(share * len(body))), max(1, len(body) - 1))
        out[at:at] = list(blocks)
    return out


# A paragraph that opens with its own dateline: "GENEVA - ", "BEIJING: ", "WASHINGTON — ".
_DATELINE = re.compile(r"[A-Z][\w.,' ]{1,40}?\s?[-–—:]\s")


def with_lead(c: Context, lead: str, *, before_dateline: bool = False) -> list[Block]:
    """The body with a dateline (`MOSCOW (Sputnik) - `) opening its first paragraph.  A wire
    writes its own dateline in place of the article's, so none is added to a paragraph that
    has one, unless `before_dateline` (an aggregator prefixes it to the original's)."""
    first = next(i for i, block in enumerate(c.body) if block.role == "body")
    opening = c.body[first]
    start = next(piece.start for piece in opening.inlines if isinstance(piece, Source))
    if not before_dateline and _DATELINE.match(c.article.text, start):
        return list(c.body)
    out = list(c.body)
    out[first] = Block(opening.role, (lead, *opening.inlines), opening.kind, opening.placement)
    return out


def tweet(text: str, short: str, name: str, handle: str, day: dt.date) -> list[Block]:
    """An embedded tweet as reader tools write it: its text with a t.co link, then the
    signature line with the linked date."""
    shown: tuple[Inline, ...] = (
        f"{text} ",
        AutoLink(f"https://t.co/{short}"),
        f" pic.twitter.com/{short[::-1]}",
    )
    return [
        line(*shown, role="unscored", speaker=name),
        line(
            f"— {name} (@{handle}) ",
            link(long_date(day), f"https://twitter.com/{handle}/status/{short}"),
        ),
    ]


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def short_date(day: dt.date) -> str:
    """RT's style: `2 Mar, 2019`."""
    return f"{day.day} {day:%b}, {day.year}"


def day_month_year(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def clock(rng: random.Random) -> str:
    return f"{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}"
