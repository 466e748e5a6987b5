"""document_from_html: the article body and its metadata, and nothing a page's scripts say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fake_detector import fake_detector
from propalens.clean import clean
from propalens.ingest import InputError, document_from_html
from propalens.pipeline import Analyzer

PAGES = Path(__file__).parent / "data" / "ingest"
PAGE = (PAGES / "harbour_closure.html").read_text("utf-8")
# A page whose headline sits in a header above the article element, as on most news sites.
HEADLINE_APART = (PAGES / "sanctions_headline_apart.html").read_text("utf-8")


def test_the_body_text_is_extracted_with_paragraphs_separated_by_blank_lines() -> None:
    document = document_from_html(PAGE, "harbour.html")
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == "Harbour closure ends with a deal, not a victory"
    assert paragraphs[1].startswith("The port authority and the dockworkers’ union signed")
    assert paragraphs[2].startswith("“Nobody got everything they wanted,” said")
    assert paragraphs[-1].endswith("the backlog would clear within a week.")
    assert document.format == "html"


def test_a_headline_above_the_article_becomes_the_first_line_of_the_text() -> None:
    document = document_from_html(HEADLINE_APART, "sanctions.html")
    headline = "Minister slams sanctions as 'blackmail'"
    assert document.text.startswith(f"{headline}\n\nThe foreign minister said on Sunday")
    assert document.text.count(headline) == 1
    assert document.title == headline


def test_a_headline_the_article_holds_itself_is_not_repeated() -> None:
    text = document_from_html(PAGE, "harbour.html").text
    assert text.count("Harbour closure ends with a deal, not a victory") == 1


def test_cleaning_finds_the_pages_headline_as_the_title_of_its_text() -> None:
    document = document_from_html(HEADLINE_APART, "sanctions.html")
    title = clean(document.text).title
    assert title is not None
    assert document.text[title[0] : title[1]] == document.title


def test_the_headline_of_a_page_is_analysed_and_its_metadata_is_the_pages_own() -> None:
    document = document_from_html(HEADLINE_APART, "sanctions.html")
    analysis = Analyzer(fake_detector()).analyze(document)
    first = analysis.sentences[0]
    assert (first.start, first.text) == (0, "Minister slams sanctions as 'blackmail'")
    assert analysis.title == first.text
    assert (analysis.outlet, analysis.byline, analysis.published) == (
        "The Coastal Ledger",
        "Anna Petrova",
        dt.date(2019, 3, 3),
    )


def test_navigation_and_footer_are_left_out() -> None:
    text = document_from_html(PAGE, "harbour.html").text
    assert "Sport" not in text
    assert "All rights reserved" not in text


def test_script_and_event_handler_content_never_reaches_the_text() -> None:
    text = document_from_html(PAGE, "harbour.html").text
    assert "alert" not in text
    assert "injected script text" not in text
    assert "color: red" not in text


def test_metadata_comes_from_the_page() -> None:
    document = document_from_html(PAGE, "harbour.html")
    assert document.title == "Harbour closure ends with a deal, not a victory"
    assert document.byline == "Maria Okafor"
    assert document.outlet == "The Coastal Ledger"
    assert document.published == dt.date(2024, 5, 17)
    assert document.url == "https://ledger.example.org/2024/05/harbour-deal"


def test_the_url_it_was_fetched_from_wins_over_the_pages_own() -> None:
    document = document_from_html(PAGE, "src", url="https://mirror.example.net/harbour")
    assert document.url == "https://mirror.example.net/harbour"
    assert document.source == "src"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>The vote was postponed until <b>March, after the",
        "<p>Unclosed <i>tags <div>everywhere <p>The council met on Monday.",
        "<html><body><p>Prices rose.</div></span></p></p><p>Again</body></html></html>",
    ],
)
def test_truncated_or_malformed_html_does_not_crash(html: str) -> None:
    try:
        document = document_from_html(html, "broken.html")
    except InputError as error:
        assert error.source == "broken.html"
    else:
        assert document.text.strip()


def test_hostile_markup_alone_yields_no_text_rather_than_the_script() -> None:
    hostile = '<html><body><script>alert(1)</script><img src=x onerror="alert(2)"></body></html>'
    with pytest.raises(InputError, match="no article text found in the HTML"):
        document_from_html(hostile, "hostile.html")


def test_a_page_without_article_text_is_an_error() -> None:
    with pytest.raises(InputError, match="no article text found in the HTML"):
        document_from_html("<html><head><title>Empty</title></head><body></body></html>", "e")


def _nested(depth: int) -> str:
    paragraph = "<p>The council voted on Monday to close the harbour for a month of repairs.</p>"
    return (
        "<html><head><title>Harbour to close</title></head><body>"
        + "<div>" * depth
        + "<h1>Harbour to close</h1>"
        + paragraph * 4
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 2000])
def test_a_page_nested_hundreds_of_elements_deep_is_read(depth: int) -> None:
    document = document_from_html(_nested(depth), "deep.html")
    assert document.text.startswith("Harbour to close")
    assert "close the harbour for a month" in document.text


def test_a_page_nested_deeper_than_the_parser_reads_is_refused_as_such() -> None:
    with pytest.raises(InputError, match="nested more than 2048 elements deep"):
        document_from_html(_nested(3000), "deeper.html")
