"""Property-based fuzzing of a running server's whole OpenAPI spec with schemathesis: generated valid
(positive) and invalid (negative) requests for every operation. Valid requests must be answered as the
spec documents them; every request, valid or not, must be answered without a 5xx.

Used by tests/api/test_fuzz.py (a few examples per operation) and eval/reliability.py (many more).
schemathesis is a dev dependency: import this module only where it is installed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

__all__ = ["FuzzResult", "fuzz", "GenerationMode"]


@dataclass
class FuzzResult:
    mode: str
    operations: list[str]
    calls: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # "<operation>: <what failed>", one per failing call

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def fuzz(base_url: str, mode: GenerationMode, examples: int) -> FuzzResult:
    """Up to ``examples`` generated requests per operation of ``base_url``/openapi.json."""
    schema = schemathesis.openapi.from_url(base_url + "/openapi.json")
    operations = [item.ok() for item in schema.get_all_operations() if isinstance(item, Ok)]
    result = FuzzResult(mode.value, [op.label for op in operations])
    # Invalid input only has to be refused without a 5xx; valid input must also answer as documented.
    checks: list[Callable[..., Any]] = [not_a_server_error]
    if mode is GenerationMode.POSITIVE:
        checks += [response_schema_conformance, status_code_conformance, content_type_conformance]
    for operation in operations:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,  # failures are collected below, not raised and printed
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=base_url, timeout=60)
            result.calls += 1
            result.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=checks)
            except Exception as failure:  # noqa: BLE001 - recorded and reported, not raised
                result.failures.append(f"{case.operation.label}: {str(failure).strip().splitlines()[0]}")

        try:
            check()
        except Unsatisfiable:
            # An operation without parameters or body (GET /api/health) has no invalid form to send.
            if mode is GenerationMode.POSITIVE:
                raise
    return result
