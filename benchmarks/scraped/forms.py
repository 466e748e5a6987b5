"""The five forms a scraped article arrives in, each written from one `Page`.

* `markdown`: a reader tool's Markdown (Readability-style: the article only).  Half of them
  carry a Jina-Reader-style header (`Title:`, `URL Source:`, `Published Time:`,
  `Markdown Content:`) and a setext headline; the others open with `# Title`.
* `html2text`: html2text's conversion of the whole page (`body_width=0`, so no hard wraps):
  menus as `  * [Home](/home)` items, `_emphasis_`, `**bold**`, inline links and images.
* `copy-paste`: a browser's select-all copy: plain text, menus and footers included, a blank
  line between paragraphs, images gone.
* `trafilatura`: trafilatura's text output: the article only, one line per paragraph, list
  items as `- item`; half of them with its `--with-metadata` header between `---` lines.
* `html`: the page itself, with its head's metadata, menus in `<nav>` and `<footer>`.

A text form returns the input with, for each line, its role and which of its characters are
visible text (markup such as `](#)` is not); the HTML form returns each block's visible text,
since propalens scores HTML on what trafilatura extracts from it.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from scraped.page import AutoLink, Block, Emph, Image, Inline, Link, Page, Role, Source, Strong

Form = Literal["markdown", "html2text", "copy-paste", "trafilatura", "html"]
FORMS: tuple[Form, ...] = ("markdown", "html2text", "copy-paste", "trafilatura", "html")
SUFFIX: dict[Form, str] = {
    "markdown": ".md",
    "html2text": ".md",
    "copy-paste": ".txt",
    "trafilatura": ".txt",
    "html": ".html",
}


@dataclass(frozen=True)
class Run:
    text: str
    visible: bool
    origin: int | None = None
    """PTC offset of `text[0]` when the run is PTC text (one character per character)."""


@dataclass(frozen=True)
class GoldLine:
    role: Role
    text: str
    """The line's visible text, whitespace collapsed (what a reader sees)."""
    start: int = -1
    end: int = -1
    """The line in the input; -1 for HTML, whose lines are found by their text."""
    visible: tuple[tuple[int, int], ...] = ()
    """Input ranges of the line's visible characters (text forms)."""


@dataclass(frozen=True)
class Written:
    text: str
    lines: tuple[GoldLine, ...]
    origin: dict[int, int]
    """PTC offset -> input offset, for every PTC character written."""
    blocks: tuple[tuple[int, int], ...]
    """Input range of each page block (-1, -1 when the form leaves it out)."""


@dataclass(frozen=True)
class Markup:
    """How a Markdown dialect writes inline and block markup."""

    emph: str
    item: str


READER_MARKDOWN = Markup(emph="*", item="- ")
HTML2TEXT = Markup(emph="_", item="  * ")


def inline_runs(inlines: Iterable[Inline], ptc: str, markup: Markup | None) -> list[Run]:
    """Runs for inline pieces; `markup` None writes them as plain visible text."""
    runs: list[Run] = []
    for piece in inlines:
        if isinstance(piece, str):
            runs.append(Run(piece, True))
        elif isinstance(piece, Source):
            runs.append(Run(ptc[piece.start : piece.end].replace("\n", " "), True, piece.start))
        elif isinstance(piece, AutoLink):
            if markup is None:
                runs.append(Run(piece.url, True))
            else:
                runs += [Run("<", False), Run(piece.url, True), Run(">", False)]
        elif isinstance(piece, Image):
            if markup is not None:
                runs += [Run("![", False), Run(piece.alt, True), Run(f"]({piece.src})", False)]
        else:
            inner = inline_runs(piece.inner, ptc, markup)
            if markup is None:
                runs += inner
            elif isinstance(piece, Link):
                runs += [Run("[", False), *inner, Run(f"]({piece.url})", False)]
            else:
                mark = markup.emph if isinstance(piece, Emph) else "**"
                assert isinstance(piece, Emph | Strong)
                runs += [Run(mark, False), *inner, Run(mark, False)]
    return runs


def _block_runs(block: Block, ptc: str, markup: Markup | None) -> list[Run]:
    if block.kind == "rule":
        return [Run("* * *" if markup is not None else "", False)]
    runs = inline_runs(block.inlines, ptc, markup)
    if markup is None:
        prefix = "- " if block.kind == "item" else ""
    elif block.kind == "heading":
        prefix = "#" * block.level + " "
    elif block.kind == "item":
        prefix = markup.item
    elif block.kind == "quote":
        prefix = "> "
    else:
        prefix = ""
    return [Run(prefix, False), *runs] if prefix else runs


Layout = list[tuple[int | None, list[Run]]]
"""Page block index (None: the form's own header) and its runs, in writing order."""


def _assemble(
    layout: Layout, page: Page, separator: Callable[[Block | None, Block | None], str]
) -> Written:
    text: list[str] = []
    visible_at: list[bool] = []
    origin: dict[int, int] = {}
    ranges: list[tuple[int, int]] = [(-1, -1)] * len(page.blocks)
    roles: list[tuple[int, int, Role]] = []
    position = 0
    previous: Block | None = None
    for index, runs in layout:
        block = page.blocks[index] if index is not None else None
        if text:
            gap = separator(previous, block)
            text.append(gap)
            visible_at += [False] * len(gap)
            position += len(gap)
        start = position
        for run in runs:
            if run.origin is not None:
                for offset in range(len(run.text)):
                    origin[run.origin + offset] = position + offset
            text.append(run.text)
            visible_at += [run.visible] * len(run.text)
            position += len(run.text)
        if index is not None:
            ranges[index] = (start, position)
        roles.append((start, position, block.role if block is not None else "boilerplate"))
        previous = block
    written = "".join(text)
    return Written(written, tuple(_gold_lines(written, visible_at, roles)), origin, tuple(ranges))


def _gold_lines(
    text: str, visible_at: list[bool], roles: list[tuple[int, int, Role]]
) -> Iterable[GoldLine]:
    for start, end, role in roles:
        line_start = start
        for line in text[start:end].split("\n"):
            line_end = line_start + len(line)
            visible = _visible_ranges(visible_at, line_start, line_end)
            shown = "".join(text[a:b] for a, b in visible)
            if any(ch.isalnum() for ch in shown):
                yield GoldLine(role, " ".join(shown.split()), line_start, line_end, visible)
            line_start = line_end + 1


def _visible_ranges(visible_at: list[bool], start: int, end: int) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for offset in range(start, end):
        if not visible_at[offset]:
            continue
        if ranges and ranges[-1][1] == offset:
            ranges[-1] = (ranges[-1][0], offset + 1)
        else:
            ranges.append((offset, offset + 1))
    return tuple(ranges)


def _header(lines: Iterable[str]) -> list[tuple[int | None, list[Run]]]:
    return [(None, [Run(line, True)]) for line in lines]


def _title_index(page: Page) -> int:
    return next(i for i, block in enumerate(page.blocks) if block.role == "title")


def write_markdown(page: Page, ptc: str, rng: random.Random) -> Written:
    layout: Layout = []
    title = _title_index(page)
    jina = rng.random() < 0.5
    if jina:
        meta = page.meta
        header = [f"Title: {page.gold.title}", f"URL Source: {meta.url}"]
        if meta.published is not None:
            hour = rng.randrange(6, 22)
            header.append(f"Published Time: {meta.published.isoformat()}T{hour:02d}:00:00+00:00")
        layout += _header([*header, "Markdown Content:"])
    for index, block in enumerate(page.blocks):
        if block.placement == "chrome":
            continue
        if index == title:
            runs = inline_runs(block.inlines, ptc, READER_MARKDOWN)
            underline = "=" * max(3, sum(len(r.text) for r in runs))
            layout.append(
                (
                    index,
                    [*runs, Run("\n" + underline, False)] if jina else [Run("# ", False), *runs],
                )
            )
        else:
            layout.append((index, _block_runs(block, ptc, READER_MARKDOWN)))
    return _assemble(layout, page, _markdown_gap)


def write_html2text(page: Page, ptc: str, rng: random.Random) -> Written:
    layout: Layout = []
    title = _title_index(page)
    for index, block in enumerate(page.blocks):
        runs = _block_runs(block, ptc, HTML2TEXT)
        layout.append((index, [Run("# ", False), *runs] if index == title else runs))
    return _assemble(layout, page, _markdown_gap)


def write_copy_paste(page: Page, ptc: str, rng: random.Random) -> Written:
    layout: Layout = []
    for index, block in enumerate(page.blocks):
        if block.kind == "rule" or all(isinstance(piece, Image) for piece in block.inlines):
            continue
        layout.append((index, inline_runs(block.inlines, ptc, None)))
    return _assemble(layout, page, _copy_gap)


def write_trafilatura(page: Page, ptc: str, rng: random.Random) -> Written:
    layout: Layout = []
    if rng.random() < 0.5:
        meta = page.meta
        header = ["---", f"title: {page.gold.title}"]
        if meta.author:
            header.append(f"author: {meta.author}")
        host = meta.url.split("/")[2]
        header += [f"url: {meta.url}", f"hostname: {host}"]
        if meta.site_name:
            header.append(f"sitename: {meta.site_name}")
        if meta.published is not None:
            header.append(f'date: "{meta.published.isoformat()}"')
        header += [f'fingerprint: "{rng.getrandbits(64):016x}"', "---"]
        layout += _header(header)
    for index, block in enumerate(page.blocks):
        if block.placement == "chrome" or block.kind == "rule":
            continue
        if all(isinstance(piece, Image) for piece in block.inlines):
            continue
        layout.append((index, _block_runs(block, ptc, None)))
    return _assemble(layout, page, lambda before, after: "\n")


def _markdown_gap(before: Block | None, after: Block | None) -> str:
    return "\n" if _both_items(before, after) else "\n\n"


def _copy_gap(before: Block | None, after: Block | None) -> str:
    chrome = (
        before is not None and after is not None and "chrome" in (before.placement, after.placement)
    )
    return "\n" if _both_items(before, after) or chrome else "\n\n"


def _both_items(before: Block | None, after: Block | None) -> bool:
    return before is not None and after is not None and before.kind == after.kind == "item"


def write_html(page: Page, ptc: str, rng: random.Random) -> Written:
    """The page as HTML; `Written.lines` hold each block's visible text, not input offsets."""
    meta = page.meta
    head = [
        '<meta charset="utf-8">',
        f"<title>{_escape(page.gold.title)} | {_escape(meta.site_name or '')}</title>",
        f'<meta property="og:title" content="{_escape(page.gold.title)}">',
        f'<link rel="canonical" href="{_escape(meta.url)}">',
    ]
    if meta.site_name:
        head.append(f'<meta property="og:site_name" content="{_escape(meta.site_name)}">')
    if meta.author:
        head.append(f'<meta name="author" content="{_escape(meta.author)}">')
    if meta.published is not None:
        stamp = f"{meta.published.isoformat()}T09:00:00Z"
        head.append(f'<meta property="article:published_time" content="{stamp}">')
    first = next(i for i, b in enumerate(page.blocks) if b.placement == "article")
    last = max(i for i, b in enumerate(page.blocks) if b.placement == "article")
    header = _html_blocks(page.blocks[:first], ptc)
    article = _html_blocks(page.blocks[first : last + 1], ptc)
    footer = _html_blocks(page.blocks[last + 1 :], ptc)
    body = (
        f"<header><nav>{header}</nav></header>\n<main><article>\n{article}\n</article></main>\n"
        f"<footer>{footer}</footer>"
    )
    text = (
        f'<!DOCTYPE html>\n<html lang="en"><head>{"".join(head)}</head>\n'
        f"<body>\n{body}\n</body></html>\n"
    )
    lines = []
    for block in page.blocks:
        shown = " ".join("".join(r.text for r in inline_runs(block.inlines, ptc, None)).split())
        if block.kind != "rule" and any(ch.isalnum() for ch in shown):
            lines.append(GoldLine(block.role, shown))
    return Written(text, tuple(lines), {}, tuple((-1, -1) for _ in page.blocks))


def _html_blocks(blocks: Iterable[Block], ptc: str) -> str:
    parts: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "item" and not in_list:
            parts.append("<ul>")
        if block.kind != "item" and in_list:
            parts.append("</ul>")
        in_list = block.kind == "item"
        inner = _html_inline(block.inlines, ptc)
        if block.role == "title":
            parts.append(f"<h1>{inner}</h1>")
        elif block.kind == "rule":
            parts.append("<hr>")
        elif all(isinstance(piece, Image) for piece in block.inlines):
            parts.append(f"<figure>{inner}</figure>")
        elif block.kind == "heading":
            parts.append(f"<h{block.level}>{inner}</h{block.level}>")
        elif block.kind == "item":
            parts.append(f"<li>{inner}</li>")
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{inner}</p></blockquote>")
        else:
            parts.append(f"<p>{inner}</p>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def _html_inline(inlines: Iterable[Inline], ptc: str) -> str:
    out: list[str] = []
    for piece in inlines:
        if isinstance(piece, str):
            out.append(_escape(piece))
        elif isinstance(piece, Source):
            out.append(_escape(ptc[piece.start : piece.end].replace("\n", " ")))
        elif isinstance(piece, AutoLink):
            out.append(f'<a href="{_escape(piece.url)}">{_escape(piece.url)}</a>')
        elif isinstance(piece, Image):
            out.append(f'<img src="{_escape(piece.src)}" alt="{_escape(piece.alt)}">')
        elif isinstance(piece, Link):
            out.append(f'<a href="{_escape(piece.url)}">{_html_inline(piece.inner, ptc)}</a>')
        elif isinstance(piece, Emph):
            out.append(f"<em>{_html_inline(piece.inner, ptc)}</em>")
        else:
            out.append(f"<strong>{_html_inline(piece.inner, ptc)}</strong>")
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


WRITERS: dict[Form, Callable[[Page, str, random.Random], Written]] = {
    "markdown": write_markdown,
    "html2text": write_html2text,
    "copy-paste": write_copy_paste,
    "trafilatura": write_trafilatura,
    "html": write_html,
}
