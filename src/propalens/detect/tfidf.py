"""The TF-IDF technique classifier: multinomial logistic regression over a span's hashed words,
character n-grams and context, plus the dense span cues.

The baseline labels spans with it alone; the MiniLM detector mixes its probabilities with its
own classifier's.  It is stored as plain weight arrays (`.npz`) and applied with NumPy, so
loading needs no pickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression

from propalens.detect.cues import sentence_index_of, span_cues
from propalens.detect.features import (
    SparseMatrix,
    hash_features,
    inverse_document_frequency,
    tfidf,
    with_dense,
)
from propalens.detect.manifest import ModelError
from propalens.detect.probability import softmax
from propalens.ranges import Range
from propalens.segment import tokenize

CLASSIFIER_FEATURES = 2**17
# Spans whose hashed features are held at once: a long input's spans are classified in batches
# (each row's probabilities depend on its span alone), so memory does not grow with their number.
_BATCH = 1024


def _span_features(
    text: str, span: Range, sentences: Sequence[Range], sentence_starts: Sequence[int]
) -> tuple[list[str], list[float]]:
    """Hashed words, bigrams, character n-grams and context words, plus dense cues."""
    lowered = text[span[0] : span[1]].lower()
    words = [lowered[start:end] for start, end in tokenize(lowered)]
    sentence_index = sentence_index_of(span, sentence_starts)
    sentence = sentences[sentence_index] if sentences else span
    context = text[sentence[0] : sentence[1]].lower()
    hashed = [f"w={word}" for word in words]
    hashed += [f"b={left}|{right}" for left, right in pairwise(words)]
    hashed += [f"first={words[0]}", f"last={words[-1]}"] if words else []
    padded = f" {lowered} "
    hashed += [f"c={padded[i : i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    hashed += [f"x={word}" for start, end in tokenize(context) for word in [context[start:end]]]
    return hashed, span_cues(text, span, sentence_index, words)


def span_matrix(
    text: str, spans: Sequence[Range], sentences: Sequence[Range]
) -> tuple[SparseMatrix, NDArray[np.float64]]:
    """Raw hashed counts and dense cues for each span, before TF-IDF weighting."""
    starts = [start for start, _ in sentences]
    rows = [_span_features(text, span, sentences, starts) for span in spans]
    counts = hash_features([hashed for hashed, _ in rows], CLASSIFIER_FEATURES)
    return counts, np.array([dense for _, dense in rows], dtype=np.float64).reshape(len(rows), -1)


class TfidfClassifier:
    """Multinomial logistic regression over a span's TF-IDF features and a few dense cues.

    `labels` are the techniques it saw in training, in scikit-learn's (sorted) order;
    `predict_proba_in` gives its probabilities in a taxonomy's order.
    """

    def __init__(
        self,
        labels: Sequence[str],
        coef: NDArray[np.float32],
        intercept: NDArray[np.float32],
        idf: NDArray[np.float32],
    ) -> None:
        self.labels = tuple(labels)
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float64)
        self.idf = idf.astype(np.float32)

    @classmethod
    def fit(
        cls,
        counts: SparseMatrix,
        dense: NDArray[np.float64],
        techniques: Sequence[str],
        c: float,
        seed: int,
    ) -> TfidfClassifier:
        idf = inverse_document_frequency(counts)
        model = LogisticRegression(C=c, max_iter=1000, random_state=seed)
        model.fit(with_dense(tfidf(counts, idf), dense), list(techniques))
        return cls([str(label) for label in model.classes_], model.coef_, model.intercept_, idf)

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        batches = [spans[first : first + _BATCH] for first in range(0, len(spans), _BATCH)]
        return np.vstack(
            [self.proba_from_features(*span_matrix(text, batch, sentences)) for batch in batches]
            or [np.zeros((0, len(self.labels)))]
        )

    def predict_proba_in(
        self,
        labels: Sequence[str],
        text: str,
        spans: Sequence[Range],
        sentences: Sequence[Range],
    ) -> NDArray[np.float64]:
        """The probabilities in `labels` order (0 for labels it never saw)."""
        own = self.predict_proba(text, spans, sentences)
        aligned = np.zeros((len(spans), len(labels)))
        for column, label in enumerate(labels):
            if label in self.labels:
                aligned[:, column] = own[:, self.labels.index(label)]
        return aligned

    def proba_from_features(
        self, counts: SparseMatrix, dense: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        features = with_dense(tfidf(counts, self.idf), dense)
        return softmax(np.asarray(features @ self.coef.T, dtype=np.float64) + self.intercept)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            idf=self.idf.astype(np.float16),
        )

    @classmethod
    def load(cls, path: Path) -> TfidfClassifier:
        with np.load(path) as arrays:
            return cls(
                [str(label) for label in arrays["labels"]],
                arrays["coef"],
                arrays["intercept"],
                arrays["idf"],
            )


class TfidfTechniques:
    """The TF-IDF classifier as a model's `TechniqueClassifier`: columns in taxonomy order."""

    def __init__(self, classifier: TfidfClassifier, labels: Sequence[str]) -> None:
        unknown = sorted(set(classifier.labels) - set(labels))
        if unknown:
            raise ModelError(f"the classifier knows labels outside the taxonomy: {unknown}")
        self.classifier = classifier
        self.labels = tuple(labels)

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        return self.classifier.predict_proba_in(self.labels, text, spans, sentences)
