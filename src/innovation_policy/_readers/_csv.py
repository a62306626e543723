"""A register from a folder of CSV files (UTF-8, with or without a BOM)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .._errors import InputError, Problem, ProblemCode
from .._files import FileError, read_input
from .._register import Register
from ._tabular import (
    _MIB,
    TABLES,
    Column,
    _blank,
    _finish,
    _read_rows,
    _Reading,
    _Rows,
    _Sheet,
    _size,
    _table_named,
    _text_cell,
)

MAX_CSV_BYTES = 512 * _MIB


"""The largest CSV file read (as for a JSON register); a larger one is refused unread.
A value (a field) may be as large as its file: there is no smaller limit for a field, as
there is none in a JSON document or a workbook (the :mod:`csv` module's own field limit
is raised to this, for the process: it is global)."""


def _csv_cell(value: object, column: Column) -> tuple[object, str | None]:
    assert isinstance(value, str)
    return _text_cell(value, column), None


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
