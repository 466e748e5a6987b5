"""Propaganda span detection: where techniques are used, and which."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from propalens.detect.base import DetectedSpan, Detector, SpanTagger, TechniqueClassifier

__all__ = [
    "DetectedSpan",
    "Detector",
    "SpanTagger",
    "TechniqueClassifier",
    "chosen_model",
    "default_model_dir",
    "load_default_detector",
    "load_detector",
    "model_dir",
    "shipped_model_dir",
]

DEFAULT_MODEL = "minilm"


def shipped_model_dir(name: str) -> Path:
    """A shipped model's folder inside the installed package ("minilm" or "baseline")."""
    return Path(str(resources.files("propalens") / "resources" / "models" / name))


def model_dir(name_or_folder: str) -> Path:
    """A shipped model's folder by name ("minilm", "baseline"), or the folder given as a path."""
    return Path(name_or_folder) if os.sep in name_or_folder else shipped_model_dir(name_or_folder)


def chosen_model() -> str:
    """$PROPALENS_MODEL (a shipped model's name or a model folder), else the shipped MiniLM."""
    return os.environ.get("PROPALENS_MODEL", DEFAULT_MODEL)


def default_model_dir() -> Path:
    return model_dir(chosen_model())


def load_detector(directory: Path, threads: int | None = None) -> Detector:
    """Load a trained model folder of either kind (the transformer one has encoder layers).

    `threads` caps the encoder's CPU threads (default: $PROPALENS_THREADS, else all cores).
    """
    from propalens.detect.transformer_io import LAYERS_FILE

    if (directory / LAYERS_FILE).exists():
        from propalens.detect.transformer_io import load_transformer

        return load_transformer(directory, threads)
    from propalens.detect.baseline import load_baseline

    return load_baseline(directory)


def load_default_detector() -> Detector:
    return load_detector(default_model_dir())
