"""The shared tabular reader: the tables and columns of a register, headers, rows and
cells into the JSON-like dict the register is read from, and problems located by lookup
in the file's own terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .._errors import InputError, PolicyLookupError, Problem, ProblemCode, render_path, shown
from .._errors import Path as ProblemPath
from .._json import register_from_dict
from .._labels import Kind
from .._register import Approval, CaseDecision, Payment, Platform, Register, Review

XLSX_HINT = "pip install 'innovation-policy[xlsx]'"


"""How to install what the ``.xlsx`` reader needs."""


_MIB = 1024 * 1024


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


def _size(size: int) -> str:
    if size >= _MIB:
        return f"{size / _MIB:,.0f} MiB"
    return f"{size / 1024:,.1f} KiB"
