"""Cleaning: tell article body from what a scraped page wraps around it, without touching the text.

The text is never rewritten.  `clean` only reports offsets into it: the title, the body ranges
that a model should read, and every piece judged not to be body (`Removed`, with its kind), so
that every highlight a model later produces still points into the original input.

Markdown is found first (`markup`): every decision reads the text as a reader sees it, with the
syntax blanked (`MarkedText.visible`, of the same length), and each piece of syntax is set aside
as `Removed` of kind "markup", wherever it lies.

Decisions are made line by line with anchored patterns (the language pack's boilerplate rules,
`LanguagePack.line_rules`, and `tweets`), because boilerplate on scraped pages sits on
lines of its own, and a sentence that merely mentions Twitter, a date or copyright in prose must
stay body.  A line whose every word is a link or a URL is navigation ("link_line").  The only
decisions inside a line are link remnants (`(http://...)`, bare URLs), which would otherwise
reach the model as noise in the middle of a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from propalens.clean.dates import parse_date
from propalens.clean.front_matter import (
    AUTHOR_KEYS,
    DATE_KEYS,
    SITE_KEYS,
    FrontMatter,
    find_front_matter,
)
from propalens.clean.markup import MarkedText
from propalens.clean.rules import LINK_REMNANT, URL_TRAILING_PUNCTUATION, classify_line
from propalens.clean.tweets import find_embeds
from propalens.lang import ENGLISH, LanguagePack
from propalens.lang.pack import LineRule
from propalens.lines import count_line_breaks, line_ranges
from propalens.ranges import Range, RangeSet, trimmed
from propalens.schema import Removed, RemovedKind

__all__ = ["CleanedText", "clean"]

_MAX_TITLE_LINES = 3
_MIN_MENU_ITEMS = 3
_MAX_TITLE_CHARS = 250
# Two sentences on one line ("...said today. The minister...") mean prose, not a headline.
_TWO_SENTENCES = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]")
_ALNUM = re.compile(r"\w")


@dataclass(frozen=True)
class CleanedText:
    """Where the title, the body and the non-body parts of a text lie, and what the page says
    about itself.

    Every offset is a `str` offset into the text given to `clean`, end exclusive.  `title`,
    `body` and the `removed` items never overlap one another, markup aside: a piece of markup
    lies wherever its syntax is, in the title, the body or a removed line, whose visible text is
    blank there.
    """

    title: Range | None
    """The headline: PTC files and most scraped pages put it on the first line(s), followed by a
    blank line.  None when the first lines read like prose."""
    body: tuple[Range, ...]
    """Article-body ranges, sorted, disjoint and trimmed of what reads as blank; one per
    paragraph, split where an inline link remnant was cut out.  A model sees only these."""
    removed: tuple[Removed, ...]
    """Everything judged not to be body, and the markup, sorted by start (a line before the
    markup in it); each `.text == text[start:end]`."""
    byline: str | None
    """The author named by a byline: "By John Smith" gives "John Smith"."""
    published: dt.date | None
    """The date the page gives for its publication, from a dateline or byline, never from prose."""
    outlet: str | None
    """The publisher, when the page names itself (a "Global Research, May 12, 2018" dateline, a
    "by Jane Doe | RT" byline, a "© 2018 The Outlet" footer)."""
    original_outlet: str | None
    """Where a republished article first appeared ("The original source of this article is RT")."""
    original_published: dt.date | None = None
    """When a republished article first appeared, as the republisher prints it apart from its own
    date: the original's dateline under the republisher's ("Global Research, March 3, 2019" then
    "RT 2 March 2019"), or a notice ("Originally published at RT on March 2, 2019")."""


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    """Bounds trimmed of what reads as blank; `start == end` for a blank line."""
    text: str
    """The line as a reader sees it."""
    whole: Range
    """Bounds trimmed of white space alone, markup kept: what a line set aside covers."""


def _lines(marked: MarkedText) -> list[_Line]:
    lines: list[_Line] = []
    for line_start, line_end in line_ranges(marked.text):
        start, end = trimmed(marked.visible, line_start, line_end)
        whole = trimmed(marked.text, line_start, line_end)
        lines.append(_Line(start, end, marked.visible[start:end], whole))
    return lines


def _reads_like_prose(block: list[str]) -> bool:
    """A block ending in a full stop in sentence case ("The council met on Monday.") is the first
    paragraph of a text without a headline; a headline ending in a full stop is title-cased
    ("America's Immigration Voice.")."""
    if not block[-1].endswith("."):
        return False
    words = [word for word in " ".join(block).split() if word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised * 2 < len(words)


def _leading_menu(lines: list[_Line], start: int, lang: LanguagePack) -> range:
    """The line indices of a site's navigation menu copied above the headline: a run of at least
    `_MIN_MENU_ITEMS` lines of a few words each ("Home", "World News", "Op-ed"), with no blank
    line between them, from line `start` on.  A headline or a sentence is longer, or ends in
    punctuation; a short headline with its author's name and role under it ("Minister slams
    sanctions\nJane Doe\nContributor") is no menu, and the run stops at the name."""
    first = next((i for i in range(start, len(lines)) if lines[i].text), len(lines))
    last = first
    while (
        last < len(lines)
        and lang.menu_item.fullmatch(lines[last].text)
        and not _names_author(lines, last, lang)
    ):
        last += 1
    return range(first, last) if last - first >= _MIN_MENU_ITEMS else range(first, first)


def _head_verdict(
    lines: list[_Line], index: int, lang: LanguagePack, after: LineRule | None = None
) -> tuple[LineRule, re.Match[str]] | None:
    """How the page's head reads line `index`, after `after` and before the next non-blank line
    (read on its own)."""
    following = next((lines[i].text for i in range(index + 1, len(lines)) if lines[i].text), None)
    next_verdict = classify_line(following, lang, in_head=True) if following else None
    before = next_verdict[0] if next_verdict else None
    return classify_line(lines[index].text, lang, after, in_head=True, before=before)


_MAX_KICKER_WORDS = 2
_MIN_HEADLINE_WORDS = 4


def _kicker(lines: list[_Line], block: tuple[int, int] | None) -> int | None:
    """The index of a section's name printed over the headline without a blank line ("Germany",
    "U.S."), set aside with the menu; None where the title block opens otherwise.  An
    exclamation over a headline ("Yikes!") is part of it, as PTC prints it."""
    if block is None or block[0] == block[1]:
        return None
    first, second = lines[block[0]].text, lines[block[0] + 1].text
    if (
        len(first.split()) <= _MAX_KICKER_WORDS
        and not first.endswith(("!", "?", ":"))
        and len(second.split()) >= _MIN_HEADLINE_WORDS
    ):
        return block[0]
    return None


def _names_author(lines: list[_Line], index: int, lang: LanguagePack) -> bool:
    """Whether the page's head reads line `index` as a byline."""
    verdict = _head_verdict(lines, index, lang)
    return verdict is not None and verdict[0].kind == "byline"


def _continues_title(lines: list[_Line], index: int, first: str, lang: LanguagePack) -> bool:
    """Whether `line`, right under the headline's first line `first`, goes on with the
    headline rather than starting what a page prints under it: a byline or dateline (read as
    the page's head), a standfirst (a capitalised line in sentence case under a headline in
    title case, or a line that reads like prose), or a line in capitals under one that is not.
    A first line that ends a sentence goes on ("Yikes!" then "Even McCain is worried"), as PTC
    prints a headline of two sentences."""
    line = lines[index].text
    if _head_verdict(lines, index, lang):
        return False
    if _reads_like_prose([line]) or (line.isupper() and not first.isupper()):
        return False
    standfirst = line[0].isupper() and len(line.split()) >= 5 and not _title_cased(line)
    return not (standfirst and _title_cased(first) and not first.endswith((".", "!", "?")))


def _title_cased(line: str) -> bool:
    """Whether most of the words of `line` that a title would capitalise, three at least, are
    capitalised ("Senator Demands Answers On Border Funding")."""
    words = [word for word in line.split() if word[0].isalpha() and len(word) > 3]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) * 4 >= len(words) * 3


def _find_title(
    lines: list[_Line], link_lines: list[bool], start: int, lang: LanguagePack
) -> tuple[int, int] | None:
    """(first, last) line indices of the title block, or None.

    The title is the first block from line `start` on, past any boilerplate or link-only lines
    above it.  The block ends at a blank line, or where a byline, dateline, label, standfirst
    or line of links follows the headline without one, as text copied from a browser prints
    them ("Headline\nBy RT\nGlobal Research, March 3, 2019").
    """

    def heads(index: int) -> bool:
        line = lines[index]
        return bool(line.text) and not link_lines[index] and not classify_line(line.text, lang)

    first = next((i for i in range(start, len(lines)) if heads(i)), None)
    if first is None:
        return None
    last = first
    while (
        last + 1 < len(lines)
        and heads(last + 1)
        and _continues_title(lines, last + 1, lines[first].text, lang)
    ):
        last += 1
    block = [line.text for line in lines[first : last + 1]]
    has_body_after = any(line.text for line in lines[last + 1 :])
    looks_like_title = (
        has_body_after
        and len(block) <= _MAX_TITLE_LINES
        and sum(map(len, block)) <= _MAX_TITLE_CHARS
        and not block[-1].endswith((":", ","))
        and not any(_TWO_SENTENCES.search(line) for line in block)
        and not _reads_like_prose(block)
        and not any(LINK_REMNANT.search(line) or classify_line(line, lang) for line in block)
    )
    return (first, last) if looks_like_title else None


def _classify(
    lines: list[_Line], claimed: list[bool], link_lines: list[bool], lang: LanguagePack
) -> list[tuple[LineRule, re.Match[str]] | None]:
    """Each line's rule and match, None for body and for lines already claimed; each line is
    read after the rule of the non-blank line before it (`LineRule.after`), and as part of the
    page's head until the first body line (`LineRule.head_only`)."""
    verdicts: list[tuple[LineRule, re.Match[str]] | None] = []
    previous: LineRule | None = None
    in_head = True
    for index, (line, taken, link_only) in enumerate(zip(lines, claimed, link_lines, strict=True)):
        verdict = None
        if not taken and line.text:
            verdict = (
                _head_verdict(lines, index, lang, previous)
                if in_head
                else classify_line(line.text, lang, previous)
            )
            in_head = in_head and (verdict is not None or link_only)
        verdicts.append(verdict)
        if line.text:
            previous = verdict[0] if verdict else None
    return verdicts


def _inline_link_remnants(text: str, line: _Line) -> list[Range]:
    """Link remnants inside a line: parenthesised and bare URLs."""
    cuts: list[Range] = []
    for match in LINK_REMNANT.finditer(text, line.start, line.end):
        if match["bare_url"] is not None:
            cuts.append(trimmed(text, *match.span(), strip=URL_TRAILING_PUNCTUATION))
        else:
            cuts.append(match.span())
    return [cut for cut in cuts if cut[0] < cut[1]]


def _holds_only_links(text: str, line: _Line, links: RangeSet, cuts: list[Range]) -> bool:
    """Whether every word of `line` is a link's text or a URL (`[Home](/) | [World](/world)`),
    as on a line of navigation; "Region: [Europe](#)" and "[RT](#) 2 March 2019" hold words of
    their own."""
    outside = RangeSet(cuts)
    words = [piece for gap in links.gaps(line.start, line.end) for piece in outside.gaps(*gap)]
    return words != [(line.start, line.end)] and not any(
        _ALNUM.search(text, start, end) for start, end in words
    )


def _gaps(text: str, line: _Line, cuts: list[Range]) -> Iterator[Range]:
    """The trimmed pieces of `line` between `cuts` that still hold a word."""
    position = line.start
    for cut_start, cut_end in [*cuts, (line.end, line.end)]:
        start, end = trimmed(text, position, cut_start)
        if start < end and _ALNUM.search(text, start, end):
            yield start, end
        position = cut_end


def _merge_paragraphs(text: str, pieces: list[Range]) -> tuple[Range, ...]:
    """Join body pieces on consecutive lines into one range per paragraph, so that a sentence
    wrapped over two lines lies inside one range."""
    merged: list[Range] = []
    for start, end in pieces:
        if merged:
            gap = text[merged[-1][1] : start]
            if gap.isspace() and count_line_breaks(text, merged[-1][1], start) <= 1:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return tuple(merged)


_SPACES = re.compile(r"\s+")


_QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"'}


def _opening_quote(value: str) -> str:
    """The quote mark opened inside `value` and not closed, or ""."""
    for opening, closing in _QUOTE_PAIRS.items():
        if opening != closing and value.count(opening) > value.count(closing):
            return opening
        if opening == closing and value.count(opening) % 2:
            return opening
    return ""


def _tidy(value: str | None) -> str | None:
    """A metadata value without surrounding punctuation, its spaces collapsed (blanked link
    syntax leaves runs of them: "By  Jane   Doe"); None when nothing sensible is left.  A
    closing quote mark stays where the value opens it inside (Organization “TV-Novosti”)."""
    if value is None:
        return None
    collapsed = _SPACES.sub(" ", value).strip(" .,;:|()[]")
    value = collapsed.strip("\"'“”‘’").strip()
    closing = _QUOTE_PAIRS.get(_opening_quote(value))
    if value and closing and collapsed.endswith(closing):
        value += closing
    if not value or len(value) > 80 or not _ALNUM.search(value):
        return None
    return value


_OUTSIDE_HEAD = 10
# Below any rule's outlet, in the head or not.
_WIRE_RANK = 100
_PARENTHESISED = re.compile(r"\([^)]*\)?")


def _copyright_holder(holder: str, lang: LanguagePack) -> str | None:
    """The holder's name: "RT, Global Research, 2018" gives "RT", "The Virginian-Pilot
    (Norfolk, Va.)" gives "The Virginian-Pilot", and "ZeroHedge.com/ABC Media" "ZeroHedge.com";
    a slash between initials is part of the name ("RFE/RL, Inc.")."""
    for part in re.split(r",|(?<![A-Z][A-Z])/|\s[|–—-]\s|\.\s", _PARENTHESISED.sub("", holder)):
        tidy = _tidy(lang.holder_noise.sub("", part))
        if tidy:
            return tidy
    return None


@dataclass
class _Metadata:
    """Metadata gathered from the non-body lines, best candidate first.

    A page states its own date and name above the body; the same kind of line further down is
    usually a quoted letter ("Rome, August 22, 2018") or a quoted article, so it only counts
    when nothing in the head said otherwise.

    A republisher prints its own dateline first and the original's under it ("Global Research,
    March 3, 2019", then "RT 2 March 2019"): a second dated outlet in the head, naming another
    outlet, is the original's, and its date is the original's own.  Copyright lines go the other
    way: the page's own closes the page, below the one it carries from its source, so of two
    the later names the outlet.
    """

    lang: LanguagePack
    author: str | None = None
    byline: str | None = None
    original_byline: str | None = None
    credited: str | None = None
    original_outlet: str | None = None
    original_published: dt.date | None = None
    published: tuple[int, int, dt.date] | None = None
    outlet: tuple[int, int, str] | None = None
    _head_dateline_outlet: str | None = None
    _original_dateline_outlet: str | None = None
    _seen: int = 0

    def take(self, rule: LineRule, match: re.Match[str], in_head: bool) -> None:
        self._seen += 1
        groups = match.groupdict()
        self.author = self.author or _tidy(groups.get("author"))
        self.byline = self.byline or _tidy(groups.get("byline"))
        self.original_byline = self.original_byline or _tidy(groups.get("original_by"))
        self.credited = self.credited or _tidy(groups.get("credit"))
        self.original_outlet = self.original_outlet or _tidy(groups.get("original"))
        original_date = groups.get("original_date")
        if original_date and self.original_published is None:
            self.original_published = parse_date(original_date, self.lang)
        rest = groups.get("rest")
        date_text = groups.get("date") or rest
        date = parse_date(date_text, self.lang) if date_text else None
        if in_head and date is not None and self._takes_original_dateline(groups, date):
            return
        penalty = 0 if in_head else _OUTSIDE_HEAD
        if rule.date_rank is not None and date is not None:
            dated = (rule.date_rank + penalty, self._seen, date)
            self.published = min(self.published, dated) if self.published else dated
        outlet = _tidy(rest if rest and date is None else None)
        if in_head:
            outlet = _tidy(groups.get("outlet")) or outlet
        order = self._seen
        if groups.get("own_outlet"):
            outlet = _tidy(groups["own_outlet"])
        if groups.get("holder"):
            outlet = _copyright_holder(groups["holder"], self.lang)
            order = -self._seen
        if rule.outlet_rank is not None and outlet is not None:
            named = (rule.outlet_rank + penalty, order, outlet)
            self.outlet = min(self.outlet, named) if self.outlet else named

    def take_wire_dateline(self, first_line: str) -> None:
        """The outlet a wire dateline opening the body names ("BERLIN (Reuters) - ..."): the
        last resort, below every line that names the page's outlet."""
        match = self.lang.wire_dateline.match(first_line)
        outlet = _tidy(match["outlet"]) if match else None
        if outlet is not None and self.outlet is None:
            self.outlet = (_WIRE_RANK, self._seen, outlet)

    def _takes_original_dateline(self, groups: dict[str, str | None], date: dt.date) -> bool:
        """Whether a dated head line naming an outlet is the original's, under the republisher's
        own; records it as such if so."""
        outlet = _tidy(groups.get("outlet"))
        if outlet is None:
            return False
        if self._head_dateline_outlet is None:
            self._head_dateline_outlet = outlet
            return False
        if outlet == self._head_dateline_outlet or self._original_dateline_outlet is not None:
            return False
        self._original_dateline_outlet = outlet
        self.original_published = self.original_published or date
        return True

    @property
    def original(self) -> str | None:
        """The original outlet: as a notice names it, else as its own dateline does."""
        return self.original_outlet or self._original_dateline_outlet


def _repeated_questions(lines: list[_Line], claimed: list[bool]) -> list[int]:
    """The lines of a question printed twice or more in a row (blank lines aside), as a reader
    poll inside a page prints its question over its form; an article asks a question once.  A
    headline repeated as the first line of the body is no poll."""
    repeated: set[int] = set()
    previous: int | None = None
    for index, line in enumerate(lines):
        if not line.text:
            continue
        if (
            previous is not None
            and not claimed[previous]
            and line.text.endswith("?")
            and _SPACES.sub(" ", line.text) == _SPACES.sub(" ", lines[previous].text)
        ):
            repeated.update((previous, index))
        previous = index
    return sorted(index for index in repeated if not claimed[index])


def _span(lines: list[_Line], block: tuple[int, int] | None) -> Range | None:
    return (lines[block[0]].start, lines[block[1]].end) if block is not None else None


def _repeated_title(lines: list[_Line], start: int, title: str) -> tuple[int, int] | None:
    """The first line from `start` on, where it repeats the `title` that a tool's metadata block
    names (trafilatura prints the headline again under it); None where the article starts
    otherwise, and the block's own title is the title."""
    first = next((i for i in range(start, len(lines)) if lines[i].text), None)
    if first is not None and _SPACES.sub(" ", lines[first].text) == _SPACES.sub(" ", title):
        return first, first
    return None


@dataclass(frozen=True)
class _ToolMetadata:
    """What an extraction tool's metadata block says about the page; it outranks the page's
    own lines, as an HTML page's metadata does."""

    byline: str | None = None
    published: dt.date | None = None
    outlet: str | None = None

    @classmethod
    def of(cls, front: FrontMatter | None, lang: LanguagePack) -> _ToolMetadata:
        if front is None:
            return cls()
        date = front.value(DATE_KEYS)
        return cls(
            byline=_tidy(front.value(AUTHOR_KEYS)),
            published=parse_date(date, lang) if date else None,
            outlet=_tidy(front.value(SITE_KEYS)),
        )


def clean(text: str | MarkedText, lang: LanguagePack = ENGLISH) -> CleanedText:
    """Find the title, the body, the boilerplate and the markup of `text`, and what it says
    about itself.

    `text` is not modified; every range in the result points into it.  Given as a `MarkedText`
    (as `prepare` does), its markup is not looked for again.  Boilerplate lines, dates and tweet
    attributions are read as `lang` writes them, in the text as a reader sees it; a tool's front
    matter is read in the text as given (its closing `---` would read as a heading's rule).
    """
    marked = text if isinstance(text, MarkedText) else MarkedText.read(text)
    original, visible = marked.text, marked.visible
    lines = _lines(marked)
    links = RangeSet((link.start, link.end) for link in marked.markup.links)
    cuts = [_inline_link_remnants(visible, line) for line in lines]
    link_lines = [
        bool(line.text) and _holds_only_links(visible, line, links, line_cuts)
        for line, line_cuts in zip(lines, cuts, strict=True)
    ]
    front = find_front_matter(original, [line.whole for line in lines])
    front_lines = front.lines if front is not None else range(0)
    menu = _leading_menu(lines, front_lines.stop, lang)
    title_lines = _find_title(lines, link_lines, menu.stop, lang)
    if front is not None and front.title is not None:
        title_lines = _repeated_title(lines, menu.stop, original[slice(*front.title)])
    kicker = _kicker(lines, title_lines)
    if kicker is not None and title_lines is not None:
        title_lines = (kicker + 1, title_lines[1])
    title = _span(lines, title_lines) or (front.title if front is not None else None)
    header_lines = {*front_lines, *menu, *([kicker] if kicker is not None else [])}
    claimed = [index in header_lines for index in range(len(lines))]
    if title_lines is not None:
        for index in range(title_lines[0], title_lines[1] + 1):
            claimed[index] = True

    verdicts = _classify(lines, claimed, link_lines, lang)
    claimed = [
        taken or verdict is not None for taken, verdict in zip(claimed, verdicts, strict=True)
    ]
    removed: list[Removed] = []

    def remove(start: int, end: int, kind: RemovedKind) -> None:
        removed.append(Removed(start=start, end=end, text=original[start:end], kind=kind))

    for index in sorted(header_lines):
        line = lines[index]
        line_start, line_end = line.whole
        if title is not None and line_start <= title[0] < line_end:
            for start, end in ((line_start, title[0]), (title[1], line_end)):
                if start < end:
                    remove(start, end, "header")
        elif line.text:
            remove(line_start, line_end, "header")

    for first, last in find_embeds([line.text for line in lines], claimed, lang):
        remove(lines[first].whole[0], lines[last].whole[1], "tweet_embed")
        for index in range(first, last + 1):
            claimed[index] = True

    for index in _repeated_questions(lines, claimed):
        remove(*lines[index].whole, "footer")
        claimed[index] = True

    metadata = _Metadata(lang)
    pieces: list[Range] = []
    for index, line in enumerate(lines):
        verdict = verdicts[index]
        if verdict is not None:
            rule, match = verdict
            remove(*line.whole, rule.kind)
            metadata.take(rule, match, in_head=not pieces)
            continue
        if claimed[index] or not line.text:
            continue
        if link_lines[index]:
            remove(*line.whole, "link_line")
            continue
        for start, end in cuts[index]:
            remove(start, end, "link_remnant")
        line_pieces = list(_gaps(visible, line, cuts[index]))
        if not pieces and line_pieces:
            metadata.take_wire_dateline(line.text)
        pieces.extend(line_pieces)
    for start, end in marked.markup.ranges:
        remove(start, end, "markup")

    tool = _ToolMetadata.of(front, lang)
    return CleanedText(
        title=title,
        body=_merge_paragraphs(visible, pieces),
        removed=tuple(sorted(removed, key=lambda item: (item.start, -item.end))),
        byline=tool.byline
        or metadata.author
        or metadata.byline
        or metadata.original_byline
        or metadata.credited,
        published=tool.published or (metadata.published[2] if metadata.published else None),
        outlet=tool.outlet or (metadata.outlet[2] if metadata.outlet else None),
        original_outlet=metadata.original,
        original_published=metadata.original_published,
    )
