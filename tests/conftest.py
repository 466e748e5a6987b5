"""Shared fixtures: the PTC corpus beside the repo (CI has it at ../shared), the analyzers, and
a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from propalens.pipeline import Analyzer
from propalens.store import AnalysisStore, SQLiteStore

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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnalysisStore]:
    """An empty SQLite store of the test's own, closed afterwards."""
    with SQLiteStore(tmp_path / "store.db") as opened:
        yield opened
