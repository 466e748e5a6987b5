from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import propalens.pipeline
from propalens.cli import app
from propalens.pipeline import Analyzer

TOKEN = "k3Tq-9vX_2mPz7LwR4sN8bYc"
TEXT = {"text": "Title\n\nThe corrupt elite lie."}


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
        app,
        ["serve", "--host", "0.0.0.0", "--public", "--port", "8123", "--db", str(database)],
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


def serve_and_call(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    analyzer: Analyzer,
    requests: Callable[[Callable[[str], Any]], list[int]],
) -> tuple[Any, list[int]]:
    """Runs `propalens serve ARGS` with uvicorn's own app wrapping (its proxy headers
    middleware included) but no socket; `requests` gets a factory of clients seen as coming
    from a given address and returns the status codes it saw."""
    import uvicorn
    from fastapi.testclient import TestClient

    statuses: list[int] = []

    def fake_run(web_app: Any, **options: Any) -> None:
        config = uvicorn.Config(web_app, **options)
        config.load()
        statuses.extend(requests(lambda peer: TestClient(config.loaded_app, client=(peer, 50000))))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(propalens.pipeline, "Analyzer", lambda: analyzer)
    return CliRunner().invoke(app, ["serve", *args]), statuses


def test_serve_beyond_loopback_without_a_token_refuses_to_start_naming_the_ways_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    monkeypatch.delenv("PROPALENS_TOKEN", raising=False)
    database = tmp_path / "never.db"
    result, statuses = serve_and_call(
        ["--host", "0.0.0.0", "--db", str(database)], monkeypatch, baseline_analyzer, lambda _: [0]
    )
    assert result.exit_code == 2
    assert all(name in result.output for name in ("--token", "PROPALENS_TOKEN", "--public"))
    assert statuses == [] and not database.exists()  # refused before anything started


def test_serve_public_starts_without_a_token_and_limits_each_clients_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    monkeypatch.delenv("PROPALENS_TOKEN", raising=False)
    args = ["--host", "0.0.0.0", "--public", "--rate-limit", "1/minute"]

    def requests(client: Callable[[str], Any]) -> list[int]:
        first, second = client("203.0.113.5"), client("198.51.100.9")
        return [
            first.post("/api/analyze", json=TEXT).status_code,
            first.post("/api/analyze", json=TEXT).status_code,
            second.post("/api/analyze", json=TEXT).status_code,
        ]

    result, statuses = serve_and_call(
        [*args, "--db", str(tmp_path / "open.db")], monkeypatch, baseline_analyzer, requests
    )
    assert result.exit_code == 0, result.output
    assert statuses == [200, 429, 200]


def test_serve_with_a_token_in_the_environment_requires_it_for_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    monkeypatch.setenv("PROPALENS_TOKEN", TOKEN)

    def requests(client: Callable[[str], Any]) -> list[int]:
        web = client("203.0.113.5")
        return [
            web.post("/api/analyze", json=TEXT).status_code,
            web.post(
                "/api/analyze", json=TEXT, headers={"Authorization": f"Bearer {TOKEN}"}
            ).status_code,
            web.get("/api/analyses").status_code,
        ]

    result, statuses = serve_and_call(
        ["--host", "0.0.0.0", "--db", str(tmp_path / "guarded.db")],
        monkeypatch,
        baseline_analyzer,
        requests,
    )
    assert result.exit_code == 0, result.output
    assert statuses == [401, 200, 200]
    assert TOKEN not in result.output


def test_serve_on_loopback_requires_a_token_once_one_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    monkeypatch.delenv("PROPALENS_TOKEN", raising=False)
    result, statuses = serve_and_call(
        ["--token", TOKEN, "--db", str(tmp_path / "local.db")],
        monkeypatch,
        baseline_analyzer,
        lambda client: [client("127.0.0.1").post("/api/analyze", json=TEXT).status_code],
    )
    assert result.exit_code == 0, result.output
    assert statuses == [401]


@pytest.mark.parametrize(
    ("args", "environment", "named", "reason"),
    [
        (["--token", "short"], {}, "--token", "16 characters"),
        ([], {"PROPALENS_TOKEN": "short"}, "PROPALENS_TOKEN", "16 characters"),
        (["--token", "has spaces and is long enough"], {}, "--token", "16 characters"),
        (["--rate-limit", "lots"], {}, "--rate-limit", "60/minute"),
        ([], {"PROPALENS_RATE_LIMIT": "0/minute"}, "PROPALENS_RATE_LIMIT", "60/minute"),
    ],
)
def test_serve_refuses_a_weak_token_or_a_malformed_rate_limit_naming_where_it_came_from(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    baseline_analyzer: Analyzer,
    args: list[str],
    environment: dict[str, str],
    named: str,
    reason: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result, statuses = serve_and_call(
        [*args, "--db", str(tmp_path / "never.db")], monkeypatch, baseline_analyzer, lambda _: [0]
    )
    assert result.exit_code == 2 and statuses == []
    said = " ".join(result.output.replace("│", " ").split())  # unwrapped from Rich's box
    assert named in said and reason in said
    assert "short" not in said  # a token, even a bad one, is never printed


def test_x_forwarded_for_names_the_client_only_when_it_comes_from_a_trusted_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline_analyzer: Analyzer
) -> None:
    monkeypatch.delenv("PROPALENS_TOKEN", raising=False)
    args = ["--host", "0.0.0.0", "--public", "--rate-limit", "1/minute"]

    def requests(client: Callable[[str], Any]) -> list[int]:
        def post(peer: str, forwarded_for: str) -> int:
            headers = {"X-Forwarded-For": forwarded_for}
            return client(peer).post("/api/analyze", json=TEXT, headers=headers).status_code

        return [
            post("10.0.0.2", "203.0.113.1"),
            post("10.0.0.2", "203.0.113.2"),  # another client behind the proxy
            post("10.0.0.2", "203.0.113.1"),
            post("127.0.0.1", "203.0.113.3"),  # not a named proxy, loopback or not
            post("127.0.0.1", "203.0.113.4"),  # a forged header gets no fresh budget
        ]

    result, statuses = serve_and_call(
        [*args, "--forwarded-allow-ips", "10.0.0.2", "--db", str(tmp_path / "proxied.db")],
        monkeypatch,
        baseline_analyzer,
        requests,
    )
    assert result.exit_code == 0, result.output
    assert statuses == [200, 200, 429, 200, 429]
