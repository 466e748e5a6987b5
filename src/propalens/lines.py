"""Lines as every step that reads them finds them: a line ends at "\\n", "\\r\\n" or a lone "\\r".

Files written on old Macs and by some publishing systems end lines with "\\r" alone; read as one
line, such an article is one run-on paragraph whose first line is all of it.  Lines are found,
never rewritten, so every offset still points into the text as given.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from propalens.ranges import Range

LINE_BREAK_CHARS = "\r\n"
LINE = re.compile(r"[^\r\n]+")
"""The text of a non-blank line (a line is never empty between the two halves of "\\r\\n")."""
LINE_BREAK = re.compile(r"\r\n?|\n")
_BREAK_CHAR = re.compile(r"[\r\n]")


def line_ranges(text: str) -> list[Range]:
    """Every line of `text`, blank ones included, without its break: what `str.split("\\n")`
    gives for "\\n" alone, in offsets."""
    ranges: list[Range] = []
    position = 0
    for line_break in LINE_BREAK.finditer(text):
        ranges.append((position, line_break.start()))
        position = line_break.end()
    ranges.append((position, len(text)))
    return ranges


def count_line_breaks(text: str, start: int, end: int) -> int:
    return sum(1 for _ in LINE_BREAK.finditer(text, start, end))


class LineIndex:
    """Where the lines of `text[lo:hi]` start and end, found once, so that the line around any
    position is found by bisection however long the lines are."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        self.lo = lo
        self.hi = hi
        self._breaks = [match.start() for match in _BREAK_CHAR.finditer(text, lo, hi)]

    def bounds(self, position: int) -> Range:
        """The line of `text[lo:hi]` that holds `position`, without its break."""
        following = bisect_left(self._breaks, position)
        start = self._breaks[following - 1] + 1 if following and position > self.lo else self.lo
        end = self._breaks[following] if following < len(self._breaks) else self.hi
        return max(start, self.lo), end

    def following(self, line_end: int) -> Range | None:
        """The line after the one that ends at `line_end`; None after the last."""
        start = LINE_BREAK.match(self.text, line_end, self.hi)
        return self.bounds(start.end()) if start else None

    def preceding(self, line_start: int) -> Range | None:
        """The line before the one that starts at `line_start`; None before the first."""
        if line_start <= self.lo:
            return None
        end = line_start - 2 if self.text[line_start - 2 : line_start] == "\r\n" else line_start - 1
        return self.bounds(end) if end > self.lo else None

    def at_line_start(self, position: int) -> bool:
        """Whether only white space precedes `position` on its line."""
        line_start = self.bounds(position)[0]
        while position > line_start and self.text[position - 1].isspace():
            position -= 1
        return position <= line_start
