"""Lines end at "\\n", "\\r\\n" or a lone "\\r", and every offset still points into the text given.

A lone "\\r" (old Macs, some publishing systems) used to make an article one line: it was taken
whole for a tweet embed (no sentences, score 0, no metadata), and a PTC article lost its title.
"""

from __future__ import annotations

from pathlib import Path

from fake_detector import fake_detector
from propalens.clean import clean
from propalens.ingest import read_inputs
from propalens.lines import LineIndex
from propalens.pipeline import Analyzer
from propalens.ptc import read_spans
from propalens.schema import Analysis, Quote, Removed, Sentence, Span
from propalens.segment import split_sentences

WIRE = (Path(__file__).parent / "data" / "scraped_republished_wire.txt").read_text(encoding="utf-8")
HARBOUR = """Harbour to close for a month

By Jane Doe
May 12, 2018

The harbour will close on Monday. Repairs will take four weeks.
Fishermen said the closure came without warning.

"We were told nothing," said Tom Reid, who has fished here for thirty years.
"""


def _said(analysis: Analysis, by_offsets: bool = True) -> dict[str, object]:
    """Everything an analysis says: where (offsets, the same whichever single character breaks
    a line), or what (the text pointed at, line breaks made "\\n")."""

    def at(item: Span | Quote | Removed | Sentence) -> object:
        if by_offsets:
            return (item.start, item.end)
        return item.text.replace("\r\n", "\n").replace("\r", "\n")

    return {
        "title": analysis.title,
        "metadata": (
            analysis.byline,
            analysis.published,
            analysis.outlet,
            analysis.original_outlet,
        ),
        "sentences": [at(s) for s in analysis.sentences],
        "removed": [(at(r), r.kind) for r in analysis.removed],
        "quotes": [(at(q), q.speaker, q.kind) for q in analysis.quotes],
        "spans": [(at(s), s.technique, s.voice, s.speaker) for s in analysis.spans],
        "score": analysis.score,
    }


def test_an_article_with_carriage_returns_alone_reads_as_with_newlines() -> None:
    analyzer = Analyzer(fake_detector())
    expected = analyzer.analyze(WIRE)
    assert expected.sentences and expected.title and expected.byline
    assert _said(analyzer.analyze(WIRE.replace("\n", "\r"))) == _said(expected)


def test_an_article_with_windows_line_endings_reads_as_with_newlines() -> None:
    analyzer = Analyzer(fake_detector())
    crlf = analyzer.analyze(WIRE.replace("\n", "\r\n"))
    assert _said(crlf, by_offsets=False) == _said(analyzer.analyze(WIRE), by_offsets=False)
    for sentence in crlf.sentences:
        assert sentence.text == crlf.text[sentence.start : sentence.end]


def test_cleaning_finds_title_body_and_metadata_between_carriage_returns() -> None:
    for text in (HARBOUR.replace("\n", "\r"), HARBOUR.replace("\n", "\r\n")):
        cleaned = clean(text)
        assert cleaned.title is not None
        assert text[cleaned.title[0] : cleaned.title[1]] == "Harbour to close for a month"
        assert cleaned.byline == "Jane Doe" and str(cleaned.published) == "2018-05-12"
        assert [text[start:end].split()[0] for start, end in cleaned.body] == ["The", '"We']


def test_a_carriage_return_ends_a_sentence_like_a_newline() -> None:
    for text in ("A headline\rThe first sentence", "A headline\r\nThe first sentence"):
        sentences = split_sentences(text)
        assert [text[start:end] for start, end in sentences] == ["A headline", "The first sentence"]


def test_a_ptc_article_with_carriage_returns_keeps_its_title(tmp_path: Path) -> None:
    (tmp_path / "article111.txt").write_bytes(HARBOUR.replace("\n", "\r").encode("utf-8"))
    (document,) = read_inputs([str(tmp_path)])
    assert not isinstance(document, Exception)
    assert Analyzer(fake_detector()).analyze(document).title == "Harbour to close for a month"


def test_a_label_file_with_carriage_returns_alone_is_read_line_by_line(tmp_path: Path) -> None:
    labels = tmp_path / "article111.labels"
    labels.write_bytes(b"111\t0\t7\r111\t9\t14\r")
    assert [(span.start, span.end) for span in read_spans(labels)] == [(0, 7), (9, 14)]


def test_a_long_line_with_a_tweet_s_picture_link_is_no_tweet_embed() -> None:
    # What an article given on one line (a JSONL record, a CR-only file read before) looks like.
    line = " ".join(HARBOUR.split()) + " The mayor posted pic.twitter.com/Ab3dE5fGh1 on Monday."
    line += " Traders expect the closure to cost them a million pounds before the summer."
    cleaned = clean(line)
    assert [item.kind for item in cleaned.removed] == ["link_remnant"]
    assert line[cleaned.body[0][0] : cleaned.body[0][1]].startswith("Harbour to close")


def test_the_line_around_a_position_is_found_whichever_break_ends_it() -> None:
    for line_break in ("\n", "\r", "\r\n"):
        text = line_break.join(["first line", "  second line", "third"])
        lines = LineIndex(text, 0, len(text))
        second = text.index("second")
        start, end = lines.bounds(second)
        assert text[start:end] == "  second line"
        assert lines.at_line_start(second) and not lines.at_line_start(second + 1)
        following, preceding = lines.following(end), lines.preceding(start)
        assert following is not None and text[following[0] : following[1]] == "third"
        assert preceding is not None and text[preceding[0] : preceding[1]] == "first line"
        assert lines.preceding(0) is None and lines.following(len(text)) is None
