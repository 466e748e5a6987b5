"""fetch_url: pages are fetched within limits, and never from the machine's own network unasked.

Nothing here leaves the machine: the address policy is checked on literal addresses (with the
HTTP client disarmed) and `localhost`; real fetches go to a server thread on 127.0.0.1 (and, to
play a public host, 127.0.0.2); names other than `localhost` are answered by a fake resolver.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from http_support import send_text, serving, trickle
from propalens.ingest import Document, IngestOptions, InputError, fetch_url, read_inputs
from propalens.ingest import fetch as fetch_module

PAGE = (Path(__file__).parent / "data" / "ingest" / "harbour_closure.html").read_bytes()
ALLOW = IngestOptions(allow_private_urls=True, url_timeout_s=5)
LIMIT = 2000


class Handler(BaseHTTPRequestHandler):
    """Routes: each path plays one kind of server the fetcher meets."""

    def do_GET(self) -> None:
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/plain": (200, "text/plain; charset=windows-1252", "“Quoted” café".encode("cp1252")),
            "/pdf": (200, "application/pdf", b"%PDF-1.7\n"),
            "/big": (200, "text/plain", b"x" * (LIMIT + 1)),
            "/redirect": (302, "text/plain", b"/article"),
            "/redirect-private": (302, "text/plain", b"http://[::1]/article"),
            "/loop": (302, "text/plain", b"/loop"),
            "/redirect-malformed": (302, "text/plain", b"http://xn--/"),
        }
        if self.path == "/trickle":
            trickle(self)
            return
        if self.path == "/big-unannounced":
            # No Content-Length: only counting the streamed bytes can stop it.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            return
        if self.path == "/slow":
            time.sleep(1.0)
        status, content_type, body = routes.get(self.path, (404, "text/plain", b"gone"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status == 302:
            self.send_header("Location", body.decode())
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test, rather than send anything, if a refused URL were requested after all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a refused URL was requested")

    monkeypatch.setattr(httpx.Client, "send", refuse)


def count_as_public(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    """Let the address check take `address` (a loopback one, where the test servers are) for
    a public address."""
    judge = fetch_module.address_refusal
    monkeypatch.setattr(
        fetch_module,
        "address_refusal",
        lambda checked: None if str(checked) == address else judge(checked),
    )


def resolve_names(monkeypatch: pytest.MonkeyPatch, answer: Callable[[str], str | None]) -> None:
    """Resolve each name that `answer` gives an IPv4 address for to that address, the others
    as usual."""
    resolve = socket.getaddrinfo

    def fake(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        address = answer(host)
        if address is None:
            return resolve(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
    ],
)
def test_non_public_addresses_are_refused_with_the_reason(address: str, reason: str) -> None:
    assert fetch_module.address_refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert fetch_module.address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1/", "https://[fd00::1]/admin", "http://169.254.169.254/latest/meta-data/"],
)
def test_urls_to_private_addresses_are_refused_before_any_request(url: str) -> None:
    with pytest.raises(InputError, match="refused unless private URLs are allowed") as caught:
        fetch_url(url, IngestOptions())
    assert caught.value.source == url


@pytest.mark.usefixtures("no_network")
def test_localhost_is_refused_by_the_address_it_resolves_to() -> None:
    with pytest.raises(InputError, match=r"localhost \(.*\) is a loopback address"):
        fetch_url("http://localhost:8080/", IngestOptions())


def test_a_local_server_is_refused_without_allow_private_urls(server: str) -> None:
    [error] = list(read_inputs([f"{server}/article"]))
    assert isinstance(error, InputError)
    assert "loopback" in error.reason


def test_an_html_page_is_fetched_and_extracted(server: str) -> None:
    document = fetch_url(f"{server}/article", ALLOW)
    assert document.format == "html"
    assert document.source == f"{server}/article"
    assert document.url == f"{server}/article"
    assert document.outlet == "The Coastal Ledger"
    assert "alert" not in document.text


def test_a_plain_text_page_is_decoded_with_its_http_charset(server: str) -> None:
    document = fetch_url(f"{server}/plain", ALLOW)
    assert (document.format, document.text) == ("text", "“Quoted” café")


def test_a_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    document = fetch_url(f"{server}/redirect", ALLOW)
    assert document.source == f"{server}/redirect"
    assert document.url == f"{server}/article"


def test_a_redirect_to_a_private_address_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    count_as_public(monkeypatch, "127.0.0.1")  # so that only the redirect is judged
    with pytest.raises(InputError, match=r"redirect to .*\[::1\].* is a loopback address"):
        fetch_url(f"{server}/redirect-private", IngestOptions())


def test_more_than_five_redirects_is_an_error(server: str) -> None:
    with pytest.raises(InputError, match="more than 5 redirects"):
        fetch_url(f"{server}/loop", ALLOW)


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_a_body_over_the_limit_is_abandoned(server: str, path: str) -> None:
    options = IngestOptions(allow_private_urls=True, max_bytes=LIMIT)
    with pytest.raises(InputError, match="2,000-byte limit"):
        fetch_url(f"{server}{path}", options)


def test_an_error_status_is_an_error_with_the_status(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404 Not Found"):
        fetch_url(f"{server}/missing", ALLOW)


def test_an_unsupported_content_type_is_an_error(server: str) -> None:
    with pytest.raises(InputError, match="unsupported content type 'application/pdf'"):
        fetch_url(f"{server}/pdf", ALLOW)


def test_a_slow_server_times_out(server: str) -> None:
    options = IngestOptions(allow_private_urls=True, url_timeout_s=0.2)
    with pytest.raises(InputError, match=r"timed out after 0\.2 s"):
        fetch_url(f"{server}/slow", options)


def test_urls_are_read_through_read_inputs_as_documents(server: str) -> None:
    [document] = list(read_inputs([f"{server}/plain"], ALLOW))
    assert isinstance(document, Document)


DEADLINE = IngestOptions(url_timeout_s=1.5)
MARGIN_S = 3.0  # generous: the machine running the tests may be busy


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 1\.5 s"):
        fetch_url(f"{server}/trickle", IngestOptions(allow_private_urls=True, url_timeout_s=1.5))
    assert time.monotonic() - started < 1.5 + MARGIN_S


def test_a_name_slow_to_resolve_is_cut_off_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    resolve = socket.getaddrinfo

    def slow(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "slow-dns.example":
            time.sleep(10)
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 1\.5 s"):
        fetch_url("http://slow-dns.example/", DEADLINE)
    assert time.monotonic() - started < 1.5 + MARGIN_S


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://[::1/", "http://xn--/"])
def test_a_malformed_url_is_an_input_error_naming_it(url: str) -> None:
    with pytest.raises(InputError, match="not a valid URL") as caught:
        fetch_url(url, IngestOptions())
    assert caught.value.source == url


def test_a_redirect_to_a_malformed_url_is_an_input_error(server: str) -> None:
    with pytest.raises(InputError, match="redirect to an invalid URL"):
        fetch_url(f"{server}/redirect-malformed", ALLOW)


def page(text: str, hosts: list[str]) -> type[BaseHTTPRequestHandler]:
    """A handler that serves `text` and notes the Host header of each request."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            send_text(self, text)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Page


def test_the_fetch_connects_to_the_address_it_checked_not_to_a_second_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 127.0.0.2 plays a public host; a rebinding DNS server answers it first, then loopback.
    public_hosts: list[str] = []
    internal_hosts: list[str] = []
    with serving(page("The public page.", public_hosts), "127.0.0.2") as public:
        port = int(public.rsplit(":", 1)[1])
        with serving(page("Internal secrets.", internal_hosts), "127.0.0.1", port):
            answers = iter(["127.0.0.2", "127.0.0.1"])
            resolve_names(
                monkeypatch, lambda host: next(answers) if host == "news.example" else None
            )
            count_as_public(monkeypatch, "127.0.0.2")
            document = fetch_url(f"http://news.example:{port}/story", IngestOptions())
    assert document.text == "The public page."
    assert internal_hosts == []
    assert public_hosts == [f"news.example:{port}"]  # the request still names the host


@pytest.fixture
def news_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """`news.example` and `elsewhere.example` resolve to 127.0.0.1, and count as public."""
    named = ("news.example", "elsewhere.example")
    resolve_names(monkeypatch, lambda host: "127.0.0.1" if host in named else None)
    count_as_public(monkeypatch, "127.0.0.1")


@pytest.mark.usefixtures("news_example")
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the test certificate")
def test_https_to_the_checked_address_still_verifies_the_certificate_for_the_host_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_context.sni_callback = lambda _socket, name, _context: names.append(name)
    trusting = httpx.create_ssl_context

    def trusting_the_test_certificate(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        context = trusting(*args, **kwargs)
        context.load_verify_locations(cert)
        return context

    monkeypatch.setattr(httpx, "create_ssl_context", trusting_the_test_certificate)
    hosts: list[str] = []
    with serving(page("The page over TLS.", hosts), tls=server_context) as served:
        port = int(served.rsplit(":", 1)[1])
        document = fetch_url(f"https://news.example:{port}/story", IngestOptions())
        with pytest.raises(InputError, match=r"certificate is not valid for 'elsewhere\.example'"):
            fetch_url(f"https://elsewhere.example:{port}/story", IngestOptions())
    assert document.text == "The page over TLS."
    assert names[0] == "news.example" and hosts == [f"news.example:{port}"]
