"""Language packs: what makes a step read one language.

Cleaning, segmentation and quote finding read a language through its pack (`LanguagePack`): a
sentence model, how it writes dates, the words of names and titles, the words of reported speech,
and the whole-line rules of boilerplate.  Each language keeps them in its own package
(`propalens.lang.en`), which only this module imports; the steps take the pack as a parameter.
`language(code)` returns a language's pack and, asked for a language that has none, names the
languages that have one.
"""

from __future__ import annotations

from propalens.lang.en import ENGLISH
from propalens.lang.pack import LanguagePack

__all__ = ["ENGLISH", "LANGUAGES", "LanguagePack", "UnknownLanguageError", "language"]

# A language's pack by its code; a further language registers its package's pack here.
_PACKS: dict[str, LanguagePack] = {"en": ENGLISH}
LANGUAGES: tuple[str, ...] = tuple(sorted(_PACKS))


class UnknownLanguageError(ValueError):
    """A language code for which propalens has no pack."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no language pack for {code!r}; available: {', '.join(LANGUAGES)}")
        self.code = code


def language(code: str) -> LanguagePack:
    """The pack for `code` ("en"); `UnknownLanguageError`, naming the packs there are, if none."""
    pack = _PACKS.get(code)
    if pack is None:
        raise UnknownLanguageError(code)
    return pack
