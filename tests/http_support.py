"""Real HTTP servers on loopback for the URL tests (not a test module), and the slow server a
fetch must not wait on: one that sends its response one byte per second."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TRICKLED = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"." * 30 + b"\r\n\r\n"
"""A response whose headers alone take over a minute at one byte per second; each byte comes
well within any per-read timeout."""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the load tests connect dozens of clients at once

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up early (the point of several tests) break the pipe


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler],
    host: str = "127.0.0.1",
    port: int = 0,
    tls: ssl.SSLContext | None = None,
) -> Iterator[str]:
    """Serve `handler` on `host`:`port` (0: a free port) in a thread, over TLS when given a
    server context; yields the base URL."""
    httpd = QuietServer((host, port), handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if tls else 'http'}://{host}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """Answer with `TRICKLED`, one byte per second, until done or the client hangs up."""
    for byte in TRICKLED:
        handler.wfile.write(bytes([byte]))
        time.sleep(1.0)


def send_text(handler: BaseHTTPRequestHandler, text: str) -> None:
    """Answer 200 with `text` as UTF-8 plain text."""
    body = text.encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
