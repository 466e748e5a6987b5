"""`clean`: what is article body, what is not, and what the page says about itself."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propalens.clean import CleanedText, clean
from propalens.clean.dates import parse_date

DATA = Path(__file__).parent / "data"
PTC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc"


def _fixture(name: str) -> str:
    return (DATA / f"scraped_{name}.txt").read_text(encoding="utf-8")


REPUBLISHED = _fixture("republished_wire")
PLAIN = _fixture("plain_ptc_style")
FREE_TEXT = _fixture("free_text")


def _assert_consistent(text: str, result: CleanedText) -> None:
    """Every range points into `text`; title, body and removed are sorted and never overlap,
    but for markup, which lies anywhere and never overlaps other markup."""
    markup = [(item.start, item.end) for item in result.removed if item.kind == "markup"]
    for (_, end), (start, _) in itertools.pairwise(markup):
        assert end <= start
    ranges = [(i.start, i.end) for i in result.removed if i.kind != "markup"] + list(result.body)
    if result.title is not None:
        ranges.append(result.title)
    for start, end in ranges:
        assert 0 <= start < end <= len(text)
    for item in result.removed:
        assert item.text == text[item.start : item.end]
    assert [item.start for item in result.removed] == sorted(item.start for item in result.removed)
    assert list(result.body) == sorted(result.body)
    ordered = sorted(ranges)
    for (_, end), (start, _) in itertools.pairwise(ordered):
        assert end <= start
    for start, end in result.body:
        assert text[start:end].strip() == text[start:end]


def _in_body(result: CleanedText, text: str, sentence: str) -> bool:
    start = text.index(sentence)
    end = start + len(sentence)
    return any(a <= start and end <= b for a, b in result.body)


def _removed(result: CleanedText, text: str, snippet: str) -> str | None:
    """The kind of the removed item holding `snippet`, or None."""
    start = text.index(snippet)
    end = start + len(snippet)
    for item in result.removed:
        if item.start <= start and end <= item.end:
            return item.kind
    return None


# -- the republished wire story --------------------------------------------------------------


def test_title_of_a_republished_story_is_its_first_line() -> None:
    result = clean(REPUBLISHED)
    assert result.title is not None
    title = REPUBLISHED[result.title[0] : result.title[1]]
    assert title == "Moscow calls Douma chemical attack claims a 'staged provocation'"


def test_metadata_of_a_republished_story_names_republisher_original_author_and_date() -> None:
    result = clean(REPUBLISHED)
    assert result.outlet == "Global Research"
    assert result.original_outlet == "RT"
    assert result.byline == "Anna Petrova"
    assert result.published == dt.date(2018, 4, 10)


def test_tweet_embed_block_is_removed_as_one_tweet_embed() -> None:
    result = clean(REPUBLISHED)
    embeds = [item for item in result.removed if item.kind == "tweet_embed"]
    assert len(embeds) == 1
    assert embeds[0].text.startswith("The staging of such provocations")
    assert embeds[0].text.endswith("— Maria Zakharova (@MFA_Russia) April 9, 2018")


@pytest.mark.parametrize(
    ("snippet", "kind"),
    [
        ("Region: Middle East & North Africa", "header"),
        ("Theme: Intelligence, Media Disinformation", "header"),
        ("In-depth Report: SYRIA", "header"),
        ("By Anna Petrova", "byline"),
        ("Global Research, April 10, 2018", "dateline"),
        ("Published time: 9 Apr, 2018 14:32", "dateline"),
        ("pic.twitter.com/Ab3dE5fGh1", "tweet_embed"),
        ("READ MORE: Kremlin warns against 'hasty conclusions' over Douma claims", "read_more"),
        (
            "Sergey Lavrov speaks to journalists in Moscow. © Sputnik / Alexei Nikolsky",
            "photo_caption",
        ),
        ("](https://www.mid.ru/en/press_service/statement-123)", "markup"),
        ("(https://www.mid.ru/en/douma-account)", "link_remnant"),
        ("https://www.rt.com/news/423789-douma-chemical-attack-staged/", "link_line"),
        ("The original source of this article is RT", "disclaimer"),
        ("Copyright © RT, Global Research, 2018", "copyright"),
        ("Become a Member of Global Research", "footer"),
        ("Comment on Global Research Articles on our Facebook page", "footer"),
    ],
)
def test_each_piece_of_boilerplate_is_removed_with_its_kind(snippet: str, kind: str) -> None:
    assert _removed(clean(REPUBLISHED), REPUBLISHED, snippet) == kind


REPUBLISHED_BODY = [
    "Russia's Foreign Ministry has dismissed reports of a chemical attack in the Syrian town of "
    "Douma as a staged provocation meant to justify strikes against Damascus.",
    '"Our military specialists visited the site and found no trace of chlorine or any other toxic '
    'substance," spokeswoman Maria Zakharova told reporters in Moscow.',
    "She said the source of the footage was a group funded by Western governments.",
    'Western leaders have threatened a "strong response" before any inquiry has begun.',
    "The ministry later posted its full account online",
    "A spokesman for the opposition group insisted that its footage was genuine, and he denied "
    "receiving any copyright payments for it.",
    "The Organisation for the Prohibition of Chemical Weapons said on April 10, 2018 that its "
    "inspectors would travel to Douma.",
]


@pytest.mark.parametrize("sentence", REPUBLISHED_BODY)
def test_every_body_sentence_lies_inside_a_body_range_and_none_is_removed(sentence: str) -> None:
    result = clean(REPUBLISHED)
    assert _in_body(result, REPUBLISHED, sentence)
    assert _removed(result, REPUBLISHED, sentence) is None


def test_markdown_link_keeps_its_label_as_body_and_drops_brackets_and_target() -> None:
    result = clean(REPUBLISHED)
    assert _in_body(result, REPUBLISHED, "in a statement")
    assert _removed(result, REPUBLISHED, "[in a statement") is None
    assert REPUBLISHED.index("[in a statement") in {item.start for item in result.removed}


def test_republished_story_ranges_are_consistent() -> None:
    _assert_consistent(REPUBLISHED, clean(REPUBLISHED))


# -- texts without boilerplate -----------------------------------------------------------------


def test_plain_article_has_nothing_removed_and_every_line_in_body() -> None:
    result = clean(PLAIN)
    assert result.removed == ()
    assert result.title is not None
    assert PLAIN[result.title[0] : result.title[1]] == (
        "Parliament votes to extend sanctions for another year"
    )
    for line in PLAIN.splitlines()[2:]:
        if line:
            assert _in_body(result, PLAIN, line)


def test_prose_mentioning_twitter_a_date_a_source_or_copyright_is_no_metadata() -> None:
    result = clean(PLAIN)
    assert (result.byline, result.published, result.outlet, result.original_outlet) == (
        None,
        None,
        None,
        None,
    )


def test_free_text_has_no_title_and_all_of_it_is_body() -> None:
    result = clean(FREE_TEXT)
    assert result.title is None
    assert result.removed == ()
    for line in FREE_TEXT.splitlines():
        if line:
            assert _in_body(result, FREE_TEXT, line)


def test_empty_text_is_clean() -> None:
    assert clean("") == CleanedText(None, (), (), None, None, None, None)


# -- single lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("LISTEN MORE: Inside the Kremlin's war room", "read_more"),
        ("Read more:", "read_more"),
        ("Related:", "read_more"),
        (
            "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
            "disclaimer",
        ),
        ("This article originally appeared on Consortium News.", "disclaimer"),
        ("Photo: Reuters", "photo_caption"),
        ("Image: Protesters outside parliament", "photo_caption"),
        ("Reuters / John Doe", "photo_caption"),
        ("© 2018 The Daily Planet", "copyright"),
        ("Support us on Patreon", "footer"),
        ("[Original article](https://example.org/original)", "link_line"),
        ("by Jane Doe | RT", "byline"),
        ("Updated 12 May 2018, 10:20 GMT", "dateline"),
    ],
)
def test_a_boilerplate_line_between_body_lines_is_removed_with_its_kind(
    line: str, kind: str
) -> None:
    text = f"Headline here\n\nThe minister spoke on Monday.\n{line}\nThe vote follows next week."
    result = clean(text)
    assert _removed(result, text, line) == kind
    assert _in_body(result, text, "The minister spoke on Monday.")
    assert _in_body(result, text, "The vote follows next week.")


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the minister said the plan was working.",
        "By May 12, 2018, the army had crossed the river.",
        "The source of the leak has not been identified.",
        "Copyright law protects the footage, the lawyer argued.",
        "He posted the video on Twitter on April 9, 2018.",
        "Related talks are expected next month.",
        "Photos of the rally were shared widely, officials said.",
        "Published just three months before the council closed, the letter was ignored.",
        "Subscribe to the newsletters of websites you enjoy.",
    ],
)
def test_a_body_sentence_that_looks_a_little_like_boilerplate_stays_body(line: str) -> None:
    text = f"Headline here\n\nThe minister spoke on Monday.\n{line}\nThe vote follows next week."
    result = clean(text)
    assert _in_body(result, text, line)
    assert result.removed == ()


def test_byline_with_outlet_names_author_and_outlet() -> None:
    result = clean("Headline\n\nby Jane Doe | RT\nThe minister spoke on Monday.")
    assert (result.byline, result.outlet) == ("Jane Doe", "RT")


@pytest.mark.parametrize(
    ("line", "original"),
    [
        ("The original source of this article is Global Research", "Global Research"),
        ("This article originally appeared on Consortium News.", "Consortium News"),
        ("This article was originally published by The Duran", "The Duran"),
        ("This report was originally published by Tyler Durden at Zero Hedge", "Zero Hedge"),
        ("Source: Reuters", "Reuters"),
        ("(Originally published at Strategic Culture Foundation)", "Strategic Culture Foundation"),
        (
            "Article posted with permission from The Free Thought Project",
            "The Free Thought Project",
        ),
    ],
)
def test_republication_notice_names_the_original_outlet(line: str, original: str) -> None:
    text = f"Headline\n\nThe minister spoke on Monday.\n{line}"
    result = clean(text)
    assert result.original_outlet == original
    assert _removed(result, text, line) == "disclaimer"


def test_copyright_footer_names_the_outlet_when_nothing_else_does() -> None:
    result = clean("Headline\n\nThe minister spoke on Monday.\n© 2018 The Daily Planet")
    assert result.outlet == "The Daily Planet"


def test_tweet_text_is_not_swallowed_past_the_article_line_that_introduces_it() -> None:
    text = (
        "Headline\n\nThe ministry answered within the hour:\nThis is a staged provocation.\n"
        "— Maria Zakharova (@MFA_Russia) April 9, 2018\nThe vote follows next week."
    )
    result = clean(text)
    assert _removed(result, text, "This is a staged provocation.") == "tweet_embed"
    assert _in_body(result, text, "The ministry answered within the hour:")
    assert _in_body(result, text, "The vote follows next week.")


def test_attribution_split_over_two_lines_is_one_tweet_embed() -> None:
    text = "Headline\n\nBody first.\n\n#KatesLaw — Steff\n(@Steffs_tweets) December 1, 2017\nBody."
    result = clean(text)
    assert [item.text for item in result.removed] == [
        "#KatesLaw — Steff\n(@Steffs_tweets) December 1, 2017"
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("May 12, 2018", dt.date(2018, 5, 12)),
        ("12 May 2018", dt.date(2018, 5, 12)),
        ("12 May, 2018 10:20", dt.date(2018, 5, 12)),
        ("2018-05-12", dt.date(2018, 5, 12)),
        ("13/05/2018", dt.date(2018, 5, 13)),
        ("05/13/2018", dt.date(2018, 5, 13)),
        ("05/12/2018", None),
        ("February 30, 2018", None),
    ],
)
def test_dates_are_read_only_when_unambiguous(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


# -- properties --------------------------------------------------------------------------------

LINES = [
    "",
    "Headline about the summit",
    "Region: Europe",
    "By John Smith",
    "Global Research, May 12, 2018",
    "Published time: 12 May, 2018 10:20",
    "The minister spoke on Monday.",
    'He said: "We will not back down."',
    "The staging of provocations is a tradition pic.twitter.com/Ab3dE5fGh1",
    "— Maria Zakharova (@MFA_Russia) April 9, 2018",
    "(@Steffs_tweets) December 1, 2017",
    "READ MORE: Another story",
    "© Sputnik / Alexei Nikolsky",
    "See [the report](https://example.org/a(b)c) for details.",
    "(http://example.org)",
    "https://example.org/x.",
    "The original source of this article is RT",
    "Copyright © RT, Global Research, 2018",
    "Become a Member of Global Research",
    "   ",
    "\r",
    "[",
    "](http://x)",
    "---",
    "title: Headline about the summit",
    "sitename: RT",
    "Title: Headline about the summit",
    "Markdown Content:",
    "Home",
    "World News",
    "— Jane Doe",
    "dpa",
    "Email *",
]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_ranges_are_consistent_for_any_text(text: str) -> None:
    _assert_consistent(text, clean(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_ranges_are_consistent_for_any_mix_of_boilerplate_and_body(
    lines: list[str], separator: str
) -> None:
    text = separator.join(lines)
    _assert_consistent(text, clean(text))


# -- the PTC corpus ----------------------------------------------------------------------------


def test_cleaning_ptc_articles_removes_only_a_small_fraction_of_each() -> None:
    folder = PTC / "train-articles"
    if not folder.is_dir():
        pytest.skip("PTC corpus not present")
    total = removed = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = clean(text)
        _assert_consistent(text, result)
        assert result.title is not None, path.name
        share = sum(item.end - item.start for item in result.removed)
        # Tweet-heavy blog posts lose most (up to about a quarter of a short one is tweets), and
        # short posts carrying a reader poll (its question printed three times, its form).
        assert share <= 0.4 * len(text), path.name
        total += len(text)
        removed += share
    assert removed <= 0.03 * total
