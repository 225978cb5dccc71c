"""Names of a package loaded on first use (PEP 562): importing one module of a package, as `pni serve` does,
need not import the rest (the loaders and langchain's splitters cost the server's start-up about a third of a
second)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module

__all__ = ["lazy_names"]


def lazy_names(package: str, module_of: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name of ``module_of`` from its module, when first asked."""

    def __getattr__(name: str) -> object:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f".{module_of[name]}", package), name)

    return __getattr__
