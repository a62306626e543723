"""The library's exceptions: one base, each also the built-in that fits.

Callers may catch :class:`PolicyError` for everything the library raises on purpose,
or the built-in (:class:`TypeError`, :class:`ValueError`) they would catch anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "SHOWN_CHARACTERS",
    "InputError",
    "PolicyError",
    "PolicyTypeError",
    "PolicyValueError",
    "Problem",
    "shown",
]

SHOWN_CHARACTERS = 80
"""The most characters of an offending value a message shows (then how long it was)."""


def shown(value: object) -> str:
    """An offending value as a message shows it: its ``repr``, cut to about 80
    characters with its full length after it (``'xxxx…' (10,485,760 characters)``)."""
    text = repr(value)
    if len(text) <= SHOWN_CHARACTERS:
        return text
    size = len(value) if isinstance(value, (str, bytes)) else len(text)
    unit = "bytes" if isinstance(value, bytes) else "characters"
    return f"{text[: SHOWN_CHARACTERS - 1]}… ({size:,} {unit})"


class PolicyError(Exception):
    """Base class of every error raised on purpose by ``innovation_policy``.

    ``field`` names the argument, field or location the error is about, where there is one.
    """

    field: str | None = None


class PolicyTypeError(PolicyError, TypeError):
    """A value of the wrong type: a ``float`` where money is expected, a ``bool``, ..."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PolicyValueError(PolicyError, ValueError):
    """A value of the right type that the policy cannot accept (negative money, ...)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Problem:
    """One problem found in an input: where it is and what is wrong with it.

    ``where`` is in the input's own terms: a JSON path (``approvals[3].superior_funding``),
    a file location (``approvals.csv line 7, column superior_funding``) or a field name.
    """

    __slots__ = ("message", "where")

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def __repr__(self) -> str:
        return f"Problem({self.where!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.where, self.message) == (other.where, other.message)

    def __hash__(self) -> int:
        return hash((self.where, self.message))


class InputError(PolicyValueError):
    """An input (a register, a policy, a file) with one or more problems, all listed.

    ``problems`` holds every problem found, in input order; ``str(error)`` lists them
    one per line.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun} found:"]
        lines.extend(f"  - {p}" for p in self.problems)
        super().__init__("\n".join(lines))
