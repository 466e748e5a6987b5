"""read_inputs: every kind of input becomes Documents, and every bad one an error that names it."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from propalens.ingest import Document, IngestOptions, InputError, read_inputs
from propalens.ingest.readers import estimated_count, reader_for

DATA = Path(__file__).parent / "data" / "ingest"
ARTICLE = DATA / "harbour_closure.txt"
DEFAULTS = IngestOptions()
CSV_DEFAULT_FIELD_LIMIT = 131_072


def read(*inputs: str | Path, options: IngestOptions = DEFAULTS) -> list[Document | InputError]:
    return list(read_inputs([str(given) for given in inputs], options))


def documents(results: list[Document | InputError]) -> list[Document]:
    return [result for result in results if isinstance(result, Document)]


def errors(results: list[Document | InputError]) -> list[InputError]:
    return [result for result in results if isinstance(result, InputError)]


def test_a_text_file_is_read_exactly_as_written() -> None:
    [document] = read(ARTICLE)
    assert isinstance(document, Document)
    assert document.text == ARTICLE.read_text("utf-8")
    assert document.source == str(ARTICLE)
    assert document.format == "text"


def test_an_html_file_is_read_as_html() -> None:
    [document] = read(DATA / "harbour_closure.html")
    assert isinstance(document, Document)
    assert document.format == "html"
    assert document.outlet == "The Coastal Ledger"


def test_a_text_file_that_opens_like_html_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_bytes((DATA / "harbour_closure.html").read_bytes())
    [document] = read(page)
    assert isinstance(document, Document)
    assert document.format == "html"
    assert "<p>" not in document.text


def test_an_html_meta_charset_decodes_the_page(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body><p>Москва заявила о победе над инфляцией.</p></body></html>"
    )
    page.write_bytes(html.encode("koi8_r"))
    [document] = read(page)
    assert isinstance(document, Document)
    assert document.text == "Москва заявила о победе над инфляцией."


def test_a_cp1252_file_is_decoded_right(tmp_path: Path) -> None:
    text = ARTICLE.read_text("utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252"))
    [document] = read(legacy)
    assert isinstance(document, Document)
    assert document.text == text


def test_an_undetectable_encoding_is_an_error_naming_the_file(tmp_path: Path) -> None:
    exotic = tmp_path / "exotic.txt"
    exotic.write_bytes("Café crème brûlée".encode("hp_roman8"))
    [error] = read(exotic)
    assert isinstance(error, InputError)
    assert error.source == str(exotic)
    assert str(exotic) in str(error)
    assert "no encoding could be detected" in error.reason


def test_a_binary_file_an_empty_file_and_a_missing_file_are_each_an_error(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    results = read(tmp_path / "photo.txt", tmp_path / "empty.txt", tmp_path / "gone.txt")
    reasons = [error.reason for error in errors(results)]
    assert len(reasons) == 3
    assert reasons[0].startswith("binary")
    assert reasons[1] == "empty input"
    assert reasons[2] == "no such file or folder"


def test_a_file_over_a_configured_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The strike went on. " * 10, "utf-8")
    [error] = read(big, options=IngestOptions(max_bytes=100))
    assert isinstance(error, InputError)
    assert "100-byte limit" in error.reason


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    results = read(tmp_path / "gone.txt", ARTICLE)
    assert [type(result) for result in results] == [InputError, Document]


@pytest.mark.parametrize(
    "given", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)"]
)
def test_urls_other_than_http_are_refused(given: str) -> None:
    [error] = read(given)
    assert isinstance(error, InputError)
    assert error.source == given
    assert "unsupported URL scheme" in error.reason


def test_jsonl_gives_one_document_per_line_and_an_error_per_bad_line() -> None:
    corpus = DATA / "corpus.jsonl"
    results = read(corpus, options=IngestOptions(id_column="id"))
    good = documents(results)
    assert [document.id for document in good] == ["101", "105"]
    assert good[0].source == f"{corpus}:1"
    assert good[0].title == "Council approves budget"
    assert good[0].outlet == "The Coastal Ledger"
    assert good[0].url == "https://ledger.example.org/budget"
    assert good[1].source == f"{corpus}:6"
    bad = {error.source: error.reason for error in errors(results)}
    assert bad.keys() == {f"{corpus}:2", f"{corpus}:3", f"{corpus}:5"}
    assert bad[f"{corpus}:2"].startswith("not valid JSON")
    assert bad[f"{corpus}:3"] == "no 'text' field"
    assert bad[f"{corpus}:5"] == "empty text"


def test_jsonl_text_can_come_from_another_column(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"body": "The bridge reopened."}\n["not", "an", "object"]\n', "utf-8")
    [document, error] = read(corpus, options=IngestOptions(text_column="body"))
    assert isinstance(document, Document) and document.text == "The bridge reopened."
    assert isinstance(error, InputError) and "expected a JSON object" in error.reason


def test_csv_rows_become_documents_with_id_and_title_columns() -> None:
    corpus = DATA / "corpus.csv"
    results = read(corpus, options=IngestOptions(id_column="id"))
    good = documents(results)
    assert [(document.id, document.title) for document in good] == [
        ("201", "Ferry fares rise"),
        ("202", "Teachers vote"),
    ]
    assert good[1].text == (
        "Teachers voted to accept the pay offer.\n\n"
        'The union called it "the best deal in a decade".'
    )
    assert good[1].outlet == "Harbour Times"
    assert good[1].source == f"{corpus}:3"
    [error] = errors(results)
    assert error.source == f"{corpus}:6"
    assert error.reason == "empty text"


def test_csv_reads_fields_larger_than_the_csv_default_limit(tmp_path: Path) -> None:
    long_text = "The hearing continued into the night. " * 5000  # about 190 KB
    corpus = tmp_path / "long.csv"
    corpus.write_text(f'text\n"{long_text}"\n', "utf-8")
    [document] = read(corpus)
    assert isinstance(document, Document)
    assert document.text == long_text


def test_csv_without_the_text_column_is_one_error_listing_the_columns(tmp_path: Path) -> None:
    corpus = tmp_path / "wrong.csv"
    corpus.write_text("headline,body\nA,B\n", "utf-8")
    [error] = read(corpus)
    assert isinstance(error, InputError)
    assert error.reason == "no 'text' column (columns: 'headline', 'body')"


def test_a_ptc_folder_gives_one_document_per_article_with_its_number_as_id(tmp_path: Path) -> None:
    (tmp_path / "article111111112.txt").write_text("Second article.\n\nBody.\n", "utf-8")
    (tmp_path / "article999001.txt").write_text("First article.\n", "utf-8")
    (tmp_path / "article111111112.task-flc-tc.labels").write_text("111111112\tSlogans\t0\t6\n")
    (tmp_path / "README.txt").write_text("Read as an article too.")
    results = read(tmp_path)
    assert [(doc.id, doc.text) for doc in documents(results)] == [
        ("999001", "First article.\n"),
        ("111111112", "Second article.\n\nBody.\n"),
        (None, "Read as an article too."),
    ]
    assert errors(results) == []


def test_a_folder_with_ptc_articles_reads_its_other_files_and_lists_what_it_cannot_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "article7.txt").write_text("A PTC article.", "utf-8")
    (tmp_path / "article7.task-si.labels").write_text("7\t0\t5\n")
    (tmp_path / "scraped.txt").write_text("A scraped article.", "utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>A saved page.</p></body></html>")
    (tmp_path / "more.jsonl").write_text('{"text": "A corpus record."}\n', "utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nRead as [text](#).", "utf-8")
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04 not read in a folder")
    (tmp_path / "older").mkdir()
    (tmp_path / ".hidden.txt").write_text("A hidden file is passed over, as ls does.")

    results = read(tmp_path)

    assert [(doc.id, doc.text) for doc in documents(results)] == [
        ("7", "A PTC article."),
        (None, "A corpus record."),
        (None, "# Notes\n\nRead as [text](#)."),
        (None, "A saved page."),
        (None, "A scraped article."),
    ]
    assert {Path(error.source).name: error.reason for error in errors(results)} == {
        "notes.odt": "not read: a folder's .txt, .md, .html, .htm, .jsonl and .csv files are read"
        " (give this file on its own to read it as text)",
        "older": "a folder inside the folder, not read (give it as an input of its own)",
    }
    assert estimated_count(str(tmp_path)) == len(results)


def test_broken_and_looping_symbolic_links_in_a_folder_are_each_listed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The bridge reopened.", "utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")

    results = read(tmp_path)

    assert [doc.text for doc in documents(results)] == ["The bridge reopened."]
    assert {Path(error.source).name: error.reason for error in errors(results)} == {
        "gone.txt": "a broken symbolic link (its target does not exist)",
        "loop.txt": "a symbolic link that loops",
    }


def test_a_plain_folder_reads_its_supported_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second by name.", "utf-8")
    (tmp_path / "a.txt").write_text("First by name.", "utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "From the corpus."}\n', "utf-8")
    (tmp_path / "notes.odt").write_text("ignored: not a supported kind")
    (tmp_path / "sub").mkdir()
    texts = [document.text for document in documents(read(tmp_path))]
    assert texts == ["First by name.", "Second by name.", "From the corpus."]


def test_a_folder_with_no_supported_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.odt").write_text("nothing to read")
    [error] = read(tmp_path)
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path)
    assert error.reason.startswith("no .txt")


def test_stdin_is_read_as_bytes_and_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Breaking: the “historic” agreement was signed at dawn.\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    [document] = read("-")
    assert isinstance(document, Document)
    assert document.source == "<stdin>"
    assert document.text == text


def test_empty_stdin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    [error] = read("-")
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == ("<stdin>", "empty input")


def test_options_with_a_nonsensical_limit_are_refused() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        IngestOptions(max_bytes=0)


def test_a_jsonl_line_that_is_not_utf8_is_an_error_for_that_line_only(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_bytes(b'{"text": "caf\xe9"}\n{"text": "The ferry ran late."}\n')
    [error, document] = read(corpus)
    assert isinstance(error, InputError) and error.source == f"{corpus}:1"
    assert isinstance(document, Document) and document.text == "The ferry ran late."


def test_a_csv_that_is_not_utf8_stops_with_an_error_naming_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "legacy.csv"
    corpus.write_bytes(b"text\nThe ferry ran late.\nCaf\xe9 owners protested.\n")
    [document, error] = read(corpus)
    assert isinstance(document, Document)
    assert isinstance(error, InputError)
    assert error.source == f"{corpus}:3"
    assert error.reason.startswith("not UTF-8")


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text("The bridge reopened.", "utf-8")
    [error, document] = read(tmp_path)
    assert isinstance(error, InputError) and error.source == str(tmp_path / "a.txt")
    assert isinstance(document, Document)


def test_the_estimated_count_of_each_input_is_how_many_results_reading_it_gives(
    tmp_path: Path,
) -> None:
    ptc = tmp_path / "ptc"
    ptc.mkdir()
    for number in (1, 2, 3):
        (ptc / f"article{number}.txt").write_text(f"Article {number}.", "utf-8")
    (ptc / "README.txt").write_text("not an article")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text("One.", "utf-8")
    (plain / "b.jsonl").write_text('{"text": "Two."}\n\n{"text": "Three."}\n', "utf-8")
    inputs = [
        DATA / "corpus.jsonl",
        DATA / "corpus.csv",
        ARTICLE,
        DATA / "harbour_closure.html",
        ptc,
        plain,
        tmp_path / "missing.txt",
    ]
    for given in inputs:
        assert estimated_count(str(given)) == len(read(given)), given


def test_a_url_is_estimated_as_one_article_without_being_fetched() -> None:
    assert estimated_count("https://example.org/a") == 1


def test_files_of_an_unregistered_suffix_are_read_as_text() -> None:
    assert reader_for(Path("notes.rst")) is reader_for(Path("article.TXT"))
    assert reader_for(Path("page.htm")) is reader_for(Path("page.html"))
    assert reader_for(Path("page.html")) is not reader_for(Path("notes.rst"))


def test_a_lone_surrogate_in_a_jsonl_record_becomes_a_replacement_character_with_a_warning(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "scraped.jsonl"
    corpus.write_text(
        '{"text": "The ferry \\ud83d ran late.", "title": "Ferry \\udfff news"}\n'
        '{"text": "The bridge reopened."}\n',
        "utf-8",
    )

    [damaged, good] = read(corpus)

    assert isinstance(damaged, Document) and isinstance(good, Document)
    # One character for one: every offset still points at the character it did.
    assert damaged.text == "The ferry \ufffd ran late."
    assert damaged.title == "Ferry \ufffd news"
    assert damaged.warnings == (
        "'text' holds a lone surrogate (an escape such as \\ud800 that is not a character)"
        " at character 10, replaced with U+FFFD",
        "'title' holds a lone surrogate (an escape such as \\ud800 that is not a character)"
        " at character 6, replaced with U+FFFD",
    )
    assert good.warnings == ()


def test_a_jsonl_syntax_error_says_where_it_is_once(tmp_path: Path) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"text": "a\tb"}\n', "utf-8")
    [error] = read(corpus)
    assert isinstance(error, InputError)
    assert error.reason == "not valid JSON (Invalid control character at column 12)"


@pytest.mark.parametrize(
    "row",
    [
        '2,"Unterminated quote. The ferry ran late.\n3,The bridge reopened.\n',
        '2,"He said "hello" and left.\n3,The bridge reopened.\n',
    ],
)
def test_a_csv_row_with_a_broken_quote_is_an_error_naming_it_not_fragment_articles(
    tmp_path: Path, row: str
) -> None:
    corpus = tmp_path / "quotes.csv"
    corpus.write_text("id,text\n1,The harbour closed.\n" + row, "utf-8")

    [document, error] = read(corpus)

    assert isinstance(document, Document) and document.text == "The harbour closed."
    assert isinstance(error, InputError)
    assert error.source == f"{corpus}:3"
    assert error.reason.startswith("malformed CSV (")
    assert error.reason.endswith("); the rest was not read")


@pytest.fixture
def csv_default_field_limit() -> Iterator[int]:
    """csv's own field limit, which reading a corpus only ever raises, process-wide."""
    saved = csv.field_size_limit(CSV_DEFAULT_FIELD_LIMIT)
    yield CSV_DEFAULT_FIELD_LIMIT
    csv.field_size_limit(saved)


def test_a_csv_field_over_the_csv_limit_is_an_error_naming_its_row_not_the_header(
    tmp_path: Path, csv_default_field_limit: int
) -> None:
    corpus = tmp_path / "huge.csv"
    huge = "word " * (csv_default_field_limit // 4)
    corpus.write_text(f'id,text\n1,The harbour closed.\n2,"{huge}"\n', "utf-8")

    [document, error] = read(corpus, options=IngestOptions(max_bytes=1000))

    assert isinstance(document, Document)
    assert isinstance(error, InputError)
    assert error.source == f"{corpus}:3"
    assert error.reason == (
        "a field of more than 131,072 characters (raise --max-bytes to read it);"
        " the rest was not read"
    )
