"""The scraped-article benchmark (benchmarks/bench_scraped.py) keeps its own promises: enough
articles, outlets and forms, a held-out third, and gold that points into each input."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_bench() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # the script imports its builder and bench_voices
    spec = importlib.util.spec_from_file_location("bench_scraped", BENCHMARKS / "bench_scraped.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


bench = load_bench()
bench_voices = sys.modules["bench_voices"]
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


def test_every_gold_quote_is_its_text_in_the_input(articles: list) -> None:
    for article in articles:
        for quote in article.quotes:
            if article.form == "html":
                shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", article.input)).split())
                assert quote.start == -1 and quote.text in shown, article.key
            else:
                assert article.input[quote.start : quote.end] == quote.text, article.key


def test_an_annotated_quote_keeps_its_words_and_no_markup(articles: list) -> None:
    records = {r["article_id"]: r for r in bench_voices.load_gold()}
    for article in articles:
        record = records.get(article.article_id)
        if record is None or article.form == "html":
            continue
        texts = Counter(" ".join(q.text.split()) for q in article.quotes)
        for quote in record["quotes"]:
            assert texts[" ".join(quote["text"].split())] > 0, (article.key, quote["text"])


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
