"""The small surfaces every detector kind implements, and the `Detector` that composes them.

A better model replaces a weaker one by implementing `SpanTagger` and `TechniqueClassifier` in a
kind folder (`detect/<kind>/`) registered in `propalens.detect.registry`; nothing outside
`propalens.detect` changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from propalens.ranges import Range
from propalens.schema import ModelInfo
from propalens.taxonomy import Taxonomy


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
    def predict_proba(
        self, text: str, spans: Sequence[Range], sentences: Sequence[Range]
    ) -> NDArray[np.float64]:
        """One row per span: the probability of each label of the model's taxonomy, in its
        order."""
        ...


class Detector:
    """Finds technique spans: the tagger says where, the classifier says which technique.

    The labels are the model's taxonomy (named in its model.json), in the classifier's column
    order.
    """

    def __init__(
        self,
        tagger: SpanTagger,
        classifier: TechniqueClassifier,
        info: ModelInfo,
        taxonomy: Taxonomy,
        calibration: Callable[[float], float] | None = None,
    ) -> None:
        self.tagger = tagger
        self.classifier = classifier
        self.info = info
        self.taxonomy = taxonomy
        self.calibration = calibration

    @property
    def labels(self) -> tuple[str, ...]:
        return self.taxonomy.labels

    def detect(self, text: str, sentences: Sequence[Range]) -> list[DetectedSpan]:
        """Spans with their most probable technique.

        The confidence is P(span) x P(technique | span), mapped through the model's calibration
        when it has one, so that it reads as the probability that the span uses the technique.
        """
        fragments = self.tagger.tag(text, sentences)
        if not fragments:
            return []
        probabilities = self.classifier.predict_proba(
            text, [(f.start, f.end) for f in fragments], sentences
        )
        detected = []
        for fragment, row in zip(fragments, probabilities, strict=True):
            best = int(np.argmax(row))
            confidence = float(fragment.probability * row[best])
            if self.calibration is not None:
                confidence = self.calibration(confidence)
            detected.append(
                DetectedSpan(fragment.start, fragment.end, self.labels[best], confidence)
            )
        return detected

    def label(self, text: str, spans: Sequence[Range], sentences: Sequence[Range]) -> list[str]:
        """A technique for each given span (SemEval's TC setting).

        A span listed k times carries k techniques, so its copies get its k most probable
        techniques, in order, rather than the same one k times.
        """
        if not spans:
            return []
        probabilities = self.classifier.predict_proba(text, spans, sentences)
        copies: defaultdict[Range, list[int]] = defaultdict(list)
        for index, span in enumerate(spans):
            copies[span].append(index)
        labels = [""] * len(spans)
        for indices in copies.values():
            ranking = np.argsort(-probabilities[indices[0]], kind="stable")
            for rank, index in enumerate(indices):
                labels[index] = self.labels[int(ranking[rank % len(ranking)])]
        return labels
