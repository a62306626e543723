"""Results as pandas data frames (issue 13): one row per item or line, exact amounts as
Decimal or int64 fen, labels as categoricals; and totals that pandas reads as tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given

import innovation_policy as ip
from innovation_policy._frames import report_frame
from tests.register_strategies import registers

MID_PLAN = dt.date(2023, 6, 30)


def _assessment() -> ip.Assessment:
    return ip.assess(ip.example_register())


def test_totals_by_year_give_years_as_the_index_and_amounts_as_values() -> None:
    a = _assessment()
    frame = pd.DataFrame({"plan": a.totals.by_year})
    assert list(frame.index) == list(a.totals.by_year)
    assert list(frame["plan"]) == list(a.totals.by_year.values())
    assert frame.loc[2021, "plan"] == Decimal("5600000.00")
    series = pd.Series(a.totals.by_bureau)
    science = ip.Bureau.SCIENCE_AND_TECHNOLOGY
    assert dict(series.items())[science] == a.totals.by_bureau[science]


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.2")
def test_the_assessment_frame_sums_to_the_district_total_exactly() -> None:
    a = _assessment()
    frame = a.to_frame()
    assert len(frame) == len(a.items)
    assert frame["amount"].dtype == object
    assert frame["amount"].sum() == a.totals.district
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["platform"].dtype, pd.CategoricalDtype)
    assert set(frame["kind"].cat.categories) == {"配套支持", "绩效补助", "一事一议"}
    assert frame["date"].dtype.kind == "M"
    grouped = frame.groupby("kind", observed=True)["amount"].sum()
    assert grouped["一事一议"] == a.totals.by_kind[ip.Kind.CASE]


def test_amounts_as_fen_are_int64_and_exact() -> None:
    a = _assessment()
    frame = a.to_frame("en", amounts="fen")
    assert "amount" not in frame
    assert frame["amount_fen"].dtype == "int64"
    assert int(frame["amount_fen"].sum()) == int(a.totals.district * 100)
    assert set(frame["kind"].cat.categories) == {
        "matching support",
        "performance grant",
        "case-by-case",
    }


@given(register=registers())
def test_the_frame_of_any_register_sums_to_its_total(register: ip.Register) -> None:
    """The maximum payable of the district is the sum of its items, to the fen, in either
    form of a frame (§6.2–§6.7)."""
    a = ip.assess(register)
    frame = a.to_frame()
    assert sum(frame["amount"], Decimal("0.00")) == a.totals.district
    assert int(a.to_frame(amounts="fen")["amount_fen"].sum()) == int(a.totals.district * 100)


@pytest.mark.clause("§6.7")
def test_the_findings_frame_has_one_row_per_finding_summing_exactly() -> None:
    findings = ip.audit(ip.example_register())
    frame = ip.findings_frame(findings)
    assert len(frame) == len(findings)
    assert frame["amount"].sum() == sum((f.amount for f in findings), Decimal(0))
    assert list(frame["code"]) == [str(f.code) for f in findings]
    assert frame["finding"].iloc[0] == findings[0].code.label("zh")
    fen = ip.findings_frame(findings, "en", "fen")
    assert fen["payable_fen"].dtype == "int64"
    assert int(fen["paid_before_fen"].sum()) == int(sum(f.paid_before for f in findings) * 100)


def test_findings_frame_takes_the_tuple_audit_returns() -> None:
    with pytest.raises(ip.PolicyTypeError, match="findings_frame"):
        ip.findings_frame(iter(()))  # type: ignore[arg-type]
    assert len(ip.findings_frame(())) == 0


@pytest.mark.clause("§2.2", "§4.1", "§A.T")
def test_the_report_frame_has_one_row_per_target_line() -> None:
    report = ip.target_progress(ip.example_register(), as_of=MID_PLAN)
    frame = report.to_frame()
    assert len(frame) == len(report.lines)
    assert list(frame["target"]) == [line.target for line in report.lines]
    assert frame["achieved"].sum() == sum(line.achieved for line in report.lines)
    assert frame["elapsed"].iloc[0] == Decimal("0.4989")
    assert report_frame(report, "en", "fen")["line"].iloc[0] == "district"


@pytest.mark.clause("§6.4", "§6.7")
def test_the_comparison_frame_sums_to_the_difference_exactly() -> None:
    register = ip.example_register()
    (comparison,) = ip.compare_policies(
        register, ip.GANYU_2021, ip.Policy(upgrade_reading=ip.UpgradeReading.EACH_APPROVAL)
    )
    frame = comparison.to_frame()
    assert len(frame) == len(comparison.items)
    assert frame["delta"].sum() == comparison.total
    assert frame["baseline"].sum() == comparison.baseline_totals.total
    fen = comparison.to_frame("en", "fen")
    assert int(fen["alternative_fen"].sum()) == int(comparison.alternative_totals.total * 100)


def test_an_unknown_amounts_form_or_language_is_refused() -> None:
    a = _assessment()
    with pytest.raises(ip.PolicyValueError, match="amounts: 'float'"):
        a.to_frame(amounts="float")
    with pytest.raises(ip.PolicyValueError, match="lang"):
        a.to_frame("fr")
