"""SemEval-2020 Task 11 predictions for a folder of PTC articles (`propalens predict`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from propalens.detect import Detector
from propalens.errors import InputError
from propalens.prepare import prepare
from propalens.ptc import LabeledSpan, read_articles, write_si, write_tc


@dataclass(frozen=True)
class Predictions:
    si: list[LabeledSpan]
    tc: list[LabeledSpan]


def predict_articles(
    detector: Detector,
    articles: Path,
    *,
    want_si: bool = True,
    template: Sequence[LabeledSpan] | None = None,
) -> Predictions:
    """The detector's spans (SI) and techniques (TC) for each article in the folder.

    With a TC `template`, the TC labels are for exactly its spans (SemEval's TC setting) and
    the detector's own spans are found only when `want_si`.
    """
    ptc_articles = read_articles(articles)
    if template is not None:
        missing = {span.article_id for span in template} - {a.id for a in ptc_articles}
        if missing:
            raise InputError(
                str(articles), f"the template names articles not in it: {sorted(missing)}"
            )
    si_spans: list[LabeledSpan] = []
    tc_spans: list[LabeledSpan] = []
    for article in ptc_articles:
        prepared = prepare(article.text)
        sentences = prepared.sentences
        if template is None or want_si:
            detected = detector.detect(prepared.visible, sentences)
            si_spans += [LabeledSpan(article.id, d.start, d.end) for d in detected]
            if template is None:
                tc_spans += [LabeledSpan(article.id, d.start, d.end, d.technique) for d in detected]
        if template is not None:
            asked = [span for span in template if span.article_id == article.id]
            labels = detector.label(prepared.visible, [(s.start, s.end) for s in asked], sentences)
            tc_spans += [
                LabeledSpan(s.article_id, s.start, s.end, label)
                for s, label in zip(asked, labels, strict=True)
            ]
    return Predictions(si_spans, tc_spans)


def write_predictions(predictions: Predictions, si_out: Path | None, tc_out: Path | None) -> None:
    if si_out is not None:
        write_si(si_out, predictions.si)
    if tc_out is not None:
        write_tc(tc_out, predictions.tc)
