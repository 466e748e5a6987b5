"""`IngestOptions`: the knobs every reader shares, so the CLI, the API and a batch agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from propalens.settings import MAX_INPUT_BYTES, Settings


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.  Frozen, so one instance can be shared by threads and workers."""

    max_bytes: int = MAX_INPUT_BYTES
    """Inputs (and corpus records) larger than this are refused rather than read whole."""
    allow_private_urls: bool = False
    """URLs that resolve to private, loopback or link-local addresses are refused unless this is
    set, so a server that fetches user-given URLs cannot be turned on its own network."""
    url_timeout_s: float = field(default_factory=lambda: Settings().url_timeout_s)
    """One deadline for the whole fetch of a URL: lookups, connects, headers and body."""
    text_column: str = "text"
    """JSONL key / CSV column holding the article text."""
    id_column: str | None = None
    title_column: str | None = "title"
    url_column: str | None = "url"
    outlet_column: str | None = "outlet"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.url_timeout_s <= 0:
            raise ValueError(f"url_timeout_s must be positive, not {self.url_timeout_s}")
        if not self.text_column:
            raise ValueError("text_column must name a column")


DEFAULT_OPTIONS = IngestOptions()
