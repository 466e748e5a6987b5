"""propalens in a spaCy pipeline: `nlp.add_pipe("propalens")` puts technique spans and quotes on
each Doc, exactly where `Analyzer` finds them, and they survive `DocBin` and `to_disk`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from propalens.detect import model_folder, model_taxonomy
from propalens.integrations.spacy_component import SETTINGS_FILE, annotate
from propalens.pipeline import Analyzer
from propalens.schema import Analysis, ModelInfo, Span
from propalens.taxonomy import load_taxonomy

ARTICLE = (
    "City Hall Hides the Truth\n\n"
    "The corrupt elite at City Hall lies to you every single day. "
    '"They are traitors who hate this town, and everyone knows it," said Councillor Ann Marsh '
    "on Tuesday. The mayor's office said the budget was balanced. "
    "We must act now, or we will lose everything we love!"
)
OTHER = "The harbour will close for repairs in March, the port authority said on Monday."


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("propalens", config={"model": "baseline"})
    return pipeline


def spans_of(
    doc: Doc, key: str = "propaganda"
) -> list[tuple[str, int, int, object, object, object]]:
    return [
        (s.label_, s.start_char, s.end_char, s._.confidence, s._.voice, s._.speaker)
        for s in doc.spans[key]
    ]


def test_technique_spans_carry_their_label_confidence_voice_and_speaker(
    nlp: Language, baseline_analyzer: Analyzer
) -> None:
    doc = nlp(ARTICLE)
    expected = baseline_analyzer.analyze(ARTICLE).spans
    assert len(expected) >= 2, "the fixture should find techniques"
    assert [
        (s.label_, s._.confidence, s._.voice, s._.speaker) for s in doc.spans["propaganda"]
    ] == [(span.technique, span.confidence, span.voice, span.speaker) for span in expected]
    for token_span, span in zip(doc.spans["propaganda"], expected, strict=True):
        assert token_span.start_char <= span.start and span.end <= token_span.end_char
    assert "quoted" in [s._.voice for s in doc.spans["propaganda"]]
    assert "Councillor Ann Marsh" in [s._.speaker for s in doc.spans["propaganda"]]


def test_quotes_go_in_their_own_span_group_with_their_kind_and_speaker(
    nlp: Language, baseline_analyzer: Analyzer
) -> None:
    doc = nlp(ARTICLE)
    expected = baseline_analyzer.analyze(ARTICLE).quotes
    assert [(q.label_, q.start_char, q.end_char, q._.speaker) for q in doc.spans["quotes"]] == [
        (quote.kind, quote.start, quote.end, quote.speaker) for quote in expected
    ]
    assert ("direct", "Councillor Ann Marsh") in [
        (q.label_, q._.speaker) for q in doc.spans["quotes"]
    ]
    assert [q._.confidence for q in doc.spans["quotes"]] == [None] * len(expected)


def test_an_offset_inside_a_token_widens_to_the_whole_token() -> None:
    text = "These spineless cowards betrayed us."
    doc = spacy.blank("en")(text)
    inside = text.index("pineless")
    span = Span(start=inside, end=inside + 8, text="pineless", technique="Name_Calling,Labeling",
                confidence=0.8)  # fmt: skip
    annotate(
        doc, Analysis(text=text, spans=(span,), score=0.8, model=ModelInfo(name="x", version="0"))
    )
    (widened,) = doc.spans["propaganda"]
    assert widened.text == "spineless"
    assert widened._.confidence == 0.8


def test_the_pipeline_s_own_sentence_boundaries_do_not_change_the_spans(nlp: Language) -> None:
    # A sentencizer that also splits at commas cuts the quotation in two; propalens still reads
    # the whole text and finds the same spans.
    with_sentences = spacy.blank("en")
    with_sentences.add_pipe("sentencizer", config={"punct_chars": [",", "."]})
    with_sentences.add_pipe("propalens", config={"model": "baseline"})
    doc = with_sentences(ARTICLE)
    assert len(list(doc.sents)) > ARTICLE.count(". ") + 1
    assert spans_of(doc) == spans_of(nlp(ARTICLE))
    assert spans_of(doc, "quotes") == spans_of(nlp(ARTICLE), "quotes")


def test_nlp_pipe_in_batches_gives_what_one_doc_at_a_time_gives(nlp: Language) -> None:
    texts = [ARTICLE, "", OTHER, ARTICLE.upper()]
    piped = list(nlp.pipe(texts, batch_size=2))
    assert [spans_of(doc) for doc in piped] == [spans_of(nlp(text)) for text in texts]
    assert spans_of(piped[1]) == [] and spans_of(piped[1], "quotes") == []
    assert spans_of(piped[0])


def test_spans_labels_and_attributes_survive_a_docbin_round_trip(nlp: Language) -> None:
    docs = list(nlp.pipe([ARTICLE, OTHER]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab))
    assert [spans_of(doc) for doc in restored] == [spans_of(doc) for doc in docs]
    assert [spans_of(doc, "quotes") for doc in restored] == [
        spans_of(doc, "quotes") for doc in docs
    ]
    assert all(confidence is not None for *_, confidence, _, _ in spans_of(restored[0]))


def test_the_component_s_labels_are_its_model_s_taxonomy(tmp_path: Path) -> None:
    folder = tmp_path / "reordered"
    shutil.copytree(model_folder("baseline"), folder)
    labels = tuple(reversed(load_taxonomy("ptc").labels))
    (folder / "mine.toml").write_text(
        'name = "mine"\n' + "".join(f'[[techniques]]\nname = "{label}"\n' for label in labels)
    )
    manifest = json.loads((folder / "model.json").read_text())
    (folder / "model.json").write_text(json.dumps({**manifest, "taxonomy": "mine.toml"}))
    pipeline = spacy.blank("en")
    component = pipeline.add_pipe("propalens", config={"model": str(folder)})
    assert component.labels == labels
    assert spacy.blank("en").add_pipe("propalens", config={"model": "baseline"}).labels == (
        model_taxonomy("baseline").labels
    )
    doc = pipeline(ARTICLE)
    assert {span.label_ for span in doc.spans["propaganda"]} <= set(labels)


def test_to_disk_names_the_model_and_a_loaded_pipeline_finds_the_same_spans(
    nlp: Language, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "propalens"
    assert [path.name for path in saved.iterdir()] == [SETTINGS_FILE]
    assert json.loads((saved / SETTINGS_FILE).read_text()) == {"model": "baseline"}
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("propalens").model == "baseline"
    assert spans_of(loaded(ARTICLE)) == spans_of(nlp(ARTICLE))


def test_from_disk_switches_a_component_to_the_model_its_folder_names(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"model": "baseline"}))
    component = spacy.blank("en").add_pipe("propalens", config={"model": "fast"})
    assert component.from_disk(tmp_path).model == "baseline"


def test_a_fresh_process_finds_the_factory_through_its_entry_point_and_runs_the_fast_model() -> (
    None
):
    # The default model (MiniLM, "fast"), in a process that never imports propalens itself.
    script = (
        "import json, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('propalens', config={'model': 'fast'})\n"
        f"doc = nlp({ARTICLE!r})\n"
        "print(json.dumps([[s.label_, s._.confidence] for s in doc.spans['propaganda']]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout)
    assert found, "MiniLM finds techniques in the fixture"
    assert {label for label, _ in found} <= set(model_taxonomy("fast").labels)
    assert all(0.0 <= confidence <= 1.0 for _, confidence in found)


def test_without_a_model_the_component_uses_the_default_model() -> None:
    from propalens.settings import Settings

    assert spacy.blank("en").add_pipe("propalens").model == Settings().model
