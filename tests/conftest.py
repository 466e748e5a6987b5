"""Shared fixtures: the PTC corpus beside the repo (CI has it at ../shared), the analyzers, a
fresh store, and a PostgreSQL database of a test's own (one throwaway cluster per session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from postgres_support import Cluster, missing_reason, running_cluster
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


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """One PostgreSQL server for the session; skipped where PostgreSQL is not installed."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """The URL of a new, empty database (no schema yet) on the session's cluster."""
    return postgres_cluster.new_database()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnalysisStore]:
    """An empty SQLite store of the test's own, closed afterwards."""
    with SQLiteStore(tmp_path / "store.db") as opened:
        yield opened
