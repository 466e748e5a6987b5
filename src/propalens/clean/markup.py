"""Markdown in a text: which characters are syntax, which words are links, what a reader sees.

Reader tools, html2text-like converters and people pasting an article bring Markdown with it:
`[RT](#)`, `**bold**`, `# Title`, `> quoted`, `&amp;`.  The words are the article's; the syntax
around them is not, and must reach no model, no boilerplate rule and no quote finder.
`find_markup` says where the syntax lies (`Markup.ranges`: a link's `[` and `](url)`, emphasis
and strong markers, a whole `![alt](src)` image, the `<` and `>` of an autolink, inline code's
backticks, backslash escapes, heading `#`s, bullet and quote markers, table pipes, rules and
separator rows, and HTML entities) and where the visible text of each link lies
(`Markup.links`).  `visible_text` is the text with its syntax blanked out, of the same length,
so that every offset found in it is an offset into the text as given: nothing is rewritten, and
cleaning sets markup aside as it sets boilerplate aside.  An entity is the one piece of markup
a reader sees something of, its character (`shown`); it is also the only one that starts with
"&".

markdown-it-py parses the text (CommonMark and tables).  Its tokens carry line numbers, not
character offsets, so each block's inline content is placed on its source lines, and each
inline token at its place in that content; the link, image, autolink and code-span rules are
wrapped to record where each of their constructs ends.  Whatever does not line up stays text:
on odd or hostile input the worst outcome is text read as plain text, never an error.  A long
text is parsed in runs of whole paragraphs (`ARTICLE_REACH_CHARS`), so that its cost grows with
its length and its tokens are held one run at a time.

Some CommonMark rules are off because they misread scraped prose: indented code (an indented
paragraph is still prose), fenced code and raw HTML blocks (their lines would never be read),
and link reference definitions (so that "[1]" stays a citation).  An ordered list's number
stays visible ("1." is a word a reader sees, and "2019. The year..." opens a line as often as a
list does), and so does an HTML tag: a tag in a text article is text, shown as given (the views
escape it), and its attributes are never read as Markdown.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, autolink, backtick, image, link
from markdown_it.token import Token

from propalens.lines import line_ranges
from propalens.ranges import Range, trimmed
from propalens.settings import ARTICLE_REACH_CHARS

__all__ = ["NO_MARKUP", "Link", "MarkedText", "Markup", "find_markup", "shown", "visible_text"]


@dataclass(frozen=True)
class Link:
    """A link as a reader sees it: its visible text `[start, end)` and where it points."""

    start: int
    end: int
    href: str


@dataclass(frozen=True)
class Markup:
    """The Markdown found in a text: offsets into it, end exclusive."""

    ranges: tuple[Range, ...]
    """The characters that are syntax, not words: sorted, disjoint, and never holding a line
    break, so that blanking them keeps the text's lines."""
    links: tuple[Link, ...]
    """The links' visible text, in order."""


NO_MARKUP = Markup((), ())

_RuleFunction = Callable[[StateInline, bool], bool]
_SOURCE = "propalens.source"
"""The `Token.meta` key under which a wrapped inline rule records its construct's extent."""


def _recording(rule: _RuleFunction) -> _RuleFunction:
    """`rule`, recording on the first token it opens where in the inline content its construct
    starts and ends (markdown-it keeps no offsets)."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start, before = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            # A rule first flushes the text pending before it as a token of its own.
            for index in range(before, len(state.tokens)):
                if state.tokens[index].type != "text":
                    state.tokens[index].meta[_SOURCE] = (start, state.pos)
                    break
        return found

    return recorded


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    # text_join would fold escapes and entities into the text around them, hiding where they are.
    parser.disable(["code", "fence", "html_block", "reference", "text_join"])
    for name, rule in (
        ("link", link),
        ("image", image),
        ("autolink", autolink),
        ("backticks", backtick),
    ):
        parser.inline.ruler.at(name, _recording(rule))
    return parser


_PARSER = _parser()
_DELIMITERS = frozenset({"em_open", "em_close", "strong_open", "strong_close"})
_RECORDED = frozenset({"link_open", "image", "code_inline"})
_LINE_BLOCKS = frozenset({"paragraph_open", "heading_open"})
_ORDERED_MARKER = re.compile(r"\d{1,9}[.)][ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+")
_QUOTE_MARKERS_ONLY = re.compile(r"[ \t]*(?:>[ \t]*)+")


class _Misaligned(Exception):
    """An inline token is not where its content says: the block is left as text."""


def shown(markup: str) -> str:
    """What a reader sees in place of a piece of markup: an entity's character (a space for a
    white-space or control character, so that no entity breaks a line), nothing for syntax."""
    if not markup.startswith("&"):
        return ""
    character = html.unescape(markup)
    return character if character.isprintable() and not character.isspace() else " "


def visible_text(text: str, markup: Markup) -> str:
    """`text` with its markup blanked: each syntax character a space, each entity its character
    followed by spaces.  Of the same length, and with the same lines, as `text`."""
    parts: list[str] = []
    position = 0
    for start, end in markup.ranges:
        parts.append(text[position:start])
        character = shown(text[start:end])
        parts.append(character + " " * (end - start - len(character)))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def find_markup(text: str) -> Markup:
    """The Markdown syntax and links in `text`; `NO_MARKUP` for a text without any."""
    source = text.replace("\0", "\ufffd")  # as markdown-it reads it, and of the same length
    lines = line_ranges(source)
    found = _Found()
    for first, last in _runs(source, lines):
        run = source[lines[first][0] : lines[last][1]]
        try:
            tokens = _PARSER.parse(run)
        except Exception:  # a parser bug on hostile input: this run is read as plain text
            continue
        _Block(source, lines, first, found).read(tokens)
    return found.markup()


def _runs(text: str, lines: Sequence[Range]) -> Iterator[tuple[int, int]]:
    """(first, last) line indices of runs of whole paragraphs, each cut at the first blank line
    once it holds `ARTICLE_REACH_CHARS`."""
    first = 0
    for index, (start, end) in enumerate(lines):
        if start - lines[first][0] >= ARTICLE_REACH_CHARS and not text[start:end].strip():
            yield first, index
            first = index + 1
    if first < len(lines):
        yield first, len(lines) - 1


@dataclass
class _Found:
    """Markup as it is found, in any order; `markup()` sorts it out."""

    syntax: list[Range] = field(default_factory=list)
    entities: list[Range] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def markup(self) -> Markup:
        """Sorted and disjoint, adjacent syntax joined into one range; a range overlapping one
        already taken (a line two containers both claim) is dropped."""
        entities = set(self.entities)
        ranges: list[Range] = []
        for start, end in sorted({*self.syntax, *entities}):
            if start >= end or (ranges and start < ranges[-1][1]):
                continue
            previous = ranges[-1] if ranges else None
            if (
                previous
                and previous[1] == start
                and previous not in entities
                and (start, end) not in entities
            ):
                ranges[-1] = (previous[0], end)
            else:
                ranges.append((start, end))
        links = tuple(sorted(self.links, key=lambda item: item.start))
        return Markup(tuple(ranges), links) if ranges or links else NO_MARKUP


class _Placement:
    """Where an inline token's content lies in the source: each content line's non-blank part
    and the shift from its content offsets to source offsets."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.shifts: list[int] = []

    def add(self, start: int, end: int, shift: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.shifts.append(shift)

    def point(self, position: int) -> int:
        """The source offset of a content offset (one in a line's stripped blank, at the edge of
        the line's placed part)."""
        line = max(0, bisect_right(self.starts, position) - 1)
        clamped = min(max(position, self.starts[line]), self.ends[line])
        return clamped + self.shifts[line]

    def spans(self, start: int, end: int) -> Iterator[Range]:
        """The source pieces of content `[start, end)`, one per line it crosses; blank parts
        (line breaks, stripped indentation) are left out."""
        line = max(0, bisect_right(self.starts, start) - 1)
        while line < len(self.starts) and self.starts[line] < end:
            piece_start, piece_end = max(start, self.starts[line]), min(end, self.ends[line])
            if piece_start < piece_end:
                yield piece_start + self.shifts[line], piece_end + self.shifts[line]
            line += 1


@dataclass
class _Block:
    """Reads one run's block tokens, placing what they hold in the source."""

    source: str
    lines: Sequence[Range]
    first_line: int
    found: _Found

    def read(self, tokens: Sequence[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "inline" and index and tokens[index - 1].type in _LINE_BLOCKS:
                self._inline_lines(token)
            elif token.type == "hr":
                self._whole_line(token.map, 0)
            elif token.type == "heading_open" and token.markup in ("=", "-"):
                self._whole_line(token.map, -1)  # a setext heading's underline
            elif token.type == "table_open":
                self._whole_line(token.map, 1)  # the separator row
            elif token.type == "blockquote_open":
                self._quote_marker_lines(token.map)
            elif token.type == "tr_open":
                index = self._table_row(tokens, index)
            index += 1

    def _line(self, number: int) -> Range | None:
        line = self.first_line + number
        return self.lines[line] if 0 <= line < len(self.lines) else None

    def _whole_line(self, line_map: list[int] | None, which: int) -> None:
        if not line_map:
            return
        line = self._line(line_map[0] + which if which >= 0 else line_map[1] + which)
        if line is not None:
            self.found.syntax.append(trimmed(self.source, *line))

    def _quote_marker_lines(self, line_map: list[int] | None) -> None:
        """Lines inside a block quote holding nothing but its markers (the `>` between two of
        its paragraphs)."""
        if not line_map:
            return
        for number in range(line_map[0], line_map[1]):
            line = self._line(number)
            if line is not None and _QUOTE_MARKERS_ONLY.fullmatch(self.source, *line):
                self.found.syntax.append(trimmed(self.source, *line))

    def _inline_lines(self, token: Token) -> None:
        """A paragraph's or heading's content: each content line is the end of its source line
        (but for a heading's closing `#`s); what precedes it there is container markers."""
        if not token.map:
            return
        placement = _Placement()
        containers: list[Range] = []
        offset = 0
        for number, content_line in enumerate(token.content.split("\n")):
            part = content_line.strip()
            line = self._line(token.map[0] + number)
            if line is None:
                return
            if part:
                line_end = trimmed(self.source, *line)[1]
                start = self.source.rfind(part, line[0], line_end)
                if start < 0:
                    return
                lead = offset + len(content_line) - len(content_line.lstrip())
                placement.add(lead, lead + len(part), start - lead)
                containers.extend(_container_markers(self.source, line[0], start))
                if start + len(part) < line_end:
                    if not _CLOSING_HASHES.fullmatch(self.source, start + len(part), line_end):
                        return
                    containers.append((start + len(part), line_end))
            offset += len(content_line) + 1
        self.found.syntax.extend(containers)
        if placement.starts:
            self._inline(token, placement)

    def _table_row(self, tokens: Sequence[Token], index: int) -> int:
        """A table row's cells, and its pipes; returns the index of the row's `tr_close`."""
        row = tokens[index]
        close = index
        while close < len(tokens) and tokens[close].type != "tr_close":
            close += 1
        line = self._line(row.map[0]) if row.map else None
        if line is None:
            return close
        cells: list[tuple[Token, int]] = []
        position = line[0]
        for token in tokens[index:close]:
            if token.type != "inline" or not token.content:
                continue
            start = self.source.find(token.content, position, line[1])
            if start < 0:
                return close  # an escaped pipe, say: the row stays text
            cells.append((token, start))
            position = start + len(token.content)
        for token, start in cells:
            placement = _Placement()
            placement.add(0, len(token.content), start)
            self._inline(token, placement)
        position = line[0]
        for token, start in cells:
            self._pipes(position, start)
            position = start + len(token.content)
        self._pipes(position, line[1])
        return close

    def _pipes(self, start: int, end: int) -> None:
        """The pipes between two cells of a row (or before the first, or after the last)."""
        self.found.syntax.extend(
            (pipe, pipe + 1) for pipe in range(start, end) if self.source[pipe] == "|"
        )

    def _inline(self, token: Token, placement: _Placement) -> None:
        walk = _InlineWalk(token.content)
        try:
            walk.run(token.children or [])
        except _Misaligned:
            return
        for start, end in walk.syntax:
            self.found.syntax.extend(placement.spans(start, end))
        for start, end in walk.entities:
            self.found.entities.extend(placement.spans(start, end))
        for start, end, href in walk.links:
            self.found.links.append(Link(placement.point(start), placement.point(end), href))


def _container_markers(source: str, line_start: int, content_start: int) -> list[Range]:
    """The quote and bullet markers before a line's content, with the blank after them; an
    ordered list's number stays visible."""
    first = trimmed(source, line_start, content_start)[0]
    if first >= content_start:
        return []
    end = content_start
    number = _ORDERED_MARKER.search(source, first, content_start)
    if number is not None:
        end = number.start()
    return [(first, end)] if first < end else []


@dataclass
class _InlineWalk:
    """Inline tokens placed in order in their content, each where the content shows it: what
    is syntax, what is an entity, and each link's visible text (content offsets)."""

    content: str
    position: int = 0
    syntax: list[Range] = field(default_factory=list)
    entities: list[Range] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)
    _runs: dict[int, bool] = field(default_factory=dict)
    """Whether the run of emphasis markers at each position measured is inside a word."""

    def run(self, children: Sequence[Token]) -> None:
        open_links: list[tuple[int, int, str]] = []
        open_delimiters: list[Range] = []
        index = 0
        while index < len(children):
            token = children[index]
            kind = token.type
            if kind == "text":
                self.position = self._find(token.content) + len(token.content)
            elif kind in ("softbreak", "hardbreak"):
                self._line_break(kind)
            elif kind == "text_special":
                start = self._find(token.markup)
                # An escape's backslash is syntax and its character a word; an entity is both.
                if token.info == "entity":
                    self.entities.append((start, start + len(token.markup)))
                else:
                    self.syntax.append((start, start + 1))
                self.position = start + len(token.markup)
            elif kind in _DELIMITERS:
                self._delimiter(token, open_delimiters)
            elif kind == "html_inline":  # text: a tag in a text article is shown as given
                self.position = self._find(token.content) + len(token.content)
            elif kind in _RECORDED:
                index = self._recorded(children, index, open_links)
            elif kind == "link_close" and open_links:
                label_start, end, href = open_links.pop()
                label_end = self._find("]")
                self.links.append((label_start, label_end, href))
                self.syntax.append((label_end, end))
                self.position = end
            else:
                raise _Misaligned(kind)
            index += 1
        if open_links or open_delimiters:
            raise _Misaligned("unclosed link or emphasis")

    def _find(self, expected: str) -> int:
        """Where `expected` starts: at the position, or after blanks the parser skipped."""
        position = self.position
        while not self.content.startswith(expected, position):
            if position >= len(self.content) or not self.content[position].isspace():
                raise _Misaligned(expected)
            position += 1
        return position

    def _delimiter(self, token: Token, open_delimiters: list[Range]) -> None:
        """Emphasis markers, taken in pairs; a pair with a marker inside a word is a censored
        word ("f***ed up"), not emphasis, and stays text."""
        start = self._find(token.markup)
        self.position = start + len(token.markup)
        if token.nesting == 1:
            open_delimiters.append((start, self.position))
            return
        if not open_delimiters:
            raise _Misaligned(token.type)
        opening = open_delimiters.pop()
        closing = (start, self.position)
        if not (self._inside_word(opening) or self._inside_word(closing)):
            self.syntax.extend([opening, closing])

    def _inside_word(self, marker: Range) -> bool:
        """Whether the run of markers holding `marker` has a letter or digit on both sides.
        Each run is measured once, however many markers it holds."""
        if marker[0] not in self._runs:
            character = self.content[marker[0]]
            start, end = marker
            while start > 0 and self.content[start - 1] == character:
                start -= 1
            while end < len(self.content) and self.content[end] == character:
                end += 1
            inside = (
                start > 0
                and end < len(self.content)
                and self.content[start - 1].isalnum()
                and self.content[end].isalnum()
            )
            self._runs.update(dict.fromkeys(range(start, end), inside))
        return self._runs[marker[0]]

    def _line_break(self, kind: str) -> None:
        try:
            self.position = self._find("\n") + 1
        except _Misaligned:
            if kind != "hardbreak":
                raise
            backslash = self._find("\\\n")  # a hard break written as a backslash
            self.syntax.append((backslash, backslash + 1))
            self.position = backslash + 2

    def _recorded(
        self, children: Sequence[Token], index: int, open_links: list[tuple[int, int, str]]
    ) -> int:
        """A construct whose extent its rule recorded; returns the index of its last token."""
        token = children[index]
        extent = token.meta.get(_SOURCE)
        if extent is None:
            raise _Misaligned(token.type)
        start, end = extent
        if start < self.position or self.content[self.position : start].strip():
            raise _Misaligned(token.type)
        if token.type == "image":
            self.syntax.append((start, end))
        elif token.type == "code_inline":
            marker = len(token.markup)
            self.syntax.extend([(start, start + marker), (end - marker, end)])
        elif token.markup == "autolink":
            self.syntax.extend([(start, start + 1), (end - 1, end)])
            self.links.append((start + 1, end - 1, str(token.attrs.get("href", ""))))
            while index < len(children) and children[index].type != "link_close":
                index += 1
        else:
            self.syntax.append((start, start + 1))
            open_links.append((start + 1, end, str(token.attrs.get("href", ""))))
            end = start + 1
        self.position = end
        return index


@dataclass(frozen=True)
class MarkedText:
    """A text with its markup found once, for every step that reads it: cleaning, sentence
    splitting, the detector and the quote finder all read `visible`."""

    text: str
    markup: Markup
    visible: str
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [start for start, _ in self.markup.ranges])

    @classmethod
    def read(cls, text: str) -> MarkedText:
        markup = find_markup(text)
        return cls(text, markup, visible_text(text, markup) if markup.ranges else text)

    def _around(self, position: int) -> Range | None:
        """The markup range holding `position`, if any."""
        index = bisect_right(self._starts, position) - 1
        if index < 0 or position >= self.markup.ranges[index][1]:
            return None
        return self.markup.ranges[index]

    def snapped(self, start: int, end: int) -> Range:
        """`[start, end)` with neither edge inside markup: an edge inside syntax moves off it
        (and off the blank it leaves), then an edge inside an entity widens to take it whole.
        Empty when nothing but syntax was inside."""
        around = self._around(start)
        if around is not None and not self._is_entity(around):
            start = trimmed(self.visible, around[1], max(around[1], end))[0]
        around = self._around(end - 1) if end > start else None
        if around is not None and not self._is_entity(around):
            end = trimmed(self.visible, start, max(start, around[0]))[1]
        around = self._around(start) if end > start else None
        if around is not None:  # what syntax leaves at an edge is a word or an entity's start
            start = around[0]
        around = self._around(end - 1) if end > start else None
        if around is not None:
            end = around[1]
        return start, max(start, end)

    def _is_entity(self, markup: Range) -> bool:
        return self.text.startswith("&", markup[0])

    def shown(self, start: int, end: int) -> str:
        """`text[start:end]` as a reader sees it: syntax left out, entities as characters."""
        parts: list[str] = []
        position = start
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self.markup.ranges) and self.markup.ranges[index][0] < end:
            markup_start, markup_end = self.markup.ranges[index]
            if markup_end > position:
                parts.append(self.text[position : max(position, markup_start)])
                parts.append(shown(self.text[markup_start:markup_end]))
                position = markup_end
            index += 1
        parts.append(self.text[position:end] if position < end else "")
        return "".join(parts)
