"""The PTC reader and writer: exact offsets in, byte-identical label files out."""

from __future__ import annotations

from pathlib import Path

import pytest

from propalens.errors import InputError
from propalens.ptc import LabeledSpan, read_articles, read_spans, write_si, write_tc

MINI = Path(__file__).parent / "data" / "ptc_mini"
SHARED_PTC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc"
MINI_ID = "832917778"


def test_read_articles_gives_text_where_label_offsets_land_on_the_labelled_words() -> None:
    # The article has curly apostrophes (3 UTF-8 bytes each): byte offsets would be off.
    [article] = read_articles(MINI / "articles")
    spans = read_spans(MINI / "labels-task-flc-tc")

    assert article.id == MINI_ID
    assert [article.text[span.start : span.end] for span in spans] == [
        "Trump’s family",
        "Trump",
        "Trump’s",
        "Trump",
    ]


def test_read_articles_keeps_carriage_returns_so_offsets_do_not_shift(tmp_path: Path) -> None:
    (tmp_path / "article1.txt").write_bytes("Title\r\n\r\n“Quoted” body.\r\n".encode())

    [article] = read_articles(tmp_path)

    assert article.text == "Title\r\n\r\n“Quoted” body.\r\n"
    assert article.text[9:17] == "“Quoted”"


def test_read_articles_sorts_by_numeric_id_and_ignores_other_files(tmp_path: Path) -> None:
    for name in ("article100.txt", "article99.txt", "article5.task-si.labels", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    assert [article.id for article in read_articles(tmp_path)] == ["99", "100"]


def test_read_articles_rejects_an_article_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "article7.txt").write_bytes(b"caf\xe9")

    with pytest.raises(InputError, match=r"article7\.txt"):
        read_articles(tmp_path)


def test_read_articles_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        read_articles(tmp_path / "absent")


def test_read_spans_reads_an_si_folder_without_techniques() -> None:
    spans = read_spans(MINI / "labels-task-si")

    assert spans[0] == LabeledSpan(MINI_ID, 552, 566)
    assert len(spans) == 4
    assert all(span.technique is None for span in spans)


def test_read_spans_reads_a_tc_file_with_techniques() -> None:
    spans = read_spans(MINI / "labels-task-flc-tc" / f"article{MINI_ID}.task-flc-tc.labels")

    assert spans[1] == LabeledSpan(MINI_ID, 570, 575, "Repetition")


def test_read_spans_reads_a_tc_template_question_mark_as_no_technique(tmp_path: Path) -> None:
    template = tmp_path / "test-task-tc-template.out"
    template.write_text("111\t?\t10\t20\n111\t?\t10\t20\n", encoding="utf-8")

    assert read_spans(template) == [LabeledSpan("111", 10, 20), LabeledSpan("111", 10, 20)]


def test_read_spans_skips_blank_lines_and_accepts_crlf(tmp_path: Path) -> None:
    labels = tmp_path / "pred.labels"
    labels.write_bytes(b"\n111\t0\t5\r\n\r\n   \n111\t7\t9\n")

    assert read_spans(labels) == [LabeledSpan("111", 0, 5), LabeledSpan("111", 7, 9)]


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("111\t10", "columns"),
        ("111\tDoubt\t10\t20\textra", "columns"),
        ("111\tten\t20", "not integers"),
        ("111\t20\t10", "start < end"),
        ("111\t10\t10", "start < end"),
        ("111\t-1\t10", "start < end"),
        ("111\tLoaded Language\t10\t20", "unknown technique"),
        ("article111\t10\t20", "not a number"),
    ],
)
def test_read_spans_names_file_and_line_of_a_bad_line(
    tmp_path: Path, bad_line: str, reason: str
) -> None:
    labels = tmp_path / "pred.labels"
    labels.write_text(f"111\t0\t5\n\n{bad_line}\n", encoding="utf-8")

    with pytest.raises(InputError, match=reason) as raised:
        read_spans(labels)

    assert raised.value.source == f"{labels}:3"


def test_read_spans_rejects_a_folder_without_label_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.labels"):
        read_spans(tmp_path)


def test_read_spans_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such"):
        read_spans(tmp_path / "absent.labels")


def test_labeled_span_refuses_an_empty_span() -> None:
    with pytest.raises(ValueError, match="empty"):
        LabeledSpan("1", 5, 5)


def test_write_si_writes_the_official_format_sorted_by_numeric_id_then_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pred.si.labels"

    write_si(
        path,
        [
            LabeledSpan("100", 3, 8, "Doubt"),
            LabeledSpan("99", 40, 50),
            LabeledSpan("99", 4, 9),
        ],
    )

    assert path.read_bytes() == b"99\t4\t9\n99\t40\t50\n100\t3\t8\n"


def test_write_tc_writes_a_missing_technique_as_a_template_question_mark(tmp_path: Path) -> None:
    path = tmp_path / "template.out"

    write_tc(path, [LabeledSpan("7", 10, 20, "Slogans"), LabeledSpan("7", 0, 4)])

    assert path.read_bytes() == b"7\t?\t0\t4\n7\tSlogans\t10\t20\n"


def test_si_file_survives_a_round_trip(tmp_path: Path) -> None:
    spans = read_spans(MINI / "labels-task-si")
    path = tmp_path / "si.labels"

    write_si(path, spans)

    assert read_spans(path) == sorted(spans)
    assert (
        path.read_bytes()
        == (MINI / "labels-task-si" / f"article{MINI_ID}.task-si.labels").read_bytes()
    )


def test_tc_file_survives_a_round_trip(tmp_path: Path) -> None:
    spans = read_spans(MINI / "labels-task-flc-tc")
    path = tmp_path / "tc.labels"

    write_tc(path, spans)

    assert read_spans(path) == spans
    assert (
        path.read_bytes()
        == (MINI / "labels-task-flc-tc" / f"article{MINI_ID}.task-flc-tc.labels").read_bytes()
    )


def test_every_dev_label_lies_inside_its_article_and_starts_on_a_non_space() -> None:
    # PTC v2 trimmed spans so that none starts or ends with a space, newline or stop:
    # a reader that decoded or counted wrongly would break this on the real corpus.
    if not SHARED_PTC.is_dir():
        pytest.skip("shared PTC corpus not present")
    texts = {article.id: article.text for article in read_articles(SHARED_PTC / "dev-articles")}
    spans = read_spans(SHARED_PTC / "dev-labels-task-flc-tc")

    assert len(texts) == 75
    assert len(spans) > 1000
    for span in spans:
        text = texts[span.article_id]
        assert span.end <= len(text)
        assert text[span.start] not in " \n.,:;"
        assert text[span.end - 1] not in " \n.,:;"
