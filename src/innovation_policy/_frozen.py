"""A read-only ``dict``: the tables of a result (totals by year, by bureau, ...).

A result is a frozen value, so its tables must not change; and an analyst hands them to
pandas, which reads a ``dict`` as keys and values (``pd.Series(totals.by_year)``) but a
mere :class:`~collections.abc.Mapping` proxy as an opaque object. :class:`FrozenDict` is
both: a ``dict`` whose every mutating method raises :class:`TypeError`.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenDict"]

_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenDict(dict[_K, _V]):
    """A ``dict`` that cannot be changed after it is made (hashable by its items)."""

    __slots__ = ()

    def _refuse(self, *_: object, **__: object) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is read-only: make a new dict instead")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))
