import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import propalens
import propalens.lang
from fake_detector import FRAGILE_MARKER, fragile_detector
from propalens.detect.base import DetectedSpan
from propalens.errors import InternalError
from propalens.ingest.document import Document
from propalens.lang import ENGLISH, UnknownLanguageError
from propalens.lang.pack import LineRule
from propalens.pipeline import Analyzer, article_score, sentence_scores

DATA = Path(__file__).parent / "data"

BOILERPLATE_LINES = [
    "pic.twitter.com/AbC123xyz",
    "— Maria Zakharova (@MFA_Russia) April 9, 2018",
    "READ MORE: Something else happened",
    "© Sputnik / Ivan Ivanov",
    "The original source of this article is RT",
    "Region: Europe",
    "By John Smith",
    "[Click here](https://example.org/x)",
]
BODY_LINES = [
    "The minister said the sanctions were an “upside-down logic”.",
    '"We will not tolerate this," he told journalists in Moscow.',
    "Critics called the move a shameful betrayal of the nation!",
    "",
    "Über 100 Menschen — naïve café 日本語 😀 were there.",
]


def assert_offsets_point_into_text(analysis: propalens.Analysis) -> None:
    text = analysis.text
    for item in (*analysis.removed, *analysis.sentences, *analysis.spans, *analysis.quotes):
        assert 0 <= item.start <= item.end <= len(text)
        assert item.text == text[item.start : item.end]
    for sentence in analysis.sentences:
        assert 0.0 <= sentence.score <= 1.0
    assert 0.0 <= analysis.score <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1).filter(str.strip))
def test_every_offset_of_an_arbitrary_text_points_into_it(text: str) -> None:
    assert_offsets_point_into_text(Analyzer().analyze(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(BOILERPLATE_LINES + BODY_LINES), min_size=1, max_size=25))
def test_every_offset_of_a_scraped_looking_text_points_into_it(lines: list[str]) -> None:
    text = "\n".join(lines)
    if text.strip():
        assert_offsets_point_into_text(Analyzer().analyze(text))


def test_the_one_line_entry_point_finds_loaded_language() -> None:
    analysis = propalens.analyze(
        "Shameful betrayal\n\nThe corrupt, treacherous elite will stop at nothing to destroy "
        "our great nation, and these disgusting traitors must be stopped."
    )
    assert analysis.spans, "the detector marks nothing in an obviously loaded text"
    assert analysis.title == "Shameful betrayal"


def test_an_empty_document_is_an_input_error_naming_it() -> None:
    results = list(Analyzer().analyze_many([Document(source="blank.txt", text="  \n ")]))
    assert len(results) == 1 and isinstance(results[0], propalens.InputError)
    assert "blank.txt" in str(results[0])


def test_an_article_the_analysis_fails_on_is_an_internal_error_naming_it_and_the_rest_go_on() -> (
    None
):
    documents = [
        Document(source="a.txt", text="The ferry ran late."),
        Document(source="b.txt", text=f"The {FRAGILE_MARKER} ferry ran late."),
        Document(source="c.txt", text="The bridge reopened."),
    ]

    results = list(Analyzer(fragile_detector()).analyze_many(documents))

    assert [type(result) for result in results] == [
        propalens.Analysis, InternalError, propalens.Analysis
    ]  # fmt: skip
    failure = results[1]
    assert isinstance(failure, InternalError) and not isinstance(failure, propalens.InputError)
    assert (failure.source, failure.reason) == (
        "b.txt", "internal error (IndexError: tagger bug on odd input)"
    )  # fmt: skip


def test_metadata_from_the_container_wins_over_guesses_from_the_text() -> None:
    text = (DATA / "scraped_republished_wire.txt").read_text(encoding="utf-8")
    analysis = Analyzer().analyze(Document(source="x", text=text, title="Given title"))
    assert analysis.title == "Given title"


def test_a_sentence_score_combines_its_spans_as_a_noisy_or() -> None:
    spans = [DetectedSpan(0, 4, "Doubt", 0.5), DetectedSpan(2, 6, "Slogans", 0.5)]
    assert sentence_scores([(0, 10), (20, 30)], spans) == [0.75, 0.0]
    assert article_score([0.75, 0.25]) == 0.5
    assert article_score([]) == 0.0


def test_a_republished_article_gets_both_outlets_profiles_and_its_quotes_speakers() -> None:
    text = (DATA / "scraped_republished_wire.txt").read_text(encoding="utf-8")
    analysis = Analyzer().analyze(text)
    assert analysis.outlet_profile is not None
    assert analysis.outlet_profile.domain == "globalresearch.ca"
    assert analysis.original_outlet_profile is not None
    assert analysis.original_outlet_profile.domain == "rt.com"
    speakers = {quote.speaker for quote in analysis.quotes}
    assert "Maria Zakharova" in speakers
    assert not any("hasty conclusions" in quote.text for quote in analysis.quotes), (
        "a READ MORE line is boilerplate, not a quote"
    )


def test_spans_inside_a_quote_carry_the_quoted_voice_and_its_speaker() -> None:
    text = (
        "Minister lashes out\n\n"
        '"These disgusting traitors and corrupt liars must be stopped," Foreign Minister '
        "Sergey Lavrov said on Tuesday.\n"
        "The corrupt, treacherous elite will stop at nothing to destroy our great nation."
    )
    analysis = Analyzer().analyze(text)
    quoted = [span for span in analysis.spans if span.voice == "quoted"]
    author = [span for span in analysis.spans if span.voice == "author"]
    assert quoted and all(span.speaker == "Sergey Lavrov" for span in quoted)
    assert author and all(span.speaker is None for span in author)
    shares = analysis.voice_shares
    assert shares.quoted == len(quoted) / len(analysis.spans)
    assert shares.author + shares.quoted == 1.0


def test_an_unknown_outlet_has_no_profile_rather_than_a_guess() -> None:
    analysis = Analyzer().analyze(
        Document(source="x", text="Title\n\nSome text here.", outlet="The Daily Nowhere Gazette")
    )
    assert analysis.outlet_profile is None


def test_an_analyzer_for_a_language_without_a_pack_names_the_languages_there_are() -> None:
    with pytest.raises(UnknownLanguageError, match="available: en"):
        Analyzer(lang="xx")


def test_an_analyzer_reads_english_when_asked_by_its_code() -> None:
    analysis = Analyzer(lang="en").analyze(
        '"We will not tolerate this," the minister said. Critics disagreed.'
    )
    assert [sentence.text for sentence in analysis.sentences] == [
        '"We will not tolerate this," the minister said.',
        "Critics disagreed.",
    ]
    assert [quote.text for quote in analysis.quotes if quote.kind == "direct"] == [
        "We will not tolerate this,"
    ]


def test_an_analyzer_cleans_with_the_pack_of_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    von = LineRule("byline_von", "byline", re.compile(r"Von (?P<byline>[A-Z]\w+ [A-Z]\w+)"))
    with_von_bylines = replace(ENGLISH, code="xx", line_rules=(von, *ENGLISH.line_rules))
    monkeypatch.setitem(propalens.lang._PACKS, "xx", with_von_bylines)
    text = "Die Verhandlungen sind gescheitert\n\nVon Hans Meier\n\nDie Gespräche endeten am Abend."
    assert Analyzer(lang="en").analyze(text).byline is None
    analysis = Analyzer(lang="xx").analyze(text)
    assert analysis.byline == "Hans Meier"
    assert [(r.text, r.kind) for r in analysis.removed] == [("Von Hans Meier", "byline")]
