"""The command line: every command, format and error, in-process through ``main(argv)``
(so coverage sees them), and a few runs of the installed console script.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import innovation_policy as ip
from innovation_policy import _cli, target_progress
from innovation_policy._cli import _common, _output, build_parser, main
from innovation_policy._render import display_width, pad, table
from tests.test_readers import example_document, write_csv_folder, write_workbook

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("assess", "--example")`` → (exit status, stdout, stderr)."""

    def call(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def _json(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def _validate(document: Any, name: str) -> None:
    jsonschema.validate(json.loads(json.dumps(document, default=str)), ip.schema(name))


def _example_json(tmp_path: Path) -> Path:
    path = tmp_path / "register.json"
    path.write_text(ip.example_register_json(), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------
# The parser.


def test_build_parser_has_every_command() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    for command in ("assess", "audit", "targets", "explain", "compare", "clauses", "example"):
        assert command in help_text
    args = parser.parse_args(["assess", "--example", "--format", "json", "--lang", "en"])
    assert (args.command, args.example, args.format, args.lang) == ("assess", True, "json", "en")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nonsense"],
        ["assess"],
        ["assess", "r.json", "--example"],
        ["assess", "--example", "--format", "xml"],
        ["assess", "--example", "--lang", "fr"],
        ["assess", "--example", "--reading", "upgrade"],
        ["assess", "--example", "--reading", "colour=red"],
        ["assess", "--example", "--reading", "city=never"],
        ["targets", "--example", "--as-of", "2024-02-30"],
        ["explain", "--example"],
        ["example", "--format", "csv"],
        ["clauses", "--policy", "p.json"],
    ],
)
def test_bad_usage_exits_2_with_a_message(run: Run, argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert "error:" in err
    assert "Traceback" not in err


def test_an_exit_without_a_number_is_a_usage_error() -> None:
    assert _output._exit_status(None) == 0
    assert _output._exit_status("a message") == 2


def test_help_and_version_exit_0(run: Run) -> None:
    status, out, _ = run("--help")
    assert status == 0
    assert "usage: innovation-policy" in out
    status, out, _ = run("assess", "--help")
    assert status == 0
    assert "上级扶持经费" in out  # the epilog lists the Chinese headers
    status, out, _ = run("--version")
    assert status == 0
    assert out.startswith("innovation-policy ")


# ----------------------------------------------------------------------------------------
# assess.


def test_assess_json_is_the_librarys_document_and_valid(run: Run) -> None:
    status, out, err = run("assess", "--example", "--format", "json")
    assert (status, err) == (0, "")
    assert out == ip.assess(ip.example_register()).to_json("zh") + "\n"
    _validate(_json(out), "assessment")
    status, out_en, _ = run("assess", "--example", "--format", "json", "--lang", "en")
    assert out_en == ip.assess(ip.example_register()).to_json("en") + "\n"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: _example_json(p), id="json"),
        pytest.param(lambda p: write_csv_folder(p / "csv"), id="csv-english"),
        pytest.param(lambda p: write_csv_folder(p / "csv", zh=True, bom=False), id="csv-chinese"),
        pytest.param(lambda p: write_workbook(p / "r.xlsx"), id="xlsx-english"),
        pytest.param(lambda p: write_workbook(p / "r.xlsx", zh=True), id="xlsx-chinese"),
    ],
)
def test_every_input_format_gives_the_same_json(
    run: Run, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    _, expected, _ = run("assess", "--example", "--format", "json")
    status, out, err = run("assess", make(tmp_path), "--format", "json")
    assert (status, err) == (0, "")
    assert out == expected


def test_assess_text_shows_blocks_warnings_and_district_totals(run: Run) -> None:
    status, out, err = run("assess", "--example")
    assert (status, err) == (0, "")
    assessment = ip.assess(ip.example_register())
    for summary in assessment.platforms:
        assert f"{summary.id}  {summary.platform.name}" in out
    assert "类别：专业研究所  计为：新型研发机构" in out
    assert "依法优先安排建设用地（§6.8）" in out
    totals = assessment.totals
    assert ip.format_yuan(totals.district) in out
    assert ip.format_wan(totals.district) in out
    assert "提示（2）" in out
    for section in ("全区合计", "按年度", "按负责部门", "按类型"):
        assert section in out
    for warning in assessment.warnings:
        assert warning.message("zh") in out
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_assess_text_columns_line_up_by_display_width(run: Run) -> None:
    _, out, _ = run("assess", "--example")
    lines = out.splitlines()
    start = lines.index("P04  海洋渔业科技公共服务平台")
    header = next(n for n in range(start, len(lines)) if lines[n].lstrip().startswith("日期"))
    block = lines[header : header + 5]  # header, rule, two items, total
    ends = {display_width(line) for line in block}
    assert len(ends) == 1, block
    assert block[2].startswith("  2023-05-18  A05 ")


def test_assess_text_in_english(run: Run) -> None:
    status, out, _ = run("assess", "--example", "--lang", "en")
    assert status == 0
    assert "category: professional institute  counts as: new R&D institution" in out
    assert "matching support" in out
    assert "warnings (2)" in out
    assert "District total maximum payable" in out


@pytest.mark.parametrize(("lang", "amount"), [("zh", "金额"), ("en", "amount")])
def test_assess_csv_has_one_row_per_item_summing_to_the_total(
    run: Run, lang: str, amount: str
) -> None:
    status, out, _ = run("assess", "--example", "--format", "csv", "--lang", lang)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assessment = ip.assess(ip.example_register())
    assert len(rows) == len(assessment.items)
    total = sum((Decimal(row[amount]) for row in rows), Decimal(0))
    _, document, _ = run("assess", "--example", "--format", "json")
    assert total == Decimal(_json(document)["totals"]["district"])


def test_a_platform_with_nothing_to_assess_says_so(run: Run, tmp_path: Path) -> None:
    document = {
        "platforms": [{"id": "P1", "name": "甲", "category": "技术创新中心", "industry": "其他"}]
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run("assess", path)
    assert status == 0
    assert "无事项" in out
    assert "非资金待遇" not in out
    _, out, _ = run("assess", path, "--lang", "en")
    assert "no items" in out
    assert "warnings (1)" in out


# ----------------------------------------------------------------------------------------
# --policy and --reading.


def test_policy_and_readings_change_the_result_as_attrs_evolve_does(
    run: Run, tmp_path: Path
) -> None:
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(
        json.dumps(
            {
                "national_match_cap": "8000000",
                "provincial_match_ratio": 0.4,
                "performance_rate": "0.05",
                "plan_end": "2024-12-31",
                "upgrade_reading": "each_approval",
                "county_standard_caps": {"省级": "1500000.00"},
                "bureau_targets": {"区科技局": 7, "区发改委": 2, "区工信局": 2},
            }
        ),
        encoding="utf-8",
    )
    reform = attrs.evolve(
        ip.GANYU_2021,
        national_match_cap=Decimal("8000000"),
        provincial_match_ratio=Decimal("0.4"),
        performance_rate=Decimal("0.05"),
        plan_end=dt.date(2024, 12, 31),
        upgrade_reading=ip.UpgradeReading.EACH_APPROVAL,
        county_standard_caps={ip.Level.PROVINCIAL: Decimal("1500000.00")},
        bureau_targets={
            ip.Bureau.SCIENCE_AND_TECHNOLOGY: 7,
            ip.Bureau.DEVELOPMENT_AND_REFORM: 2,
            ip.Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: 2,
        },
    )
    expected = ip.assess(ip.example_register(), policy=reform).to_json("zh") + "\n"
    status, out, err = run("assess", "--example", "--policy", policy_file, "--format", "json")
    assert (status, err) == (0, "")
    assert out == expected
    assert out != run("assess", "--example", "--format", "json")[1]

    # --reading comes after --policy, so it wins.
    after = attrs.evolve(
        reform, upgrade_reading=ip.UpgradeReading.TOP_UP, city_reading=ip.CityReading.TOP_UP
    )
    status, out, _ = run(
        "assess",
        "--example",
        "--policy",
        policy_file,
        "--reading",
        "upgrade=top_up",
        "--reading",
        "city=TOP_UP",
        "--format",
        "json",
    )
    assert out == ip.assess(ip.example_register(), policy=after).to_json("zh") + "\n"


@pytest.mark.parametrize(
    ("reading", "field", "value"),
    [
        ("upgrade=each_approval", "upgrade_reading", ip.UpgradeReading.EACH_APPROVAL),
        ("city=top_up", "city_reading", ip.CityReading.TOP_UP),
    ],
)
def test_a_reading_alone_changes_the_audit_as_attrs_evolve_does(
    run: Run, reading: str, field: str, value: Any
) -> None:
    policy = attrs.evolve(ip.GANYU_2021, **{field: value})
    findings = ip.audit(ip.example_register(), policy=policy)
    expected = ip.findings_to_json(findings, policy=policy) + "\n"
    status, out, _ = run("audit", "--example", "--reading", reading, "--format", "json")
    assert out == expected
    assert status == (1 if ip.audit(ip.example_register(), policy=policy) else 0)


def test_policy_problems_are_all_reported_by_field(run: Run, tmp_path: Path) -> None:
    policy_file = tmp_path / "p.json"
    policy_file.write_text(
        json.dumps(
            {
                "national_match_cap": "-5",
                "upgrade_reading": "sometimes",
                "nonsense": 1,
                "plan_start": "2021-13-01",
                "national_match_ratio": "x",
                "district_target": 1.5,
                "county_standard_caps": {"省级": "1.001"},
            }
        ),
        encoding="utf-8",
    )
    status, out, err = run("assess", "--example", "--policy", policy_file)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"innovation-policy: --policy {policy_file}: 7 problems found:"
    assert [line.split(":")[0].strip(" -") for line in lines[1:]] == [
        "national_match_cap",
        "upgrade_reading",
        "nonsense",
        "plan_start",
        "national_match_ratio",
        "district_target",
        "county_standard_caps[省级]",
    ]
    assert "is not a field of Policy; valid: national_match_ratio, " in err
    assert "'-5' is negative" in err


def test_a_single_policy_problem_from_policy_itself_is_located(run: Run, tmp_path: Path) -> None:
    policy_file = tmp_path / "p.json"
    policy_file.write_text('{"plan_start": "2026-01-01"}', encoding="utf-8")
    status, _, err = run("assess", "--example", "--policy", policy_file)
    assert status == 2
    assert "  - plan_end: 2025-12-31 is before plan_start 2026-01-01" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        (b"[1, 2]", "is not a JSON object of Policy fields"),
        (b'{"national_match_cap": ', "invalid JSON"),
        (b"\xff\xfe", "is not UTF-8"),
    ],
)
def test_a_policy_file_that_cannot_be_used_is_reported(
    run: Run, tmp_path: Path, content: bytes | None, message: str
) -> None:
    policy_file = tmp_path / "p.json"
    if content is not None:
        policy_file.write_bytes(content)
    status, out, err = run("assess", "--example", "--policy", policy_file)
    assert (status, out) == (2, "")
    assert f"--policy {policy_file}" in err
    assert message in err


def test_policy_and_register_problems_are_reported_together(run: Run, tmp_path: Path) -> None:
    policy_file = tmp_path / "p.json"
    policy_file.write_text('{"performance_cap": "abc"}', encoding="utf-8")
    status, _, err = run("assess", tmp_path / "missing.json", "--policy", policy_file)
    assert status == 2
    assert "--policy" in err
    assert "missing.json: 1 problem found" in err


# ----------------------------------------------------------------------------------------
# Malformed inputs of each format: located messages, exit status 2, no traceback.


def _malformed_csv(tmp_path: Path) -> Path:
    folder = write_csv_folder(tmp_path / "csv")
    text = (folder / "approvals.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    cells = lines[4].split(",")
    cells[3] = "2022x"
    lines[4] = ",".join(cells)
    (folder / "approvals.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _malformed_xlsx(tmp_path: Path) -> Path:
    document = example_document()
    document["reviews"][10]["rating"] = "很好"
    return write_workbook(tmp_path / "r.xlsx", document, zh=True)


def _malformed_json(tmp_path: Path) -> Path:
    document = example_document()
    document["approvals"][3]["superior_funding"] = "1,000"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "located"),
    [
        (_malformed_csv, "approvals.csv line 5, column date: '2022x"),
        (_malformed_xlsx, "sheet 绩效 row 12, column 考核结果: '很好' is not a valid Rating"),
        (_malformed_json, "approvals[3].superior_funding: '1,000' is not an amount"),
    ],
)
@pytest.mark.parametrize("command", ["assess", "audit", "targets"])
def test_malformed_inputs_are_located_and_exit_2(
    run: Run, tmp_path: Path, make: Callable[[Path], Path], located: str, command: str
) -> None:
    path = make(tmp_path)
    status, out, err = run(command, path)
    assert (status, out) == (2, "")
    assert err.startswith(f"innovation-policy: {path}: 1 problem found:\n  - {located}")
    assert "Traceback" not in err


def test_an_empty_or_invalid_json_file_is_reported(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("", encoding="utf-8")
    status, _, err = run("assess", path)
    assert status == 2
    assert "invalid JSON" in err


def test_without_openpyxl_an_xlsx_gets_the_install_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_workbook(tmp_path / "r.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    status, _, err = run("assess", path)
    assert status == 2
    assert "pip install 'innovation-policy[xlsx]'" in err


# ----------------------------------------------------------------------------------------
# audit.


def test_audit_exits_1_with_findings_in_every_format(run: Run) -> None:
    findings = ip.audit(ip.example_register())
    assert findings
    status, out, err = run("audit", "--example")
    assert (status, err) == (1, "")
    assert f"12 笔拨付，{len(findings)} 项存疑" in out
    for finding in findings:
        assert finding.explain("zh") in out
    status, out, _ = run("audit", "--example", "--format", "json", "--lang", "en")
    assert status == 1
    assert out == ip.findings_to_json(findings, "en") + "\n"
    _validate(_json(out), "findings")
    status, out, _ = run("audit", "--example", "--format", "csv", "--lang", "en")
    assert status == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["code"] for row in rows] == [f.code for f in findings]
    assert [int(row["payment"]) for row in rows] == [f.payment for f in findings]
    status, out, _ = run("audit", "--example", "--lang", "en")
    assert "Audit of payments: 12 payments" in out
    assert "overpaid" in out


def test_audit_exits_0_without_findings(run: Run, tmp_path: Path) -> None:
    document = example_document()
    document["payments"] = [
        {"platform": "P01", "date": "2021-08-01", "kind": "matching", "amount": "100.00"}
    ]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for lang, words in (("zh", "未发现问题"), ("en", "No findings")):
        status, out, _ = run("audit", path, "--lang", lang)
        assert status == 0
        assert words in out
    status, out, _ = run("audit", path, "--format", "json")
    assert (status, _json(out)["findings"]) == (0, [])
    status, out, _ = run("audit", path, "--format", "csv", "--lang", "zh")
    assert status == 0
    assert out.splitlines()[0].startswith("拨付,日期,平台编号")


# ----------------------------------------------------------------------------------------
# targets.


def test_targets_as_of_a_date_in_every_format(run: Run) -> None:
    report = target_progress(ip.example_register(), as_of=dt.date(2024, 6, 30))
    status, out, err = run("targets", "--example", "--as-of", "2024-06-30")
    assert (status, err) == (0, "")
    assert out == report.explain("zh") + "\n"
    status, out, _ = run("targets", "--example", "--as-of", "2024-06-30", "--format", "json")
    assert out == report.to_json("zh") + "\n"
    _validate(_json(out), "targets")
    for lang, achieved in (("zh", "完成"), ("en", "achieved")):
        status, out, _ = run(
            "targets", "--example", "--as-of", "2024-06-30", "--format", "csv", "--lang", lang
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(report.lines)
        assert [int(r[achieved]) for r in rows] == [line.achieved for line in report.lines]


def test_targets_default_to_today(run: Run) -> None:
    status, out, _ = run("targets", "--example", "--format", "json")
    assert status == 0
    assert _json(out)["as_of"] == dt.date.today().isoformat()


def test_targets_follow_the_policy(run: Run, tmp_path: Path) -> None:
    policy_file = tmp_path / "p.json"
    policy_file.write_text('{"district_target": 20}', encoding="utf-8")
    _, out, _ = run(
        "targets", "--example", "--as-of", "2023-01-01", "--policy", policy_file, "--lang", "en"
    )
    policy = attrs.evolve(ip.GANYU_2021, district_target=20)
    report = target_progress(ip.example_register(), as_of=dt.date(2023, 1, 1), policy=policy)
    assert out == report.explain("en") + "\n"


# ----------------------------------------------------------------------------------------
# explain.


def test_explain_shows_every_item_step_by_step(run: Run) -> None:
    assessment = ip.assess(ip.example_register())
    items = assessment.items_of("P04")
    status, out, err = run("explain", "--example", "P04")
    assert (status, err) == (0, "")
    assert out.startswith("P04  海洋渔业科技公共服务平台\n")
    for item in items:
        assert item.explain("zh") in out
    status, out, _ = run("explain", "--example", "P04", "--lang", "en")
    for item in items:
        assert item.explain("en") in out


def test_explain_json_and_csv(run: Run) -> None:
    items = ip.assess(ip.example_register()).items_of("P01")
    status, out, _ = run("explain", "--example", "P01", "--format", "json")
    document = _json(out)
    assert status == 0
    assert document["platform"]["id"] == "P01"
    assert [a["item"] for a in document["awards"]] == [i.item for i in items]
    assert [len(a["steps"]) for a in document["awards"]] == [len(i.steps) for i in items]
    assert document["awards"][0]["steps"][0]["clauses"] == list(items[0].steps[0].clauses)
    status, out, _ = run("explain", "--example", "P01", "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(len(i.steps) + 1 for i in items)
    finals = [r for r in rows if r["step"] == ""]
    assert [Decimal(r["amount"]) for r in finals] == [i.amount for i in items]


def test_explain_an_unknown_platform_lists_the_ids(run: Run) -> None:
    status, out, err = run("explain", "--example", "P99")
    assert (status, out) == (2, "")
    assert "'P99' is not a platform of the register; ids: P01, P02" in err


def test_explain_cuts_a_long_list_of_ids(run: Run, tmp_path: Path) -> None:
    platforms = [
        {"id": f"Q{n:03}", "name": "甲", "category": "技术创新中心", "industry": "新能源"}
        for n in range(30)
    ]
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"platforms": platforms}, ensure_ascii=False), encoding="utf-8")
    status, _, err = run("explain", path, "P99")
    assert status == 2
    assert "Q019, … (30 platforms)" in err
    status, out, _ = run("explain", path, "Q001")
    assert status == 0
    assert "无事项" in out


# ----------------------------------------------------------------------------------------
# clauses.


def test_the_clause_catalogue_in_every_format(run: Run) -> None:
    status, out, _ = run("clauses")
    assert status == 0
    for clause in ip.CLAUSES.values():
        assert clause.text in out
    _, out, _ = run("clauses", "--lang", "en")
    assert "§6.3  rule     National approval" in out
    _, out, _ = run("clauses", "--format", "json")
    assert [c["id"] for c in _json(out)["clauses"]] == list(ip.CLAUSES)
    for lang, header in (("zh", "编号"), ("en", "id")):
        _, out, _ = run("clauses", "--format", "csv", "--lang", lang)
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r[header] for r in rows] == list(ip.CLAUSES)


@pytest.mark.parametrize("given", ["§6.3", "6.3"])
def test_one_clause_with_readings_and_implementations(run: Run, given: str) -> None:
    status, out, _ = run("clauses", given)
    assert status == 0
    clause = ip.clause("§6.3")
    assert out.startswith("§6.3  规则\n")
    assert f"原文：{clause.text}" in out
    assert clause.gloss not in out  # the gloss is English: zh output has none (issue 13)
    assert "1. 同一平台的升级（可切换：升级口径（解读1））" in out
    assert "实现：" + ", ".join(ip.implemented_by("§6.3")) in out
    _, out, _ = run("clauses", given, "--format", "json")
    document = _json(out)
    assert document["id"] == "§6.3"
    assert [r["number"] for r in document["readings"]] == [1, 5, 7, 8, 10, 11]
    assert document["implemented_by"] == list(ip.implemented_by("§6.3"))
    _, out, _ = run("clauses", given, "--format", "csv")
    assert len(list(csv.reader(io.StringIO(out)))) == 2


@pytest.mark.parametrize("number", list(ip.READINGS))
def test_a_reading_is_named_and_glossed_in_chinese_in_chinese_output(run: Run, number: int) -> None:
    reading = ip.reading(number)
    _, out, _ = run("clauses", reading.clauses[0])
    assert f"  {number}. {reading.title_zh}" in out
    assert f"     {reading.text_zh}\n" in out
    assert reading.text not in out
    assert reading.title not in out
    _, out, _ = run("clauses", reading.clauses[0], "--lang", "en")
    assert f"  {number}. {reading.title} ({reading.title_zh})" in out
    assert f"     {reading.text}\n" in out
    assert reading.text_zh not in out
    _, out, _ = run("clauses", reading.clauses[0], "--format", "json")
    (entry,) = [r for r in _json(out)["readings"] if r["number"] == number]
    assert (entry["title_zh"], entry["text_zh"]) == (reading.title_zh, reading.text_zh)


def test_a_clause_without_readings_or_implementations(run: Run) -> None:
    status, out, _ = run("clauses", "§0", "--lang", "en")
    assert status == 0
    assert "readings: none" in out
    assert "implemented by: none" in out
    assert "§A.T" in run("clauses", "a.t")[1]


def test_an_unknown_clause_lists_the_ids(run: Run) -> None:
    status, out, err = run("clauses", "§9.9")
    assert (status, out) == (2, "")
    assert "'§9.9' is not a clause id; valid: §0, §1" in err


# ----------------------------------------------------------------------------------------
# example, and the round trip.


def test_example_writes_the_shipped_register(run: Run) -> None:
    status, out, _ = run("example")
    assert status == 0
    assert ip.Register.from_json(out) == ip.example_register()
    _validate(_json(out), "register")


def test_example_round_trip(run: Run, tmp_path: Path) -> None:
    _, document, _ = run("example")
    path = tmp_path / "file.json"
    path.write_text(document, encoding="utf-8")
    assert run("assess", path) == run("assess", "--example")


# ----------------------------------------------------------------------------------------
# --output: the file is written whole or not at all.


def test_output_writes_the_file_and_nothing_to_stdout(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    status, out, err = run("assess", "--example", "--format", "json", "--output", target)
    assert (status, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == run("assess", "--example", "--format", "json")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_csv_output_gets_a_byte_order_mark_for_excel(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    status, _, _ = run("assess", "--example", "--format", "csv", "--output", target)
    assert status == 0
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig") == run("assess", "--example", "--format", "csv")[1]


def test_audit_output_keeps_exit_status_1(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "findings.txt"
    status, out, _ = run("audit", "--example", "--output", target)
    assert (status, out) == (1, "")
    assert "项存疑" in target.read_text(encoding="utf-8")


def test_output_replaces_an_existing_file_keeping_its_mode(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("clauses", "--output", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("赣榆区")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_nothing_behind(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    status, out, err = run("clauses", "--output", target)
    assert (status, out) == (2, "")
    assert "cannot be written: No space left on device" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_no_file_is_written_when_the_input_is_wrong(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    status, _, _ = run("assess", tmp_path / "missing.json", "--output", target)
    assert status == 2
    assert not target.exists()


def test_an_output_folder_that_does_not_exist_is_reported(run: Run, tmp_path: Path) -> None:
    status, _, err = run("clauses", "--output", tmp_path / "no" / "out.txt")
    assert status == 2
    assert "cannot be written" in err


# ----------------------------------------------------------------------------------------
# Broken pipes, interrupts and progress.


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_pipe_is_quiet_and_keeps_the_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["clauses"]) == 0
    assert main(["audit", "--example"]) == 1
    assert capsys.readouterr().err == ""


def test_an_interrupt_exits_130_without_a_traceback(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli._assess, "assess", interrupted)
    status, out, err = run("assess", "--example")
    assert (status, out, err) == (130, "", "innovation-policy: interrupted\n")


@pytest.fixture
def large_register(tmp_path: Path) -> Path:
    count = _cli.PROGRESS_THRESHOLD + 1
    platforms = [
        {"id": f"P{n:05}", "name": "平台", "category": "新型研发机构", "industry": "新能源"}
        for n in range(count)
    ]
    approvals = [{"platform": "P00001", "level": "市级", "date": "2022-01-01"}]
    path = tmp_path / "large.json"
    path.write_text(
        json.dumps({"platforms": platforms, "approvals": approvals}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["assess", "audit", "targets"])
def test_a_large_register_shows_progress_on_a_terminal(
    run: Run, large_register: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, out, err = run(command, large_register)
    assert status == 0
    assert out
    assert "5,001 platforms read" in err
    assert err.endswith("\r\x1b[K")  # the progress line is cleared at the end
    if command == "assess":
        assert "formatting 5,000/5,001 platforms" in err


def test_a_large_register_shows_no_progress_elsewhere(
    run: Run, large_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    status, out, err = run("assess", large_register, "--format", "csv")
    assert (status, err) == (0, "")
    assert out


def test_a_small_register_shows_no_progress_on_a_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, _, err = run("assess", "--example")
    assert (status, err) == (0, "")


def test_progress_is_cleared_when_the_input_fails(
    capsys: pytest.CaptureFixture[str], large_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["explain", str(large_register), "nope"]) == 2
    err = capsys.readouterr().err
    assert "\r\x1b[Kinnovation-policy: explain: 'nope' is not a platform" in err


def test_a_stderr_without_isatty_is_no_terminal() -> None:
    assert not _common._is_terminal(io.StringIO())
    closed = io.StringIO()
    closed.close()
    assert not _common._is_terminal(closed)


# ----------------------------------------------------------------------------------------
# The text helpers.


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("P01") == 3
    assert display_width("区科技局") == 8
    assert display_width("（筹）") == 6
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert pad("区", 4) == "区  "
    assert pad("区", 4, ">") == "  区"
    assert pad("区科技局", 2) == "区科技局"


def test_table_aligns_by_display_width() -> None:
    lines = table(["名称", "金额"], [["区科技局", "1.00"], ["x", "10.00"]], align="<>")
    assert lines == ["名称       金额", "--------  -----", "区科技局   1.00", "x         10.00"]
    with pytest.raises(ValueError, match="one cell per header"):
        table(["a"], [["1", "2"]])


# ----------------------------------------------------------------------------------------
# The installed console script, as a user runs it.


def _console_script() -> str:
    beside = os.path.join(os.path.dirname(sys.executable), "innovation-policy")
    found = beside if os.path.exists(beside) else shutil.which("innovation-policy")
    # The tests run against the installed package: its console script must be there.
    assert found is not None, "the innovation-policy console script is not installed"
    return found


def test_the_console_script_assesses_the_example_as_main_does(run: Run) -> None:
    result = subprocess.run(
        [_console_script(), "assess", "--example", "--format", "json"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("utf-8") == run("assess", "--example", "--format", "json")[1]


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "innovation_policy", "audit", "--example", "--lang", "en"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert b"Audit of payments" in result.stdout


def test_the_console_script_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [_console_script(), "assess", str(tmp_path / "missing.json")],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"Traceback" not in result.stderr
    assert b"cannot be read" in result.stderr


def test_the_console_script_is_quiet_on_a_broken_pipe() -> None:
    process = subprocess.Popen(
        [_console_script(), "assess", "--example"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # like `| head` that has seen enough
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert error == b""


# ----------------------------------------------------------------------------------------
# Edges of the command line that only show outside a test: a real broken pipe on a file
# descriptor, ``python -m innovation_policy`` in this process, a source tree not installed.


def test_after_a_broken_pipe_what_is_left_of_stdout_goes_to_dev_null(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real pipe whose reader has gone (like `| head`): writing raises BrokenPipeError.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", encoding="utf-8", closefd=True) as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["clauses"]) == 0
        assert capsys.readouterr().err == ""
        # The descriptor now points at /dev/null: a later write or flush at exit is quiet.
        assert os.write(stdout.fileno(), b"more") == 4
        monkeypatch.undo()


def test_python_dash_m_runs_main_and_exits_with_its_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `python -m innovation_policy audit --example`, in this process so coverage sees it;
    # the example has payments to question, so the exit status is 1.
    import runpy

    monkeypatch.setattr(sys, "argv", ["innovation-policy", "audit", "--example", "--lang", "en"])
    monkeypatch.delitem(sys.modules, "innovation_policy.__main__", raising=False)
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("innovation_policy", run_name="__main__")
    assert exited.value.code == 1
    assert "Audit of payments" in capsys.readouterr().out


def test_the_version_is_unknown_when_the_package_is_not_installed(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import metadata

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    status, out, _ = run("--version")
    assert (status, out) == (0, "innovation-policy unknown\n")
