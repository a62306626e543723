"""Traceability: which public functions implement which clauses.

Each rule module records, beside each public function, the clause ids it implements
(``implements(matching_subsidy, "§6.3", "§6.4")``). This is a plain registry entry, not a
decorator, so that the function body stays exactly what mutation testing mutates. The
docs' clause page and the command line's ``clauses`` command read this registry, and a
test fails when a ``rule`` clause has no implementing function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ._clauses import clause

__all__ = ["implementations", "implemented_by", "implements"]

_REGISTRY: dict[str, tuple[str, ...]] = {}


def implements(function: Callable[..., Any], *clause_ids: str) -> None:
    """Record that ``function`` implements the clauses ``clause_ids`` (each must exist)."""
    for clause_id in clause_ids:
        clause(clause_id)
    name = getattr(function, "__name__", repr(function))
    _REGISTRY[name] = _REGISTRY.get(name, ()) + tuple(
        c for c in clause_ids if c not in _REGISTRY.get(name, ())
    )


# Rule modules that the package loads only when first used: loaded here before the
# registry is read, so that it is complete whatever was imported so far.
_LAZY_RULE_MODULES = ("innovation_policy._targets",)


def _load_all() -> None:
    import importlib

    for module in _LAZY_RULE_MODULES:
        importlib.import_module(module)


def implementations() -> Mapping[str, tuple[str, ...]]:
    """Every public function and property recorded, with the clause ids it implements."""
    _load_all()
    return MappingProxyType(dict(_REGISTRY))


def implemented_by(clause_id: str) -> tuple[str, ...]:
    """The public functions that implement a clause, by name, sorted."""
    clause(clause_id)
    _load_all()
    return tuple(sorted(name for name, ids in _REGISTRY.items() if clause_id in ids))
