"""Propaganda span detection: where techniques are used, and which.

Each detector kind lives in its own folder (`baseline/`, `minilm/`) and is registered by name in
`registry`; a model folder's `model.json` names its kind and its taxonomy.
"""

from __future__ import annotations

from pathlib import Path

from propalens.detect.base import DetectedSpan, Detector, SpanTagger, TechniqueClassifier
from propalens.detect.manifest import ModelError
from propalens.detect.registry import (
    TrainingOptions,
    kinds,
    load_detector,
    model_folder,
    shipped_models,
    train_detector,
)
from propalens.settings import Settings

__all__ = [
    "DetectedSpan",
    "Detector",
    "ModelError",
    "SpanTagger",
    "TechniqueClassifier",
    "TrainingOptions",
    "chosen_model",
    "kinds",
    "load_detector",
    "model_dir",
    "model_folder",
    "shipped_model_dir",
    "shipped_models",
    "train_detector",
]


# Still imported by modules other branches own (batch/, tests/conftest.py); the lead switches
# them to `load_detector(name_or_folder)` / `Settings().model` and deletes these after merging.
def shipped_model_dir(name: str) -> Path:
    return model_folder(name)


def model_dir(name_or_folder: str) -> Path:
    return model_folder(name_or_folder)


def chosen_model() -> str:
    return Settings().model
