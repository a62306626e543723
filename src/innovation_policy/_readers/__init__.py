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

The shared tabular reader (``_tabular``: tables, headers, cells, locating problems),
the CSV folder (``_csv``) and the xlsx workbook (``_xlsx``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .._errors import InputError, Problem, ProblemCode
from .._files import describe
from .._json import load_register
from .._register import Register
from ._csv import (
    MAX_CSV_BYTES,
    read_csv_folder,
)
from ._tabular import (
    DATE,
    KIND,
    LABEL,
    LIST,
    MONEY,
    TABLES,
    TEXT,
    UNKNOWN_WORDS,
    XLSX_HINT,
    YEAR,
    Column,
    Table,
)
from ._xlsx import (
    MAX_BLANK_ROWS,
    MAX_CELLS,
    MAX_ROWS,
    MAX_XLSX_BYTES,
    MAX_XLSX_PARTS,
    MAX_XLSX_RATIO,
    read_workbook,
)

__all__ = [
    "DATE",
    "KIND",
    "LABEL",
    "LIST",
    "MAX_BLANK_ROWS",
    "MAX_CELLS",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_RATIO",
    "MONEY",
    "TABLES",
    "TEXT",
    "UNKNOWN_WORDS",
    "XLSX_HINT",
    "YEAR",
    "Column",
    "Table",
    "read_csv_folder",
    "read_register",
    "read_workbook",
]


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
