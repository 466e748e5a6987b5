"""The small surfaces every detector model implements, and the `Detector` that composes them.

A better model replaces a weaker one by implementing `SpanTagger` and `TechniqueClassifier`;
nothing outside `propalens.detect` changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from propalens.schema import ModelInfo

Range = tuple[int, int]


@dataclass(frozen=True)
class ScoredRange:
    start: int
    end: int
    probability: float


@dataclass(frozen=True)
class DetectedSpan:
    """A fragment of the text that uses `technique`, with the probability that it does."""

    start: int
    end: int
    technique: str
    confidence: float


class SpanTagger(Protocol):
    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        """Fragments inside `sentences` that use some technique, each with its probability."""
        ...


class TechniqueClassifier(Protocol):
    labels: tuple[str, ...]

    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        """One row per span: the probability of each technique in `labels`."""
        ...


class Detector:
    """Finds technique spans: the tagger says where, the classifier says which technique."""

    def __init__(
        self, tagger: SpanTagger, classifier: TechniqueClassifier, info: ModelInfo
    ) -> None:
        self.tagger = tagger
        self.classifier = classifier
        self.info = info

    def detect(self, text: str, sentences: Sequence[Range]) -> list[DetectedSpan]:
        """Spans with their most probable technique; confidence = P(span) x P(technique | span)."""
        fragments = self.tagger.tag(text, sentences)
        if not fragments:
            return []
        probabilities = self.classifier.predict_proba(
            text, [(f.start, f.end) for f in fragments], sentences
        )
        detected = []
        for fragment, row in zip(fragments, probabilities, strict=True):
            best = int(np.argmax(row))
            detected.append(
                DetectedSpan(
                    fragment.start,
                    fragment.end,
                    self.classifier.labels[best],
                    float(fragment.probability * row[best]),
                )
            )
        return detected

    def label(self, text: str, spans: Sequence[Range], sentences: Sequence[Range]) -> list[str]:
        """The most probable technique of each given span (SemEval's TC setting)."""
        if not spans:
            return []
        probabilities = self.classifier.predict_proba(text, spans, sentences)
        return [self.classifier.labels[int(np.argmax(row))] for row in probabilities]
