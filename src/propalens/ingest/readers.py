"""`read_inputs`: every kind of input string to a stream of `Document`s and `InputError`s.

The reader registry lives here, and both `read_inputs` and the batch's progress estimate go
through it: `FILE_READERS` maps a file suffix to its reader and its record count, `is_url`
picks out what is fetched, and `estimated_count` says how many results an input will give.
A new input kind is one `FileReader` entry.
"""

from __future__ import annotations

import csv
import errno
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from propalens.errors import ArticleError, InputError, InternalError
from propalens.ingest.corpus import count_csv_records, count_jsonl_records, read_csv, read_jsonl
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
URL_SCHEMES = ("http", "https")
# PTC (SemEval-2020 Task 11) names each article `article<id>.txt`, and its label files
# `article<id>.<task>.labels`.
_PTC_ARTICLE = re.compile(r"article(\d+)\.txt")
_PTC_LABELS = re.compile(r"article\d+\..*labels")
# Two letters at least, so that a Windows drive ("C:\\news.txt") is not taken for a scheme.
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")

Result = Document | ArticleError


@dataclass(frozen=True)
class FileReader:
    """One kind of file: how it becomes results, and how many it holds (a cheap count that
    decodes no article, for a progress bar)."""

    suffixes: tuple[str, ...]
    read: Callable[[Path, IngestOptions], Iterator[Result]]
    count: Callable[[Path], int]


def is_url(given: str) -> bool:
    """Whether `given` is fetched rather than opened: an http(s) URL."""
    scheme = _URL_SCHEME.match(given)
    return scheme is not None and scheme.group(1).lower() in URL_SCHEMES


def read_inputs(
    inputs: Sequence[str], options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Document | ArticleError]:
    """Read each input in order, yielding its `Document`s and, as values, its errors.

    A bad input never stops the rest and is never dropped, so a caller analyses what it can
    and lists what failed: an `InputError`, or an `InternalError` for an unexpected exception.
    An input is `-` (stdin), an http(s) URL, a folder (see `folder_entries`), a JSONL or CSV
    corpus, an HTML file, or a text file (read as HTML when it opens like HTML).
    """
    for given in inputs:
        yield from _read_guarded(given, _read_one(given, options))


def with_warnings_shown(results: Iterable[Result], show: Callable[[str], None]) -> Iterator[Result]:
    """`results` unchanged, each document's warnings passed to `show` ("source: warning")
    as it goes by, so a front end tells the user what reading changed."""
    for result in results:
        if isinstance(result, Document):
            for warning in result.warnings:
                show(f"{result.source}: {warning}")
        yield result


def _read_guarded(source: str, results: Iterator[Result]) -> Iterator[Result]:
    """What `results` yields; if it raises, the error as a value naming `source`, in place."""
    try:
        yield from results
    except ArticleError as error:
        yield error
    except OSError as error:  # unreadable file, permission denied, a device, ...
        yield InputError(source, error.strerror or str(error))
    except Exception as error:  # a bug on one odd input must not stop the others
        yield InternalError.from_exception(source, error)


def _read_one(given: str, options: IngestOptions) -> Iterator[Result]:
    if given == STDIN:
        yield _read_stdin(options)
        return
    if is_url(given):
        yield fetch_url(given, options)
        return
    path = Path(given)
    if not path.exists():
        if scheme := _URL_SCHEME.match(given):
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


@dataclass(frozen=True)
class FolderEntry:
    """One entry of a folder: a PTC article (with its id), a file to read, or why not."""

    path: Path
    ptc_id: str | None = None
    unread: str | None = None


def folder_entries(folder: Path) -> list[FolderEntry]:
    """What reading `folder` gives, in order: its PTC articles (`article<id>.txt`) in id
    order, then every other entry in name order.

    Its .txt, .md, .html, .htm, .jsonl and .csv files are read; every other entry (another kind of
    file, a subfolder, a broken or looping link, a pipe) is listed with why it is not read.
    Hidden files, and the label files beside PTC articles, are passed over: they are not
    articles.
    """
    children = sorted(folder.iterdir())
    ptc = sorted(
        (int(match.group(1)), child)
        for child in children
        if (match := _PTC_ARTICLE.fullmatch(child.name)) and child.is_file()
    )
    entries = [FolderEntry(child, ptc_id=str(number)) for number, child in ptc]
    taken = {child for _, child in ptc}
    for child in children:
        if child in taken or child.name.startswith("."):
            continue
        if ptc and _PTC_LABELS.fullmatch(child.name):
            continue
        entries.append(FolderEntry(child, unread=_why_unread(child)))
    return entries


def _why_unread(path: Path) -> str | None:
    """Why a folder's entry is not read; None when it is a file of a kind read in folders."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return "a broken symbolic link (its target does not exist)"
        return "removed while the folder was being read"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops"
        return error.strerror or str(error)
    if stat.S_ISDIR(mode):
        return "a folder inside the folder, not read (give it as an input of its own)"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device), not read"
    if path.suffix.lower() not in FOLDER_SUFFIXES:
        kinds = f"{', '.join(FOLDER_SUFFIXES[:-1])} and {FOLDER_SUFFIXES[-1]}"
        return (
            f"not read: a folder's {kinds} files are read"
            " (give this file on its own to read it as text)"
        )
    return None


def _read_folder(folder: Path, options: IngestOptions) -> Iterator[Result]:
    entries = folder_entries(folder)
    if all(entry.unread is not None for entry in entries):
        held = f" (it holds {_names(entries)})" if entries else ""
        raise InputError(str(folder), f"no {', '.join(FOLDER_SUFFIXES)} files in the folder{held}")
    for entry in entries:
        yield from _read_guarded(str(entry.path), _read_entry(entry, options))


def _read_entry(entry: FolderEntry, options: IngestOptions) -> Iterator[Result]:
    if entry.unread is not None:
        raise InputError(str(entry.path), entry.unread)
    if entry.ptc_id is not None:
        yield _with_id(_read_single(entry.path, options, html=False), entry.ptc_id)
    else:
        yield from _read_file(entry.path, options)


def _names(entries: Sequence[FolderEntry], shown: int = 5) -> str:
    names = ", ".join(entry.path.name for entry in entries[:shown])
    return names if len(entries) <= shown else f"{names} and {len(entries) - shown} more"


def _read_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    yield from reader_for(path).read(path, options)


def _read_text_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    yield _read_single(path, options, html=None)


def _read_html_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    yield _read_single(path, options, html=True)


def _one(_: Path) -> int:
    return 1


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
    return result if isinstance(result, ArticleError) else replace(result, id=document_id)


FILE_READERS: tuple[FileReader, ...] = (
    # Markdown is text: its syntax is found and set aside by cleaning (clean/markup.py).
    FileReader((".txt", ".md"), _read_text_file, _one),
    FileReader((".html", ".htm"), _read_html_file, _one),
    FileReader((".jsonl",), read_jsonl, count_jsonl_records),
    FileReader((".csv",), read_csv, count_csv_records),
)
"""The first entry also reads files of any other suffix (as text, or HTML when it opens so)."""
FOLDER_SUFFIXES = tuple(suffix for reader in FILE_READERS for suffix in reader.suffixes)
"""What a plain folder's files are read for."""


def reader_for(path: Path) -> FileReader:
    suffix = path.suffix.lower()
    return next((r for r in FILE_READERS if suffix in r.suffixes), FILE_READERS[0])


def estimated_count(given: str) -> int:
    """About how many results `read_inputs([given])` yields, decoding no article: a file's
    records, a folder's articles; a URL, stdin or an input that cannot be read counts as one
    (it yields one document or one error)."""
    path = Path(given)
    if given == STDIN or is_url(given) or not path.exists():
        return 1
    if not path.is_dir():
        return _count_file(path)
    try:
        entries = folder_entries(path)
    except OSError:
        return 1
    if all(entry.unread is not None for entry in entries):
        return 1
    return sum(1 if entry.unread is not None else _count_file(entry.path) for entry in entries)


def _count_file(path: Path) -> int:
    try:
        return reader_for(path).count(path)
    except (OSError, csv.Error):
        return 1
