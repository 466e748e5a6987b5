"""Training the baseline (`propalens train --model baseline` runs exactly this code).

The baseline is trained on PTC article folders.  The tagger's decision threshold is the one
thing tuned, by cross-validation over folds of the training articles (split by article, so a
fold never sees text from an article it is scored on); the dev split is never read here unless
it is asked for as training data.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from propalens import __version__
from propalens.detect.baseline.files import NAME, save_baseline
from propalens.detect.baseline.tagger import BaselineTagger, TokenTable, token_table
from propalens.detect.manifest import TRAINING_FILE, taxonomy_reference
from propalens.detect.registry import TrainingOptions
from propalens.detect.training import LabeledArticle, fit_technique_classifier, load_splits
from propalens.evaluate import score_si
from propalens.ptc import LabeledSpan
from propalens.schema import ModelInfo
from propalens.taxonomy import load_taxonomy

TAGGER_C = 0.1
THRESHOLDS = tuple(round(0.1 + 0.025 * step, 3) for step in range(21))


def _token_labels(table: TokenTable, gold: Sequence[LabeledSpan]) -> NDArray[np.int8]:
    labels = np.zeros(len(table.tokens), dtype=np.int8)
    for index, (start, end) in enumerate(table.tokens):
        labels[index] = any(span.start < end and start < span.end for span in gold)
    return labels


def _tune_threshold(
    articles: Sequence[LabeledArticle],
    tables: Sequence[TokenTable],
    labels: Sequence[NDArray[np.int8]],
    folds: int,
    seed: int,
) -> tuple[float, float]:
    """The threshold with the best out-of-fold SI F1, and that F1."""
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    probabilities: dict[int, NDArray[np.float64]] = {}
    for fold in range(folds):
        held_out = set(order[fold::folds])
        kept = [index for index in order if index not in held_out]
        tagger = BaselineTagger.fit(
            [tables[i] for i in kept], [labels[i] for i in kept], TAGGER_C, seed
        )
        for index in held_out:
            probabilities[index] = tagger.token_probabilities(tables[index])
    gold = [span for article in articles for span in article.si]
    best = (0.5, -1.0)
    for threshold in THRESHOLDS:
        predicted = [
            LabeledSpan(articles[i].article.id, span.start, span.end)
            for i in range(len(articles))
            for span in BaselineTagger.spans_from_probabilities(
                tables[i], probabilities[i], threshold
            )
        ]
        f1 = score_si(gold, predicted).f1
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def train_baseline(
    data: Path,
    out: Path,
    *,
    splits: Sequence[str] = ("train",),
    seed: int = 0,
    folds: int = 3,
    taxonomy: str | Path = "ptc",
) -> dict[str, object]:
    """Train the baseline detector on `splits` of the PTC folder `data` with the labels of
    `taxonomy` (a shipped name or a TOML file); write it to `out`."""
    began = time.perf_counter()
    label_set = load_taxonomy(taxonomy)
    articles = load_splits(data, splits, label_set)
    tables = [token_table(a.text, a.sentences) for a in articles]
    labels = [_token_labels(table, a.si) for table, a in zip(tables, articles, strict=True)]
    threshold, cv_f1 = _tune_threshold(articles, tables, labels, folds, seed)
    fitted = BaselineTagger.fit(tables, labels, TAGGER_C, seed)
    tagger = BaselineTagger(fitted.coef, fitted.intercept, threshold)

    classifier = fit_technique_classifier(articles, label_set, seed)
    info = ModelInfo(name=NAME, version=f"{__version__}+{'-'.join(splits)}")
    save_baseline(out, tagger, classifier, info, taxonomy_reference(taxonomy, out))
    report: dict[str, object] = {
        "model": info.model_dump(),
        "splits": list(splits),
        "seed": seed,
        "articles": len(articles),
        "tagger_threshold": threshold,
        "cross_validated_si_f1": round(cv_f1, 4),
        "training_seconds": round(time.perf_counter() - began, 1),
    }
    (out / TRAINING_FILE).write_text(json.dumps(report, indent=2) + "\n")
    return report


def train(data: Path, out: Path, options: TrainingOptions) -> dict[str, object]:
    """`propalens train --model baseline`: the baseline has no epochs and no threads to set."""
    return train_baseline(
        data, out, splits=options.splits, seed=options.seed, taxonomy=options.taxonomy
    )
