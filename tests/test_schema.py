import json

import pytest
from pydantic import ValidationError

from propalens.schema import Analysis, ModelInfo, Span

MODEL = ModelInfo(name="test", version="0")


def test_a_span_whose_text_does_not_match_the_offsets_is_rejected() -> None:
    span = Span(start=0, end=3, text="Bad", technique="Loaded_Language", confidence=0.5)
    with pytest.raises(ValidationError, match="does not match"):
        Analysis(text="Good news", spans=(span,), score=0.1, model=MODEL)


def test_a_span_past_the_end_of_the_text_is_rejected() -> None:
    span = Span(start=5, end=12, text="news", technique="Loaded_Language", confidence=0.5)
    with pytest.raises(ValidationError):
        Analysis(text="Good news", spans=(span,), score=0.1, model=MODEL)


def test_the_json_names_other_tools_depend_on_are_kept() -> None:
    fields = set(json.loads(Analysis(text="x", score=0.0, model=MODEL).model_dump_json()))
    assert fields == {
        "text", "title", "outlet", "original_outlet", "byline", "published",
        "original_published", "url", "source", "input_id", "removed",
        "sentences", "spans", "quotes", "score", "outlet_profile", "model",
        "original_outlet_profile", "voice_shares",
    }  # fmt: skip
    span_fields = set(Span.model_json_schema()["properties"])
    assert span_fields == {
        "start", "end", "text", "technique", "confidence", "voice", "speaker",
    }  # fmt: skip
