"""Direct quotes: the words between quote marks, found from the marks alone.

Straight, curly and single marks count; an apostrophe ("Russia's", "Francis' commission") never
opens a quote.  A quote may run over several lines; an unclosed quote ends where the next one
opens on a new line (the usual style for a quote that goes on over several paragraphs).  Quotes
nested inside a quote are part of it, not quotes of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from propalens.lines import LINE, LINE_BREAK, LINE_BREAK_CHARS
from propalens.ranges import RangeSet, trimmed

DOUBLE_MARKS = '"“”'
_DOUBLE_MARK_OR_LINE_BREAK = re.compile(f"[{DOUBLE_MARKS}{LINE_BREAK_CHARS}]")
_SINGLE_MARK = re.compile("[‘’']")
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


def double_quotes(text: str, lo: int, hi: int, masked: RangeSet) -> list[DirectQuote]:
    """Quotes between double marks in `text[lo:hi]`, ignoring marks inside `masked`."""
    quotes: list[DirectQuote] = []
    open_at: int | None = None
    depth = 0
    last_line_break = -1
    for mark in _DOUBLE_MARK_OR_LINE_BREAK.finditer(text, lo, hi):
        i = mark.start()
        if text[i] in LINE_BREAK_CHARS:
            last_line_break = i
            continue
        if i in masked:
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
        if last_line_break > open_at:
            # The open quote was a paragraph left unclosed: it ends with its last line.
            end = last_line_break
            quotes.append(DirectQuote(open_at + 1, end, open_at, end))
            open_at, depth = i, 1
        else:
            depth += 1
    if open_at is not None:
        line_end = LINE_BREAK.search(text, open_at, hi)
        end = line_end.start() if line_end else hi
        quotes.append(DirectQuote(open_at + 1, end, open_at, end))
    return [q.trim(text) for q in quotes if q.end > q.start]


def single_quotes(text: str, lo: int, hi: int, masked: RangeSet) -> list[DirectQuote]:
    """Quotes between single marks, each within one line, outside `masked`.

    A quote closes at the first closing mark after its opening one; the closing marks of a line
    are found once, so a line of many opening marks and no closing one costs its length."""
    quotes: list[DirectQuote] = []
    for line in LINE.finditer(text, lo, hi):
        start, end = line.span()
        marks = [mark.start() for mark in _SINGLE_MARK.finditer(text, start, end)]
        closes = [j for j in marks if j > start and _closes_single(text, j, end)]
        resume = start
        for i in marks:
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            if i < resume or text[i] not in "‘'" or prev.isalnum() or not nxt.isalnum():
                continue
            if i in masked:
                continue
            following = bisect_left(closes, i + 1)
            if following < len(closes) and closes[following] not in masked:
                close = closes[following]
                quotes.append(DirectQuote(i + 1, close, i, close))
                resume = close + 1
    return quotes


def _closes_single(text: str, j: int, end: int) -> bool:
    """Whether the mark at `j` can close a single quote on the line ending at `end`."""
    nxt = text[j + 1] if j + 1 < end else " "
    return text[j] in "’'" and not text[j - 1].isspace() and not nxt.isalnum()
