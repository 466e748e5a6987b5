"""Who may write to the server, and how often.

A write (any method but GET, HEAD and OPTIONS: today `POST /api/analyze` and the form's
`POST /analyze`) analyses an article, may fetch a URL and always fills the store, so a server
that others can reach holds every write to a bearer token, compared in constant time, and to a
per-client rate counted by slowapi; reads stay open. `Access.for_host` is the policy `serve`
applies: on loopback nothing changes unless a token is set, and beyond loopback a server
without a token starts only when the operator says `--public`.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import HTTPException, Request
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import SecretStr
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

from propalens.settings import check_rate_limit, check_token

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPE = "application/x-www-form-urlencoded"


class ExposureRefused(Exception):
    """Serving beyond loopback with no token, without the operator's explicit `--public`."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"refusing to serve on {host} without a token: anyone who can reach it could "
            "analyse, fetch URLs and fill the store. Set PROPALENS_TOKEN (or --token) to "
            "require a token for writes, or pass --public to serve it open on purpose (its "
            "writes are still rate-limited per client)."
        )


def is_loopback(host: str) -> bool:
    """Whether a server bound to `host` is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve to anything


@dataclass(frozen=True)
class Access:
    """The rules for writes: a token they must carry, and how many one client may make (the
    `limits` notation, e.g. `60/minute`); `None` for either leaves writes free of it."""

    token: SecretStr | None = None
    rate_limit: str | None = None

    def __post_init__(self) -> None:
        # Checked here too: slowapi would only log a limit it cannot read, and count nothing.
        if self.token is not None:
            check_token(self.token.get_secret_value())
        if self.rate_limit is not None:
            check_rate_limit(self.rate_limit)

    @classmethod
    def for_host(
        cls, host: str, *, token: SecretStr | None, public: bool, rate_limit: str
    ) -> Access:
        """The rules for a server bound to `host`: open on loopback without a token (as it
        always was); otherwise rate-limited, and guarded by `token` when there is one, which
        beyond loopback there must be unless `public`."""
        if token is None and is_loopback(host):
            return OPEN
        if token is None and not public:
            raise ExposureRefused(host)
        return cls(token=token, rate_limit=rate_limit)

    def describe(self) -> str:
        """One line for the operator: what a write needs."""
        needs = "need the token" if self.token else "are open to anyone who can reach it"
        limit = f", at most {self.rate_limit} per client" if self.rate_limit else ""
        return f"writes {needs}{limit}"


OPEN = Access()
"""No token, no limit: `create_app`'s default, and a server on loopback without a token."""


def client_key(request: Request) -> str:
    """The client a rate is counted for: its address as uvicorn gives it (a trusted proxy's
    X-Forwarded-For already applied), an IPv6 client by its /64, the block one subscriber
    usually holds, so that stepping through it buys no fresh budget."""
    host = get_remote_address(request)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # an IPv4 client of a dual-stack socket
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return host


def write_guard(access: Access) -> Callable[[Request], Awaitable[None]]:
    """The app-wide dependency that holds every write to `access` (a fresh count per app)."""
    count = _write_counter(access.rate_limit) if access.rate_limit else None
    token = access.token

    async def guard(request: Request) -> None:
        if request.method in READ_METHODS:
            return
        if count is not None:
            await count(request)  # before the token, so guessing it is rate-limited too
        if token is not None:
            await _check_token(request, token)

    return guard


def _write_counter(rate_limit: str) -> Callable[[Request], Awaitable[None]]:
    """Counts a write against its client's budget; over it, a 429 with Retry-After."""
    limiter = Limiter(key_func=client_key, strategy="moving-window")

    # One budget shared by every write path, kept by slowapi's decorator on an empty function.
    @limiter.shared_limit(rate_limit, scope="writes")
    async def counted(request: Request) -> None:
        return None

    async def count(request: Request) -> None:
        try:
            await counted(request=request)
        except RateLimitExceeded as exceeded:
            rate, keys = request.state.view_rate_limit  # what slowapi counted this request by
            reset_at = limiter.limiter.get_window_stats(rate, *keys).reset_time
            retry = max(1, math.ceil(reset_at - time.time()))
            raise HTTPException(
                429,
                f"too many writes from this address ({exceeded.detail}); try again in {retry} s",
                headers={"Retry-After": str(retry)},
            ) from exceeded

    return count


async def _check_token(request: Request, token: SecretStr) -> None:
    """A 401 unless the request carries `token`: as `Authorization: Bearer`, or (the form
    without JavaScript) as the form's `token` field. Never in a URL, where logs keep it."""
    given = _bearer_token(request) or await _form_token(request)
    if not given:
        raise HTTPException(
            401,
            "writes to this server need its token (PROPALENS_TOKEN): "
            "send the header 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
        raise HTTPException(
            401,
            "this is not the server's token (PROPALENS_TOKEN)",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


def _bearer_token(request: Request) -> str:
    scheme, credentials = get_authorization_scheme_param(request.headers.get("authorization"))
    return credentials if scheme.lower() == "bearer" else ""


async def _form_token(request: Request) -> str:
    if request.headers.get("content-type", "").partition(";")[0].strip().lower() != FORM_TYPE:
        return ""
    # The handler reads the same body again: Starlette keeps it on the request.
    values = parse_qs((await request.body()).decode("utf-8", "replace")).get("token", [""])
    return values[0]
