"""Character ranges into the input text: the one `Range` type every step shares.

Every offset propalens reports points into the input exactly as given, so steps pass around
`(start, end)` pairs (end exclusive, Python `str` indices) rather than copies of text.
"""

from __future__ import annotations

from collections.abc import Container

Range = tuple[int, int]


def trimmed(text: str, start: int, end: int, strip: Container[str] | None = None) -> Range:
    """`[start, end)` without the characters in `strip` (default: whitespace) at either end;
    an empty range (start == end) when nothing else is left."""
    while start < end and (text[start].isspace() if strip is None else text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() if strip is None else text[end - 1] in strip):
        end -= 1
    return start, end
