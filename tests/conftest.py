"""Shared fixtures: the PTC corpus beside the repo (CI has it at ../shared) and one analyzer."""

from __future__ import annotations

from pathlib import Path

import pytest

from propalens.pipeline import Analyzer

REPO = Path(__file__).resolve().parents[1]
PTC = REPO.parent / "shared" / "data" / "ptc"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def ptc() -> Path:
    if not PTC.is_dir():
        pytest.skip("the PTC corpus is not at ../shared/data/ptc")
    return PTC


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def baseline_analyzer() -> Analyzer:
    """The shipped baseline model: real, and fast enough for the server and browser tests."""
    from propalens.detect import load_detector

    return Analyzer(load_detector("baseline"))
