"""`propalens batch`: resumable corpus runs on a local process pool or on Dask, with failures
recorded and counted, and nothing stored twice."""

from __future__ import annotations

import csv
import datetime as dt
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

import propalens.batch.engines
from batch_support import (
    KILLER,
    analyze_chunk_or_die,
    baseline_env,
    stored_ids,
    stored_so_far,
    write_corpus,
)
from propalens.batch import run_batch
from propalens.batch.inputs import iter_jobs
from propalens.batch.work import Job
from propalens.cli import app
from propalens.errors import InputError
from propalens.ingest import IngestOptions
from propalens.store import AnalysisStore, Failure, NewRecord, SQLiteStore, content_hash, open_store


@pytest.fixture(autouse=True)
def baseline_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # The batch process passes its model choice to every worker.
    monkeypatch.setenv("PROPALENS_MODEL", "baseline")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnalysisStore]:
    with open_store(tmp_path / "batch.db") as opened:
        yield opened


def batch_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "propalens", "batch", str(corpus), "--db", str(db),
            "--workers", "1", "--chunk-size", "2"]  # fmt: skip


def test_a_batch_killed_mid_run_and_run_again_stores_every_article_exactly_once(
    tmp_path: Path,
) -> None:
    total = 400
    corpus = write_corpus(tmp_path / "corpus.jsonl", total)
    db = tmp_path / "killed.db"
    command = batch_command(corpus, db)
    process = subprocess.Popen(
        command, env=baseline_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while stored_so_far(db) < 10:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the batch stored nothing"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    after_kill = stored_ids(db)
    assert 10 <= len(after_kill) < total, "the kill came after the run had finished"

    rerun = subprocess.run(command, env=baseline_env(), capture_output=True, text=True, timeout=60)

    assert rerun.returncode == 0, rerun.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == total
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert set(ids) == {content_hash(text) for text in texts}
    assert f"{total - len(after_kill)} stored, {len(after_kill)} skipped" in rerun.stderr


def test_articles_already_stored_are_skipped_without_being_analysed_again(
    tmp_path: Path, store: AnalysisStore
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 6)
    first = run_batch([str(corpus)], store, workers=1)
    stamps = {record.id: record.updated_at for record in store.iter_analyses()}

    second = run_batch([str(corpus), str(corpus)], store, workers=1)

    assert (first.counts.stored, first.counts.skipped, first.counts.failed) == (6, 0, 0)
    assert (second.counts.stored, second.counts.skipped, second.counts.failed) == (0, 12, 0)
    assert second.peak_rss_bytes == {}, "no chunk reached a worker"
    assert {record.id: record.updated_at for record in store.iter_analyses()} == stamps


def test_failing_inputs_are_recorded_in_the_store_counted_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    with corpus.open("a", encoding="utf-8") as out:
        out.write('{"text": "   "}\n{"text": 7}\nnot json\n')
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    db = tmp_path / "failures.db"

    result = CliRunner().invoke(
        app, ["batch", str(corpus), str(binary), str(tmp_path / "missing.txt"), "--db", str(db),
              "--workers", "1"],
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert "3 stored, 0 skipped (already stored), 5 failed" in " ".join(result.output.split())
    with open_store(db) as store:
        failures = {failure.source: failure for failure in store.failures()}
        missing = str(tmp_path / "missing.txt")
        assert set(failures) == {f"{corpus}:{n}" for n in (4, 5, 6)} | {str(binary), missing}
        assert failures[str(binary)].error == "binary data (looks like a PNG image), not text"
        assert failures[f"{corpus}:4"].error == "empty text"
        assert len(stored_ids(db)) == 3
        # Running it again counts one more attempt on the same rows, rather than adding rows.
        again = CliRunner().invoke(app, ["batch", str(corpus), str(binary), "--db", str(db)])
        assert again.exit_code == 2
        assert "0 stored, 3 skipped (already stored), 4 failed" in " ".join(again.output.split())
        attempts = {failure.source: failure.attempts for failure in store.failures()}
        assert attempts == {**{source: 2 for source in failures}, missing: 1}


def test_a_url_list_gives_one_job_per_url_and_a_failure_per_bad_line(tmp_path: Path) -> None:
    urls = tmp_path / "crawl.urls"
    urls.write_text(
        "# crawl of 2024-05-17\nhttps://example.org/a\n\nftp://example.org/b\nhttp://example.org/c\n",
        encoding="utf-8",
    )

    jobs = list(iter_jobs(["https://example.org/first"], [urls], IngestOptions()))

    assert [job.url for job in jobs if isinstance(job, Job)] == [
        "https://example.org/first", "https://example.org/a", "http://example.org/c"
    ]  # fmt: skip
    errors = [job for job in jobs if isinstance(job, InputError)]
    assert [error.source for error in errors] == [f"{urls}:4"]


def test_the_dask_and_local_engines_store_identical_results(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 6)
    exports = {}
    for engine in ("local", "dask"):
        db = tmp_path / f"{engine}.db"
        result = CliRunner().invoke(
            app, ["batch", str(corpus), "--db", str(db), "--engine", engine, "--workers", "2",
                  "--chunk-size", "2"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        out = tmp_path / f"{engine}.jsonl"
        exported = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out)])
        assert exported.exit_code == 0, exported.output
        exports[engine] = out.read_text(encoding="utf-8")

    assert len(exports["local"].splitlines()) == 6
    assert exports["dask"] == exports["local"]


def test_the_model_given_to_a_batch_is_the_one_every_worker_loads(
    tmp_path: Path, store: AnalysisStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROPALENS_MODEL", str(tmp_path / "no-such-model"))
    corpus = write_corpus(tmp_path / "corpus.jsonl", 2)

    summary = run_batch([str(corpus)], store, workers=1, model="baseline")

    assert (summary.counts.stored, summary.counts.failed) == (2, 0)
    assert {stored.analysis.model.name for stored in store.iter_analyses()} == {"baseline"}


def test_an_article_that_kills_its_worker_is_listed_alone_and_every_other_article_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 6)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    lines.insert(3, json.dumps({"text": f"Killer\n\n{KILLER}"}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(propalens.batch.engines, "analyze_chunk", analyze_chunk_or_die)
    db = tmp_path / "killed.db"
    command = ["batch", str(corpus), "--db", str(db), "--workers", "2", "--chunk-size", "3"]

    first = CliRunner().invoke(app, command)

    assert first.exit_code == 1, first.output  # not the input's fault: 1, not 2
    assert "6 stored, 0 skipped (already stored), 1 failed" in " ".join(first.output.split())
    assert len(stored_ids(db)) == 6
    with open_store(db) as store:
        assert [(failure.source, failure.error) for failure in store.failures()] == [
            (f"{corpus}:4", "its worker process died while analysing it (killed, or out of memory)")
        ]
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 1, again.output
    assert "0 stored, 6 skipped (already stored), 1 failed" in " ".join(again.output.split())


class StoreThatRefuses(SQLiteStore):
    """A store that cannot write the analysis from one source, as a backend may choke on a
    value it cannot encode."""

    def __init__(self, path: Path, refused: str) -> None:
        super().__init__(path)
        self.refused = refused

    def write(
        self,
        records: Sequence[NewRecord],
        failures: Sequence[Failure] = (),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        if any(record.source == self.refused for record in records):
            raise ValueError("cannot encode this value")
        return super().write(records, failures, now=now)


def test_an_analysis_the_store_cannot_write_is_listed_and_the_rest_of_its_chunk_is_stored(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 4)
    refused = f"{corpus}:2"
    with StoreThatRefuses(tmp_path / "refusing.db", refused) as store:
        summary = run_batch([str(corpus)], store, workers=1, chunk_size=4)

        counts = summary.counts
        assert (counts.stored, counts.failed, counts.internal) == (3, 1, 1)
        assert [(failure.source, failure.error) for failure in store.failures()] == [
            (refused, "internal error (ValueError: cannot encode this value)")
        ]
        assert len(list(store.iter_analyses())) == 3


def test_a_record_with_a_lone_surrogate_is_stored_with_a_warning_rather_than_crashing_the_run(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    with corpus.open("a", encoding="utf-8") as out:
        out.write('{"text": "Cut\\n\\nThe ferry \\ud83d ran late.", "title": "Cut \\udfff"}\n')
    db = tmp_path / "surrogate.db"

    result = CliRunner().invoke(app, ["batch", str(corpus), "--db", str(db), "--workers", "1"])

    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "4 stored, 0 skipped (already stored), 0 failed" in output
    assert f"{corpus}:4: 'text' holds a lone surrogate" in output
    with open_store(db) as store:
        stored = {record.analysis.text: record.analysis.title for record in store.iter_analyses()}
    assert stored["Cut\n\nThe ferry \ufffd ran late."] == "Cut \ufffd"


def test_a_corpus_s_own_ids_reach_the_store_and_every_export(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    db = tmp_path / "ids.db"
    batch = ["batch", str(corpus), "--db", str(db), "--workers", "1", "--id-column", "id"]
    assert CliRunner().invoke(app, batch).exit_code == 0
    with open_store(db) as store:
        assert {stored.analysis.input_id for stored in store.iter_analyses()} == {"0", "1", "2"}
    for export_format in ("jsonl", "csv"):
        out = tmp_path / f"out.{export_format}"
        exported = CliRunner().invoke(
            app, ["export", "--db", str(db), "-f", export_format, "-o", str(out)]
        )
        assert exported.exit_code == 0, exported.output
        with out.open(encoding="utf-8") as rows:
            read = (
                [json.loads(row) for row in rows]
                if export_format == "jsonl"
                else csv.DictReader(rows)
            )
            assert sorted(row["input_id"] for row in read) == ["0", "1", "2"]
