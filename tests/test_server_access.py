"""Who may write to a server that is reachable beyond loopback, and how often: a bearer token for
every write (reads stay open), a per-client limit on writes, and a refusal to expose an open
server unless the operator says so."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from propalens.api.access import Access, ExposureRefused
from propalens.pipeline import Analyzer
from propalens.server import create_app
from propalens.store import AnalysisStore
from web_support import offline

TOKEN = "k3Tq-9vX_2mPz7LwR4sN8bYc"
SHORT = "Enemies within\n\nThe corrupt elite will stop at nothing to destroy our great nation."


@pytest.fixture
def guarded(store: AnalysisStore, baseline_analyzer: Analyzer) -> TestClient:
    access = Access(token=SecretStr(TOKEN))
    return TestClient(create_app(store, baseline_analyzer, fetch=offline, access=access))


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token-of-enough-length", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
)
def test_a_write_without_the_right_token_gets_401_and_stores_nothing(
    guarded: TestClient, store: AnalysisStore, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = guarded.post("/api/analyze", json={"text": SHORT}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "PROPALENS_TOKEN" in response.json()["detail"]
    assert store.search().total == 0


def test_a_write_with_the_right_token_is_analysed(guarded: TestClient) -> None:
    headers = {"Authorization": f"bearer {TOKEN}"}  # the scheme is case-insensitive
    response = guarded.post("/api/analyze", json={"text": SHORT}, headers=headers)
    assert response.status_code == 200
    assert response.json()["analysis"]["title"] == "Enemies within"


def test_reads_need_no_token(guarded: TestClient) -> None:
    for path in ("/", "/api/analyses", "/api/stats?group=outlet", "/outlets", "/openapi.json"):
        assert guarded.get(path).status_code == 200, path


def test_the_plain_form_sends_the_token_from_its_field(guarded: TestClient) -> None:
    form = {"content": SHORT, "kind": "text"}
    assert guarded.post("/analyze", data=form).status_code == 401
    assert guarded.post("/analyze", data={**form, "token": "not-it"}).status_code == 401
    response = guarded.post("/analyze", data={**form, "token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303


def test_the_form_has_a_token_field_and_never_writes_the_token_into_the_page(
    guarded: TestClient,
) -> None:
    assert 'name="token"' in guarded.get("/").text
    refused = guarded.post("/analyze", data={"content": " ", "kind": "text", "token": TOKEN})
    assert refused.status_code == 422  # let through, then refused for its empty text
    assert TOKEN not in refused.text


def test_a_client_over_the_write_limit_gets_429_with_retry_after(
    store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    app = create_app(store, baseline_analyzer, fetch=offline, access=Access(rate_limit="2/minute"))
    client = TestClient(app, client=("203.0.113.7", 50000))
    assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200
    form = {"content": SHORT, "kind": "text"}
    assert client.post("/analyze", data=form, follow_redirects=False).status_code == 303
    refused = client.post("/api/analyze", json={"text": SHORT})
    assert refused.status_code == 429  # the API and the form share one budget
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "2 per 1 minute" in refused.json()["detail"]
    assert client.get("/api/analyses").status_code == 200  # reads are not counted
    other = TestClient(app, client=("198.51.100.4", 50000))
    assert other.post("/api/analyze", json={"text": SHORT}).status_code == 200


def test_ipv6_clients_of_one_64_network_share_one_limit(
    store: AnalysisStore, baseline_analyzer: Analyzer
) -> None:
    app = create_app(store, baseline_analyzer, fetch=offline, access=Access(rate_limit="1/minute"))

    def post_from(address: str) -> int:
        client = TestClient(app, client=(address, 50000))
        return client.post("/api/analyze", json={"text": SHORT}).status_code

    assert post_from("2001:db8:1:2::1") == 200
    assert post_from("2001:db8:1:2:ffff::9") == 429  # a new address in the same /64
    assert post_from("2001:db8:1:3::1") == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "localhost", "LocalHost"])
def test_a_server_on_loopback_is_open_unless_a_token_is_set(host: str) -> None:
    assert Access.for_host(host, token=None, public=False, rate_limit="9/minute") == Access()
    with_token = Access.for_host(host, token=SecretStr(TOKEN), public=False, rate_limit="9/minute")
    assert with_token == Access(token=SecretStr(TOKEN), rate_limit="9/minute")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "203.0.113.7", "news.example"])
def test_a_server_beyond_loopback_needs_a_token_or_public(host: str) -> None:
    with pytest.raises(ExposureRefused) as refused:
        Access.for_host(host, token=None, public=False, rate_limit="9/minute")
    message = str(refused.value)
    assert host in message
    assert all(name in message for name in ("--token", "PROPALENS_TOKEN", "--public"))
    token = SecretStr(TOKEN)
    assert Access.for_host(host, token=token, public=False, rate_limit="9/minute") == Access(
        token=token, rate_limit="9/minute"
    )
    assert Access.for_host(host, token=None, public=True, rate_limit="9/minute") == Access(
        rate_limit="9/minute"
    )


def test_the_openapi_schema_lists_the_answers_a_guarded_write_can_get(
    guarded: TestClient,
) -> None:
    schema = guarded.get("/openapi.json").json()
    answers = schema["paths"]["/api/analyze"]["post"]["responses"]
    assert {"401", "429", "503"} <= set(answers)
