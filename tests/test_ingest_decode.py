"""decode_bytes: text comes out exactly as written, and whatever is not text is refused by name."""

from __future__ import annotations

import codecs

import pytest

from propalens.ingest import InputError, decode_bytes

LIMIT = 1_000_000
# Long enough (three sentences) for an encoding detector to recognise the language.
WESTERN = (
    "The minister’s “bold” plan was called a disgrace by critics on Tuesday. "
    "Café owners in Zürich said naïve voters had been fooled by the campaign. "
    "The opposition promised to fight the plan in parliament next week.\n"
)


def decode(data: bytes, declared_encoding: str | None = None) -> str:
    return decode_bytes(data, "news.txt", max_bytes=LIMIT, declared_encoding=declared_encoding)


def test_utf8_text_is_kept_exactly_with_its_newlines() -> None:
    text = "First line\r\nSecond line\rThird – “quoted”\n\n"
    assert decode(text.encode("utf-8")) == text


def test_a_utf8_byte_order_mark_is_stripped() -> None:
    assert decode(codecs.BOM_UTF8 + "Grüße".encode()) == "Grüße"


def test_utf16_with_a_byte_order_mark_is_decoded_not_called_binary() -> None:
    assert decode("Grüße aus Köln".encode("utf-16")) == "Grüße aus Köln"


def test_a_cp1252_file_is_decoded_right() -> None:
    assert decode(WESTERN.encode("cp1252")) == WESTERN


def test_a_latin1_file_is_decoded_right() -> None:
    text = (
        "Le ministre a démissionné après des semaines de pression. "
        "Ça suffit, disent les électeurs français. "
        "L’opposition réclame des élections anticipées.\n"
    ).replace("’", "'")
    assert decode(text.encode("latin-1")) == text


def test_a_declared_encoding_is_tried_first() -> None:
    text = "Москва заявила о победе"
    assert decode(text.encode("koi8_r"), declared_encoding="koi8-r") == text


def test_a_declared_latin1_is_read_as_windows_1252_as_browsers_do() -> None:
    assert decode("“quoted”".encode("cp1252"), declared_encoding="iso-8859-1") == "“quoted”"


def test_an_unknown_declared_encoding_falls_back_to_utf8() -> None:
    assert decode("naïve".encode(), declared_encoding="no-such-charset") == "naïve"


def test_an_exotic_encoding_that_cannot_be_detected_is_an_error_naming_the_file() -> None:
    with pytest.raises(InputError) as caught:
        decode("Café crème brûlée".encode("hp_roman8"))
    assert caught.value.source == "news.txt"
    assert "not UTF-8 and no encoding could be detected" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_or_blank_input_is_an_error(data: bytes) -> None:
    with pytest.raises(InputError, match="empty input"):
        decode(data)


def test_input_over_the_limit_is_refused_and_the_message_gives_the_limit() -> None:
    with pytest.raises(InputError, match="1,000-byte limit"):
        decode_bytes(b"a" * 1001, "big.txt", max_bytes=1000)
    assert decode_bytes(b"a" * 1000, "ok.txt", max_bytes=1000) == "a" * 1000


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
        (b"plain start\x00then nul bytes", "NUL"),
        (bytes(range(1, 8)) * 20, "control"),
    ],
)
def test_binary_data_is_refused_as_binary(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=rf"binary.*{kind}"):
        decode(data)


def test_a_utf8_bom_over_invalid_bytes_is_an_error_not_mojibake() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"caf\xe9 au lait")


def test_utf8_with_a_few_invalid_bytes_is_refused_rather_than_read_as_another_encoding() -> None:
    damaged = WESTERN.encode("utf-8").replace("Zürich".encode(), b"Z\xfcrich")
    with pytest.raises(InputError) as caught:
        decode(damaged)
    assert caught.value.source == "news.txt"
    offset = damaged.index(b"\xfc")
    assert caught.value.reason == (
        f"not valid UTF-8 (byte 0xfc at offset {offset}), though the rest is UTF-8: "
        "repair the file or save it again as UTF-8"
    )


def test_nul_bytes_anywhere_in_the_input_are_refused_as_binary() -> None:
    data = WESTERN.encode("utf-8") * 100 + b"\x00\x00" + WESTERN.encode("utf-8")
    assert data.index(b"\x00") > 8192
    with pytest.raises(InputError, match="binary data \\(contains NUL bytes\\)"):
        decode(data)
