"""A baseline model folder: `tagger.npz`, `classifier.npz` (TF-IDF) and `model.json`."""

from __future__ import annotations

import json
from pathlib import Path

from propalens.detect.base import Detector
from propalens.detect.baseline.tagger import BaselineTagger
from propalens.detect.manifest import MODEL_FILE, read_manifest, taxonomy_of
from propalens.detect.tfidf import TfidfClassifier, TfidfTechniques
from propalens.schema import ModelInfo

NAME = "baseline"


def save_baseline(
    directory: Path,
    tagger: BaselineTagger,
    classifier: TfidfClassifier,
    info: ModelInfo,
    taxonomy: str,
) -> None:
    """Write the model folder; `taxonomy` is the reference model.json keeps (a shipped name or
    a file in `directory`)."""
    directory.mkdir(parents=True, exist_ok=True)
    tagger.save(directory / "tagger.npz")
    classifier.save(directory / "classifier.npz")
    manifest = {"kind": NAME, **info.model_dump(), "taxonomy": taxonomy}
    (directory / MODEL_FILE).write_text(json.dumps(manifest, indent=2) + "\n")


def load_baseline(directory: Path, threads: int | None = None) -> Detector:
    """The baseline detector in `directory` (`threads` is unused: it runs no encoder)."""
    manifest = read_manifest(directory)
    taxonomy = taxonomy_of(directory)
    classifier = TfidfClassifier.load(directory / "classifier.npz")
    return Detector(
        BaselineTagger.load(directory / "tagger.npz"),
        TfidfTechniques(classifier, taxonomy.labels),
        ModelInfo(name=manifest["name"], version=manifest["version"]),
        taxonomy,
    )
