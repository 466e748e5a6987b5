"""A fake detector with 23 made-up labels, to show that nothing downstream assumes PTC's 14.

It is a real `Detector` whose tagger and classifier need no model: the tagger marks the first
word of every sentence, and the classifier gives the n-th span of a call the n-th label,
cycling through the taxonomy, so an article of 23 sentences or more shows every label. The
same text always gets the same spans, labels and confidences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from propalens.detect import Detector
from propalens.detect.base import ScoredRange
from propalens.ranges import Range
from propalens.schema import ModelInfo
from propalens.taxonomy import Taxonomy, load_taxonomy

TAXONOMY: Taxonomy = load_taxonomy(Path(__file__).parent / "data" / "taxonomy-23.toml")
SPAN_PROBABILITY = 0.8
_WORD = re.compile(r"\w+")


class FirstWordTagger:
    """Marks the first word of each sentence."""

    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        found = (_WORD.search(text, start, end) for start, end in sentences)
        return [ScoredRange(m.start(), m.end(), SPAN_PROBABILITY) for m in found if m]


class CyclingClassifier:
    """Certain of one label per span: the span's position in the call, modulo the labels."""

    def __init__(self, labels: tuple[str, ...]) -> None:
        self.labels = labels

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        probabilities = np.zeros((len(spans), len(self.labels)))
        probabilities[np.arange(len(spans)), np.arange(len(spans)) % len(self.labels)] = 1.0
        return probabilities


def fake_detector() -> Detector:
    return Detector(
        FirstWordTagger(),
        CyclingClassifier(TAXONOMY.labels),
        ModelInfo(name="fake-23", version="0"),
    )


def article(sentences: int = len(TAXONOMY.labels)) -> str:
    """A plain article with a title and `sentences` short sentences, one label each."""
    body = " ".join(f"Sentence number {n} says something plain." for n in range(1, sentences + 1))
    return f"A test article\n\n{body}\n"
