"""Propaganda span detection: where techniques are used, and which.

Each detector kind lives in its own folder (`baseline/`, `minilm/`) and is registered by name in
`registry`; a model folder's `model.json` names its kind and its taxonomy.
"""

from __future__ import annotations

from propalens.detect.base import DetectedSpan, Detector, SpanTagger, TechniqueClassifier
from propalens.detect.manifest import ModelError
from propalens.detect.registry import (
    TrainingOptions,
    kinds,
    load_detector,
    model_folder,
    model_kind,
    model_taxonomy,
    shipped_models,
    train_detector,
)

__all__ = [
    "DetectedSpan",
    "Detector",
    "ModelError",
    "SpanTagger",
    "TechniqueClassifier",
    "TrainingOptions",
    "kinds",
    "load_detector",
    "model_folder",
    "model_kind",
    "model_taxonomy",
    "shipped_models",
    "train_detector",
]
