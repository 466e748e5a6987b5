"""A taxonomy is data: the PTC file ships, a user's TOML file loads, bad files say why."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from propalens.taxonomy import (
    UNKNOWN_COLOUR,
    TaxonomyError,
    load_taxonomy,
    parse_taxonomy,
    shipped_taxonomies,
)


def test_the_ptc_taxonomy_ships_its_14_labels_in_the_corpus_order() -> None:
    ptc = load_taxonomy("ptc")
    assert "ptc" in shipped_taxonomies()
    assert len(ptc.labels) == 14
    assert ptc.labels[0] == "Loaded_Language"
    assert ptc.labels[-1] == "Bandwagon,Reductio_ad_hitlerum"
    assert ptc.definition("Doubt").startswith("Questioning the credibility")


def test_each_label_has_its_own_colour_and_an_unknown_label_is_grey() -> None:
    ptc = load_taxonomy("ptc")
    assert len(set(ptc.palette)) == len(ptc.palette) == 15
    assert ptc.slot("Loaded_Language") == 0
    assert ptc.colour("Not_A_Technique") == UNKNOWN_COLOUR
    assert ptc.definition("Not_A_Technique") == ""


def test_a_user_file_without_colours_gets_distinct_generated_ones(tmp_path: Path) -> None:
    entries = "".join(f'[[techniques]]\nname = "label_{i}"\n' for i in range(23))
    path = tmp_path / "mine.toml"
    path.write_text(f'name = "mine"\n{entries}', encoding="utf-8")
    mine = load_taxonomy(path)
    assert mine.labels == tuple(f"label_{i}" for i in range(23))
    assert len(set(mine.palette)) == 24


def test_a_model_folder_s_own_taxonomy_file_is_found_by_its_relative_name(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text('name = "x"\n[[techniques]]\nname = "A"\n')
    assert load_taxonomy("taxonomy.toml", base=tmp_path).labels == ("A",)


def test_covering_adds_stored_labels_the_taxonomy_lacks_after_its_own() -> None:
    ptc = load_taxonomy("ptc")
    wider = ptc.covering(["Doubt", "Zeta", "Alpha"])
    assert wider.labels == (*ptc.labels, "Alpha", "Zeta")
    assert wider.colour("Alpha") not in ptc.palette
    assert ptc.covering(["Doubt"]) is ptc


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name = ", "not valid TOML"),
        ('title = "no name"\n[[techniques]]\nname = "A"\n', "needs a name"),
        ('name = "x"\n', "at least one"),
        ('name = "x"\n[[techniques]]\nname = "A"\n[[techniques]]\nname = "A"\n', "more than once"),
        ('name = "x"\n[[techniques]]\nname = "A"\ncolour = "red"\n', "#rrggbb"),
        ('name = "x"\n[[techniques]]\nname = "?"\n', "cannot be a label"),
        ('name = "x"\n[[techniques]]\nname = "A\\tB"\n', "cannot be a label"),
    ],
)
def test_a_bad_taxonomy_file_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(TaxonomyError, match=reason):
        parse_taxonomy(text, source="bad.toml")


def test_an_unknown_taxonomy_name_lists_the_shipped_ones() -> None:
    with pytest.raises(TaxonomyError, match="ptc"):
        load_taxonomy("no-such-taxonomy")


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB `#rrggbb`."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _tint(colour: str, share: float) -> str:
    """`colour` at `share` over white, as the pages draw a highlight."""
    return "#" + "".join(
        f"{round(share * int(colour[i : i + 2], 16) + (1 - share) * 255):02x}" for i in (1, 3, 5)
    )


def test_no_two_ptc_colours_are_closer_than_25_cie76_units() -> None:
    colours = load_taxonomy("ptc").palette
    closest = min(
        (math.dist(_lab(a), _lab(b)), a, b) for a, b in itertools.combinations(colours, 2)
    )
    assert closest[0] >= 25, closest


def test_the_page_s_text_is_readable_on_every_ptc_highlight() -> None:
    ink = _luminance("#1d2430")  # --ink in web/static/style.css
    for colour in load_taxonomy("ptc").palette:
        background = _luminance(_tint(colour, 0.32))  # mark.hl's color-mix share
        assert (background + 0.05) / (ink + 0.05) >= 7, colour  # WCAG AAA for body text


def test_a_json_taxonomy_file_reads_like_the_toml_form(tmp_path: Path) -> None:
    path = tmp_path / "coarse.json"
    path.write_text(
        '{"name": "coarse", "title": "Four groups", "labels": ['
        '{"name": "Emotion", "definition": "Feelings over facts.", "color": "#E69F00"},'
        '{"name": "Attack"}]}',
        encoding="utf-8",
    )
    coarse = load_taxonomy(path)
    assert (coarse.name, coarse.title, coarse.labels) == (
        "coarse",
        "Four groups",
        ("Emotion", "Attack"),
    )
    assert coarse.colour("Emotion") == "#e69f00"
    assert coarse.definition("Emotion") == "Feelings over facts."
    assert coarse.colour("Attack") not in (coarse.colour("Emotion"), UNKNOWN_COLOUR)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"name": "x", "labels": [', "not valid JSON"),
        ('["Emotion"]', "needs an object"),
        ('{"name": "x", "techniques": [{"name": "A"}]}', 'at least one "labels" entry'),
        ('{"name": "x", "labels": ["A"]}', "is not a JSON object"),
        ('{"name": "x", "labels": [{"name": "A", "color": "red"}]}', "color must look like"),
    ],
)
def test_a_bad_json_taxonomy_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(TaxonomyError, match=reason):
        parse_taxonomy(text, source="bad.json")
