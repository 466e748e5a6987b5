"""HTML to `Document`: trafilatura finds the article body and its metadata, offline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from propalens.errors import InputError
from propalens.ingest.document import Document

# Tags of trafilatura's cleaned tree (its own XML, not HTML's).
_LINE_BREAK = "lb"
_LIST = "list"
_ITEM = "item"


def document_from_html(html: str, source: str, *, url: str | None = None) -> Document:
    """Extract the article (paragraphs separated by blank lines) and metadata from a page.

    The text opens with the page's headline on a line of its own, then a blank line, as PTC
    files and pasted articles do: the headline is part of what the page says, and cleaning
    finds it there as the title.  The outlet, byline and date are the page's own
    (`og:site_name`, `article:published_time` and the like, as trafilatura reads them).

    Nothing is fetched; `url` (where the page came from) helps trafilatura and becomes
    `Document.url`, else the page's own canonical URL is used.  Tables and comments are left
    out: they are rarely the article's own argument.  Scripts and event handlers never reach
    the text.  Raises `InputError` when the page has no article text.
    """
    extracted = _extract(html, source, url)
    text = _body_text(extracted.body) if extracted is not None else ""
    if not text.strip():
        # trafilatura's parser stops reading at the 256th level of nesting, where a page
        # built of nested wrappers may hold all its text; such a page is read again with
        # the parser's limit raised as far as it goes.
        extracted = _extract(_parse_deeply(html, source), source, url)
        text = _body_text(extracted.body) if extracted is not None else ""
    if not text.strip():
        raise InputError(source, "no article text found in the HTML")
    title = _one_line(extracted.title)
    return Document(
        source=source,
        text=_with_headline(title, text),
        format="html",
        title=title,
        url=url or _clean(extracted.url),
        outlet=_clean(extracted.sitename),
        byline=_clean(extracted.author),
        published=_parse_date(extracted.date),
    )


def _parse_deeply(html: str, source: str) -> Any:
    """The page parsed as trafilatura parses it, but with libxml2's nesting limit raised from
    256 to its most (2048); a page nested deeper still is refused as such."""
    import lxml.html  # type: ignore[import-untyped]

    parser = lxml.html.HTMLParser(
        huge_tree=True,
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as error:  # a third-party parser on hostile input: report, don't crash
        raise InputError(source, f"cannot parse the HTML ({error})") from None
    for entry in parser.error_log:
        too_deep = _EXCESSIVE_DEPTH.search(entry.message)
        if too_deep:
            raise InputError(
                source,
                f"the HTML is nested more than {too_deep.group(1)} elements deep, "
                "deeper than its parser reads",
            )
    return tree


_EXCESSIVE_DEPTH = re.compile(r"Excessive depth in document: (\d+)")


def _extract(html: Any, source: str, url: str | None) -> Any:
    """trafilatura's extraction from a page's HTML or its parsed tree."""
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
        )
    except Exception as error:  # a third-party parser on hostile input: report, don't crash
        raise InputError(source, f"cannot parse the HTML ({error})") from None


def _body_text(body: Any) -> str:
    if body is None:
        return ""
    # Each top-level element (paragraph, heading, quote, list) becomes a paragraph of its own,
    # so a blank line marks every paragraph break the page had.
    paragraphs: list[str] = []
    for element in body:
        if element.tag == _LIST:
            lines = [_element_text(item).strip() for item in element if item.tag == _ITEM]
            block = "\n".join(line for line in lines if line)
        else:
            block = _element_text(element).strip()
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


def _element_text(element: Any) -> str:
    """The text of an element, with trafilatura's `<lb/>` line breaks kept as newlines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == _LINE_BREAK else _element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _with_headline(title: str | None, text: str) -> str:
    """`text` opening with `title` as its first paragraph; unchanged where it already does (a
    page whose article element holds its own headline)."""
    if title is None or _one_line(text.split("\n\n", 1)[0]) == title:
        return text
    return f"{title}\n\n{text}"


def _one_line(value: str | None) -> str | None:
    """`value` with its runs of whitespace, line breaks included, collapsed to single spaces."""
    return _clean(" ".join((value or "").split()))


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
