"""Requests generated from the OpenAPI schema, valid and invalid: the server never answers 5xx
and every answer matches the schema.  Bounded (a few dozen examples per operation and mode) to
stay fast.  Uses schemathesis' strategies with Hypothesis directly (its pytest fixture loader
does not support this pytest).

Schema-valid requests may still be refused with 422 (blank text, HTML with no article, a URL
that cannot be fetched offline), and a query parameter given twice is read as its last value
rather than refused, so the checks that every valid request is accepted and every invalid one
refused are left out; the rest (no 5xx, documented status codes, content types and response
bodies that match the schema) all run."""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from propalens.pipeline import Analyzer
from propalens.server import create_app
from propalens.store import SQLiteStore
from web_support import offline

EXAMPLES = 25


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error_or_an_off_schema_answer(
    tmp_path: Path, baseline_analyzer: Analyzer, mode: GenerationMode
) -> None:
    app = create_app(SQLiteStore(tmp_path / "fuzz.db"), baseline_analyzer, fetch=offline)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} >= {"/api/analyze", "/api/stats"}
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance, negative_data_rejection]
            )

        try:
            check()
        except Unsatisfiable:
            # Nothing to make invalid (no parameters, or a free-form string in the path).
            assert mode is GenerationMode.NEGATIVE
