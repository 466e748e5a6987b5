"""Propaganda span detection: where techniques are used, and which."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from propalens.detect.base import DetectedSpan, Detector, SpanTagger, TechniqueClassifier

__all__ = [
    "DetectedSpan",
    "Detector",
    "SpanTagger",
    "TechniqueClassifier",
    "default_model_dir",
    "load_default_detector",
]


def default_model_dir() -> Path:
    """The shipped model's folder inside the installed package."""
    return Path(str(resources.files("propalens") / "resources" / "models" / "baseline"))


def load_default_detector() -> Detector:
    from propalens.detect.baseline import load_baseline

    return load_baseline(default_model_dir())
