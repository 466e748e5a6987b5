"""The contract every detector kind keeps, in the spirit of scikit-learn's
`parametrize_with_checks`: one set of checks, run against the shipped model of each registered
kind.  A new kind is registered, ships a model, and passes these unchanged."""

from __future__ import annotations

import pytest

from propalens.detect import Detector, kinds, load_detector, model_folder, shipped_models
from propalens.detect.registry import kind_of
from propalens.prepare import prepare

TEXT = (
    "Traitors in Washington\n\n"
    "The corrupt, treacherous elite will stop at nothing to destroy our great nation. "
    "These disgusting traitors must be stopped! Make America great again, make America great "
    "again. Will anyone ask why the media keeps silent?\n"
)


def shipped_model_of(kind: str) -> str:
    return next(name for name in shipped_models() if kind_of(model_folder(name)).name == kind)


@pytest.fixture(scope="module", params=kinds())
def detector(request: pytest.FixtureRequest) -> Detector:
    return load_detector(shipped_model_of(request.param))


def test_every_registered_kind_ships_a_model() -> None:
    assert {kind_of(model_folder(name)).name for name in shipped_models()} == set(kinds())


def test_detected_spans_lie_inside_the_sentences_given(detector: Detector) -> None:
    sentences = prepare(TEXT).sentences
    given = sentences[1:]  # the title is left out: nothing may be found there
    detected = detector.detect(TEXT, given)
    assert detected, "the shipped model finds something in an article this loaded"
    for span in detected:
        assert span.start < span.end
        assert any(start <= span.start and span.end <= end for start, end in given), span


def test_labels_come_from_the_model_s_taxonomy(detector: Detector) -> None:
    assert detector.labels == detector.taxonomy.labels
    detected = detector.detect(TEXT, prepare(TEXT).sentences)
    assert {span.technique for span in detected} <= set(detector.taxonomy.labels)


def test_confidences_are_probabilities(detector: Detector) -> None:
    detected = detector.detect(TEXT, prepare(TEXT).sentences)
    assert all(0.0 <= span.confidence <= 1.0 for span in detected)


def test_empty_inputs_give_no_spans_and_no_labels(detector: Detector) -> None:
    assert detector.detect("", []) == []
    assert detector.detect(TEXT, []) == []
    assert detector.label(TEXT, [], prepare(TEXT).sentences) == []


def test_a_one_word_text_is_detected_and_labelled_within_its_bounds(detector: Detector) -> None:
    text = "Traitors!"
    detected = detector.detect(text, [(0, len(text))])
    assert all(0 <= span.start < span.end <= len(text) for span in detected)
    [label] = detector.label(text, [(0, 8)], [(0, len(text))])
    assert label in detector.taxonomy


def test_the_same_input_gives_the_same_output(detector: Detector) -> None:
    sentences = prepare(TEXT).sentences
    first = detector.detect(TEXT, sentences)
    detector.detect("Another article entirely, read in between.", [(0, 42)])
    again = detector.detect("".join(list(TEXT)), list(sentences))  # equal, not the same object
    assert first == again
    spans = [(span.start, span.end) for span in first]
    assert detector.label(TEXT, spans, sentences) == detector.label(TEXT, spans, sentences)


def test_a_tc_template_call_labels_exactly_the_spans_given(detector: Detector) -> None:
    sentences = prepare(TEXT).sentences
    stopped = TEXT.index("These disgusting traitors")
    spans = [(0, 8), (stopped, stopped + 25), (stopped, stopped + 25), (30, 37)]
    labels = detector.label(TEXT, spans, sentences)
    assert len(labels) == len(spans)
    assert all(label in detector.taxonomy for label in labels)
    assert labels[1] != labels[2], "a span listed twice gets two techniques"
