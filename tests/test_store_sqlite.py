"""The SQLite backend's own machinery: WAL mode, forward migrations, its FTS5 query syntax,
where the default database lives, and several server processes on one file (what every backend
does is in test_store.py)."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from propalens.store import SQLiteStore, StoreError, content_hash, default_db_path
from propalens.store.sqlite import MIGRATIONS, fts_query, migrate
from store_support import open_all_at_once, serving_workers
from test_store import CLIMATE
from web_support import build_analysis


def test_user_words_become_an_fts5_query_of_quoted_prefixes() -> None:
    assert fts_query('say "hi" OR') == '"say"* "hi"* "OR"*'


def test_a_new_database_is_at_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "new.db"
    with SQLiteStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_database_is_migrated_forward_keeping_its_records(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        record_id = store.add(build_analysis(CLIMATE), source="a", input=CLIMATE)
    connection = sqlite3.connect(path)
    newer = (*MIGRATIONS, "ALTER TABLE analyses ADD COLUMN reviewed INTEGER DEFAULT 0;")
    assert migrate(connection, newer) == len(newer)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(newer)
    assert connection.execute("SELECT id, reviewed FROM analyses").fetchall() == [(record_id, 0)]
    assert migrate(connection, newer) == len(newer)  # nothing left to run


def test_a_database_from_a_newer_propalens_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        SQLiteStore(path)


def test_the_default_database_lives_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "propalens" / "propalens.db"


def test_a_new_database_opened_by_several_processes_at_once_is_created_once(
    tmp_path: Path,
) -> None:
    paths = [tmp_path / f"trial{trial}.db" for trial in range(10)]
    results = open_all_at_once(paths, processes=4)

    assert [result for result in results if result != "ok"] == []
    for path in paths:
        with SQLiteStore(path) as store:
            assert store.schema_version == len(MIGRATIONS)


def test_a_server_of_two_workers_on_one_sqlite_file_stores_every_post(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    texts = [f"Harbour\n\nPosted piece {number}: the elite lie again." for number in range(6)]
    with serving_workers(path, workers=2) as base, ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(
            pool.map(
                lambda text: httpx.post(f"{base}/api/analyze", json={"text": text}, timeout=60),
                texts,
            )
        )

    assert [answer.status_code for answer in answers] == [200] * len(texts)
    with SQLiteStore(path) as store:
        assert store.stored_ids(content_hash(text) for text in texts) == {
            content_hash(text) for text in texts
        }
