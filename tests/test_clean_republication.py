"""`clean` on republished scraped articles: who wrote it, who published it first, and when.

Scraped text often carries Markdown links (`By [RT](#)`).  The markup step blanks link syntax to
spaces of the same length before cleaning reads a line, so the strings marked "visible" below are
what `clean` reads after that: `By [RT](#)` becomes `By  RT    `.  Every rule must read those
as it reads the plain text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from propalens.clean import CleanedText, clean
from propalens.outlets import lookup_outlet


def _between_body_lines(line: str) -> str:
    return f"Sanctions row deepens\n\nThe minister spoke on Monday.\n{line}\nThe vote follows."


def _under_title(line: str) -> str:
    """`line` where a page prints its own byline or dateline: between the title and the body."""
    return f"Sanctions row deepens\n\n{line}\n\nThe minister spoke on Monday."


def _removed_kind(result: CleanedText, text: str, snippet: str) -> str | None:
    start = text.index(snippet)
    end = start + len(snippet)
    return next(
        (item.kind for item in result.removed if item.start <= start and end <= item.end), None
    )


def _in_body(result: CleanedText, text: str, snippet: str) -> bool:
    start = text.index(snippet)
    end = start + len(snippet)
    return any(a <= start and end <= b for a, b in result.body)


# The invented Global Research republication of an RT article, as `clean` reads it once
# its Markdown is blanked: `[RT](#)` is ` RT    `, `*"...,"*` is ` "...," `.
VISIBLE_REPUBLICATION = "\n".join(
    [
        "Minister Slams Sanctions: Volkov",
        "",
        "By  RT    ",
        "",
        "Global Research, March 3, 2019",
        "",
        " RT     2 March 2019",
        "",
        "Region:  Europe    ,  Russia and FSU    ",
        "",
        "Russia's foreign minister has dismissed the new sanctions as a pretext for pressure.",
        "",
        ' "We will not bow to blackmail,"  Volkov said.',
        "",
        "Sanctions are only a pretext, the ministry's spokesperson, Anna Orlova, said Thursday.",
        "",
        "Anti-Russian campaign is 'absurd' - Moscow  http://t.co/xxxx  pic.twitter.com/xxxx",
        "",
        "— RT (@RT_com)  March 1, 2019    ",
        "",
        "The original source of this article is  RT    ",
        "",
        "Copyright ©  RT    ,  RT    , 2019",
        "",
        " Comment on Global Research Articles on our Facebook page    ",
        "",
        " Become a Member of Global Research    ",
        "",
        "Articles by:  RT    ",
        "",
        "Disclaimer: The contents of this article are of sole responsibility of the author(s). "
        "Global Research will not be responsible for any inaccurate or incorrect statement in "
        "this article.",
        "",
        "www.globalresearch.ca contains copyrighted material the use of which has not always "
        "been specifically authorized by the copyright owner.",
        "",
        "For media inquiries: publications@globalresearch.ca",
        "",
    ]
)

REPUBLICATION_BODY = [
    "Russia's foreign minister has dismissed the new sanctions as a pretext for pressure.",
    '"We will not bow to blackmail,"  Volkov said.',
    "Sanctions are only a pretext, the ministry's spokesperson, Anna Orlova, said Thursday.",
]


def test_a_visible_republication_names_author_outlets_and_both_dates() -> None:
    result = clean(VISIBLE_REPUBLICATION)
    assert result.title is not None
    assert VISIBLE_REPUBLICATION[result.title[0] : result.title[1]] == (
        "Minister Slams Sanctions: Volkov"
    )
    assert (result.byline, result.outlet, result.original_outlet) == (
        "RT",
        "Global Research",
        "RT",
    )
    assert (result.published, result.original_published) == (
        dt.date(2019, 3, 3),
        dt.date(2019, 3, 2),
    )


def test_every_line_of_a_visible_republication_is_body_or_removed_and_only_its_prose_is_body() -> (
    None
):
    result = clean(VISIBLE_REPUBLICATION)
    body = [VISIBLE_REPUBLICATION[start:end] for start, end in result.body]
    assert body == REPUBLICATION_BODY


def test_the_author_and_the_original_of_a_via_byline_are_both_named() -> None:
    result = clean(_under_title("Authored by Tyler Durden via The Duran,"))
    assert (result.byline, result.original_outlet) == ("Tyler Durden", "The Duran")


def test_a_credit_for_a_quoted_passage_names_no_original() -> None:
    text = "Headline\n\nVia Zerohedge…\nThe minister spoke on Monday.\nReprinted from The Duran."
    assert clean(text).original_outlet == "The Duran"


def test_the_outlets_of_a_republication_resolve_to_their_reliability_profiles() -> None:
    result = clean(VISIBLE_REPUBLICATION)
    outlet = lookup_outlet(name=result.outlet)
    original = lookup_outlet(name=result.original_outlet)
    assert outlet is not None and outlet.domain == "globalresearch.ca"
    assert original is not None and original.domain == "rt.com"


def test_a_headline_with_its_byline_and_dateline_right_under_it_is_still_the_title() -> None:
    # Copied from a browser: no blank line between the headline and the lines under it.
    text = "Minister Slams Sanctions\nBy  RT\nGlobal Research, March 3, 2019\n\nThe minister spoke."
    result = clean(text)
    assert result.title is not None
    assert text[result.title[0] : result.title[1]] == "Minister Slams Sanctions"
    assert (result.byline, result.outlet, result.published) == (
        "RT",
        "Global Research",
        dt.date(2019, 3, 3),
    )


# -- bylines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline", "outlet"),
    [
        ("By RT", "RT", None),
        ("By  RT    ", "RT", None),  # visible: By [RT](#)
        ("By  Anna  Petrova    ", "Anna Petrova", None),  # visible: By [Anna Petrova](#)
        ("By Jane Doe | RT", "Jane Doe", "RT"),
        ("By  Jane Doe     |  RT    ", "Jane Doe", "RT"),  # visible: By [Jane Doe](#) | [RT](#)
        ("By Jane Doe, Reuters", "Jane Doe", "Reuters"),
        ("Written by Jane Doe", "Jane Doe", None),
        ("By Anna Petrova and Ivan Sokolov", "Anna Petrova and Ivan Sokolov", None),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("By Jane Doe, Moscow correspondent", "Jane Doe", None),
        ("(Reporting by Jane Doe in Moscow; Editing by John Smith)", "Jane Doe", None),
    ],
)
def test_a_byline_names_its_authors_and_outlet_in_plain_and_visible_form(
    line: str, byline: str, outlet: str | None
) -> None:
    result = clean(_under_title(line))
    assert (result.byline, result.outlet) == (byline, outlet)


@pytest.mark.parametrize(
    "line",
    [
        "By John Smith, March 3, 2019",
        "By John Smith  March 3, 2019    ",  # visible: By John Smith [March 3, 2019](#)
        "Posted by John Smith on March 3, 2019",
    ],
)
def test_a_byline_with_a_date_gives_the_author_and_the_date_not_an_outlet(line: str) -> None:
    result = clean(_under_title(line))
    assert (result.byline, result.outlet, result.published) == (
        "John Smith",
        None,
        dt.date(2019, 3, 3),
    )


# -- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Global Research, March 3, 2019",
        " Global Research    , March 3, 2019",  # visible: [Global Research](#), March 3, 2019
        "Global Research | March 3, 2019",
    ],
)
def test_the_republishers_dateline_gives_the_outlet_and_the_published_date(line: str) -> None:
    result = clean(_under_title(line))
    assert (result.outlet, result.published, result.original_published) == (
        "Global Research",
        dt.date(2019, 3, 3),
        None,
    )


@pytest.mark.parametrize(
    "original_line",
    [
        "RT 2 March 2019",
        " RT     2 March 2019",  # visible: [RT](#) 2 March 2019
        "RT, March 2, 2019",
    ],
)
def test_the_originals_own_dateline_under_the_republishers_is_kept_apart(
    original_line: str,
) -> None:
    text = (
        "Minister Slams Sanctions\n\nGlobal Research, March 3, 2019\n"
        f"{original_line}\n\nThe minister spoke on Monday."
    )
    result = clean(text)
    assert (result.outlet, result.published) == ("Global Research", dt.date(2019, 3, 3))
    assert (result.original_outlet, result.original_published) == ("RT", dt.date(2019, 3, 2))
    assert _removed_kind(result, text, original_line.strip()) == "dateline"


@pytest.mark.parametrize(
    "line",
    ["Monday, May 12, 2018", "Sat 12 May 2018 10.20 BST", "Originally published May 12, 2018"],
)
def test_a_dateline_without_an_outlet_gives_the_published_date_alone(line: str) -> None:
    result = clean(_under_title(line))
    assert (result.outlet, result.published, result.original_published) == (
        None,
        dt.date(2018, 5, 12),
        None,
    )


# -- republication notices ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "original", "first_published"),
    [
        ("The original source of this article is  RT    ", "RT", None),  # visible: [RT](#)
        (
            "The original source of this article is  Strategic  Culture    ",
            "Strategic Culture",
            None,
        ),
        ("This article was originally published on RT on 2 March 2019.", "RT", dt.date(2019, 3, 2)),
        ("Originally published at  RT     on March 2, 2019", "RT", dt.date(2019, 3, 2)),
        ("First published by RT on 2 March 2019", "RT", dt.date(2019, 3, 2)),
        ("Republished from RT with permission", "RT", None),
        ("Republished from  Consortium News     with permission.", "Consortium News", None),
        ("Source: RT", "RT", None),
        ("Source:  The Duran    ", "The Duran", None),
        ("Source: www.rt.com", "www.rt.com", None),
        ("This article is from Consortium News.", "Consortium News", None),
        (
            "This article was produced by Globetrotter, a project of the Independent Media "
            "Institute.",
            "Globetrotter",
            None,
        ),
        ("Read the original article at The Duran.", "The Duran", None),
        ("Re-published from Consortium News.", "Consortium News", None),
    ],
)
def test_a_republication_notice_names_the_original_without_link_syntax(
    line: str, original: str, first_published: dt.date | None
) -> None:
    text = _between_body_lines(line)
    result = clean(text)
    assert (result.original_outlet, result.original_published) == (original, first_published)
    assert _removed_kind(result, text, line.strip()) == "disclaimer"


# -- boilerplate lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Articles by:  RT    ", "byline"),  # visible: Articles by: [RT](#)
        ("Region:  Europe    ,  Russia and FSU    ", "header"),
        ("Theme: Intelligence", "header"),
        (
            "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
            "disclaimer",
        ),
        (
            "www.globalresearch.ca contains copyrighted material the use of which has not always "
            "been specifically authorized by the copyright owner.",
            "disclaimer",
        ),
        (
            "In accordance with Title 17 U.S.C. Section 107, this material is distributed without "
            "profit to those who have expressed a prior interest in receiving it.",
            "disclaimer",
        ),
        (
            "The statements, views and opinions expressed in this column are solely those of the "
            "author and do not necessarily represent those of RT.",
            "disclaimer",
        ),
        ("For media inquiries: publications@globalresearch.ca", "footer"),
        ("Copyright ©  RT    ,  RT    , 2019", "copyright"),
        ("Copyright © RT, Global Research, 2019", "copyright"),
        ("Comment on Global Research Articles on our Facebook page", "footer"),
        ("Become a Member of Global Research", "footer"),
        ("Follow RT on Telegram", "footer"),
        ("Share this:", "footer"),
        ("Share on Facebook", "footer"),
        ("You can share this story on social media:", "footer"),
        ("Featured image is from  RT    ", "photo_caption"),
        ("Note to readers: Please click the share buttons above or below.", "footer"),
        ("Please consider making a donation to Global Research.", "footer"),
        ("Associated Press writer Jane Doe in Moscow contributed to this report.", "footer"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("Advertisement", "footer"),
        ("Facebook Twitter Email", "footer"),
        ("Share | Tweet | Print", "footer"),
        ("Via Zerohedge…", "disclaimer"),
        ("Trends: Ukraine", "header"),
        ("Sat, 03/02/2019 - 10:20", "dateline"),
        ("Leave a Reply", "footer"),
        ("Print Friendly, PDF & Email", "footer"),
        (
            "Url of this article: https://www.globalresearch.ca/minister-slams-sanctions/5670000",
            "footer",
        ),
    ],
)
def test_each_kind_of_republication_boilerplate_is_removed_in_plain_and_visible_form(
    line: str, kind: str
) -> None:
    text = _between_body_lines(line)
    result = clean(text)
    assert _removed_kind(result, text, line.strip()) == kind
    assert _in_body(result, text, "The minister spoke on Monday.")
    assert _in_body(result, text, "The vote follows.")


@pytest.mark.parametrize(
    "attribution",
    [
        "— RT (@RT_com) March 1, 2019",
        "— RT (@RT_com)  March 1, 2019    ",  # visible: — RT (@RT_com) [March 1, 2019](#)
    ],
)
def test_a_tweet_sign_off_with_a_plain_or_linked_date_closes_one_embed(attribution: str) -> None:
    text = (
        "Sanctions row deepens\n\nThe minister spoke on Monday.\n\n"
        "Anti-Russian campaign is 'absurd' - Moscow pic.twitter.com/xxxx\n\n"
        f"{attribution}\n\nThe vote follows."
    )
    result = clean(text)
    embeds = [item for item in result.removed if item.kind == "tweet_embed"]
    assert len(embeds) == 1
    assert embeds[0].text.startswith("Anti-Russian campaign")
    assert embeds[0].text.endswith("March 1, 2019")
    assert _in_body(result, text, "The vote follows.")


@pytest.mark.parametrize(
    "line",
    [
        "The film contains copyrighted material, the studio said.",
        "Copyright lawyers for RT said the footage was theirs.",
        "He posted the clip on Twitter on March 1, 2019, and it spread.",
        "Follow the money, the senator said on Twitter.",
        "Source: officials said the plan was working.",
        "First published in 1998, the book was a hit.",
        "Share prices fell on Monday.",
        "He shared this article on Facebook yesterday.",
        "Media reports said the talks had stalled.",
        "Reporting by Reuters showed the plan had failed.",
        "Via Rail Canada announced the cuts on Monday.",
        "Email the editor with your thoughts.",
        "Advertisements for the rally ran all week.",
        "Donate blood if you can, the minister said.",
    ],
)
def test_prose_mentioning_copyright_twitter_a_source_or_sharing_stays_body(line: str) -> None:
    text = _between_body_lines(line)
    result = clean(text)
    assert _in_body(result, text, line)
    assert result.removed == ()
    assert (result.outlet, result.original_outlet, result.original_published) == (None, None, None)
