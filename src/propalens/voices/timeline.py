"""Names at positions in the text: who the article mentioned where, looked up by bisection."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterator

from propalens.settings import ARTICLE_REACH_CHARS


class Timeline:
    """Names at positions in the text, kept in text order, so that looking back (or ahead)
    from a position costs what it reads, however many names the text holds."""

    def __init__(self) -> None:
        self._entries: list[tuple[int, str]] = []

    def add(self, position: int, name: str) -> None:
        insort(self._entries, (position, name))

    def latest(self, at: int) -> tuple[int, str] | None:
        """The last entry at or before `at` (of two at one position, the greater name)."""
        index = bisect_right(self._entries, at, key=position_of)
        return self._entries[index - 1] if index else None

    def back(self, at: int) -> Iterator[str]:
        """Names at or before `at`, latest first, back to `ARTICLE_REACH_CHARS` before it."""
        return (name for _, name in self.entries_back(at))

    def entries_back(self, at: int, floor: int | None = None) -> Iterator[tuple[int, str]]:
        """(position, name) at or before `at`, latest first, back to `floor` (by default
        `ARTICLE_REACH_CHARS` before `at`)."""
        floor = at - ARTICLE_REACH_CHARS if floor is None else floor
        index = bisect_right(self._entries, at, key=position_of)
        while index > 0 and self._entries[index - 1][0] >= floor:
            index -= 1
            yield self._entries[index]

    def ahead(self, at: int) -> Iterator[str]:
        """Names after `at`, in order, up to `ARTICLE_REACH_CHARS` after it."""
        index = bisect_right(self._entries, at, key=position_of)
        while index < len(self._entries) and self._entries[index][0] <= at + ARTICLE_REACH_CHARS:
            yield self._entries[index][1]
            index += 1


def position_of(entry: tuple[int, str] | tuple[int, int, str]) -> int:
    """Where an entry of a timeline (or of a list ordered like one) sits in the text."""
    return entry[0]
