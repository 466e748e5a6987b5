"""A PTC article as the body of a scraped page: its title, its paragraphs as blocks, its gold
quotes, and the few lines of its own that are not prose.

PTC files were scraped with newspaper3k, so some keep a page's furniture (a poll widget, photo
credits, a syndication footer) or an embedded tweet.  `PtcNotes` says which lines those are,
read by hand: `boilerplate` lines are not body; `unscored` lines (a tweet's text, an unclear
caption) are left out of the line scores, since PTC does not say what they are.
"""

from __future__ import annotations

import functools
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from scraped.page import Block, Emph, GoldQuote, Inline, Link, Role, Source, Strong

GOLD_QUOTES = Path(__file__).resolve().parents[2] / "tests" / "data" / "quotes_gold.jsonl"
_QUOTE_MARKS = "\"'“”‘’"


@dataclass(frozen=True)
class PtcNotes:
    boilerplate: frozenset[int] = frozenset()
    unscored: frozenset[int] = frozenset()
    author: str | None = None
    """The author the article's own sign-off names (a syndicated article)."""
    original: str | None = None
    """The outlet the article's own footer names as its source (a syndicated article)."""


def notes(
    boilerplate: tuple[int, ...] = (), unscored: tuple[int, ...] = (), **names: str
) -> PtcNotes:
    return PtcNotes(frozenset(boilerplate), frozenset(unscored), **names)


@dataclass(frozen=True)
class PtcArticle:
    article_id: str
    split: str
    text: str
    notes: PtcNotes
    quotes: tuple[GoldQuote, ...] = field(default=())
    quote_kinds: tuple[str, ...] = field(default=())
    has_gold_quotes: bool = False

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0].strip()


def read_article(ptc: Path, split: str, article_id: str, article_notes: PtcNotes) -> PtcArticle:
    path = ptc / f"{split}-articles" / f"article{article_id}.txt"
    text = path.read_bytes().decode("utf-8")
    record = _gold_records().get(article_id)
    if record is None:
        return PtcArticle(article_id, split, text, article_notes)
    quotes = record["quotes"]
    assert isinstance(quotes, list)
    return PtcArticle(
        article_id,
        split,
        text,
        article_notes,
        tuple(GoldQuote(int(q["start"]), int(q["end"]), q["speaker"]) for q in quotes),
        tuple(str(q["kind"]) for q in quotes),
        has_gold_quotes=True,
    )


@functools.cache
def _gold_records() -> dict[str, dict[str, object]]:
    with GOLD_QUOTES.open(encoding="utf-8") as handle:
        records = [json.loads(row) for row in handle if row.strip()]
    return {str(record["article_id"]): record for record in records}


def gold_quote_ids() -> dict[str, tuple[str, bool]]:
    """Each hand-annotated article's id -> (PTC split, held out)."""
    return {k: (str(r["split"]), bool(r.get("held_out"))) for k, r in _gold_records().items()}


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def body_blocks(article: PtcArticle, rng: random.Random, domain: str) -> list[Block]:
    """The article's body (PTC lines after the title) as page blocks, one per paragraph run
    of body lines; each note-marked line is a block of its own.  Some words become links,
    hashtags link to their tag, some direct quotes are set in emphasis, and the lead is bold:
    the decorations a page's Markdown carries, never inside a gold quote."""
    spans = _line_spans(article.text)
    roles: list[Role] = ["body"] * len(spans)
    for index in article.notes.boilerplate:
        roles[index] = "boilerplate"
    for index in article.notes.unscored:
        roles[index] = "unscored"
    quotes = [(q.start, q.end) for q in article.quotes]
    runs: list[tuple[Role, int, int]] = []  # role, first line, last line
    size = 0
    for index in range(1, len(spans)):
        start, end = spans[index]
        if start == end:
            continue
        previous = runs[-1] if runs else None
        continues = (
            previous is not None
            and roles[index] == previous[0] == "body"
            and previous[2] == index - 1
        )
        # A paragraph holds one to three PTC sentences, and never ends inside a gold quote.
        inside_quote = any(qs < start - 1 < qe for qs, qe in quotes)
        if previous is not None and continues and (size > 0 or inside_quote):
            runs[-1] = (previous[0], previous[1], index)
            size -= 1
        else:
            runs.append((roles[index], index, index))
            size = rng.randrange(3)
    wraps = _decorations(article, rng)
    blocks: list[Block] = []
    for role, first, last in runs:
        start, end = spans[first][0], spans[last][1]
        inlines = (
            _decorated(article.text, start, end, wraps, domain)
            if role == "body"
            else (Source(start, end),)
        )
        blocks.append(Block(role, inlines))
    return blocks


Wrap = tuple[int, int, str]  # start, end, "link" | "tag" | "emph" | "strong"


def _decorations(article: PtcArticle, rng: random.Random) -> list[Wrap]:
    text = article.text
    inside = [(q.start, q.end) for q in article.quotes]

    def free(start: int, end: int) -> bool:
        return all(end <= qs or start >= qe for qs, qe in inside) and "\n" not in text[start:end]

    def splits_no_quote(start: int, end: int) -> bool:
        return not any(qs < point < qe for qs, qe in inside for point in (start, end))

    wraps: list[Wrap] = []
    lead = next(((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.start() > 0), None)
    if lead is not None and free(*lead) and rng.random() < 0.3:
        wraps.append((*lead, "strong"))
    for match in re.finditer(r"(?<![\w@])#\w+", text):
        if match.start() > len(article.title) and free(match.start(), match.end()):
            wraps.append((match.start(), match.end(), "tag"))
    for quote, kind in zip(article.quotes, article.quote_kinds, strict=True):
        before, after = quote.start - 1, quote.end
        marked = (
            kind == "direct"
            and before >= 0
            and after < len(text)
            and text[before] in _QUOTE_MARKS
            and text[after] in _QUOTE_MARKS
            and "\n" not in text[before:after]
            and splits_no_quote(before, after + 1)
        )
        if marked and rng.random() < 0.35:
            wraps.append((before, after + 1, "emph"))
    words = [
        m
        for m in re.finditer(r"(?<![\w-])(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?![\w-])", text)
        if m.start() > len(article.title) + 2
    ]
    for match in rng.sample(words, min(len(words), 4)):
        if free(match.start(), match.end()):
            wraps.append((match.start(), match.end(), "link"))
    wraps.sort()
    kept: list[Wrap] = []
    for wrap in wraps:  # a wrap never overlaps another
        if not kept or wrap[0] >= kept[-1][1]:
            kept.append(wrap)
    return kept


def _decorated(
    text: str, start: int, end: int, wraps: list[Wrap], domain: str
) -> tuple[Inline, ...]:
    pieces: list[Inline] = []
    position = start
    for wrap_start, wrap_end, kind in wraps:
        if wrap_start < start or wrap_end > end:
            continue
        if wrap_start > position:
            pieces.append(Source(position, wrap_start))
        inner = (Source(wrap_start, wrap_end),)
        if kind == "emph":
            pieces.append(Emph(inner))
        elif kind == "strong":
            pieces.append(Strong(inner))
        elif kind == "tag":
            pieces.append(Link(inner, "#"))
        else:
            slug = "-".join(text[wrap_start:wrap_end].lower().split())
            pieces.append(Link(inner, f"https://{domain}/tag/{slug}"))
        position = wrap_end
    if position < end:
        pieces.append(Source(position, end))
    return tuple(pieces)
