"""Metadata blocks that extraction tools print above an article's text.

trafilatura (with its metadata) and static-site Markdown open with YAML front matter between
two `---` lines (`title:`, `author:`, `date:`, `sitename:`); reader services such as r.jina.ai
open with `Title:`, `URL Source:` and `Published Time:` lines closed by `Markdown Content:`.
The block is the tool's, not the article's, so cleaning sets it aside, and its fields are the
page's metadata as the tool read it.  They name the tool's own keys, the same in every
language, so they are no language data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from propalens.ranges import Range

__all__ = ["FrontMatter", "find_front_matter"]

_FENCE = "---"
# The line that closes a reader service's header; the article follows it.
_READER_END = re.compile(r"(?i:markdown content)\s*:")
_FIELD = re.compile(r"(?P<key>[A-Za-z][\w -]{0,30}?)\s*:(?:\s+(?P<value>.*))?")
# A block this long is no header but a document of its own.
_MAX_FIELDS = 30
# Keys as the tools print them, lower case.
TITLE_KEYS = frozenset({"title"})
AUTHOR_KEYS = frozenset({"author", "authors", "byline"})
DATE_KEYS = frozenset({"date", "published time", "published", "published_time", "pubdate"})
SITE_KEYS = frozenset({"sitename", "site_name", "site name", "publisher", "source-hostname"})


@dataclass(frozen=True)
class FrontMatter:
    """A metadata block at the top of a text, by line index and character range."""

    lines: range
    """Indices of the block's lines (fences and closing line included)."""
    title: Range | None
    """Where the title's value lies in its line, unquoted and trimmed."""
    fields: Mapping[str, str]
    """Each field's value, unquoted, by its key in lower case (the first of a repeated key)."""

    def value(self, keys: frozenset[str]) -> str | None:
        """The value of the first of `keys` the block has."""
        return next((self.fields[key] for key in sorted(keys) if key in self.fields), None)


def find_front_matter(text: str, lines: Sequence[Range]) -> FrontMatter | None:
    """The metadata block that opens `text`, or None.

    `lines` are the text's whitespace-trimmed line ranges, in order (empty for blank lines).
    Every line between the block's first and its end must be a `key: value` field, so that an
    article opening with a horizontal rule or with a "Title: ..." sentence is left alone.
    """
    first = next((i for i, (start, end) in enumerate(lines) if start < end), None)
    if first is None:
        return None
    opening = text[slice(*lines[first])]
    fenced = opening == _FENCE
    if not fenced and not _FIELD.fullmatch(opening):
        return None
    fields: dict[str, str] = {}
    title: Range | None = None
    for index in range(first + 1 if fenced else first, min(len(lines), first + _MAX_FIELDS)):
        start, end = lines[index]
        line = text[start:end]
        if fenced and line == _FENCE:
            return _block(first, index, title, fields)
        if not fenced and _READER_END.fullmatch(line):
            return _block(first, index, title, fields)
        if start == end:
            continue
        field = _FIELD.fullmatch(line)
        if field is None:
            return None
        key = " ".join(field["key"].lower().split())
        value = _unquoted(text, start + field.start("value"), end) if field["value"] else None
        if value is not None and key not in fields:
            fields[key] = text[slice(*value)]
            if key in TITLE_KEYS:
                title = value
    return None


def _block(first: int, last: int, title: Range | None, fields: dict[str, str]) -> FrontMatter:
    return FrontMatter(range(first, last + 1), title, fields)


def _unquoted(text: str, start: int, end: int) -> Range | None:
    """The range of a field's value without the quotes YAML may put around it."""
    while start < end and text[start].isspace():
        start += 1
    if end - start >= 2 and text[start] == text[end - 1] and text[start] in "\"'":
        start, end = start + 1, end - 1
    return (start, end) if start < end else None
