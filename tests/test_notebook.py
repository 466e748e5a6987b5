"""An analysis shows itself in Jupyter, self-contained and without script, and the example
notebook in docs/ runs from top to bottom."""

from __future__ import annotations

import ast
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from propalens.detect import model_taxonomy
from propalens.pipeline import Analyzer
from propalens.schema import Analysis, ModelInfo, Span

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebook.ipynb"
ARTICLE = (
    "Harbour Plan Betrays Us\n\n"
    "The greedy developers behind the harbour plan are destroying our town. "
    '"This is a disgrace, a total betrayal of every family here," said Mayor Tom Reyes. '
    "Stop them before it is too late!"
)
HOSTILE = (
    'Breaking </iframe><script>alert(1)</script> news: the "corrupt traitors" '
    '<img src=x onerror="alert(2)"> lie. " onmouseover="alert(3)" <a href="javascript:alert(4)">'
    "Read</a> <svg onload=alert(5)>"
)


class Tags(HTMLParser):
    """Every start tag of a document, with its attributes, as a browser's parser finds them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def framed_page(html: str) -> str:
    """The page inside the notebook view's one frame."""
    (frame,) = [attrs for tag, attrs in Tags(html).tags if tag == "iframe"]
    assert frame["srcdoc"] is not None
    return frame["srcdoc"]


def assert_runs_no_script(html: str) -> None:
    for tag, attrs in Tags(html).tags:
        assert tag not in ("script", "object", "embed"), tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not any((value or "").strip().startswith("javascript:") for value in attrs.values())


def test_an_analysis_shows_its_highlighted_article_legend_and_scores(
    baseline_analyzer: Analyzer,
) -> None:
    analysis = baseline_analyzer.analyze(ARTICLE)
    html = analysis._repr_html_()
    assert html is not None
    page = framed_page(html)
    assert "Harbour Plan Betrays Us" in page
    assert f"Propaganda score: {analysis.score:.2f}" in page
    marks = [attrs for tag, attrs in Tags(page).tags if tag == "mark"]
    assert len(marks) >= len(analysis.spans) > 0
    definitions = model_taxonomy("baseline")
    for technique in {span.technique for span in analysis.spans}:
        assert definitions.definition(technique) in unescape(page)


def test_the_view_runs_no_script_even_when_the_article_is_written_to_run_one() -> None:
    start = HOSTILE.index("corrupt traitors")
    span = Span(start=start, end=start + 16, text="corrupt traitors", technique="<b onclick=x>",
                confidence=0.9, speaker='"><script>alert(6)</script>')  # fmt: skip
    analysis = Analysis(
        text=HOSTILE,
        title=HOSTILE[:40],
        spans=(span,),
        score=0.5,
        model=ModelInfo(name="<script>alert(7)</script>", version="0"),
    )
    html = analysis._repr_html_()
    assert html is not None
    (frame,) = [attrs for tag, attrs in Tags(html).tags if tag == "iframe"]
    assert frame["sandbox"] == "", "a sandbox that allows nothing, scripts least of all"
    assert "<script" not in html.lower()
    assert_runs_no_script(html)
    page = framed_page(html)
    assert_runs_no_script(page)
    assert "default-src 'none'" in page, "the page's own policy forbids script as well"
    assert "&lt;/iframe&gt;&lt;script&gt;alert(1)" in page, "the text is shown, as text"


def test_an_analysis_by_a_model_that_cannot_be_found_still_shows_its_labels() -> None:
    text = "Only cowards hide behind the rules."
    span = Span(start=5, end=12, text="cowards", technique="Insult", confidence=0.7)
    analysis = Analysis(
        text=text, spans=(span,), score=0.7, model=ModelInfo(name="gone-model", version="1")
    )
    html = analysis._repr_html_()
    assert html is not None
    assert "Insult" in framed_page(html)


def test_importing_the_schema_leaves_the_renderer_unloaded_until_an_analysis_is_shown() -> None:
    script = (
        "import sys\n"
        "from propalens.schema import Analysis, ModelInfo\n"
        "assert 'jinja2' not in sys.modules and 'propalens.render' not in sys.modules\n"
        "html = Analysis(text='x', score=0.0, model=ModelInfo(name='baseline', version='0'))"
        "._repr_html_()\n"
        "assert html.startswith('<iframe') and 'jinja2' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def run_notebook(path: Path) -> tuple[dict[str, object], list[object]]:
    """Run the notebook's code cells in order in one namespace, as a kernel would; the
    namespace, and what the cells display (the value of a cell's last line, when that is an
    expression)."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    namespace: dict[str, object] = {"__name__": "__main__"}
    shown = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last is not None else tree.body
        exec(compile(ast.Module(body=body, type_ignores=[]), str(path), "exec"), namespace)
        if last is not None:
            shown.append(eval(compile(ast.Expression(last.value), str(path), "eval"), namespace))
    return namespace, shown


def test_the_example_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_example_notebook_runs_and_shows_an_analysis_and_its_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROPALENS_MODEL", "baseline")  # the notebook's default model, but fast
    namespace, (analysis, spans, by_technique, by_voice, techniques) = run_notebook(NOTEBOOK)
    analyses = namespace["analyses"]
    assert isinstance(analyses, list) and len(analyses) == 2
    assert isinstance(analysis, Analysis) and analysis is analyses[0]
    assert analysis.model.name == "baseline"
    assert analysis._repr_html_() is not None
    assert isinstance(spans, pd.DataFrame) and not spans.empty
    assert isinstance(by_technique, pd.DataFrame)
    assert set(by_technique.index) <= set(model_taxonomy("baseline").labels)
    total = sum(len(item.spans) for item in analyses)
    assert by_technique["spans"].sum() == by_voice.sum() == total
    assert isinstance(techniques, pd.DataFrame)
    assert techniques["spans"].sum() == total
