"""URL to `Document`, safely: the URL may come from a stranger, and the fetch runs on our side.

Every host (the first and each redirect's) is resolved and refused when any of its addresses
is not a public one, so a request cannot reach the machine itself, its network or a cloud
metadata service.  Known gap: the HTTP client resolves the name again when it connects, so a
DNS server that answers differently the second time (rebinding) is not stopped here; deploy
behind an egress firewall where that matters.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlsplit

from propalens.errors import InputError
from propalens.ingest.decode import declared_html_encoding, decode_bytes
from propalens.ingest.document import Document
from propalens.ingest.html_extract import document_from_html
from propalens.ingest.options import IngestOptions

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
_SCHEMES = ("http", "https")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_USER_AGENT = "propalens/0.1 (article analysis; +https://pypi.org/project/propalens/)"

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address


def fetch_url(url: str, options: IngestOptions) -> Document:
    """Download one http(s) page and read it as HTML or plain text.

    Redirects are followed by hand (at most 5) so each target passes the address check.  The
    body is streamed and abandoned past `options.max_bytes`; `options.url_timeout_s` bounds
    each network step and the whole download.  Every failure is an `InputError` naming `url`.
    """
    import httpx  # imported late: only URL inputs need it

    deadline = time.monotonic() + options.url_timeout_s
    headers = {"User-Agent": _USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}
    # trust_env=False: a proxy from the environment would make the address check meaningless.
    with httpx.Client(
        follow_redirects=False,
        timeout=options.url_timeout_s,
        trust_env=False,
        headers=headers,
    ) as client:
        try:
            request = client.build_request("GET", url)
            for hop in range(MAX_REDIRECTS + 1):
                check_url(str(request.url), url, options, redirected=hop > 0)
                response = client.send(request, stream=True)
                try:
                    if response.next_request is None:
                        return _read_response(response, url, options, deadline)
                    request = response.next_request
                finally:
                    response.close()
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {options.url_timeout_s:g} s") from None
        except httpx.HTTPError as error:
            raise InputError(url, f"cannot fetch ({error})") from None
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def check_url(
    target: str, source: str, options: IngestOptions, *, redirected: bool = False
) -> None:
    """Refuse `target` unless it is http(s) to a host whose every address is public.

    `source` is the URL the user gave, which the error names even when `target` is where one
    of its redirects led.
    """
    parts = urlsplit(target)
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError(source, f"only http and https URLs can be fetched, not {target!r}")
    host = parts.hostname
    if not host:
        raise InputError(source, f"no host in {target!r}")
    if options.allow_private_urls:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise InputError(source, f"bad port in {target!r}") from None
    for address in _resolve(host, port, source):
        reason = address_refusal(address)
        if reason is not None:
            where = f"redirect to {target!r}: " if redirected else ""
            shown = host if host == str(address) else f"{host} ({address})"
            raise InputError(
                source,
                f"{where}{shown} is a {reason} address; refused unless private URLs are allowed",
            )


def address_refusal(address: IPAddress) -> str | None:
    """Why an address must not be fetched from (e.g. "loopback"), or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (
        (address.is_loopback, "loopback"),
        (address.is_unspecified, "unspecified"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        # Catches the rest of the special ranges, e.g. 100.64.0.0/10 (carrier-grade NAT).
        (not address.is_global, "non-public"),
    )
    return next((reason for refused, reason in checks if refused), None)


def _resolve(host: str, port: int, source: str) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.split("%", 1)[0])]
    except ValueError:
        pass  # a name, not a literal address
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(source, f"cannot resolve host {host!r} ({error})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _read_response(
    response: httpx.Response, source: str, options: IngestOptions, deadline: float
) -> Document:
    if not response.is_success:
        raise InputError(source, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in _HTML_TYPES | _TEXT_TYPES:
        raise InputError(
            source, f"unsupported content type {media_type or '(none)'!r}; expected HTML or text"
        )
    data = _read_limited(response, source, options, deadline)
    final_url = str(response.url)
    if media_type in _HTML_TYPES:
        declared = response.charset_encoding or declared_html_encoding(data)
        html = decode_bytes(data, source, max_bytes=options.max_bytes, declared_encoding=declared)
        return document_from_html(html, source, url=final_url)
    text = decode_bytes(
        data, source, max_bytes=options.max_bytes, declared_encoding=response.charset_encoding
    )
    return Document(source=source, text=text, url=final_url)


def _read_limited(
    response: httpx.Response, source: str, options: IngestOptions, deadline: float
) -> bytes:
    too_big = f"response larger than the {options.max_bytes:,}-byte limit"
    declared_length = response.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > options.max_bytes:
        raise InputError(source, too_big)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputError(source, too_big)
        # The client's timeout is per read; a server that trickles bytes needs this too.
        if time.monotonic() > deadline:
            raise InputError(source, f"timed out after {options.url_timeout_s:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
