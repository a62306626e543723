"""Fuzzing the readers (issue 8): the JSON document, the folder of CSV files and the
``.xlsx`` workbook, fed arbitrary bytes and mutations of the shipped example.

Every read goes through :func:`read_or_refuse`, which checks one contract:

- the read raises nothing but the library's own error, an
  :class:`~innovation_policy.InputError` with located problems (no ``KeyError``,
  ``TypeError``, ``RecursionError``, ``decimal.InvalidOperation``,
  ``zipfile.BadZipFile`` or ``UnicodeError`` escapes), whose text can be printed as UTF-8;
- it never hangs: each read is timed against a wall clock (:data:`READ_SECONDS`; the
  Hypothesis profiles have no deadline, as the CI machine is shared, so the bound is
  checked here, generously);
- it never reads an invalid document: a register it returns can be assessed, written as
  JSON in UTF-8 and read back equal; and the mutations are classified as they are made,
  so that a document surely invalid (a required field dropped, a bool for money, a
  formula with no saved value, ...) must be refused and one surely unchanged in meaning
  (blank rows added, columns reordered, a formula with its saved value, ...) must read
  as the example itself.

The guards against huge inputs (a zip bomb, a million blank rows, rows beyond Excel's
last, rows 16,384 cells wide) are checked in a child process, whose time and peak memory
(``VmHWM``, or ``ru_maxrss`` without ``/proc``) are measured, and which a timeout ends if
it hangs.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import re
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference

import innovation_policy as ip
from innovation_policy import _readers
from innovation_policy._cli import main
from innovation_policy._readers import TABLES, Column, Table, read_register
from tests.test_readers import example_document, table_rows, write_workbook

T = TypeVar("T")

READ_SECONDS = 10.0
"""A read that takes longer has hung, as far as these tests go (each takes well under a
second on the CI machine)."""

LIMIT_SECONDS = 10.0
LIMIT_MIB = 300.0
"""What a read of a huge input may take in a child process: time, and peak memory
(the interpreter with openpyxl loaded takes some 30 MiB of it). A behavioural guard,
not a benchmark: without the guards these reads take minutes and gigabytes."""


def _budget(cap: int) -> int:
    """Examples for an expensive fuzzer: the profile's number, but at most ``cap`` (the
    CI profile's 500 would take minutes), or a tenth of the profile's if that is more
    (the ``thorough`` profile)."""
    current = settings.default
    profile = current.max_examples if current is not None else cap
    return min(profile, max(cap, profile // 10))


# ----------------------------------------------------------------------------------------
# The contract.


def read_or_refuse(read: Callable[[], ip.Register]) -> ip.Register | None:
    """The register ``read`` returns, checked valid, or ``None`` if ``read`` refused the
    input with an :class:`~innovation_policy.InputError`; any other exception propagates
    (and fails the test). Either way ``read`` must finish within :data:`READ_SECONDS`."""
    start = time.perf_counter()
    register: ip.Register | None
    try:
        register = read()
    except ip.PolicyError as error:
        register = None
        check_refusal(error)
    elapsed = time.perf_counter() - start
    assert elapsed < READ_SECONDS, f"the read took {elapsed:.1f} s"
    if register is not None:
        check_valid(register)
    return register


def _outcome(register: ip.Register | None, *, invalid: bool, harmless: bool = False) -> str:
    """How an example went, for ``--hypothesis-show-statistics``."""
    judged = "surely invalid" if invalid else "harmless" if harmless else "either"
    return f"{judged}: {'read' if register is not None else 'refused'}"


def check_refusal(error: ip.PolicyError) -> None:
    """A refusal lists its problems, each with a message, and prints as UTF-8."""
    assert isinstance(error, ip.InputError), f"{type(error).__name__}: {error}"
    assert error.problems
    for problem in error.problems:
        assert problem.message.strip(), problem
    str(error).encode("utf-8")  # no lone surrogate: the message prints anywhere


def check_valid(register: ip.Register) -> None:
    """What a reader accepts can be assessed, and written and read back without loss."""
    ip.assess(register)
    text = register.to_json()
    text.encode("utf-8")
    assert ip.Register.from_json(text) == register


def _at_depth(frames: int, call: Callable[[], T]) -> T:
    """``call()`` with ``frames`` more frames on the stack (a caller deep in its own code)."""
    return call() if frames <= 0 else _at_depth(frames - 1, call)


# ----------------------------------------------------------------------------------------
# Values to put where they do not belong.


class Raw(str):
    """JSON text written as it is: a number or a nesting ``json.dumps`` would not write."""


def deep(depth: int) -> Raw:
    """``depth`` nested JSON lists."""
    return Raw("[" * depth + "]" * depth)


HUGE_NUMBERS = (
    Raw("1" + "0" * 400),  # 10^400 as a JSON number
    Raw("1e400"),
    Raw("9" * 5000),  # more digits than int() converts
    Raw("1e99999"),
    Raw("-1e-99999"),
    Raw("1e-9999999999999999999999"),  # beyond Decimal's exponents
    Raw("1e9999999999999999999999"),
    Raw("1000000000000000"),  # 10^15: just too much money
)
"""JSON numbers that no field accepts (too large, negative, or beyond Decimal)."""

ODD_TEXTS = (
    "",
    " ",
    "\t\n",
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "1e99999",
    "1E5",
    "6000000.001",
    "-5",
    "+5",
    "0x10",
    "NaN",
    "Infinity",
    "１２３",
    "６０００００",
    "٣٠٠",
    "２０２２-０３-０１",
    "2022-3-1",
    "2022-02-30",
    "20220301",
    " 2022-03-01 ",
    "\ufeff2022-03-01",
    "2022-03-01T00:00",
    "\x00",
    "P01\x00",
    "\u202eP01",
    "\u200fP01\u200f",
    "e\u0301",
    "\u0301\u0301",
    "\ud800",
    "P\udfff01",
    "\U0001f600",
    "国家级",
    "NATIONAL",
    "national",
    " 省级 ",
    "9" * 5000,
    "1" + "0" * 400,
    "0." + "0" * 1000 + "1",
    "P01",
    "A01",
    "2023",
    "２０２３",
    "a\r\nb",
    '"',
    "、,;",
)
"""Text: odd Unicode (NUL, lone surrogates, RTL marks, full-width and Arabic-Indic digits,
combining marks, a BOM), formulas, huge numbers, near-valid dates, and valid values."""

LABEL_TEXTS = tuple(
    text
    for kind in (ip.Category, ip.Level, ip.Park, ip.Industry, ip.Rating, ip.CoBuilder, ip.Kind)
    for member in kind
    for text in (str(member.value), member.name)
)


def _example_values() -> tuple[object, ...]:
    values: list[object] = []
    for records in example_document().values():
        for record in records:
            values.extend(v for v in record.values() if not isinstance(v, list))
    return tuple(dict.fromkeys(values))


EXAMPLE_VALUES = _example_values()

_SURROGATE = re.compile("[\ud800-\udfff]")
_MONEY_TEXT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_TEXT = re.compile(r"[0-9]{4}")
_FIELDS = {t.name: {c.name: c for c in t.columns} for t in TABLES}

json_values: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(HUGE_NUMBERS),
    st.sampled_from(ODD_TEXTS),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
    st.integers(-(10**18), 10**18),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.lists(
        st.one_of(st.integers(), st.text(max_size=4), st.sampled_from(LABEL_TEXTS)), max_size=3
    ),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.integers(1, 100_000).map(deep),
    st.sampled_from(LABEL_TEXTS),
    st.sampled_from(EXAMPLE_VALUES),
)


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def surely_invalid(column: Column, value: object) -> bool:
    """Whether a JSON field holding ``value`` (``None``: absent) is certainly refused. A
    sufficient condition only: ``False`` means "maybe valid"."""
    if value is None:
        return column.required
    if isinstance(value, (bool, dict)) or _has_surrogate(value):
        return True
    kind = column.kind
    if isinstance(value, Raw):
        if value.startswith("["):  # nested lists: only [] is a list of co-builders
            return kind != _readers.LIST or len(value) > 2
        if value in HUGE_NUMBERS:
            return True  # no field takes them
        return surely_invalid(column, Decimal(value))  # a number as it reads
    if isinstance(value, list):
        return kind != _readers.LIST
    if isinstance(value, str):
        text = value.strip()
        if kind == _readers.TEXT:
            return not text
        if kind == _readers.MONEY:
            return not _MONEY_TEXT.fullmatch(text)
        if kind == _readers.DATE:
            return not _DATE_TEXT.fullmatch(text)
        if kind == _readers.YEAR:
            return not _YEAR_TEXT.fullmatch(text)
        return kind == _readers.LIST  # a label may be valid; a list must be a JSON list
    if isinstance(value, (int, Decimal)):
        if kind == _readers.MONEY:
            return value < 0 or value >= 10**15
        if kind == _readers.YEAR:  # a Decimal written without "." or "E" reads as an int
            return isinstance(value, Decimal) and any(c in str(value) for c in ".eE")
        return True  # text, dates, labels and lists are never numbers
    raise AssertionError(value)


def surely_invalid_document(document: object) -> bool:
    """Whether a register document (with :class:`Raw` parts) is certainly refused."""
    if not isinstance(document, dict) or "platforms" not in document:
        return True
    if _has_surrogate(document):
        return True
    if any(key not in _FIELDS and key != "$schema" for key in document):
        return True
    for table in TABLES:
        records = document.get(table.name)
        if records is None:
            continue
        if isinstance(records, Raw):
            if not records.startswith("[") or len(records) > 2:
                return True  # a number, or a list of lists
            continue
        if not isinstance(records, list):
            return True
        ids: set[str] = set()
        for record in records:
            if not isinstance(record, dict):
                return True
            if any(k not in _FIELDS[table.name] and v is not None for k, v in record.items()):
                return True  # an unknown key (null means absent, whatever the key)
            if any(surely_invalid(c, record.get(c.name)) for c in table.columns):
                return True
            identifier = record.get("id")
            if isinstance(identifier, str):
                if identifier in ids:
                    return True  # the same id twice in a table
                ids.add(identifier)
    return False


def to_json(value: object, *, ascii_only: bool) -> str:
    """JSON text of ``value``, :class:`Raw` parts written as they are."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=ascii_only)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v, ascii_only=ascii_only) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(str(k), ensure_ascii=ascii_only)}: {to_json(v, ascii_only=ascii_only)}"
                for k, v in value.items()
            )
            + "}"
        )
    raise AssertionError(value)


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``, lone surrogates kept (as the invalid bytes they make)."""
    return text.encode(encoding, "surrogatepass")


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> tuple[bytes, bool]:
    """``data`` with a few bytes flipped, inserted, deleted or repeated, or cut short;
    and whether it was cut short."""
    buffer = bytearray(data)
    truncated = False
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "truncate")))
        at = draw(st.integers(0, max(len(buffer) - 1, 0)))
        if op == "flip" and buffer:
            buffer[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del buffer[at : at + draw(st.integers(1, 16))]
        elif op == "repeat":
            buffer[at:at] = buffer[at : at + draw(st.integers(1, 64))]
        elif op == "truncate" and at < len(buffer):
            del buffer[at:]
            truncated = True
    return bytes(buffer), truncated


# ----------------------------------------------------------------------------------------
# JSON.


EXAMPLE_JSON = ip.example_register_json()


_LABEL_KINDS: dict[str, Any] = {
    "category": ip.Category,
    "level": ip.Level,
    "park": ip.Park,
    "industry": ip.Industry,
    "rating": ip.Rating,
    "kind": ip.Kind,
}


def _other_spelling(draw: st.DrawFn, kind: Any, text: str) -> str:
    """Another spelling of the same label: Chinese, English name, lower case, spaced."""
    member = kind.parse(text)
    return str(draw(st.sampled_from((member.value, member.name, member.name.lower(), f" {text} "))))


def _harmless_json(draw: st.DrawFn, document: dict[str, Any]) -> None:
    """Change how the example is written, not what it says."""
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(TABLES))
        records = document[table.name]
        record = records[draw(st.integers(0, len(records) - 1))]
        op = draw(st.sampled_from(("reorder", "labels", "money", "null", "year", "schema")))
        if op == "reorder":
            keys = draw(st.permutations(list(record)))
            rebuilt = {key: record[key] for key in keys}
            record.clear()
            record.update(rebuilt)
        elif op == "labels":
            for name, kind in _LABEL_KINDS.items():
                if isinstance(record.get(name), str):
                    record[name] = _other_spelling(draw, kind, record[name])
            if isinstance(record.get("co_builders"), list):
                spelled = [_other_spelling(draw, ip.CoBuilder, c) for c in record["co_builders"]]
                record["co_builders"] = draw(st.permutations(spelled + spelled[:1]))
        elif op == "money":  # as a JSON number, written one way or another
            for name, value in list(record.items()):
                if _FIELDS[table.name][name].kind == _readers.MONEY and isinstance(value, str):
                    number = Decimal(value)
                    record[name] = Raw(
                        draw(st.sampled_from((value, f"{number:E}", f"{number.normalize():f}")))
                    )
        elif op == "null":
            for column in table.columns:
                if column.name not in record:
                    record[column.name] = None
        elif op == "year":
            if isinstance(record.get("year"), int):
                record["year"] = str(record["year"])
        else:
            document["$schema"] = draw(st.text(max_size=20))


@st.composite
def mutated_json(draw: st.DrawFn) -> tuple[str | bytes, bool, bool]:
    """A mutation of the example's JSON document (a ``str`` or bytes in some encoding);
    whether it is surely invalid, judged from the final document; and whether it only
    changes how the example is written (a quarter of the time), so that it must read as
    the example."""
    document: dict[str, Any] = example_document()
    harmless = draw(st.integers(0, 3)) == 0
    if harmless:
        _harmless_json(draw, document)
    for _ in range(0 if harmless else draw(st.integers(1, 3))):
        table = draw(st.sampled_from(TABLES))
        op = draw(
            st.sampled_from(
                (
                    "drop",
                    "set",
                    "set",
                    "set",
                    "record",
                    "table",
                    "extra",
                    "top",
                    "remove",
                    "duplicate",
                )
            )
        )
        if op == "table":
            document[table.name] = draw(
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=5),
                    st.sampled_from(HUGE_NUMBERS),
                    st.integers(1, 100_000).map(deep),
                    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
                )
            )
            continue
        if op == "top":
            document[draw(st.text(max_size=8))] = draw(json_values)
            continue
        records = document.get(table.name)
        if not isinstance(records, list) or not records:
            continue
        index = draw(st.integers(0, len(records) - 1))
        record = records[index]
        if op == "remove":
            del records[index]
            continue
        if op == "duplicate":
            records.insert(index, copy.deepcopy(record))
            continue
        if op == "record":
            records[index] = draw(
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=5),
                    st.lists(st.integers(), max_size=2),
                    st.integers(1, 100_000).map(deep),
                )
            )
            continue
        if not isinstance(record, dict):
            continue
        column = draw(st.sampled_from(table.columns))
        if op == "drop":
            record.pop(column.name, None)
        elif op == "set":
            record[column.name] = draw(json_values)
        else:  # extra: a key that may or may not be a field
            key = draw(st.one_of(st.text(max_size=8), st.sampled_from(list(_FIELDS[table.name]))))
            record[key] = draw(json_values)
    invalid = surely_invalid_document(document)
    text = to_json(document, ascii_only=draw(st.booleans()))
    space = draw(st.sampled_from(("", " ", "\n", "\r\n\t")))
    text = space + text + space
    forms = ("str", "str-bom", "utf-8", "utf-8-sig")
    form = draw(st.sampled_from(forms if harmless else (*forms, "utf-16", "utf-32")))
    if form == "str":
        return text, invalid, harmless
    if form == "str-bom":
        return "\ufeff" + text, invalid, harmless
    return encode(text, form), invalid or form in ("utf-16", "utf-32"), harmless


@settings(max_examples=_budget(200))  # ~20 ms an example: read, assess, round trip
@given(mutated_json())
def test_a_mutated_json_document_is_read_or_refused_never_misread(
    case: tuple[str | bytes, bool, bool],
) -> None:
    """Mutations of the example's JSON document (fields dropped or set to values of the
    wrong type, huge numbers, deep nesting, odd Unicode, records and tables of the wrong
    shape, unknown keys, BOMs, UTF-16 and UTF-32): reading raises only an InputError,
    quickly; refuses every surely invalid document; reads one only written differently
    (keys reordered, labels in English, money as JSON numbers, nulls, a BOM) as the
    example; and what it accepts is valid."""
    data, invalid, harmless = case
    register = read_or_refuse(lambda: ip.Register.from_json(data))
    event(_outcome(register, invalid=invalid, harmless=harmless))
    if invalid:
        assert register is None, "a surely invalid document was read"
    if harmless:
        assert register == ip.example_register()


@settings(max_examples=_budget(300))  # most examples fail fast, a few read the example
@given(
    st.one_of(
        st.binary(max_size=2000).map(lambda data: (data, True)),
        byte_mutations(EXAMPLE_JSON.encode("utf-8")),
    )
)
def test_arbitrary_bytes_and_byte_mutations_of_json_are_read_or_refused(
    case: tuple[bytes, bool],
) -> None:
    """Arbitrary bytes, and the example's JSON with bytes flipped, inserted, deleted,
    repeated or cut off: only an InputError, quickly, and what is read is valid (a byte
    mutation can be harmless: a digit of an amount, a letter of a name)."""
    data, _ = case
    read_or_refuse(lambda: ip.Register.from_json(data))
    read_or_refuse(lambda: ip.load_register(io.BytesIO(data)))


_DEEP_PLACES: dict[str, Callable[[int], str]] = {
    "top": deep,
    "table": lambda depth: '{"platforms": ' + deep(depth) + "}",
    "record": lambda depth: '{"platforms": [' + deep(depth) + "]}",
    "field": lambda depth: EXAMPLE_JSON.replace('"赣榆新能源技术创新中心"', deep(depth), 1),
    "object": lambda depth: '{"platforms": [{"id": ' + '{"a": ' * depth + "1" + "}" * depth + "}]}",
}


@settings(max_examples=_budget(200))  # the "field" place reads the whole example
@given(
    depth=st.one_of(st.integers(2, 1200), st.integers(2, 100_000)),
    place=st.sampled_from(sorted(_DEEP_PLACES)),
    frames=st.integers(0, 400),
)
def test_deep_nesting_is_refused_at_any_depth_of_the_stack(
    depth: int, place: str, frames: int
) -> None:
    """Nested lists or objects (up to 10^5 deep) as the document, a table, a record or a
    field, read by a caller already ``frames`` deep: always an InputError (nesting too
    deep, or the wrong shape), never a RecursionError."""
    text = _DEEP_PLACES[place](depth)
    assert read_or_refuse(lambda: _at_depth(frames, lambda: ip.Register.from_json(text))) is None


def _json_with(table: str, field: str, raw: str) -> str:
    document = example_document()
    document[table][0][field] = "@@@"
    return json.dumps(document, ensure_ascii=False).replace('"@@@"', raw, 1)


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (
            _json_with("approvals", "superior_funding", "1" + "0" * 400),
            "approvals[0].superior_funding",
            "is too large; expected less than 10^15 yuan",
        ),
        (
            _json_with("approvals", "superior_funding", '"1e99999"'),
            "approvals[0].superior_funding",
            "'1e99999' is not an amount",
        ),
        (
            _json_with("approvals", "superior_funding", "9" * 5000),
            "approvals[0].superior_funding",
            "is too large",
        ),
        (_json_with("reviews", "year", "9" * 5000), "reviews[0].year", "is not a year"),
        (
            _json_with("approvals", "city_award", "1e-9999999999999999999999"),
            "line 1, column ",
            "the number 1e-9999999999999999999999 cannot be read: its exponent is beyond",
        ),
        (
            _json_with("approvals", "date", '"２０２２-０３-０１"'),
            "approvals[0].date",
            "is not a date; expected YYYY-MM-DD",
        ),
        (
            _json_with("platforms", "name", '"a\\ud800b"'),
            "platforms[0].name",
            "contains \\ud800, half of a surrogate pair alone, which is not a character",
        ),
        (
            _json_with("approvals", "superior_funding", "true"),
            "approvals[0].superior_funding",
            "is a bool",
        ),
        (_json_with("platforms", "name", deep(100_000)), "$", "is nested too deeply"),
        (
            '{"platforms": [], "x\\udc00": 1}',
            "x\\udc00",
            "the key contains \\udc00, half of a surrogate pair alone",
        ),
        (
            EXAMPLE_JSON.encode("utf-16"),
            "byte 0",
            "is not UTF-8 (it is UTF-16 or UTF-32, by its byte order mark)",
        ),
    ],
    ids=[
        "10^400",
        "1e99999-text",
        "5000-digits-money",
        "5000-digits-year",
        "exponent-beyond-decimal",
        "full-width-date",
        "lone-surrogate",
        "bool-money",
        "nested-10^5",
        "surrogate-in-a-key",
        "utf-16",
    ],
)
def test_odd_json_is_refused_where_it_is(data: str | bytes, where: str, message: str) -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Register.from_json(data)
    problem = raised.value.problems[0]
    assert problem.where.startswith(where)
    assert message in problem.message


def test_an_error_found_across_records_names_the_file(tmp_path: Path) -> None:
    """A document whose only problems are references between records (found when the
    Register is made) is refused with the file as the source, as every other error."""
    path = tmp_path / "register.json"
    path.write_text(_json_with("approvals", "platform", '"PX"'), encoding="utf-8")
    reads: list[Callable[[], ip.Register]] = [
        lambda: ip.load_register(path),
        lambda: read_register(path),
    ]
    for read in reads:
        with pytest.raises(ip.InputError) as raised:
            read()
        assert raised.value.source == str(path)
        assert str(raised.value).startswith(f"{path}: 2 problems found:")
    with path.open("rb") as file, pytest.raises(ip.InputError) as raised:
        ip.load_register(file)
    assert raised.value.source == str(path)


def test_a_json_file_too_large_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "register.json"
    path.write_text(EXAMPLE_JSON, encoding="utf-8")
    monkeypatch.setattr(ip._json, "MAX_JSON_BYTES", 100)
    with pytest.raises(ip.InputError) as raised:
        ip.load_register(path)
    assert [str(p) for p in raised.value.problems] == ["is larger than 512 MiB"]


def test_a_pair_of_surrogate_escapes_is_one_character_and_is_read() -> None:
    register = ip.Register.from_json(_json_with("platforms", "name", '"\\ud83d\\ude00"'))
    assert register.platforms[0].name == "\U0001f600"


# ----------------------------------------------------------------------------------------
# CSV.


def _csv_bytes(rows: Sequence[Sequence[str]], *, encoding: str, newline: str) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator=newline).writerows(rows)
    return encode(text.getvalue(), encoding)


def _is_header(text: str, table: Table) -> bool:
    key = text.strip()
    return any(key in (c.zh, c.name) or key.lower() == c.name for c in table.columns)


def _is_unknown_header(text: str, *, table: Table) -> bool:
    return bool(text.strip()) and not _is_header(text, table)


def _csv_cell_invalid(column: Column, text: str) -> bool:
    """Whether a CSV cell holding ``text`` is certainly refused (sufficient only)."""
    value = text.strip()
    if not value:
        return column.required
    if column.kind == _readers.MONEY:
        return not _MONEY_TEXT.fullmatch(value) or Decimal(value) >= 10**15
    if column.kind == _readers.DATE:
        return not _DATE_TEXT.fullmatch(value)
    if column.kind == _readers.YEAR:
        return not _YEAR_TEXT.fullmatch(value)
    return False


csv_texts = st.one_of(
    st.sampled_from(ODD_TEXTS).filter(lambda t: _SURROGATE.search(t) is None),
    st.text(max_size=12),
    st.sampled_from(LABEL_TEXTS),
    st.sampled_from([str(v) for v in EXAMPLE_VALUES]),
)

_CSV_OPS = (
    "cell",
    "cell",
    "cell",
    "formula",
    "drop_column",
    "rename_header",
    "remove_row",
    "delete",
    "empty",
    "utf-16",
    "double_bom",
    "bytes",
    "junk",
    "blank_rows",
    "reorder",
)
_HARMLESS = ("blank_rows", "reorder", "spaces", "labels")
"""Operations that keep the meaning: the register must read as the example."""


@st.composite
def mutated_csv_folders(draw: st.DrawFn) -> tuple[dict[str, bytes], bool, bool]:
    """The example as a folder of CSV files (file name -> content) with up to three of
    them mutated, one operation each; whether it is surely invalid, and whether surely
    unchanged in meaning."""
    zh = draw(st.booleans())
    document = example_document()
    newline = draw(st.sampled_from(("\r\n", "\n")))
    files: dict[str, bytes] = {}
    invalid = False
    harmless = True
    chosen = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=3, unique=True))
    ops = _HARMLESS if draw(st.integers(0, 3)) == 0 else _CSV_OPS
    for table in TABLES:
        name = f"{table.zh if zh else table.name}.csv"
        rows = table_rows(document, table, zh=zh)
        encoding = draw(st.sampled_from(("utf-8", "utf-8-sig")))
        op = draw(st.sampled_from(ops)) if table in chosen else "none"
        harmless = harmless and op in (*_HARMLESS, "none")
        c = draw(st.integers(0, len(table.columns) - 1))
        r = draw(st.integers(1, len(rows) - 1))
        column = table.columns[c]
        if op in ("cell", "formula"):
            text = "=1+1" if op == "formula" else draw(csv_texts)
            rows[r][c] = text
            invalid |= _csv_cell_invalid(column, text)
        elif op == "drop_column":
            for row in rows:
                del row[c]
            invalid |= column.required
        elif op == "rename_header":
            rows[0][c] = draw(
                st.text(min_size=1, max_size=8).filter(
                    functools.partial(_is_unknown_header, table=table)
                )
            )
            invalid = True  # an unknown column
        elif op == "remove_row":
            del rows[r]
        elif op == "blank_rows":
            for _ in range(draw(st.integers(1, 5))):
                blank = draw(st.sampled_from(([], [""] * len(table.columns), [" ", "\t"])))
                rows.insert(draw(st.integers(0, len(rows))), blank)
        elif op == "reorder":
            order = draw(st.permutations(range(len(table.columns))))
            rows = [[row[i] for i in order] for row in rows]
        elif op == "spaces":  # every cell is stripped
            space = st.sampled_from(("", " ", "\t", "\u3000"))
            rows[r] = [draw(space) + cell + draw(space) if cell else cell for cell in rows[r]]
        elif op == "labels":
            for i, cell in enumerate(rows[r]):
                field = table.columns[i].name
                if cell and field in _LABEL_KINDS:
                    rows[r][i] = _other_spelling(draw, _LABEL_KINDS[field], cell)
                elif cell and field == "co_builders":
                    spelled = [_other_spelling(draw, ip.CoBuilder, c) for c in cell.split("、")]
                    rows[r][i] = draw(st.sampled_from(("、", ",", ";", "，", "；"))).join(spelled)
        if op == "delete":
            invalid |= table.required
            continue
        data = _csv_bytes(rows, encoding=encoding, newline=newline)
        if op == "empty":
            data = draw(st.sampled_from((b"", b"\n\n", b",,,\r\n", b"\xef\xbb\xbf")))
            invalid = True
        elif op == "utf-16":
            data = _csv_bytes(rows, encoding="utf-16", newline=newline)
            invalid = True
        elif op == "double_bom":
            data = b"\xef\xbb\xbf\xef\xbb\xbf" + _csv_bytes(rows, encoding="utf-8", newline=newline)
            invalid = True  # the second BOM is part of the first header: an unknown column
        elif op == "bytes":
            data, _ = draw(byte_mutations(data))
        elif op == "junk":
            data = draw(st.binary(max_size=300))
        files[name] = data
    return files, invalid, harmless


def _write_files(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@settings(max_examples=_budget(150))  # ~30 ms an example: five files written and read
@given(mutated_csv_folders())
def test_a_mutated_csv_folder_is_read_or_refused_never_misread(
    case: tuple[dict[str, bytes], bool, bool],
) -> None:
    """The example as CSV files, with cells set to odd text (formulas like =1+1, huge
    numbers, "1e99999", full-width dates, NUL, RTL and combining marks), columns dropped,
    renamed or reordered, rows removed, blank rows added, files deleted, emptied, in
    UTF-16, with two BOMs, with bytes mutated or replaced by junk: only an InputError,
    quickly; every surely invalid folder refused; one unchanged in meaning read as the
    example; what is read is valid."""
    files, invalid, harmless = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write_files(Path(tmp) / "register", files)
        register = read_or_refuse(lambda: read_register(folder))
    event(_outcome(register, invalid=invalid, harmless=harmless))
    if invalid:
        assert register is None, "a surely invalid folder was read"
    if harmless:
        assert register == ip.example_register()


def test_a_csv_file_in_utf16_or_too_large_is_refused_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = example_document()
    folder = tmp_path / "r"
    folder.mkdir()
    for table in TABLES:
        rows = table_rows(document, table, zh=False)
        encoding = "utf-16" if table.name == "approvals" else "utf-8"
        (folder / f"{table.name}.csv").write_bytes(
            _csv_bytes(rows, encoding=encoding, newline="\r\n")
        )
    with pytest.raises(ip.InputError) as raised:
        read_register(folder)
    assert str(raised.value.problems[0]) == (
        "approvals.csv line 1: is not UTF-8 (it is UTF-16, what Excel writes for 'Unicode "
        "Text'): save the file as 'CSV UTF-8' (Excel: 另存为 CSV UTF-8)"
    )
    monkeypatch.setattr(_readers._csv, "MAX_CSV_BYTES", 100)
    with pytest.raises(ip.InputError) as raised:
        read_register(folder)
    assert "platforms.csv: is larger than 0.1 KiB, the most a table's file may take" in [
        str(p) for p in raised.value.problems
    ]


def test_blank_csv_lines_are_skipped_without_being_kept(tmp_path: Path) -> None:
    document = example_document()
    folder = tmp_path / "r"
    folder.mkdir()
    for table in TABLES:
        data = _csv_bytes(table_rows(document, table, zh=False), encoding="utf-8", newline="\n")
        (folder / f"{table.name}.csv").write_bytes(b"\n,,\n" * 1000 + data + b",,,,,\n" * 20_000)
    assert read_or_refuse(lambda: read_register(folder)) == ip.example_register()


# ----------------------------------------------------------------------------------------
# xlsx.


@functools.cache
def example_workbook_parts(zh: bool) -> tuple[tuple[str, bytes], ...]:
    """The parts (zip members) of the example written as an .xlsx workbook."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "register.xlsx", zh=zh)
        with zipfile.ZipFile(path) as archive:
            return tuple((name, archive.read(name)) for name in archive.namelist())


def sheet_part(table: Table) -> str:
    """The part of a table's sheet (openpyxl writes them in the order of :data:`TABLES`)."""
    return f"xl/worksheets/sheet{TABLES.index(table) + 1}.xml"


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*)>(.*?)</c>', re.DOTALL)
_ROW = re.compile(rb'<row r="([0-9]+)"')
_INLINE_TEXT = re.compile(rb"<t[^>]*>(.*?)</t>", re.DOTALL)

XLSX_CELLS = (
    ("n", "1E999"),
    ("n", "-1E999"),
    ("n", "9" * 5000),
    ("n", "nan"),
    ("n", "inf"),
    ("n", "1e-400"),
    ("n", "1e300"),
    ("n", ""),
    ("n", "abc"),
    ("n", "1.5"),
    ("n", "44000"),
    ("n", "-1"),
    ("n", "12.345"),
    ("n", "0.30000000000000004"),
    ("n", "2023"),
    ("s", "0"),
    ("s", "99999"),
    ("s", "-1"),
    ("s", "x"),
    ("b", "0"),
    ("b", "1"),
    ("b", "2"),
    ("b", "x"),
    ("d", "2022-03-01"),
    ("d", "2022-03-01T09:30:00"),
    ("d", "2022-13-45"),
    ("d", "x"),
    ("e", "#N/A"),
    ("str", "=1+1"),
    ("str", "text"),
    ("inlineStr", ""),
)
"""Cells as (type, saved value): numbers beyond float, NaN, more digits than int()
converts, shared strings that are not there, booleans, ISO dates, errors."""

ODD_ROW_NUMBERS = ("0", "-1", "1", "1048576", "1048577", "1000000000", "1e3", "2.5", "abc", "")
ODD_REFERENCES = ("XFD1", "AAAA1", "A0", "A1048577", "", "1A", "ZZZ99999999", "a1", "A-1")
ODD_XML_TEXTS = (
    "&#0;",  # not a character XML allows
    "&#xD800;",  # a surrogate
    "\x00",
    "_xD800_",  # Excel's escape of a surrogate
    "_x0000_",
    "<b>",
    "&undefined;",
    "]]>",
)


def _odd_inline_text(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(st.sampled_from(ODD_XML_TEXTS)).encode("utf-8", "surrogatepass")
    text = draw(st.one_of(st.sampled_from(ODD_TEXTS), st.text(max_size=12)))
    return escape(text).encode("utf-8", "surrogatepass")


def _replace_match(data: bytes, pattern: re.Pattern[bytes], index: int, new: bytes) -> bytes:
    matches = list(pattern.finditer(data))
    if not matches:
        return data
    found = matches[index % len(matches)]
    return data[: found.start()] + new + data[found.end() :]


def _cached_formula(column: bytes, row: bytes, attributes: bytes, content: bytes) -> bytes:
    """The cell as a formula with its value saved, as Excel saves it: the same value."""
    value = re.search(rb"<v>(.*?)</v>", content)
    if value is not None:
        style = re.search(rb's="[0-9]+"', attributes)
        keep = b" " + style.group() if style else b""
        return (
            b'<c r="' + column + row + b'"' + keep + b"><f>" + value[1] + b"+0</f>"
            b"<v>" + value[1] + b"</v></c>"
        )
    text = _INLINE_TEXT.search(content)
    assert text is not None
    return (
        b'<c r="' + column + row + b'" t="str"><f>"' + text[1] + b'"</f><v>' + text[1] + b"</v></c>"
    )


_SHEET_OPS = (
    "cell",
    "cell",
    "text",
    "formula",
    "cached",
    "cached",
    "row_number",
    "reference",
    "bytes",
    "empty",
    "drop",
    "junk",
    "dtd",
    "blank_rows",
)
_XLSX_HARMLESS = {"cached", "blank_rows"}
_OTHER_PARTS = (
    "xl/workbook.xml",
    "[Content_Types].xml",
    "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
    "xl/styles.xml",
    "docProps/core.xml",
    "xl/theme/theme1.xml",
)
_NEEDED = {"xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"}


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> tuple[bytes, bool, bool]:
    """The example as an .xlsx workbook, mutated in its sheets' XML (cells of odd types
    and values, formulas with and without a saved value, odd row numbers and references,
    odd text, bytes, DTDs, blank rows), in other parts (dropped, junk), or in the zip's
    own bytes; whether surely invalid, and whether surely unchanged in meaning."""
    parts = dict(example_workbook_parts(draw(st.booleans())))
    if draw(st.integers(0, 7)) == 0:  # the zip itself, alone: its bytes mutated
        data, truncated = draw(byte_mutations(zip_bytes(parts)))
        return data, truncated, False
    invalid = False
    harmless = True
    names = [sheet_part(t) for t in TABLES] + list(_OTHER_PARTS)
    only_harmless = draw(st.integers(0, 3)) == 0
    if only_harmless:
        names = names[: len(TABLES)]
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True)):
        data = parts[name]
        if only_harmless:
            op = draw(st.sampled_from(sorted(_XLSX_HARMLESS)))
        elif name.startswith("xl/worksheets/"):
            op = draw(st.sampled_from(_SHEET_OPS))
        else:
            op = draw(st.sampled_from(("drop", "junk", "bytes")))
        harmless = harmless and op in _XLSX_HARMLESS
        index = draw(st.integers(0, 10_000))
        if op == "drop":
            del parts[name]
            invalid |= name.startswith("xl/worksheets/") or name in _NEEDED
            continue
        if op == "cell":
            kind, value = draw(st.sampled_from(XLSX_CELLS))
            style = draw(st.sampled_from(("", ' s="1"')))  # s="1": a date format
            matches = list(_CELL.finditer(data))
            found = matches[index % len(matches)]
            new = b'<c r="' + found[1] + found[2] + b'"' + style.encode()
            if kind == "inlineStr":
                new += b' t="inlineStr"><is><t></t></is></c>'
            else:
                new += f' t="{kind}"><v>{value}</v></c>'.encode()
            data = data[: found.start()] + new + data[found.end() :]
        elif op == "text":
            data = _replace_match(
                data, _INLINE_TEXT, index, b"<t>" + _odd_inline_text(draw) + b"</t>"
            )
        elif op in ("formula", "cached"):
            matches = list(_CELL.finditer(data))
            found = matches[index % len(matches)]
            if op == "formula":  # a formula with no saved value, as a program writes it
                formula = draw(
                    st.sampled_from(
                        (
                            b"<f>1+1</f>",
                            b'<f t="array" ref="A1">1+1</f>',
                            b'<f t="shared" si="0" ref="A1:A2">1</f>',
                        )
                    )
                )
                new = b'<c r="' + found[1] + found[2] + b'">' + formula + b"</c>"
                invalid = True
            else:
                new = _cached_formula(found[1], found[2], found[3], found[4])
            data = data[: found.start()] + new + data[found.end() :]
        elif op == "row_number":
            number = draw(st.sampled_from(ODD_ROW_NUMBERS)).encode()
            data = _replace_match(data, _ROW, index, b'<row r="' + number + b'"')
        elif op == "reference":
            reference = draw(st.sampled_from(ODD_REFERENCES)).encode()
            data = _replace_match(
                data, re.compile(rb'<c r="[A-Z]+[0-9]+"'), index, b'<c r="' + reference + b'"'
            )
        elif op == "bytes":
            data, _ = draw(byte_mutations(data))
        elif op == "empty":
            data = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData/>", data, flags=re.DOTALL)
            invalid = True  # a table's sheet with no header
        elif op == "junk":
            data = draw(st.binary(max_size=300))
            invalid |= name.startswith("xl/worksheets/")
        elif op == "dtd":
            entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
                b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10)
                for i in range(4)
            )
            data = data.replace(
                b"<worksheet", b"<!DOCTYPE worksheet [" + entities + b"]><worksheet", 1
            )
            data = _replace_match(data, _INLINE_TEXT, index, b"<t>&e;</t>")
        elif op == "blank_rows":
            last = max(int(m[1]) for m in _ROW.finditer(data))
            count = draw(st.integers(1, 2000))
            styled = draw(st.booleans())
            rows = b"".join(
                b'<row r="%d"><c r="A%d" s="1"/></row>' % (n, n) if styled else b'<row r="%d"/>' % n
                for n in range(last + 1, last + 1 + count)
            )
            data = data.replace(b"</sheetData>", rows + b"</sheetData>", 1)
        parts[name] = data
    return zip_bytes(parts), invalid, harmless


def _read_workbook_bytes(data: bytes) -> ip.Register | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.xlsx"
        path.write_bytes(data)
        return read_or_refuse(lambda: read_register(path))


@settings(max_examples=_budget(60))  # ~80 ms an example: openpyxl reads every sheet, twice
@given(mutated_workbooks())
def test_a_mutated_workbook_is_read_or_refused_never_misread(
    case: tuple[bytes, bool, bool],
) -> None:
    """Mutations of the example as an .xlsx workbook (see :func:`mutated_workbooks`):
    only an InputError, quickly (openpyxl's own errors and warnings never escape); every
    surely invalid workbook refused (a formula with no saved value, a sheet emptied,
    dropped or replaced by junk, the zip cut short); one unchanged in meaning (formulas
    with their saved values, blank rows below the data) read as the example."""
    data, invalid, harmless = case
    register = _read_workbook_bytes(data)
    event(_outcome(register, invalid=invalid, harmless=harmless))
    if invalid:
        assert register is None, "a surely invalid workbook was read"
    if harmless:
        assert register == ip.example_register()


@settings(max_examples=_budget(100))
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.dictionaries(
            st.sampled_from([*_OTHER_PARTS, "xl/worksheets/sheet1.xml", "x"]),
            st.binary(max_size=200),
            max_size=4,
        ).map(zip_bytes),
    )
)
def test_bytes_that_are_no_workbook_are_refused(data: bytes) -> None:
    """Arbitrary bytes, and zips of junk parts, named .xlsx: always an InputError."""
    assert _read_workbook_bytes(data) is None


def _workbook_with(sheet: Table, rows: bytes, *, zh: bool = False) -> dict[str, bytes]:
    parts = dict(example_workbook_parts(zh))
    name = sheet_part(sheet)
    parts[name] = parts[name].replace(b"</sheetData>", rows + b"</sheetData>", 1)
    return parts


PAYMENTS = TABLES[-1]


def test_damaged_workbooks_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    cases: list[tuple[bytes, str]] = [
        (
            b"id,name\nP01,x\n",
            "is not a readable .xlsx workbook (BadZipFile: it is not a zip archive, as every "
            ".xlsx workbook is); save it in Excel as 'Excel Workbook (*.xlsx)'",
        ),
        (b"", "is not a readable .xlsx workbook (BadZipFile: it is not a zip archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "is an Excel 97-2003 workbook (.xls) or a password-protected one, not an .xlsx "
            "workbook",
        ),
        (zip_bytes({"a.txt": b"x"}), "is not a readable .xlsx workbook (KeyError: "),
    ]
    directory_elsewhere = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, 46, 0, 0)
    cases.append(
        (b"junk" * 20 + directory_elsewhere, "is not a readable .xlsx workbook (BadZipFile: ")
    )
    parts = dict(example_workbook_parts(False))
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="payments"', b'name="Notes"')
    parts[sheet_part(PAYMENTS)] = parts[sheet_part(PAYMENTS)].replace(b'<row r="1"', b'<row r="x"')
    cases.append((zip_bytes(parts), "sheet Notes: cannot be read (ValueError: "))
    parts = dict(example_workbook_parts(False))
    del parts[sheet_part(TABLES[2])]
    cases.append(
        (
            zip_bytes(parts),
            "sheet reviews: is listed in the workbook but its worksheet is missing from the "
            "file; the workbook is damaged",
        )
    )
    parts = _workbook_with(PAYMENTS, b'<row r="20"><c r="A20" t="s"><v>7</v></c></row>')
    cases.append((zip_bytes(parts), "sheet payments, after row 13: cannot be read (IndexError: "))
    parts = _workbook_with(
        PAYMENTS, b'<row r="20"><c r="A20"><v>' + b"9" * 5000 + b"</v></c></row>"
    )
    cases.append((zip_bytes(parts), "sheet payments, after row 13: cannot be read (ValueError: "))
    parts = _workbook_with(PAYMENTS, b'<row r="20"><c r="A20"><v>1E999</v></c></row>')
    cases.append(
        (
            zip_bytes(parts),
            "sheet payments row 20, column platform: the number inf is not finite",
        )
    )
    for data, message in cases:
        path.write_bytes(data)
        with pytest.raises(ip.InputError) as raised:
            read_register(path)
        assert any(str(p).startswith(message) for p in raised.value.problems), (
            message,
            raised.value.problems,
        )


def test_the_limits_leave_valid_workbooks_alone_and_refuse_just_beyond(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits, made small: at a limit the example still reads as itself; one beyond
    it, the sheet is refused with a message that says why."""
    path = tmp_path / "r.xlsx"
    monkeypatch.setattr(_readers._xlsx, "MAX_BLANK_ROWS", 5)
    blank = b"".join(b'<row r="%d"/>' % n for n in range(14, 19))  # rows 14-18: 5 blank
    path.write_bytes(zip_bytes(_workbook_with(PAYMENTS, blank)))
    assert read_register(path) == ip.example_register()
    path.write_bytes(zip_bytes(_workbook_with(PAYMENTS, blank + b'<row r="19"/>')))
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert [str(p) for p in raised.value.problems] == [
        "sheet payments row 14: begins more than 5 consecutive blank rows; no register has "
        "such a gap: delete the blank rows (below the data, they may hold only formatting) "
        "and save the workbook again"
    ]
    monkeypatch.setattr(_readers._xlsx, "MAX_BLANK_ROWS", 100_000)
    monkeypatch.setattr(_readers._xlsx, "MAX_ROWS", 25)  # the example's longest sheet has 25 rows
    path.write_bytes(zip_bytes(dict(example_workbook_parts(False))))
    assert read_register(path) == ip.example_register()
    monkeypatch.setattr(_readers._xlsx, "MAX_ROWS", 24)
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert str(raised.value.problems[0]).startswith(
        "sheet approvals: has rows beyond row 24, the last row of an Excel worksheet"
    )
    monkeypatch.setattr(_readers._xlsx, "MAX_ROWS", 1_048_576)
    title, widths = max(_row_widths(path).items(), key=lambda item: sum(item[1]))
    monkeypatch.setattr(_readers._xlsx, "MAX_CELLS", sum(widths))
    assert read_register(path) == ip.example_register()
    monkeypatch.setattr(_readers._xlsx, "MAX_CELLS", sum(widths) - 1)
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert str(raised.value.problems[0]).startswith(
        f"sheet {title} row {len(widths)}: makes the sheet span more than {sum(widths) - 1} cells"
    )
    monkeypatch.setattr(_readers._xlsx, "MAX_CELLS", 10_000_000)
    monkeypatch.setattr(_readers._xlsx, "_RATIO_FROM", 0)
    monkeypatch.setattr(_readers._xlsx, "MAX_XLSX_RATIO", 2)  # the example's parts expand 2-7 times
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert "so this looks like a zip bomb and is not read" in str(raised.value.problems[0])
    monkeypatch.setattr(_readers._xlsx, "MAX_XLSX_RATIO", 100)
    monkeypatch.setattr(_readers._xlsx, "MAX_XLSX_BYTES", 1000)
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert str(raised.value.problems[0]).startswith("would take ")
    assert str(raised.value.problems[0]).endswith(
        "uncompressed, more than the 1.0 KiB a register workbook may take"
    )
    monkeypatch.setattr(_readers._xlsx, "MAX_XLSX_PARTS", 3)
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    parts = len(example_workbook_parts(False))
    assert str(raised.value.problems[0]).startswith(f"has {parts} parts, more than the 3 ")


def _row_widths(path: Path) -> dict[str, list[int]]:
    """How many cells openpyxl gives each row of each sheet (up to its last cell)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        widths: dict[str, list[int]] = {}
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            widths[sheet.title] = [len(row) for row in sheet.iter_rows(values_only=True)]
        return widths
    finally:
        workbook.close()


def test_a_chart_sheet_and_saved_formula_values_in_two_sheets_are_read(tmp_path: Path) -> None:
    """A chart sheet holds no cells: it is passed over. Formulas with their saved values,
    in two sheets, read as the values (the workbook of values is opened once)."""
    path = write_workbook(tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(workbook["approvals"], min_col=5, min_row=1, max_row=5))
    workbook.create_chartsheet("图表").add_chart(chart)
    workbook.save(path)
    assert read_register(path) == ip.example_register()
    parts = dict(example_workbook_parts(False))
    for table in TABLES[:2]:
        name = sheet_part(table)
        found = next(_CELL.finditer(parts[name]))
        new = _cached_formula(found[1], found[2], found[3], found[4])
        parts[name] = parts[name][: found.start()] + new + parts[name][found.end() :]
    path.write_bytes(zip_bytes(parts))
    assert read_register(path) == ip.example_register()


def test_a_workbook_that_cannot_be_opened_again_for_its_values_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = dict(example_workbook_parts(False))
    name = sheet_part(TABLES[1])
    found = next(_CELL.finditer(parts[name]))
    new = _cached_formula(found[1], found[2], found[3], found[4])
    parts[name] = parts[name][: found.start()] + new + parts[name][found.end() :]
    path = tmp_path / "r.xlsx"
    path.write_bytes(zip_bytes(parts))

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(openpyxl, "load_workbook", fail)  # only the values are loaded so
    with pytest.raises(ip.InputError) as raised:
        read_register(path)
    assert str(raised.value.problems[0]).startswith(
        "sheet approvals: cannot be read (OSError: [Errno 5] Input/output error); the "
        "workbook is damaged"
    )


def test_sizes_are_shown_in_kib_or_mib() -> None:
    assert _readers._tabular._size(1536) == "1.5 KiB"
    assert _readers._tabular._size(3 * 1024 * 1024) == "3 MiB"
    assert _readers._tabular._size(2_151_677_952) == "2,052 MiB"


def test_an_excel_number_that_is_not_finite_is_refused_where_it_is() -> None:
    column = Column("amount", "金额", _readers.MONEY, required=True)
    for value in (float("inf"), float("-inf"), float("nan")):
        converted, problem = _readers._xlsx._excel_cell(value, column)
        assert converted is None
        assert problem is not None
        assert problem.endswith(
            "is not finite (the file holds a number beyond what Excel can hold); enter the value itself"
        )


# ----------------------------------------------------------------------------------------
# Huge inputs: in a child process, measured.

_CHILD = r"""
import json, resource, sys, time
from innovation_policy import InputError
from innovation_policy._readers import read_register
start = time.perf_counter()
try:
    read_register(sys.argv[1])
    problems = None
except InputError as error:
    problems = [str(p) for p in error.problems]
seconds = time.perf_counter() - start
try:  # this process's own peak: ru_maxrss would keep the parent's across fork and exec
    with open("/proc/self/status") as status:
        peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "problems": problems}))
"""


def read_in_child(path: Path) -> tuple[float, float, list[str] | None]:
    """Read ``path`` in a child process: seconds, peak MiB, and the problems (``None``:
    read). A hang is ended by the timeout (and fails the test)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["seconds"], result["peak_mib"], result["problems"]


def _deflated_repeat(head: bytes, unit: bytes, count: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate data of ``head + unit * count + tail``, its CRC-32 and size, made
    without compressing (or holding) the expansion: after a full flush the compressor
    starts afresh, so the unit's compressed block is the same each time and is repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * count + end, crc, len(head) + len(unit) * count + len(tail)


def _zip_by_hand(path: Path, members: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of deflated members given as (name, raw deflate data, CRC-32, size)."""
    with path.open("wb") as out:
        directory = b""
        for name, data, crc, size in members:
            offset = out.tell()
            encoded = name.encode()
            out.write(
                struct.pack(
                    "<IHHHHHIIIHH",
                    0x04034B50,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    crc,
                    len(data),
                    size,
                    len(encoded),
                    0,
                )
                + encoded
            )
            out.write(data)
            directory += (
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    crc,
                    len(data),
                    size,
                    len(encoded),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + encoded
            )
        start = out.tell()
        out.write(directory)
        count = len(members)
        out.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
        )


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def test_a_zip_bomb_is_refused_from_the_zip_directory_fast_and_small(tmp_path: Path) -> None:
    """A workbook of about 2 MiB whose payments sheet expands to 2 GiB of empty rows (the
    compressed stream is written, never the expansion): refused from the sizes the zip
    declares, before anything is decompressed."""
    parts = dict(example_workbook_parts(False))
    name = sheet_part(PAYMENTS)
    head, _, _ = parts[name].partition(b"<sheetData>")
    unit = b"<row/>" * (1 << 20)  # 6 MiB of rows, 342 times: 2,052 MiB
    bomb = _deflated_repeat(head + b"<sheetData>", unit, 342, b"</sheetData></worksheet>")
    members = [(n, *_deflated(d)) for n, d in parts.items() if n != name]
    path = tmp_path / "bomb.xlsx"
    _zip_by_hand(path, [*members, (name, *bomb)])
    assert path.stat().st_size < 4 * 1024 * 1024
    with zipfile.ZipFile(path) as archive:  # a real bomb: it expands to gigabytes
        assert archive.getinfo(name).file_size > 2 * 1024**3
        with archive.open(name) as sheet:
            assert sheet.read(1 << 16).startswith(head)
    seconds, peak, problems = read_in_child(path)
    assert problems is not None
    assert problems[0].startswith(f"has a part, {name}, that would expand from "), problems
    assert problems[0].endswith(
        " to 2,052 MiB; a worksheet expands at most some 30 times, so this looks like a zip "
        "bomb and is not read"
    ), problems
    assert seconds < LIMIT_SECONDS
    assert peak < LIMIT_MIB


_HUGE_SHEETS: dict[str, tuple[Callable[[], Iterator[bytes]], str]] = {
    "a million blank rows": (
        lambda: (b'<row r="%d"/>' % n for n in range(14, 1_000_014)),
        "sheet payments row 14: begins more than 100,000 consecutive blank rows",
    ),
    "200,000 rows of empty styled cells": (
        lambda: (
            b'<row r="%d"><c r="A%d" s="1"/><c r="F%d" s="1"/></row>' % (n, n, n)
            for n in range(14, 200_014)
        ),
        "sheet payments row 14: begins more than 100,000 consecutive blank rows",
    ),
    "one row a million rows down": (
        lambda: iter(
            [b'<row r="1000000000"><c r="A1000000000" t="inlineStr"><is><t>P01</t></is></c></row>']
        ),
        "sheet payments row 14: begins more than 100,000 consecutive blank rows",
    ),
    "rows beyond Excel's last": (
        lambda: (
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>P01</t></is></c></row>' % (n, n)
            for n in range(90_000, 1_200_000, 90_000)
        ),
        "sheet payments: has rows beyond row 1,048,576, the last row of an Excel worksheet",
    ),
    "rows a sheet wide": (
        lambda: (
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>P01</t></is></c>'
            b'<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n, n)
            for n in range(14, 100_014)
        ),
        "makes the sheet span more than 10,000,000 cells",
    ),
}


@pytest.mark.parametrize("kind", sorted(_HUGE_SHEETS))
def test_a_huge_sheet_fails_fast_with_bounded_memory(tmp_path: Path, kind: str) -> None:
    """A payments sheet of a million blank rows (or 200,000 of styled cells with no value), of
    one row a billion rows down, of rows past Excel's last row, or of rows 16,384 columns
    wide: refused in a few seconds, in bounded memory, with a message that says why."""
    rows, message = _HUGE_SHEETS[kind]
    parts = dict(example_workbook_parts(False))
    name = sheet_part(PAYMENTS)
    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            if part != name:
                archive.writestr(part, data)
        head, _, tail = parts[name].partition(b"</sheetData>")
        with archive.open(name, "w", force_zip64=True) as sheet:
            sheet.write(head)
            batch: list[bytes] = []
            for row in rows():
                batch.append(row)
                if len(batch) == 10_000:
                    sheet.write(b"".join(batch))
                    batch.clear()
            sheet.write(b"".join(batch) + b"</sheetData>" + tail)
    seconds, peak, problems = read_in_child(path)
    assert problems is not None
    assert any(message in p for p in problems), problems
    assert seconds < LIMIT_SECONDS
    assert peak < LIMIT_MIB


# ----------------------------------------------------------------------------------------
# The command line.


@st.composite
def fuzzed_registers(draw: st.DrawFn) -> tuple[str, Any]:
    """A fuzzed register of any format: ("json", data), ("csv", files) or ("xlsx", data)."""
    kind = draw(st.sampled_from(("json", "csv", "xlsx")))
    if kind == "json":
        data, _, _ = draw(mutated_json())
        return kind, encode(data, "utf-8") if isinstance(data, str) else data
    if kind == "csv":
        files, _, _ = draw(mutated_csv_folders())
        return kind, files
    data, _, _ = draw(mutated_workbooks())
    return kind, data


@settings(
    max_examples=_budget(60),  # an example reads the register twice, and xlsx is slow
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # capsys: read each time
)
@given(case=fuzzed_registers())
def test_the_cli_exits_0_or_2_on_a_fuzzed_register_and_never_raises(
    case: tuple[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """``innovation-policy assess PATH`` on a fuzzed JSON file, CSV folder or workbook
    returns 0 (and prints the assessment) or 2 (and prints located problems, no
    traceback), never raises, and returns 0 exactly when the reader reads the register."""
    kind, payload = case
    capsys.readouterr()
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "csv":
            path = _write_files(Path(tmp) / "register", payload)
        else:
            path = Path(tmp) / f"register.{kind}"
            path.write_bytes(payload)
        status = main(["assess", str(path)])
        out, err = capsys.readouterr()
        register = read_or_refuse(lambda: read_register(path))
    assert status in (0, 2)
    if status == 0:
        assert register is not None
        assert out
        assert err == ""
    else:
        assert register is None
        assert out == ""
        assert err.startswith(f"innovation-policy: {path}: ")
        assert "Traceback" not in err
