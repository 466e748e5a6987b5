from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import propalens.pipeline
from propalens.cli import app
from propalens.pipeline import Analyzer


def test_serve_runs_the_app_on_the_given_address_and_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []

    def fake_run(web_app: Any, **options: Any) -> None:
        from fastapi.testclient import TestClient

        client = TestClient(web_app)
        posted = client.post("/api/analyze", json={"text": "Title\n\nThe corrupt elite lie."})
        refused = client.post("/api/analyze", json={"url": "http://127.0.0.1:9/"})
        calls.append({**options, "posted": posted.status_code, "refused": refused.status_code})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(propalens.pipeline, "Analyzer", lambda: baseline_analyzer)
    database = tmp_path / "served.db"
    result = CliRunner().invoke(
        app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--db", str(database)]
    )
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert (call["host"], call["port"]) == ("0.0.0.0", 8123)
    assert call["posted"] == 200 and call["refused"] == 422  # private URLs refused by default
    assert database.exists()


def test_serve_runs_the_model_named_by_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    models: list[str] = []

    def fake_run(web_app: Any, **options: Any) -> None:
        from fastapi.testclient import TestClient

        posted = TestClient(web_app).post("/api/analyze", json={"text": "Title\n\nThey lie."})
        models.append(posted.json()["analysis"]["model"]["name"])

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(
        app, ["serve", "--model", "baseline", "--db", str(tmp_path / "served.db")]
    )
    assert result.exit_code == 0, result.output
    assert models == ["baseline"]
