"""The readers: a register from a folder of CSV files or an .xlsx workbook, with every
problem located in the file's own terms (``approvals.csv line 5, column date``).

The tables are written here, in ``tmp_path``, from the shipped example with the stdlib
``csv`` module and ``openpyxl``; :func:`write_csv_folder` and :func:`write_workbook` are
shared with ``tests/test_cli.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import innovation_policy as ip
from innovation_policy import _readers
from innovation_policy._readers import TABLES, read_csv_folder, read_register, read_workbook

Document = dict[str, list[dict[str, Any]]]


# ----------------------------------------------------------------------------------------
# Writing the example as files.


def example_document() -> Document:
    """The shipped example register as a JSON-like dict (a fresh copy each time)."""
    document: Document = json.loads(ip.example_register_json())
    return document


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


def table_rows(document: Document, table: _readers.Table, *, zh: bool) -> list[list[str]]:
    """A table of a register document as rows of text, the header first."""
    header = [c.zh if zh else c.name for c in table.columns]
    body = [
        [_cell_text(record.get(c.name)) for c in table.columns]
        for record in document.get(table.name, [])
    ]
    return [header, *body]


def write_csv_folder(
    folder: Path, document: Document | None = None, *, zh: bool = False, bom: bool = True
) -> Path:
    """The register as a folder of CSV files, named and headed in English or Chinese."""
    document = example_document() if document is None else document
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        name = table.zh if zh else table.name
        with (folder / f"{name}.csv").open(
            "w", encoding="utf-8-sig" if bom else "utf-8", newline=""
        ) as file:
            csv.writer(file).writerows(table_rows(document, table, zh=zh))
    return folder


def _excel_value(text: str, column: _readers.Column) -> object:
    """A cell as Excel would hold it: dates as dates, amounts and years as numbers."""
    if text == "":
        return None
    if column.kind == _readers.DATE:
        return dt.date.fromisoformat(text)
    if column.kind == _readers.MONEY:
        return text if text.lower() in _readers.UNKNOWN_WORDS else Decimal(text)
    if column.kind == _readers.YEAR:
        return int(text)
    return text


def write_workbook(path: Path, document: Document | None = None, *, zh: bool = False) -> Path:
    """The register as an .xlsx workbook, one sheet per table, typed cells."""
    document = example_document() if document is None else document
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in TABLES:
        sheet = workbook.create_sheet(table.zh if zh else table.name)
        header, *body = table_rows(document, table, zh=zh)
        sheet.append(header)
        for row in body:
            sheet.append([_excel_value(t, c) for t, c in zip(row, table.columns, strict=True)])
    workbook.save(path)
    return path


def problems_of(read: Callable[[], object]) -> list[str]:
    """The located problems a read reports, as ``where: message`` lines."""
    with pytest.raises(ip.InputError) as caught:
        read()
    return [str(p) for p in caught.value.problems]


def _rewrite(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)


# ----------------------------------------------------------------------------------------
# The tables.


def test_the_tables_have_exactly_the_fields_of_the_records() -> None:
    records = {
        "platforms": ip.Platform,
        "approvals": ip.Approval,
        "reviews": ip.Review,
        "case_decisions": ip.CaseDecision,
        "payments": ip.Payment,
    }
    assert [t.name for t in TABLES] == list(records)
    for table in TABLES:
        fields = attrs.fields_dict(records[table.name])
        assert {c.name for c in table.columns} == set(fields)
        for column in table.columns:
            assert column.required == (fields[column.name].default is attrs.NOTHING)
    assert TABLES[0].required
    assert TABLES[1].column("superior_funding").zh == "上级扶持经费"
    with pytest.raises(KeyError):
        TABLES[1].column("nope")


@pytest.mark.parametrize("zh", [False, True], ids=["english", "chinese"])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_the_example_as_csv_reads_back_equal(tmp_path: Path, zh: bool, bom: bool) -> None:
    folder = write_csv_folder(tmp_path / "register", zh=zh, bom=bom)
    assert read_register(folder) == ip.example_register()


@pytest.mark.parametrize("zh", [False, True], ids=["english", "chinese"])
def test_the_example_as_xlsx_reads_back_equal(tmp_path: Path, zh: bool) -> None:
    path = write_workbook(tmp_path / "register.xlsx", zh=zh)
    assert read_register(path) == ip.example_register()


def test_a_json_path_is_read_as_the_register_document(tmp_path: Path) -> None:
    path = tmp_path / "register.JSON"
    path.write_text(ip.example_register_json(), encoding="utf-8")
    assert read_register(path) == ip.example_register()
    path.write_text('{"platforms": [{"id": "P1"}]}', encoding="utf-8")
    found = problems_of(lambda: read_register(path))
    assert "platforms[0].name: is required but missing" in found


def test_a_path_that_is_no_register_says_what_is_expected(tmp_path: Path) -> None:
    found = problems_of(lambda: read_register(tmp_path / "nothing.xlsx"))
    assert found[0].startswith("cannot be read")
    assert "does not exist" in problems_of(lambda: read_register(tmp_path / "missing"))[0]
    single = tmp_path / "platforms.csv"
    single.write_text("id\n", encoding="utf-8")
    assert "give the folder" in problems_of(lambda: read_register(single))[0]
    other = tmp_path / "register.ods"
    other.write_bytes(b"PK")
    assert "save other spreadsheets as .xlsx" in problems_of(lambda: read_register(other))[0]


# ----------------------------------------------------------------------------------------
# CSV.


def test_blank_optional_cells_take_the_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "platforms.csv").write_text(
        "id,name,category,park,industry,co_builders\n"
        'P1,甲,专业研究所,,新能源,"区政府; 园区,江苏省产业技术研究院、人才团队"\n'
        "P2,乙,技术创新中心,赣榆经济开发区,钢铁产业,\n",
        encoding="utf-8",
    )
    (folder / "approvals.csv").write_text(
        "platform,level,date,superior_funding,city_award,id\nP2,省级,2022-03-01,,,\n",
        encoding="utf-8",
    )
    (folder / "payments.csv").write_text(
        "平台编号,日期,类型,金额,年度,对应事项\nP2,2022-05-01,配套支持,100,,\n",
        encoding="utf-8",
    )
    register = read_csv_folder(folder)
    p1, p2 = register.platforms
    assert p1.park is None
    assert p1.co_builders == frozenset(ip.CoBuilder)
    assert p2.co_builders is None
    (approval,) = register.approvals
    assert approval.superior_funding == approval.city_award == Decimal("0.00")
    assert approval.id == "P2/2022-03-01/省级"
    (payment,) = register.payments
    assert payment.kind is ip.Kind.MATCHING
    assert payment.year is None
    assert payment.item is None


def test_cell_problems_are_located_by_physical_line_and_header(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")

    def edit(rows: list[list[str]]) -> None:
        rows[3][4] = "12.345"  # line 4 before the blank line below: becomes line 5
        rows[5][3] = ""
        rows[6][1] = "P99"
        rows.insert(2, [])

    _rewrite(folder / "approvals.csv", edit)
    assert problems_of(lambda: read_register(folder)) == [
        "approvals.csv line 5, column superior_funding: '12.345' has a part smaller than a "
        "fen; expected at most 2 decimal places of yuan",
        "approvals.csv line 7, column date: is blank; a value is required",
        "approvals.csv line 8, column platform: 'P99' is not the id of a platform in the register",
    ]


def test_chinese_headers_are_named_as_the_file_spells_them(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r", zh=True)

    def edit(rows: list[list[str]]) -> None:
        rows[2][3] = "2022/3/1"
        rows[3][2] = "市级以上"

    _rewrite(folder / "认定.csv", edit)
    found = problems_of(lambda: read_register(folder))
    assert found[0].startswith("认定.csv line 3, column 日期: '2022/3/1' is not a date")
    assert found[1].startswith("认定.csv line 4, column 级别: '市级以上' is not a valid Level")


def test_a_quoted_line_break_keeps_later_lines_counted_right(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "platforms.csv").write_text(
        'id,name,category,industry\nP1,"two\nlines",技术创新中心,新能源\nP2,乙,nope,新能源\n',
        encoding="utf-8",
    )
    assert problems_of(lambda: read_register(folder)) == [
        "platforms.csv line 4, column category: 'nope' is not a valid Category; valid: "
        + ip.Category.choices()
    ]


def test_header_problems_are_reported_once_not_per_row(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    _rewrite(folder / "reviews.csv", lambda rows: rows[0].__setitem__(3, "ratin"))

    def approvals(rows: list[list[str]]) -> None:
        rows[0][5] = "superior_funding"  # city_award's column now repeats one
        rows[1].append("stray")

    _rewrite(folder / "approvals.csv", approvals)
    found = problems_of(lambda: read_register(folder))
    assert found == [
        "approvals.csv line 1, column superior_funding: repeats the column "
        "superior_funding; keep one of them",
        "approvals.csv line 2: has a value in column 7, which has no header",
        "reviews.csv line 1, column ratin: is not a column of reviews (绩效); valid: "
        "id (编号), platform (平台编号), year (年度), rating (考核结果), "
        "turnover (技术合同成交额), city_grant (市级补助), date (考核决定日期)",
        "reviews.csv line 1: has no column rating (考核结果), which is required",
    ]


def test_a_duplicate_id_names_the_other_line(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    _rewrite(
        folder / "platforms.csv", lambda rows: rows.append([*rows[1][:1], "另一个", *rows[1][2:]])
    )
    found = problems_of(lambda: read_register(folder))
    assert found == [
        "platforms.csv line 22, column id: 'P01' is already the id of platforms.csv line 2"
    ]


def test_a_derived_id_problem_is_located_without_a_column(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "platforms.csv").write_text(
        "id,name,category,industry\nP1,甲,技术创新中心,新能源\n", encoding="utf-8"
    )
    (folder / "approvals.csv").write_text(
        "platform,level,date\nP1,省级,2022-01-01\nP1,省级,2022-01-01\n", encoding="utf-8"
    )
    found = problems_of(lambda: read_register(folder))
    assert found == [
        "approvals.csv line 3: 'P1/2022-01-01/省级' is already the id of approvals.csv line 2; "
        "approvals, reviews and case decisions each need an id of their own"
    ]


def test_unreadable_tables_do_not_flood_the_report(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "platforms.csv").unlink()
    (folder / "reviews.csv").write_bytes("platform,year,rating\nP01,2022,优秀\n".encode("gbk"))
    (folder / "approval.csv").write_text("id\n", encoding="utf-8")
    (folder / "认定.csv").write_text("id\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a table", encoding="utf-8")
    (folder / "~$platforms.csv").write_text("an Excel lock file", encoding="utf-8")
    found = problems_of(lambda: read_register(folder))
    assert found[0].startswith("approval.csv: is not a table of the register; valid: ")
    assert found[1:] == [
        "platforms.csv: is missing; a register needs platforms.csv (or 平台.csv)",
        "认定.csv: is the same table as approvals.csv; keep one of them",
        "reviews.csv line 2: is not UTF-8 (it looks like GBK, what Excel writes for plain "
        "'CSV' on Chinese Windows): save the file as 'CSV UTF-8' (Excel: 另存为 CSV UTF-8)",
    ]


def test_payments_of_an_unreadable_table_are_not_flagged(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "approvals.csv").write_bytes(b"id,platform\n\xff\xfe\n")
    found = problems_of(lambda: read_register(folder))
    assert found == [
        "approvals.csv line 2: is not UTF-8: save the file as 'CSV UTF-8' (Excel: 另存为 CSV UTF-8)"
    ]


def test_empty_and_broken_files_are_reported(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "payments.csv").write_text("\n\n", encoding="utf-8")
    found = problems_of(lambda: read_register(folder))
    assert found[0] == (
        "payments.csv: is empty; expected a header with the columns platform (平台编号), "
        "date (日期), kind (类型), amount (金额), year (年度), item (对应事项)"
    )


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path) -> None:
    assert problems_of(lambda: read_csv_folder(tmp_path / "absent"))[0].startswith(
        "cannot be read:"
    )


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "payments.csv").unlink()
    (folder / "payments.csv").mkdir()  # a folder named like a file: not opened
    assert problems_of(lambda: read_register(folder))[0] == (
        "payments.csv: is a directory, not a CSV file"
    )


# ----------------------------------------------------------------------------------------
# xlsx.


def _workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


_PLATFORMS: list[Sequence[object]] = [
    ["编号", "名称", "类别", "产业"],
    [1001, "甲", "技术创新中心", "新能源"],
]


def test_excel_number_and_date_cells_become_exact_values(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "r.xlsx",
        {
            "平台": [*_PLATFORMS, [], [None, None, None, None]],
            "认定": [
                ["平台编号", "级别", "日期", "上级扶持经费", "市级奖励"],
                [1001, "国家级", dt.datetime(2022, 3, 1), 1234567.89, 0.1],
            ],
            "绩效": [
                ["平台编号", "年度", "考核结果", "技术合同成交额"],
                [1001.0, 2023.0, "优秀", 5],
            ],
            "Sheet1": [[None], []],
        },
    )
    register = read_workbook(path)
    assert [p.id for p in register.platforms] == ["1001"]
    (approval,) = register.approvals
    assert approval.date == dt.date(2022, 3, 1)
    assert approval.superior_funding == Decimal("1234567.89")
    assert approval.city_award == Decimal("0.10")
    (review,) = register.reviews
    assert (review.platform, review.year, review.turnover) == ("1001", 2023, Decimal("5.00"))


def test_excel_cells_that_are_not_exact_are_refused_where_they_are(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "r.xlsx",
        {
            "平台": _PLATFORMS,
            "认定": [
                ["平台编号", "级别", "日期", "上级扶持经费", "编号"],
                [1001, "省级", dt.datetime(2022, 3, 1, 9, 30), 12.345, 1.5],
                [1001, "省级", "2022-04-01", True, "A2"],
            ],
        },
    )
    assert problems_of(lambda: read_register(path)) == [
        "sheet 认定 row 2, column 日期: 2022-03-01 09:30:00 has a time of day; expected a "
        "date only, like 2022-03-01",
        "sheet 认定 row 2, column 上级扶持经费: the number 12.345 has more than "
        "two decimals (Excel keeps numbers in binary floating point); round it to the fen, "
        "or enter it as text",
        "sheet 认定 row 3, column 上级扶持经费: True is a bool, not money; expected a Decimal "
        "or an int in yuan",
    ]
    register = _workbook(
        tmp_path / "ok.xlsx",
        {
            "平台": _PLATFORMS,
            "认定": [["平台编号", "级别", "日期", "编号"], [1001, "省级", "2022-04-01", 1.5]],
        },
    )
    assert read_register(register).approvals[0].id == "1.5"


def test_sheet_problems_are_reported(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "r.xlsx",
        {
            "approvals": [["platform", "level", "date"]],
            "认定": [["platform"]],
            "说明": [["这是说明"]],
            "Sheet2": [],
            "reviews": [],
        },
    )
    found = problems_of(lambda: read_register(path))
    assert found[0].startswith(
        "sheet 说明: is not a table of the register; valid: platforms (平台)"
    )
    assert found[1:] == [
        "sheet platforms: is missing; a register needs a sheet platforms (or 平台)",
        "sheet 认定: is the same table as sheet approvals; keep one of them",
        "sheet reviews: is empty; expected a header with the columns id (编号), "
        "platform (平台编号), year (年度), rating (考核结果), turnover (技术合同成交额), "
        "city_grant (市级补助), date (考核决定日期)",
    ]


def _with_cached_value(path: Path, value: str | None) -> Path:
    """The workbook with the formula's saved value (as Excel would save it), or none."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and b"<f>" in data and value is not None:
            parts[name] = re.sub(rb"<v\s*/>", f"<v>{value}</v>".encode(), data)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("saved", "expected"), [("2500000", Decimal("2500000.00")), (None, None)])
def test_a_formula_is_read_as_its_saved_value_or_reported(
    tmp_path: Path, saved: str | None, expected: Decimal | None
) -> None:
    path = _workbook(
        tmp_path / "r.xlsx",
        {
            "平台": _PLATFORMS,
            "认定": [
                ["平台编号", "级别", "日期", "上级扶持经费"],
                [1001, "省级", "2022-04-01", "=2*1250000"],
            ],
        },
    )
    _with_cached_value(path, saved)
    if expected is not None:
        assert read_register(path).approvals[0].superior_funding == expected
    else:
        assert problems_of(lambda: read_register(path)) == [
            "sheet 认定 row 2, column 上级扶持经费: has a formula (=2*1250000) but no saved "
            "value; open and save the workbook in Excel, or enter the value itself"
        ]


def test_a_damaged_workbook_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"this is not a zip file")
    assert problems_of(lambda: read_register(path))[0].startswith(
        "is not a readable .xlsx workbook (BadZipFile"
    )


def test_without_openpyxl_the_message_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_workbook(tmp_path / "r.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    found = problems_of(lambda: read_register(path))
    assert found == [
        "reading an .xlsx workbook needs openpyxl, which is not installed; install it "
        "with: pip install 'innovation-policy[xlsx]'"
    ]


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1001.0, _readers.TEXT, "1001"),
        (2023.0, _readers.YEAR, 2023),
        (2023.5, _readers.YEAR, Decimal("2023.5")),
        (6000000.0, _readers.MONEY, Decimal("6000000.0")),
        (1e16, _readers.MONEY, Decimal("1E+16")),
        (0.25, _readers.TEXT, "0.25"),
        (dt.datetime(2022, 3, 1, 9, 30), _readers.MONEY, dt.date(2022, 3, 1)),
        (dt.time(9, 30), _readers.DATE, dt.time(9, 30)),
    ],
)
def test_an_excel_float_becomes_a_decimal_of_its_repr(
    value: object, kind: str, expected: object
) -> None:
    column = _readers.Column("x", "x", kind, required=False)
    converted, problem = _readers._xlsx._excel_cell(value, column)
    assert problem is None
    assert converted == expected
    assert not isinstance(converted, float)


def test_float_noise_is_refused_not_rounded() -> None:
    column = _readers.Column("amount", "金额", _readers.MONEY, required=True)
    converted, problem = _readers._xlsx._excel_cell(0.1 + 0.2, column)
    assert converted is None
    assert problem is not None
    assert problem.startswith("the number 0.30000000000000004 has more than two decimals")


def test_blank_header_cells_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "platforms.csv").write_text(
        "id,,name,category,industry\nP1,,甲,技术创新中心,新能源\n", encoding="utf-8"
    )
    assert read_register(folder).platforms[0].name == "甲"


def test_a_problem_without_a_row_keeps_its_table_name() -> None:
    reading = _readers._tabular._Reading()
    reading.sheets["platforms"] = _readers._tabular._Sheet(TABLES[0], "platforms.csv", "line")
    located = _readers._tabular._locate(
        reading, ip.Problem("platforms", ip.ProblemCode.WRONG_TYPE, "is not a list of records")
    )
    assert located is not None
    assert str(located[1]) == "platforms.csv: is not a list of records"
    other = _readers._tabular._locate(reading, ip.Problem("$", ip.ProblemCode.INVALID, "is wrong"))
    assert other is not None
    assert str(other[1]) == "$: is wrong"


@pytest.mark.parametrize("word", ["unknown", "未知", "UNKNOWN"])
def test_an_amount_recorded_as_unknown_is_read_from_a_csv_folder_and_a_workbook(
    tmp_path: Path, word: str
) -> None:
    document = example_document()
    document["approvals"][0]["superior_funding"] = word
    document["reviews"][0]["turnover"] = word
    csv_register = _readers.read_register(write_csv_folder(tmp_path / "csv", document))
    xlsx_register = _readers.read_register(write_workbook(tmp_path / "r.xlsx", document))
    for register in (csv_register, xlsx_register):
        assert register.approvals[0].superior_funding is None
        assert register.reviews[0].turnover is None
        assert register.approvals[1].superior_funding is not None


def test_a_cited_row_and_a_located_field_are_looked_up_not_read_from_the_message(
    tmp_path: Path,
) -> None:
    """The register's problem cites ``platforms[0]``; the reader names it by its line,
    and the message's text (an id that looks like a path) is left as it is."""
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "platforms.csv").write_text(
        "id,name,category,industry\n"
        "approvals[0],甲,技术创新中心,新能源\n"
        "\n"
        "approvals[0],乙,技术创新中心,新能源\n",
        encoding="utf-8",
    )
    with pytest.raises(ip.InputError) as raised:
        read_register(folder)
    (problem,) = raised.value.problems
    assert str(problem) == (
        "platforms.csv line 4, column id: 'approvals[0]' is already the id of platforms.csv line 2"
    )
    assert problem.path == ("platforms", 1, "id")
    assert problem.cites == (("platforms", 0),)
    assert problem.code is ip.ProblemCode.DUPLICATE_ID
    assert problem.value == "approvals[0]"
