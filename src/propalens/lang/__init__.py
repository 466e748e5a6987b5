"""Language packs: what makes a step read one language.

Cleaning, segmentation and quote finding read English through word lists (reporting verbs,
titles and role nouns, month names, name particles, boilerplate lines) and a sentence model.  Each
language keeps them in its own package (`propalens.lang.en`), written once and shared by every
step; `language(code)` returns a language's pack and, asked for a language that has none, names
the languages that have one.
"""

from __future__ import annotations

from collections.abc import Callable

from propalens.lang.pack import LanguagePack

__all__ = ["LANGUAGES", "LanguagePack", "UnknownLanguageError", "language"]


def _english() -> LanguagePack:
    from propalens.lang.en import ENGLISH

    return ENGLISH


# Each language's package is imported when its pack is first asked for.
_PACKS: dict[str, Callable[[], LanguagePack]] = {"en": _english}
LANGUAGES: tuple[str, ...] = tuple(sorted(_PACKS))


class UnknownLanguageError(ValueError):
    """A language code for which propalens has no pack."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no language pack for {code!r}; available: {', '.join(LANGUAGES)}")
        self.code = code


def language(code: str) -> LanguagePack:
    """The pack for `code` ("en"); `UnknownLanguageError`, naming the packs there are, if none."""
    load = _PACKS.get(code)
    if load is None:
        raise UnknownLanguageError(code)
    return load()
