"""The baseline's span tagger: token-level logistic regression over hashed features.

Like the TF-IDF classifier it pairs with (`propalens.detect.tfidf`), it is a linear model stored
as a plain weight array (`.npz`) and applied with NumPy, so loading needs no pickle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression

from propalens.detect.base import ScoredRange
from propalens.detect.cues import QUOTE_MARKS
from propalens.detect.features import hash_features
from propalens.ranges import Range
from propalens.segment import tokenize

TAGGER_FEATURES = 2**18


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
        if word in QUOTE_MARKS:
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
