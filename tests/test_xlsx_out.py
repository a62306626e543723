"""Results as Excel workbooks (issue 13): ``--format xlsx`` for assess, audit, targets and
compare, as a clerk opens them: real numbers and dates, frozen headers, the policy on
its own sheet, nothing evaluated; and the same neutralisation of formulas in CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import innovation_policy as ip
from innovation_policy._cli import main
from innovation_policy._render import neutral
from innovation_policy._xlsx_out import exact_amount

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("assess", "--example")`` → (exit status, stdout, stderr)."""

    def call(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def _rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def _register_with(tmp_path: Path, **changes: Any) -> Path:
    document = json.loads(ip.example_register_json())
    for table, (index, field, value) in changes.items():
        document[table][index][field] = value
    path = tmp_path / "register.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# assess


@pytest.mark.clause("§6.3", "§6.4", "§6.6")
def test_an_assessment_workbook_holds_real_numbers_and_dates(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    status, out, err = run("assess", "--example", "--format", "xlsx", "--output", path)
    assert (status, out, err) == (0, "", "")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "事项",
        "平台",
        "合计",
        "按年度",
        "按应付年度",
        "按负责部门",
        "按园区",
        "按类型",
        "按类别",
        "按级别",
        "提示",
        "政策",
    ]
    items = book["事项"]
    assert items.freeze_panes == "A2"
    header = [c.value for c in items[1]]
    assert header[:3] == ["事项", "平台编号", "名称"]
    amount = header.index("金额（元）") + 1
    date = header.index("日期") + 1
    cells = [row[amount - 1] for row in items.iter_rows(min_row=2)]
    assert all(isinstance(c.value, (int, float)) for c in cells)
    assert {c.number_format for c in cells} == {"#,##0.00"}
    total = sum(Decimal(repr(c.value)) for c in cells)
    assessment = ip.assess(ip.example_register())
    assert total == assessment.totals.district
    first = items.cell(row=2, column=date)
    assert isinstance(first.value, dt.datetime)
    assert first.value.date() == assessment.items[0].date
    assert first.number_format == "yyyy-mm-dd"
    assert items.column_dimensions["C"].width > 10
    by_year = dict(_rows(path, "按年度")[1:])
    assert {y: Decimal(repr(v)) for y, v in by_year.items()} == dict(assessment.totals.by_year)


def test_every_workbook_records_the_policy_with_its_fingerprint(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    policy = tmp_path / "p.json"
    policy.write_text('{"provincial_match_ratio": "0.3"}', encoding="utf-8")
    assert (
        run("assess", "--example", "--policy", policy, "--format", "xlsx", "--output", path)[0] == 0
    )
    rows = dict(_rows(path, "政策")[1:])
    loaded = ip.load_policy(policy)
    assert rows["fingerprint"] == ip.policy_fingerprint(loaded)
    assert rows["provincial_match_ratio"] == "0.3"


def test_english_headers_and_sheet_names_with_lang_en(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    run("assess", "--example", "--format", "xlsx", "--lang", "en", "--output", path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "items"
    assert book.sheetnames[-1] == "policy"
    assert [c.value for c in book["items"][1]][:3] == ["item", "platform", "name"]
    assert book["by park"]["A2"].value == "economic development zone"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_formula_looking_name_arrives_as_text_in_xlsx_and_csv(
    run: Run, tmp_path: Path, start: str
) -> None:
    name = f'{start}HYPERLINK("http://x",1)'
    register = _register_with(tmp_path, platforms=(0, "name", name))
    path = tmp_path / "a.xlsx"
    assert run("assess", register, "--format", "xlsx", "--output", path)[0] == 0
    items = openpyxl.load_workbook(path)["平台"]
    cell = next(c for c in items["B"] if c.value == name)
    assert cell.data_type == "s"
    assert cell.quotePrefix
    _, out, _ = run("assess", register, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert any(row[2] == "'" + name for row in rows)
    assert not any(cell.startswith(start) and cell != name for row in rows[1:] for cell in row[2:3])


def test_an_amount_a_workbook_cannot_hold_exactly_is_refused(run: Run, tmp_path: Path) -> None:
    register = _register_with(tmp_path, case_decisions=(0, "amount", "10000000000000.00"))
    path = tmp_path / "a.xlsx"
    status, _, err = run("assess", register, "--format", "xlsx", "--output", path)
    assert status == 2
    assert "15 or more significant digits" in err
    assert "事项!J" in err
    assert not path.exists()
    assert run("assess", register, "--format", "json")[0] == 0  # JSON keeps it exactly


def test_an_amount_finer_than_a_fen_is_refused_by_the_workbook_writer() -> None:
    with pytest.raises(ip.PolicyValueError, match="smaller than a fen"):
        exact_amount(Decimal("1.005"), "sheet!A2")
    assert exact_amount(Decimal("999999999999.99"), "sheet!A2") == Decimal("999999999999.99")
    with pytest.raises(ip.PolicyValueError, match="15 or more"):
        exact_amount(Decimal("1000000000000.00"), "sheet!A2")


# ---------------------------------------------------------------------------------------
# audit, targets, compare


@pytest.mark.clause("§6.7")
def test_the_audit_workbook_lists_every_finding_and_keeps_the_exit_status(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "f.xlsx"
    status, _, _ = run("audit", "--example", "--format", "xlsx", "--output", path)
    assert status == 1
    rows = _rows(path, "审计发现")
    findings = ip.audit(ip.example_register())
    assert len(rows) == len(findings) + 1
    assert [r[5] for r in rows[1:]] == [str(f.code) for f in findings]
    assert rows[1][4] == findings[0].code.label("zh")
    assert Decimal(repr(rows[1][6])) == findings[0].amount


@pytest.mark.clause("§2.2", "§A.T")
def test_the_targets_workbook_has_lines_years_counts_checks_and_policy(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "t.xlsx"
    run("targets", "--example", "--as-of", "2023-06-30", "--format", "xlsx", "--output", path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["目标", "按年度", "平台计数", "目标检查", "政策"]
    report = ip.target_progress(ip.example_register(), as_of=dt.date(2023, 6, 30))
    lines = book["目标"]
    assert lines.max_row == len(report.lines) + 1
    elapsed = lines.cell(row=2, column=12)
    assert elapsed.number_format == "0.0%"
    assert Decimal(repr(elapsed.value)) == report.lines[0].pace.elapsed
    assert book["平台计数"].max_row == len(report.platforms) + 1


@pytest.mark.clause("§6.4")
def test_the_comparison_workbook_sums_to_the_difference(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    argv = ("compare", "--example", "--reading", "upgrade=each_approval")
    assert run(*argv, "--format", "xlsx", "--output", path)[0] == 0
    rows = _rows(path, "事项")
    header = rows[0]
    delta = header.index("差额（元）")
    total = sum(Decimal(repr(r[delta])) for r in rows[1:])
    (comparison,) = ip.compare_policies(
        ip.example_register(),
        ip.GANYU_2021,
        ip.Policy(upgrade_reading=ip.UpgradeReading.EACH_APPROVAL),
    )
    assert total == comparison.total
    sides = {r[0] for r in _rows(path, "政策")[1:]}
    assert sides == {"基准", "改革方案"}
    sweep = tmp_path / "s.xlsx"
    assert run("compare", "--example", "--readings", "--format", "xlsx", "--output", sweep)[0] == 0
    assert len(_rows(sweep, "解读组合")) == 5


# ---------------------------------------------------------------------------------------
# The output file and the format agree, or nothing is written


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["example", "--output", "reg.xlsx"], "a .xlsx file, but the output is json"),
        (["assess", "--example", "--output", "reg.xlsx"], "a .xlsx file, but the output is text"),
        (["assess", "--example", "--format", "xlsx"], "not written to stdout"),
        (["assess", "--example", "--format", "xlsx", "--output", "-"], "not written to stdout"),
        (["assess", "--example", "--format", "xlsx", "--output", "a.txt"], "FILE.xlsx"),
        (["assess", "--example", "--format", "xlsx", "--output", "a.json"], "a .json file"),
        (["explain", "--example", "P01", "--format", "xlsx", "--output", "e.xlsx"], "is for"),
        (["clauses", "--format", "xlsx", "--output", "c.xlsx"], "is for assess"),
    ],
)
def test_a_workbook_of_the_wrong_kind_is_never_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(*argv)
    assert status == 2
    assert message in err
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_without_openpyxl_a_workbook_gets_the_install_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "a.xlsx"
    status, _, err = run("assess", "--example", "--format", "xlsx", "--output", path)
    assert status == 2
    assert "pip install 'innovation-policy[xlsx]'" in err
    assert not path.exists()


# ---------------------------------------------------------------------------------------
# CSV: the same neutralisation


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5.00", "-5.00"),
        ("+12", "+12"),
        ("P01", "P01"),
        ("", ""),
        (7, 7),
    ],
)
def test_csv_text_that_looks_like_a_formula_gets_a_leading_quote(
    cell: object, shown: object
) -> None:
    assert neutral(cell) == shown


def test_a_negative_difference_in_the_comparison_csv_stays_a_number(
    run: Run, tmp_path: Path
) -> None:
    register = _register_with(tmp_path, platforms=(0, "name", "=cmd|' /C calc'!A0"))
    _, out, _ = run("compare", register, "--reading", "upgrade=each_approval", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert any(row[2] == "'=cmd|' /C calc'!A0" for row in rows)
    _, out, _ = run("compare", register, "--policy", _policy(tmp_path), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    deltas = [Decimal(row[8]) for row in rows[1:]]  # plain numbers, no leading quote
    assert any(d < 0 for d in deltas)


def _policy(tmp_path: Path) -> Path:
    path = tmp_path / "lower.json"
    path.write_text('{"provincial_match_ratio": "0.3"}', encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# budget, forecast

AS_OF = dt.date(2023, 6, 30)


@pytest.mark.clause("§6.2", "§6.3", "§6.4", "§6.6", "§4.1", "§4.2", "§4.3")
def test_the_budget_workbook_sums_to_what_is_outstanding(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    argv = ("budget", "--example", "--as-of", AS_OF.isoformat(), "--format", "xlsx")
    assert run(*argv, "--output", path) == (0, "", "")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "应拨付清单",
        "合计",
        "按应付年度",
        "按负责部门",
        "按园区",
        "按类型",
        "按状态",
        "审计发现",
        "政策",
    ]
    result = ip.budget(ip.example_register(), as_of=AS_OF)
    rows = _rows(path, "应拨付清单")
    header = rows[0]
    assert header[:2] == ("平台编号", "事项")
    outstanding = header.index("未付（元）")
    assert len(rows) == len(result.items) + 1
    assert sum(Decimal(repr(r[outstanding])) for r in rows[1:]) == result.totals.outstanding
    assert [r[1] for r in rows[1:]] == [e.item for e in result.items]
    assert rows[1][header.index("状态")] == result.items[0].status.label("zh")
    sheet = book["应拨付清单"]
    assert sheet.freeze_panes == "A2"
    due = sheet.cell(row=2, column=header.index("应付日期") + 1)
    assert isinstance(due.value, dt.datetime)
    assert due.value.date() == result.items[0].due
    assert sheet.cell(row=2, column=outstanding + 1).number_format == "#,##0.00"
    by_year = {y: Decimal(repr(v)) for y, v in _rows(path, "按应付年度")[1:]}
    assert by_year == dict(result.totals.by_due_year)
    assert len(_rows(path, "审计发现")) == len(result.findings) + 1
    policy = dict(_rows(path, "政策")[1:])
    assert policy["fingerprint"] == ip.policy_fingerprint(ip.GANYU_2021)


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A", "§6.3", "§6.4", "§6.6")
def test_the_forecast_workbook_records_its_scenario_and_its_fingerprint(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "f.xlsx"
    scenario = tmp_path / "s.json"
    scenario.write_text(
        json.dumps({"name": "=lean", "bureaus": {"区发改委": {"excellent": "0.5"}}}),
        encoding="utf-8",
    )
    argv = ("forecast", "--example", "--as-of", AS_OF.isoformat(), "--scenario", scenario)
    assert run(*argv, "--format", "xlsx", "--lang", "en", "--output", path) == (0, "", "")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "forecast",
        "forecast lines",
        "approvals by year",
        "assumptions",
        "scenario",
        "policy",
    ]
    result = ip.forecast(ip.example_register(), as_of=AS_OF, scenario=ip.load_scenario(scenario))
    district = _rows(path, "forecast")
    assert district[0] == ("year", "committed (yuan)", "expected (yuan)", "ceiling (yuan)")
    assert [
        (y, Decimal(repr(c)), Decimal(repr(e)), Decimal(repr(m))) for y, c, e, m in district[1:]
    ] == [(f.year, f.committed, f.expected, f.ceiling) for f in result.years]
    lines = _rows(path, "forecast lines")
    assert len(lines) == sum(len(line.years) for line in result.lines) + 1
    for column, field in ((2, "committed"), (3, "expected"), (4, "ceiling")):
        total = sum(Decimal(repr(r[column])) for r in lines[1:])
        assert total == sum(getattr(f, field) for f in result.years)
    assert lines[-1][0] == "any bureau (park and district targets)"
    approvals = _rows(path, "approvals by year")
    assert sum(r[2] for r in approvals[1:]) == sum(line.new_platforms for line in result.lines)
    recorded = dict(_rows(path, "scenario")[1:])
    assert recorded["name"] == "=lean"
    assert recorded["fingerprint"] == result.fingerprint
    assert recorded["caps_used"] == " ".join(f"{b.value}:{n}" for b, n in result.caps_used)
    name = next(c for c in book["scenario"]["B"] if c.value == "=lean")
    assert name.data_type == "s"
    assert name.quotePrefix
    assumptions = _rows(path, "assumptions")
    chance = next(
        r
        for r in assumptions
        if r[0] == "development and reform" and r[1] == "chance of an excellent rating"
    )
    assert chance[2:] == ("0.5", 0, "scenario")
    capped = [r for r in assumptions[1:] if r[4] == "no history: the cap"]
    assert len(capped) == len(result.caps_used)
    assert all(r[2] == "-" for r in capped)
    assert dict(_rows(path, "policy")[1:])["name"] == "GANYU_2021"


def test_a_forecast_without_a_cap_used_leaves_the_cell_empty(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    scenario = tmp_path / "s.json"
    funded = {"funding": {"国家级": "1000000", "省级": "1000000"}}
    scenario.write_text(
        json.dumps({"name": "funded", "bureaus": {b.value: funded for b in ip.Bureau}}),
        encoding="utf-8",
    )
    argv = ("forecast", "--example", "--as-of", "2023-06-30", "--scenario", scenario)
    assert run(*argv, "--format", "xlsx", "--output", path)[0] == 0
    recorded = dict(_rows(path, "情景")[1:])
    assert recorded["caps_used"] is None


def test_a_budget_amount_a_workbook_cannot_hold_is_refused(run: Run, tmp_path: Path) -> None:
    register = _register_with(tmp_path, case_decisions=(0, "amount", "10000000000000.00"))
    path = tmp_path / "b.xlsx"
    argv = ("budget", register, "--as-of", "2025-12-31", "--format", "xlsx", "--output", path)
    status, _, err = run(*argv)
    assert status == 2
    assert "15 or more significant digits" in err
    assert not path.exists()


@pytest.mark.parametrize("command", ["budget", "forecast"])
def test_a_finance_workbook_goes_only_to_an_xlsx_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = (command, "--example", "--as-of", "2023-06-30")
    status, out, err = run(*argv, "--format", "xlsx")
    assert (status, out) == (2, "")
    assert "not written to stdout" in err
    assert run(*argv, "--output", "b.xlsx")[0] == 2
    assert list(tmp_path.iterdir()) == []
