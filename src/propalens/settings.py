"""Every `PROPALENS_*` environment variable and every limit, read in one place.

`Settings()` reads the environment each time it is made (cheap), so a test or a batch worker
that sets a variable sees it; nothing else in the package reads `os.environ` for propalens.

| variable             | what                                                   | default        |
|----------------------|--------------------------------------------------------|----------------|
| `PROPALENS_MODEL`    | the detector: a shipped model's name or a model folder | `minilm`       |
| `PROPALENS_THREADS`  | CPU threads for the encoder (per process)              | all cores      |
| `PROPALENS_CACHE`    | where derived files (the ONNX encoder) are kept         | user cache     |
| `PROPALENS_MAX_BYTES`| the largest input read (files, records, request bodies)| 10,000,000     |
| `PROPALENS_URL_TIMEOUT_S` | the deadline for fetching one URL, every step together | 15 |
| `PROPALENS_MAX_ANALYSES` | analyses (with their fetches) the server runs at once | 2 × cores |
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL: Final = "minilm"
MAX_INPUT_BYTES: Final = 10_000_000
"""A stray video or log file must not take the machine's memory, nor a request body the
server's: inputs, corpus records and request bodies larger than this are refused unread."""
URL_TIMEOUT_S: Final = 15.0
"""A URL is fetched (looked up, connected, headers and body read) within this, or given up."""


def default_max_analyses() -> int:
    """Two per core: one analysis computing while another waits on its fetch."""
    return 2 * (os.cpu_count() or 1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROPALENS_", frozen=True, extra="ignore")

    model: str = DEFAULT_MODEL
    threads: int | None = Field(default=None, ge=1)
    cache: Path | None = None
    max_bytes: int = Field(default=MAX_INPUT_BYTES, gt=0)
    url_timeout_s: float = Field(default=URL_TIMEOUT_S, gt=0)
    max_analyses: int = Field(default_factory=default_max_analyses, ge=1)
    """Past this many at once the server answers 503 at once rather than queue the request."""

    @property
    def cache_dir(self) -> Path:
        """`cache`, else `propalens/` in the XDG cache folder (~/.cache/propalens)."""
        if self.cache is not None:
            return self.cache
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "propalens"
