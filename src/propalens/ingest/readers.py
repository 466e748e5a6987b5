"""`read_inputs`: every kind of input string to a stream of `Document`s and `InputError`s."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from propalens.errors import InputError
from propalens.ingest.corpus import read_csv, read_jsonl
from propalens.ingest.decode import (
    declared_html_encoding,
    decode_bytes,
    looks_like_html,
    looks_like_html_bytes,
)
from propalens.ingest.document import Document
from propalens.ingest.fetch import fetch_url
from propalens.ingest.html_extract import document_from_html
from propalens.ingest.options import DEFAULT_OPTIONS, IngestOptions

STDIN = "-"
STDIN_SOURCE = "<stdin>"
FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
_HTML_SUFFIXES = frozenset({".html", ".htm"})
# PTC (SemEval-2020 Task 11) names each article `article<id>.txt`; its label files differ.
_PTC_ARTICLE = re.compile(r"article(\d+)\.txt")
# Two letters at least, so that a Windows drive ("C:\\news.txt") is not taken for a scheme.
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")

Result = Document | InputError


def read_inputs(
    inputs: Sequence[str], options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Document | InputError]:
    """Read each input in order, yielding its `Document`s and, as values, its errors.

    A bad input never stops the rest and is never dropped, so a caller analyses what it can
    and lists what failed.  An input is `-` (stdin), an http(s) URL, a folder (a PTC article
    folder, or its .txt/.html/.htm/.jsonl/.csv files), a JSONL or CSV corpus, an HTML file,
    or a text file (read as HTML when it opens like HTML).
    """
    for given in inputs:
        try:
            yield from _read_one(given, options)
        except InputError as error:
            yield error
        except OSError as error:  # unreadable file, permission denied, a device, ...
            yield InputError(given, error.strerror or str(error))


def _read_one(given: str, options: IngestOptions) -> Iterator[Result]:
    if given == STDIN:
        yield _read_stdin(options)
        return
    scheme = _URL_SCHEME.match(given)
    if scheme and scheme.group(1).lower() in ("http", "https"):
        yield fetch_url(given, options)
        return
    path = Path(given)
    if not path.exists():
        if scheme:
            raise InputError(given, f"unsupported URL scheme {scheme.group(1)!r}; use http(s)")
        raise InputError(given, "no such file or folder")
    if path.is_dir():
        yield from _read_folder(path, options)
    else:
        yield from _read_file(path, options)


def _read_stdin(options: IngestOptions) -> Document:
    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN_SOURCE, "no standard input")
    buffer = getattr(stream, "buffer", None)
    # Read one byte past the limit: enough to know it is too big without reading it all.
    data = (
        buffer.read(options.max_bytes + 1)
        if buffer is not None
        else stream.read(options.max_bytes + 1).encode("utf-8")
    )
    return _document_from_bytes(data, STDIN_SOURCE, options, html=None)


def _read_folder(folder: Path, options: IngestOptions) -> Iterator[Result]:
    ptc = sorted(
        (int(match.group(1)), child)
        for child in folder.iterdir()
        if (match := _PTC_ARTICLE.fullmatch(child.name)) and child.is_file()
    )
    if ptc:
        for article_id, child in ptc:
            yield _with_id(_read_single(child, options, html=False), str(article_id))
        return
    children = sorted(
        child
        for child in folder.iterdir()
        if child.suffix.lower() in FOLDER_SUFFIXES and child.is_file()
    )
    if not children:
        raise InputError(str(folder), f"no {', '.join(FOLDER_SUFFIXES)} files in the folder")
    for child in children:
        try:
            yield from _read_file(child, options)
        except InputError as error:
            yield error
        except OSError as error:
            yield InputError(str(child), error.strerror or str(error))


def _read_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, options)
    elif suffix == ".csv":
        yield from read_csv(path, options)
    else:
        yield _read_single(path, options, html=True if suffix in _HTML_SUFFIXES else None)


def _read_single(path: Path, options: IngestOptions, *, html: bool | None) -> Result:
    """One file, one document.  `html`: True/False forces the format, None sniffs it."""
    try:
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
        return _document_from_bytes(data, str(path), options, html=html)
    except InputError as error:
        return error
    except OSError as error:
        return InputError(str(path), error.strerror or str(error))


def _document_from_bytes(
    data: bytes, source: str, options: IngestOptions, *, html: bool | None
) -> Document:
    is_html = looks_like_html_bytes(data) if html is None else html
    declared = declared_html_encoding(data) if is_html else None
    text = decode_bytes(data, source, max_bytes=options.max_bytes, declared_encoding=declared)
    if html is None and not is_html:
        # Bytes sniffing misses pages in UTF-16; the decoded text shows them.
        is_html = looks_like_html(text)
    return document_from_html(text, source) if is_html else Document(source=source, text=text)


def _with_id(result: Result, document_id: str) -> Result:
    return result if isinstance(result, InputError) else replace(result, id=document_id)
