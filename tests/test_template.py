"""The register workbook to fill in (issue 13): ``innovation-policy template FILE.xlsx``,
with the sheets and headers the reader accepts, drop-down lists and formats; written
with a register, it reads back as the same register."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings

import innovation_policy as ip
from innovation_policy._cli import main
from innovation_policy._readers import TABLES
from innovation_policy._template import CHOICES, template_bytes
from tests.register_strategies import registers

Run = Callable[..., tuple[int, str, str]]

# What a workbook cannot hold (and a carriage return, which it reads back as a line break:
# the template refuses it).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\015]|[\016-\037]")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_the_example_template_reads_back_as_the_example_register(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    assert run("template", path, "--example") == (0, "", "")
    assert ip.read_register(path) == ip.example_register()
    status, out, _ = run("assess", path)
    assert status == 0
    assert "53,353,456.78" in out


def test_example_format_xlsx_writes_the_same_workbook(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    assert run("example", "--format", "xlsx", "--output", path)[0] == 0
    assert ip.read_register(path) == ip.example_register()


def test_the_empty_template_has_every_table_its_headers_lists_and_instructions(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "t.xlsx"
    assert run("template", path)[0] == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明", *(t.zh for t in TABLES)]
    note = book["说明"]["A1"].comment
    assert note is not None
    assert "未知" in note.text
    assert "必填列" in note.text
    for table in TABLES:
        sheet = book[table.zh]
        assert [c.value for c in sheet[1]] == [c.zh for c in table.columns]
        assert sheet.freeze_panes == "A2"
        for n, column in enumerate(table.columns):
            assert sheet.cell(row=1, column=n + 1).font.b
            red = sheet.cell(row=1, column=n + 1).font.color
            assert (red is not None and red.rgb == "00C00000") == column.required
    register = ip.read_register(path)
    assert register.platforms == ()


@pytest.mark.parametrize(("table", "column"), list(CHOICES))
def test_every_label_column_has_a_drop_down_of_every_label(
    tmp_path: Path, table: str, column: str
) -> None:
    path = tmp_path / "t.xlsx"
    ip.write_template(path)
    spec = next(t for t in TABLES if t.name == table)
    sheet = openpyxl.load_workbook(path)[spec.zh]
    letter = "ABCDEFG"[[c.name for c in spec.columns].index(column)]
    (validation,) = [
        v
        for v in sheet.data_validations.dataValidation
        if v.type == "list" and letter + "2" in v.sqref
    ]
    labels = validation.formula1.strip('"').split(",")
    kind = CHOICES[(table, column)]
    expected = [k.zh for k in ip.Kind] if kind is ip.Kind else [str(m.value) for m in kind]
    assert labels == expected
    assert validation.showErrorMessage


def test_dates_and_money_are_typed_and_formatted(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    ip.write_template(path, ip.example_register())
    sheet = openpyxl.load_workbook(path)["认定"]
    date, funding = sheet["D2"], sheet["E2"]
    assert isinstance(date.value, dt.datetime)
    assert date.number_format == "yyyy-mm-dd"
    assert isinstance(funding.value, (int, float))
    assert funding.number_format == "#,##0.00"


def test_unknown_amounts_and_recorded_empty_co_builders_read_back(tmp_path: Path) -> None:
    example = ip.example_register()
    institute = next(p for p in example.platforms if p.co_builders is not None)
    platforms = tuple(
        ip.Platform(
            id=p.id,
            name=p.name,
            category=p.category,
            industry=p.industry,
            park=p.park,
            co_builders=frozenset(),
        )
        if p is institute
        else p
        for p in example.platforms
    )
    first = example.approvals[0]
    approvals = (
        ip.Approval(
            platform=first.platform,
            level=first.level,
            date=first.date,
            superior_funding=None,
            city_award=first.city_award,
            id=first.id,
        ),
        *example.approvals[1:],
    )
    register = ip.Register(
        platforms=platforms,
        approvals=approvals,
        reviews=example.reviews,
        case_decisions=example.case_decisions,
        payments=example.payments,
    )
    path = tmp_path / "t.xlsx"
    ip.write_template(path, register)
    assert ip.read_register(path) == register
    assert openpyxl.load_workbook(path)["认定"]["E2"].value == "未知"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(register=registers())
def test_writing_a_register_as_a_workbook_and_reading_it_back_is_the_identity(
    register: ip.Register, tmp_path: Path
) -> None:
    """The template holds a register exactly: read_register(write_template(r)) == r
    (every table, label, date, amount to the fen and unknown amount; §6.3–§6.6)."""
    assume(not any(_ILLEGAL.search(p.name) for p in register.platforms))
    path = tmp_path / "r.xlsx"
    path.write_bytes(template_bytes(register))
    assert ip.read_register(path) == register


def test_a_name_with_a_control_character_is_refused_naming_the_cell(tmp_path: Path) -> None:
    example = ip.example_register()
    first = example.platforms[0]
    platform = ip.Platform(
        id=first.id, name="甲\x01乙", category=first.category, industry=first.industry
    )
    register = ip.Register(platforms=(platform,))
    with pytest.raises(ip.PolicyValueError, match=r"sheet 平台 row 2 \(名称\).*control character"):
        ip.write_template(tmp_path / "t.xlsx", register)
    assert not (tmp_path / "t.xlsx").exists()
    # A carriage return would come back as a line break: refused too, not changed.
    returned = ip.Register(platforms=(attrs.evolve(platform, name="甲\r乙"),))
    with pytest.raises(ip.PolicyValueError, match=r"\(名称\).*carriage return"):
        ip.write_template(tmp_path / "t.xlsx", returned)


def test_an_amount_the_workbook_cannot_hold_is_refused(tmp_path: Path) -> None:
    example = ip.example_register()
    decision = ip.CaseDecision(
        platform=example.platforms[0].id,
        date=dt.date(2023, 1, 1),
        amount=Decimal("10000000000000.00"),
        reference="x",
        id="C9",
    )
    register = ip.Register(platforms=example.platforms[:1], case_decisions=(decision,))
    with pytest.raises(ip.PolicyValueError, match="15 or more significant digits"):
        template_bytes(register)


def test_write_template_refuses_a_path_that_is_not_xlsx_and_a_non_register(tmp_path: Path) -> None:
    with pytest.raises(ip.PolicyValueError, match=r"does not end in \.xlsx"):
        ip.write_template(tmp_path / "t.csv")
    with pytest.raises(ip.PolicyTypeError, match="is not a Register"):
        ip.write_template(tmp_path / "t.xlsx", {"platforms": []})  # type: ignore[arg-type]


def test_the_template_command_refuses_another_suffix(run: Run, tmp_path: Path) -> None:
    status, _, err = run("template", tmp_path / "t.json")
    assert status == 2
    assert "a .json file" in err
    status, _, err = run("template", tmp_path / "t")
    assert status == 2
    assert "FILE.xlsx" in err
