"""Dependencies are declared where they are imported: a module-level import in the product (ingest, index,
api, web) needs a main dependency; an import inside a function, in a backend module of an extra, or in eval needs a
main dependency or an extra, and the backend modules are never imported at module level by the rest.
torch is the one exception: `make install` installs its CPU build first, on
purpose (pyproject.toml says why). The lower bounds themselves are checked by `make test-lowest`."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tests.conftest import ROOT

OURS = {"ingest", "index", "api", "web", "eval", "tests"}
PRODUCT = ("ingest", "index", "api", "web")
INSTALLED_FIRST = {"torch"}
# Backends of an extra ([postgres], [ray]): imported only when PNI_DATABASE_URL or `pni ingest --ray` asks.
BACKENDS = {"index/pg_schema.py", "index/pg_store.py", "index/pg_build.py", "index/ray_embed.py"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    """(main dependencies, dependencies of any extra), as normalised distribution names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = {_name(r) for r in project["dependencies"]}
    extras = {_name(r) for reqs in project["optional-dependencies"].values() for r in reqs}
    return main, extras - {"pni-assistant"}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(top-level module, imported at module level) for every absolute import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_level = {id(node) for node in tree.body} | {
        id(inner) for node in tree.body if isinstance(node, ast.If) for inner in node.body
    }
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in OURS:
                found.append((top, id(node) in module_level))
    return found


@pytest.mark.parametrize("package", [*PRODUCT, "eval"])
def test_every_import_is_declared_where_it_is_needed(package: str) -> None:
    main, extras = _declared()
    distributions = packages_distributions()
    missing = set()
    for path in (ROOT / package).rglob("*.py"):
        for module, at_module_level in _imports(path):
            names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
            if names & INSTALLED_FIRST:
                continue
            optional = str(path.relative_to(ROOT)) in BACKENDS
            needed = main if package in PRODUCT and at_module_level and not optional else main | extras
            if not names & needed:
                missing.add(f"{path.relative_to(ROOT)} imports {module} ({', '.join(sorted(names))})")
    assert not missing


def test_the_backends_of_an_extra_load_only_on_demand() -> None:
    eager = set()
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            if str(path.relative_to(ROOT)) in BACKENDS:
                continue
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ImportFrom) and node.module:
                    target = f"{package}/{node.module}.py" if node.level else node.module.replace(".", "/") + ".py"
                    if target in BACKENDS:
                        eager.add(f"{path.relative_to(ROOT)} imports {target} at module level")
    assert not eager
