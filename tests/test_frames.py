"""Results as pandas data frames (issue 13): one row per item or line, exact amounts as
Decimal or int64 fen, labels as categoricals; and totals that pandas reads as tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings

import innovation_policy as ip
from innovation_policy._frames import report_frame
from tests.register_strategies import dates, registers

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


# ---------------------------------------------------------------------------------------
# budget, forecast


@pytest.mark.clause("§6.2", "§6.3", "§6.4", "§6.6", "§4.1", "§4.2", "§4.3")
def test_the_budget_frame_sums_to_what_is_outstanding_exactly() -> None:
    result = ip.budget(ip.example_register(), as_of=MID_PLAN)
    frame = result.to_frame()
    assert len(frame) == len(result.items)
    assert list(frame["item"]) == [e.item for e in result.items]
    assert frame["outstanding"].dtype == object
    assert frame["outstanding"].sum() == result.totals.outstanding
    assert frame["payable"].sum() == sum(e.payable for e in result.items)
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert frame["due"].dtype.kind == "M"
    by_bureau = frame.groupby("bureau", observed=True)["outstanding"].sum()
    science = ip.Bureau.SCIENCE_AND_TECHNOLOGY
    assert by_bureau[science.label("zh")] == result.totals.by_bureau[science]
    fen = result.to_frame("en", "fen")
    assert fen["outstanding_fen"].dtype == "int64"
    assert int(fen["outstanding_fen"].sum()) == int(result.totals.outstanding * 100)
    assert int(fen["paid_fen"].sum()) == int(sum(e.paid for e in result.items) * 100)
    assert set(fen["status"].cat.categories) <= {s.label("en") for s in ip.BudgetStatus}


@settings(max_examples=25)
@given(register=registers(), as_of=dates())
def test_the_budget_frame_of_any_register_sums_to_its_outstanding_total(
    register: ip.Register, as_of: dt.date
) -> None:
    """What is outstanding as of a date is the sum of the list's items, to the fen, in
    either form of a frame (§6.2–§6.6)."""
    result = ip.budget(register, as_of=as_of)
    assert sum(result.to_frame()["outstanding"], Decimal("0.00")) == result.totals.outstanding
    fen = result.to_frame(amounts="fen")["outstanding_fen"]
    assert int(fen.sum()) == int(result.totals.outstanding * 100)


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A")
def test_the_forecast_frame_sums_by_year_to_the_district_exactly() -> None:
    result = ip.forecast(ip.example_register(), as_of=MID_PLAN)
    frame = result.to_frame()
    assert len(frame) == sum(len(line.years) for line in result.lines)
    assert isinstance(frame["line"].dtype, pd.CategoricalDtype)
    by_year = frame.groupby("year")[["committed", "expected", "ceiling"]].sum()
    for figures in result.years:
        assert by_year.loc[figures.year, "committed"] == figures.committed
        assert by_year.loc[figures.year, "expected"] == figures.expected
        assert by_year.loc[figures.year, "ceiling"] == figures.ceiling
    assert frame["new_platforms"].sum() == sum(line.new_platforms for line in result.lines)
    fen = result.to_frame("en", "fen")
    assert fen["ceiling_fen"].dtype == "int64"
    assert int(fen["expected_fen"].sum()) == int(sum(f.expected for f in result.years) * 100)
    assert fen["line"].iloc[-1] == "any bureau (park and district targets)"
    assert fen["line"].iloc[0] == ip.Bureau.SCIENCE_AND_TECHNOLOGY.label("en")


@settings(max_examples=25)
@given(register=registers(), as_of=dates())
def test_the_forecast_frame_of_any_register_sums_to_the_district(
    register: ip.Register, as_of: dt.date
) -> None:
    """The district's committed, expected and ceiling in a year are the sums of its
    lines, to the fen (§2.2, §4.1–§4.3, §A)."""
    result = ip.forecast(register, as_of=as_of)
    frame = result.to_frame(amounts="fen")
    for field in ("committed", "expected", "ceiling"):
        total = sum(getattr(f, field) for f in result.years)
        assert int(frame[f"{field}_fen"].sum()) == int(total * 100)
