"""URL to `Document`, safely: the URL may come from a stranger, and the fetch runs on our side.

Every host (the first and each redirect's) is looked up once and refused when any of its
addresses is not a public one, so a request cannot reach the machine itself, its network or a
cloud metadata service.  The connection then goes to the addresses that were checked, never to
a second lookup, so a DNS server that answers differently the second time (rebinding) gets
nowhere; and one deadline, `IngestOptions.url_timeout_s`, holds for the whole fetch (lookups,
connects, TLS handshakes, every read), so a server that trickles its headers or body a byte at
a time is cut off in time.  `propalens.ingest.connect` makes the connections.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING, TypeAlias

from propalens.errors import InputError
from propalens.ingest.decode import declared_html_encoding, decode_bytes
from propalens.ingest.document import Document
from propalens.ingest.html_extract import document_from_html
from propalens.ingest.options import IngestOptions

if TYPE_CHECKING:
    import httpx

    from propalens.ingest.connect import PinnedNetwork

MAX_REDIRECTS = 5
_PORTS = {"http": 80, "https": 443}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_USER_AGENT = "propalens/0.1 (article analysis; +https://pypi.org/project/propalens/)"

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address


def fetch_url(url: str, options: IngestOptions) -> Document:
    """Download one http(s) page and read it as HTML or plain text.

    Redirects are followed by hand (at most 5) so each target passes the address check.  The
    body is streamed and abandoned past `options.max_bytes`; `options.url_timeout_s` bounds the
    whole fetch.  Every failure, a malformed URL included, is an `InputError` naming `url`.
    """
    import httpx  # imported late: only URL inputs need it

    from propalens.ingest.connect import Deadline, PinnedNetwork, PinnedTransport

    network = PinnedNetwork(Deadline(options.url_timeout_s))
    headers = {"User-Agent": _USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}
    # trust_env=False: a proxy from the environment would make the address check meaningless.
    # timeout=None: the deadline bounds every step, and no step may take longer than it.
    with httpx.Client(
        transport=PinnedTransport(network),
        follow_redirects=False,
        timeout=None,
        trust_env=False,
        headers=headers,
    ) as client:
        try:
            request = client.build_request("GET", url)
        except (httpx.InvalidURL, UnicodeError) as error:  # httpx lets IDNA errors through
            raise InputError(url, f"not a valid URL ({error})") from None
        try:
            for hop in range(MAX_REDIRECTS + 1):
                _pin(network, request.url, url, options, redirected=hop > 0)
                try:
                    response = client.send(request, stream=True)
                except UnicodeError as error:  # send parses the Location of a redirect
                    raise InputError(url, f"redirect to an invalid URL ({error})") from None
                try:
                    if response.next_request is None:
                        return _read_response(response, url, options)
                    request = response.next_request
                finally:
                    response.close()
        except httpx.TimeoutException:
            raise _timed_out(url, options) from None
        except httpx.HTTPError as error:
            raise InputError(url, f"cannot fetch ({error})") from None
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def _pin(
    network: PinnedNetwork,
    target: httpx.URL,
    source: str,
    options: IngestOptions,
    *,
    redirected: bool,
) -> None:
    """Refuse `target` unless it is http(s) to a host whose every address is public, and pin
    those addresses as the only ones `network` connects the host to.

    `source` is the URL the user gave, which the error names even when `target` is where one
    of its redirects led.
    """
    if target.scheme not in _PORTS:
        raise InputError(source, f"only http and https URLs can be fetched, not {str(target)!r}")
    host = target.raw_host.decode("ascii")
    if not host:
        raise InputError(source, f"no host in {str(target)!r}")
    if host in network.addresses:
        return  # checked already: a second lookup is what a rebinding DNS server waits for
    try:
        addresses = network.look_up(host, target.port or _PORTS[target.scheme])
    except TimeoutError:
        raise _timed_out(source, options) from None
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(source, f"cannot resolve host {host!r} ({error})") from None
    if not options.allow_private_urls:
        for address in addresses:
            parsed = ipaddress.ip_address(address.split("%", 1)[0])
            reason = address_refusal(parsed)
            if reason is not None:
                where = f"redirect to {str(target)!r}: " if redirected else ""
                shown = host if host == str(parsed) else f"{host} ({parsed})"
                raise InputError(
                    source,
                    f"{where}{shown} is a {reason} address; "
                    "refused unless private URLs are allowed",
                )
    network.addresses[host] = addresses


def _timed_out(source: str, options: IngestOptions) -> InputError:
    limit = f"{options.url_timeout_s:g} s"
    return InputError(source, f"timed out after {limit} (the limit is $PROPALENS_URL_TIMEOUT_S)")


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


def _read_response(response: httpx.Response, source: str, options: IngestOptions) -> Document:
    if not response.is_success:
        raise InputError(source, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in _HTML_TYPES | _TEXT_TYPES:
        raise InputError(
            source, f"unsupported content type {media_type or '(none)'!r}; expected HTML or text"
        )
    data = _read_limited(response, source, options)
    final_url = str(response.url)
    if media_type in _HTML_TYPES:
        declared = response.charset_encoding or declared_html_encoding(data)
        html = decode_bytes(data, source, max_bytes=options.max_bytes, declared_encoding=declared)
        return document_from_html(html, source, url=final_url)
    text = decode_bytes(
        data, source, max_bytes=options.max_bytes, declared_encoding=response.charset_encoding
    )
    return Document(source=source, text=text, url=final_url)


def _read_limited(response: httpx.Response, source: str, options: IngestOptions) -> bytes:
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
        chunks.append(chunk)
    return b"".join(chunks)
