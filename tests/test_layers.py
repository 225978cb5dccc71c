"""The floors: ingest (1) <- index (2) <- api (3) <- eval (4). A module imports only its own floor or lower
ones, so the error tree's root knows nothing of the database or HTTP, and the product never imports its
evaluation (`pni eval` arrives through the "pni.commands" entry point)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FLOORS = {"ingest": 1, "index": 2, "api": 3, "eval": 4}


def _imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(FLOORS)


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_no_module_imports_a_higher_floor(package: str) -> None:
    upward = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in (ROOT / package).rglob("*.py")
        for other in _imported_packages(path)
        if FLOORS[other] > FLOORS[package]
    }
    assert not upward


def test_pni_eval_is_registered_by_entry_point() -> None:
    from importlib.metadata import entry_points

    from eval.cli import eval_command

    registered = [e for e in entry_points(group="pni.commands") if e.name == "eval"]
    assert len(registered) == 1 and registered[0].load() is eval_command
