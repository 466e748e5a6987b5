"""The baseline detector: token-level logistic regression for spans, TF-IDF + logistic
regression for techniques.

It exists so that the whole pipeline runs end to end with an honest, cheap model and gives the
transformer detector a floor to beat.  Both parts are linear models over hashed features, stored
as plain weight arrays (`.npz`) and applied with NumPy, so loading needs no pickle.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression

from propalens.detect.base import Detector, Range, ScoredRange
from propalens.detect.features import (
    SparseMatrix,
    hash_features,
    inverse_document_frequency,
    tfidf,
    with_dense,
)
from propalens.schema import ModelInfo
from propalens.segment import tokenize

TAGGER_FEATURES = 2**18
CLASSIFIER_FEATURES = 2**17
_QUOTE_MARKS = '"“”‘’«»'


def _shape(token: str) -> str:
    shape = re.sub(r"[A-Z]+", "A", token)
    shape = re.sub(r"[a-z]+", "a", shape)
    return re.sub(r"[0-9]+", "0", shape)


def _token_features(
    text: str, sentence: Range, tokens: Sequence[Range], in_title: bool
) -> list[list[str]]:
    """Features of each token of one sentence: the word, its neighbours, its sentence."""
    words = [text[start:end] for start, end in tokens]
    lowered = [word.lower() for word in words]
    sentence_text = text[sentence[0] : sentence[1]]
    sentence_level = [
        f"sentence_len={min(len(words) // 5, 10)}",
        f"title={in_title}",
        f"exclamation={'!' in sentence_text}",
        f"question={'?' in sentence_text}",
    ] + [f"sentence_word={word}" for word in set(lowered)]
    padded = ["<s>", "<s>", *lowered, "</s>", "</s>"]
    quote_depth = 0
    rows = []
    for index, word in enumerate(words):
        lower = lowered[index]
        if word in _QUOTE_MARKS:
            quote_depth ^= 1
        here = index + 2
        rows.append(
            [
                f"w={lower}",
                f"suffix={lower[-3:]}",
                f"prefix={lower[:3]}",
                f"shape={_shape(word)}",
                f"w-1={padded[here - 1]}",
                f"w+1={padded[here + 1]}",
                f"w-2={padded[here - 2]}",
                f"w+2={padded[here + 2]}",
                f"w-1|w={padded[here - 1]}|{lower}",
                f"w|w+1={lower}|{padded[here + 1]}",
                f"position={min(10 * index // max(len(words), 1), 9)}",
                f"in_quote={quote_depth}",
                *sentence_level,
            ]
        )
    return rows


@dataclass(frozen=True)
class TokenTable:
    """The tokens of a set of sentences, with their features and their sentence index."""

    tokens: list[Range]
    sentence_of: list[int]
    features: list[list[str]]


def token_table(text: str, sentences: Sequence[Range]) -> TokenTable:
    tokens: list[Range] = []
    sentence_of: list[int] = []
    features: list[list[str]] = []
    for index, sentence in enumerate(sentences):
        sentence_tokens = tokenize(text, *sentence)
        tokens.extend(sentence_tokens)
        sentence_of.extend([index] * len(sentence_tokens))
        features.extend(_token_features(text, sentence, sentence_tokens, in_title=index == 0))
    return TokenTable(tokens, sentence_of, features)


def _sigmoid(values: NDArray[np.float64]) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-values))


class BaselineTagger:
    """Marks each token as inside or outside a technique span; runs of marked tokens are spans."""

    def __init__(self, coef: NDArray[np.float32], intercept: float, threshold: float) -> None:
        self.coef = coef.astype(np.float32)
        self.intercept = intercept
        self.threshold = threshold

    @classmethod
    def fit(
        cls, tables: Sequence[TokenTable], labels: Sequence[NDArray[np.int8]], c: float, seed: int
    ) -> BaselineTagger:
        features = hash_features(
            (row for table in tables for row in table.features), TAGGER_FEATURES
        )
        model = LogisticRegression(C=c, max_iter=300, random_state=seed)
        model.fit(features, np.concatenate(labels))
        return cls(model.coef_[0].astype(np.float32), float(model.intercept_[0]), 0.5)

    def token_probabilities(self, table: TokenTable) -> NDArray[np.float64]:
        if not table.tokens:
            return np.zeros(0)
        features = hash_features(table.features, TAGGER_FEATURES)
        return _sigmoid(np.asarray(features @ self.coef, dtype=np.float64) + self.intercept)

    @staticmethod
    def spans_from_probabilities(
        table: TokenTable, probabilities: NDArray[np.float64], threshold: float
    ) -> list[ScoredRange]:
        """Maximal runs of tokens above `threshold` within one sentence."""
        spans: list[ScoredRange] = []
        run: list[int] = []
        for index, probability in enumerate(probabilities):
            continues = bool(run) and table.sentence_of[run[-1]] == table.sentence_of[index]
            if probability >= threshold and (continues or not run):
                run.append(index)
                continue
            if run:
                spans.append(BaselineTagger._span(table, probabilities, run))
            run = [index] if probability >= threshold else []
        if run:
            spans.append(BaselineTagger._span(table, probabilities, run))
        return spans

    @staticmethod
    def _span(table: TokenTable, probabilities: NDArray[np.float64], run: list[int]) -> ScoredRange:
        return ScoredRange(
            table.tokens[run[0]][0],
            table.tokens[run[-1]][1],
            float(np.mean(probabilities[run])),
        )

    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        table = token_table(text, sentences)
        return self.spans_from_probabilities(table, self.token_probabilities(table), self.threshold)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=np.float64(self.intercept),
            threshold=np.float64(self.threshold),
        )

    @classmethod
    def load(cls, path: Path) -> BaselineTagger:
        with np.load(path) as arrays:
            return cls(arrays["coef"], float(arrays["intercept"]), float(arrays["threshold"]))


def span_cues(
    text: str, span: Range, sentence_index: int, words: Sequence[str] | None = None
) -> list[float]:
    """Dense cues that TF-IDF misses: length, repetition in the article, quotes, punctuation.

    Repetition is counted twice over: how often the span's text occurs in the article, and how
    often before it.  In PTC train, 63 % of the later occurrences of a repeated span are labelled
    Repetition against 16 % of the first ones.
    """
    fragment = text[span[0] : span[1]]
    lowered = fragment.lower()
    if words is None:
        words = [lowered[start:end] for start, end in tokenize(lowered)]
    repeats = text.lower().count(lowered) if lowered.strip() else 1
    earlier = text[: span[0]].lower().count(lowered) if lowered.strip() else 0
    letters = [char for char in fragment if char.isalpha()]
    return [
        math.log1p(len(fragment)) / 5.0,
        math.log1p(len(words)) / 3.0,
        math.log1p(max(repeats - 1, 0)),
        float(any(mark in fragment for mark in _QUOTE_MARKS)),
        float("!" in fragment),
        float("?" in fragment),
        sum(char.isupper() for char in letters) / max(len(letters), 1),
        float(sentence_index == 0),
        float(len(words) == 1),
        math.log1p(earlier),
    ]


SPAN_CUES = 10


def sentence_index_of(span: Range, sentence_starts: Sequence[int]) -> int:
    return max(bisect.bisect_right(sentence_starts, span[0]) - 1, 0)


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


class BaselineClassifier:
    """Multinomial logistic regression over a span's TF-IDF features and a few dense cues."""

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
    ) -> BaselineClassifier:
        idf = inverse_document_frequency(counts)
        model = LogisticRegression(C=c, max_iter=1000, random_state=seed)
        model.fit(with_dense(tfidf(counts, idf), dense), list(techniques))
        return cls([str(label) for label in model.classes_], model.coef_, model.intercept_, idf)

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        counts, dense = span_matrix(text, spans, sentences)
        return self.proba_from_features(counts, dense)

    def proba_from_features(
        self, counts: SparseMatrix, dense: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        features = with_dense(tfidf(counts, self.idf), dense)
        logits = np.asarray(features @ self.coef.T, dtype=np.float64) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exponentials = np.exp(logits)
        return np.asarray(exponentials / exponentials.sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            idf=self.idf.astype(np.float16),
        )

    @classmethod
    def load(cls, path: Path) -> BaselineClassifier:
        with np.load(path) as arrays:
            return cls(
                [str(label) for label in arrays["labels"]],
                arrays["coef"],
                arrays["intercept"],
                arrays["idf"],
            )


def save_baseline(
    directory: Path, tagger: BaselineTagger, classifier: BaselineClassifier, info: ModelInfo
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    tagger.save(directory / "tagger.npz")
    classifier.save(directory / "classifier.npz")
    (directory / "model.json").write_text(json.dumps(info.model_dump(), indent=2) + "\n")


def load_baseline(directory: Path) -> Detector:
    info = ModelInfo.model_validate_json((directory / "model.json").read_text())
    return Detector(
        BaselineTagger.load(directory / "tagger.npz"),
        BaselineClassifier.load(directory / "classifier.npz"),
        info,
    )
