"""Bytes to text: refuse what is not text, and say why, rather than analyse mojibake."""

from __future__ import annotations

import codecs
import re

from propalens.errors import InputError

# Byte-order marks decide the encoding before anything else (as browsers do): a file that
# starts with one says what it is.  UTF-32 comes first because its LE mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Formats people hand us by mistake, named so the message says what the file really is.
# A PDF, for one, opens with a plain-ASCII header, so the control-byte test alone would pass it.
_SIGNATURES = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a DOCX/XLSX/EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
)

_SNIFF_BYTES = 8192
# Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.10

# charset-normalizer always proposes something; these keep only guesses whose decoded text
# reads as text (little "chaos") in a recognisable language ("coherence").  Below that the
# guess is usually a wrong code page, and wrong characters would be analysed as if real.
_MAX_CHAOS = 0.10
_MIN_COHERENCE = 0.10

# The WHATWG encoding standard reads these labels as windows-1252, and so do browsers; pages
# that say "iso-8859-1" routinely contain cp1252 curly quotes.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})

# Single-byte Latin code pages differ in a few letters, so the detector's language score
# barely separates them (English cp1252 text often scores best as cp1250, making "è" into "č").
# Among guesses that read equally cleanly and score nearly as well, windows-1252 wins: it is
# what Western newsroom systems wrote.  A heuristic, measured on a handful of languages; the
# margin still lets a clearly better fit (Turkish cp1254, say) through.
_COHERENCE_MARGIN = 0.10
_PREFERRED_LEGACY = "cp1252"

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_HTML_START = (b"<!doctype html", b"<html")
_HTML_START_TEXT = ("<!doctype html", "<html")


def decode_bytes(
    data: bytes, source: str, *, max_bytes: int, declared_encoding: str | None = None
) -> str:
    """Decode one input exactly (no newline or Unicode normalisation: offsets point into it).

    Order: a byte-order mark, then `declared_encoding` (an HTTP or HTML meta charset), then
    UTF-8, then charset-normalizer's guess when it is confident.  Raises `InputError` naming
    `source` for empty, oversized, binary or undecodable input, and for UTF-8 with a few
    invalid bytes: read in another encoding, its every "—" would become "â€”".
    """
    if not data.strip():
        raise InputError(source, "empty input")
    if len(data) > max_bytes:
        raise InputError(
            source, f"larger than the {max_bytes:,}-byte limit (raise --max-bytes to read it)"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _nonempty(_decode_or_fail(data[len(bom) :], encoding, source), source)
    _refuse_binary(data, source)
    for encoding in _candidate_encodings(declared_encoding):
        try:
            return _nonempty(data.decode(encoding), source)
        except UnicodeDecodeError:
            continue
    _refuse_damaged_utf8(data, source)
    guessed = _confident_guess(data)
    if guessed is None:
        raise InputError(source, "not UTF-8 and no encoding could be detected (save it as UTF-8)")
    return _nonempty(guessed, source)


def declared_html_encoding(data: bytes) -> str | None:
    """The charset an HTML page declares in a `<meta>` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def looks_like_html_bytes(data: bytes) -> bool:
    """Whether raw bytes open like an HTML document (after any BOM and leading whitespace)."""
    head = data[:1024].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith(_HTML_START)


def looks_like_html(text: str) -> bool:
    """Whether text opens like an HTML document, so a `.txt` or stdin page is still parsed."""
    return text[:1024].lstrip("\ufeff \t\r\n").lower().startswith(_HTML_START_TEXT)


def _candidate_encodings(declared: str | None) -> list[str]:
    candidates = []
    if declared:
        try:
            name = codecs.lookup(declared.strip()).name
        except LookupError:
            name = None  # a misspelt charset label is common; fall back to detection
        if name is not None:
            candidates.append("cp1252" if name in _WINDOWS_1252_ALIASES else name)
    candidates.append("utf-8")
    return candidates


def _decode_or_fail(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source,
            f"starts with a {encoding} byte-order mark but is not valid {encoding}"
            f" (byte {error.start})",
        ) from None


def _nonempty(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "empty input")
    return text


def _refuse_binary(data: bytes, source: str) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(source, f"binary data (looks like {kind}), not text")
    # A NUL anywhere (text never holds one); the control-character share is judged on the head.
    if b"\x00" in data:
        raise InputError(source, "binary data (contains NUL bytes), not text")
    head = data[:_SNIFF_BYTES]
    control = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if control > _MAX_CONTROL_SHARE * len(head):
        raise InputError(source, "binary data (mostly control characters), not text")


def _refuse_damaged_utf8(data: bytes, source: str) -> None:
    """Refuse bytes that are UTF-8 but for a few invalid ones (a file cut mid-character, or
    pasted together), rather than let the detector read them in a legacy code page.

    Such bytes hold more valid multi-byte UTF-8 sequences than invalid ones; text in a legacy
    code page almost never holds any, since its accented letters are single bytes.
    """
    replaced = data.decode("utf-8", errors="replace")
    genuine = data.count("\ufffd".encode())  # U+FFFD written in the file itself
    invalid = replaced.count("\ufffd") - genuine
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    multibyte = non_ascii - invalid
    if multibyte > invalid:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                source,
                f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}),"
                " though the rest is UTF-8: repair the file or save it again as UTF-8",
            ) from None


def _confident_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: it is only needed here

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        return None
    near_best = (
        m
        for m in matches
        if m.chaos == best.chaos and m.coherence >= best.coherence - _COHERENCE_MARGIN
    )
    if any(_PREFERRED_LEGACY in m.could_be_from_charset for m in near_best):
        try:
            return data.decode(_PREFERRED_LEGACY)
        except UnicodeDecodeError:
            pass
    return str(best)
