"""How the fetcher connects: only to addresses already checked, and within one deadline.

Left to itself, httpx looks a host name up again when it connects, so a DNS server that answers
differently the second time (DNS rebinding) could turn a checked URL towards a private address;
and its timeouts hold for each read, so a server that sends one byte a second is never cut off.
`PinnedTransport` is httpx's own transport over `PinnedNetwork`, an httpcore network backend
that connects each host name only to the addresses pinned for it, and cuts every connect, TLS
handshake, read and write to what is left of one `Deadline`.  TLS still checks the certificate
against the host name (httpcore passes the name, not the address, as the server name), and the
request keeps its Host header.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future
from typing import Any

import httpcore
import httpx


class Deadline:
    """One time limit for a whole fetch."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; zero or less once the deadline has passed."""
        return self._end - time.monotonic()

    def cut(self, timeout: float | None, expired: type[httpcore.TimeoutException]) -> float:
        """`timeout` for one network step, cut to what is left; `expired` once nothing is."""
        left = self.left()
        if left <= 0:
            raise expired(f"the {self.seconds:g} s deadline passed")
        return left if timeout is None else min(timeout, left)


class PinnedNetwork(httpcore.NetworkBackend):
    """Connects a host name only to the addresses in `addresses[name]`, within `deadline`."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.addresses: dict[str, list[str]] = {}
        self._network = httpcore.SyncBackend()

    def look_up(self, host: str, port: int) -> list[str]:
        """The addresses of `host` (itself when it is one), or `TimeoutError` at the deadline.

        getaddrinfo takes no timeout, so it runs in a thread of its own that the fetch stops
        waiting for at the deadline (the system resolver's own timeouts end the thread later).
        """
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass  # a name, not an address
        answer: Future[list[str]] = Future()

        def run() -> None:
            try:
                infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
                answer.set_result([str(info[4][0]) for info in infos])
            except Exception as error:  # handed over to the waiting fetch, which raises it
                answer.set_exception(error)

        threading.Thread(target=run, name=f"look up {host}", daemon=True).start()
        return answer.result(timeout=max(self.deadline.left(), 0))

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        failure: httpcore.ConnectError = httpcore.ConnectError(f"no address pinned for {host}")
        for address in self.addresses.get(host, ()):
            try:
                stream = self._network.connect_tcp(
                    address,
                    port,
                    self.deadline.cut(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except httpcore.ConnectError as error:  # the next address may answer
                failure = error
                continue
            return _DeadlineStream(stream, self.deadline)
        raise failure


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        handshake = self._deadline.cut(timeout, httpcore.ConnectTimeout)
        stream = self._stream.start_tls(ssl_context, server_hostname, handshake)
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport (requests, responses, its exceptions) over a `PinnedNetwork`.

    httpx 0.28 takes no network backend (encode/httpx#3749 would add the argument), so the
    connection pool it builds is replaced by the same pool over `network`.
    """

    def __init__(self, network: PinnedNetwork) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=network)
