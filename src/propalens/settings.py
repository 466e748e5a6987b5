"""Every `PROPALENS_*` environment variable and every limit, read in one place.

`Settings()` reads the environment each time it is made (cheap), so a test or a batch worker
that sets a variable sees it; nothing else in the package reads `os.environ` for propalens.

| variable             | what                                                   | default        |
|----------------------|--------------------------------------------------------|----------------|
| `PROPALENS_MODEL`    | the detector: a shipped model's name or a model folder | `minilm`       |
| `PROPALENS_THREADS`  | CPU threads for the encoder (per process)              | all cores      |
| `PROPALENS_CACHE`    | where derived files (the ONNX encoder) are kept         | user cache     |
| `PROPALENS_MAX_BYTES`| the largest input read (files, records, request bodies)| 10,000,000     |
| `PROPALENS_TOKEN`    | the bearer token that `serve` requires for writes      | none           |
| `PROPALENS_RATE_LIMIT` | writes per client of a guarded server (`serve`)      | `60/minute`    |
| `PROPALENS_URL_TIMEOUT_S` | the deadline for fetching one URL, every step together | 15 |
| `PROPALENS_MAX_ANALYSES` | analyses (with their fetches) the server runs at once | 2 × cores |
| `PROPALENS_DB`       | the store: a SQLite file or a `postgresql://` URL     | user data dir |
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL: Final = "minilm"
MAX_INPUT_BYTES: Final = 10_000_000
"""A stray video or log file must not take the machine's memory, nor a request body the
server's: inputs, corpus records and request bodies larger than this are refused unread."""
URL_TIMEOUT_S: Final = 15.0
"""A URL is fetched (looked up, connected, headers and body read) within this, or given up."""
ARTICLE_REACH_CHARS: Final = 100_000
"""The longest text read as one article, past any real one (PTC's longest is 48,000 characters).
A longer input costs in proportion to its length: the encoder reads it in runs of whole sentences
this long, the Markdown parser in runs of whole paragraphs, and a span's repetitions are counted
within this reach of it."""
MAX_SENTENCE_CHARS: Final = 2_000
"""The longest sentence: a longer run without a sentence end (a line without spaces or stops) is
cut, at a space where it has one, so that no step's cost grows with one sentence's length.  PTC's
longest sentence holds 817 characters."""
DEFAULT_RATE_LIMIT: Final = "60/minute"
"""Writes (analyses, each perhaps a URL fetch) one client may make on a server reachable beyond
loopback or guarded by a token: enough for a person at the form or a careful script."""
MIN_TOKEN_CHARS: Final = 16
_TOKEN_CHARACTERS: Final = re.compile(r"[A-Za-z0-9._~+/=-]+")  # RFC 6750's b64token


def check_token(token: str) -> str:
    """`token` if it can guard a server: long enough not to be guessed, and made of the
    characters an `Authorization: Bearer` header carries."""
    if len(token) < MIN_TOKEN_CHARS or not _TOKEN_CHARACTERS.fullmatch(token):
        raise ValueError(
            f"a token needs at least {MIN_TOKEN_CHARS} characters of A-Z, a-z, 0-9 and -._~+/= "
            "(make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return token


def check_rate_limit(limit: str) -> str:
    """`limit` if it reads as one or more rates such as `60/minute` or `10 per second; 500 per
    day` (the `limits` library's notation, which the server counts with)."""
    from limits import parse_many  # imported late: only serving needs it

    try:
        rates = parse_many(limit)
    except ValueError:
        rates = []
    if not rates or any(rate.amount < 1 for rate in rates):
        raise ValueError(
            f"a rate limit reads like 60/minute or '10 per second; 500 per day', not {limit!r}"
        )
    return limit


def default_max_analyses() -> int:
    """Two per core: one analysis computing while another waits on its fetch."""
    return 2 * (os.cpu_count() or 1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROPALENS_", frozen=True, extra="ignore")

    model: str = DEFAULT_MODEL
    threads: int | None = Field(default=None, ge=1)
    cache: Path | None = None
    max_bytes: int = Field(default=MAX_INPUT_BYTES, gt=0)
    # Checked (`check_token`, `check_rate_limit`) where they are used, by `serve` alone: a bad
    # value must not stop an analysis or a batch worker.
    token: SecretStr | None = None
    rate_limit: str = DEFAULT_RATE_LIMIT
    url_timeout_s: float = Field(default=URL_TIMEOUT_S, gt=0)
    max_analyses: int = Field(default_factory=default_max_analyses, ge=1)
    """Past this many at once the server answers 503 at once rather than queue the request."""
    db: str | None = None
    """The store when no `--db` names one (`propalens.store.resolve_location`)."""

    @property
    def cache_dir(self) -> Path:
        """`cache`, else `propalens/` in the XDG cache folder (~/.cache/propalens)."""
        if self.cache is not None:
            return self.cache
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "propalens"
