"""The tuning part's outlet templates: invented text in each outlet's real conventions.

Rule-writers may read these (and the pages they make with `bench_scraped.py --errors`).  The
held-out part uses other outlets, in `heldout.py`, which rule-writers must not read.
"""

from __future__ import annotations

from scraped.page import Block, Image, Page, chrome, chrome_line, line, link
from scraped.template import (
    CITIES,
    PHOTOGRAPHERS,
    Context,
    Outlet,
    clock,
    day_month_year,
    long_date,
    page,
    short_date,
    tweet,
    with_inserts,
    with_lead,
)

_REGIONS = (
    "Europe",
    "Russia and FSU",
    "Middle East & North Africa",
    "USA",
    "Asia",
    "Latin America",
)
_THEMES = (
    "Media Disinformation",
    "Intelligence",
    "Law and Justice",
    "US NATO War Agenda",
    "Religion",
)


def global_research(c: Context) -> Page:
    """An aggregator's republication: the issue's own example, in all its furniture."""
    original = c.original(("RT", "Sputnik", "Press TV", "Strategic Culture Foundation"))
    author = c.maybe_author(0.6)
    credit = author or original
    regions = c.rng.sample(_REGIONS, 2)
    blocks = [
        *chrome("Home", "Latest News", "Global Research TV", "Donate"),
        c.title,
        line("By ", link(credit)),
        line(f"Global Research, {long_date(c.published)}"),
        line(link(original), f" {day_month_year(c.original_date)}"),
        line("Region: ", link(regions[0]), ", ", link(regions[1])),
        line("Theme: ", link(c.rng.choice(_THEMES))),
        *c.body,
        line("The original source of this article is ", link(original)),
        line("Copyright © ", link(credit), ", ", link(original), f", {c.published.year}"),
        line(link("Comment on Global Research Articles on our Facebook page")),
        line(link("Become a Member of Global Research")),
        line("Articles by: ", link(credit)),
        line(
            "Disclaimer: The views in this article are the author's alone; the Centre for "
            "Research on Globalization accepts no responsibility for any inaccurate statement."
        ),
        line(
            "www.globalresearch.ca may contain copyrighted material whose use its owner has not "
            "specifically authorised; we make it available under fair use, for research and "
            "education."
        ),
        line("For media inquiries: publications@globalresearch.ca"),
        chrome_line(f"Copyright © Centre for Research on Globalization, {c.published.year}"),
    ]
    return page(
        c,
        blocks,
        site="Global Research",
        url=f"https://www.globalresearch.ca/{c.slug()}/{5600000 + c.article_number}",
        outlet="Global Research",
        original=original,
        byline=credit,
    )


def rt(c: Context) -> Page:
    """State broadcaster: published/edited times, short-URL button, a photo credit, READ MORE
    links and the outlet's own tweet embedded in the body."""
    edited = f" | Edited time: {short_date(c.published)} {clock(c.rng)}"
    body = with_inserts(
        c.body,
        [
            (
                0.35,
                [
                    line(
                        "READ MORE: ",
                        link("Moscow warns of 'consequences' over new Western sanctions"),
                    )
                ],
            ),
            (
                0.7,
                tweet(
                    "Kremlin says the claims are 'absurd' and 'groundless'",
                    f"Rk{c.article_number}Zq",
                    "RT",
                    "RT_com",
                    c.published,
                ),
            ),
        ],
    )
    blocks = [
        *chrome("Home", "Russia", "World News", "Business", "Op-ed", "Shows"),
        c.title,
        line(
            link("RT"),
            f" | Published time: {short_date(c.published)} {clock(c.rng)}"
            + (edited if c.rng.random() < 0.5 else ""),
        ),
        line(link("Get short URL")),
        line(Image("File photo", f"https://cdni.rt.com/files/{c.article_number}.jpg")),
        line(f"File photo. © Reuters / {c.rng.choice(PHOTOGRAPHERS)}"),
        *body,
        line("Like this story? Share it with a friend!"),
        chrome_line(
            f"© Autonomous Nonprofit Organization “TV-Novosti”, 2005–{c.published.year}. "
            "All rights reserved."
        ),
    ]
    return page(
        c,
        blocks,
        site="RT International",
        url=f"https://www.rt.com/news/{c.slug()}/",
        outlet="RT",
        byline=None,
    )


def sputnik(c: Context) -> Page:
    """State news agency: a GMT timestamp, a photo credit, and the `CITY (Sputnik) -` lead."""
    author = c.maybe_author(0.4)
    stamp = f"{clock(c.rng)} GMT {c.published:%d.%m.%Y}"
    blocks = [
        *chrome("World", "Russia", "Military", "Analysis", "Multimedia"),
        c.title,
        line(
            stamp
            + (
                f" (updated {clock(c.rng)} GMT {c.published:%d.%m.%Y})"
                if c.rng.random() < 0.5
                else ""
            )
        ),
        line(link("Get short URL")),
        *([line("by ", link(author))] if author else []),
        line(Image("Photo", f"https://cdn.sputniknews.com/img/{c.article_number}.jpg")),
        line(f"© Sputnik / {c.rng.choice(PHOTOGRAPHERS)}"),
        *with_lead(c, f"{c.rng.choice(CITIES)} (Sputnik) - "),
        line(link("Subscribe to our Telegram channel")),
        chrome_line(f"© {c.published.year} Sputnik. All rights reserved"),
    ]
    return page(
        c,
        blocks,
        site="Sputnik International",
        url=f"https://sputniknews.com/world/{c.published:%Y%m%d}{c.article_number}/",
        outlet="Sputnik",
        byline=author,
    )


def reuters(c: Context) -> Page:
    """Wire service: byline, timestamp, reading time, `CITY (Reuters) -` lead, the credits
    line and the trust-principles link."""
    author = c.author()
    editor = c.rng.choice(("Mark Heinrich", "Jonathan Oatis", "Grant McCool"))
    blocks = [
        *chrome("Business", "Markets", "World", "Politics", "Tech"),
        c.title,
        line("By ", link(author)),
        line(
            long_date(c.published).upper()
            + f" / {c.rng.randrange(1, 12)}:{c.rng.randrange(10, 60)} PM / Updated an hour ago"
        ),
        line(f"{c.rng.randrange(2, 7)} Min Read"),
        *with_lead(c, f"{c.rng.choice(CITIES)} (Reuters) - "),
        line(f"Reporting by {author}; Editing by {editor}"),
        line("Our Standards: ", link("The Thomson Reuters Trust Principles.")),
        chrome_line("All quotes delayed a minimum of 15 minutes."),
    ]
    return page(
        c,
        blocks,
        site="Reuters",
        url=f"https://www.reuters.com/article/{c.slug()}-idUSKCN{c.article_number}",
        outlet="Reuters",
        byline=author,
    )


def press_tv(c: Context) -> Page:
    """State broadcaster: weekday timestamp with its update, breadcrumb, an agency photo
    caption, and the alternate-addresses footer."""
    time = f"{c.rng.randrange(1, 12):02d}:{c.rng.randrange(60):02d}PM"
    stamp = f"{c.published:%a %b} {c.published.day}, {c.published.year} {time}"
    blocks = [
        *chrome("Home", "Iran", "Middle East", "UK", "US", "Video"),
        c.title,
        line(stamp + f" [Updated: {stamp} ]"),
        line(link("Home"), " / ", link(c.rng.choice(("Middle East", "US", "Europe")))),
        line(Image("", f"https://217.218.67.233/photo/{c.article_number}.jpg")),
        line("This file photo shows the site of the incident. (Photo by AFP)"),
        *c.body,
        line("Press TV’s website can also be accessed at the following alternate addresses:"),
        line(link("www.presstv.ir"), kind="item"),
        line(link("www.presstv.co.uk"), kind="item"),
    ]
    return page(
        c,
        blocks,
        site="PressTV",
        url=f"https://www.presstv.com/Detail/{c.published:%Y/%m/%d}/{5500 + c.article_number}",
        outlet="Press TV",
        byline=None,
    )


def zerohedge(c: Context) -> Page:
    """Aggregator blog: `by Tyler Durden`, a US-style timestamp, and for a republication the
    `Authored by X via Y,` line that names the real author and the original outlet."""
    original = c.original(
        ("The Duran", "Strategic Culture Foundation", "The American Conservative")
    )
    republished = c.article.notes.original is not None or c.rng.random() < 0.7
    author = c.author() if republished else "Tyler Durden"
    blocks: list[Block] = [
        *chrome("Home", "Markets", "Geopolitical", "Crypto", "Premium"),
        c.title,
        line("by ", link("Tyler Durden")),
        line(f"{c.published:%a, %m/%d/%Y} - {clock(c.rng)}"),
    ]
    if republished:
        blocks.append(line(f"Authored by {author} via ", link(original), ","))
    blocks += [
        *c.body,
        line("Tags: ", link("Politics"), " ", link("Geopolitical"), " ", link("War Conflict")),
        chrome_line("Copyright ©2009-2019 ZeroHedge.com/ABC Media, LTD"),
    ]
    return page(
        c,
        blocks,
        site="Zero Hedge",
        url=f"https://www.zerohedge.com/news/{c.published:%Y-%m-%d}/{c.slug()}",
        outlet="ZeroHedge",
        byline=author,
        original=original if republished else None,
    )


def lew_rockwell(c: Context) -> Page:
    """A blog that republishes with permission: the site's dateline, the reprint credit and
    the original's copyright."""
    original = c.original(
        ("The Ron Paul Institute", "Mises Institute", "The American Conservative")
    )
    author = c.author()
    blocks = [
        *chrome("Home", "Archives", "Blog", "Podcast", "Donate"),
        c.title,
        line("By ", link(author)),
        line(f"LewRockwell.com, {long_date(c.published)}"),
        *c.body,
        line("Reprinted with permission from ", link(original), "."),
        line(f"Copyright © {c.original_date.year} {original}"),
        line(link(f"The Best of {author}")),
        chrome_line("Copyright © 2019 LewRockwell.com"),
    ]
    return page(
        c,
        blocks,
        site="LewRockwell",
        url=f"https://www.lewrockwell.com/{c.published:%Y/%m}/{c.slug()}/",
        outlet="LewRockwell.com",
        byline=author,
        original=original,
    )


def breitbart(c: Context) -> Page:
    """Partisan site: `by Author` with the date, an AP photo credit, the Twitter follow line
    and the author's house bio."""
    author = c.author()
    handle = author.replace(" ", "")
    blocks = [
        *chrome("Politics", "Border", "Economy", "Tech", "Video"),
        c.title,
        line("by ", link(author), f" {c.published.day} {c.published:%b %Y}"),
        line(Image("", f"https://media.breitbart.com/media/{c.article_number}.jpg")),
        line(f"AP Photo/{c.rng.choice(PHOTOGRAPHERS)}"),
        *c.body,
        line(f"Follow {author} on Twitter ", link(f"@{handle}"), "."),
        line(f"{author} is a reporter for Breitbart News."),
        chrome_line(f"Copyright © {c.published.year} Breitbart"),
    ]
    return page(
        c,
        blocks,
        site="Breitbart",
        url=f"https://www.breitbart.com/politics/{c.published:%Y/%m/%d}/{c.slug()}/",
        outlet="Breitbart",
        byline=author,
    )


def mint_press(c: Context) -> Page:
    """Independent news site: `By Author / MintPress News`, an ordinal date, a subheading-free
    body with a pull quote, and its republishing licence."""
    author = c.author()
    day = c.published.day
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    blocks = [
        *chrome("News", "Investigations", "Podcasts", "Donate"),
        c.title,
        line(f"{c.published:%B} {day}{suffix}, {c.published.year}"),
        line("By ", link(author), " / ", link("MintPress News")),
        *c.body,
        line(
            "The views expressed in this article are the author’s own and do not necessarily "
            "reflect MintPress News editorial policy."
        ),
        line(
            "Republish our stories! MintPress News is licensed under a ",
            link(
                "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 International License",
                "https://creativecommons.org/licenses/by-nc-sa/3.0/",
            ),
            ".",
        ),
        chrome_line("© 2019 MintPress News"),
    ]
    return page(
        c,
        blocks,
        site="MintPress News",
        url=f"https://www.mintpressnews.com/{c.slug()}/{250000 + c.article_number}/",
        outlet="MintPress News",
        byline=author,
    )


TUNING_OUTLETS: tuple[Outlet, ...] = (
    Outlet("Global Research", global_research, republishes=True),
    Outlet("RT", rt, republishes=False),
    Outlet("Sputnik", sputnik, republishes=False),
    Outlet("Reuters", reuters, republishes=False),
    Outlet("Press TV", press_tv, republishes=False),
    Outlet("ZeroHedge", zerohedge, republishes=True),
    Outlet("LewRockwell", lew_rockwell, republishes=True),
    Outlet("Breitbart", breitbart, republishes=False),
    Outlet("MintPress", mint_press, republishes=False),
)
