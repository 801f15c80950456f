"""Property tests of the HTTP API from its own OpenAPI document: every operation, with inputs generated
from the schema and inputs that violate it, never answers 5xx and answers what the schema says. Bounded per operation so the suite
stays quick. (schemathesis' pytest fixture loader does not run under pytest 9, so the operations are
driven here with their Hypothesis strategies.)"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

TOKEN = "schemathesis-token"
EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="module")
def api_schema(examples_db, tmp_path_factory):
    from newsgraph.serve import create_app

    # Writes go to a copy: POST /api/articles is exercised with the token.
    copy = tmp_path_factory.mktemp("schemathesis") / "store.db"
    shutil.copy(examples_db, copy)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(copy, write_token=TOKEN))


def test_every_operation_answers_by_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9  # articles (list, one, ingest), entities (list, one), attributions, stats, analyze, export
    failures, unbreakable = [], []
    # Inputs that fit the schema, then inputs that break it (which must be refused with a 4xx, never a 5xx).
    for operation, mode in [(op, mode) for op in operations for mode in GenerationMode]:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def answers(case):
            headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None
            # Some inputs are refused for what they hold, which a schema cannot say: a cursor is opaque
            # (only those the server handed out are valid: 400), and a page with no article body in it
            # cannot be analysed (422). Everywhere else schema-valid input must be accepted.
            opaque = case.method == "POST" or "cursor" in (case.query or {})
            excluded = [positive_data_acceptance] if opaque else []
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            answers()
        except Unsatisfiable:
            # Nothing in this operation can be made invalid (GET /api/stats takes no input).
            assert mode is GenerationMode.NEGATIVE, f"{operation.path}: no valid input could be generated"
            unbreakable.append(operation.path)
        except BaseExceptionGroup as error:  # every operation is tried; all failures are reported
            failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)
    # Only operations without a constrained input: no input (stats), any string (an entity key).
    assert set(unbreakable) <= {"/api/stats", "/api/entities/{key}"}
