"""Every `PROPALENS_*` environment variable and every limit, read in one place.

`Settings()` reads the environment each time it is made (cheap), so a test or a batch worker
that sets a variable sees it; nothing else in the package reads `os.environ` for propalens.

| variable             | what                                                   | default        |
|----------------------|--------------------------------------------------------|----------------|
| `PROPALENS_MODEL`    | the detector: a shipped model's name or a model folder | `minilm`       |
| `PROPALENS_THREADS`  | CPU threads for the encoder (per process)              | all cores      |
| `PROPALENS_CACHE`    | where derived files (the ONNX encoder) are kept         | user cache     |
| `PROPALENS_MAX_BYTES`| the largest input read (files, records, request bodies)| 10,000,000     |
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
ARTICLE_REACH_CHARS: Final = 100_000
"""The longest text read as one article, past any real one (PTC's longest is 48,000 characters).
A longer input costs in proportion to its length: the encoder reads it in runs of whole sentences
this long, and a span's repetitions are counted within this reach of it."""
MAX_SENTENCE_CHARS: Final = 2_000
"""The longest sentence: a longer run without a sentence end (a line without spaces or stops) is
cut, at a space where it has one, so that no step's cost grows with one sentence's length.  PTC's
longest sentence holds 817 characters."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROPALENS_", frozen=True, extra="ignore")

    model: str = DEFAULT_MODEL
    threads: int | None = Field(default=None, ge=1)
    cache: Path | None = None
    max_bytes: int = Field(default=MAX_INPUT_BYTES, gt=0)

    @property
    def cache_dir(self) -> Path:
        """`cache`, else `propalens/` in the XDG cache folder (~/.cache/propalens)."""
        if self.cache is not None:
            return self.cache
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "propalens"
