"""A register from an ``.xlsx`` workbook (the ``xlsx`` extra), refused fast when it is
no workbook, damaged, a zip bomb or a sheet far too large.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import os
import warnings
import zipfile
from collections.abc import Callable, Generator, Sequence
from decimal import Decimal
from typing import IO, Any

from .._errors import InputError, Problem, ProblemCode
from .._files import FileError, open_input
from .._register import Register
from ._tabular import (
    _FEN_PLACES,
    _MIB,
    DATE,
    TABLES,
    TEXT,
    XLSX_HINT,
    YEAR,
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
