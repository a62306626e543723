"""Edge: a register from a JSON file, a folder of CSV files or an ``.xlsx`` workbook.

The readers turn each table into the same JSON-like dictionary the JSON path reads
(strings, ints, :class:`~decimal.Decimal`, dates) and hand it to
:func:`~innovation_policy._json.register_from_dict`, so every format is checked by the
same code. Each problem it finds (``approvals[3].superior_funding``) is then located in
the file's own terms: ``approvals.csv line 5, column superior_funding`` or
``sheet 认定 row 12, column 日期``, with the header spelled as the file spells it.

A header is a field name of the register (``superior_funding``) or its Chinese name
(``上级扶持经费``), see :data:`TABLES`. A blank cell in an optional column takes the
field's default; a blank required cell is an error; a row that is entirely blank is
skipped. The only ``float`` handling of the library is here: a number cell that Excel
stores as floating point becomes ``Decimal(repr(value))``, refused if that has more than
two decimals, so a ``float`` never reaches the rules.

Inputs are not trusted to be small or well formed: a file too large, a zip bomb, a
worksheet of rows beyond Excel's last row or of a huge run of blank rows, and a damaged
workbook are refused quickly, with bounded memory, as an
:class:`~innovation_policy.InputError` that says what is wrong (see :data:`MAX_CSV_BYTES`,
:data:`MAX_XLSX_BYTES`, :data:`MAX_XLSX_RATIO`, :data:`MAX_ROWS`, :data:`MAX_BLANK_ROWS`,
:data:`MAX_CELLS`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import math
import os
import re
import stat
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import attrs

from ._errors import InputError, PolicyLookupError, Problem, ProblemCode, render_path, shown
from ._errors import Path as ProblemPath
from ._files import FileError, describe, open_input, read_input
from ._json import load_register, register_from_dict
from ._labels import Kind
from ._register import Approval, CaseDecision, Payment, Platform, Register, Review

__all__ = ["TABLES", "Column", "Table", "read_csv_folder", "read_register", "read_workbook"]

XLSX_HINT = "pip install 'innovation-policy[xlsx]'"
"""How to install what the ``.xlsx`` reader needs."""

_MIB = 1024 * 1024

MAX_CSV_BYTES = 512 * _MIB
"""The largest CSV file read (as for a JSON register); a larger one is refused unread.
A value (a field) may be as large as its file: there is no smaller limit for a field, as
there is none in a JSON document or a workbook (the :mod:`csv` module's own field limit
is raised to this, for the process: it is global)."""

MAX_XLSX_BYTES = 512 * _MIB
"""The most the parts of an ``.xlsx`` workbook may take uncompressed, all together, as
the zip's directory declares (the zip reader never yields more than declared)."""

MAX_XLSX_PARTS = 10_000
"""The most parts (files in the zip) an ``.xlsx`` workbook may have."""

MAX_XLSX_RATIO = 100
"""How many times its compressed size a part of more than 8 MiB may expand to. A
worksheet compresses some 10 to 30 times; a zip bomb, a thousand times."""

_RATIO_FROM = 8 * _MIB

MAX_ROWS = 1_048_576
"""The last row of an Excel worksheet: a sheet with rows beyond it is refused."""

MAX_BLANK_ROWS = 100_000
"""Consecutive blank rows after which a worksheet is refused rather than read on: no
register has such a gap, and a file can claim a million rows in a few bytes."""

MAX_CELLS = 10_000_000
"""The most cells a worksheet may span, each row counted up to its last cell in the
file (a register table has six columns; this is over a million full rows)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Excel 97-2003 workbook, or an encrypted .xlsx, begins."""

# What a column holds, which decides how a cell becomes a value of the JSON-like dict.
TEXT = "text"
LABEL = "label"
KIND = "kind"
DATE = "date"
MONEY = "money"
YEAR = "year"
LIST = "list"


@attrs.frozen
class Column:
    """A column of a table: the register's field name, its Chinese name, what it holds,
    and whether a value is required (no default)."""

    name: str
    zh: str
    kind: str
    required: bool


@attrs.frozen
class Table:
    """A table of the register (a CSV file or a sheet): its name, Chinese name, columns."""

    name: str
    zh: str
    columns: tuple[Column, ...]
    required: bool = False

    def column(self, name: str) -> Column:
        """The column for a field name."""
        for column in self.columns:
            if column.name == name:
                return column
        raise PolicyLookupError(
            f"{shown(name)} is not a column of {self.name}; valid: "
            + ", ".join(c.name for c in self.columns),
            path="column",
            value=name,
        )

    def index(self, name: str) -> int:
        """The position of a field's column among the table's columns."""
        return [c.name for c in self.columns].index(name)

    def choices(self) -> str:
        """The valid headers, for messages: ``id (编号), name (名称), ...``."""
        return ", ".join(f"{c.name} ({c.zh})" for c in self.columns)


def _table(
    name: str,
    zh: str,
    record_type: type,
    columns: Sequence[tuple[str, str, str]],
    *,
    required: bool = False,
) -> Table:
    fields = attrs.fields_dict(record_type)
    return Table(
        name,
        zh,
        tuple(
            Column(field, field_zh, kind, fields[field].default is attrs.NOTHING)
            for field, field_zh, kind in columns
        ),
        required,
    )


TABLES: tuple[Table, ...] = (
    _table(
        "platforms",
        "平台",
        Platform,
        (
            ("id", "编号", TEXT),
            ("name", "名称", TEXT),
            ("category", "类别", LABEL),
            ("park", "园区", LABEL),
            ("industry", "产业", LABEL),
            ("co_builders", "共建方", LIST),
        ),
        required=True,
    ),
    _table(
        "approvals",
        "认定",
        Approval,
        (
            ("id", "编号", TEXT),
            ("platform", "平台编号", TEXT),
            ("level", "级别", LABEL),
            ("date", "日期", DATE),
            ("superior_funding", "上级扶持经费", MONEY),
            ("city_award", "市级奖励", MONEY),
        ),
    ),
    _table(
        "reviews",
        "绩效",
        Review,
        (
            ("id", "编号", TEXT),
            ("platform", "平台编号", TEXT),
            ("year", "年度", YEAR),
            ("rating", "考核结果", LABEL),
            ("turnover", "技术合同成交额", MONEY),
            ("city_grant", "市级补助", MONEY),
            ("date", "考核决定日期", DATE),
        ),
    ),
    _table(
        "case_decisions",
        "一事一议",
        CaseDecision,
        (
            ("id", "编号", TEXT),
            ("platform", "平台编号", TEXT),
            ("date", "日期", DATE),
            ("amount", "金额", MONEY),
            ("reference", "文号", TEXT),
        ),
    ),
    _table(
        "payments",
        "拨付",
        Payment,
        (
            ("platform", "平台编号", TEXT),
            ("date", "日期", DATE),
            ("kind", "类型", KIND),
            ("amount", "金额", MONEY),
            ("year", "年度", YEAR),
            ("item", "对应事项", TEXT),
        ),
    ),
)
"""The tables of a register as files or sheets, with their English and Chinese headers."""

_BY_NAME = {key: t for t in TABLES for key in (t.name, t.zh)}
_RANK = {t.name: n for n, t in enumerate(TABLES)}
_SPLIT = re.compile(r"[、,;，；]")
_KIND_ZH = {k.zh: k.value for k in Kind}
_FEN_PLACES = -2

UNKNOWN_WORDS = frozenset({"unknown", "未知"})
"""What a money cell holds where the amount is recorded as unknown (``null`` in JSON):
the higher-level funding of an approval, or the turnover of a review."""


def _table_named(text: str) -> Table | None:
    key = text.strip()
    return _BY_NAME.get(key) or _BY_NAME.get(key.lower())


def read_register(path: str | os.PathLike[str]) -> Register:
    """A register from ``path``, by its kind: a ``.json`` file, a folder of CSV files,
    or an ``.xlsx`` workbook. Every problem is reported at once in an
    :class:`~innovation_policy.InputError` whose ``source`` is the path."""
    p = Path(path)
    suffix = p.suffix.lower()
    expected = {".json": "a JSON file", ".xlsx": "an .xlsx workbook"}.get(suffix)
    try:
        mode = p.stat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISDIR(mode) and expected is None:
        return read_csv_folder(p)
    if stat.S_ISDIR(mode) or (mode and not stat.S_ISREG(mode)):
        message = f"is {describe(mode)}, not {expected or 'a register file'}"
        if expected is None:
            message += "; expected a .json file, a folder of CSV files or an .xlsx workbook"
        raise InputError([Problem((), ProblemCode.UNREADABLE, message)], source=str(p))
    if suffix == ".json":
        return load_register(p)
    if suffix == ".xlsx":
        return read_workbook(p)
    if not mode:
        message = (
            "does not exist; expected a .json file, a folder of CSV files or an .xlsx workbook"
        )
    elif suffix == ".csv":
        message = (
            "is a single CSV file; give the folder that holds platforms.csv and the other tables"
        )
    else:
        message = (
            "is not a register; expected a .json file, a folder of CSV files or an .xlsx "
            "workbook (save other spreadsheets as .xlsx)"
        )
    raise InputError([Problem((), ProblemCode.UNREADABLE, message)], source=str(p))


# ----------------------------------------------------------------------------------------
# From rows of cells to the JSON-like dictionary, the same for CSV and xlsx.

_Rows = list[tuple[int, Sequence[object]]]


@attrs.define
class _Sheet:
    """One table as read from a file: where it came from and how to name its places."""

    table: Table
    label: str
    """The file or sheet as messages name it: ``approvals.csv`` or ``sheet 认定``."""
    line_word: str
    """``line`` (CSV: physical lines) or ``row`` (a worksheet's rows)."""
    lines: list[int] = attrs.Factory(list)
    """The line or row of each record, by its index in the table."""
    spelling: dict[str, str] = attrs.Factory(dict)
    """The header as the file spells it, by field name."""
    readable: bool = True
    """False when the table could not be read at all (missing, bad encoding, ...)."""
    missing: set[str] = attrs.Factory(set)
    """Required columns the header lacks (already reported)."""

    def at(self, line: int) -> str:
        return f"{self.label} {self.line_word} {line}"


@attrs.define
class _Reading:
    """What a reader found: the sheets, the records, and the problems, ranked for order."""

    sheets: dict[str, _Sheet] = attrs.Factory(dict)
    records: dict[str, list[dict[str, Any]]] = attrs.Factory(dict)
    problems: list[tuple[tuple[int, int, int], Problem]] = attrs.Factory(list)
    reported: set[ProblemPath] = attrs.Factory(set)
    """Paths of the cells already reported here; the core's word on them is dropped."""

    def add(
        self,
        table: str | None,
        line: int,
        column: int,
        where: str,
        message: str,
        code: ProblemCode = ProblemCode.UNREADABLE,
        path: ProblemPath = (),
    ) -> None:
        rank = _RANK[table] if table is not None else -1
        self.problems.append(((rank, line, column), Problem(path, code, message, location=where)))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_rows(
    reading: _Reading,
    sheet: _Sheet,
    rows: _Rows,
    convert: Callable[[object, Column], tuple[object, str | None]],
) -> None:
    """Check the header, then turn each non-blank row into a record."""
    table = sheet.table
    reading.sheets[table.name] = sheet
    records: list[dict[str, Any]] = []
    reading.records[table.name] = records
    content = [(line, cells) for line, cells in rows if not all(_blank(c) for c in cells)]
    if not content:
        sheet.readable = False
        reading.add(
            table.name,
            0,
            -1,
            sheet.label,
            f"is empty; expected a header with the columns {table.choices()}",
            ProblemCode.MISSING,
            (table.name,),
        )
        return
    (header_line, header), body = content[0], content[1:]
    columns = _header(reading, sheet, header_line, header)
    for line, cells in body:
        index = len(records)
        record: dict[str, Any] = {}
        for c, cell in enumerate(cells):
            if _blank(cell):
                continue
            found = columns.get(c)
            if found is None:
                if c >= len(header) or _blank(header[c]):
                    reading.add(
                        table.name,
                        line,
                        c,
                        sheet.at(line),
                        f"has a value in column {c + 1}, which has no header",
                        ProblemCode.UNKNOWN_FIELD,
                        (table.name, index),
                    )
                continue  # an unknown column: its header is reported
            value, problem = convert(cell, found)
            if problem is not None:
                where = f"{sheet.at(line)}, column {sheet.spelling[found.name]}"
                path = (table.name, index, found.name)
                reading.add(table.name, line, c, where, problem, ProblemCode.INVALID, path)
                reading.reported.add(path)
            else:
                record[found.name] = value
        for c, column in enumerate(table.columns):
            if column.required and column.name not in sheet.missing and column.name not in record:
                path = (table.name, index, column.name)
                if path not in reading.reported:
                    where = f"{sheet.at(line)}, column {sheet.spelling[column.name]}"
                    message = "is blank; a value is required"
                    reading.add(table.name, line, c, where, message, ProblemCode.BLANK, path)
                    reading.reported.add(path)
        records.append(record)
        sheet.lines.append(line)


def _header(
    reading: _Reading, sheet: _Sheet, line: int, header: Sequence[object]
) -> dict[int, Column]:
    """The columns of a header by position; unknown, repeated and missing ones reported."""
    table = sheet.table
    columns: dict[int, Column] = {}
    for c, cell in enumerate(header):
        if _blank(cell):
            continue
        text = str(cell).strip()
        column = next(
            (
                col
                for col in table.columns
                if text in (col.zh, col.name) or text.lower() == col.name
            ),
            None,
        )
        where = f"{sheet.at(line)}, column {text}"
        if column is None:
            reading.add(
                table.name,
                line,
                c,
                where,
                f"is not a column of {table.name} ({table.zh}); valid: {table.choices()}",
                ProblemCode.UNKNOWN_FIELD,
                (table.name,),
            )
        elif column.name in sheet.spelling:
            reading.add(
                table.name,
                line,
                c,
                where,
                f"repeats the column {sheet.spelling[column.name]}; keep one of them",
                ProblemCode.DUPLICATE,
                (table.name,),
            )
        else:
            columns[c] = column
            sheet.spelling[column.name] = text
    for column in table.columns:
        if column.required and column.name not in sheet.spelling:
            sheet.missing.add(column.name)
            sheet.readable = False  # no record can be read: nothing may refer to them
            reading.add(
                table.name,
                line,
                len(header),
                sheet.at(line),
                f"has no column {column.name} ({column.zh}), which is required",
                ProblemCode.MISSING,
                (table.name,),
            )
    return columns


def _text_cell(text: str, column: Column) -> object:
    """A non-blank text cell as the JSON-like value of its column."""
    text = text.strip()
    if column.kind == LIST:
        return [part.strip() for part in _SPLIT.split(text) if part.strip()]
    if column.kind == KIND:
        return _KIND_ZH.get(text, text)
    if column.kind == MONEY and text.lower() in UNKNOWN_WORDS:
        return None  # recorded as unknown: not yet known, never a guessed 0
    return text


def _csv_cell(value: object, column: Column) -> tuple[object, str | None]:
    assert isinstance(value, str)
    return _text_cell(value, column), None


def _excel_cell(value: object, column: Column) -> tuple[object, str | None]:
    """An Excel cell as the JSON-like value of its column (or a problem with it)."""
    if isinstance(value, str):
        return _text_cell(value, column), None
    if isinstance(value, _Unsaved):
        return None, (
            f"has a formula ({value.formula}) but no saved value; open and save the "
            "workbook in Excel, or enter the value itself"
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, (
                f"the number {value!r} is not finite (the file holds a number beyond what "
                "Excel can hold); enter the value itself"
            )
        number = Decimal(repr(value))
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < _FEN_PLACES:
            return None, (
                f"the number {value!r} has more than two decimals (Excel keeps numbers in "
                "binary floating point); round it to the fen, or enter it as text"
            )
        if column.kind in (TEXT, YEAR) and number == number.to_integral_value():
            whole = int(number)
            return (str(whole) if column.kind == TEXT else whole), None
        return (f"{number:f}" if column.kind == TEXT else number), None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return (str(value) if column.kind == TEXT else value), None
    if isinstance(value, dt.datetime):
        if column.kind == DATE and value.time() != dt.time(0):
            return None, (
                f"{value.isoformat(sep=' ')} has a time of day; expected a date only, "
                "like 2022-03-01"
            )
        return value.date(), None
    return value, None  # a date, or something the core refuses with a message of its own


def _finish(reading: _Reading, source: str) -> Register:
    """Check the records with the core, locate its problems, and report them all."""
    document = {t.name: reading.records.get(t.name, []) for t in TABLES}
    found: list[Problem] = []
    register: Register | None = None
    try:
        register = register_from_dict(document, source=source)
    except InputError as error:
        found = list(error.problems)
    for problem in found:
        located = _locate(reading, problem)
        if located is not None:
            reading.problems.append(located)
    if reading.problems or register is None:
        ordered = sorted(reading.problems, key=lambda ranked: ranked[0])
        raise InputError([p for _, p in ordered], source=source)
    return register


def _locate(reading: _Reading, problem: Problem) -> tuple[tuple[int, int, int], Problem] | None:
    """A problem of the JSON-like dict in the file's own terms, or ``None`` to drop it:
    its path's table and row looked up to the file and line (or sheet and row), its field
    to the column as the header spells it; the rows its message cites, likewise."""
    path = problem.path
    if path in reading.reported:
        return None
    cited = [_row_label(reading, cite) for cite in problem.cites]
    if len(path) < 2 or not isinstance(path[1], int):  # a table, or the whole register
        sheet = reading.sheets.get(str(path[0])) if path else None
        where = sheet.label if sheet is not None else problem.where
        return (-1, 0, 0), problem.at(where, cited)
    name, index = str(path[0]), path[1]
    field = path[2] if len(path) > 2 else None
    sheet = reading.sheets[name]
    if field is not None and field in sheet.missing:
        return None  # the missing column is reported once, at the header
    if field == "platform" and not _readable(reading, "platforms"):
        return None  # no platforms could be read: every reference would be reported
    if field == "item" and not all(
        _readable(reading, t) for t in ("approvals", "reviews", "case_decisions")
    ):
        return None
    line = sheet.lines[index]
    where = sheet.at(line)
    column = -1
    if isinstance(field, str) and field in sheet.spelling:
        where += f", column {sheet.spelling[field]}{render_path(('', *path[3:]))}"
        column = sheet.table.index(field)
    return (_RANK[name], line, column), problem.at(where, cited)


def _readable(reading: _Reading, name: str) -> bool:
    sheet = reading.sheets.get(name)
    return sheet is None or sheet.readable


def _row_label(reading: _Reading, cite: ProblemPath) -> str:
    """A cited row, ``(table, index)``, as the file names it: ``approvals.csv line 4``."""
    sheet = reading.sheets[str(cite[0])]
    index = cite[1]
    assert isinstance(index, int)  # the register cites rows only
    return sheet.at(sheet.lines[index])


# ----------------------------------------------------------------------------------------
# CSV.


def read_csv_folder(folder: str | os.PathLike[str]) -> Register:
    """A register from a folder of CSV files: ``platforms.csv`` (required),
    ``approvals.csv``, ``reviews.csv``, ``case_decisions.csv``, ``payments.csv`` (or their
    Chinese names, ``平台.csv``, ...). UTF-8, with or without a byte order mark."""
    path = Path(folder)
    reading = _Reading()
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        raise InputError(
            [Problem((), ProblemCode.UNREADABLE, f"cannot be read: {exc.strerror or exc}")],
            source=str(path),
        ) from None
    files: dict[str, Path] = {}
    for entry in entries:
        if entry.suffix.lower() != ".csv" or entry.name.startswith(("~$", ".")):
            continue
        table = _table_named(entry.stem)
        if table is None:
            valid = ", ".join(f"{t.name}.csv ({t.zh}.csv)" for t in TABLES)
            message = f"is not a table of the register; valid: {valid}"
            reading.add(None, 0, 0, entry.name, message, ProblemCode.UNKNOWN_FIELD)
        elif table.name in files:
            reading.add(
                table.name,
                0,
                -1,
                entry.name,
                f"is the same table as {files[table.name].name}; keep one of them",
                ProblemCode.DUPLICATE,
            )
        else:
            files[table.name] = entry
    for table in TABLES:
        found = files.get(table.name)
        if found is None:
            if table.required:
                reading.sheets[table.name] = _Sheet(
                    table, f"{table.name}.csv", "line", readable=False
                )
                reading.add(
                    table.name,
                    0,
                    -1,
                    f"{table.name}.csv",
                    f"is missing; a register needs {table.name}.csv (or {table.zh}.csv)",
                    ProblemCode.MISSING,
                )
            continue
        sheet = _Sheet(table, found.name, "line")
        rows = _csv_rows(reading, sheet, found)
        if rows is None:
            sheet.readable = False
            reading.sheets[table.name] = sheet
            continue
        _read_rows(reading, sheet, rows, _csv_cell)
    return _finish(reading, str(path))


def _csv_rows(reading: _Reading, sheet: _Sheet, path: Path) -> _Rows | None:
    """The rows of a CSV file with their physical line numbers, or ``None`` (reported)."""
    name = sheet.table.name
    try:
        data = read_input(path, expected="a CSV file", limit=MAX_CSV_BYTES)
    except FileError as problem:
        reading.add(name, 0, -1, sheet.label, problem.message)
        return None
    if len(data) > MAX_CSV_BYTES:
        reading.add(
            name,
            0,
            -1,
            sheet.label,
            f"is larger than {_size(MAX_CSV_BYTES)}, the most a table's file may take",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " (it is UTF-16, what Excel writes for 'Unicode Text')"
        else:
            try:
                data.decode("gb18030")
                hint = " (it looks like GBK, what Excel writes for plain 'CSV' on Chinese Windows)"
            except UnicodeDecodeError:
                pass
        reading.add(
            name,
            line,
            -1,
            sheet.at(line),
            f"is not UTF-8{hint}: save the file as 'CSV UTF-8' (Excel: 另存为 CSV UTF-8)",
        )
        return None
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_BYTES))
    lines: list[str] = []  # the lines of the row being read

    def kept(source: Iterator[str]) -> Iterator[str]:
        for line in source:
            lines.append(line)
            yield line

    reader = csv.reader(kept(iter(io.StringIO(text, newline=""))))
    rows: _Rows = []
    last = 0
    row_lines: list[str] = []
    cells: list[str] = []
    last_start = 0
    try:
        for cells in reader:
            if not all(_blank(c) for c in cells):  # blank rows are skipped: not kept
                rows.append((last + 1, cells))
            row_lines, lines[:] = lines[:], []
            last_start, last = last + 1, reader.line_num
    except csv.Error as exc:
        line = reader.line_num
        reading.add(name, line, -1, sheet.at(line), f"cannot be read as CSV: {exc}")
        return None
    if _UNCLOSED.fullmatch("".join(row_lines)):
        column = len(cells)
        header = rows[0][1] if rows else []
        named = f" ({str(header[column - 1]).strip()})" if column <= len(header) else ""
        reading.add(
            name,
            last_start,
            -1,
            sheet.at(last_start),
            f'the value in column {column}{named} opens a quote (") that is never closed, so '
            "the rest of the file would be read into it; close the quote",
        )
        return None
    return rows


_UNCLOSED = re.compile(
    r'(?:(?:"(?:[^"]|"")*"(?:[^,"\r\n][^,\r\n]*)?|[^,"\r\n][^,\r\n]*)?,)*"(?:[^"]|"")*'
)
"""A CSV row (Excel's dialect, as :func:`csv.reader` reads it) whose last value opens a
quote that is never closed: the reader takes the rest of the file into it, in silence."""


# ----------------------------------------------------------------------------------------
# xlsx.


def read_workbook(path: str | os.PathLike[str]) -> Register:
    """A register from an ``.xlsx`` workbook with one sheet per table (``platforms`` or
    ``平台``, ...), read with :mod:`openpyxl` in read-only mode (``pip install
    'innovation-policy[xlsx]'``), row by row. The zip's directory is checked before
    anything is decompressed (:data:`MAX_XLSX_BYTES`, :data:`MAX_XLSX_RATIO`); openpyxl's
    warnings are not shown, and its errors are reported where they happen."""
    source = str(path)
    try:
        import openpyxl
        from openpyxl.reader.excel import ExcelReader
    except ImportError:
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.UNREADABLE,
                    "reading an .xlsx workbook needs openpyxl, which is not installed; "
                    f"install it with: {XLSX_HINT}",
                )
            ],
            source=source,
        ) from None
    reading = _Reading()
    with contextlib.ExitStack() as stack:
        # The files are opened here, not by openpyxl, so that they are closed whatever
        # openpyxl does with a damaged one.
        try:
            file = stack.enter_context(open_input(path, expected="an .xlsx workbook"))
        except FileError as problem:
            raise InputError(
                [Problem((), ProblemCode.UNREADABLE, problem.message)], source=source
            ) from None
        refused = _archive_problem(file)
        if refused is not None:
            raise InputError([Problem((), ProblemCode.UNREADABLE, refused)], source=source)
        stack.enter_context(warnings.catch_warnings())
        warnings.filterwarnings("ignore", module="openpyxl")
        try:
            reader = ExcelReader(file, read_only=True, data_only=False)
            reader.read()  # what openpyxl.load_workbook does, keeping the reader
            workbook = reader.wb
        except Exception as exc:  # openpyxl and zipfile raise many kinds for a damaged file
            raise InputError(
                [
                    Problem(
                        (),
                        ProblemCode.UNREADABLE,
                        f"is not a readable .xlsx workbook ({_exception(exc)})",
                    )
                ],
                source=source,
            ) from None
        stack.callback(workbook.close)
        lost = [s.name for s in reader.parser.sheets if s.name not in workbook.sheetnames]
        if lost:  # openpyxl leaves out, in silence, a sheet whose part is missing
            raise InputError(
                [
                    Problem(
                        (),
                        ProblemCode.UNREADABLE,
                        "is listed in the workbook but its worksheet is missing from the "
                        "file; the workbook is damaged: open it in Excel and save it again",
                        location=f"sheet {name}",
                    )
                    for name in lost
                ],
                source=source,
            )
        cached: list[Any] = []

        def values_workbook() -> Any:
            if not cached:
                values_file = stack.enter_context(open_input(path, expected="a workbook"))
                cached.append(openpyxl.load_workbook(values_file, read_only=True, data_only=True))
                stack.callback(cached[0].close)
            return cached[0]

        _read_sheets(reading, workbook, values_workbook)
    return _finish(reading, source)


def _archive_problem(file: IO[bytes]) -> str | None:
    """Why ``file`` is no ``.xlsx`` workbook to open, or ``None``: judged from its first
    bytes and the zip's directory, before anything is decompressed."""
    head = file.read(len(_OLE_MAGIC))
    file.seek(0)
    if head == _OLE_MAGIC:
        return (
            "is an Excel 97-2003 workbook (.xls) or a password-protected one, not an .xlsx "
            "workbook; save it in Excel as 'Excel Workbook (*.xlsx)', without a password"
        )
    try:
        if not zipfile.is_zipfile(file):
            return (
                "is not a readable .xlsx workbook (BadZipFile: it is not a zip archive, as "
                "every .xlsx workbook is); save it in Excel as 'Excel Workbook (*.xlsx)'"
            )
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
            return _parts_problem(parts) or _declaration_problem(archive, parts)
    except Exception as exc:  # a damaged directory or part: zipfile raises many kinds
        return f"is not a readable .xlsx workbook ({_exception(exc)})"
    finally:
        file.seek(0)


def _parts_problem(parts: Sequence[zipfile.ZipInfo]) -> str | None:
    """Why the zip's directory shows no workbook to decompress (a zip bomb), or ``None``."""
    if len(parts) > MAX_XLSX_PARTS:
        return (
            f"has {len(parts):,} parts, more than the {MAX_XLSX_PARTS:,} a workbook may have; "
            "it is not a workbook a spreadsheet program writes"
        )
    for part in parts:
        if part.file_size > _RATIO_FROM and part.file_size > MAX_XLSX_RATIO * part.compress_size:
            return (
                f"has a part, {part.filename}, that would expand from "
                f"{_size(part.compress_size)} to {_size(part.file_size)}; a worksheet expands "
                f"at most some 30 times, so this looks like a zip bomb and is not read"
            )
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_BYTES:
        return (
            f"would take {_size(total)} uncompressed, more than the {_size(MAX_XLSX_BYTES)} "
            "a register workbook may take"
        )
    return None


_DECLARATIONS = tuple(
    word.encode(encoding)
    for word in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
"""How a document type or an entity is declared, in the encodings an XML parser reads."""
_OVERLAP = max(len(declaration) for declaration in _DECLARATIONS) - 1


def _declaration_problem(archive: zipfile.ZipFile, parts: Sequence[zipfile.ZipInfo]) -> str | None:
    """A part that declares a document type or entities, or ``None``. No spreadsheet
    program writes one; entities may expand a few bytes to gigabytes (or read other
    files), and whether the XML parser refuses them depends on its version and on
    ``defusedxml``: the project refuses them itself, from the decompressed bytes, in
    chunks (the sizes were checked before)."""
    for part in parts:
        with archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(_MIB):
                window = tail + chunk
                if any(declaration in window for declaration in _DECLARATIONS):
                    return (
                        f"has a part, {part.filename}, that declares a document type or "
                        "entities (<!DOCTYPE or <!ENTITY), which no spreadsheet program "
                        "writes and whose entities could expand without bound; it is not "
                        "read: open the workbook in Excel and save it again"
                    )
                tail = window[-_OVERLAP:]
    return None


def _size(size: int) -> str:
    if size >= _MIB:
        return f"{size / _MIB:,.0f} MiB"
    return f"{size / 1024:,.1f} KiB"


def _exception(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 200 else text[:197] + "..."


class _UnreadableError(Exception):
    """A worksheet openpyxl cannot read, or one beyond the limits: where, and why."""

    def __init__(self, where: str, line: int, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.line = line
        self.message = message


def _read_sheets(reading: _Reading, workbook: Any, values_workbook: Callable[[], Any]) -> None:
    found: dict[str, str] = {}
    for title in workbook.sheetnames:
        table = _table_named(title)
        if table is None:
            try:
                content = _has_content(functools.partial(_worksheet, workbook, title), title)
            except _UnreadableError as unreadable:
                reading.add(None, unreadable.line, 0, unreadable.where, unreadable.message)
                continue
            if content:
                valid = ", ".join(f"{t.name} ({t.zh})" for t in TABLES)
                message = f"is not a table of the register; valid: {valid}"
                reading.add(None, 0, 0, f"sheet {title}", message, ProblemCode.UNKNOWN_FIELD)
            continue
        if table.name in found:
            reading.add(
                table.name,
                0,
                -1,
                f"sheet {title}",
                f"is the same table as sheet {found[table.name]}; keep one of them",
                ProblemCode.DUPLICATE,
            )
            continue
        found[table.name] = title
    for table in TABLES:
        title = found.get(table.name)
        if title is None:
            if table.required:
                sheet = _Sheet(table, f"sheet {table.name}", "row", readable=False)
                reading.sheets[table.name] = sheet
                reading.add(
                    table.name,
                    0,
                    -1,
                    f"sheet {table.name}",
                    f"is missing; a register needs a sheet {table.name} (or {table.zh})",
                    ProblemCode.MISSING,
                )
            continue
        sheet = _Sheet(table, f"sheet {title}", "row")
        try:
            rows = list(_sheet_rows(functools.partial(_worksheet, workbook, title), title))
            rows = _formula_values(
                rows,
                functools.partial(_values_rows, values_workbook, title),
            )
        except _UnreadableError as unreadable:
            sheet.readable = False
            reading.sheets[table.name] = sheet
            reading.add(table.name, unreadable.line, -1, unreadable.where, unreadable.message)
            continue
        _read_rows(reading, sheet, rows, _excel_cell)


def _worksheet(workbook: Any, title: str) -> Any:
    return workbook[title]


def _values_rows(values_workbook: Callable[[], Any], title: str) -> _Rows:
    """The rows of a sheet with the values Excel saved for its formulas."""
    return list(_sheet_rows(lambda: _worksheet(values_workbook(), title), title))


def _has_content(worksheet: Callable[[], Any], title: str) -> bool:
    rows = _sheet_rows(worksheet, title)
    try:
        return next(rows, None) is not None
    finally:
        rows.close()


def _sheet_rows(
    worksheet: Callable[[], Any], title: str
) -> Generator[tuple[int, Sequence[object]], None, None]:
    """The rows of a worksheet that are not blank, with their row numbers, read one by one
    (the file's dimensions are not trusted), each without its trailing empty cells.

    openpyxl's errors (a damaged file) and the limits (:data:`MAX_ROWS`,
    :data:`MAX_BLANK_ROWS`, :data:`MAX_CELLS`) raise :class:`_UnreadableError`.
    """
    label = f"sheet {title}"
    try:
        sheet = worksheet()
        if not hasattr(sheet, "iter_rows"):  # a chart sheet: no cells
            return
        sheet.reset_dimensions()
        rows = iter(sheet.iter_rows(values_only=True))
    except Exception as exc:
        raise _UnreadableError(label, 0, _damaged(exc)) from None
    line = blank = cells = 0
    try:
        while True:
            try:
                cells_of_row = next(rows, None)
            except Exception as exc:  # openpyxl fails on a row it has not yielded: the next
                where = f"{label}, after row {line}" if line else label
                raise _UnreadableError(where, line + 1, _damaged(exc)) from None
            if cells_of_row is None:
                return
            line += 1
            if line > MAX_ROWS:
                raise _UnreadableError(
                    label,
                    line,
                    f"has rows beyond row {MAX_ROWS:,}, the last row of an Excel worksheet; "
                    "the file was not written by Excel: open it in Excel and save it again",
                )
            width = len(cells_of_row)
            cells += width
            if cells > MAX_CELLS:
                raise _UnreadableError(
                    f"{label} row {line}",
                    line,
                    f"makes the sheet span more than {MAX_CELLS:,} cells, far more than a "
                    "register table; delete the unused rows and columns (a table has at most "
                    "six columns)",
                )
            if cells_of_row.count(None) == width or all(_blank(c) for c in cells_of_row):
                blank += 1
                if blank > MAX_BLANK_ROWS:
                    first = line - blank + 1
                    raise _UnreadableError(
                        f"{label} row {first}",
                        first,
                        f"begins more than {MAX_BLANK_ROWS:,} consecutive blank rows; no "
                        "register has such a gap: delete the blank rows (below the data, they "
                        "may hold only formatting) and save the workbook again",
                    )
                continue
            blank = 0
            end = width
            while cells_of_row[end - 1] is None:
                end -= 1
            yield line, cells_of_row[:end]
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _damaged(exc: BaseException) -> str:
    return (
        f"cannot be read ({_exception(exc)}); the workbook is damaged or was not written by "
        "a spreadsheet program: open it in Excel and save it again"
    )


def _is_formula(value: object) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    )


class _Unsaved:
    """A formula cell with no value saved for it (read as a problem, never as blank)."""

    def __init__(self, formula: object) -> None:
        self.formula = formula


def _formula_values(rows: _Rows, values_rows: Callable[[], _Rows]) -> _Rows:
    """Formula cells replaced by the values Excel saved for them. A workbook written by a
    program and never opened in Excel has none: such a cell is reported, never taken as
    blank in silence."""
    formulas = [(n, c) for n, cells in rows for c, value in enumerate(cells) if _is_formula(value)]
    if not formulas:
        return rows
    values = dict(values_rows())
    patched = {n: list(cells) for n, cells in rows}
    for n, c in formulas:
        row = values.get(n, ())
        value = row[c] if c < len(row) else None
        patched[n][c] = _Unsaved(patched[n][c]) if value is None else value
    return [(n, patched[n]) for n, _ in rows]
