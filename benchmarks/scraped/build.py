"""Assemble the benchmark: which PTC articles, which outlet and form each gets, and the gold
each written article carries.  Everything is drawn from `SEED`, so every run builds the same
articles."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scraped import heldout
from scraped.forms import FORMS, SUFFIX, WRITERS, Form, GoldLine, Written, inline_runs
from scraped.outlets import TUNING_OUTLETS
from scraped.page import Metadata, Page
from scraped.source import PtcArticle, PtcNotes, body_blocks, gold_quote_ids, notes, read_article
from scraped.template import Context, Outlet

SEED = 13
Part = Literal["tuning", "held-out"]

# PTC articles without gold quotes, drawn once (random.Random(13)) from the train and dev
# articles of 1,500-4,500 characters whose lines are all prose (one that turned out to be a
# republication was replaced by the next draw).
TUNING_ARTICLES = (
    "707566605", "701553469", "729581752", "787142429", "740808926", "698719689",
    "728680557", "700387229", "771254016", "697959084", "710376094", "757843275",
)  # fmt: skip

# Lines of the tuning part's quote-annotated PTC articles that are not prose (0-based line
# numbers of the PTC file), read by hand; see `source.PtcNotes`.
TUNING_NOTES: dict[str, PtcNotes] = {
    "730246508": notes(
        boilerplate=(5, 6, 26, 27, 29, 31, 47, 52, 59),
        unscored=(24, 25, 45, 46, 50, 51, 56, 57, 58),
    ),
    "763412406": notes(
        boilerplate=(8, 9, 10, 11, 12, 13, 14, 20, 58, 69),
        unscored=(18, 19, 56, 57),
        original="Sons of Liberty Media",
    ),
    "787085939": notes(
        boilerplate=(10, 11, 12, 13, 14, 15, 16, 17, 54, 60, 61),
        unscored=(53, 59),
        original="The Free Thought Project",
    ),
    "740235127": notes(boilerplate=(38,), unscored=(33, 34, 35, 36, 37)),
    "999001323": notes(
        boilerplate=(36, 37, 38, 39), author="Stephen Battaglio", original="Los Angeles Times"
    ),
    "784143418": notes(boilerplate=(9, 10, 11, 12, 13, 14, 15, 30), original="Pamela Geller"),
    "780787440": notes(boilerplate=(24, 25, 26, 27), author="Alvise Armellini", original="dpa"),
    "776373795": notes(
        boilerplate=(41, 42, 43, 44),
        author="Noah Bierman and Chris Megerian",
        original="Los Angeles Times",
    ),
    "727736557": notes(boilerplate=(26,), unscored=(23, 25)),
    "732708002": notes(boilerplate=(52, 53, 54, 55, 56, 57)),
    "727174208": notes(boilerplate=(38,)),
    "761564397": notes(boilerplate=(36,)),
    "727658675": notes(unscored=(17,)),
    "999001033": notes(boilerplate=(7, 10), unscored=(8, 9)),
}


@dataclass(frozen=True)
class GoldQuoteAt:
    start: int
    end: int
    """Offsets into the input; -1 for HTML, whose quotes are found by `text`."""
    speaker: str | None
    text: str
    """The quote's words as the reader sees them (PTC's, or the tweet's), whitespace
    collapsed: what `input[start:end]` reads, markup aside."""


@dataclass(frozen=True)
class ScrapedArticle:
    key: str
    article_id: str
    part: Part
    outlet: str
    form: Form
    input: str
    suffix: str
    metadata: Metadata
    lines: tuple[GoldLine, ...]
    quotes: tuple[GoldQuoteAt, ...]
    has_gold_quotes: bool
    """Only articles with hand-annotated quotes are scored for quotes."""


def build_benchmark(ptc: Path) -> list[ScrapedArticle]:
    gold = gold_quote_ids()
    tuning = [(split, a) for a, (split, held) in gold.items() if not held]
    held_out = [(split, a) for a, (split, held) in gold.items() if held]
    tuning += [("train", a) for a in TUNING_ARTICLES]
    held_out += list(heldout.HELD_OUT_ARTICLES)
    return [
        *_build_part("tuning", tuning, TUNING_NOTES, TUNING_OUTLETS, ptc),
        *_build_part("held-out", held_out, heldout.HELD_OUT_NOTES, heldout.HELD_OUT_OUTLETS, ptc),
    ]


def _build_part(
    part: Part,
    ids: Sequence[tuple[str, str]],
    part_notes: dict[str, PtcNotes],
    outlets: Sequence[Outlet],
    ptc: Path,
) -> list[ScrapedArticle]:
    articles = [
        read_article(ptc, split, a, part_notes.get(a, PtcNotes())) for split, a in sorted(ids)
    ]
    random.Random(f"{SEED}:{part}").shuffle(articles)
    syndicated = [a for a in articles if a.notes.original]
    republishers = [o for o in outlets if o.republishes]
    assigned = [(a, republishers[i % len(republishers)]) for i, a in enumerate(syndicated)]
    others = [a for a in articles if not a.notes.original]
    assigned += [(a, outlets[(len(syndicated) + i) % len(outlets)]) for i, a in enumerate(others)]
    # Forms cycle too, shifted by one each round, so that no outlet keeps to one form even
    # when there are as many outlets as forms.
    n = len(FORMS)
    return [
        _written(part, article, outlet, FORMS[(i + i // n) % n])
        for i, (article, outlet) in enumerate(assigned)
    ]


def _written(part: Part, article: PtcArticle, outlet: Outlet, form: Form) -> ScrapedArticle:
    rng = random.Random(f"{SEED}:{article.article_id}")
    domain = outlet.name.lower().replace(" ", "") + ".example"
    published = _publication_date(article.text, rng)
    context = Context(article, tuple(body_blocks(article, rng, domain)), rng, published)
    page = outlet.template(context)
    written = WRITERS[form](page, article.text, rng)
    return ScrapedArticle(
        key=f"{article.article_id}/{outlet.name}/{form}",
        article_id=article.article_id,
        part=part,
        outlet=outlet.name,
        form=form,
        input=written.text,
        suffix=SUFFIX[form],
        metadata=page.gold,
        lines=written.lines,
        quotes=tuple(_quotes(article, page, written, form == "html")),
        has_gold_quotes=article.has_gold_quotes,
    )


_FULL_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}),? (20[12]\d)\b"
)


def _publication_date(text: str, rng: random.Random) -> dt.date:
    """A day to three after the latest full date the article mentions, so that a page is
    never dated before its own story; else a day in PTC's years (2017-2019)."""
    mentioned = []
    for month, day, year in _FULL_DATE.findall(text):
        try:
            mentioned.append(dt.datetime.strptime(f"{month} {day} {year}", "%B %d %Y").date())
        except ValueError:  # "February 30"
            continue
    if mentioned:
        return max(mentioned) + dt.timedelta(days=rng.randrange(4))
    return dt.date(2017, 9, 1) + dt.timedelta(days=rng.randrange(540))


def _quotes(article: PtcArticle, page: Page, written: Written, by_text: bool) -> list[GoldQuoteAt]:
    quotes = []
    for quote in article.quotes:
        words = " ".join(article.text[quote.start : quote.end].split())
        if by_text:
            quotes.append(GoldQuoteAt(-1, -1, quote.speaker, words))
        else:
            start, end = written.origin[quote.start], written.origin[quote.end - 1] + 1
            quotes.append(GoldQuoteAt(start, end, quote.speaker, words))
    for index, block in enumerate(page.blocks):
        if block.speaker is not None:
            shown = "".join(run.text for run in inline_runs(block.inlines, article.text, None))
            start, end = (-1, -1) if by_text else written.blocks[index]
            quotes.append(GoldQuoteAt(start, end, block.speaker, " ".join(shown.split())))
    return quotes
