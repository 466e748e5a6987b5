"""`LanguagePack` and the shapes of a language's data: word sets and whole-line rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from propalens.schema import RemovedKind


@dataclass(frozen=True)
class LanguagePack:
    """A language as the pipeline's steps see it; its word lists live in its package."""

    code: str
    """The ISO 639-1 code: "en"."""
    name: str
    """The language's English name: "English"."""
    punkt_model: str
    """The Punkt sentence model that splits its text (a name `punkt.tokenizer_for` knows)."""


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: how the packs write their word lists."""
    return frozenset(text.split())


@dataclass(frozen=True)
class LineRule:
    """A whole-line pattern for one kind of non-body text.

    `date_rank` orders the dates found by different rules when choosing `published` (lower wins;
    None means the rule's date is not a publication date).  `outlet_rank` does the same for
    `outlet`.
    """

    name: str
    kind: RemovedKind
    pattern: re.Pattern[str]
    max_len: int = 300
    date_rank: int | None = None
    outlet_rank: int | None = None

    def match(self, line: str) -> re.Match[str] | None:
        """The match on a trimmed line, or None; lines over `max_len` never match."""
        if len(line) > self.max_len:
            return None
        return self.pattern.fullmatch(line)
