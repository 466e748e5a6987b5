"""Quote benchmark on the hand-annotated PTC articles (benchmarks/bench_voices.py).

The last test holds the rules to the issue's acceptance bar (quote-span F1 0.90, speaker
accuracy 0.85) on all annotated articles; `.venv/bin/python benchmarks/bench_voices.py` prints
the numbers, and `--errors` the misses of the development part article by article.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_voices.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_voices", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


bench = load_bench()
needs_ptc = pytest.mark.skipif(not bench.PTC.exists(), reason="needs ../shared/data/ptc")


def test_overlap_of_half_the_gold_quote_matches_one_to_one_largest_first() -> None:
    gold = [(0, 10, "Joe Morbitzer"), (20, 30, "police")]
    predicted = [(0, 5, "Morbitzer"), (2, 9, "Joe"), (25, 40, "Police"), (29, 60, "x")]
    scores = bench.score_article(gold, predicted)
    # (2, 9) overlaps the first gold quote most and takes it; its speaker is wrong.
    assert (scores.matched, scores.speakers_right) == (2, 1)
    assert scores.precision == pytest.approx(2 / 4)


def test_a_speaker_agrees_only_when_equal_or_the_gold_surname() -> None:
    assert bench.speakers_agree("the Justice Department", "Justice Department")
    assert bench.speakers_agree("O’Neill", "James O'Neill")
    assert not bench.speakers_agree("James", "James O'Neill")
    assert not bench.speakers_agree("Justice", "Justice Department")
    assert not bench.speakers_agree(None, "police")


def test_every_gold_quote_points_at_its_text_in_the_article() -> None:
    if not bench.PTC.exists():
        pytest.skip("needs ../shared/data/ptc")
    records = bench.load_gold()
    assert len(records) >= 30
    assert sum(bool(r.get("held_out")) for r in records) == 10
    for record in records:
        text = bench.article_text(record["article_id"], record["split"])
        for quote in record["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]


@needs_ptc
def test_quote_spans_and_speakers_meet_the_acceptance_bar_on_all_articles() -> None:
    scores = bench.evaluate(bench.load_gold())
    assert scores.f1 >= 0.90
    assert scores.speaker_accuracy >= 0.85


@needs_ptc
def test_the_held_out_articles_stay_above_their_regression_floor() -> None:
    records = [r for r in bench.load_gold() if r.get("held_out")]
    scores = bench.evaluate(records)
    assert scores.f1 >= 0.89
    assert scores.speaker_accuracy >= 0.85


@needs_ptc
def test_the_error_dump_names_each_article_with_a_miss(capsys: pytest.CaptureFixture[str]) -> None:
    bench.print_errors(bench.load_gold()[:3])
    out = capsys.readouterr().out
    assert out.startswith("article")
    assert any(kind in out for kind in ("MISS", "SPK", "EXTRA"))


@needs_ptc
def test_the_error_dump_never_shows_a_held_out_article(capsys: pytest.CaptureFixture[str]) -> None:
    held_out = [r for r in bench.load_gold() if r.get("held_out")]
    bench.print_errors(held_out)
    assert capsys.readouterr().out == ""
