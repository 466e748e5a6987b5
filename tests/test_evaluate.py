"""The SemEval-2020 Task 11 metrics, checked by hand on small cases and on the real dev set."""

from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from propalens.evaluate import (
    BoundaryScore,
    ClassScore,
    SiScore,
    off_template_warning,
    score_si,
    score_si_boundaries,
    score_tc,
    trained_on_gold_warning,
)
from propalens.ptc import LabeledSpan, read_spans
from propalens.taxonomy import load_taxonomy

TECHNIQUES = load_taxonomy("ptc").labels
SHARED_PTC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc"


def si(*spans: tuple[int, int], article: str = "1") -> list[LabeledSpan]:
    return [LabeledSpan(article, start, end) for start, end in spans]


def assert_si(score: SiScore, precision: float, recall: float, f1: float) -> None:
    assert (score.precision, score.recall, score.f1) == pytest.approx((precision, recall, f1))


# --- SI -------------------------------------------------------------------------------------


def test_si_exact_match_scores_one() -> None:
    assert_si(score_si(si((0, 10), (20, 25)), si((0, 10), (20, 25))), 1.0, 1.0, 1.0)


def test_si_half_overlap_gives_half_credit_both_ways() -> None:
    # gold [0,10), pred [5,15): overlap 5.  P = 5/10 = 0.5, R = 5/10 = 0.5, F1 = 0.5
    assert_si(score_si(si((0, 10)), si((5, 15))), 0.5, 0.5, 0.5)


def test_si_prediction_inside_gold_has_full_precision_and_partial_recall() -> None:
    # gold [0,10), pred [2,4): P = 2/2 = 1, R = 2/10 = 0.2, F1 = 2·1·0.2/1.2 = 1/3
    assert_si(score_si(si((0, 10)), si((2, 4))), 1.0, 0.2, 1 / 3)


def test_si_two_predictions_against_one_gold_span_add_up_their_recall() -> None:
    # gold [0,10), preds [0,2) and [6,10)
    # P = (2/2 + 4/4) / 2 = 1;  R = (2/10 + 4/10) / 1 = 0.6;  F1 = 2·0.6/1.6 = 0.75
    assert_si(score_si(si((0, 10)), si((0, 2), (6, 10))), 1.0, 0.6, 0.75)


def test_si_one_prediction_against_two_gold_spans_adds_up_its_precision() -> None:
    # gold [0,4) and [6,10), pred [0,10)
    # P = (4/10 + 4/10) / 1 = 0.8;  R = (4/4 + 4/4) / 2 = 1;  F1 = 2·0.8/1.8 = 8/9
    assert_si(score_si(si((0, 4), (6, 10)), si((0, 10))), 0.8, 1.0, 8 / 9)


def test_si_spans_in_different_articles_never_match() -> None:
    gold = si((0, 10), article="111")
    pred = si((0, 10), article="222")

    assert_si(score_si(gold, pred), 0.0, 0.0, 0.0)


def test_si_prediction_for_an_article_without_gold_costs_precision_only() -> None:
    # article 1 matches exactly, article 2 has no gold: P = (1 + 0) / 2, R = 1 / 1
    gold = si((0, 10))
    pred = si((0, 10)) + si((0, 10), article="2")

    assert_si(score_si(gold, pred), 0.5, 1.0, 2 / 3)


def test_si_sums_over_all_spans_of_all_articles_not_per_article() -> None:
    # article 1: gold [0,10) found; article 2: gold [0,10) and [20,30) missed.
    # P = 1/1 = 1, R = (1 + 0 + 0) / 3 = 1/3 (a mean of per-article recall would be 1/2)
    gold = si((0, 10)) + si((0, 10), (20, 30), article="2")
    pred = si((0, 10))

    assert_si(score_si(gold, pred), 1.0, 1 / 3, 0.5)


def test_si_overlapping_predictions_are_merged_before_scoring() -> None:
    # preds [0,6) and [4,10) merge into [0,10), which equals gold.  Unmerged, recall
    # would be (6/10 + 6/10) / 1 = 1.2.
    assert_si(score_si(si((0, 10)), si((0, 6), (4, 10))), 1.0, 1.0, 1.0)


def test_si_repeated_predictions_count_once() -> None:
    assert_si(score_si(si((0, 10)), si((0, 10), (0, 10), (0, 10))), 1.0, 1.0, 1.0)


def test_si_overlapping_gold_spans_are_merged_before_scoring() -> None:
    # gold [0,6) and [4,10) become [0,10): pred [0,10) matches it exactly.
    assert_si(score_si(si((0, 6), (4, 10)), si((0, 10))), 1.0, 1.0, 1.0)


def test_si_touching_predictions_share_no_character_and_stay_apart() -> None:
    # preds [0,2) and [2,10) touch but do not overlap (the official scorer merges on a
    # shared character).  P = (2/2 + 0) / 2 = 0.5, R = 2/2 = 1, F1 = 2/3.
    # Merged into [0,10) they would give P = 2/10 = 0.2.
    assert_si(score_si(si((0, 2)), si((0, 2), (2, 10))), 0.5, 1.0, 2 / 3)


def test_si_ignores_techniques() -> None:
    gold = [LabeledSpan("1", 0, 10, "Doubt"), LabeledSpan("1", 0, 10, "Slogans")]

    assert_si(score_si(gold, si((0, 10))), 1.0, 1.0, 1.0)


def test_si_without_predictions_scores_zero() -> None:
    assert_si(score_si(si((0, 10)), []), 0.0, 0.0, 0.0)


def test_si_with_predictions_but_no_gold_scores_zero() -> None:
    assert_si(score_si([], si((0, 10))), 0.0, 0.0, 0.0)


def test_si_with_neither_gold_nor_predictions_has_f1_one_as_the_official_scorer() -> None:
    assert_si(score_si([], []), 0.0, 0.0, 1.0)


# --- SI by span boundaries -----------------------------------------------------------------

DECREE = "Critics called the decree a reckless power grab by an unelected board, and left."
QUOTED = (
    'The mayor said the plan was "a betrayal of every family here." Then he walked out of the '
    "packed hall without another word."
)


def phrase(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def assert_boundaries(score: BoundaryScore, precision: float, recall: float, f1: float) -> None:
    assert (score.precision, score.recall, score.f1) == pytest.approx((precision, recall, f1))


def test_boundaries_exact_match_scores_one_and_counts_the_spans() -> None:
    spans = si(phrase(DECREE, "reckless power grab"), phrase(DECREE, "unelected board"))

    score = score_si_boundaries(spans, spans)

    assert score == BoundaryScore(1.0, 1.0, 1.0, matched=2, predicted=2, gold=2, fragmented=0.0)


def test_a_fragment_under_half_the_gold_span_gets_official_credit_and_no_match() -> None:
    gold = si(phrase(DECREE, "reckless power grab by an unelected board"))  # 41 characters
    fragment = si(phrase(DECREE, "reckless power"))  # 14: "grab" and the rest left out

    assert_si(score_si(gold, fragment), 1.0, 14 / 41, 2 * (14 / 41) / (1 + 14 / 41))
    assert_boundaries(score_si_boundaries(gold, fragment), 0.0, 0.0, 0.0)


def test_a_fragment_covering_at_least_half_of_the_gold_span_matches() -> None:
    gold = si(phrase(DECREE, "reckless power grab"))  # 19 characters

    score = score_si_boundaries(gold, si(phrase(DECREE, "reckless power")))  # 14

    assert_boundaries(score, 1.0, 1.0, 1.0)


def test_a_gold_span_cut_into_small_pieces_is_fragmented_and_unmatched() -> None:
    gold = si(phrase(DECREE, "reckless power grab by an unelected board"))
    pieces = si(phrase(DECREE, "reckless power"), phrase(DECREE, "unelected board"))

    official = score_si(gold, pieces)
    boundaries = score_si_boundaries(gold, pieces)

    assert official.precision == 1.0 and official.recall == pytest.approx((14 + 15) / 41)
    assert (boundaries.matched, boundaries.f1, boundaries.fragmented) == (0, 0.0, 1.0)


def test_a_span_running_a_little_past_the_closing_quote_mark_still_matches() -> None:
    gold = si(phrase(QUOTED, "a betrayal of every family here"))
    past_the_quote = si(phrase(QUOTED, 'a betrayal of every family here." Then'))  # 38 characters

    assert score_si(gold, past_the_quote).precision < 1.0
    assert_boundaries(score_si_boundaries(gold, past_the_quote), 1.0, 1.0, 1.0)


def test_a_span_running_past_the_closing_quote_far_into_the_next_sentence_does_not_match() -> None:
    gold = si(phrase(QUOTED, "a betrayal of every family here"))  # 31 characters
    past_the_quote = si(  # 71 characters: the gold span is less than half of it
        phrase(QUOTED, 'a betrayal of every family here." Then he walked out of the packed hall')
    )

    assert score_si(gold, past_the_quote).recall == 1.0
    assert_boundaries(score_si_boundaries(gold, past_the_quote), 0.0, 0.0, 0.0)


def test_two_predictions_covering_half_a_gold_span_each_cannot_both_match_it() -> None:
    # gold [0,10), preds [0,5) and [5,10): each lies wholly in gold and covers half of it.
    # One match: P = 1/2, R = 1/1.
    score = score_si_boundaries(si((0, 10)), si((0, 5), (5, 10)))

    assert_boundaries(score, 0.5, 1.0, 2 / 3)
    assert (score.matched, score.fragmented) == (1, 1.0)


def test_one_prediction_covering_two_gold_spans_by_half_matches_only_one() -> None:
    # gold [0,5) and [5,10) touch and stay apart; pred [0,10) holds each as half of itself.
    assert_boundaries(score_si_boundaries(si((0, 5), (5, 10)), si((0, 10))), 1.0, 0.5, 2 / 3)


def test_on_exact_halves_the_matching_pairs_as_many_spans_as_can_be_paired() -> None:
    # pred [0,10) holds gold [0,5) and half of gold [5,15), which pred [10,20) shares by half
    # too.  Pairing [0,10) with [5,15) would leave two spans alone; the best pairs both.
    score = score_si_boundaries(si((0, 5), (5, 15)), si((0, 10), (10, 20)))

    assert_boundaries(score, 1.0, 1.0, 1.0)


def test_boundaries_merge_overlapping_predictions_before_matching() -> None:
    # preds [0,6) and [4,10) become [0,10), which equals gold: one span, matched once.
    score = score_si_boundaries(si((0, 10)), si((0, 6), (4, 10)))

    assert score == BoundaryScore(1.0, 1.0, 1.0, matched=1, predicted=1, gold=1, fragmented=0.0)


def test_boundaries_never_match_spans_of_different_articles() -> None:
    score = score_si_boundaries(si((0, 10), article="111"), si((0, 10), article="222"))

    assert_boundaries(score, 0.0, 0.0, 0.0)


def test_boundaries_without_predictions_score_zero() -> None:
    score = score_si_boundaries(si((0, 10)), [])

    assert score == BoundaryScore(0.0, 0.0, 0.0, matched=0, predicted=0, gold=1, fragmented=0.0)


def test_boundaries_with_predictions_but_no_gold_score_zero() -> None:
    score = score_si_boundaries([], si((0, 10)))

    assert score == BoundaryScore(0.0, 0.0, 0.0, matched=0, predicted=1, gold=0, fragmented=0.0)


def test_boundaries_with_neither_gold_nor_predictions_have_f1_one_as_the_official_metric() -> None:
    assert_boundaries(score_si_boundaries([], []), 0.0, 0.0, 1.0)


# --- TC -------------------------------------------------------------------------------------


def tc(*spans: tuple[int, int, str], article: str = "1") -> list[LabeledSpan]:
    return [LabeledSpan(article, start, end, technique) for start, end, technique in spans]


def test_tc_exact_match_scores_one() -> None:
    gold = tc((0, 10, "Doubt"), (20, 30, "Slogans"))

    score = score_tc(gold, gold)

    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(("start", "end"), [(1, 10), (0, 11), (0, 9)])
def test_tc_span_off_by_one_character_is_wrong(start: int, end: int) -> None:
    score = score_tc(tc((0, 10, "Doubt")), tc((start, end, "Doubt")))

    assert score.f1 == 0.0


def test_tc_right_span_with_the_wrong_technique_is_wrong() -> None:
    assert score_tc(tc((0, 10, "Doubt")), tc((0, 10, "Slogans"))).f1 == 0.0


def test_tc_same_span_in_another_article_is_wrong() -> None:
    assert score_tc(tc((0, 10, "Doubt")), tc((0, 10, "Doubt"), article="2")).f1 == 0.0


def test_tc_several_techniques_on_one_span_match_in_any_order() -> None:
    gold = tc((10, 20, "Loaded_Language"), (10, 20, "Repetition"))
    pred = tc((10, 20, "Repetition"), (10, 20, "Loaded_Language"))

    assert score_tc(gold, pred).f1 == 1.0


def test_tc_each_gold_line_is_matched_at_most_once() -> None:
    # gold: LL and Repetition on one span; pred: LL twice.  Only one LL can be matched:
    # correct = 1, P = 1/2, R = 1/2.
    gold = tc((10, 20, "Loaded_Language"), (10, 20, "Repetition"))
    pred = tc((10, 20, "Loaded_Language"), (10, 20, "Loaded_Language"))

    score = score_tc(gold, pred)

    assert (score.precision, score.recall, score.f1) == (0.5, 0.5, 0.5)


def test_tc_micro_precision_and_recall_use_their_own_denominators() -> None:
    # 3 gold, 2 predictions, 1 correct: P = 1/2, R = 1/3, F1 = 2·(1/6)/(5/6) = 0.4
    gold = tc((0, 5, "Doubt"), (10, 15, "Slogans"), (20, 25, "Doubt"))
    pred = tc((0, 5, "Doubt"), (10, 15, "Doubt"))

    score = score_tc(gold, pred)

    assert (score.precision, score.recall, score.f1) == pytest.approx((0.5, 1 / 3, 0.4))


def test_tc_per_class_scores_are_hand_computed_and_cover_all_techniques() -> None:
    # span   gold               pred
    # s1     Loaded_Language    Loaded_Language   correct
    # s2     Loaded_Language    Doubt
    # s3     Doubt              Doubt             correct
    # s4     Repetition         Loaded_Language
    # micro: 2 of 4 correct -> P = R = F1 = 0.5 (accuracy, as the official scorer)
    # Loaded_Language: tp 1, predicted 2, gold 2 -> P 0.5, R 0.5, F1 0.5
    # Doubt:           tp 1, predicted 2, gold 1 -> P 0.5, R 1,   F1 2/3
    # Repetition:      tp 0, predicted 0, gold 1 -> 0, 0, 0
    gold = tc(
        (0, 5, "Loaded_Language"),
        (10, 15, "Loaded_Language"),
        (20, 25, "Doubt"),
        (30, 35, "Repetition"),
    )
    pred = tc(
        (0, 5, "Loaded_Language"),
        (10, 15, "Doubt"),
        (20, 25, "Doubt"),
        (30, 35, "Loaded_Language"),
    )

    score = score_tc(gold, pred)

    assert (score.precision, score.recall, score.f1) == (0.5, 0.5, 0.5)
    assert list(score.per_class) == list(TECHNIQUES)
    assert score.per_class["Loaded_Language"] == ClassScore(0.5, 0.5, 0.5, support=2)
    doubt = score.per_class["Doubt"]
    assert (doubt.precision, doubt.recall, doubt.f1, doubt.support) == pytest.approx(
        (0.5, 1.0, 2 / 3, 1)
    )
    assert score.per_class["Repetition"] == ClassScore(0.0, 0.0, 0.0, support=1)
    assert score.per_class["Slogans"] == ClassScore(0.0, 0.0, 0.0, support=0)


def test_tc_predictions_on_spans_of_their_own_are_warned_about_and_named_by_count() -> None:
    gold = tc((0, 10, "Doubt"), (20, 30, "Slogans"))
    own_spans = tc((0, 10, "Doubt"), (18, 33, "Slogans"), (40, 45, "Doubt"))

    warning = off_template_warning(gold, own_spans)

    assert warning is not None and warning.startswith("2 of 3 predicted spans are no gold span")
    assert "--tc-template" in warning


def test_tc_predictions_on_the_gold_template_need_no_warning() -> None:
    gold = tc((0, 10, "Doubt"), (0, 10, "Slogans"))
    assert off_template_warning(gold, tc((0, 10, "Slogans"), (0, 10, "Slogans"))) is None


def test_a_model_scored_on_a_split_it_was_trained_on_is_warned_about() -> None:
    gold = Path("ptc/dev-labels-task-si")
    warning = trained_on_gold_warning(gold, "minilm 0.1.0+train-dev", ("train", "dev"))
    assert warning is not None and "trained on dev" in warning and "inflated" in warning
    assert trained_on_gold_warning(gold, "baseline 0.1.0+train", ("train",)) is None
    assert trained_on_gold_warning(Path("gold.labels"), "minilm", ("train", "dev")) is None


def test_tc_refuses_a_template_span_without_technique() -> None:
    with pytest.raises(ValueError, match="no technique"):
        score_tc(tc((0, 5, "Doubt")), [LabeledSpan("1", 0, 5)])


def test_tc_with_neither_gold_nor_predictions_scores_zero() -> None:
    score = score_tc([], [])

    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


# --- the real dev set -----------------------------------------------------------------------


def shared_labels(folder: str) -> list[LabeledSpan]:
    if not SHARED_PTC.is_dir():
        pytest.skip("shared PTC corpus not present")
    return read_spans(SHARED_PTC / folder)


def test_dev_si_gold_scored_against_itself_is_perfect() -> None:
    gold = shared_labels("dev-labels-task-si")

    assert score_si(gold, gold) == SiScore(1.0, 1.0, 1.0)
    boundaries = score_si_boundaries(gold, gold)
    assert (boundaries.f1, boundaries.matched, boundaries.fragmented) == (1.0, len(gold), 0.0)


def test_dev_tc_gold_scored_against_itself_is_perfect_in_every_class() -> None:
    gold = shared_labels("dev-labels-task-flc-tc")

    score = score_tc(gold, gold)

    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert all(scores.f1 == 1.0 for scores in score.per_class.values())
    assert sum(scores.support for scores in score.per_class.values()) == len(gold)


def test_dev_tc_gold_spans_merged_are_the_dev_si_gold() -> None:
    si_gold = shared_labels("dev-labels-task-si")
    tc_gold = shared_labels("dev-labels-task-flc-tc")

    assert score_si(si_gold, tc_gold) == SiScore(1.0, 1.0, 1.0)


def test_dev_tc_on_the_gold_template_agrees_with_scikit_learn_like_the_official_scorer() -> None:
    # The official TC scorer takes scikit-learn's micro and per-class F1 over the template.
    # Keep spans carrying one technique (no alignment to do) and swap every third label.
    gold = shared_labels("dev-labels-task-flc-tc")
    span_counts: dict[tuple[str, int, int], int] = {}
    for span in gold:
        key = (span.article_id, span.start, span.end)
        span_counts[key] = span_counts.get(key, 0) + 1
    single = [s for s in gold if span_counts[(s.article_id, s.start, s.end)] == 1]
    pred = [
        LabeledSpan(s.article_id, s.start, s.end, TECHNIQUES[(i // 3) % len(TECHNIQUES)])
        if i % 3 == 0
        else s
        for i, s in enumerate(single)
    ]
    gold_labels = [s.technique for s in single]
    pred_labels = [s.technique for s in pred]

    score = score_tc(single, pred)

    accuracy = sum(g == p for g, p in zip(gold_labels, pred_labels, strict=True)) / len(single)
    assert score.precision == score.recall == pytest.approx(accuracy)
    assert score.f1 == pytest.approx(accuracy)
    expected = f1_score(gold_labels, pred_labels, average=None, labels=list(TECHNIQUES))
    assert [score.per_class[t].f1 for t in TECHNIQUES] == pytest.approx(list(expected))
