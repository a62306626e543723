"""Policy versions in the assessment (reading 11), due dates (reading 10), amounts
recorded as unknown, and the totals by due year, park, category and level.

Worked by hand on the shipped example register (``data/example_register.json``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import innovation_policy as ip
from innovation_policy import GANYU_2021, Kind, Level, PolicyTimeline
from innovation_policy._cli import main
from tests.register_strategies import policy_reforms, registers

D = Decimal
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
FROM_2024 = dt.date(2024, 1, 1)


def _timeline(**changes: Any) -> PolicyTimeline:
    """GANYU_2021, then from 2024-01-01 the same with ``changes``."""
    return PolicyTimeline(
        ((GANYU_2021.plan_start, GANYU_2021), (FROM_2024, attrs.evolve(GANYU_2021, **changes))),
        name="from-2024",
    )


def _amounts(assessment: ip.Assessment) -> dict[tuple[Kind, str], Decimal]:
    return {(i.kind, i.item): i.amount for i in assessment.items}


# ---------------------------------------------------------------------------------------
# Reading 11: which version settles an item


@pytest.mark.clause("§6.4")
def test_a_provincial_ratio_of_1_to_0_3_from_2024_changes_only_approvals_dated_from_2024() -> None:
    # The provincial approvals dated from 2024-01-01 inside the plan, each × 0.3 instead of
    # × 0.5 (none of their platforms had an earlier matched approval to top up against):
    #   A09 P07 2024-06-30  3,000,000: 1,500,000 → 900,000    (−600,000)
    #   A21 P17 2024-10-10 10,000,000: 5,000,000 (cap) → 3,000,000 (−2,000,000)
    #   A10 P08 2025-03-15  8,000,000: 4,000,000 → 2,400,000  (−1,600,000)
    #   A16 P12 2025-05-01  1,000,000:   500,000 → 300,000    (−200,000)
    #   A17 P13 2025-11-01  3,000,000: 1,500,000 → 900,000    (−600,000)
    # In all −5,000,000.00; every other item, and every year's grant, as before.
    register = ip.example_register()
    timeline = ip.load_policy(EXAMPLES / "provincial-ratio-from-2024.json")
    assert isinstance(timeline, PolicyTimeline)
    before = _amounts(ip.assess(register))
    after = ip.assess(register, policy=timeline)
    changed = _amounts(after)
    deltas = {key: changed[key] - before[key] for key in before if changed[key] != before[key]}
    assert deltas == {
        (Kind.MATCHING, "A09"): D("-600000.00"),
        (Kind.MATCHING, "A21"): D("-2000000.00"),
        (Kind.MATCHING, "A10"): D("-1600000.00"),
        (Kind.MATCHING, "A16"): D("-200000.00"),
        (Kind.MATCHING, "A17"): D("-600000.00"),
    }
    assert after.totals.district - ip.assess(register).totals.district == D("-5000000.00")
    for item in after.items:
        assert item.version == (1 if item.date >= FROM_2024 else 0)


@pytest.mark.clause("§6.6")
def test_a_performance_rate_of_5_percent_from_2024_changes_only_the_years_from_2024() -> None:
    # P04's 2024 grant: 1,234,567.89 × 0.05 = 61,728.3945 → 61,728.39, not 123,456.78;
    # P01's 2024 review is 良好: 0 either way. The 2023 grants are settled by the version
    # in force on 31 December 2023 (reading 4), whenever they were reviewed.
    register = ip.example_register()
    before = _amounts(ip.assess(register))
    after = _amounts(ip.assess(register, policy=_timeline(performance_rate=D("0.05"))))
    deltas = {key: after[key] - before[key] for key in before if after[key] != before[key]}
    assert deltas == {(Kind.PERFORMANCE, "P04/2024"): D("61728.39") - D("123456.78")}


def test_an_item_settled_by_a_later_version_says_so_in_its_explanation() -> None:
    item = ip.assess(ip.example_register(), policy=_timeline(provincial_match_ratio=D("0.3")))
    a21 = item.item("A21")
    first = a21.steps[0]
    assert first.code is ip.StepCode.POLICY_VERSION
    assert first.values == (2, FROM_2024, "GANYU_2021")
    assert "按政策 GANYU_2021 第 2 版（自 2024-01-01 起施行）结算（解读11）" in a21.explain()
    assert "version 2 of the policy GANYU_2021, in force from 2024-01-01" in a21.explain("en")
    assert a21.amount == D("3000000.00")


def test_a_version_dated_before_the_first_applies_the_first_version() -> None:
    early = ip.Approval("P1", Level.PROVINCIAL, dt.date(2019, 1, 1), D(6000000), id="A")
    platform = ip.Platform(
        "P1", "平台", ip.Category.TECHNOLOGY_INNOVATION_CENTER, ip.Industry.NEW_ENERGY
    )
    register = ip.Register(platforms=(platform,), approvals=(early,))
    timeline = PolicyTimeline(
        ((dt.date(2020, 1, 1), GANYU_2021), (FROM_2024, attrs.evolve(GANYU_2021, name="b")))
    )
    assert ip.assess(register, policy=timeline).item("A").version == 0


@given(registers(), policy_reforms())
def test_a_timeline_of_one_version_gives_exactly_the_assessment_of_its_policy(
    register: ip.Register, policy: ip.Policy
) -> None:
    """Reading 11: "A later version of the policy applies to approvals dated from its first
    day …": with one version there is no later one, and every item is settled as under
    that policy alone (§6.2–§6.7)."""
    alone = ip.assess(register, policy=policy)
    single = ip.assess(register, policy=PolicyTimeline.single(policy))
    assert single.items == alone.items
    assert single.totals == alone.totals
    assert [i.explain() for i in single.items] == [i.explain() for i in alone.items]
    assert single.to_dict() == alone.to_dict()


def test_the_command_line_takes_a_file_of_versions(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "provincial-ratio-from-2024.json"
    assert main(["assess", "--example", "--policy", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["policy"]["name"] == "省级配套2024年起1:0.3"
    assert [v["from"] for v in document["policy"]["versions"]] == ["2021-01-01", "2024-01-01"]
    assert document["totals"]["district"] == "48353456.78"
    assert main(["assess", "--example", "--policy", str(path)]) == 0
    text = capsys.readouterr().out
    assert "第 2 版（自 2024-01-01 起，解读11）" in text
    assert "与 GANYU_2021 不同：省级配套比例 1:0.3（默认 1:0.5）" in text


def test_a_reading_on_the_command_line_applies_to_every_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = EXAMPLES / "provincial-ratio-from-2024.json"
    argv = ["assess", "--example", "--policy", str(path), "--reading", "upgrade=each_approval"]
    assert main([*argv, "--format", "json"]) == 0
    versions = json.loads(capsys.readouterr().out)["policy"]["versions"]
    assert [v["upgrade_reading"] for v in versions] == ["each_approval", "each_approval"]


def test_a_file_of_versions_is_no_baseline_and_no_policy_for_the_readings_sweep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(EXAMPLES / "provincial-ratio-from-2024.json")
    assert main(["compare", "--example", "--baseline", path, "--reading", "city=top_up"]) == 2
    assert "a policy with versions is not a baseline policy" in capsys.readouterr().err
    assert main(["compare", "--example", "--policy", path, "--readings"]) == 2
    assert "the readings sweep takes one policy, not versions" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------
# Reading 10: when money falls due


@pytest.mark.clause("§6.3", "§6.6", "§6.2")
def test_money_falls_due_on_the_approval_date_the_review_date_or_31_march_and_the_decision_date() -> (
    None
):
    assessment = ip.assess(ip.example_register())
    assert assessment.item("A01").due == dt.date(2021, 6, 15)  # the approval date
    assert assessment.item("P04/2024").due == dt.date(2025, 3, 31)  # no review date: 31 March
    case = next(i for i in assessment.items if i.kind is Kind.CASE)
    assert case.due == case.date
    reviewed = attrs.evolve(
        ip.example_register(),
        reviews=tuple(
            attrs.evolve(r, date=dt.date(2025, 1, 20)) if r.id == "P04/2024" else r
            for r in ip.example_register().reviews
        ),
    )
    assert ip.assess(reviewed).item("P04/2024").due == dt.date(2025, 1, 20)


def test_a_review_cannot_be_decided_before_its_year_ends() -> None:
    with pytest.raises(ip.PolicyValueError, match=r"date: 2023-06-30 is before the end"):
        ip.Review("P1", 2023, ip.Rating.EXCELLENT, D(1), date=dt.date(2023, 6, 30))
    decided = ip.Review("P1", 2023, ip.Rating.EXCELLENT, D(1), date=dt.date(2023, 12, 31))
    assert decided.date == dt.date(2023, 12, 31)


def test_the_totals_by_due_year_move_a_grant_to_the_year_it_is_paid() -> None:
    # Every year's grants fall due on 31 March of the next (no review date is recorded),
    # so a year's due total is what arose in it, less its own grants, plus the grants of
    # the year before. 2025: what arose in 2025 (16,000,000.00; no 2025 review) plus the
    # 2024 grants due on 2025-03-31 (P04: 123,456.78; P01: 0) = 16,123,456.78.
    assessment = ip.assess(ip.example_register())
    totals = assessment.totals
    assert totals.by_due_year[2025] == D("16123456.78")
    assert totals.by_year[2025] + D("123456.78") == totals.by_due_year[2025]
    grants = {
        year: sum(
            (i.amount for i in assessment.items if i.kind is Kind.PERFORMANCE and i.year == year),
            D(0),
        )
        for year in range(2019, 2027)
    }
    for year in range(2020, 2027):
        assert totals.by_due_year.get(year, D(0)) == (
            totals.by_year.get(year, D(0)) - grants[year] + grants[year - 1]
        )
    assert sum(totals.by_due_year.values()) == totals.district
    assert list(totals.by_due_year) == sorted(totals.by_due_year)


def test_the_totals_by_park_category_and_level_add_up_to_the_district() -> None:
    totals = ip.assess(ip.example_register()).totals
    for table in (totals.by_park, totals.by_category, totals.by_level):
        assert sum(table.values()) == totals.district
    assert set(totals.by_park) == {*ip.Park, None}
    assert set(totals.by_category) == set(ip.Category)
    assert totals.by_level[None] == sum(
        (i.amount for i in ip.assess(ip.example_register()).items if i.level is None), D(0)
    )


def test_the_totals_are_read_only_dicts_pandas_reads_as_keys_and_values() -> None:
    pandas = pytest.importorskip("pandas")  # the pandas extra, installed by [test]
    totals = ip.assess(ip.example_register()).totals
    frame = pandas.DataFrame({"plan": totals.by_year})
    assert list(frame.index) == list(totals.by_year)
    assert list(frame["plan"]) == list(totals.by_year.values())
    with pytest.raises(TypeError, match="read-only"):
        totals.by_year[2021] = D(0)  # type: ignore[index]


# ---------------------------------------------------------------------------------------
# Amounts recorded as unknown


def _unknown_register() -> ip.Register:
    register = ip.example_register()
    return attrs.evolve(
        register,
        approvals=tuple(
            attrs.evolve(a, superior_funding=None) if a.id in ("A01", "A06") else a
            for a in register.approvals
        ),
        reviews=tuple(
            attrs.evolve(r, turnover=None) if r.id in ("P01/2022", "P01/2024") else r
            for r in register.reviews
        ),
    )


@pytest.mark.clause("§6.4", "§6.6")
def test_an_unknown_funding_or_turnover_waits_and_counts_0_until_known() -> None:
    assessment = ip.assess(_unknown_register())
    a01 = assessment.item("A01")  # provincial, funding unknown: eligible, 0, waits
    assert (a01.eligible, a01.amount, a01.missing, a01.award) == (
        True,
        D("0.00"),
        ("superior_funding",),
        None,
    )
    assert a01.steps[0].code is ip.StepCode.FUNDING_UNKNOWN
    assert "上级扶持经费登记为未知" in a01.explain()
    # A02 (national 9,000,000) tops up against 0 paid: the whole 9,000,000.
    assert assessment.item("A02").amount == D("9000000.00")
    assert assessment.item("A06").missing == ()  # municipal: not matched whatever the funding
    grant = assessment.item("P01/2022")
    assert (grant.eligible, grant.amount, grant.missing) == (True, D("0.00"), ("turnover",))
    assert grant.steps[-1].code is ip.StepCode.TURNOVER_UNKNOWN
    assert "turnover is recorded as unknown" in grant.explain("en")
    assert assessment.item("P01/2024").missing == ()  # rated 良好: no grant whatever it is


def test_an_unknown_amount_is_read_from_every_kind_of_file() -> None:
    register = _unknown_register()
    assert ip.Register.from_json(register.to_json()) == register
    assert json.loads(register.to_json())["approvals"][0]["superior_funding"] is None
