"""A refactoring changes no behaviour: the CLI's predictions and analyses stay as they were.

The SemEval files are compared byte for byte. The analyses are compared as JSON with every
number equal up to 1e-6: the encoder's float sums depend on the CPU's vector instructions, so
the same code gives confidences that differ around the seventh decimal from one machine to
another (seen between two of our CI machines), and no refactoring moves a figure that little.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from reference_outputs import NAMES, REFERENCE, REPO, produce_all

NUMBER_TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def outputs(ptc: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return produce_all(ptc, tmp_path_factory.mktemp("reference"))


def differences(got: object, kept: object, where: str = "$") -> list[str]:
    """Where two JSON values differ: numbers beyond `NUMBER_TOLERANCE`, anything else at all."""
    if isinstance(got, bool) or isinstance(kept, bool) or isinstance(got, str):
        return [] if got == kept else [f"{where}: {got!r} != {kept!r}"]
    if isinstance(got, int | float) and isinstance(kept, int | float):
        close = math.isclose(got, kept, rel_tol=0.0, abs_tol=NUMBER_TOLERANCE)
        return [] if close else [f"{where}: {got!r} != {kept!r}"]
    if isinstance(got, dict) and isinstance(kept, dict):
        if got.keys() != kept.keys():
            return [f"{where}: keys {sorted(got)} != {sorted(kept)}"]
        return [d for key in got for d in differences(got[key], kept[key], f"{where}.{key}")]
    if isinstance(got, list) and isinstance(kept, list):
        if len(got) != len(kept):
            return [f"{where}: {len(got)} items != {len(kept)}"]
        pairs = enumerate(zip(got, kept, strict=True))
        return [d for i, (a, b) in pairs for d in differences(a, b, f"{where}[{i}]")]
    return [] if got == kept else [f"{where}: {got!r} != {kept!r}"]


def test_numbers_further_apart_than_the_tolerance_are_a_difference() -> None:
    assert differences({"c": [0.2167916766]}, {"c": [0.2167917144]}) == []
    assert differences({"c": [0.21]}, {"c": [0.22]}) == ["$.c[0]: 0.21 != 0.22"]
    assert differences({"t": "a"}, {"t": "b", "u": 1}) == ["$: keys ['t'] != ['t', 'u']"]


@pytest.mark.parametrize("name", NAMES)
def test_output_is_the_kept_reference(name: str, outputs: dict[str, str]) -> None:
    kept = (REFERENCE / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert differences(json.loads(outputs[name]), json.loads(kept)) == []
    else:
        assert outputs[name] == kept
