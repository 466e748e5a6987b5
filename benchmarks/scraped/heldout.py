# HELD OUT.  Rule-writers must not read this file, nor the held-out part's pages or misses:
# these outlets, their conventions and the held-out articles' line notes exist only in the
# held-out third of the benchmark, so that its figures measure rules on pages nobody tuned on.
# `bench_scraped.py --errors` never prints the held-out part.
"""The held-out part: its PTC articles, their line notes and its outlet templates (invented
text in each outlet's real conventions, as in `outlets.py`)."""

from __future__ import annotations

from scraped.page import Image, Page, chrome, chrome_line, line, link
from scraped.source import PtcNotes, notes
from scraped.template import (
    CITIES,
    PHOTOGRAPHERS,
    Context,
    Outlet,
    clock,
    long_date,
    page,
    with_lead,
)

# With the ten quote-annotated articles marked `held_out`, these (drawn with the tuning
# part's, by `random.Random(13)`, from the same pool of all-prose articles) make the third.
HELD_OUT_ARTICLES = (
    ("train", "757171650"),
    ("train", "111111136"),
    ("train", "698780559"),
    ("train", "787955075"),
    ("train", "111111111"),
    ("dev", "777720051"),
)

# Lines of the held-out quote-annotated articles that are not prose (see `source.PtcNotes`).
HELD_OUT_NOTES: dict[str, PtcNotes] = {
    "738447109": notes(
        boilerplate=(3, 4, 5, 6, 19, 44, 47, 52, 56, 66),
        unscored=(1, 14, 15, 16, 17, 18, 41, 42, 43, 46, 50, 51, 54, 55),
        original="Sons Of Liberty Media",
    ),
    "731762731": notes(boilerplate=(5, 19, 26, 34)),
    "758385628": notes(boilerplate=(2, 3, 24)),
    "728343601": notes(boilerplate=(2, 13, 26, 37)),
    "999000158": notes(boilerplate=(8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 38), unscored=(36, 37)),
    "757171650": notes(boilerplate=(2,), author="Tyler Durden", original="ZeroHedge"),
    "795379208": notes(
        boilerplate=(31, 32, 33, 34), author="Tracy Wilkinson", original="Los Angeles Times"
    ),
}


def tass(c: Context) -> Page:
    """State news agency: a day-month stamp, the `CITY, Month D. /TASS/.` lead, a photo
    credit and a "Read also" box."""
    stamp = f"{c.published.day} {c.published:%b}".upper() + f", {clock(c.rng)}"
    city = c.rng.choice(CITIES)
    body = with_lead(c, f"{city}, {c.published:%B} {c.published.day}. /TASS/. ")
    at = min(3, len(body) - 1)
    blocks = [
        *chrome("Politics", "World", "Business", "Military & Defense", "Science & Space"),
        line(stamp),
        c.title,
        line(Image("", f"https://cdn-media.tass.ru/width/{c.article_number}.jpg")),
        line(f"© {c.rng.choice(PHOTOGRAPHERS)}/TASS"),
        *body[:at],
        line("Read also", kind="heading"),
        line(link("Kremlin comments on the prospects of a new summit")),
        *body[at:],
        line("Follow TASS on ", link("Twitter"), " and ", link("Telegram")),
        chrome_line(f"© Russian News Agency TASS, 1999–{c.published.year}"),
    ]
    return page(
        c,
        blocks,
        site="TASS",
        url=f"https://tass.com/world/{1040000 + c.article_number}",
        outlet="TASS",
        byline=None,
    )


def associated_press(c: Context) -> Page:
    """Wire service: an upper-case byline, the `CITY (AP) —` lead, the contributors' credit
    under a rule, and the rights notice."""
    author = c.author()
    helper = c.rng.choice(("Maria Lopez", "Kevin Tran", "Hannah Brooks"))
    city = c.rng.choice(("Chicago", "Paris", "Madrid"))
    blocks = [
        *chrome("Top News", "World News", "Politics", "Entertainment", "Sports"),
        c.title,
        line(f"By {author.upper()}"),
        line(f"{long_date(c.published)} GMT"),
        *with_lead(c, f"{c.rng.choice(CITIES)} (AP) — "),
        line("___", kind="rule"),
        line(f"Associated Press writer {helper} in {city} contributed to this report."),
        line(
            f"Copyright {c.published.year} The Associated Press. All rights reserved. This "
            "material may not be republished or redistributed without permission."
        ),
    ]
    return page(
        c,
        blocks,
        site="AP NEWS",
        url=f"https://apnews.com/{c.article_number:x}{c.slug()[:20]}",
        outlet="Associated Press",
        byline=author,
    )


def information_clearing_house(c: Context) -> Page:
    """Aggregator: the translation banner, the `Month DD, YYYY "Information Clearing House" -`
    dateline opening the first paragraph, the original's credit and the comment prompt."""
    original = c.original(("RT", "Sputnik", "Consortium News", "Strategic Culture Foundation"))
    author = c.maybe_author(0.6)
    blocks = [
        *chrome("Home", "Archives", "Newsletter", "Donate"),
        line(
            "Click for Spanish, German, Dutch, Danish, French translation - "
            "the translation may take a moment to load."
        ),
        c.title,
        line(f"By {author or original}"),
        *with_lead(
            c, f'{c.published:%B %d, %Y} "Information Clearing House" - ', before_dateline=True
        ),
        line(f'This article was originally published by "{original}" -'),
        line(
            "The views expressed in this article are solely those of the author and do not "
            "necessarily reflect the opinions of Information Clearing House."
        ),
        line(link("Do you agree or disagree? Post your comment here")),
        chrome_line("Information Clearing House - ICH"),
    ]
    return page(
        c,
        blocks,
        site="Information Clearing House",
        url=f"http://www.informationclearinghouse.info/{51000 + c.article_number}.htm",
        outlet="Information Clearing House",
        byline=author or original,
        original=original,
    )


def antiwar(c: Context) -> Page:
    """Republishing blog: `Posted on` date, the author's bio, the reprint credit and a list
    of the author's other pieces."""
    original = c.original(
        ("The American Conservative", "Responsible Statecraft", "Consortium News")
    )
    author = c.author()
    blocks = [
        *chrome("Home", "Blog", "Viewpoints", "Donate"),
        c.title,
        line("by ", link(author)),
        line(f"Posted on {long_date(c.published)}"),
        *c.body,
        line(f"{author} writes on foreign policy and civil liberties."),
        line("Reprinted from ", link(original), " with the author’s permission."),
        line(link("Please Support Antiwar.com")),
        line(f"Read more by {author}", kind="heading"),
        line(link("The Forever War Comes Home"), kind="item"),
        line(link("What the Hawks Never Learn"), kind="item"),
        chrome_line(f"© {c.published.year} Antiwar.com"),
    ]
    return page(
        c,
        blocks,
        site="Antiwar.com",
        url=f"https://original.antiwar.com/{c.slug()}/{c.published:%Y/%m/%d}/",
        outlet="Antiwar.com",
        byline=author,
        original=original,
    )


def russia_insider(c: Context) -> Page:
    """Aggregator of state media: a `Source:` line naming the original, a weekday date, and
    the republishing licence that names the site."""
    original = c.original(("RT", "Sputnik", "TASS", "The Saker"))
    author = c.maybe_author(0.3)
    blocks = [
        *chrome("Home", "Politics", "Media", "Opinion", "Donate"),
        c.title,
        *([line("By ", link(author))] if author else []),
        line("Source: ", link(original)),
        line(f"{c.published:%a, %b} {c.published.day}, {c.published.year}"),
        *c.body,
        line("This post first appeared on ", link("Russia Insider")),
        line(
            "Anyone may republish the text of this article in any medium, as long as they "
            "link back to and credit Russia Insider."
        ),
        chrome_line("Russia Insider © 2019"),
    ]
    return page(
        c,
        blocks,
        site="Russia Insider",
        url=f"https://russia-insider.com/en/{c.slug()}/ri{25000 + c.article_number}",
        outlet="Russia Insider",
        byline=author,
        original=original,
    )


HELD_OUT_OUTLETS: tuple[Outlet, ...] = (
    Outlet("TASS", tass, republishes=False),
    Outlet("Associated Press", associated_press, republishes=False),
    Outlet("Information Clearing House", information_clearing_house, republishes=True),
    Outlet("Antiwar.com", antiwar, republishes=True),
    Outlet("Russia Insider", russia_insider, republishes=True),
)
