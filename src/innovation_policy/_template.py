"""Edge: the register workbook to fill in (``innovation-policy template FILE.xlsx``).

One sheet per table of :data:`~innovation_policy._readers.TABLES`, named and headed in
Chinese as the reader accepts them (a required column's header in bold red); drop-down
lists (data validation) for the labels: category, park, industry, level, rating and
payment kind; dates as dates and money as ``#,##0.00``; on every column a prompt, shown
when a cell is chosen, that says what it holds. With a register (``--example``: the
shipped example) its records are filled in, so that
:func:`~innovation_policy.read_register` of the workbook gives the same register back.

The instructions (说明) are on the sheet ``说明``, in a note on its first cell and in the
prompts of the columns: the reader refuses a sheet with cells that is not a table of
the register, so that a stray sheet is never ignored in silence, and the instructions
must not make the workbook unreadable.

A text cell (an id, a name) is written as text, with Excel's quote prefix where it
begins like a formula (``=``, ``+``, ``-``, ``@``), so that nothing is ever evaluated.
An amount is written as a number only where a workbook keeps it exactly (to the fen,
below 10^12 yuan); an unknown amount (funding or turnover) as ``未知``. Co-builders are
joined by ``、``; a lone ``、`` records that there are none, a blank cell that they were
not recorded.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._errors import PolicyTypeError, PolicyValueError
from ._files import write_output
from ._labels import Category, CoBuilder, Industry, Kind, Level, Park, Rating
from ._readers import DATE, LIST, MONEY, TABLES, Column, Table
from ._register import Register
from ._render import FORMULA_STARTS, display_width
from ._vocabulary import SHEETS, TEMPLATE
from ._xlsx_out import exact_amount

__all__ = ["CHOICES", "template_bytes", "write_template"]

CHOICES: Mapping[tuple[str, str], type[enum.Enum]] = {
    ("platforms", "category"): Category,
    ("platforms", "park"): Park,
    ("platforms", "industry"): Industry,
    ("approvals", "level"): Level,
    ("reviews", "rating"): Rating,
    ("payments", "kind"): Kind,
}
"""The columns with a drop-down list, and the labels it offers."""

_LAST_ROW = 5000  # the rows that get the drop-down lists and formats
_PROMPTS = {
    MONEY: "金额（元），最多两位小数；未知填“未知”",
    DATE: "日期，如 2022-03-01",
    LIST: "共建方，用“、”分隔",
}


def _choices(kind: type[enum.Enum]) -> list[str]:
    if kind is Kind:
        return [k.zh for k in Kind]
    return [str(m.value) for m in kind]


def _cell_value(value: object, column: Column, where: str) -> object:
    """A record's value as the workbook holds it (see the module documentation)."""
    if value is None:
        return "未知" if column.kind == MONEY else None
    if isinstance(value, Kind):
        return value.zh
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, frozenset):
        names = [str(m.value) for m in CoBuilder if m in value]
        return "、".join(names) if names else "、"
    if isinstance(value, Decimal):
        return exact_amount(value, where)
    return value


def _write_table(book: Any, table: Table, records: tuple[Any, ...]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(table.zh)
    sheet.append([c.zh for c in table.columns])
    widths = []
    for n, column in enumerate(table.columns, 1):
        header = sheet.cell(row=1, column=n)
        header.font = Font(bold=True, color="C00000" if column.required else None)
        header.comment = Comment(f"{column.name}{'（必填）' if column.required else ''}", "")
        widths.append(display_width(column.zh))
    for r, record in enumerate(records, 2):
        for n, column in enumerate(table.columns, 1):
            where = f"sheet {table.zh} row {r} ({column.zh})"
            value = _cell_value(getattr(record, column.name), column, where)
            if value is None:
                continue
            if isinstance(value, str) and "\r" in value:
                raise PolicyValueError(
                    f"{where}: {value!r} holds a carriage return, which a workbook reads back "
                    "as a line break; write the register as JSON instead",
                    field=where,
                )
            cell = sheet.cell(row=r, column=n)
            try:
                cell.value = value
            except IllegalCharacterError:
                raise PolicyValueError(
                    f"{where}: {value!r} holds a control character, which a workbook cannot "
                    "hold; write the register as JSON instead",
                    field=where,
                ) from None
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it begins with
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            shown = value.isoformat() if isinstance(value, dt.date) else f"{value}"
            widths[n - 1] = max(widths[n - 1], display_width(shown))
    for n, column in enumerate(table.columns, 1):
        letter = get_column_letter(n)
        sheet.column_dimensions[letter].width = min(widths[n - 1] + 4, 50)
        cells = f"{letter}2:{letter}{_LAST_ROW}"
        choices = CHOICES.get((table.name, column.name))
        if choices is not None:
            listed = ",".join(_choices(choices))
            validation = DataValidation(
                type="list",
                formula1=f'"{listed}"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="不是可选的值",
                error=f"请从下拉列表中选择：{listed}",
                promptTitle=column.zh,
                prompt="请从下拉列表中选择",
            )
        else:
            validation = DataValidation(
                type="custom" if column.kind != DATE else "date",
                operator=None if column.kind != DATE else "greaterThan",
                formula1="TRUE" if column.kind != DATE else "1",
                allow_blank=True,
                showErrorMessage=column.kind == DATE,
                errorTitle="不是日期",
                error="请填写日期，如 2022-03-01",
                promptTitle=column.zh,
                prompt=_PROMPTS.get(column.kind, f"{column.zh}（{column.name}）"),
            )
        validation.showInputMessage = True
        validation.add(cells)
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _instructions(book: Any) -> None:
    from openpyxl.comments import Comment

    sheet = book.create_sheet(SHEETS["instructions"][0], 0)
    lines = [TEMPLATE[key][0] for key in TEMPLATE]
    required = "；".join(
        f"{t.zh}：" + "、".join(c.zh for c in t.columns if c.required) for t in TABLES
    )
    lines.insert(2, f"必填列：{required}")
    note = Comment("\n".join(lines), "innovation-policy")
    note.width = 640
    note.height = 420
    sheet["A1"].comment = note
    sheet.sheet_properties.tabColor = "1F4E79"


def template_bytes(register: Register | None = None) -> bytes:
    """The register workbook (see the module documentation): empty, or holding
    ``register``'s records."""
    if register is not None and not isinstance(register, Register):
        raise PolicyTypeError(
            f"register: {type(register).__name__} is not a Register; give a Register "
            "(read_register(...), example_register()) or None for an empty template",
            field="register",
        )
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    _instructions(book)
    for table in TABLES:
        records = getattr(register, table.name) if register is not None else ()
        _write_table(book, table, records)
    book.active = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(path: str | os.PathLike[str], register: Register | None = None) -> None:
    """Write the register workbook to ``path`` (an ``.xlsx`` file), whole or not at all:
    empty to fill in, or holding ``register``'s records (``example_register()`` for the
    example). Needs openpyxl (``pip install 'innovation-policy[xlsx]'``)."""
    target = os.fspath(path)
    if not target.lower().endswith(".xlsx"):
        raise PolicyValueError(
            f"path: {target!r} does not end in .xlsx; a register workbook is an .xlsx file",
            field="path",
        )
    write_output(target, template_bytes(register))
