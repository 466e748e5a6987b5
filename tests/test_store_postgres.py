"""The PostgreSQL backend's own machinery, on a real throwaway server: migrations under a lock,
its tsquery syntax, many processes writing at once (batch runs, one killed and run again, and a
server of several workers), and moving a SQLite store across with `propalens db copy`.
What every backend does is in test_store.py."""

from __future__ import annotations

import importlib
import json
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from typer.testing import CliRunner

from batch_support import SAMPLES, baseline_env, write_corpus
from postgres_support import Cluster, free_port
from propalens.cli import app
from propalens.pipeline import Analyzer
from propalens.store import Failure, SQLiteStore, StoreError, content_hash, open_store
from propalens.store.postgres import MIGRATIONS, PostgresStore, migrate, redacted, tsquery
from store_support import open_all_at_once, serving_workers
from test_store import CLIMATE
from web_support import build_analysis

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))  # the db copy test fills its store as the benchmark does
bench_store = importlib.import_module("bench_store")


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    """Read the database directly, as another process would."""
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchall()  # type: ignore[arg-type]


def test_user_words_become_a_tsquery_of_quoted_prefixes_all_required() -> None:
    assert tsquery("say 'hi' OR") == "'say':* & 'hi':* & 'OR':*"
    assert tsquery("!!") is None


def test_a_password_in_the_url_is_never_shown() -> None:
    assert redacted("postgresql://desk:s3cret@db.example:5432/news") == (
        "postgresql://desk:***@db.example:5432/news"
    )
    assert redacted("postgresql://desk@db.example/news") == "postgresql://desk@db.example/news"


def test_a_server_that_cannot_be_reached_is_a_store_error_without_the_password() -> None:
    port = free_port()
    with pytest.raises(StoreError, match="cannot connect") as raised:
        open_store(f"postgresql://desk:s3cret@127.0.0.1:{port}/news")
    assert "s3cret" not in str(raised.value)


def test_a_new_database_is_created_at_the_latest_schema(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.schema_version == len(MIGRATIONS)
    assert rows(postgres_url, "SELECT version FROM propalens_schema") == [(len(MIGRATIONS),)]


def test_an_older_database_is_migrated_forward_keeping_its_records(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        record_id = store.add(build_analysis(CLIMATE), source="a", input=CLIMATE)
    newer = (*MIGRATIONS, "ALTER TABLE analyses ADD COLUMN reviewed boolean DEFAULT false;")
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        assert migrate(connection, newer) == len(newer)
        assert migrate(connection, newer) == len(newer)  # nothing left to run
    assert rows(postgres_url, "SELECT id, reviewed FROM analyses") == [(record_id, False)]
    assert rows(postgres_url, "SELECT version FROM propalens_schema") == [(len(newer),)]


def test_a_database_from_a_newer_propalens_is_refused(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection, (*MIGRATIONS, "SELECT 1;"))
    with pytest.raises(StoreError, match="newer"):
        PostgresStore(postgres_url)


def test_a_new_database_opened_by_several_processes_at_once_is_created_once(
    postgres_cluster: Cluster,
) -> None:
    urls = [postgres_cluster.new_database() for _ in range(3)]
    results = open_all_at_once(urls, processes=3)

    assert [result for result in results if result != "ok"] == []
    for url in urls:
        assert rows(url, "SELECT version FROM propalens_schema") == [(len(MIGRATIONS),)]


def test_batch_runs_one_killed_and_rerun_and_a_server_of_two_workers_store_each_article_once(
    tmp_path: Path, postgres_url: str
) -> None:
    total = 30
    corpus = write_corpus(tmp_path / "corpus.jsonl", total)
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    # The server is sent ten of the corpus's own articles and five of its own, at once.
    posted = [*texts[:10], *(f"Harbour\n\nPosted piece {n}: they lie again." for n in range(5))]
    (tmp_path / "b").mkdir()
    corpus_b = write_corpus(tmp_path / "b" / "corpus.jsonl", total)

    def batch(path: Path) -> list[str]:
        return [sys.executable, "-m", "propalens", "batch", str(path), "--db", postgres_url,
                "--workers", "1", "--chunk-size", "2"]  # fmt: skip

    def start(path: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            batch(path), env=baseline_env(), stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    PostgresStore(postgres_url).close()  # the schema first, so that the polling below can read
    with serving_workers(postgres_url, workers=2) as base:
        run_a, run_b = start(corpus), start(corpus_b)
        with ThreadPoolExecutor(max_workers=5) as pool:
            answers = pool.map(
                lambda text: httpx.post(f"{base}/api/analyze", json={"text": text}, timeout=60),
                posted,
            )
            deadline = time.monotonic() + 60
            written_by_b = "SELECT count(*) FROM analyses WHERE source LIKE '%/b/corpus.jsonl%'"
            while rows(postgres_url, written_by_b) == [(0,)]:
                assert run_b.poll() is None, run_b.stderr.read() if run_b.stderr else ""
                assert time.monotonic() < deadline, "the second batch stored nothing"
                time.sleep(0.01)
            run_b.send_signal(signal.SIGKILL)
            run_b.wait(timeout=10)
            statuses = [(answer.status_code, answer.text[:200]) for answer in answers]
        rerun = subprocess.run(
            batch(corpus_b), env=baseline_env(), capture_output=True, text=True, timeout=120
        )
        run_a.wait(timeout=120)

    assert run_b.returncode == -signal.SIGKILL
    assert (run_a.returncode, rerun.returncode) == (0, 0), (run_a.stderr.read(), rerun.stderr)
    assert [status for status, _ in statuses] == [200] * len(posted), statuses
    stored = rows(postgres_url, "SELECT id FROM analyses")
    expected = {content_hash(text) for text in [*texts, *posted]}
    assert len(stored) == len(expected)
    assert {row[0] for row in stored} == expected
    assert rows(postgres_url, "SELECT count(*) FROM failures") == [(0,)]


def test_db_copy_moves_a_thousand_analyses_and_both_stores_export_the_same_jsonl(
    tmp_path: Path, postgres_url: str, baseline_analyzer: Analyzer
) -> None:
    sqlite_path = tmp_path / "desk.db"
    bases = [baseline_analyzer.analyze(path.read_text(encoding="utf-8")) for path in SAMPLES]
    with SQLiteStore(sqlite_path) as source:
        bench_store.fill(source, bench_store.synthetic_records(bases, 0, 1000))
        source.write([], [Failure("broken.html", "no text in it")])
    runner = CliRunner()

    copied = runner.invoke(app, ["db", "copy", "--from", str(sqlite_path), "--to", postgres_url])
    from_sqlite = runner.invoke(app, ["export", "--db", str(sqlite_path), "--format", "jsonl"])
    from_postgres = runner.invoke(app, ["export", "--db", postgres_url, "--format", "jsonl"])

    assert copied.exit_code == 0, copied.output
    assert "copied 1000 analyses and 1 failure" in copied.output
    assert from_sqlite.exit_code == from_postgres.exit_code == 0
    assert len(from_sqlite.stdout.splitlines()) == 1000
    assert from_postgres.stdout == from_sqlite.stdout
    with SQLiteStore(sqlite_path) as source, PostgresStore(postgres_url) as target:
        assert target.failures() == source.failures()
        assert target.stats("day") == source.stats("day")
        first = next(source.iter_analyses())
        assert target.get(first.id) == first  # times kept, not the moment of the copy


def test_db_check_names_an_unmigrated_store_and_db_migrate_brings_it_up_to_date(
    postgres_url: str,
) -> None:
    runner = CliRunner()
    before = runner.invoke(app, ["db", "check", "--db", postgres_url])
    migrated = runner.invoke(app, ["db", "migrate", "--db", postgres_url])
    after = runner.invoke(app, ["db", "check", "--db", postgres_url])

    assert before.exit_code == 1 and "run `propalens db migrate`" in before.output
    assert migrated.exit_code == 0 and f"migrated from 0 to schema version {len(MIGRATIONS)}" in (
        migrated.output
    )
    assert after.exit_code == 0, after.output
    assert "0 analyses, 0 recorded failures" in after.output and "problem" not in after.output


def test_propalens_db_names_the_store_when_no_db_option_does(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_DB", postgres_url)
    with open_store() as store:
        assert isinstance(store, PostgresStore)
        record_id = store.add(build_analysis(CLIMATE), source="climate.txt", input=CLIMATE)

    exported = CliRunner().invoke(app, ["export", "--format", "jsonl"])

    assert exported.exit_code == 0, exported.output
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == [record_id]


def test_db_check_finds_technique_counts_that_disagree_with_the_spans(postgres_url: str) -> None:
    analysis = build_analysis(CLIMATE, [("corrupt elite", "Name_Calling,Labeling", 0.9)])
    with PostgresStore(postgres_url) as store:
        store.add(analysis, source="climate.txt", input=CLIMATE)
    with psycopg.connect(postgres_url) as connection:
        connection.execute("DELETE FROM techniques")

    checked = CliRunner().invoke(app, ["db", "check", "--db", postgres_url])

    assert checked.exit_code == 1
    assert "the analyses' spans (1) and their technique counts (0) disagree" in checked.output


def test_a_team_s_store_is_read_by_its_url_into_frames_and_annotation_tasks(
    tmp_path: Path, postgres_url: str, baseline_analyzer: Analyzer
) -> None:
    from propalens.integrations.dataframes import store_frames

    analyses = [baseline_analyzer.analyze(path.read_text(encoding="utf-8")) for path in SAMPLES]
    with PostgresStore(postgres_url) as store:
        store.write(list(bench_store.synthetic_records(analyses, 0, 1)), [])
    assert len(store_frames(postgres_url).analyses) == 1

    exported = CliRunner().invoke(
        app, ["export-annotations", "--db", postgres_url, "--out", str(tmp_path / "review")]
    )
    assert exported.exit_code == 0, exported.output
    assert len(json.loads((tmp_path / "review" / "tasks.json").read_text(encoding="utf-8"))) == 1
