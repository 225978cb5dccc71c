"""A property-based fuzz run of the whole OpenAPI spec (schemathesis) against a real `pni serve`: valid
and invalid requests for every operation, bounded in examples; no 5xx, and responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.model

EXAMPLES = 25  # per operation and mode: seconds, not minutes


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_the_spec_allows_or_forbids_gets_a_5xx(server_url: str, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_url(server_url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {"POST /api/ask", "POST /api/ask/stream", "POST /v1/chat/completions"} <= {op.label for op in operations}
    # Invalid input only has to be refused without a 5xx; valid input must also answer as documented.
    checks = [not_a_server_error]
    if mode is GenerationMode.POSITIVE:
        checks += [response_schema_conformance, status_code_conformance, content_type_conformance]
    calls = 0
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: schemathesis.Case) -> None:
            nonlocal calls
            response = case.call(base_url=server_url, timeout=60)
            calls += 1
            case.validate_response(response, checks=checks)

        try:
            check()
        except Unsatisfiable:
            # An operation without parameters or body (GET /api/health) has no invalid form to send.
            assert mode is GenerationMode.NEGATIVE
    assert calls >= len(operations) * 3
