"""The library's exceptions: one base, each also the built-in that fits; and problems.

Callers may catch :class:`PolicyError` for everything the library raises on purpose,
or the built-in (:class:`TypeError`, :class:`ValueError`, :class:`KeyError`) they would
catch anyway.

An error and a :class:`Problem` carry *where* as data, beside *what*: a ``path`` (a tuple
of field names, indices and mapping keys, ``("approvals", 3, "superior_funding")``) and a
``message`` that never repeats it. The two are joined only to be read:
``approvals[3].superior_funding: is negative``. A reader of a file turns the path into the
file's own terms (``approvals.csv line 5, column superior_funding``) by looking the table,
row and field up in what it read, never by reading the text of a message.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from typing import Final

__all__ = [
    "NO_VALUE",
    "SHOWN_CHARACTERS",
    "InputError",
    "Key",
    "Path",
    "PolicyError",
    "PolicyLookupError",
    "PolicyTypeError",
    "PolicyValueError",
    "Problem",
    "ProblemCode",
    "as_path",
    "listed",
    "problems_of",
    "render_path",
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


LISTED = 20
"""The most names (valid ids, choices) a message lists before it says how many there are."""


def listed(names: Iterable[str], limit: int = LISTED) -> str:
    """Names for a message, at most ``limit`` of them: ``P01, P02, … (100,000 in all)``."""
    shown_names: list[str] = []
    count = 0
    for name in names:
        count += 1
        if count <= limit:
            shown_names.append(name)
    text = ", ".join(shown_names)
    return f"{text}, … ({count:,} in all)" if count > limit else text


class ProblemCode(enum.Enum):
    """What kind of problem a :class:`Problem` (or a :class:`PolicyError`) is.

    A small, fixed set: a caller may act on the kind without reading the message.
    """

    WRONG_TYPE = "wrong_type"
    """A value of the wrong type: a number where text is expected, a list where a record is."""
    BLANK = "blank"
    """Empty or blank where a value is required."""
    MISSING = "missing"
    """A required field, column, table or file that is not there at all."""
    NOT_MONEY = "not_money"
    """Not an amount of money in yuan to the fen (text, negative, too large, sub-fen)."""
    NOT_A_DATE = "not_a_date"
    """Not a real date as ``YYYY-MM-DD``."""
    NOT_A_YEAR = "not_a_year"
    """Not a four-digit year."""
    NOT_A_LABEL = "not_a_label"
    """Not one of a label's values (a level, a category, a rating, ...)."""
    CONTROL_CHARACTER = "control_character"
    """An id or reference holding a control character."""
    INVALID = "invalid"
    """Any other value the policy cannot accept (a ratio, a count, a name, ...)."""
    UNKNOWN_FIELD = "unknown_field"
    """A field, key, table, column or sheet the input may not have."""
    UNKNOWN_PLATFORM = "unknown_platform"
    """A reference to a platform that is not in the register."""
    UNKNOWN_ITEM = "unknown_item"
    """A payment's item that names no record it could pay."""
    DUPLICATE_ID = "duplicate_id"
    """An id already taken by another record."""
    DUPLICATE = "duplicate"
    """Something given twice: a platform rated twice for a year, a column or table twice."""
    INCONSISTENT = "inconsistent"
    """Values each valid alone that disagree (a payment's year and its review's, ...)."""
    UNREADABLE = "unreadable"
    """A file, or a part of it, that cannot be read at all (not UTF-8, not JSON, damaged)."""

    def __str__(self) -> str:
        return self.value


class Key(str):
    """A step of a path that is a mapping's key, shown ``[SCIENCE]``, not ``.SCIENCE``."""

    __slots__ = ()


Path = tuple[str | int, ...]
"""Where in an input: field names (:class:`str`), indices (:class:`int`) and keys
(:class:`Key`), outermost first."""

_PLAIN_UNSAFE = frozenset(".[]\"' \t\r\n")


def as_path(where: str | Path | None) -> Path:
    """A path from a path, a single field name, or nothing (``None`` or ``""``)."""
    if where is None or where == "":
        return ()
    if isinstance(where, str):
        return (where,)
    return tuple(where)


def render_path(path: Path) -> str:
    """A path as text: ``approvals[3].superior_funding``, ``bureau_targets[SCIENCE]``.

    The first field name is shown as it is (``Policy.plan_end`` is one step); a later one
    that could be misread (a space, a dot, a bracket) is quoted: ``platforms[0]["a b"]``.
    """
    parts: list[str] = []
    for step in path:
        if isinstance(step, (int, Key)):
            parts.append(f"[{step}]")
        elif not parts:
            parts.append(step)
        elif step and not _PLAIN_UNSAFE.intersection(step):
            parts.append(f".{step}")
        else:
            parts.append(f"[{json.dumps(step, ensure_ascii=False)}]")
    return "".join(parts)


class _NoValue:
    """No offending value recorded (distinct from ``None``, which may be the value)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __bool__(self) -> bool:
        return False


NO_VALUE: Final = _NoValue()
"""The ``value`` of a problem that has no single offending value."""

Message = str | tuple[str | Path, ...]
"""A message: text, or text with paths cited in it (``("is the id of ", ("approvals", 2))``),
which a reader shows in its own terms."""


class Problem:
    """One problem found in an input: where it is, what kind, what is wrong, and the value.

    ``path`` is where in the input's structure (``("approvals", 3, "superior_funding")``);
    ``location``, when a reader gave one, is where in its file (``approvals.csv line 5,
    column superior_funding``); ``where`` is the one shown: the location, else the path.
    ``code`` is a :class:`ProblemCode`; ``message`` says what is wrong and what would be
    valid, without repeating where; ``value`` is the offending value (``NO_VALUE``
    when there is none). A message may cite other places of the input (``cites``): a
    reader shows them in its terms too.
    """

    __slots__ = ("_cited", "_parts", "code", "location", "path", "value")

    def __init__(
        self,
        path: str | Path | None,
        code: ProblemCode,
        message: Message,
        value: object = NO_VALUE,
        *,
        location: str | None = None,
    ) -> None:
        self.path = as_path(path)
        self.code = ProblemCode(code)
        self._parts: tuple[str | Path, ...] = (message,) if isinstance(message, str) else message
        self.value = value
        self.location = location
        self._cited: tuple[str, ...] | None = None

    @property
    def cites(self) -> tuple[Path, ...]:
        """The other places of the input the message names, in order."""
        return tuple(part for part in self._parts if not isinstance(part, str))

    @property
    def message(self) -> str:
        """What is wrong, with what would be valid; the places it cites shown."""
        cited = iter(self._cited or ())
        return "".join(
            part if isinstance(part, str) else next(cited, None) or render_path(part)
            for part in self._parts
        )

    @property
    def where(self) -> str:
        """Where, as shown: the file location, else the path (``""``: the whole input)."""
        return self.location if self.location is not None else render_path(self.path)

    def under(self, prefix: str | Path) -> Problem:
        """The same problem with its path and the places it cites inside ``prefix``."""
        outer = as_path(prefix)
        parts = tuple(p if isinstance(p, str) else (*outer, *p) for p in self._parts)
        return Problem((*outer, *self.path), self.code, parts, self.value)

    def at(self, location: str, cited: Iterable[str] = ()) -> Problem:
        """The same problem located in a file: ``location``, and the cited places as
        ``cited`` shows them (in the order of :attr:`cites`)."""
        problem = Problem(self.path, self.code, self._parts, self.value, location=location)
        problem._cited = tuple(cited) or None
        return problem

    def _key(self) -> tuple[object, ...]:
        return (self.where, self.message)

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message

    def __repr__(self) -> str:
        return f"Problem({self.where!r}, {self.code.value!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class PolicyError(Exception):
    """Base class of every error raised on purpose by ``innovation_policy``.

    ``path`` is where the error is (a tuple of field names, indices and keys; empty when it is about no
    one place) and ``message`` what is wrong, without the place; ``str(error)`` joins
    them: ``approvals[0].date: '2022-03' is not a date; ...``. ``code`` is the kind of
    problem (:class:`ProblemCode`), ``value`` the offending value (``NO_VALUE`` when
    there is none). ``field`` is the path as text (``None`` when there is none).

    An error may instead be given ``field=`` with a message that names the field itself:
    it then has no ``path``, and ``str(error)`` is its message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        code: ProblemCode | None = None,
        value: object = NO_VALUE,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = as_path(path)
        self.code = code if code is not None else self._default_code
        self.value = value
        self._field = field
        super().__init__(message)

    _default_code: ProblemCode = ProblemCode.INVALID

    @property
    def field(self) -> str | None:
        """The path as text, or the field the message names; ``None`` when neither."""
        return render_path(self.path) if self.path else self._field

    def problem(self, prefix: str | Path = ()) -> Problem:
        """The error as a :class:`Problem`, its path inside ``prefix``."""
        outer = as_path(prefix)
        return Problem((*outer, *self.path), self.code, self.message, self.value)

    def __str__(self) -> str:
        return f"{render_path(self.path)}: {self.message}" if self.path else self.message


class PolicyTypeError(PolicyError, TypeError):
    """A value of the wrong type: a ``float`` where money is expected, a ``bool``, ..."""

    _default_code = ProblemCode.WRONG_TYPE


class PolicyValueError(PolicyError, ValueError):
    """A value of the right type that the policy cannot accept (negative money, ...)."""


class PolicyLookupError(PolicyError, KeyError):
    """An id or key that is not there (an item of an assessment, ...): the message names
    the ones that are. Also a :class:`KeyError`, so ``except KeyError`` catches it."""

    _default_code = ProblemCode.MISSING


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

    def under(self, prefix: str | Path) -> tuple[Problem, ...]:
        """Every problem, its path inside ``prefix``."""
        return tuple(p.under(prefix) for p in self.problems)


def problems_of(error: PolicyError, prefix: str | Path = ()) -> tuple[Problem, ...]:
    """The problems an error stands for, each inside ``prefix``: an
    :class:`InputError`'s every problem, another error as one."""
    if isinstance(error, InputError):
        return error.under(prefix)
    return (error.problem(prefix),)
