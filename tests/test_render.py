import io

from rich.console import Console
from rich.text import Text

from fake_detector import fake_detector
from propalens.pipeline import Analyzer
from propalens.render import render_html, render_json, render_plain_text, render_terminal
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


HOSTILE = (
    "Screen wiped\x1b[2J\n\n"
    'The minister said: "[link=https://evil.example]Click here[/link] to vote." '
    "Title changed\x1b]0;pwned\x07 and a bell\x07 and a C1 escape\x9b31m here.\n"
)


def _terminal_output(analysis: Analysis) -> str:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=100)
    console.print(render_terminal(analysis, PTC))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def test_escape_sequences_in_an_article_never_reach_the_terminal() -> None:
    analysis = Analyzer(fake_detector(PTC)).analyze(HOSTILE)
    assert analysis.text == HOSTILE  # the analysis keeps the text as given; only views change
    for output in (_terminal_output(analysis), render_plain_text([analysis], PTC)):
        assert "\x1b[2J" not in output and "\x1b]0;" not in output and "\x1b]8;" not in output
        assert "\x07" not in output and "\x9b" not in output
        assert "␛[2J" in output and "␛]0;pwned␇" in output  # shown, as symbols
        assert "[link=" in output and "[/link]" in output  # article text is never markup


def test_the_plain_text_view_keeps_the_article_s_line_breaks_carriage_returns_included() -> None:
    analysis = Analyzer(fake_detector(PTC)).analyze("A title\r\rThe first line.\rThe second.")
    output = render_plain_text([analysis], PTC)
    assert "\r" not in output
    assert "⟦The⟧[2] first line.\n⟦The⟧[3] second." in output


def test_the_plain_text_view_marks_each_span_in_the_text_with_its_number() -> None:
    text = render_plain_text([make_analysis()], PTC)
    assert 'The ⟦⟦"corrupt elite⟧[1]" lies⟧[2].' in text


def test_both_views_list_each_span_with_its_technique_and_confidence() -> None:
    for output in (render_plain_text([make_analysis()], PTC), _terminal_output(make_analysis())):
        lines = Text.from_ansi(output).plain.splitlines()
        rows = [" ".join(line.replace("│", " ").split()) for line in lines]
        assert '1 Name_Calling,Labeling 0.90 "corrupt elite' in rows
        assert '2 Loaded_Language 0.40 "corrupt elite" lies' in rows


def test_the_span_list_says_whose_voice_each_span_is_in() -> None:
    analysis = Analyzer(fake_detector(PTC)).analyze(
        'Title\n\n"This plan is a disgrace," said Anna Orlova, the minister.'
    )
    quoted = [span for span in analysis.spans if span.voice == "quoted"]
    assert quoted and quoted[0].speaker == "Anna Orlova"
    assert "quoted: Anna Orlova" in render_plain_text([analysis], PTC)
