"""The SemEval-2020 Task 11 metrics: span identification (SI) and technique classification (TC).

The numbers must be comparable with the published leaderboard, so both metrics follow the
official scorers (``task-SI_scorer.py`` and ``task-TC_scorer.py`` from the task's tools,
by G. Da San Martino), not a textbook definition.  What we read in those scorers:

SI scorer
    * Each span is turned into the set of its character positions, ``set(range(start, end))``,
      and two spans of an article are merged when those sets intersect.  Spans that merely
      touch (``[0, 5)`` and ``[5, 9)``) share no position and stay apart; identical spans
      merge into one.
    * Gold spans are always merged.  Overlapping submitted spans are an error unless the
      scorer runs with ``-m`` (merge user annotations); we always merge, i.e. behave as ``-m``.
    * P = (1/|S|) Σ_s Σ_t |s∩t|/|s| and R = (1/|T|) Σ_t Σ_s |s∩t|/|t| with S the merged
      predictions and T the merged gold spans, pairs taken within the same article only, and
      the sums and counts running over all articles (micro-averaged, not a mean per article).
    * Zero cases (``compute_prec_rec_f1``): P = 0 when there are no predictions, R = 0 when
      there is no gold, F1 = 0 unless P > 0 and R > 0, except that F1 = 1 when there are
      neither predictions nor gold.
    * A prediction for an article without gold spans makes the official scorer crash; here it
      simply overlaps nothing and costs precision.

Span boundaries (score_si_boundaries, ours, beside the official SI metric)
    The official metric credits every character a prediction shares with gold, so cutting a
    gold span into pieces keeps the recall of its characters at no cost in precision, while a
    reader is shown fragments ("reckless power" without "grab").  So a second score counts
    spans, not characters:

    * A predicted span matches a gold span of its article when their overlap covers at least
      half of each.  Each span matches at most once, largest overlap first (as
      ``benchmarks/bench_voices.py`` matches quotes); P = matched/|S|, R = matched/|T|, with
      the official zero cases.  A piece under half of its gold span earns nothing, every
      further piece costs precision, and so does a span over twice as long as its gold span.
    * Spans are merged per article first, exactly as for the official metric, so both scores
      count the same spans and differ only in the credit a pair earns.  PTC's SI gold is
      merged already; merging predictions means that overlapping or repeated ones count as
      one span, which cannot match twice.
    * ``fragmented`` is the share of gold spans that two or more predicted spans overlap: how
      often a model cuts a gold span into pieces, whether or not one piece is big enough to
      match.

TC scorer
    * The submission must list exactly the spans of the gold template.  Within a group of
      identical spans the labels are re-ordered to match gold as often as possible (the best
      assignment), then scikit-learn's micro precision, recall and F1 are taken over the label
      lists, which for one label per span all equal accuracy.  Per-class F1 is scikit-learn's
      ``f1_score(average=None)``, which reports 0 for a class absent from both gold and
      predictions.
    * score_tc generalises this to predictions that do not follow the template (a full
      pipeline, task FLC with exact boundaries): a prediction is correct when the same
      (article, start, end, technique) is in gold and not already used by another
      prediction, i.e. a multiset intersection.  P = correct/|pred|, R = correct/|gold|;
      on a prediction file that covers the gold template exactly this is the official number.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import RenderableType
from rich.table import Table

from propalens.ptc import LabeledSpan
from propalens.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "BoundaryScore",
    "ClassScore",
    "SiReport",
    "SiScore",
    "TcScore",
    "off_template_warning",
    "score_si",
    "score_si_boundaries",
    "score_tc",
    "scores_json",
    "scores_table",
    "trained_on_gold_warning",
]

_Interval = tuple[int, int]


@dataclass(frozen=True)
class SiScore:
    """Span identification: precision, recall and F1 with credit for partial overlap."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class BoundaryScore:
    """Span identification counted in whole spans: a prediction earns credit only when it and
    a gold span each lie at least half in the other (see the module docstring)."""

    precision: float
    recall: float
    f1: float
    matched: int
    predicted: int
    gold: int
    fragmented: float


@dataclass(frozen=True)
class SiReport:
    """What `propalens evaluate --task si` reports: the official score and the boundary-aware
    one, side by side, so that a change cannot win the first by fragmenting spans unseen."""

    official: SiScore
    boundaries: BoundaryScore


@dataclass(frozen=True)
class ClassScore:
    """Technique classification scores of one technique; ``support`` is its gold count."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class TcScore:
    """Technique classification: micro scores and one ClassScore per label of the taxonomy, in
    its order."""

    precision: float
    recall: float
    f1: float
    per_class: dict[str, ClassScore]


def score_si(gold: Sequence[LabeledSpan], pred: Sequence[LabeledSpan]) -> SiScore:
    """Score predicted propaganda spans against gold spans with the official SI metric.

    Techniques are ignored, so TC files score as SI too.  Overlapping spans are merged per
    article, separately in gold and in predictions, before scoring (see the module docstring
    for what the official scorer does and for the zero cases).
    """
    gold_by_article = _merged_by_article(gold)
    pred_by_article = _merged_by_article(pred)
    precision_sum = 0.0
    recall_sum = 0.0
    for article_id, predicted in pred_by_article.items():
        for pred_span, gold_span in _overlapping_pairs(
            predicted, gold_by_article.get(article_id, [])
        ):
            overlap = _overlap(pred_span, gold_span)
            precision_sum += overlap / _length(pred_span)
            recall_sum += overlap / _length(gold_span)
    precision, recall, f1 = _precision_recall_f1(
        precision_sum,
        _span_count(pred_by_article),
        recall_sum,
        _span_count(gold_by_article),
        f1_when_both_empty=1.0,
    )
    return SiScore(precision=precision, recall=recall, f1=f1)


def score_si_boundaries(gold: Sequence[LabeledSpan], pred: Sequence[LabeledSpan]) -> BoundaryScore:
    """Score predicted propaganda spans against gold spans by whole spans, not characters.

    A prediction counts only when it and a gold span each lie at least half in the other, so
    fragments of a gold span and spans running far past it earn nothing here, though the
    official metric (score_si) credits their characters.  Spans are merged per article as for
    score_si; see the module docstring for the matching and ``fragmented``.
    """
    gold_by_article = _merged_by_article(gold)
    pred_by_article = _merged_by_article(pred)
    matched = 0
    fragmented = 0
    for article_id, predicted in pred_by_article.items():
        pairs = list(_overlapping_pairs(predicted, gold_by_article.get(article_id, [])))
        matched += _one_to_one_match_count(pairs)
        pieces = Counter(gold_span for _, gold_span in pairs)
        fragmented += sum(count >= 2 for count in pieces.values())
    pred_count = _span_count(pred_by_article)
    gold_count = _span_count(gold_by_article)
    precision, recall, f1 = _precision_recall_f1(
        matched, pred_count, matched, gold_count, f1_when_both_empty=1.0
    )
    return BoundaryScore(
        precision=precision,
        recall=recall,
        f1=f1,
        matched=matched,
        predicted=pred_count,
        gold=gold_count,
        fragmented=fragmented / gold_count if gold_count else 0.0,
    )


def score_tc(
    gold: Sequence[LabeledSpan], pred: Sequence[LabeledSpan], taxonomy: Taxonomy | None = None
) -> TcScore:
    """Score predicted techniques against gold with exact span and label matching.

    Each gold line can be matched once, so when one span carries several techniques the
    predictions for it are paired with gold in the best way whatever their order.  Per-class
    scores cover the labels of ``taxonomy`` (default: PTC's).  Raises ValueError on a span
    without a technique: a TC template line is a question, not a label.
    """
    gold_counts = _technique_counts(gold, "gold")
    pred_counts = _technique_counts(pred, "pred")
    correct_counts = gold_counts & pred_counts  # multiset intersection: min of the counts

    correct = correct_counts.total()
    precision, recall, f1 = _precision_recall_f1(
        correct, pred_counts.total(), correct, gold_counts.total(), f1_when_both_empty=0.0
    )

    correct_by_class = _count_by_technique(correct_counts)
    pred_by_class = _count_by_technique(pred_counts)
    gold_by_class = _count_by_technique(gold_counts)
    per_class: dict[str, ClassScore] = {}
    for technique in (taxonomy or load_taxonomy("ptc")).labels:
        class_precision, class_recall, class_f1 = _precision_recall_f1(
            correct_by_class[technique],
            pred_by_class[technique],
            correct_by_class[technique],
            gold_by_class[technique],
            f1_when_both_empty=0.0,  # scikit-learn's zero_division default, as in the scorer
        )
        per_class[technique] = ClassScore(
            precision=class_precision,
            recall=class_recall,
            f1=class_f1,
            support=gold_by_class[technique],
        )
    return TcScore(precision=precision, recall=recall, f1=f1, per_class=per_class)


def off_template_warning(gold: Sequence[LabeledSpan], pred: Sequence[LabeledSpan]) -> str | None:
    """What to tell a user whose TC predictions are not on the gold spans, else None.

    TC is scored span by span on the gold template, so predictions of a model's own spans
    (`propalens predict` without `--tc-template`) match almost nothing, and the low score says
    nothing about the labels.
    """
    gold_spans = Counter((span.article_id, span.start, span.end) for span in gold)
    pred_spans = Counter((span.article_id, span.start, span.end) for span in pred)
    outside = (pred_spans - gold_spans).total()
    if not outside:
        return None
    return (
        f"{outside:,} of {pred_spans.total():,} predicted spans are no gold span: TC scores a "
        "technique for each gold span, so these scores say little about the techniques. "
        "Predict on the gold spans: propalens predict ARTICLES --tc-template GOLD --tc-out FILE"
    )


def trained_on_gold_warning(gold: Path, model: str, splits: Sequence[str]) -> str | None:
    """What to tell a user who scores `model` on a PTC split it was trained on (`splits`, as
    its training.json records them), else None.

    The split is read from the gold file's name, as PTC names them (`dev-labels-task-si`).
    """
    split = next((split for split in splits if gold.name.startswith(f"{split}-")), None)
    if split is None:
        return None
    return (
        f"{model} was trained on {split} ({', '.join(splits)}, says its training.json): if it "
        f"made these predictions, its scores on {split} are inflated. MODELS.md gives the "
        f"scores of a model that never saw {split}; give --model if another model made them"
    )


def scores_json(score: SiReport | TcScore) -> str:
    """The scores as JSON (what `propalens evaluate --json` prints).

    SI's official scores sit at the top level, where scripts read them, and the boundary-aware
    ones under ``"boundaries"``.
    """
    if isinstance(score, SiReport):
        payload = asdict(score.official) | {"boundaries": asdict(score.boundaries)}
        return json.dumps(payload, indent=2) + "\n"
    payload = {
        "micro": {"precision": score.precision, "recall": score.recall, "f1": score.f1},
        "per_class": {name: asdict(scores) for name, scores in score.per_class.items()},
    }
    return json.dumps(payload, indent=2) + "\n"


def scores_table(score: SiReport | TcScore) -> RenderableType:
    """The scores for a reader: a table of SI's two metrics, or of TC's classes."""
    if isinstance(score, SiReport):
        official, boundaries = score.official, score.boundaries
        table = Table(
            title="SI",
            caption=(
                f"{boundaries.matched:,} of {boundaries.gold:,} gold spans matched by one of "
                f"{boundaries.predicted:,} predicted spans; {boundaries.fragmented:.1%} of gold "
                "spans overlapped by two or more"
            ),
        )
        for column in ("metric", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "metric" else "right")
        for name, row in (
            ("character overlap (official)", official),
            ("span boundaries (half of each)", boundaries),
        ):
            table.add_row(name, f"{row.precision:.4f}", f"{row.recall:.4f}", f"{row.f1:.4f}")
        return table
    micro = f"P={score.precision:.4f}  R={score.recall:.4f}  F1={score.f1:.4f}"
    table = Table(title=f"TC micro  {micro}")
    for column in ("technique", "P", "R", "F1", "support"):
        table.add_column(column, justify="left" if column == "technique" else "right")
    for name, c in score.per_class.items():
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
    return table


def _merged_by_article(spans: Iterable[LabeledSpan]) -> dict[str, list[_Interval]]:
    """Group spans by article and merge those sharing a character, as the SI scorer does."""
    by_article: defaultdict[str, list[_Interval]] = defaultdict(list)
    for span in spans:
        by_article[span.article_id].append((span.start, span.end))
    return {article_id: _merge(intervals) for article_id, intervals in by_article.items()}


def _merge(intervals: list[_Interval]) -> list[_Interval]:
    merged: list[_Interval] = []
    for start, end in sorted(intervals):
        # Strictly less: [0, 5) and [5, 9) share no character, so they stay two spans.
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlapping_pairs(
    predicted: list[_Interval], gold: list[_Interval]
) -> Iterable[tuple[_Interval, _Interval]]:
    """Yield (predicted span, gold span) for each pair sharing a character, in order.

    Both lists are sorted and disjoint after merging, so one sweep finds every pair.
    """
    gold_index = 0
    for pred_start, pred_end in predicted:
        # Gold spans ending before this prediction cannot reach any later prediction either.
        while gold_index < len(gold) and gold[gold_index][1] <= pred_start:
            gold_index += 1
        index = gold_index
        while index < len(gold) and gold[index][0] < pred_end:
            yield (pred_start, pred_end), gold[index]
            index += 1


def _one_to_one_match_count(pairs: Iterable[tuple[_Interval, _Interval]]) -> int:
    """How many pairs match, each span at most once: overlap at least half of both spans,
    largest overlap first, then leftmost.

    The spans of each side are disjoint, so a span with two candidates shares exactly half of
    itself with each, and the leftmost-first tie-break then pairs as many spans as can be paired.
    """
    candidates = sorted(
        (
            (-_overlap(pred_span, gold_span), pred_span, gold_span)
            for pred_span, gold_span in pairs
            if 2 * _overlap(pred_span, gold_span) >= max(_length(pred_span), _length(gold_span))
        )
    )
    used_pred: set[_Interval] = set()
    used_gold: set[_Interval] = set()
    for _, pred_span, gold_span in candidates:
        if pred_span not in used_pred and gold_span not in used_gold:
            used_pred.add(pred_span)
            used_gold.add(gold_span)
    return len(used_pred)


def _overlap(first: _Interval, second: _Interval) -> int:
    return min(first[1], second[1]) - max(first[0], second[0])


def _length(span: _Interval) -> int:
    return span[1] - span[0]


def _span_count(spans_by_article: dict[str, list[_Interval]]) -> int:
    return sum(len(spans) for spans in spans_by_article.values())


def _technique_counts(
    spans: Iterable[LabeledSpan], role: str
) -> Counter[tuple[str, int, int, str]]:
    counts: Counter[tuple[str, int, int, str]] = Counter()
    for span in spans:
        if span.technique is None:
            raise ValueError(
                f"{role} span [{span.start}, {span.end}) of article {span.article_id} "
                "has no technique; TC scoring needs one on every span"
            )
        counts[(span.article_id, span.start, span.end, span.technique)] += 1
    return counts


def _count_by_technique(counts: Counter[tuple[str, int, int, str]]) -> Counter[str]:
    by_technique: Counter[str] = Counter()
    for (_, _, _, technique), count in counts.items():
        by_technique[technique] += count
    return by_technique


def _precision_recall_f1(
    precision_numerator: float,
    precision_denominator: int,
    recall_numerator: float,
    recall_denominator: int,
    *,
    f1_when_both_empty: float,
) -> tuple[float, float, float]:
    """P, R and F1 with the official zero cases: an empty denominator gives 0.

    ``f1_when_both_empty`` is the F1 reported when there is neither gold nor prediction: the
    SI scorer says 1, scikit-learn (behind the TC scorer) says 0.
    """
    precision = precision_numerator / precision_denominator if precision_denominator else 0.0
    recall = recall_numerator / recall_denominator if recall_denominator else 0.0
    if precision_denominator == 0 and recall_denominator == 0:
        return precision, recall, f1_when_both_empty
    if precision > 0 and recall > 0:
        return precision, recall, 2 * precision * recall / (precision + recall)
    return precision, recall, 0.0
