"""The Propaganda Techniques Corpus (PTC) file formats, in and out.

PTC (Da San Martino et al., EMNLP 2019; SemEval-2020 Task 11) stores each article as
``article<ID>.txt`` and its labels as tab-separated lines:

* task SI: ``id <TAB> start <TAB> end``
* task TC: ``id <TAB> technique <TAB> start <TAB> end`` (``?`` in place of the technique in a
  template that a classifier is asked to fill in)

Offsets are character offsets into the article, end exclusive, counted in Python ``str``
characters of the UTF-8-decoded file.  That is why articles are decoded from bytes here and
never read in text mode: universal-newline translation would turn ``\\r\\n`` into ``\\n`` and
move every later offset.  The same reader serves training, ``propalens evaluate`` and the
tests, so a file that the official scorers accept reads the same way everywhere.  Techniques
are checked against a taxonomy (PTC's unless another is given), so a model trained on its own
label set reads and writes its files the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from propalens.errors import InputError
from propalens.lines import LINE_BREAK
from propalens.taxonomy import TEMPLATE_LABEL, Taxonomy, load_taxonomy

__all__ = [
    "LabeledSpan",
    "PtcArticle",
    "SplitFolders",
    "read_articles",
    "read_spans",
    "split_folders",
    "write_article",
    "write_si",
    "write_tc",
]

_ARTICLE_FILE = re.compile(r"article(\d+)\.txt")
_ARTICLE_ID = re.compile(r"\d+")


@dataclass(frozen=True)
class PtcArticle:
    """One PTC article: its id (the digits of the file name) and its exact decoded text."""

    id: str
    text: str


@dataclass(frozen=True, order=True)
class LabeledSpan:
    """A character span ``[start, end)`` of one article, with the technique it shows.

    ``technique`` is ``None`` for SI labels, which mark propaganda without naming it, and for
    the ``?`` lines of a TC template, which ask for a technique.  A span must be non-empty:
    the official scorers reject ``start >= end`` and the SI metric divides by the length.
    """

    article_id: str
    start: int
    end: int
    technique: str | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(
                f"span [{self.start}, {self.end}) of article {self.article_id} is empty "
                "or negative; PTC spans need 0 <= start < end"
            )


@dataclass(frozen=True)
class SplitFolders:
    """Where one split (``train``, ``dev``) of a PTC folder keeps its articles and its labels:
    ``<split>-articles/article<ID>.txt``, ``<split>-labels-task-si/article<ID>.task-si.labels``
    and ``<split>-labels-task-flc-tc/article<ID>.task-flc-tc.labels``."""

    articles: Path
    si: Path
    tc: Path

    def article(self, article_id: str) -> Path:
        return self.articles / f"article{article_id}.txt"

    def si_labels(self, article_id: str) -> Path:
        return self.si / f"article{article_id}.task-si.labels"

    def tc_labels(self, article_id: str) -> Path:
        return self.tc / f"article{article_id}.task-flc-tc.labels"


def split_folders(root: Path, split: str) -> SplitFolders:
    """The folders of `split` inside the PTC folder `root`."""
    return SplitFolders(
        articles=root / f"{split}-articles",
        si=root / f"{split}-labels-task-si",
        tc=root / f"{split}-labels-task-flc-tc",
    )


def write_article(path: Path, article: PtcArticle) -> None:
    """Write the article's text as UTF-8 bytes, exactly: no newline translation, so that the
    offsets of its labels hold when `read_articles` reads it back."""
    path.write_bytes(article.text.encode("utf-8"))


def read_articles(folder: Path) -> list[PtcArticle]:
    """Read every ``article<ID>.txt`` in ``folder``, sorted by numeric id.

    Other files are ignored, so a folder may also hold label files.  Raises InputError when
    the folder is missing or an article is not valid UTF-8.
    """
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of PTC articles")
    articles: list[PtcArticle] = []
    for path in folder.iterdir():
        match = _ARTICLE_FILE.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            # Bytes, then decode: text mode would translate newlines and shift offsets.
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(str(path), f"not valid UTF-8 ({error.reason})") from error
        articles.append(PtcArticle(id=match.group(1), text=text))
    articles.sort(key=lambda article: int(article.id))
    return articles


def read_spans(path: Path, taxonomy: Taxonomy | None = None) -> list[LabeledSpan]:
    """Read SI or TC labels from one file or from a folder of ``*.labels`` files.

    Each line is recognised by its number of columns (3: SI, 4: TC), so the per-article gold
    folders, the concatenated ``*.labels`` files, submissions and TC templates all read the
    same way.  Blank lines are skipped; anything else that is not a valid line raises
    InputError naming the file and the 1-based line number.  Spans come back in file order
    (files in name order), because the order of repeated TC spans can matter to a reader.
    A TC technique must be one of ``taxonomy``'s labels (default: PTC's).
    """
    known = taxonomy or load_taxonomy("ptc")
    if path.is_dir():
        files = sorted(path.glob("*.labels"))
        if not files:
            raise InputError(str(path), "folder holds no *.labels files")
    elif path.is_file():
        files = [path]
    else:
        raise InputError(str(path), "no such label file or folder")
    spans: list[LabeledSpan] = []
    for file in files:
        spans.extend(_read_label_file(file, known))
    return spans


def _read_label_file(path: Path, taxonomy: Taxonomy) -> list[LabeledSpan]:
    try:
        content = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not valid UTF-8 ({error.reason})") from error
    spans: list[LabeledSpan] = []
    # Not splitlines(): it also breaks on form feeds and U+2028, which would make the reported
    # line numbers disagree with an editor's.
    for number, line in enumerate(LINE_BREAK.split(content), start=1):
        if not line.strip():
            continue
        try:
            spans.append(_parse_label_line(line, taxonomy))
        except ValueError as error:
            raise InputError(f"{path}:{number}", str(error)) from error
    return spans


def _parse_label_line(line: str, taxonomy: Taxonomy) -> LabeledSpan:
    fields = [field.strip() for field in line.split("\t")]
    if len(fields) == 3:
        article_id, start_text, end_text = fields
        technique: str | None = None
    elif len(fields) == 4:
        article_id, technique, start_text, end_text = fields
        if technique == TEMPLATE_LABEL:
            technique = None
        elif technique not in taxonomy:
            raise ValueError(f"unknown technique {technique!r} (taxonomy {taxonomy.name!r})")
    else:
        raise ValueError(f"expected 3 (SI) or 4 (TC) tab-separated columns, found {len(fields)}")
    if _ARTICLE_ID.fullmatch(article_id) is None:
        raise ValueError(f"article id {article_id!r} is not a number")
    try:
        start, end = int(start_text), int(end_text)
    except ValueError:
        raise ValueError(f"offsets {start_text!r}, {end_text!r} are not integers") from None
    return LabeledSpan(article_id, start, end, technique)


def write_si(path: Path, spans: Iterable[LabeledSpan]) -> None:
    """Write spans as an SI file (``id<TAB>start<TAB>end``), techniques dropped.

    Lines are sorted by article id then offsets, the order of the official gold files, so
    that two runs with the same spans give byte-identical files.
    """
    lines = [f"{span.article_id}\t{span.start}\t{span.end}\n" for span in _sorted(spans)]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")


def write_tc(path: Path, spans: Iterable[LabeledSpan]) -> None:
    """Write spans as a TC file (``id<TAB>technique<TAB>start<TAB>end``).

    A span without a technique is written as ``?``, which makes this the writer for TC
    templates too.  Lines are sorted as in write_si.
    """
    lines = [
        f"{span.article_id}\t{span.technique or TEMPLATE_LABEL}\t{span.start}\t{span.end}\n"
        for span in _sorted(spans)
    ]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")


def _sorted(spans: Iterable[LabeledSpan]) -> list[LabeledSpan]:
    # Numeric ids, so that "99" sorts before "100"; technique last only to make ties stable.
    return sorted(
        spans,
        key=lambda span: (
            int(span.article_id) if span.article_id.isdigit() else -1,
            span.article_id,
            span.start,
            span.end,
            span.technique or "",
        ),
    )
