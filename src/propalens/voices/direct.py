"""Direct quotes: the words between quote marks, found from the marks alone.

Straight, curly and single marks count; an apostrophe ("Russia's", "Francis' commission") never
opens a quote.  A quote may run over several lines; an unclosed quote ends where the next one
opens on a new line (the usual style for a quote that goes on over several paragraphs).  Quotes
nested inside a quote are part of it, not quotes of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from propalens.ranges import Range, trimmed

DOUBLE_MARKS = '"“”'
# Characters after which a straight double mark opens a quote.
_OPENERS_BEFORE = "([{—–-/:;,…"


@dataclass
class DirectQuote:
    """The words between two quote marks (`start`, `end`) and the marks' own offsets."""

    start: int
    end: int
    open_mark: int
    close_mark: int
    speaker: str | None = None
    tweet: bool = False

    def trim(self, text: str) -> DirectQuote:
        """The quote without whitespace at either end; its marks stay where they are."""
        self.start, self.end = trimmed(text, self.start, self.end)
        return self


def line_bounds(text: str, position: int, lo: int, hi: int) -> Range:
    """The line of `text[lo:hi]` that holds `position`, without its newline."""
    start = text.rfind("\n", lo, position) + 1 if position > lo else lo
    start = max(start, lo)
    end = text.find("\n", position, hi)
    return start, hi if end < 0 else end


def _double_role(text: str, i: int, lo: int, hi: int) -> str | None:
    char = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if char == "”":
        return "close" if not prev.isspace() else None
    if char == "“":
        return "open" if not nxt.isspace() else None
    if nxt.isspace() or nxt in ",.;:!?)]”…" or i + 1 >= hi:
        return "close" if not prev.isspace() else None
    if prev.isspace() or prev in _OPENERS_BEFORE or i == lo:
        return "open"
    return "either"


def at_line_start(text: str, position: int, lo: int) -> bool:
    """Whether only whitespace precedes `position` on its line."""
    line_start = text.rfind("\n", lo, position) + 1 if position > lo else lo
    return text[max(line_start, lo) : position].strip() == ""


def double_quotes(text: str, lo: int, hi: int, masked: list[Range]) -> list[DirectQuote]:
    """Quotes between double marks in `text[lo:hi]`, ignoring marks inside `masked`."""
    quotes: list[DirectQuote] = []
    open_at: int | None = None
    depth = 0
    for i in range(lo, hi):
        if text[i] not in DOUBLE_MARKS or inside(i, masked):
            continue
        role = _double_role(text, i, lo, hi)
        if role is None:
            continue
        if open_at is None:
            if role in {"open", "either"}:
                open_at, depth = i, 1
            continue
        if role == "close" or (role == "either" and depth == 1):
            depth -= 1
            if depth == 0:
                quotes.append(DirectQuote(open_at + 1, i, open_at, i))
                open_at = None
            continue
        # An opening mark while a quote is open.
        if "\n" in text[open_at:i]:
            # The open quote was a paragraph left unclosed: it ends with its last line.
            end = text.rfind("\n", open_at, i)
            quotes.append(DirectQuote(open_at + 1, end, open_at, end))
            open_at, depth = i, 1
        else:
            depth += 1
    if open_at is not None:
        _, line_end = line_bounds(text, open_at, lo, hi)
        quotes.append(DirectQuote(open_at + 1, line_end, open_at, line_end))
    return [q.trim(text) for q in quotes if q.end > q.start]


def single_quotes(text: str, lo: int, hi: int, masked: list[Range]) -> list[DirectQuote]:
    """Quotes between single marks, each within one line, outside `masked`."""
    quotes: list[DirectQuote] = []
    for line in re.finditer(r"[^\n]+", text[lo:hi]):
        start, end = lo + line.start(), lo + line.end()
        i = start
        while i < end:
            char = text[i]
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            if char in "‘'" and not prev.isalnum() and nxt.isalnum() and not inside(i, masked):
                close = _single_close(text, i + 1, end)
                if close is not None and not inside(close, masked):
                    quotes.append(DirectQuote(i + 1, close, i, close))
                    i = close + 1
                    continue
            i += 1
    return quotes


def _single_close(text: str, start: int, end: int) -> int | None:
    for j in range(start, end):
        if text[j] in "’'" and not text[j - 1].isspace():
            nxt = text[j + 1] if j + 1 < end else " "
            if not nxt.isalnum():
                return j
    return None


def inside(position: int, spans: Sequence[Range]) -> bool:
    """Whether `position` lies in one of `spans` (end exclusive)."""
    return any(start <= position < end for start, end in spans)
