"""A refactoring changes no behaviour: the CLI's predictions and analyses stay byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_outputs import NAMES, REFERENCE, REPO, produce_all


@pytest.fixture(scope="module")
def outputs(ptc: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return produce_all(ptc, tmp_path_factory.mktemp("reference"))


@pytest.mark.parametrize("name", NAMES)
def test_output_is_byte_identical_to_the_kept_reference(name: str, outputs: dict[str, str]) -> None:
    assert outputs[name] == (REFERENCE / name).read_text(encoding="utf-8")
