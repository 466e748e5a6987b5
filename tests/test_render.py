from propalens.render import render_html, render_json, render_plain_text
from propalens.render.segments import pieces
from propalens.schema import Analysis, ModelInfo, Removed, Span
from propalens.taxonomy import load_taxonomy

PTC = load_taxonomy("ptc")
TEXT = 'Title\n\nThe "corrupt elite" lies. <script>alert(1)</script> READ MORE: x'


def make_analysis() -> Analysis:
    def located(start: int, end: int) -> dict[str, object]:
        return {"start": start, "end": end, "text": TEXT[start:end]}

    read_more = TEXT.index("READ MORE")
    return Analysis(
        text=TEXT,
        title="Title",
        spans=(
            Span(**located(11, 25), technique="Name_Calling,Labeling", confidence=0.9),
            Span(**located(11, 31), technique="Loaded_Language", confidence=0.4),
        ),
        removed=(Removed(**located(read_more, len(TEXT)), kind="read_more"),),
        score=0.5,
        model=ModelInfo(name="test", version="0"),
    )


def test_pieces_cover_the_text_exactly_once_cut_at_every_span_edge() -> None:
    cut = pieces(make_analysis())
    assert "".join(TEXT[p.start : p.end] for p in cut) == TEXT
    overlapping = next(p for p in cut if p.start == 11)
    assert {s.technique for s in overlapping.spans} == {"Name_Calling,Labeling", "Loaded_Language"}
    assert overlapping.strongest is not None
    assert overlapping.strongest.technique == "Name_Calling,Labeling"


def test_json_is_one_object_for_one_analysis_and_an_array_for_several() -> None:
    assert render_json([make_analysis()]).lstrip().startswith("{")
    assert render_json([make_analysis(), make_analysis()]).lstrip().startswith("[")


def test_html_escapes_article_markup_and_forbids_scripts() -> None:
    page = render_html([make_analysis()], PTC)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page


def test_html_marks_spans_with_their_techniques_and_greys_out_removed_text() -> None:
    page = render_html([make_analysis()], PTC)
    assert 'title="Name_Calling,Labeling (90%); Loaded_Language (40%)"' in page
    assert 'class="removed" title="removed: read_more"' in page


def test_plain_text_lists_the_techniques_found() -> None:
    text = render_plain_text([make_analysis()], PTC)
    assert "Name_Calling,Labeling" in text and "Loaded_Language" in text
