"""Character ranges into the input text: the one `Range` type every step shares.

Every offset propalens reports points into the input exactly as given, so steps pass around
`(start, end)` pairs (end exclusive, Python `str` indices) rather than copies of text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator

Range = tuple[int, int]


def trimmed(text: str, start: int, end: int, strip: Container[str] | None = None) -> Range:
    """`[start, end)` without the characters in `strip` (default: whitespace) at either end;
    an empty range (start == end) when nothing else is left."""
    while start < end and (text[start].isspace() if strip is None else text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() if strip is None else text[end - 1] in strip):
        end -= 1
    return start, end


def merged(ranges: Iterable[Range]) -> list[Range]:
    """The non-empty `ranges` in order, merged where they overlap or touch: the positions they
    cover, as few ranges as can hold them."""
    union: list[Range] = []
    for start, end in sorted(ranges):
        if start >= end:
            continue
        if union and start <= union[-1][1]:
            union[-1] = (union[-1][0], max(union[-1][1], end))
        else:
            union.append((start, end))
    return union


class RangeSet:
    """The positions inside any of some ranges, each looked up by bisection among the ranges
    merged where they overlap, so that asking about every character of a text costs no more per
    character however many ranges (quotes, say) it holds."""

    def __init__(self, ranges: Iterable[Range] = ()) -> None:
        union = merged(ranges)
        self._starts = [start for start, _ in union]
        self._ends = [end for _, end in union]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def gaps(self, start: int, end: int) -> Iterator[Range]:
        """The pieces of `[start, end)` outside every range, in order."""
        index = bisect_right(self._ends, start)
        position = start
        while index < len(self._starts) and self._starts[index] < end:
            if self._starts[index] > position:
                yield position, self._starts[index]
            position = max(position, self._ends[index])
            index += 1
        if position < end:
            yield position, end
