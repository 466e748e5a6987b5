"""A taxonomy of techniques as data: names, short definitions, display colours, order.

A model names its taxonomy in its `model.json`, and every front end (the PTC reader, the
metrics, exports, the report, the pages) takes its labels from there, never from a constant.
PTC's 14 techniques (SemEval-2020 Task 11) ship as `ptc`; a user's own label set is a TOML file
of the same shape:

    name = "my-labels"
    title = "What the labels are for"
    [[techniques]]
    name = "Loaded_Language"
    definition = "Words with strong emotional implications."
    colour = "#e69f00"        # optional: a palette colour is generated when it is missing

or a JSON file (`.json`), the form annotation tools and scripts write most easily:

    {"name": "my-labels", "title": "What the labels are for",
     "labels": [{"name": "Loaded_Language", "definition": "...", "color": "#e69f00"}]}

The order of the techniques (labels) is the display order and the column order of exports.
"""

from __future__ import annotations

import colorsys
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

UNKNOWN_COLOUR: Final = "#9c9c9c"
"""Grey, for a label outside the taxonomy (an analysis made by another model)."""

TEMPLATE_LABEL: Final = "?"
"""What a SemEval TC template writes in place of a technique; never a technique's name."""

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_GOLDEN_RATIO_CONJUGATE = 0.618033988749895


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class _FileForm:
    """How one file format spells a taxonomy: the key of its list of labels and of a colour."""

    syntax: str
    entries: str
    colour: str
    entry: str  # what errors call an entry of the list
    entry_kind: str  # and what each entry must be


_TOML: Final = _FileForm("TOML", "techniques", "colour", "[[techniques]] entry", "table")
_JSON: Final = _FileForm("JSON", "labels", "color", '"labels" entry', "JSON object")


@dataclass(frozen=True)
class Technique:
    name: str
    definition: str
    colour: str


@dataclass(frozen=True)
class Taxonomy:
    name: str
    title: str
    techniques: tuple[Technique, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(technique.name for technique in self.techniques)

    def __contains__(self, label: object) -> bool:
        return any(technique.name == label for technique in self.techniques)

    def slot(self, label: str) -> int:
        """The label's position, which is its colour's slot in `palette`; a label outside the
        taxonomy gets the last slot (grey)."""
        return next(
            (index for index, t in enumerate(self.techniques) if t.name == label),
            len(self.techniques),
        )

    @property
    def palette(self) -> tuple[str, ...]:
        """The colours in display order, then the grey of labels outside the taxonomy."""
        return (*(technique.colour for technique in self.techniques), UNKNOWN_COLOUR)

    def colour(self, label: str) -> str:
        return self.palette[self.slot(label)]

    def definition(self, label: str) -> str:
        """The label's definition; empty for a label outside the taxonomy."""
        return next((t.definition for t in self.techniques if t.name == label), "")

    def covering(self, labels: Iterable[str]) -> Taxonomy:
        """This taxonomy, plus each of `labels` it lacks (sorted, with generated colours).

        A store may hold analyses from several models; views over it use this so that no
        stored label is dropped or shares another's colour.
        """
        missing = sorted(set(labels) - set(self.labels))
        if not missing:
            return self
        start = len(self.techniques)
        extra = (
            Technique(label, "", generated_colour(start + offset))
            for offset, label in enumerate(missing)
        )
        return Taxonomy(self.name, self.title, (*self.techniques, *extra))


def generated_colour(index: int) -> str:
    """A colour for the `index`-th label when its taxonomy names none: hues a golden angle
    apart, so that neighbours in the order stay distinguishable however many labels there are."""
    hue = (index * _GOLDEN_RATIO_CONJUGATE) % 1.0
    red, green, blue = colorsys.hls_to_rgb(hue, 0.55, 0.65)
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in (red, green, blue)))


def shipped_taxonomies() -> tuple[str, ...]:
    """Names of the taxonomies inside the package (`load_taxonomy` accepts each)."""
    folder = resources.files("propalens") / "resources" / "taxonomies"
    return tuple(
        sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir()
               if entry.name.endswith(".toml"))
    )  # fmt: skip


def load_taxonomy(name_or_file: str | Path, *, base: Path | None = None) -> Taxonomy:
    """A taxonomy by shipped name (`ptc`) or as a TOML or JSON file (by its suffix); a relative
    file name is looked up in `base` first (a model folder that carries its own taxonomy)."""
    if base is not None and (base / name_or_file).is_file():
        return _load_file(base / name_or_file)
    if isinstance(name_or_file, str) and name_or_file in shipped_taxonomies():
        return _load_shipped(name_or_file)
    path = Path(name_or_file)
    if path.is_file():
        return _load_file(path)
    raise TaxonomyError(
        f"no taxonomy {str(name_or_file)!r}: give a TOML or JSON file or one of "
        f"{', '.join(shipped_taxonomies())}"
    )


@cache
def _load_shipped(name: str) -> Taxonomy:
    resource = resources.files("propalens") / "resources" / "taxonomies" / f"{name}.toml"
    return parse_taxonomy(resource.read_text(encoding="utf-8"), source=f"{name}.toml")


def _load_file(path: Path) -> Taxonomy:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"{path}: cannot read the taxonomy ({error})") from error
    return parse_taxonomy(text, source=str(path))


def parse_taxonomy(text: str, *, source: str) -> Taxonomy:
    """Read a taxonomy from TOML text, or from JSON text when `source` (which names it in
    errors) ends in `.json`."""
    form = _JSON if source.lower().endswith(".json") else _TOML
    try:
        data = json.loads(text) if form is _JSON else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise TaxonomyError(f"{source}: not valid {form.syntax} ({error})") from error
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: needs an object with a name and {form.entries}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f"{source}: needs a name")
    entries = data.get(form.entries)
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{source}: needs at least one {form.entry}")
    techniques = tuple(
        _technique(entry, index, source, form) for index, entry in enumerate(entries)
    )
    names = [technique.name for technique in techniques]
    repeated = sorted({label for label in names if names.count(label) > 1})
    if repeated:
        raise TaxonomyError(f"{source}: techniques named more than once: {', '.join(repeated)}")
    title = data.get("title", name)
    return Taxonomy(name=name, title=str(title), techniques=techniques)


def _technique(entry: Any, index: int, source: str, form: _FileForm) -> Technique:
    where = f"{source}: technique {index + 1}"
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where} is not a {form.entry_kind}")
    label = entry.get("name")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{where} needs a name")
    # Labels are written into tab-separated SemEval files, where "?" marks a template line.
    if label != label.strip() or any(c in label for c in "\t\n\r") or label == TEMPLATE_LABEL:
        raise TaxonomyError(f"{where}: {label!r} cannot be a label (spaces at its ends, a tab, "
                            f"a line break or {TEMPLATE_LABEL!r})")  # fmt: skip
    colour = entry.get(form.colour, generated_colour(index))
    if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
        raise TaxonomyError(
            f"{where} ({label}): {form.colour} must look like #rrggbb, not {colour!r}"
        )
    definition = entry.get("definition", "")
    if not isinstance(definition, str):
        raise TaxonomyError(f"{where} ({label}): definition must be text")
    return Technique(name=label, definition=definition, colour=colour.lower())
