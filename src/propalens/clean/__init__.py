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


def _find_title(
    lines: list[_Line], link_lines: list[bool], lang: LanguagePack
) -> tuple[int, int] | None:
    """(first, last) line indices of the title block, or None."""
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None:
        return None
    last = first
    while last + 1 < len(lines) and lines[last + 1].text:
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
        and not any(link_lines[first : last + 1])
        and not any(LINK_REMNANT.search(line) or classify_line(line, lang) for line in block)
    )
    return (first, last) if looks_like_title else None


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


def _tidy(value: str | None) -> str | None:
    """A metadata value without surrounding punctuation; None when nothing sensible is left."""
    if value is None:
        return None
    value = value.strip().strip(" .,;:|\"'“”‘’()[]").strip()
    if not value or len(value) > 80 or not _ALNUM.search(value):
        return None
    return value


_OUTSIDE_HEAD = 10
_PARENTHESISED = re.compile(r"\([^)]*\)?")


def _copyright_holder(holder: str, lang: LanguagePack) -> str | None:
    """The holder's name: "RT, Global Research, 2018" gives "RT", and "The Virginian-Pilot
    (Norfolk, Va.)" gives "The Virginian-Pilot"."""
    for part in re.split(r",|\s[|–—-]\s|\.\s", _PARENTHESISED.sub("", holder)):
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
    """

    lang: LanguagePack
    byline: str | None = None
    original_byline: str | None = None
    original_outlet: str | None = None
    published: tuple[int, int, dt.date] | None = None
    outlet: tuple[int, int, str] | None = None
    _seen: int = 0

    def take(self, rule: LineRule, match: re.Match[str], in_head: bool) -> None:
        self._seen += 1
        groups = match.groupdict()
        self.byline = self.byline or _tidy(groups.get("byline"))
        self.original_byline = self.original_byline or _tidy(groups.get("original_by"))
        self.original_outlet = self.original_outlet or _tidy(groups.get("original"))
        rest = groups.get("rest")
        date_text = groups.get("date") or rest
        date = parse_date(date_text, self.lang) if date_text else None
        penalty = 0 if in_head else _OUTSIDE_HEAD
        if rule.date_rank is not None and date is not None:
            dated = (rule.date_rank + penalty, self._seen, date)
            self.published = min(self.published, dated) if self.published else dated
        outlet = _tidy(rest if rest and date is None else None)
        if in_head:
            outlet = _tidy(groups.get("outlet")) or outlet
        if groups.get("holder"):
            outlet = _copyright_holder(groups["holder"], self.lang)
        if rule.outlet_rank is not None and outlet is not None:
            named = (rule.outlet_rank + penalty, self._seen, outlet)
            self.outlet = min(self.outlet, named) if self.outlet else named


def clean(text: str | MarkedText, lang: LanguagePack = ENGLISH) -> CleanedText:
    """Find the title, the body, the boilerplate and the markup of `text`, and what it says
    about itself.

    `text` is not modified; every range in the result points into it.  Given as a `MarkedText`
    (as `prepare` does), its markup is not looked for again.  Boilerplate lines, dates and tweet
    attributions are read as `lang` writes them, in the text as a reader sees it.
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
    title_lines = _find_title(lines, link_lines, lang)
    claimed = [False] * len(lines)
    if title_lines is not None:
        for index in range(title_lines[0], title_lines[1] + 1):
            claimed[index] = True

    verdicts = [
        None if claimed[i] else classify_line(line.text, lang) for i, line in enumerate(lines)
    ]
    claimed = [
        taken or verdict is not None for taken, verdict in zip(claimed, verdicts, strict=True)
    ]
    removed: list[Removed] = []

    def remove(start: int, end: int, kind: RemovedKind) -> None:
        removed.append(Removed(start=start, end=end, text=original[start:end], kind=kind))

    for first, last in find_embeds([line.text for line in lines], claimed, lang):
        remove(lines[first].whole[0], lines[last].whole[1], "tweet_embed")
        for index in range(first, last + 1):
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
        pieces.extend(_gaps(visible, line, cuts[index]))
    for start, end in marked.markup.ranges:
        remove(start, end, "markup")

    title = None
    if title_lines is not None:
        title = (lines[title_lines[0]].start, lines[title_lines[1]].end)
    return CleanedText(
        title=title,
        body=_merge_paragraphs(visible, pieces),
        removed=tuple(sorted(removed, key=lambda item: (item.start, -item.end))),
        byline=metadata.byline or metadata.original_byline,
        published=metadata.published[2] if metadata.published else None,
        outlet=metadata.outlet[2] if metadata.outlet else None,
        original_outlet=metadata.original_outlet,
    )
