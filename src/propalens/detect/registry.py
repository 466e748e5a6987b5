"""Detector kinds by name, and models by name or folder.

A kind is a folder `detect/<kind>/` whose package defines `KIND`: how to load a model folder of
that kind and how to train one.  A model folder's `model.json` names its kind; nothing is
guessed from which files a folder holds.  A kind's package is imported only when a model of
that kind is loaded or trained, so importing propalens stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module, resources
from pathlib import Path

from propalens.detect.base import Detector
from propalens.detect.manifest import MODEL_FILE, ModelError, read_manifest, taxonomy_of
from propalens.settings import Settings
from propalens.taxonomy import Taxonomy

# Kind name -> the package that implements it (its `KIND`).
_KINDS = {
    "baseline": "propalens.detect.baseline",
    "minilm": "propalens.detect.minilm",
}


@dataclass(frozen=True)
class TrainingOptions:
    """What `propalens train` asks of any kind; a kind ignores what it has no use for."""

    splits: tuple[str, ...] = ("train",)
    seed: int = 0
    taxonomy: str | Path = "ptc"  # a shipped taxonomy's name or a TOML or JSON file
    epochs: int | None = None  # passes over the data, for kinds trained by gradient descent
    threads: int | None = None  # CPU threads (default: the framework's choice)
    log: Callable[[str], None] = print


@dataclass(frozen=True)
class DetectorKind:
    name: str
    load: Callable[[Path, int | None], Detector]
    train: Callable[[Path, Path, TrainingOptions], dict[str, object]]


def kinds() -> tuple[str, ...]:
    """The registered detector kinds."""
    return tuple(sorted(_KINDS))


def detector_kind(name: str) -> DetectorKind:
    if name not in _KINDS:
        raise ModelError(f"no detector kind {name!r}; the kinds are {', '.join(kinds())}")
    kind: DetectorKind = import_module(_KINDS[name]).KIND
    return kind


def kind_of(directory: Path) -> DetectorKind:
    """The kind that the model folder's model.json names."""
    name = read_manifest(directory)["kind"]
    try:
        return detector_kind(name)
    except ModelError as error:
        raise ModelError(f"{directory / MODEL_FILE}: {error}") from error


def shipped_models() -> tuple[str, ...]:
    """Names of the models inside the package."""
    folder = resources.files("propalens") / "resources" / "models"
    return tuple(sorted(entry.name for entry in folder.iterdir() if entry.is_dir()))


MODEL_ALIASES = {"fast": "minilm"}
"""Other names of shipped models: the speed a user picks by (`--model fast`, and spaCy's
`config={"model": "fast"}`)."""

_NOT_YET_SHIPPED = {"accurate": "a larger encoder, more accurate and slower than minilm"}
"""Model names the documentation promises but no release ships yet, and what each will be."""


def model_folder(model: str | Path | None = None) -> Path:
    """A shipped model's folder by name (or alias), or the model folder given; None:
    `Settings().model`."""
    if model is None:
        model = Settings().model
    if isinstance(model, str):
        model = MODEL_ALIASES.get(model, model)
        if model in _NOT_YET_SHIPPED and not Path(model).is_dir():
            raise ModelError(
                f"the {model!r} model ({_NOT_YET_SHIPPED[model]}) is not available yet; "
                f"use baseline, fast (minilm) or a model folder"
            )
    if isinstance(model, str) and model in shipped_models():
        return Path(str(resources.files("propalens") / "resources" / "models" / model))
    folder = Path(model)
    if not (folder / MODEL_FILE).is_file():
        raise ModelError(
            f"no model {str(model)!r}: give a model folder (with {MODEL_FILE}) or one of "
            f"{', '.join(shipped_models())}"
        )
    return folder


def load_detector(model: str | Path | None = None, threads: int | None = None) -> Detector:
    """Load a model by shipped name or folder (None: `Settings().model`) with its kind's loader.

    `threads` caps the CPU threads of kinds that run an encoder (default: `Settings().threads`,
    else all cores).
    """
    folder = model_folder(model)
    return kind_of(folder).load(folder, threads if threads is not None else Settings().threads)


def model_kind(model: str | Path | None = None) -> DetectorKind:
    """The kind of a model (shipped name or folder; None: `Settings().model`), read from its
    model.json without loading the model: a name, folder or kind that does not exist raises
    `ModelError` naming what does."""
    return kind_of(model_folder(model))


def model_taxonomy(model: str | Path | None = None) -> Taxonomy:
    """The taxonomy of a model (shipped name or folder; None: `Settings().model`), read from its
    model.json without loading the model: what exports and reports label their columns with."""
    return taxonomy_of(model_folder(model))


def train_detector(
    model: str | Path | None, data: Path, out: Path, options: TrainingOptions
) -> dict[str, object]:
    """Train a model of the kind that `model` is (a shipped name or a folder; None:
    `Settings().model`) on the PTC folder `data`, into `out`; the training report, also
    written to `out/training.json`."""
    return model_kind(model).train(data, out, options)
