"""Markdown-flavoured text: the syntax is found and set aside, the words are what every step
reads, and every offset still points into the text as given."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import propalens
from fake_detector import TAXONOMY, CyclingClassifier, fake_detector
from propalens.clean import clean, markup
from propalens.clean.markup import NO_MARKUP, MarkedText, find_markup, shown, visible_text
from propalens.detect import Detector, load_detector
from propalens.detect.base import ScoredRange
from propalens.pipeline import Analyzer
from propalens.ranges import Range
from propalens.render import render_html, render_plain_text
from propalens.schema import Analysis, ModelInfo
from propalens.settings import ARTICLE_REACH_CHARS
from propalens.web.views import fragments

# An invented republication, in the shape reader tools and html2text-like converters give.
REPUBLICATION = """Minister Slams Sanctions: Volkov

By [RT](#)

Global Research, March 3, 2019

Region: [Europe](#), [Russia and FSU](#)

The ministry rejected the measures in a [statement](https://example.org/statement) on Friday.

*"We will not bow to blackmail,"* Volkov said.

Officials in Brussels called the reply **predictable** and R&amp;D budgets &#8217;safe&#8217;.

[Home](/) | [World](/world) | [Business](/business)

[Become a Member of Global Research](#)
"""


# The same article as plain text; its navigation line has no plain form.
PLAIN_REPUBLICATION = """Minister Slams Sanctions: Volkov

By RT

Global Research, March 3, 2019

Region: Europe, Russia and FSU

The ministry rejected the measures in a statement on Friday.

"We will not bow to blackmail," Volkov said.

Officials in Brussels called the reply predictable and R&D budgets ’safe’.

Become a Member of Global Research
"""


def _markup(text: str) -> list[str]:
    return [text[start:end] for start, end in find_markup(text).ranges]


def _visible(text: str) -> str:
    return MarkedText.read(text).visible


# -- what is markup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "markup", "visible"),
    [
        ("a [link](https://example.org) here", ["[", "](https://example.org)"],
         "a  link                       here"),
        ('[titled](#x "The title")', ["[", '](#x "The title")'], " titled                 "),
        ("see <http://t.co/xxxx> now", ["<", ">"], "see  http://t.co/xxxx  now"),
        ("a ![photo](x.jpg) b", ["![photo](x.jpg)"], "a                 b"),
        ("*emphasis* and _too_", ["*", "*", "_", "_"], " emphasis  and  too "),
        ("**bold** and __too__", ["**", "**", "__", "__"], "  bold   and   too  "),
        ("run `ls -l` now", ["`", "`"], "run  ls -l  now"),
        ("5 \\* 3", ["\\"], "5  * 3"),
        ("# Headline", ["# "], "  Headline"),
        ("## Headline ##", ["## ", " ##"], "   Headline   "),
        ("Headline\n========\n\nBody.", ["========"], "Headline\n        \n\nBody."),
        ("- one\n* two\n+ three", ["- ", "* ", "+ "], "  one\n  two\n  three"),
        ("> quoted\n>\n> > nested", ["> ", ">", "> > "], "  quoted\n \n    nested"),
        ("| a | b |\n|---|---|\n| c | d |", ["|", "|", "|", "|---|---|", "|", "|", "|"],
         "  a   b  \n         \n  c   d  "),
        ("Body.\n\n* * *\n\nMore.", ["* * *"], "Body.\n\n     \n\nMore."),
        ("R&amp;D &quot;x&quot; it&#8217;s", ["&amp;", "&quot;", "&quot;", "&#8217;"],
         "R&    D \"     x\"      it’      s"),
        ("[**bold** link](#)", ["[**", "**", "](#)"], "   bold   link    "),
    ],
)  # fmt: skip
def test_each_markdown_construct_is_found_at_its_exact_offsets(
    text: str, markup: list[str], visible: str
) -> None:
    assert _markup(text) == markup
    assert _visible(text) == visible


def test_a_link_s_visible_text_is_found_with_where_it_points() -> None:
    text = "Region: [Europe](#), [Russia and FSU](https://example.org/fsu)"
    links = find_markup(text).links
    assert [(text[link.start : link.end], link.href) for link in links] == [
        ("Europe", "#"),
        ("Russia and FSU", "https://example.org/fsu"),
    ]


def test_the_markers_of_lists_and_quotes_are_found_on_every_line_however_they_nest() -> None:
    text = "- > a quoted [point](#)\n  > made twice\n1. numbered *item*"
    assert _markup(text) == ["- > ", "[", "](#)", "> ", "*", "*"]
    assert _visible(text) == "    a quoted  point    \n    made twice\n1. numbered  item "


def test_carriage_returns_and_line_feeds_are_never_markup() -> None:
    text = "Title\r\n\r\n**Bold** start\rand [a link](#)\r\n"
    visible = _visible(text)
    assert visible == "Title\r\n\r\n  Bold   start\rand  a link    \r\n"


@pytest.mark.parametrize(
    "text",
    [
        "The council voted 5 * 3 = 15 times, and 2 * 4 more.",
        "The variable snake_case_name and a_b_c are code words.",
        "The report [1] and the study [2] say so.",
        'He said "[the minister] will resign" on Monday.',
        "Sanctions are the #1 priority, and C# developers agree.",
        "He came 1. in the race and 2. in the final.",
        "2019. That was the year it all began.",
        "AT&T and R&D; budgets grew by 3 < 5 > 2 per cent.",
        "The court heard a <snip> of the call and <b>bold</b> claims.",
        "“This is a f***ed up state,” he said, calling it “s***”.",
        "Email *\nName *",
        "Text with no Markdown at all, over two lines.\nThe second line.",
        "[Click here](javascript:alert(1)) to see.",
    ],
)
def test_prose_that_only_looks_like_markdown_has_no_markup(text: str) -> None:
    assert find_markup(text) == NO_MARKUP
    assert _visible(text) == text


def test_markup_in_ptc_articles_is_only_what_markdown_would_draw(ptc: Path) -> None:
    """PTC's plain text holds a little Markdown, all of it drawn as Markdown draws it: rules
    ("* * *", "____"), bullets ("* Yes, he will be confirmed." in poll widgets), one heading
    ("# CBP has deployed...") and the emphasis of one word ("*before*").  No link, no entity, no
    censored word ("f**king") and no asterisk in prose is read as markup."""
    emphasis = re.compile(r"\*\w+\*")
    for path in sorted((ptc / "train-articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        markup = find_markup(text)
        assert markup.links == ()
        for start, end in markup.ranges:
            opens_line = not text[text.rfind("\n", 0, start) + 1 : start].strip()
            words = emphasis.finditer(text, max(0, start - 40), end + 40)
            emphasised = any(word.start() <= start and end <= word.end() for word in words)
            assert opens_line or emphasised, (path.name, text[start - 20 : end + 20])


def test_markup_far_into_a_long_text_is_found_at_its_offsets() -> None:
    text = "A plain paragraph of the long text.\n\n" * 10_000 + "The end, by [RT](#).\n"
    start = text.index("[RT](#)")
    assert len(text) > 3 * ARTICLE_REACH_CHARS
    assert find_markup(text).ranges == ((start, start + 1), (start + 3, start + 7))


def test_a_text_the_parser_fails_on_is_read_as_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(text: str) -> list[object]:
        raise RecursionError("a parser bug on hostile input")

    monkeypatch.setattr(markup._PARSER, "parse", failing)
    assert find_markup("By [RT](#)") == NO_MARKUP


# -- the visible text --------------------------------------------------------------------------


def test_visible_text_is_as_long_as_the_text_and_keeps_every_word_where_it_was() -> None:
    marked = MarkedText.read(REPUBLICATION)
    assert len(marked.visible) == len(REPUBLICATION)
    for word in ("Volkov", "statement", "predictable", "Europe", "Russia and FSU"):
        start = REPUBLICATION.index(word)
        assert marked.visible[start : start + len(word)] == word


def test_a_byline_with_a_linked_name_reads_as_the_name() -> None:
    assert _visible("By [RT](#)").rstrip() == "By  RT"


def test_an_entity_shows_its_character_and_never_a_line_break() -> None:
    assert shown("&amp;") == "&"
    assert shown("&#8217;") == "’"
    assert shown("&#10;") == " "
    assert shown("](#)") == ""
    text = "one&#10;line"
    assert visible_text(text, find_markup(text)) == "one     line"


def test_shown_text_leaves_syntax_out_and_spells_entities() -> None:
    text = "# [Minister](#) Slams **R&amp;D** Cuts"
    assert MarkedText.read(text).shown(0, len(text)) == "Minister Slams R&D Cuts"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                ["[", "]", "(", ")", "*", "_", "`", "<", ">", "!", "# ", "- ", "> ", "|", "\\",
                 "&amp;", "&#0;", "---", "](#)", "<http://a.b>", "\n", "\r\n", "\r", "\t", " ",
                 "word", "1. ", "\0", "é"]
            )
        ).map("".join),
    )
)  # fmt: skip
def test_for_any_text_markup_is_sorted_disjoint_inside_it_and_keeps_its_length(text: str) -> None:
    markup = find_markup(text)
    position = 0
    for start, end in markup.ranges:
        assert position <= start < end <= len(text)
        assert not re.search(r"[\r\n]", text[start:end])
        position = end
    for link in markup.links:
        assert 0 <= link.start <= link.end <= len(text)
    visible = visible_text(text, markup)
    assert len(visible) == len(text)
    assert [m.start() for m in re.finditer(r"[\r\n]", visible)] == [
        m.start() for m in re.finditer(r"[\r\n]", text)
    ]


# -- cleaning reads the visible text ---------------------------------------------------------


def _kind(text: str, line: str) -> str | None:
    start = text.index(line)
    for item in clean(text).removed:
        if item.kind != "markup" and item.start <= start and start + len(line) <= item.end:
            return item.kind
    return None


@pytest.mark.parametrize(
    "line",
    [
        "[Home](/) | [World](/world) | [Business](/business)",
        "* [Europe](/europe)",
        "[Original article](https://example.org/original)",
        "https://www.example.org/news/2019/03/02/sanctions",
    ],
)
def test_a_line_of_nothing_but_links_is_boilerplate(line: str) -> None:
    text = f"Sanctions Row\n\nThe minister spoke on Monday.\n{line}\nThe vote follows next week."
    # A line rule that knows the line better wins: "Home | World | Business" is a menu.
    assert _kind(text, line) in ("link_line", "header")
    body = clean(text).body
    assert [text[start:end] for start, end in body] == [
        "The minister spoke on Monday.",
        "The vote follows next week.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Region: [Europe](#), [Russia and FSU](#)",
        "[RT](#) 2 March 2019",
        "The ministry rejected the measures in a [statement](#) on Friday.",
    ],
)
def test_a_line_with_words_of_its_own_beside_its_links_is_no_link_line(line: str) -> None:
    text = f"Sanctions Row\n\nThe minister spoke on Monday.\n{line}\nThe vote follows next week."
    assert _kind(text, line) != "link_line"


def test_a_set_aside_line_covers_its_markup_and_each_piece_of_markup_is_set_aside() -> None:
    result = clean(REPUBLICATION)
    line = "[Become a Member of Global Research](#)"
    start = REPUBLICATION.index(line)
    assert [(item.kind, item.text) for item in result.removed if item.start == start] == [
        ("footer", line),
        ("markup", "["),
    ]
    assert all(item.text == REPUBLICATION[item.start : item.end] for item in result.removed)


def test_a_linked_byline_and_a_header_of_links_are_read_as_their_words() -> None:
    result = clean(REPUBLICATION)
    assert result.byline == "RT"
    assert _kind(REPUBLICATION, "Region: [Europe](#), [Russia and FSU](#)") == "header"


def test_a_markdown_heading_is_the_title_without_its_hashes() -> None:
    analysis = Analyzer(fake_detector()).analyze("# Minister Slams Sanctions\n\nThe body.\n")
    assert analysis.title == "Minister Slams Sanctions"


# -- what the analysis reports -------------------------------------------------------------------


_NON_BLANK = re.compile(r"\S+")


class _EveryWordTagger:
    """Marks every run of non-blank characters of the text it reads (a word and the
    punctuation on it), so that spans start and end wherever words do."""

    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        return [
            ScoredRange(match.start(), match.end(), 0.5)
            for start, end in sentences
            for match in _NON_BLANK.finditer(text, start, end)
        ]


def _every_word_detector() -> Detector:
    return Detector(
        _EveryWordTagger(), CyclingClassifier(TAXONOMY.labels), ModelInfo(name="w", version="0"),
        TAXONOMY,
    )  # fmt: skip


def _assert_no_edge_inside_markup(analysis: Analysis) -> None:
    markup = [(item.start, item.end) for item in analysis.removed if item.kind == "markup"]
    for item in (*analysis.spans, *analysis.sentences, *analysis.quotes):
        assert item.text == analysis.text[item.start : item.end]
        for start, end in markup:
            entity = analysis.text.startswith("&", start)
            assert not start < item.start < end and not start < item.end < end, item
            if not entity:
                assert start != item.start and end != item.end, item


def test_no_span_sentence_or_quote_starts_or_ends_inside_markup() -> None:
    for detector in (fake_detector(), _every_word_detector()):
        analysis = Analyzer(detector).analyze(REPUBLICATION)
        assert analysis.text == REPUBLICATION
        assert analysis.spans
        _assert_no_edge_inside_markup(analysis)


def test_a_span_ending_on_an_entity_s_character_takes_the_entity_whole() -> None:
    analysis = Analyzer(_every_word_detector()).analyze(REPUBLICATION)
    words = {span.text for span in analysis.spans}
    assert {"statement", "Volkov", '"We', "R&amp;", "&#8217;", "safe&#8217;"} <= words


def test_the_baseline_s_spans_on_link_heavy_text_start_and_end_on_words() -> None:
    links = ", ".join(f"[the corrupt elite of {n}](https://example.org/{n})" for n in range(30))
    text = f"Traitors Everywhere\n\nThe **shameful** traitors, {links}, lie &amp; lie.\n"
    analysis = Analyzer(load_detector("baseline")).analyze(text)
    assert analysis.spans
    _assert_no_edge_inside_markup(analysis)


def test_a_quote_wrapped_in_emphasis_has_its_speaker() -> None:
    analysis = propalens.analyze('*"We will not bow to blackmail,"* Volkov said.')
    assert [(quote.text, quote.speaker) for quote in analysis.quotes] == [
        ("We will not bow to blackmail,", "Volkov")
    ]


def test_markdown_and_plain_text_give_the_same_metadata_quotes_and_spans_up_to_offsets() -> None:
    analyzer = Analyzer(fake_detector())
    marked, plain = analyzer.analyze(REPUBLICATION), analyzer.analyze(PLAIN_REPUBLICATION)

    def read(analysis: Analysis) -> tuple[object, ...]:
        return (
            (analysis.title, analysis.outlet, analysis.byline, analysis.published),
            [(quote.speaker, quote.text) for quote in analysis.quotes],
            [(span.text, span.technique) for span in analysis.spans],
        )

    assert read(marked) == read(plain)


# -- what the views show -------------------------------------------------------------------------


def test_every_view_shows_the_words_and_not_the_link_syntax() -> None:
    analysis = Analyzer(fake_detector()).analyze(REPUBLICATION)
    page = render_html([analysis], TAXONOMY)
    plain = render_plain_text([analysis], TAXONOMY)
    web = "".join(fragment.text for fragment in fragments(analysis, TAXONOMY))
    for shown_text in (page, plain, web):
        assert "](#)" not in shown_text and "**" not in shown_text
        assert "Russia and FSU" in shown_text and "predictable" in shown_text
    assert "R&D budgets ’safe’" in web and "R&amp;amp;D" not in page
    assert "R&amp;D budgets ’safe’" in page  # the character, escaped once


# -- cost ----------------------------------------------------------------------------------------


MARKDOWN_UNIT = (
    "Some [linked words](https://example.org/x) and **bold** and *emphasis* &amp; `code`.\n"
    "> a quoted [link](#)\n\n- an item ![photo](x.jpg)\n\n| a | b |\n|---|---|\n| [c](#) | d |\n\n"
)


def test_finding_markup_costs_in_proportion_to_the_length_of_the_text() -> None:
    """A megabyte of dense Markdown within 40 times what 100 KB takes (a cost growing with the
    square of the length would take about 100 times)."""

    def seconds(size: int) -> float:
        text = MARKDOWN_UNIT * (size // len(MARKDOWN_UNIT))
        began = time.perf_counter()
        MarkedText.read(text)
        return time.perf_counter() - began

    small = min(seconds(100_000) for _ in range(3))
    assert seconds(1_000_000) < 40 * small


@pytest.mark.parametrize(
    "text",
    [
        "a" + "*" * 100_000 + "a b" + "*" * 100_000 + "a",
        "[" * 200_000,
        "![" * 100_000,
        "[a](" * 50_000,
        "**a*" * 50_000,
        "<a " * 70_000,
        "`a``" * 50_000,
        "> " * 100_000,
        "|a|\n|-|\n" * 25_000,
        "&amp;" * 40_000,
    ],
    ids=["asterisks-in-words", "brackets", "images", "links", "emphasis", "tags", "backticks",
         "quotes", "tables", "entities"],
)  # fmt: skip
def test_a_hostile_shape_costs_seconds_and_never_raises(text: str) -> None:
    """200 KB of each shape within a deadline that a cost growing with the square of the length
    would miss by far (the asterisks inside words took minutes before their runs were measured
    once each)."""
    began = time.perf_counter()
    marked = MarkedText.read(text)
    assert len(marked.visible) == len(text)
    assert time.perf_counter() - began < 30
