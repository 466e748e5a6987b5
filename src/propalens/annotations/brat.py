"""brat: analyses out as standoff files, corrected annotations back in.

Out, a brat collection folder: each article as `article<ID>.txt` (its text, byte for byte) and
`article<ID>.ann`, one text-bound annotation per span with the model's confidence as an
annotator's note::

    T1<TAB>Loaded_Language 40 52<TAB>utterly vile
    #1<TAB>AnnotatorNotes T1<TAB>baseline 1.0: confidence 0.83

and the collection's `annotation.conf` (the entity types, one per label) and `visual.conf`
(each type's label and colour), generated from the taxonomy.

Offsets count characters of the text, as Python's `str` indices do.  A `.ann` line cannot hold
a line break, so a span that crosses lines is written as brat writes one: a fragment per line
(`40 52;53 60`), each trimmed of surrounding whitespace, the text being the fragments' texts
joined by a space.  A type must match `[A-Za-z0-9_-]+` (brat's storage form), so a label such
as `Name_Calling,Labeling` is stored as `Name_Calling_Labeling` and shown by its own name.

In: a collection folder's `.ann` files, each beside its `.txt`.  Fragments separated only by
whitespace become one PTC span again (from the first fragment's start to the last's end); a
span people split around other words becomes one PTC span per fragment, since PTC spans are
contiguous.  Lines other than text-bound annotations (notes, attributes, relations, events)
are passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from propalens.annotations.articles import (
    AnnotationError,
    Marked,
    Marking,
    ReviewArticle,
    outside,
)
from propalens.errors import InputError
from propalens.lines import LINE_BREAK
from propalens.ptc import PtcArticle, read_articles, write_article
from propalens.ranges import Range, trimmed
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy

ANNOTATION_CONF: Final = "annotation.conf"
VISUAL_CONF: Final = "visual.conf"
FRAGMENT_JOIN: Final = " "
"""What brat puts between the texts of a span's fragments (its `DISCONT_SEP`)."""

_NOT_STORABLE = re.compile(r"[^A-Za-z0-9_-]")
_TEXT_BOUND = re.compile(r"(T\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?")


def brat_types(taxonomy: Taxonomy) -> dict[str, str]:
    """Each label's brat type: the label with every character brat cannot store as `_`.

    Two labels that would share a type cannot both be exported, and say so.
    """
    types: dict[str, str] = {}
    for label in taxonomy.labels:
        stored = _NOT_STORABLE.sub("_", label)
        clash = next((other for other, kind in types.items() if kind == stored), None)
        if clash is not None:
            raise AnnotationError(
                taxonomy.name, f"labels {clash!r} and {label!r} are both {stored!r} in brat"
            )
        types[label] = stored
    return types


def annotation_conf(taxonomy: Taxonomy) -> str:
    """The collection's `annotation.conf`: one entity type per label, nothing else."""
    entities = "".join(f"{kind}\n" for kind in brat_types(taxonomy).values())
    return f"[entities]\n{entities}\n[relations]\n\n[events]\n\n[attributes]\n"


def visual_conf(taxonomy: Taxonomy) -> str:
    """The collection's `visual.conf`: each type shown by its label, in its colour."""
    types = brat_types(taxonomy)
    labels = "".join(f"{types[t.name]} | {t.name}\n" for t in taxonomy.techniques)
    drawing = "".join(f"{types[t.name]}\tbgColor:{t.colour}\n" for t in taxonomy.techniques)
    return f"[labels]\n{labels}\n[drawing]\n{drawing}"


def fragments(text: str, start: int, end: int) -> list[Range]:
    """`[start, end)` cut at line breaks, each piece trimmed of whitespace, as brat stores a
    span that crosses lines; the span itself when nothing but whitespace is in it."""
    pieces: list[Range] = []
    position = start
    for line_break in [*LINE_BREAK.finditer(text, start, end), None]:
        stop = end if line_break is None else line_break.start()
        piece = trimmed(text, position, stop)
        if piece[0] < piece[1]:
            pieces.append(piece)
        if line_break is not None:
            position = line_break.end()
    return pieces or [(start, end)]


def ann_lines(analysis: Analysis, types: dict[str, str]) -> str:
    """The `.ann` file of one analysis: a text-bound annotation and a note per span."""
    model = f"{analysis.model.name} {analysis.model.version}"
    lines = []
    for number, span in enumerate(analysis.spans, start=1):
        pieces = fragments(analysis.text, span.start, span.end)
        offsets = ";".join(f"{start} {end}" for start, end in pieces)
        covered = FRAGMENT_JOIN.join(analysis.text[start:end] for start, end in pieces)
        lines.append(f"T{number}\t{types[span.technique]} {offsets}\t{covered}\n")
        lines.append(
            f"#{number}\tAnnotatorNotes T{number}\t{model}: confidence {span.confidence:.2f}\n"
        )
    return "".join(lines)


def write_brat(articles: Sequence[ReviewArticle], taxonomy: Taxonomy, out: Path) -> list[Path]:
    """Write the articles as a brat collection in the folder `out`.  A span whose label is
    outside `taxonomy` (from another model) is an error: its collection could not show it."""
    types = brat_types(taxonomy)
    unknown = sorted(
        {s.technique for a in articles for s in a.analysis.spans} - set(taxonomy.labels)
    )
    if unknown:
        raise AnnotationError(str(out), f"labels outside the taxonomy {taxonomy.name!r}: {unknown}")
    out.mkdir(parents=True, exist_ok=True)
    written = [out / ANNOTATION_CONF, out / VISUAL_CONF]
    written[0].write_text(annotation_conf(taxonomy), encoding="utf-8")
    written[1].write_text(visual_conf(taxonomy), encoding="utf-8")
    for article in articles:
        text_file = out / f"article{article.article_id}.txt"
        write_article(text_file, PtcArticle(article.article_id, article.analysis.text))
        ann_file = text_file.with_suffix(".ann")
        ann_file.write_text(ann_lines(article.analysis, types), encoding="utf-8", newline="\n")
        written += [text_file, ann_file]
    return written


def read_brat_collection(folder: Path, taxonomy: Taxonomy) -> list[Marking]:
    """The annotated articles of a brat collection folder (every `article<ID>.ann` beside its
    `.txt`), not yet checked against the taxonomy (see `articles.checked`); `taxonomy` says
    which label each brat type stands for."""
    try:
        articles = {article.id: article for article in read_articles(folder)}
    except InputError as error:
        raise AnnotationError(error.source, error.reason) from error
    labels = {kind: label for label, kind in brat_types(taxonomy).items()}
    markings = []
    for ann_file in sorted(folder.glob("*.ann")):
        article = articles.get(ann_file.stem.removeprefix("article"))
        if article is None or not ann_file.stem.startswith("article"):
            raise AnnotationError(
                str(ann_file), "needs its article beside it, as article<ID>.txt (ID in digits)"
            )
        marks = tuple(_read_ann(ann_file, article, labels))
        markings.append(Marking(article, str(ann_file), marks))
    if not markings:
        raise AnnotationError(str(folder), "holds no brat .ann files")
    return markings


def _read_ann(path: Path, article: PtcArticle, labels: dict[str, str]) -> Iterator[Marked]:
    try:
        content = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnnotationError(str(path), f"not valid UTF-8 ({error.reason})") from error
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.startswith("T"):
            continue
        match = _TEXT_BOUND.fullmatch(line.rstrip("\r"))
        if match is None:
            raise AnnotationError(
                f"{path}:{number}", "not a text-bound annotation (ID<TAB>TYPE START END<TAB>TEXT)"
            )
        annotation_id, kind, offsets, recorded = match.groups()
        pieces = [tuple(map(int, pair.split())) for pair in offsets.split(";")]
        where = f"line {number} ({annotation_id})"
        for start, end in pieces:
            reason = outside(article.text, start, end)
            if reason is not None:
                raise AnnotationError(f"{path}:{number}", reason)
        covered = FRAGMENT_JOIN.join(article.text[start:end] for start, end in pieces)
        if recorded is not None and recorded != covered:
            raise AnnotationError(
                f"{path}:{number}",
                f"{annotation_id} is recorded as {recorded!r} but the article has {covered!r} "
                f"at {offsets}; the offsets do not fit the text",
            )
        label = labels.get(kind, kind)
        for start, end in _contiguous(article.text, pieces):
            yield Marked(f"{where} [{start}, {end})", start, end, label)


def _contiguous(text: str, pieces: list[tuple[int, ...]]) -> list[Range]:
    """Fragments as PTC spans: those apart only by whitespace joined, the others each alone."""
    spans: list[Range] = []
    for start, end in sorted((piece[0], piece[1]) for piece in pieces):
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans
