"""Corpus files (JSONL, CSV): one `Document` per record, one `InputError` per bad record.

A corpus is read as a stream, so a file larger than memory still works, and a bad record is
reported by line (`corpus.jsonl:17`) while the others are read.  `max_bytes` limits each
record's text, not the file.  Corpus files must be UTF-8 (a BOM is allowed).

A JSON string may hold a lone surrogate (an escape such as `\ud800` that pairs with nothing,
often half of an emoji cut in two), which is not a character and cannot be encoded.  It is
replaced with U+FFFD, one character for one, so every offset still points at the character it
did and the rest of the record is analysed; the `Document` carries a warning that says so.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from propalens.errors import ArticleError, InputError, InternalError
from propalens.ingest.document import Document
from propalens.ingest.options import IngestOptions

# csv rejects fields over its limit (128 KiB by default, less than a long article).  The limit
# is process-wide, so it is only ever raised; twice max_bytes lets an over-long text reach the
# per-record check and its clearer message.  2**31 - 1 is the most every platform accepts.
_CSV_FIELD_LIMIT_CAP = 2**31 - 1
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: Path, options: IngestOptions) -> Iterator[Document | ArticleError]:
    """One `Document` per JSON object line; blank lines are skipped."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield InputError(source, "not UTF-8 (JSONL must be UTF-8)")
                continue
            except json.JSONDecodeError as error:
                # Some of json's messages end in "at" already ("Invalid control character at").
                what = error.msg if error.msg.endswith(" at") else f"{error.msg} at"
                yield InputError(source, f"not valid JSON ({what} column {error.colno})")
                continue
            if not isinstance(record, dict):
                yield InputError(source, f"expected a JSON object, got {type(record).__name__}")
                continue
            yield _record_or_error(record, source, options)


def read_csv(path: Path, options: IngestOptions) -> Iterator[Document | ArticleError]:
    """One `Document` per CSV row after the header row.

    A malformed row (a quote left open or followed by more text, a field too large, bytes that
    are not UTF-8) stops the file with an error naming the row's first line, since csv cannot
    tell where the next good row starts.  csv's strict mode makes a broken quote an error:
    otherwise it reads on, and the rest of the file becomes fragment "articles".
    """
    wanted = min(2 * options.max_bytes, _CSV_FIELD_LIMIT_CAP)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
    with path.open("rb") as handle:
        reader = csv.DictReader(_utf8_lines(path, handle), strict=True)
        try:
            columns = reader.fieldnames or []
            if options.text_column not in columns:
                shown = ", ".join(repr(column) for column in columns) or "none"
                yield InputError(str(path), f"no {options.text_column!r} column (columns: {shown})")
                return
            while True:
                first_line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                yield _record_or_error(row, f"{path}:{first_line}", options)
        except csv.Error as error:
            yield InputError(
                f"{path}:{first_line}", f"{_csv_problem(error)}; the rest was not read"
            )
        except InputError as error:
            yield error


def count_jsonl_records(path: Path) -> int:
    """How many records `read_jsonl` will yield (non-blank lines), without decoding them."""
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())


def count_csv_records(path: Path) -> int:
    """About how many records `read_csv` will yield (rows after the header), without checks."""
    # Only counting: any field size will do (read_csv applies the real limit).
    csv.field_size_limit(_CSV_FIELD_LIMIT_CAP)
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def _csv_problem(error: csv.Error) -> str:
    if "field limit" in str(error):  # csv names no other error class for it
        limit = csv.field_size_limit()
        return f"a field of more than {limit:,} characters (raise --max-bytes to read it)"
    return f"malformed CSV ({error})"


def _utf8_lines(path: Path, lines: Iterable[bytes]) -> Iterator[str]:
    """Decode line by line, so an error names the line that is not UTF-8."""
    for number, raw in enumerate(lines, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(
                f"{path}:{number}", "not UTF-8 (save the CSV as UTF-8); the rest was not read"
            ) from None


def _record_or_error(
    record: Mapping[Any, object], source: str, options: IngestOptions
) -> Document | ArticleError:
    try:
        return document_from_record(record, source, options)
    except InputError as error:
        return error
    except Exception as error:  # a bug on one odd record must not stop the others
        return InternalError.from_exception(source, error)


def document_from_record(
    record: Mapping[Any, object], source: str, options: IngestOptions
) -> Document:
    """A `Document` from one corpus record, using the columns `options` names."""
    text = record.get(options.text_column)
    if text is None:
        raise InputError(source, f"no {options.text_column!r} field")
    if not isinstance(text, str):
        raise InputError(source, f"{options.text_column!r} is not a string")
    warnings: list[str] = []
    text = _characters(text, options.text_column, warnings)
    if not text.strip():
        raise InputError(source, "empty text")
    if len(text.encode("utf-8")) > options.max_bytes:
        raise InputError(
            source, f"text larger than the {options.max_bytes:,}-byte limit (raise --max-bytes)"
        )
    return Document(
        source=source,
        text=text,
        id=_field(record, options.id_column, warnings),
        title=_field(record, options.title_column, warnings),
        url=_field(record, options.url_column, warnings),
        outlet=_field(record, options.outlet_column, warnings),
        warnings=tuple(warnings),
    )


def _field(record: Mapping[Any, object], column: str | None, warnings: list[str]) -> str | None:
    """A metadata value as text; numbers (JSON ids) become strings, anything else is ignored."""
    if column is None:
        return None
    value = record.get(column)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return _characters(str(value), column, warnings).strip() or None


def _characters(value: str, column: str, warnings: list[str]) -> str:
    """`value` with each lone surrogate replaced by U+FFFD (see the module's docstring)."""
    first = _LONE_SURROGATE.search(value)
    if first is None:
        return value
    replaced, count = _LONE_SURROGATE.subn("\ufffd", value)
    what = "a lone surrogate" if count == 1 else f"{count} lone surrogates"
    warnings.append(
        f"{column!r} holds {what} (an escape such as \\ud800 that is not a character)"
        f" at character {first.start()}, replaced with U+FFFD"
    )
    return replaced
