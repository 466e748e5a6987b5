"""`model.json`: what every model folder says about itself, whatever its kind.

Each kind writes its own settings there too, but every model.json names its `kind` (which
registered detector kind reads the folder), its `name` and `version`, and its `taxonomy` (a
shipped taxonomy's name, or a TOML file inside the folder).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from propalens.taxonomy import Taxonomy, load_taxonomy, shipped_taxonomies

MODEL_FILE = "model.json"
TRAINING_FILE = "training.json"
"""What `propalens train` reports beside model.json: the splits it read, its seed, its timings."""


class ModelError(ValueError):
    """A model name or folder that cannot be loaded, with what exists instead."""


def read_manifest(directory: Path) -> dict[str, Any]:
    """The folder's model.json, which must name a kind."""
    path = directory / MODEL_FILE
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ModelError(f"{directory} is not a model folder: it has no {MODEL_FILE}") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{path}: cannot read it ({error})") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("kind"), str):
        raise ModelError(f'{path} names no detector kind ("kind")')
    return manifest


def training_splits(directory: Path) -> tuple[str, ...]:
    """The PTC splits the folder's model was trained on, as its training.json records them;
    none when it has no such record (a model trained elsewhere)."""
    try:
        report = json.loads((directory / TRAINING_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return ()
    splits = report.get("splits") if isinstance(report, dict) else None
    return tuple(str(split) for split in splits) if isinstance(splits, list) else ()


def taxonomy_of(directory: Path) -> Taxonomy:
    """The taxonomy that the model folder's model.json names, read without loading the model."""
    manifest = read_manifest(directory)
    reference = manifest.get("taxonomy")
    if not isinstance(reference, str):
        raise ModelError(f'{directory / MODEL_FILE} names no taxonomy ("taxonomy")')
    return load_taxonomy(reference, base=directory)


def taxonomy_reference(taxonomy: str | Path, out: Path) -> str:
    """What a trained model's model.json names as its taxonomy: a shipped taxonomy by name; a
    taxonomy file is copied into the model folder `out`, so that the folder stands alone."""
    if isinstance(taxonomy, str) and taxonomy in shipped_taxonomies():
        return taxonomy
    source = Path(taxonomy)
    out.mkdir(parents=True, exist_ok=True)
    if source.resolve() != (out / source.name).resolve():
        shutil.copyfile(source, out / source.name)
    return source.name
