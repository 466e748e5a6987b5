"""A fake detector with 23 made-up labels, to show that nothing downstream assumes PTC's 14.

It is a real `Detector` whose tagger and classifier need no model: the tagger marks the first
word of every sentence, and the classifier gives the n-th span of a call the n-th label,
cycling through the taxonomy, so an article of 23 sentences or more shows every label. The
same text always gets the same spans, labels and confidences.

It is also a detector kind (`KIND`, named "fake"): `fake_model_folder` registers it and writes
a model folder that names it, so `--model FOLDER` runs it through the real registry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from propalens.detect import Detector, TrainingOptions, registry
from propalens.detect.base import ScoredRange
from propalens.detect.manifest import MODEL_FILE, taxonomy_of, taxonomy_reference
from propalens.detect.registry import DetectorKind
from propalens.ranges import Range
from propalens.schema import ModelInfo
from propalens.taxonomy import Taxonomy, load_taxonomy

TAXONOMY_FILE = Path(__file__).parent / "data" / "taxonomy-23.toml"
TAXONOMY: Taxonomy = load_taxonomy(TAXONOMY_FILE)
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


def fake_detector(taxonomy: Taxonomy = TAXONOMY) -> Detector:
    return Detector(
        FirstWordTagger(),
        CyclingClassifier(taxonomy.labels),
        ModelInfo(name="fake-23", version="0"),
        taxonomy,
    )


def _load(folder: Path, threads: int | None) -> Detector:
    return fake_detector(taxonomy_of(folder))


def _train(data: Path, out: Path, options: TrainingOptions) -> dict[str, object]:
    """Nothing to learn: writes the model folder, naming the taxonomy it was given."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "kind": KIND.name,
        "name": "fake-23",
        "version": "0",
        "taxonomy": taxonomy_reference(options.taxonomy, out),
    }
    (out / MODEL_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


KIND = DetectorKind("fake", _load, _train)


def fake_model_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Register the fake kind (for this test) and write a model folder of it with the 23-label
    taxonomy file beside its model.json."""
    monkeypatch.setitem(registry._KINDS, KIND.name, __name__)
    _train(folder, folder, TrainingOptions(taxonomy=TAXONOMY_FILE))
    return folder


def article(sentences: int = len(TAXONOMY.labels)) -> str:
    """A plain article with a title and `sentences` short sentences, one label each."""
    body = " ".join(f"Sentence number {n} says something plain." for n in range(1, sentences + 1))
    return f"A test article\n\n{body}\n"


FRAGILE_MARKER = "ZALGO"
"""Text that `fragile_detector` fails on, as a bug would."""


class FragileTagger(FirstWordTagger):
    """A `FirstWordTagger` that raises, as a bug on odd input would, on `FRAGILE_MARKER`."""

    def tag(self, text: str, sentences: Sequence[Range]) -> list[ScoredRange]:
        if FRAGILE_MARKER in text:
            raise IndexError("tagger bug on odd input")
        return super().tag(text, sentences)


def fragile_detector() -> Detector:
    """The fake detector, failing on any article that holds `FRAGILE_MARKER`."""
    return Detector(
        FragileTagger(),
        CyclingClassifier(TAXONOMY.labels),
        ModelInfo(name="fake-23", version="0"),
        TAXONOMY,
    )
