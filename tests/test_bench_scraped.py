"""The scraped-article benchmark (benchmarks/bench_scraped.py) keeps its own promises: enough
articles, outlets and forms, a held-out third, and gold that points into each input."""

from __future__ import annotations

import html
import importlib
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


sys.path.insert(0, str(BENCHMARKS))  # the script imports its builder and bench_voices
bench = importlib.import_module("bench_scraped")
bench_voices = importlib.import_module("bench_voices")
pytestmark = pytest.mark.skipif(not bench.PTC.exists(), reason="needs ../shared/data/ptc")


@pytest.fixture(scope="module")
def articles() -> list:
    return bench.build_benchmark(bench.PTC)


def test_the_benchmark_has_enough_articles_outlets_and_forms(articles: list) -> None:
    assert len(articles) >= 45
    assert len({a.outlet for a in articles}) >= 12
    assert set(bench.FORMS) == {a.form for a in articles}
    assert len(bench.FORMS) >= 5
    assert len({a.key for a in articles}) == len(articles)


def test_a_third_is_held_out_with_outlets_of_its_own(articles: list) -> None:
    held = [a for a in articles if a.part == "held-out"]
    assert 3 * len(held) >= len(articles)
    tuning_outlets = {a.outlet for a in articles if a.part == "tuning"}
    assert not tuning_outlets & {a.outlet for a in held}
    for part in ("tuning", "held-out"):
        assert {a.form for a in articles if a.part == part} == set(bench.FORMS)


def test_every_quote_annotated_article_is_in_and_keeps_its_held_out_mark(articles: list) -> None:
    records = bench_voices.load_gold()
    by_id = {a.article_id: a for a in articles}
    assert len(records) == 30
    for record in records:
        article = by_id[record["article_id"]]
        assert article.has_gold_quotes
        assert (article.part == "held-out") == bool(record["held_out"])
        # Each annotated quote lands in the input, plus the template's invented tweets.
        assert len(article.quotes) >= len(record["quotes"])


def test_every_gold_quote_is_its_words_in_the_input(articles: list) -> None:
    records = {r["article_id"]: r for r in bench_voices.load_gold()}
    for article in articles:
        annotated = records.get(article.article_id, {"quotes": []})["quotes"]
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", article.input)).split())
        lines = {(line.start, line.end): line for line in article.lines}
        for index, quote in enumerate(article.quotes):
            if article.form == "html":
                assert quote.start == -1 and quote.text in shown, article.key
            elif index < len(annotated):  # hand-annotated: moved, not rewritten
                assert " ".join(article.input[quote.start : quote.end].split()) == " ".join(
                    annotated[index]["text"].split()
                ), article.key
            else:  # a template's tweet: the whole of its line
                line = lines[(quote.start, quote.end)]
                assert (line.role, line.text) == ("unscored", quote.text), article.key


def test_every_gold_line_is_a_line_of_the_input(articles: list) -> None:
    for article in articles:
        assert article.lines, article.key
        for line in article.lines:
            if article.form == "html":
                continue
            raw = article.input[line.start : line.end]
            assert "\n" not in raw
            assert line.start == 0 or article.input[line.start - 1] == "\n"
            assert line.end == len(article.input) or article.input[line.end] == "\n"
            shown = "".join(article.input[a:b] for a, b in line.visible)
            assert " ".join(shown.split()) == line.text


def test_every_article_has_body_and_boilerplate_lines(articles: list) -> None:
    for article in articles:
        roles = Counter(line.role for line in article.lines)
        assert roles["body"] >= 3 and roles["boilerplate"] >= 2, article.key


def test_the_build_is_the_same_every_time(articles: list) -> None:
    again = bench.build_benchmark(bench.PTC)
    assert [(a.key, a.input) for a in again] == [(a.key, a.input) for a in articles]


def test_a_line_counts_as_removed_only_when_all_its_visible_letters_are() -> None:
    removed = bench.Coverage([(0, 3), (5, 9)])
    text = "By [RT](#)"
    assert bench.covered(text, [(0, 3), (4, 6)], bench.Coverage([(0, 10)]))
    assert not bench.covered(text, [(0, 3), (4, 6)], removed)
    assert bench.covered("a - b", [(0, 5)], bench.Coverage([(0, 1), (4, 5)]))


def test_on_html_a_block_trafilatura_dropped_counts_as_removed_and_body_as_read(
    articles: list,
) -> None:
    page = next(a for a in articles if a.form == "html" and a.part == "tuning")
    (outcome,) = bench.analyse_all([page])
    text = outcome.text
    menu = [line for line in page.lines if line.text == "Home"]
    assert menu and "Home" not in text.split("\n")
    gone = bench.removed_lines(page, text, bench.Coverage([]))
    for line, removed in zip(page.lines, gone, strict=True):
        if line.text == "Home":
            assert removed
        if line.role == "body":
            assert not removed, line.text
