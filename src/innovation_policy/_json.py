"""JSON, the interchange format: the register read and written without loss.

One way in: each record is made from its JSON object by the record itself, which checks
its own fields, after the few shapes only JSON has are turned into values exactly (money
from a string or a number, never through ``float``; a date from exactly ``YYYY-MM-DD``; a
year from four digits; co-builders from a list); then the register checks the whole. A
record with a problem is checked field by field, so that every problem of a document is
reported at once, each at its path (``approvals[3].superior_funding``). Writing is the
inverse: labels in Chinese, money as a string with two decimals, dates ``YYYY-MM-DD``.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import enum
import functools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import attrs

from ._errors import (
    InputError,
    Path,
    PolicyError,
    PolicyTypeError,
    PolicyValueError,
    Problem,
    ProblemCode,
    problems_of,
    shown,
)
from ._labels import CoBuilder
from ._parse import money_text, parse_date, parse_money, parse_year
from ._register import (
    _RECORD_TYPES,
    _TABLES,
    Register,
    check_register,
    record_checks,
)

__all__ = [
    "dumps",
    "load_register",
    "parse_date",
    "parse_money",
    "register_from_dict",
    "register_from_json",
    "register_to_dict",
    "register_to_json",
    "schema",
]

MAX_JSON_BYTES = 512 * 1024 * 1024


def _co_builders_list(value: object, field: str) -> object:
    """Co-builders from JSON: a list (each checked by the record); else an error."""
    if not isinstance(value, list):
        raise PolicyTypeError(
            f"{shown(value)} is not a list of co-builders; expected a list of "
            f"{CoBuilder.choices()}",
            path=field,
            value=value,
        )
    return value


class _Shape:
    """What reading a record type from JSON needs to know: its fields in order, the
    required ones, the ones that may be recorded as unknown (``null`` kept), and how a
    field's JSON shape becomes the value the record checks."""

    def __init__(self, record_type: type) -> None:
        fields = attrs.fields(attrs.resolve_types(record_type))
        self.record_type = record_type
        self.order = {a.name: n for n, a in enumerate(fields)}
        self.names = frozenset(self.order)
        self.valid = ", ".join(a.name for a in fields)
        self.required = frozenset(a.name for a in fields if a.default is attrs.NOTHING)
        self.unknowable = frozenset(a.name for a in fields if a.type == Decimal | None)
        self.convert: dict[str, Callable[[object, str], object]] = {}
        for a in fields:
            if a.type in (Decimal, Decimal | None):
                self.convert[a.name] = money_text
            elif a.type in (dt.date, dt.date | None):
                self.convert[a.name] = parse_date
            elif a.type in (int, int | None):
                self.convert[a.name] = parse_year
            elif a.type == frozenset[CoBuilder] | None:
                self.convert[a.name] = _co_builders_list
        self.converted = tuple(self.convert.items())
        self.checks = record_checks(record_type)


_SHAPES = {record_type: _Shape(record_type) for record_type in _RECORD_TYPES.values()}


def _structure_record(raw: object, name: str, i: int) -> tuple[Any, list[Problem]]:
    """The record of ``raw``, the ``i``-th JSON object of table ``name``; or ``None``
    with every problem of it, each at its path, in the order of the record's fields (an
    unknown field last)."""
    shape = _SHAPES[_RECORD_TYPES[name]]
    if not isinstance(raw, Mapping):
        return None, [
            Problem(
                (name, i),
                ProblemCode.WRONG_TYPE,
                f"{shown(raw)} is not a {shape.record_type.__name__} record; "
                "expected a JSON object",
                raw,
            )
        ]
    # null means absent, for the record's own fields, but for an amount that may be
    # recorded as unknown (superior_funding, turnover), where null is that record; an
    # unknown field is refused even when it is null, as an unknown table is.
    names, unknowable = shape.names, shape.unknowable
    values = {k: v for k, v in raw.items() if v is not None or k not in names or k in unknowable}
    if shape.required <= values.keys() <= names:  # the usual case: made directly
        try:
            for field, convert in shape.converted:
                if field in values:
                    values[field] = convert(values[field], field)
            return shape.record_type(**values), []
        except PolicyError:
            values = {k: v for k, v in raw.items() if v is not None or k in unknowable}
    return None, _record_problems(shape, values, (name, i))


def _record_problems(shape: _Shape, values: dict[str, Any], at: Path) -> list[Problem]:
    """Every problem of a record's JSON object, field by field (the slow way, taken
    only by a record that has one)."""
    problems: list[tuple[int, Problem]] = []
    last = len(shape.order)
    for field in shape.required - values.keys():
        problems.append(
            (
                shape.order[field],
                Problem((*at, field), ProblemCode.MISSING, "is required but missing"),
            )
        )
    for key in sorted(values.keys() - shape.names, key=str):
        problems.append(
            (
                last,
                Problem(
                    (*at, str(key)),
                    ProblemCode.UNKNOWN_FIELD,
                    f"is not a field of {shape.record_type.__name__}; valid: {shape.valid}",
                ),
            )
        )
    converted: dict[str, object] = {}
    for field, value in values.items():
        if field not in shape.names:
            continue
        convert = shape.convert.get(field)
        try:
            converted[field] = value if convert is None else convert(value, field)
        except PolicyError as error:
            problems.extend((shape.order[field], p) for p in problems_of(error, at))
    if problems:  # the record cannot be made: each field is checked alone
        for field, check in shape.checks:
            if field in converted:
                try:
                    check(converted[field], field)
                except PolicyError as error:
                    problems.extend((shape.order[field], p) for p in problems_of(error, at))
    else:  # each field's shape is fine: the record says what is wrong with it
        try:
            shape.record_type(**converted)
        except PolicyError as error:
            problems.extend((0, p) for p in problems_of(error, at))
    return [p for _, p in sorted(problems, key=lambda ranked: ranked[0])]


def _show(value: object) -> str:
    return shown(value)


def _given(value: object) -> str:
    """What a caller gave, for a message: ``dict {'platforms': [...`` (80 characters)."""
    return f"{type(value).__name__} {shown(value)}"


_FROM_DICT = "for a register as a dictionary, call register_from_dict(document)"


def register_from_dict(document: object, *, source: str | None = None) -> Register:
    """A register from its JSON-ready dictionary; every problem reported at once."""
    if not isinstance(document, Mapping):
        raise InputError(
            [
                Problem(
                    "$",
                    ProblemCode.WRONG_TYPE,
                    f"{_show(document)} is not a register; expected a JSON object with "
                    "platforms, approvals, reviews, case_decisions and payments",
                    document,
                )
            ],
            source=source,
        )
    problems: list[Problem] = []
    for key in document:
        if key not in _TABLES and key != "$schema":
            problems.append(
                Problem(
                    str(key),
                    ProblemCode.UNKNOWN_FIELD,
                    f"is not a table of the register; valid: {', '.join(_TABLES)}",
                )
            )
    if "platforms" not in document:
        problems.append(Problem("platforms", ProblemCode.MISSING, "is required but missing"))
    tables: dict[str, list[tuple[int, Any]]] = {}
    failed_ids: set[str] = set()
    for name in _TABLES:
        raw_records = document.get(name, [])
        if raw_records is None:
            raw_records = []
        if not isinstance(raw_records, list):
            problems.append(
                Problem(
                    name,
                    ProblemCode.WRONG_TYPE,
                    f"{_show(raw_records)} is not a list of records",
                    raw_records,
                )
            )
            tables[name] = []
            continue
        good: list[tuple[int, Any]] = []
        for i, raw in enumerate(raw_records):
            record, found = _structure_record(raw, name, i)
            if found:
                problems.extend(found)
                if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                    failed_ids.add(raw["id"].strip())
                if isinstance(raw, Mapping) and name == "platforms":
                    failed_ids.add(str(raw.get("id", "")).strip())
            else:
                good.append((i, record))
        tables[name] = good
    if problems:
        seen = set(problems)
        problems.extend(
            p for p in check_register(None, tables=tables, known_ids=failed_ids) if p not in seen
        )
        raise InputError(problems, source=source)
    return Register(**{name: tuple(r for _, r in rows) for name, rows in tables.items()})


def register_from_json(text: str | bytes, *, source: str | None = None) -> Register:
    """A register from its JSON document; every problem reported at once, by JSON path."""
    _check_json_text(text)
    return register_from_dict(loads(text, source=source), source=source)


def _check_json_text(text: object) -> None:
    if not isinstance(text, (str, bytes)):
        hint = f"; {_FROM_DICT}" if isinstance(text, Mapping) else ""
        raise PolicyTypeError(
            f"expected the JSON text of a register (str or bytes), given {_given(text)}{hint}"
        )


def loads(text: str | bytes, *, source: str | None = None) -> Any:
    """Parse JSON exactly: numbers as :class:`~decimal.Decimal` or int, never float.

    Refused, as an :class:`InputError` located by line and column or by JSON path: bytes
    that are not UTF-8, invalid JSON, ``NaN`` and ``Infinity``, a key twice in one object,
    nesting deeper than Python can follow, a number whose exponent is beyond what
    :class:`~decimal.Decimal` holds, and a lone surrogate (``"\\ud800"``), which is no
    character and could never be written out again. An integer of more than 4300 digits
    becomes a :class:`~decimal.Decimal` (refused later, where it stands, as too large).
    """
    if isinstance(text, bytes):
        data = text
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            hint = " (it is UTF-16 or UTF-32, by its byte order mark)" if utf16 else ""
            raise InputError(
                [
                    Problem(
                        (),
                        ProblemCode.UNREADABLE,
                        f"is not UTF-8{hint}; save the file as UTF-8",
                        location=f"byte {exc.start}",
                    )
                ],
                source=source,
            ) from None
        raw_surrogates = False  # UTF-8 cannot encode one
    else:
        if text.startswith("\ufeff"):
            text = text[1:]
        raw_surrogates = _SURROGATE.search(text) is not None
    try:
        document = json.loads(
            text,
            parse_float=_json_decimal,
            parse_int=_json_integer,
            parse_constant=_no_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.UNREADABLE,
                    f"invalid JSON: {exc.msg}",
                    location=f"line {exc.lineno}, column {exc.colno}",
                )
            ],
            source=source,
        ) from None
    except _NumberError as exc:
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.NOT_MONEY,
                    str(exc),
                    exc.literal,
                    location=_position(text, exc.literal),
                )
            ],
            source=source,
        ) from None
    except _DuplicateKeyError:
        from ._files import duplicate_key

        line, column, key = duplicate_key(text)
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.DUPLICATE,
                    str(_DuplicateKeyError(key)),
                    key,
                    location=f"line {line}, column {column}",
                )
            ],
            source=source,
        ) from None
    except PolicyValueError as exc:
        raise InputError([exc.problem("$")], source=source) from None
    except RecursionError:
        raise InputError(
            [Problem("$", ProblemCode.UNREADABLE, "is nested too deeply to be a register")],
            source=source,
        ) from None
    if raw_surrogates or _ESCAPED_SURROGATE.search(text):
        found = list(_lone_surrogates(document))
        if found:
            raise InputError(found, source=source)
    return document


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class _NumberError(PolicyValueError):
    """A JSON number :class:`~decimal.Decimal` cannot hold, with its text to locate it."""

    def __init__(self, literal: str) -> None:
        shown = literal if len(literal) <= 40 else literal[:37] + "..."
        super().__init__(
            f"the number {shown} cannot be read: its exponent is beyond "
            "+-999999999999999999; amounts are yuan below 10^15, like 6000000.00"
        )
        self.literal = literal


def _json_decimal(literal: str) -> Decimal:
    try:
        return Decimal(literal)
    except InvalidOperation:  # an exponent beyond +-999999999999999999
        raise _NumberError(literal) from None


def _json_integer(literal: str) -> int | Decimal:
    try:
        return int(literal)
    except ValueError:  # more digits than int() converts (4300): kept, refused where it stands
        return Decimal(literal)


def _position(text: str, literal: str) -> str:
    """``line L, column C`` of the first occurrence of ``literal`` (taken from ``text``)."""
    at = text.find(literal)
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    return f"line {line}, column {column}"


def _lone_surrogates(document: object) -> Iterator[Problem]:
    """Each string (key or value) holding a lone surrogate, by JSON path, in order."""
    stack: list[tuple[Path, object]] = [(("$",), document)]
    while stack:  # no recursion: the document may be nested as deeply as json allows
        path, value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found is not None:
                yield Problem(path, ProblemCode.INVALID, _surrogate_message(found.group()), value)
        elif isinstance(value, dict):
            children = []
            for key, item in value.items():
                step: Path = (_escaped(key),) if path == ("$",) else (*path, _escaped(key))
                found = _SURROGATE.search(key)
                if found is not None:
                    yield Problem(
                        step, ProblemCode.INVALID, "the key " + _surrogate_message(found.group())
                    )
                children.append((step, item))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([((*path, i), item) for i, item in enumerate(value)]))


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _surrogate_message(char: str) -> str:
    return (
        f"contains {_escaped(char)}, half of a surrogate pair alone, which is not a "
        "character; expected text in valid Unicode"
    )


def _no_constant(name: str) -> Any:
    raise PolicyValueError(
        f"{name} is not a JSON number; amounts must be finite", code=ProblemCode.NOT_MONEY
    )


class _DuplicateKeyError(PolicyValueError):
    """A key twice in one object (located afterwards, by line and column)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def load_register(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> Register:
    """Read a register from a JSON file: a path, or an open text or binary file. Every
    error names the file as its ``source``.

    The path must name a regular file (a FIFO, a device, a directory is refused, unread).
    For a register as a dictionary, call :func:`register_from_dict`; for JSON text,
    :meth:`Register.from_json` (or ``load_register(io.StringIO(text))``).
    """
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        return _from_file(source.read(), str(name) if name else None)
    if isinstance(source, Mapping):
        raise PolicyTypeError(
            f"load_register reads a JSON file (a path or an open file), given "
            f"{_given(source)}; {_FROM_DICT}"
        )
    if not isinstance(source, (str, os.PathLike)):
        raise PolicyTypeError(
            f"load_register reads a JSON file: expected a path (str or os.PathLike) or an "
            f"open file, given {_given(source)}; for JSON text, call Register.from_json(text)"
        )
    path = os.fspath(source)
    if path.lstrip().startswith(("{", "[")) and not os.path.lexists(path):
        raise PolicyTypeError(
            f"load_register reads a JSON file, but was given what looks like JSON text, not "
            f"the path of a file: {_show(path)}; for JSON text, call Register.from_json(text) "
            "or load_register(io.StringIO(text))"
        )
    from ._files import FileError, read_input

    try:
        data = read_input(path, expected="a JSON file", limit=MAX_JSON_BYTES)
    except FileError as problem:
        raise InputError(
            [Problem((), ProblemCode.UNREADABLE, problem.message)], source=path
        ) from None
    if len(data) > MAX_JSON_BYTES:
        raise InputError(
            [Problem((), ProblemCode.UNREADABLE, "is larger than 512 MiB")], source=path
        )
    return _from_file(data, path)


def _from_file(data: str | bytes, source: str | None) -> Register:
    try:
        return register_from_json(data, source=source)
    except InputError as error:
        if source is None or error.source == source:
            raise
        # Register() itself checks the references and names its errors' source "register"
        raise InputError(error.problems, source=source) from None


def _written(value: object) -> object:
    """A field's value as the JSON document writes it."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return [c.value for c in CoBuilder if c in value]
    return value


def _written_order(record_type: type) -> tuple[str, ...]:
    """A record type's fields in the order the document writes them: the id first."""
    names = [a.name for a in attrs.fields(record_type)]
    return tuple(sorted(names, key=lambda name: name != "id"))


_WRITTEN = {record_type: _written_order(record_type) for record_type in _RECORD_TYPES.values()}


def register_to_dict(register: Register) -> dict[str, Any]:
    """The register as a JSON-ready dictionary: labels in Chinese, money as strings; a
    review's decision date only where it is recorded (reading 10)."""
    document: dict[str, Any] = {}
    for name in _TABLES:
        rows = []
        for record in getattr(register, name):
            row = {field: _written(getattr(record, field)) for field in _WRITTEN[type(record)]}
            if name == "reviews" and row["date"] is None:
                del row["date"]  # not recorded: the default (reading 10)
            rows.append(row)
        document[name] = rows
    return document


def register_to_json(register: Register) -> str:
    """The register as its JSON document."""
    return dumps(register_to_dict(register))


def dumps(document: Any) -> str:
    """JSON as the library writes it: UTF-8 text (Chinese kept readable), indented."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema by name: ``register``, ``assessment``, ``findings``,
    ``targets``, ``policy``, ``comparison``, ``sweep``."""
    if not isinstance(name, str):
        raise PolicyTypeError(
            f"schema: expected the name of a shipped schema, like schema('register'), given "
            f"{_given(name)}; valid: register, assessment, findings, targets, policy, comparison, sweep",
            field="schema",
        )
    return copy.deepcopy(_schema(name))  # a fresh copy: the shipped schema stays as it is


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    from importlib import resources

    try:
        text = resources.files("innovation_policy").joinpath(f"schemas/{name}.schema.json")
        return json.loads(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        raise PolicyValueError(
            f"schema: {name!r} is not a shipped schema; valid: register, assessment, "
            "findings, targets, policy, comparison, sweep",
            field="schema",
        ) from None


def example_register_json() -> str:
    """The JSON document of the shipped example register."""
    from importlib import resources

    data = resources.files("innovation_policy").joinpath("data/example_register.json")
    return data.read_text(encoding="utf-8")


@functools.cache
def example_register() -> Register:
    """A realistic example register shipped with the package: 20 platforms across the
    four parks and outside them, 2019–2026, with upgrades, city awards, excellent and
    other years, professional institutes, a case decision and a few payments (one of
    them an overpayment). For the command line, the docs and the tests."""
    return register_from_json(example_register_json(), source="example_register.json")
