"""JSON, the interchange format: the register read and written without loss.

Structuring and unstructuring go through one :mod:`cattrs` converter with hooks for the
policy's own types: money is parsed exactly from a JSON string or number (never through
``float``) and written as a string with two decimals; labels are read in Chinese or as
English member names and written in Chinese; dates must be exactly ``YYYY-MM-DD``.
Every problem of a document is reported at once, located by its JSON path.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import cattrs

import attrs

from ._errors import InputError, PolicyError, PolicyTypeError, PolicyValueError, Problem, shown
from ._labels import Category, CoBuilder, Industry, Kind, Level, Park, Rating
from ._parse import DATE_TEXT, MONEY_TEXT, parse_date, parse_money
from ._register import (
    _RECORD_TYPES,
    _TABLES,
    Approval,
    CaseDecision,
    Payment,
    Platform,
    Register,
    Review,
    check_register,
    record_error,
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

_YEAR_TEXT = re.compile(r"[0-9]{4}")
_LABELS = (Category, Level, Park, Industry, Rating, CoBuilder, Kind)
MAX_JSON_BYTES = 512 * 1024 * 1024


def _structure_year(value: object, _: object) -> int:
    if isinstance(value, str) and _YEAR_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyTypeError(f"{value!r} is not a year; expected a whole number like 2023")
    return value


def _structure_text(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise PolicyTypeError(f"{value!r} is not text; expected a string")
    if not value.strip():
        raise PolicyValueError(f"{value!r} is empty; expected a non-empty string")
    return value


def _structure_label(value: object, kind: Any) -> Any:
    return kind.parse(value)


def _structure_co_builders(value: object, _: object) -> frozenset[CoBuilder]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise PolicyTypeError(
            f"{value!r} is not a list of co-builders; expected a list of {CoBuilder.choices()}"
        )
    return frozenset(CoBuilder.parse(v) for v in value)


def _unstructure_money(value: Decimal) -> str:
    return f"{value:.2f}"


def _unstructure_co_builders(value: frozenset[CoBuilder]) -> list[str]:
    return [c.value for c in CoBuilder if c in value]


def _is_co_builders(kind: object) -> bool:
    return kind == frozenset[CoBuilder]


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    import cattrs  # imported when first needed: it is the heaviest import of the library

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    converter.register_structure_hook(Decimal, lambda v, _: parse_money(v))
    converter.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    converter.register_structure_hook(int, _structure_year)
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook_func(_is_co_builders, _structure_co_builders)
    for label in _LABELS:
        converter.register_structure_hook(label, _structure_label)
        converter.register_unstructure_hook(label, lambda v: v.value)
    converter.register_unstructure_hook(Decimal, _unstructure_money)
    converter.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    converter.register_unstructure_hook_func(_is_co_builders, _unstructure_co_builders)
    return converter


@functools.cache
def _converter(*, detailed: bool = False) -> cattrs.Converter:
    """The converter: fast, or with detailed validation to locate every problem."""
    return _make_converter(detailed=detailed)


def _located(exc: BaseException, path: str) -> Iterator[Problem]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            name = getattr(note, "name", None)
            step = f".{name}" if name is not None else f"[{getattr(note, 'index', '?')}]"
            yield from _located(inner, path + step)
        for inner in without:
            yield from _located(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        valid = ", ".join(a.name for a in attrs.fields(exc.cl))
        for key in sorted(exc.extra_fields):
            step = f".{key}" if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"
            yield Problem(f"{path}{step}", f"is not a field of {exc.cl.__name__}; valid: {valid}")
    elif isinstance(exc, KeyError):
        yield Problem(path, "is required but missing")
    elif isinstance(exc, InputError):  # the record's own checks of its ids: each one
        for problem in exc.problems:
            yield Problem(f"{path}.{problem.where}", problem.message)
    else:
        # A hook's error (located by cattrs), or the record's own check of a field the
        # hooks let through (a year out of range, an id with a control character): a
        # PolicyError, or an InputError above when it fails on two ids at once. A mapping
        # is never refused for its shape.
        assert isinstance(exc, PolicyError), exc
        yield Problem(f"{path}.{exc.field}" if exc.field else path, record_error(exc))


def _structure_record(raw: object, record_type: type, where: str) -> tuple[Any, list[Problem]]:
    if not isinstance(raw, Mapping):
        return None, [
            Problem(
                where,
                f"{_show(raw)} is not a {record_type.__name__} record; expected a JSON object",
            )
        ]
    # null means absent, for the record's own fields, but for an amount that may be
    # recorded as unknown (superior_funding, turnover), where null is that record; an
    # unknown field is refused even when it is null, as an unknown table is.
    fields = _field_names(record_type)
    unknown = _SHAPES[record_type].unknowable
    raw = {k: v for k, v in raw.items() if v is not None or k not in fields or k in unknown}
    try:  # the direct way first: a well-formed record, made without the converter
        record = _direct(raw, record_type)
    except Exception:
        record = None
    if record is not None:
        return record, []
    try:
        return _converter().structure(raw, record_type), []
    except Exception:
        pass
    try:
        return _converter(detailed=True).structure(raw, record_type), []
    except Exception as exc:
        return None, list(_located(exc, where))


class _Shape:
    """What :func:`_direct` needs to know of a record type: its fields, the required
    ones, and which hold money, dates, years and co-builders."""

    def __init__(self, record_type: type) -> None:
        fields = attrs.fields(attrs.resolve_types(record_type))
        self.names = frozenset(a.name for a in fields)
        self.required = frozenset(a.name for a in fields if a.default is attrs.NOTHING)
        self.money = tuple(a.name for a in fields if a.type in (Decimal, Decimal | None))
        self.unknowable = frozenset(a.name for a in fields if a.type == Decimal | None)
        self.dates = tuple(a.name for a in fields if a.type in (dt.date, dt.date | None))
        self.years = tuple(a.name for a in fields if a.type in (int, int | None))
        self.sets = tuple(a.name for a in fields if a.type == frozenset[CoBuilder] | None)


_SHAPES = {record_type: _Shape(record_type) for record_type in _RECORD_TYPES.values()}


def _direct(raw: Mapping[str, Any], record_type: type) -> Any:
    """The record of a well-formed JSON object, made directly: the JSON-only shapes
    (money and years as text, dates) converted exactly as the converter's hooks convert
    them, everything else checked by the record itself. ``None`` (or an exception) for
    anything else, which then takes the converter's way, the one that locates problems;
    so this way only ever accepts what that one accepts, and makes the same record."""
    shape = _SHAPES[record_type]
    if not shape.required <= raw.keys() <= shape.names:
        return None
    values = dict(raw)
    for name in shape.money:
        value = values.get(name)
        if isinstance(value, str):
            text = value.strip()
            if not MONEY_TEXT.fullmatch(text):
                return None
            values[name] = Decimal(text)
    for name in shape.dates:
        value = values.get(name)
        if value is None and name not in shape.required:
            continue
        if not isinstance(value, str) or not DATE_TEXT.fullmatch(value.strip()):
            return None
        values[name] = dt.date.fromisoformat(value.strip())  # not a real date: ValueError
    for name in shape.years:
        value = values.get(name)
        if isinstance(value, str):
            if not _YEAR_TEXT.fullmatch(value.strip()):
                return None
            values[name] = int(value.strip())
    for name in shape.sets:
        if name in values and not isinstance(values[name], list):
            return None
    return record_type(**values)


@functools.cache
def _field_names(record_type: type) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(record_type))


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
                    f"{_show(document)} is not a register; expected a JSON object with "
                    "platforms, approvals, reviews, case_decisions and payments",
                )
            ],
            source=source,
        )
    problems: list[Problem] = []
    for key in document:
        if key not in _TABLES and key != "$schema":
            problems.append(
                Problem(str(key), f"is not a table of the register; valid: {', '.join(_TABLES)}")
            )
    if "platforms" not in document:
        problems.append(Problem("platforms", "is required but missing"))
    tables: dict[str, list[tuple[int, Any]]] = {}
    failed_ids: set[str] = set()
    for name in _TABLES:
        raw_records = document.get(name, [])
        if raw_records is None:
            raw_records = []
        if not isinstance(raw_records, list):
            problems.append(Problem(name, f"{_show(raw_records)} is not a list of records"))
            tables[name] = []
            continue
        good: list[tuple[int, Any]] = []
        for i, raw in enumerate(raw_records):
            record, found = _structure_record(raw, _RECORD_TYPES[name], f"{name}[{i}]")
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
        problems.extend(
            p
            for p in check_register(None, tables=tables, known_ids=failed_ids)
            if p not in problems
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
                [Problem(f"byte {exc.start}", f"is not UTF-8{hint}; save the file as UTF-8")],
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
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}")],
            source=source,
        ) from None
    except _NumberError as exc:
        raise InputError([Problem(_position(text, exc.literal), str(exc))], source=source) from None
    except _DuplicateKeyError:
        from ._files import duplicate_key

        line, column, key = duplicate_key(text)
        raise InputError(
            [Problem(f"line {line}, column {column}", str(_DuplicateKeyError(key)))],
            source=source,
        ) from None
    except PolicyValueError as exc:
        raise InputError([Problem("$", str(exc))], source=source) from None
    except RecursionError:
        raise InputError(
            [Problem("$", "is nested too deeply to be a register")], source=source
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
    stack: list[tuple[str, object]] = [("$", document)]
    while stack:  # no recursion: the document may be nested as deeply as json allows
        path, value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found is not None:
                yield Problem(path, _surrogate_message(found.group()))
        elif isinstance(value, dict):
            children = []
            for key, item in value.items():
                step = _escaped(key) if path == "$" else f"{path}.{_escaped(key)}"
                found = _SURROGATE.search(key)
                if found is not None:
                    yield Problem(step, "the key " + _surrogate_message(found.group()))
                children.append((step, item))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{i}]", item) for i, item in enumerate(value)]))


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _surrogate_message(char: str) -> str:
    return (
        f"contains {_escaped(char)}, half of a surrogate pair alone, which is not a "
        "character; expected text in valid Unicode"
    )


def _no_constant(name: str) -> Any:
    raise PolicyValueError(f"{name} is not a JSON number; amounts must be finite")


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
        raise InputError([Problem("", problem.message)], source=path) from None
    if len(data) > MAX_JSON_BYTES:
        raise InputError([Problem("", "is larger than 512 MiB")], source=path)
    return _from_file(data, path)


def _from_file(data: str | bytes, source: str | None) -> Register:
    try:
        return register_from_json(data, source=source)
    except InputError as error:
        if source is None or error.source == source:
            raise
        # Register() itself checks the references and names its errors' source "register"
        raise InputError(error.problems, source=source) from None


def register_to_dict(register: Register) -> dict[str, Any]:
    """The register as a JSON-ready dictionary: labels in Chinese, money as strings."""
    document: dict[str, Any] = {}
    for name in _TABLES:
        rows = []
        for record in getattr(register, name):
            row = _converter().unstructure(record)
            if isinstance(record, Review) and row["date"] is None:
                del row["date"]  # not recorded: the default (reading 10)
            if "id" in row:
                row = {"id": row.pop("id"), **row}
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


# Keep the record types referenced for readers of this module.
_ = (Approval, CaseDecision, Payment, Platform, Review)


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
