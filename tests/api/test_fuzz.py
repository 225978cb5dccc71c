"""A property-based fuzz run of the whole OpenAPI spec (schemathesis) against a real `pni serve`: valid
and invalid requests for every operation, bounded in examples; no 5xx, and responses match the schema.
eval/reliability.py runs the same with many more examples and records the figures."""

from __future__ import annotations

import pytest

from eval.fuzz import GenerationMode, fuzz

pytestmark = pytest.mark.model

EXAMPLES = 25  # per operation and mode: seconds, not minutes


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_the_spec_allows_or_forbids_gets_a_5xx(server_url: str, mode: GenerationMode) -> None:
    result = fuzz(server_url, mode, EXAMPLES)
    assert {"POST /api/ask", "POST /api/ask/stream", "POST /v1/chat/completions"} <= set(result.operations)
    assert result.calls >= len(result.operations) * 3
    assert result.failures == [], "\n".join(result.failures[:10])
    assert result.server_errors == 0, result.statuses
    if mode is GenerationMode.NEGATIVE:
        # Invalid requests are refused (4xx), not answered as if they were valid.
        assert sum(n for status, n in result.statuses.items() if 400 <= status < 500) > 0
