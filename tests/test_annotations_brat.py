"""brat: analyses go out as a standoff collection (.txt, .ann, annotation.conf, visual.conf)
generated from the taxonomy, and the .ann files people corrected come back checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from propalens.annotations import AnnotationError, read_corrections, review_articles
from propalens.annotations.brat import annotation_conf, brat_types, visual_conf, write_brat
from propalens.taxonomy import load_taxonomy
from tests_support import analysis_marking, taxonomy_of

PTC = load_taxonomy("ptc")
# A span that crosses a paragraph break, and Windows line endings, which brat counts as two.
ARTICLE = (
    "Mayor under fire\r\n\r\n"
    "The mayor\u2019s plan is a disgrace to this city.\r\n"
    "It will ruin us all. Experts agree it cannot work.\r\n"
)
MARKED = [
    ("a disgrace to this city.\r\nIt will ruin us all.", "Loaded_Language", 0.71),
    ("Experts agree", "Appeal_to_Authority", 0.55),
    ("disgrace", "Name_Calling,Labeling", 0.62),
]


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    articles = review_articles([("desk/article12.txt", None, analysis_marking(ARTICLE, MARKED))])
    write_brat(articles, PTC, tmp_path / "brat")
    return tmp_path / "brat"


def test_each_label_is_an_entity_type_brat_can_store_and_shows_by_its_own_name() -> None:
    types = brat_types(PTC)
    assert types["Name_Calling,Labeling"] == "Name_Calling_Labeling"
    assert types["Loaded_Language"] == "Loaded_Language"
    conf = annotation_conf(PTC)
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].splitlines()
    assert entities == list(types.values())
    assert all(section in conf for section in ("[relations]", "[events]", "[attributes]"))
    visual = visual_conf(PTC)
    assert "Name_Calling_Labeling | Name_Calling,Labeling\n" in visual
    assert f"Name_Calling_Labeling\tbgColor:{PTC.colour('Name_Calling,Labeling')}\n" in visual


def test_two_labels_brat_would_store_alike_cannot_be_exported() -> None:
    with pytest.raises(AnnotationError, match="'Us vs them' and 'Us_vs_them'"):
        brat_types(taxonomy_of(["Us vs them", "Us_vs_them"]))


def test_the_text_is_written_byte_for_byte_and_each_span_is_a_text_bound_annotation(
    collection: Path,
) -> None:
    assert (collection / "article12.txt").read_bytes() == ARTICLE.encode("utf-8")
    lines = (collection / "article12.ann").read_text(encoding="utf-8").splitlines()
    bound = [line.split("\t") for line in lines if line.startswith("T")]
    assert [(ident, kind.split()[0]) for ident, kind, _ in bound] == [
        ("T1", "Loaded_Language"),
        ("T2", "Appeal_to_Authority"),
        ("T3", "Name_Calling_Labeling"),
    ]
    for _, kind, text in bound:
        pieces = [tuple(map(int, piece.split())) for piece in kind.split(" ", 1)[1].split(";")]
        assert " ".join(ARTICLE[start:end] for start, end in pieces) == text
    assert lines[1] == "#1\tAnnotatorNotes T1\tbaseline 1: confidence 0.71"


def test_a_span_across_a_line_break_is_written_as_one_fragment_per_line(collection: Path) -> None:
    first = (collection / "article12.ann").read_text(encoding="utf-8").splitlines()[0]
    start = ARTICLE.index("a disgrace")
    middle = ARTICLE.index("\r\nIt will")
    assert first == (
        f"T1\tLoaded_Language {start} {middle};{middle + 2} {middle + 22}"
        "\ta disgrace to this city. It will ruin us all."
    )


def test_an_untouched_collection_reads_back_as_the_spans_exported(collection: Path) -> None:
    corrections = read_corrections(collection, PTC)

    (article,) = corrections.articles
    assert (article.article.id, article.article.text) == ("12", ARTICLE)
    assert [(ARTICLE[s.start : s.end], s.technique) for s in article.spans] == [
        (phrase, technique) for phrase, technique, _ in MARKED
    ]


def test_a_person_s_edits_come_back_relabelled_added_and_deleted(collection: Path) -> None:
    ann = collection / "article12.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    start = ARTICLE.index("cannot work")
    lines[2] = lines[2].replace("Appeal_to_Authority", "Bandwagon_Reductio_ad_hitlerum")
    lines[4:6] = []  # T3 and its note deleted
    lines.append(f"T4\tDoubt {start} {start + 11}\tcannot work")
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")

    (article,) = read_corrections(collection, PTC).articles

    assert [(ARTICLE[s.start : s.end], s.technique) for s in article.spans] == [
        ("a disgrace to this city.\r\nIt will ruin us all.", "Loaded_Language"),
        ("Experts agree", "Bandwagon,Reductio_ad_hitlerum"),
        ("cannot work", "Doubt"),
    ]


def test_fragments_split_around_other_words_become_separate_ptc_spans(collection: Path) -> None:
    mayor, plan = ARTICLE.index("mayor\u2019s"), ARTICLE.index("plan")
    (collection / "article12.ann").write_text(
        f"T1\tLoaded_Language {mayor} {mayor + 5};{plan} {plan + 4}\tmayor plan\n",
        encoding="utf-8",
    )

    (article,) = read_corrections(collection, PTC).articles

    assert [ARTICLE[s.start : s.end] for s in article.spans] == ["mayor", "plan"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("T1\tDoubt 21 30\tthe mayor", r"article12.ann:1.*recorded as 'the mayor' but"),
        ("T1\tDoubt 21 9000\tthe mayor", r"article12.ann:1.*is not inside the article"),
        ("T1\tDoubt twenty\tthe mayor", r"article12.ann:1.*not a text-bound annotation"),
        ("T1\tSpin 20 29\tThe mayor", r"'Spin' \(first in .*article12.ann, line 1 \(T1\)"),
    ],
)
def test_a_bad_annotation_line_is_an_error_naming_the_file_and_line(
    collection: Path, line: str, reason: str
) -> None:
    assert ARTICLE[20:29] == "The mayor"
    (collection / "article12.ann").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=reason):
        read_corrections(collection, PTC)


def test_an_annotation_file_without_its_article_is_an_error(collection: Path) -> None:
    (collection / "notes.ann").write_text("", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"notes.ann.*article<ID>.txt"):
        read_corrections(collection, PTC)
