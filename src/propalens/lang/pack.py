"""`LanguagePack`, the type every language's package builds, and how they write word lists."""

from __future__ import annotations

from dataclasses import dataclass


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
