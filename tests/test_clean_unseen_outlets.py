"""`clean` on invented article pages printed in the conventions of outlets that no other
cleaning test or benchmark template follows (wire services, state media, newspapers, blogs that
republish), in the forms they reach propalens: Markdown from reader tools, html2text, text
copied from a browser and trafilatura's text with its metadata block.

The pages are `tests/data/unseen_outlets/*`; `gold.json` gives, for each, its title, outlet,
original outlet, byline and published date (a field left out is not scored: the page does not
name it), and the lines that are not article body.  Every other line with a word in it is body,
so each page checks that no body line is set aside as well as that its furniture is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from propalens.clean import CleanedText, clean
from propalens.clean.markup import MarkedText
from propalens.lines import line_ranges
from propalens.ranges import RangeSet

_PAGES = Path(__file__).parent / "data" / "unseen_outlets"
_GOLD: dict[str, dict[str, Any]] = json.loads((_PAGES / "gold.json").read_text("utf-8"))
_SPACES = re.compile(r"\s+")
# Blanked link syntax leaves a space before the punctuation after a link ("[here](#)." reads
# "here ."); the gold writes the line as a reader would quote it.
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:!?])")
_METADATA = ("outlet", "original_outlet", "byline", "published")


def _page(name: str) -> tuple[str, CleanedText]:
    text = (_PAGES / name).read_text("utf-8")
    return text, clean(text)


def _visible_lines(text: str) -> list[tuple[int, int, str]]:
    """Each line with a word in it, as (start, end, its visible text with spaces collapsed)."""
    visible = MarkedText.read(text).visible
    lines = []
    for start, end in line_ranges(text):
        words = _SPACE_BEFORE_PUNCTUATION.sub("", _SPACES.sub(" ", visible[start:end]).strip())
        if re.search(r"\w", words):
            lines.append((start, end, words))
    return lines


def _word_offsets(text: str, start: int, end: int) -> list[int]:
    visible = MarkedText.read(text).visible
    return [i for i in range(start, end) if visible[i].isalnum()]


def test_every_page_has_its_gold() -> None:
    pages = sorted(path.name for path in _PAGES.iterdir() if path.name != "gold.json")
    assert pages == sorted(_GOLD)


@pytest.mark.parametrize("name", sorted(_GOLD))
def test_the_headline_of_a_page_is_its_title(name: str) -> None:
    text, result = _page(name)
    assert result.title is not None
    assert (
        _SPACES.sub(" ", MarkedText.read(text).visible[slice(*result.title)]).strip()
        == (_GOLD[name]["title"])
    )


@pytest.mark.parametrize("name", sorted(_GOLD))
def test_the_page_metadata_is_read_from_its_furniture(name: str) -> None:
    _, result = _page(name)
    gold = _GOLD[name]
    found = {
        "outlet": result.outlet,
        "original_outlet": result.original_outlet,
        "byline": result.byline,
        "published": result.published.isoformat() if result.published else None,
    }
    expected = {field: gold[field] for field in _METADATA if field in gold}
    assert {field: found[field] for field in expected} == expected


@pytest.mark.parametrize("name", sorted(_GOLD))
def test_furniture_lines_are_set_aside_and_body_lines_are_kept(name: str) -> None:
    text, result = _page(name)
    gold = _GOLD[name]
    body = RangeSet(result.body)
    title = RangeSet([result.title] if result.title else [])
    furniture = set(gold["boilerplate"])
    kept, lost = [], []
    for start, end, words in _visible_lines(text):
        offsets = _word_offsets(text, start, end)
        if words in furniture:
            if any(i in body or i in title for i in offsets):
                kept.append(words)
        elif words != gold["title"] and not all(i in body for i in offsets):
            lost.append(words)
    assert (kept, lost) == ([], [])


def test_the_gold_names_only_lines_of_its_page() -> None:
    for name, gold in _GOLD.items():
        lines = {words for _, _, words in _visible_lines((_PAGES / name).read_text("utf-8"))}
        assert set(gold["boilerplate"]) <= lines, name
        assert gold["title"] in lines, name
        if gold.get("published"):
            dt.date.fromisoformat(gold["published"])


# -- datelines and notices in the shapes outlets print them ------------------------------------


_HEADLINE = "Minister slams sanctions"
_PARAGRAPH = "The minister spoke on Monday and said it failed."


def _with_dateline(line: str) -> str:
    return f"{_HEADLINE}\n\n{line}\n\n{_PARAGRAPH}\n"


def _with_notice(line: str) -> str:
    return f"{_HEADLINE}\n\n{_PARAGRAPH}\n\n{line}\n"


@pytest.mark.parametrize(
    "line",
    [
        "Published: 2019-03-12T10:00:00Z",
        "2019-03-12T10:00:00+02:00",
        "Mar 12, 2019 14:05 GMT",
        "Tuesday 12 March 2019 09.15 GMT",
        "Published: March 12, 2019 | Updated: March 14, 2019",
        "Updated: March 14, 2019 | Published: March 12, 2019",
        "Tue 12 Mar 2019 09.15 GMT Last modified on Tue 12 Mar 2019 11.20 GMT",
        "Published 12.03.2019 14:05",
        "Posted: Tue, Mar 12, 2019 2:05 PM EDT",
        "Updated 14:05, 12-Mar-2019",
        "12 Mar, 2019 09:15",
        "2019.03.12",
    ],
)
def test_a_dateline_gives_the_date_the_page_was_first_published(line: str) -> None:
    text = _with_dateline(line)
    result = clean(text)
    assert result.published == dt.date(2019, 3, 12)
    assert [item.kind for item in result.removed] == ["dateline"]


@pytest.mark.parametrize("line", ["12/03/2019 14:05 GMT", "Date: 12-03-2019"])
def test_a_date_whose_day_and_month_could_swap_is_set_aside_but_not_read(line: str) -> None:
    result = clean(_with_dateline(line))
    assert result.published is None
    assert [item.kind for item in result.removed] == ["dateline"]


@pytest.mark.parametrize(
    ("line", "original"),
    [
        ("This article first appeared on Truthout.", "Truthout"),
        ("The original version of this article appeared on Truthout.", "Truthout"),
        ("Article originally published at UPI.", "UPI"),
        ("Republished with permission of Common Dreams.", "Common Dreams"),
        (
            "This article was first published by Truthout and is reprinted with permission.",
            "Truthout",
        ),
        (
            "This article is republished from The Conversation under a Creative Commons license.",
            "The Conversation",
        ),
        (
            "This story originally appeared in The Guardian and is republished here as part of "
            "Covering Climate Now.",
            "The Guardian",
        ),
        ("Source: Strategic Culture Foundation", "Strategic Culture Foundation"),
    ],
)
def test_a_republication_notice_names_the_original_outlet(line: str, original: str) -> None:
    result = clean(_with_notice(line))
    assert result.original_outlet == original
    assert [item.kind for item in result.removed] == ["disclaimer"]


def test_a_notice_crediting_the_author_names_no_original_outlet() -> None:
    result = clean(_with_notice("Reprinted with permission from the author."))
    assert result.original_outlet is None
    assert [item.kind for item in result.removed] == ["disclaimer"]


@pytest.mark.parametrize(
    "line", ["© Copyright 2019 The Duran", "Copyright 2019 The Duran. All rights reserved."]
)
def test_a_copyright_footer_names_the_pages_outlet(line: str) -> None:
    result = clean(_with_notice(line))
    assert result.outlet == "The Duran"
    assert [item.kind for item in result.removed] == ["copyright"]


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe is a reporter who was arrested in Vienna last week.",
        "Support for the measure has grown since the spring, officials said.",
        "The views of the committee do not reflect those of the government.",
        "Source: officials said the talks had failed.",
    ],
)
def test_a_sentence_shaped_like_furniture_stays_body(line: str) -> None:
    text = _with_notice(line)
    result = clean(text)
    assert result.removed == ()


def test_a_question_printed_twice_in_a_row_is_a_polls_furniture() -> None:
    question = "Should the council have delayed the vote?"
    text = f"{_HEADLINE}\n\n{_PARAGRAPH}\n{question}\n\n{question}\n\nThe vote is on Friday."
    result = clean(text)
    assert [item.text for item in result.removed] == [question, question]


def test_a_headline_repeated_as_a_question_under_it_stays_body() -> None:
    question = "Who Pays For The Council's Mistakes?"
    text = f"{question}\n\n{question}\nThe vote is on Friday."
    result = clean(text)
    assert result.removed == ()


@pytest.mark.parametrize(
    "headline",
    ["Senator Demands Answers\nOn Border Funding", "Yikes!\nEven the mayor is worried about it"],
)
def test_a_headline_over_two_lines_is_one_title(headline: str) -> None:
    text = f"{headline}\n\n{_PARAGRAPH}"
    result = clean(text)
    assert result.title == (0, len(headline))


@pytest.mark.parametrize(
    ("head", "byline"),
    [
        ("Jane Doe\nContributor", "Jane Doe"),
        ("Jane Doe Environment correspondent", "Jane Doe"),
        ("Jane Doe, Staff Writer", "Jane Doe"),
    ],
)
def test_a_name_alone_under_the_headline_is_the_byline(head: str, byline: str) -> None:
    text = f"{_HEADLINE}\n{head}\n{_PARAGRAPH}"
    result = clean(text)
    assert result.title == (0, len(_HEADLINE))
    assert result.byline == byline
    assert [text[start:end] for start, end in result.body] == [_PARAGRAPH]


def test_a_name_alone_below_the_body_is_no_byline() -> None:
    text = f"{_HEADLINE}\n\n{_PARAGRAPH}\n\nJane Doe\n"
    result = clean(text)
    assert result.byline is None
    assert result.removed == ()


def test_a_menu_of_capitalised_pairs_above_the_headline_names_no_byline() -> None:
    text = f"World News\nTop Stories\nBusiness\n\n{_HEADLINE}\n\n{_PARAGRAPH}"
    result = clean(text)
    assert result.title == (text.index(_HEADLINE), text.index(_HEADLINE) + len(_HEADLINE))
    assert result.byline is None


def test_a_second_headline_line_opening_with_the_is_no_outlet() -> None:
    headline = "Why the Council Matters\nThe Long Game"
    result = clean(f"{headline}\n\n{_PARAGRAPH}")
    assert result.title == (0, len(headline))
    assert result.outlet is None


@pytest.mark.parametrize("kicker", ["Germany", "U.S."])
def test_a_sections_name_over_the_headline_is_set_aside(kicker: str) -> None:
    headline = "Coalition agrees on pension reform"
    text = f"{kicker}\n{headline}\n\n{_PARAGRAPH}"
    result = clean(text)
    assert result.title == (len(kicker) + 1, len(kicker) + 1 + len(headline))
    assert [(item.text, item.kind) for item in result.removed] == [(kicker, "header")]
