"""`clean` on the furniture around an article as pages and tools print it: menus above the
headline, extraction tools' metadata blocks, outlets' datelines and footers.

Strings marked "visible" are what `clean` reads once Markdown link syntax is blanked to spaces
of the same length (`[Home](/home)` becomes ` Home       `).
"""

from __future__ import annotations

import datetime as dt

import pytest

from propalens.clean import CleanedText, clean
from propalens.clean.dates import parse_date


def _title(result: CleanedText, text: str) -> str | None:
    return text[result.title[0] : result.title[1]] if result.title is not None else None


def _removed_kind(result: CleanedText, text: str, snippet: str) -> str | None:
    start = text.index(snippet)
    end = start + len(snippet)
    return next(
        (item.kind for item in result.removed if item.start <= start and end <= item.end), None
    )


def _body(result: CleanedText, text: str) -> list[str]:
    return [text[start:end] for start, end in result.body]


# -- menus -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "menu",
    [
        "Home\nWorld News\nBusiness\nOp-ed\nShows",  # copied from a browser
        "   Home        \n   World News           \n   Business        ",  # visible html2text list
    ],
)
def test_a_menu_above_the_headline_is_set_aside_and_the_headline_is_the_title(menu: str) -> None:
    text = f"{menu}\n\nSwiss bishop backs a statement on marriage\n\nThe bishop spoke on Monday."
    result = clean(text)
    assert _title(result, text) == "Swiss bishop backs a statement on marriage"
    assert _removed_kind(result, text, "World News") == "header"
    assert _body(result, text) == ["The bishop spoke on Monday."]


def test_a_menu_run_into_the_headline_without_a_blank_line_is_still_apart_from_it() -> None:
    text = "Home\nArchives\nBlog\nPolice had gone to the home before\n\nThe officers were shot."
    result = clean(text)
    assert _title(result, text) == "Police had gone to the home before"


def test_two_short_lines_opening_an_article_are_no_menu() -> None:
    text = "Vote Delayed\nAgain\n\nThe council met on Monday and put off the vote."
    result = clean(text)
    assert _title(result, text) == "Vote Delayed\nAgain"
    assert result.removed == ()


# -- extraction tools' metadata blocks ---------------------------------------------------------

TRAFILATURA = """---
title: Minister slams sanctions as 'blackmail'
url: https://ledger.example.org/2019/03/sanctions
hostname: ledger.example.org
sitename: The Coastal Ledger
date: "2019-03-03"
author: Anna Petrova
fingerprint: "3c6565df0163c18f"
---
Minister slams sanctions as 'blackmail'
The minister spoke on Monday. He said the measures would fail.
Officials in Brussels disagreed."""

READER = """Title: Minister slams sanctions as 'blackmail'
URL Source: https://ledger.example.org/2019/03/sanctions
Published Time: 2019-03-03T10:20:00+00:00
Markdown Content:
The minister spoke on Monday. He said the measures would fail.

Officials in Brussels disagreed."""


def test_trafilatura_front_matter_gives_the_metadata_and_its_repeated_headline_the_title() -> None:
    result = clean(TRAFILATURA)
    assert _title(result, TRAFILATURA) == "Minister slams sanctions as 'blackmail'"
    assert result.title is not None and result.title[0] > TRAFILATURA.index("fingerprint")
    assert (result.outlet, result.byline, result.published) == (
        "The Coastal Ledger",
        "Anna Petrova",
        dt.date(2019, 3, 3),
    )
    assert _body(result, TRAFILATURA) == [
        "The minister spoke on Monday. He said the measures would fail.\n"
        "Officials in Brussels disagreed."
    ]
    assert _removed_kind(result, TRAFILATURA, "hostname: ledger.example.org") == "header"


def test_a_reader_header_gives_the_title_from_its_own_line_and_the_date() -> None:
    result = clean(READER)
    assert _title(result, READER) == "Minister slams sanctions as 'blackmail'"
    assert result.published == dt.date(2019, 3, 3)
    assert _removed_kind(result, READER, "Title: ") == "header"
    assert _removed_kind(result, READER, "Markdown Content:") == "header"
    assert _body(result, READER) == [
        "The minister spoke on Monday. He said the measures would fail.",
        "Officials in Brussels disagreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nThe minister spoke on Monday.\n\n---\n\nOfficials disagreed.",
        "Title: the word the council argued over.\nThe minister spoke on Monday.",
    ],
)
def test_a_rule_or_a_sentence_like_a_field_opening_an_article_is_no_metadata_block(
    text: str,
) -> None:
    result = clean(text)
    assert "The minister spoke on Monday." in _body(result, text)[0] + _body(result, text)[-1]
    assert all(item.kind != "header" for item in result.removed)


# -- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "outlet", "byline", "published"),
    [
        ("RT | Published time: 9 Oct, 2017 10:21", "RT", None, dt.date(2017, 10, 9)),
        ("11:30 GMT 22.05.2018 (updated 16:56 GMT 22.05.2018)", None, None, dt.date(2018, 5, 22)),
        ("JULY 26, 2018 / 8:23 PM / Updated an hour ago", None, None, dt.date(2018, 7, 26)),
        (
            "Sun Jul 15, 2018 09:16PM [Updated: Sun Jul 15, 2018 09:16PM ]",
            None,
            None,
            dt.date(2018, 7, 15),
        ),
        ("Wed, 02/07/2018 - 07:43", None, None, dt.date(2018, 2, 7)),
        ("Posted on March 3, 2019 by Jane Doe", None, "Jane Doe", dt.date(2019, 3, 3)),
        ("March 3, 2019 | By Jane Doe", None, "Jane Doe", dt.date(2019, 3, 3)),
        ("Mar 3, 2019 · 5 min read", None, None, dt.date(2019, 3, 3)),
    ],
)
def test_outlets_datelines_give_the_published_date_and_what_they_print_beside_it(
    line: str, outlet: str | None, byline: str | None, published: dt.date
) -> None:
    text = f"Minister slams sanctions\n\n{line}\n\nThe minister spoke on Monday."
    result = clean(text)
    assert (result.outlet, result.byline, result.published) == (outlet, byline, published)
    assert _removed_kind(result, text, line) == "dateline"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Sat, 05/12/2018", dt.date(2018, 5, 12)),
        ("Wednesday 07.02.2018", dt.date(2018, 2, 7)),
        ("Mon, 05/12/2018", None),
    ],
)
def test_the_weekday_before_an_ambiguous_numeric_date_decides_it(
    text: str, date: dt.date | None
) -> None:
    assert parse_date(text) == date


# -- footers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("6 Min Read", "footer"),
        ("All quotes delayed a minimum of 15 minutes.", "footer"),
        ("Kington is a special correspondent.", "footer"),
        ("Home / Middle East", "header"),
        ("This file photo shows the site of the incident. (Photo by AFP)", "photo_caption"),
        ("take our poll - story continues below", "footer"),
        ("Email *", "footer"),
        ("Name This field is for validation purposes and should be left unchanged.", "footer"),
        (
            "Completing this poll grants you access to Freedom Outpost updates free of charge.",
            "footer",
        ),
        ("You also agree to this site's Privacy Policy and Terms of Use.", "footer"),
        (
            "Who should replace Nikki Haley as our ambassador to the U.N.? "
            "Who should replace Nikki Haley as our ambassador to the U.N.?",
            "footer",
        ),
        ("Already a subscriber?", "footer"),
        ("— Alvise Armellini", "byline"),
    ],
)
def test_each_kind_of_page_furniture_is_removed(line: str, kind: str) -> None:
    text = f"Minister slams sanctions\n\nThe minister spoke on Monday.\n\n{line}\n\nHe left."
    result = clean(text)
    assert _removed_kind(result, text, line) == kind
    assert _body(result, text) == ["The minister spoke on Monday.", "He left."]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Peter Lindqvist is a reporter for Breitbart News.", "Breitbart News"),
        (
            "Republish our stories! MintPress News is licensed under a  Creative Commons "
            "Attribution-NonCommercial-ShareAlike 4.0 International License     .",
            "MintPress News",
        ),  # visible: the licence's name was a link
        (
            "Press TV’s website can also be accessed at the following alternate addresses:",
            "Press TV",
        ),
        ("Our Standards:  The Thomson Reuters Trust Principles.    ", "Reuters"),
    ],
)
def test_a_footer_that_names_the_pages_own_outlet_gives_it(line: str, outlet: str) -> None:
    text = f"Minister slams sanctions\n\nThe minister spoke on Monday.\n\n{line}"
    result = clean(text)
    assert result.outlet == outlet
    assert _removed_kind(result, text, line.strip()) == "footer"


def test_the_outlet_under_an_authors_sign_off_is_the_original_and_body_anywhere_else() -> None:
    text = (
        "Minister slams sanctions\n\nThe minister spoke on Monday.\n\n— Alvise Armellini\n\ndpa"
        "\n\nLos Angeles Times"
    )
    result = clean(text)
    assert _removed_kind(result, text, "dpa") == "byline"
    assert result.original_outlet == "dpa"
    assert "Los Angeles Times" in _body(result, text)


def test_a_dash_glued_to_a_source_credits_a_quoted_passage_and_is_no_sign_off() -> None:
    text = "Minister slams sanctions\n\nThe minister spoke on Monday.\n–Fox News\nHe left."
    result = clean(text)
    assert result.removed == ()


def test_of_two_copyright_lines_the_pages_own_below_the_sources_names_the_outlet() -> None:
    text = (
        "Minister slams sanctions\n\nThe minister spoke on Monday.\n\n"
        "©2018 Deutsche Presse-Agentur GmbH (Hamburg, Germany), Distributed by Tribune Content "
        "Agency, LLC.\n\nCopyright ©2009-2019 ZeroHedge.com/ABC Media, LTD"
    )
    assert clean(text).outlet == "ZeroHedge.com"


def test_an_author_a_republisher_credits_outranks_its_house_byline() -> None:
    text = (
        "Tenth bishop signs a profession\n\nby  Tyler Durden    \n\n"
        "Authored by Anna Petrova via  The American Conservative    ,\n\nThe bishop spoke."
    )
    result = clean(text)
    assert (result.byline, result.original_outlet) == ("Anna Petrova", "The American Conservative")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Home | World | Politics | Business", "header"),
        ("News · Opinion · Video", "header"),
        ("Skip to content", "header"),
        ("Menu", "header"),
    ],
)
def test_a_menu_row_or_a_page_control_above_the_headline_is_no_title(line: str, kind: str) -> None:
    text = f"{line}\n\nMinister slams sanctions\n\nThe minister spoke on Monday."
    result = clean(text)
    assert _removed_kind(result, text, line) == kind
    assert _title(result, text) == "Minister slams sanctions"


def test_a_copyright_line_with_the_year_after_the_holder_names_the_outlet() -> None:
    text = (
        "Minister slams sanctions\n\nThe minister spoke on Monday.\n\n"
        "© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2017. All rights reserved."
    )
    assert clean(text).outlet == "Autonomous Nonprofit Organization “TV-Novosti”"


def test_a_wire_dateline_opening_the_body_names_the_outlet_when_nothing_else_does() -> None:
    text = "Minister slams sanctions\n\nBERLIN (Reuters) - The minister spoke on Monday."
    result = clean(text)
    assert result.outlet == "Reuters"
    assert _body(result, text) == ["BERLIN (Reuters) - The minister spoke on Monday."]


def test_a_wire_dateline_gives_way_to_the_pages_own_dateline() -> None:
    text = (
        "Minister slams sanctions\n\nGlobal Research, March 3, 2019\n\n"
        "BERLIN (Reuters) - The minister spoke on Monday."
    )
    assert clean(text).outlet == "Global Research"


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Become a Member of Global Research", "Global Research"),
        ("Comment on Global Research Articles on our Facebook page", "Global Research"),
        ("Follow RT on Telegram", "RT"),
        (
            "The statements, views and opinions expressed in this column are solely those of the "
            "author and do not necessarily represent those of RT.",
            "RT",
        ),
    ],
)
def test_a_footer_inviting_readers_to_the_outlet_names_it(line: str, outlet: str) -> None:
    text = f"Minister slams sanctions\n\nThe minister spoke on Monday.\n\n{line}"
    assert clean(text).outlet == outlet


def test_a_copyright_line_names_the_outlet_before_a_footer_inviting_readers_does() -> None:
    text = (
        "Minister slams sanctions\n\nThe minister spoke on Monday.\n\nFollow RT on Telegram\n\n"
        "© 2019 The Coastal Ledger"
    )
    assert clean(text).outlet == "The Coastal Ledger"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2019/03/04", dt.date(2019, 3, 4)),
        ("2018-05-12T10:20:00Z", dt.date(2018, 5, 12)),
    ],
)
def test_dates_written_year_first_are_read(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


def test_a_posted_dateline_with_a_weekday_reads_its_ambiguous_date_by_the_weekday() -> None:
    # 10 March 2019 was a Sunday, 3 October 2019 a Thursday.
    text = "Minister slams sanctions\n\nPosted: Sun, 03/10/2019 - 10:20\n\nThe minister spoke."
    assert clean(text).published == dt.date(2019, 3, 10)
