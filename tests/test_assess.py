"""The assessment, worked example by worked example, in the words an auditor would use.

§6.3 获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；
§6.4 获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。
§6.5 市、区不重复奖励，区奖励资金额度不超过市对其他县奖励标准。
§6.6 对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。
§6.7 补助按照就高原则，不重复进行补助。
§6.2 对于特别重大的建设和创新项目，可通过"一事一议"的方式给予支持。

Readings 1 (upgrade: top-up by default), 2 (city excludes district by default), 4 (the
year's turnover, the level held on 31 December), 8 (the plan period 2021-01-01 …
2025-12-31) and 9 (matching and performance are different items) of CLAUSES.md.
Every expected amount is worked by hand, in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest

import innovation_policy as ip
from innovation_policy import GANYU_2021, CityReading, Kind, Level, Rating, UpgradeReading

D = Decimal
day = dt.date
EACH_APPROVAL = attrs.evolve(GANYU_2021, upgrade_reading=UpgradeReading.EACH_APPROVAL)
CITY_TOP_UP = attrs.evolve(GANYU_2021, city_reading=CityReading.TOP_UP)


def centre(
    pid: str = "P1", category: ip.Category = ip.Category.TECHNOLOGY_INNOVATION_CENTER
) -> ip.Platform:
    return ip.Platform(
        id=pid,
        name=f"平台{pid}",
        category=category,
        industry=ip.Industry.NEW_ENERGY,
        park=ip.Park.ECONOMIC_DEVELOPMENT_ZONE,
    )


def approval(
    pid: str,
    level: Level,
    date: dt.date,
    funding: str = "0",
    city_award: str = "0",
    aid: str | None = None,
) -> ip.Approval:
    made = ip.Approval(pid, level, date, D(funding), D(city_award))
    return made if aid is None else attrs.evolve(made, id=aid)


def review(pid: str, year: int, rating: Rating, turnover: str, city_grant: str = "0") -> ip.Review:
    return ip.Review(pid, year, rating, D(turnover), D(city_grant))


def register(
    approvals: tuple[ip.Approval, ...] = (),
    reviews: tuple[ip.Review, ...] = (),
    decisions: tuple[ip.CaseDecision, ...] = (),
    platforms: tuple[ip.Platform, ...] | None = None,
) -> ip.Register:
    if platforms is None:
        records: tuple[ip.Approval | ip.Review | ip.CaseDecision, ...] = (
            *approvals,
            *reviews,
            *decisions,
        )
        ids = sorted({r.platform for r in records} or {"P1"})
        platforms = tuple(centre(pid) for pid in ids)
    return ip.Register(
        platforms=platforms, approvals=approvals, reviews=reviews, case_decisions=decisions
    )


def amounts(assessment: ip.Assessment, kind: Kind = Kind.MATCHING) -> dict[str, Decimal]:
    return {i.item: i.amount for i in assessment.items if i.kind is kind}


# ---------------------------------------------------------------------------------------
# Reading 1: an upgrade within one platform (§6.3, §6.4, §6.7)

PROVINCIAL_THEN_NATIONAL = register(
    approvals=(
        approval("P1", Level.PROVINCIAL, day(2021, 6, 15), "6000000", aid="A1"),
        approval("P1", Level.NATIONAL, day(2023, 6, 15), "9000000", aid="A2"),
    )
)


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_provincial_then_national_two_years_later_pays_6000000_more_under_top_up() -> None:
    # A1: 6,000,000 × 0.5 = 3,000,000 (≤ 5,000,000): paid in full, nothing earlier.
    # A2: 9,000,000 × 1 = 9,000,000 (≤ 10,000,000); largest so far 9,000,000, the district
    #     already paid 3,000,000, so 9,000,000 − 3,000,000 = 6,000,000 more.
    assessment = ip.assess(PROVINCIAL_THEN_NATIONAL)
    assert amounts(assessment) == {"A1": D("3000000.00"), "A2": D("6000000.00")}
    assert assessment.totals.by_kind[Kind.MATCHING] == D("9000000.00")
    a2 = assessment.item("A2")
    assert a2.eligible
    assert "§6.7" in a2.clauses
    assert "§6.3" in a2.clauses


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_provincial_then_national_pays_9000000_for_the_national_one_under_each_approval() -> None:
    # each approval matched on its own: A1 3,000,000, A2 9,000,000; 12,000,000 in all.
    assessment = ip.assess(PROVINCIAL_THEN_NATIONAL, policy=EACH_APPROVAL)
    assert amounts(assessment) == {"A1": D("3000000.00"), "A2": D("9000000.00")}
    assert assessment.totals.by_kind[Kind.MATCHING] == D("12000000.00")


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_national_then_provincial_two_years_later_pays_nothing_more_under_top_up() -> None:
    # N: 9,000,000 × 1 = 9,000,000. P: 6,000,000 × 0.5 = 3,000,000; the largest
    # entitlement stays 9,000,000 and 9,000,000 is paid: 9,000,000 − 9,000,000 = 0.
    reg = register(
        approvals=(
            approval("P1", Level.NATIONAL, day(2022, 3, 1), "9000000", aid="N"),
            approval("P1", Level.PROVINCIAL, day(2024, 3, 1), "6000000", aid="P"),
        )
    )
    assert amounts(ip.assess(reg)) == {"N": D("9000000.00"), "P": D("0.00")}
    # each approval: the provincial one is matched on its own, 3,000,000.
    assert amounts(ip.assess(reg, policy=EACH_APPROVAL)) == {
        "N": D("9000000.00"),
        "P": D("3000000.00"),
    }


@pytest.mark.clause("§6.4", "§6.7")
def test_a_second_provincial_approval_with_more_funding_pays_only_the_difference() -> None:
    # first: 4,000,000 × 0.5 = 2,000,000; second: 12,000,000 × 0.5 = 6,000,000 → cap
    # 5,000,000; largest 5,000,000 − paid 2,000,000 = 3,000,000.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2022, 1, 10), "4000000", aid="first"),
            approval("P1", Level.PROVINCIAL, day(2023, 1, 10), "12000000", aid="second"),
        )
    )
    assert amounts(ip.assess(reg)) == {"first": D("2000000.00"), "second": D("3000000.00")}


@pytest.mark.clause("§6.4", "§6.7")
def test_a_second_provincial_approval_with_less_funding_pays_nothing_under_top_up() -> None:
    # first: 8,000,000 × 0.5 = 4,000,000; second: 2,000,000 × 0.5 = 1,000,000 < 4,000,000.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2022, 1, 10), "8000000", aid="first"),
            approval("P1", Level.PROVINCIAL, day(2023, 1, 10), "2000000", aid="second"),
        )
    )
    assert amounts(ip.assess(reg)) == {"first": D("4000000.00"), "second": D("0.00")}


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_same_date_approvals_settle_the_lower_level_first() -> None:
    # Same day: provincial first, 6,000,000 × 0.5 = 3,000,000; then national,
    # 9,000,000 − 3,000,000 = 6,000,000. (National first would give 9,000,000 and 0.)
    # The order of the records in the register does not matter.
    both = (
        approval("P1", Level.NATIONAL, day(2022, 3, 1), "9000000", aid="N"),
        approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "6000000", aid="P"),
    )
    for records in (both, both[::-1]):
        assert amounts(ip.assess(register(approvals=records))) == {
            "N": D("6000000.00"),
            "P": D("3000000.00"),
        }


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_upgrades_of_two_platforms_are_settled_each_on_its_own() -> None:
    # The top-up is per platform: P2's national approval is not reduced by P1's payment.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 1), "6000000", aid="A1"),
            approval("P2", Level.NATIONAL, day(2022, 6, 1), "9000000", aid="A2"),
        )
    )
    assert amounts(ip.assess(reg)) == {"A1": D("3000000.00"), "A2": D("9000000.00")}


@pytest.mark.clause("§6.3", "§6.4")
def test_municipal_and_district_recognitions_are_not_matched() -> None:
    # Only national (§6.3) and provincial (§6.4) approvals are matched: 0 for the rest.
    reg = register(
        approvals=(
            approval("P1", Level.MUNICIPAL, day(2022, 3, 1), "5000000", aid="M"),
            approval("P1", Level.DISTRICT, day(2022, 4, 1), "5000000", aid="Q"),
        ),
        platforms=(centre("P1", ip.Category.NEW_RD_INSTITUTION),),
    )
    assessment = ip.assess(reg)
    assert amounts(assessment) == {"M": D("0.00"), "Q": D("0.00")}
    assert not assessment.item("M").eligible
    assert not assessment.item("Q").eligible


@pytest.mark.clause("§6.3", "§6.7")
def test_a_municipal_filing_before_a_national_approval_does_not_reduce_it() -> None:
    # The municipal filing is not matched (0), so the national one pays all of
    # 20,000,000 × 1 = 20,000,000 → cap 10,000,000.
    reg = register(
        approvals=(
            approval("P1", Level.MUNICIPAL, day(2021, 3, 1), aid="M"),
            approval("P1", Level.NATIONAL, day(2022, 3, 1), "20000000", aid="N"),
        )
    )
    assert amounts(ip.assess(reg)) == {"M": D("0.00"), "N": D("10000000.00")}


# ---------------------------------------------------------------------------------------
# Reading 2: city and district (§6.5)


@pytest.mark.clause("§6.5")
def test_an_approval_the_city_already_rewarded_pays_nothing_under_the_default_reading() -> None:
    # 6,000,000 × 0.5 = 3,000,000, but the city rewarded the same approval: 0.
    reg = register(
        approvals=(approval("P1", Level.PROVINCIAL, day(2022, 4, 10), "6000000", "1000000", "A"),)
    )
    item = ip.assess(reg).item("A")
    assert item.amount == D("0.00")
    assert "§6.5" in item.clauses


@pytest.mark.clause("§6.5")
def test_an_approval_the_city_rewarded_pays_the_remainder_under_city_top_up() -> None:
    # 3,000,000 − 1,000,000 = 2,000,000
    reg = register(
        approvals=(approval("P1", Level.PROVINCIAL, day(2022, 4, 10), "6000000", "1000000", "A"),)
    )
    item = ip.assess(reg, policy=CITY_TOP_UP).item("A")
    assert item.amount == D("2000000.00")
    assert "§6.5" in item.clauses


@pytest.mark.clause("§6.5")
def test_a_city_award_above_the_district_amount_leaves_0_under_city_top_up() -> None:
    # 3,000,000 − 4,000,000 < 0 → 0 (never below 0); equal awards → 0 as well.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2022, 4, 10), "6000000", "4000000", "above"),
            approval("P2", Level.PROVINCIAL, day(2022, 4, 10), "6000000", "3000000", "equal"),
        )
    )
    assert amounts(ip.assess(reg, policy=CITY_TOP_UP)) == {
        "above": D("0.00"),
        "equal": D("0.00"),
    }


@pytest.mark.clause("§6.5")
def test_the_city_top_up_works_on_a_capped_amount() -> None:
    # 20,000,000 × 1 = 20,000,000 → cap 10,000,000; − city 2,500,000.50 = 7,499,999.50
    reg = register(
        approvals=(approval("N1", Level.NATIONAL, day(2023, 1, 5), "20000000", "2500000.50", "N"),)
    )
    assert ip.assess(reg, policy=CITY_TOP_UP).item("N").amount == D("7499999.50")


@pytest.mark.clause("§6.5", "§6.7")
def test_a_city_reward_of_the_provincial_approval_leaves_the_whole_national_one_to_the_district() -> (
    None
):
    # A1 rewarded by the city: the district paid 0 for it. A2: largest 9,000,000 − 0 paid
    # by the district = 9,000,000 (reading 1 counts the district's own payable amounts).
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 15), "6000000", "3000000", "A1"),
            approval("P1", Level.NATIONAL, day(2023, 6, 15), "9000000", aid="A2"),
        )
    )
    assert amounts(ip.assess(reg)) == {"A1": D("0.00"), "A2": D("9000000.00")}


@pytest.mark.clause("§6.5")
def test_the_county_standard_caps_the_matching_payment_of_its_level() -> None:
    # Provincial standard 2,000,000: 6,000,000 × 0.5 = 3,000,000 → 2,000,000.
    # A provincial approval below the standard keeps its amount: 2,000,000 × 0.5 = 1,000,000.
    # No national standard: 9,000,000 × 1 = 9,000,000 untouched on another platform.
    policy = attrs.evolve(GANYU_2021, county_standard_caps={Level.PROVINCIAL: D("2000000")})
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2022, 1, 1), "6000000", aid="above"),
            approval("P2", Level.PROVINCIAL, day(2022, 1, 1), "2000000", aid="below"),
            approval("P3", Level.NATIONAL, day(2022, 1, 1), "9000000", aid="national"),
        )
    )
    assessment = ip.assess(reg, policy=policy)
    assert amounts(assessment) == {
        "above": D("2000000.00"),
        "below": D("1000000.00"),
        "national": D("9000000.00"),
    }
    assert "§6.5" in assessment.item("above").clauses


@pytest.mark.clause("§6.5")
def test_the_county_standard_also_caps_what_is_left_after_a_city_top_up() -> None:
    # national 9,000,000 − city 1,000,000 = 8,000,000 → national standard 5,000,000.
    policy = attrs.evolve(
        CITY_TOP_UP, county_standard_caps={Level.NATIONAL: D("5000000"), Level.PROVINCIAL: D(0)}
    )
    reg = register(
        approvals=(
            approval("P1", Level.NATIONAL, day(2022, 1, 1), "9000000", "1000000", "N"),
            approval("P2", Level.PROVINCIAL, day(2022, 1, 1), "9000000", aid="P"),
        )
    )
    # a standard of 0 for provincial approvals: 4,500,000 → 0
    assert amounts(ip.assess(reg, policy=policy)) == {"N": D("5000000.00"), "P": D("0.00")}


# ---------------------------------------------------------------------------------------
# §6.6, §6.7, reading 4: the performance grant


@pytest.mark.clause("§6.6", "§6.7")
def test_an_excellent_year_with_turnover_5000000_where_the_city_granted_300000_pays_200000() -> (
    None
):
    # 5,000,000 × 10% = 500,000 (≤ 1,000,000); the platform gets the higher of 500,000
    # and the city's 300,000, once: the district pays 500,000 − 300,000 = 200,000.
    reg = register(
        approvals=(approval("P1", Level.PROVINCIAL, day(2021, 6, 1), "0", aid="A"),),
        reviews=(review("P1", 2022, Rating.EXCELLENT, "5000000", "300000"),),
    )
    item = ip.assess(reg).item("P1/2022")
    assert item.kind is Kind.PERFORMANCE
    assert item.amount == D("200000.00")
    assert "§6.7" in item.clauses
    assert "§6.6" in item.clauses


@pytest.mark.clause("§6.6", "§6.7")
def test_a_city_grant_higher_than_the_districts_leaves_nothing_to_pay() -> None:
    # 5,000,000 × 10% = 500,000 < city 600,000 → 0; equal (500,000) → 0 as well.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 1), aid="A1"),
            approval("P2", Level.PROVINCIAL, day(2021, 6, 1), aid="A2"),
        ),
        reviews=(
            review("P1", 2022, Rating.EXCELLENT, "5000000", "600000"),
            review("P2", 2022, Rating.EXCELLENT, "5000000", "500000"),
        ),
    )
    assert amounts(ip.assess(reg), Kind.PERFORMANCE) == {
        "P1/2022": D("0.00"),
        "P2/2022": D("0.00"),
    }


@pytest.mark.clause("§6.6")
def test_an_excellent_year_with_turnover_12000000_is_capped_at_1000000() -> None:
    # 12,000,000 × 10% = 1,200,000 > 1,000,000 → 1,000,000; 1,234,567.89 × 10% =
    # 123,456.789 → rounded down to the fen, 123,456.78.
    reg = register(
        approvals=(approval("P1", Level.NATIONAL, day(2021, 6, 1), aid="A"),),
        reviews=(
            review("P1", 2022, Rating.EXCELLENT, "12000000"),
            review("P1", 2023, Rating.EXCELLENT, "1234567.89"),
        ),
    )
    assert amounts(ip.assess(reg), Kind.PERFORMANCE) == {
        "P1/2022": D("1000000.00"),
        "P1/2023": D("123456.78"),
    }


@pytest.mark.clause("§6.6")
def test_a_year_rated_other_than_excellent_pays_nothing() -> None:
    reg = register(
        approvals=(approval("P1", Level.NATIONAL, day(2021, 6, 1), aid="A"),),
        reviews=tuple(
            review("P1", 2021 + n, rating, "5000000")
            for n, rating in enumerate((Rating.GOOD, Rating.PASS, Rating.FAIL))
        ),
    )
    items = [i for i in ip.assess(reg).items if i.kind is Kind.PERFORMANCE]
    assert [(i.item, i.amount, i.eligible) for i in items] == [
        ("P1/2021", D("0.00"), False),
        ("P1/2022", D("0.00"), False),
        ("P1/2023", D("0.00"), False),
    ]


@pytest.mark.clause("§6.6")
def test_a_municipal_recognition_qualifies_and_a_district_one_does_not() -> None:
    # 市级以上 includes 市级 (reading 3): 3,000,000 × 10% = 300,000; 区级 → 0.
    reg = register(
        approvals=(
            approval("M", Level.MUNICIPAL, day(2021, 3, 1), aid="AM"),
            approval("Q", Level.DISTRICT, day(2021, 3, 1), aid="AQ"),
        ),
        reviews=(
            review("M", 2022, Rating.EXCELLENT, "3000000"),
            review("Q", 2022, Rating.EXCELLENT, "3000000"),
        ),
    )
    assessment = ip.assess(reg)
    assert amounts(assessment, Kind.PERFORMANCE) == {"M/2022": D("300000.00"), "Q/2022": D("0.00")}
    assert assessment.item("M/2022").level is Level.MUNICIPAL
    assert not assessment.item("Q/2022").eligible


@pytest.mark.clause("§6.6")
def test_a_review_for_2021_of_a_platform_first_approved_in_2022_pays_nothing() -> None:
    # On 31 December 2021 the platform held no recognition (reading 4): 0, not eligible.
    reg = register(
        approvals=(approval("P1", Level.PROVINCIAL, day(2022, 1, 1), "2000000", aid="A"),),
        reviews=(
            review("P1", 2021, Rating.EXCELLENT, "5000000"),
            review("P1", 2022, Rating.EXCELLENT, "5000000"),
        ),
    )
    assessment = ip.assess(reg)
    y2021 = assessment.item("P1/2021")
    assert (y2021.amount, y2021.eligible, y2021.level) == (D("0.00"), False, None)
    # 2022: provincial held on 31 December 2022: 5,000,000 × 10% = 500,000.
    assert assessment.item("P1/2022").amount == D("500000.00")


@pytest.mark.clause("§6.6")
def test_a_recognition_dated_31_december_counts_for_that_year() -> None:
    # held on 31 December 2021 → 2021 eligible: 5,000,000 × 10% = 500,000
    reg = register(
        approvals=(approval("P1", Level.MUNICIPAL, day(2021, 12, 31), aid="A"),),
        reviews=(review("P1", 2021, Rating.EXCELLENT, "5000000"),),
    )
    assert ip.assess(reg).item("P1/2021").amount == D("500000.00")


@pytest.mark.clause("§6.6")
def test_the_level_held_is_the_highest_on_31_december_of_the_year() -> None:
    # municipal 2021, national 2023-06: 2022 is rated at municipal, 2023 at national.
    reg = register(
        approvals=(
            approval("P1", Level.MUNICIPAL, day(2021, 3, 1), aid="M"),
            approval("P1", Level.NATIONAL, day(2023, 6, 1), aid="N"),
        ),
        reviews=(
            review("P1", 2022, Rating.EXCELLENT, "100"),
            review("P1", 2023, Rating.EXCELLENT, "100"),
        ),
    )
    assessment = ip.assess(reg)
    assert assessment.item("P1/2022").level is Level.MUNICIPAL
    assert assessment.item("P1/2023").level is Level.NATIONAL
    # 100 × 10% = 10.00 either way
    assert assessment.item("P1/2023").amount == D("10.00")


@pytest.mark.clause("§6.6", "§2.2")
def test_a_recognition_obtained_before_the_plan_makes_a_plan_year_eligible() -> None:
    # Provincial in 2019 (outside the plan, so not matched), still held on 31 Dec 2021:
    # 6,000,000 × 10% = 600,000 for 2021.
    reg = register(
        approvals=(approval("P1", Level.PROVINCIAL, day(2019, 5, 1), "4000000", aid="A"),),
        reviews=(review("P1", 2021, Rating.EXCELLENT, "6000000"),),
    )
    assessment = ip.assess(reg)
    assert assessment.item("P1/2021").amount == D("600000.00")
    assert assessment.item("P1/2021").eligible
    assert assessment.item("A").amount == D("0.00")


@pytest.mark.clause("§6.3", "§6.6", "§6.7")
def test_matching_and_performance_in_the_same_year_are_both_paid() -> None:
    # Reading 9: different items. National 2022: 9,000,000; 2022 excellent with turnover
    # 3,000,000: 300,000. 9,300,000 in all for the platform.
    reg = register(
        approvals=(approval("P1", Level.NATIONAL, day(2022, 3, 1), "9000000", aid="A"),),
        reviews=(review("P1", 2022, Rating.EXCELLENT, "3000000"),),
    )
    assessment = ip.assess(reg)
    assert assessment.item("A").amount == D("9000000.00")
    assert assessment.item("P1/2022").amount == D("300000.00")
    assert assessment.totals.by_platform["P1"] == D("9300000.00")
    assert assessment.totals.by_year[2022] == D("9300000.00")


# ---------------------------------------------------------------------------------------
# Reading 8: the plan period 2021-01-01 … 2025-12-31 (§2.2)


@pytest.mark.clause("§2.2", "§6.3", "§6.4")
def test_approvals_dated_outside_the_plan_are_listed_not_eligible_with_0() -> None:
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2020, 12, 31), "6000000", aid="before"),
            approval("P2", Level.PROVINCIAL, day(2021, 1, 1), "6000000", aid="first_day"),
            approval("P3", Level.PROVINCIAL, day(2025, 12, 31), "6000000", aid="last_day"),
            approval("P4", Level.NATIONAL, day(2026, 1, 1), "6000000", aid="after"),
        )
    )
    assessment = ip.assess(reg)
    # inside: 6,000,000 × 0.5 = 3,000,000; outside: 0
    assert amounts(assessment) == {
        "before": D("0.00"),
        "first_day": D("3000000.00"),
        "last_day": D("3000000.00"),
        "after": D("0.00"),
    }
    for outside in ("before", "after"):
        item = assessment.item(outside)
        assert not item.eligible
        assert "§2.2" in item.clauses
        assert "outside the plan period" in item.explain("en")
    assert assessment.item("first_day").eligible


@pytest.mark.clause("§2.2", "§6.3", "§6.4", "§6.7")
def test_an_approval_before_the_plan_does_not_enter_a_later_top_up() -> None:
    # The 2020 provincial approval is not paid under this plan and not counted: the 2022
    # national one pays 9,000,000 − 0 = 9,000,000 (not 9,000,000 − 3,000,000).
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2020, 12, 31), "6000000", aid="old"),
            approval("P1", Level.NATIONAL, day(2022, 3, 1), "9000000", aid="new"),
        )
    )
    assert amounts(ip.assess(reg)) == {"old": D("0.00"), "new": D("9000000.00")}


@pytest.mark.clause("§2.2", "§6.6")
def test_years_rated_outside_the_plan_are_listed_not_eligible_with_0() -> None:
    reg = register(
        approvals=(approval("P1", Level.NATIONAL, day(2018, 3, 1), aid="A"),),
        reviews=(
            review("P1", 2020, Rating.EXCELLENT, "5000000"),
            review("P1", 2021, Rating.EXCELLENT, "5000000"),
            review("P1", 2025, Rating.EXCELLENT, "5000000"),
            review("P1", 2026, Rating.EXCELLENT, "5000000"),
        ),
    )
    assessment = ip.assess(reg)
    # inside: 5,000,000 × 10% = 500,000
    assert amounts(assessment, Kind.PERFORMANCE) == {
        "P1/2020": D("0.00"),
        "P1/2021": D("500000.00"),
        "P1/2025": D("500000.00"),
        "P1/2026": D("0.00"),
    }
    for outside in ("P1/2020", "P1/2026"):
        assert not assessment.item(outside).eligible
        assert "§2.2" in assessment.item(outside).clauses


@pytest.mark.clause("§2.2", "§6.4")
def test_moving_the_plan_period_moves_what_is_eligible() -> None:
    # A 2026-2030 plan: the 2026 approval pays 3,000,000, the 2022 one nothing.
    policy = attrs.evolve(GANYU_2021, plan_start=day(2026, 1, 1), plan_end=day(2030, 12, 31))
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "6000000", aid="old"),
            approval("P2", Level.PROVINCIAL, day(2026, 3, 1), "6000000", aid="new"),
        )
    )
    assert amounts(ip.assess(reg, policy=policy)) == {"old": D("0.00"), "new": D("3000000.00")}


# ---------------------------------------------------------------------------------------
# §6.2: case-by-case decisions


@pytest.mark.clause("§6.2")
def test_a_case_decision_is_listed_apart_and_never_capped() -> None:
    # 50,000,000 is far above every formula cap: listed as decided, in the district total
    # but not in the formula money.
    reg = register(
        approvals=(approval("P1", Level.NATIONAL, day(2022, 3, 1), "9000000", aid="A"),),
        decisions=(
            ip.CaseDecision("P1", day(2023, 1, 10), D("50000000"), "赣政办〔2023〕5号", "C1"),
        ),
    )
    assessment = ip.assess(reg)
    case = assessment.item("C1")
    assert case.kind is Kind.CASE
    assert case.amount == D("50000000.00")
    assert "§6.2" in case.clauses
    assert case.level is None
    assert assessment.totals.by_kind[Kind.CASE] == D("50000000.00")
    # district 9,000,000 + 50,000,000; formula 9,000,000 only
    assert assessment.totals.district == D("59000000.00")
    assert assessment.totals.formula == D("9000000.00")
    assert not [w for w in assessment.warnings if w.code == "case_outside_period"]


@pytest.mark.clause("§6.2", "§2.2")
def test_a_case_decision_outside_the_period_is_listed_with_a_warning() -> None:
    reg = register(
        decisions=(
            ip.CaseDecision("P1", day(2026, 3, 1), D("2000000"), "赣政办〔2026〕1号", "late"),
            ip.CaseDecision("P1", day(2020, 3, 1), D("1000000"), "赣政办〔2020〕1号", "early"),
        ),
    )
    assessment = ip.assess(reg)
    assert assessment.item("late").amount == D("2000000.00")
    assert assessment.item("early").amount == D("1000000.00")
    assert assessment.item("late").eligible
    warnings = [w for w in assessment.warnings if w.code == "case_outside_period"]
    assert len(warnings) == 2
    assert {w.platform for w in warnings} == {"P1"}
    assert all("§6.2" in w.clauses for w in warnings)
    assert assessment.totals.district == D("3000000.00")


@pytest.mark.clause("§6.2")
def test_a_case_decision_id_is_derived_from_platform_date_and_reference() -> None:
    decision = ip.CaseDecision("P1", day(2023, 1, 10), D("1"), "赣政办〔2023〕5号")
    assert decision.id == "P1/2023-01-10/赣政办〔2023〕5号"


# ---------------------------------------------------------------------------------------
# Totals and summaries


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§4.1", "§4.2", "§4.3")
def test_totals_by_platform_kind_year_and_bureau_are_the_sums_of_the_items() -> None:
    # T (technology centre, §4.1 科技局): provincial 2022, 4,000,000 × 0.5 = 2,000,000;
    #   2023 excellent, 2,000,000 × 10% = 200,000.
    # I (industrial centre, §4.2 发改委): national 2023, 3,000,000 × 1 = 3,000,000.
    # M (manufacturing centre, §4.3 工信局): nothing.
    platforms = (
        centre("T", ip.Category.TECHNOLOGY_INNOVATION_CENTER),
        centre("I", ip.Category.INDUSTRIAL_INNOVATION_CENTER),
        centre("M", ip.Category.MANUFACTURING_INNOVATION_CENTER),
    )
    reg = register(
        approvals=(
            approval("T", Level.PROVINCIAL, day(2022, 5, 1), "4000000", aid="AT"),
            approval("I", Level.NATIONAL, day(2023, 5, 1), "3000000", aid="AI"),
        ),
        reviews=(review("T", 2023, Rating.EXCELLENT, "2000000"),),
        platforms=platforms,
    )
    totals = ip.assess(reg).totals
    assert totals.district == D("5200000.00")
    assert totals.formula == D("5200000.00")
    assert dict(totals.by_platform) == {
        "I": D("3000000.00"),
        "M": D("0.00"),
        "T": D("2200000.00"),
    }
    assert dict(totals.by_kind) == {
        Kind.MATCHING: D("5000000.00"),
        Kind.PERFORMANCE: D("200000.00"),
        Kind.CASE: D("0.00"),
    }
    assert dict(totals.by_year) == {2022: D("2000000.00"), 2023: D("3200000.00")}
    assert dict(totals.by_bureau) == {
        ip.Bureau.SCIENCE_AND_TECHNOLOGY: D("2200000.00"),
        ip.Bureau.DEVELOPMENT_AND_REFORM: D("3000000.00"),
        ip.Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: D("0.00"),
    }


@pytest.mark.clause("§3.0", "§6.8", "§6.9")
def test_the_platform_summary_gives_the_highest_level_and_whether_it_is_major() -> None:
    # A technology centre filed only at municipal level is not major (§3.0); a provincial
    # one is, with the three non-cash entitlements (§6.8, §6.9).
    reg = register(
        approvals=(
            approval("P1", Level.MUNICIPAL, day(2022, 1, 1), aid="M"),
            approval("P2", Level.MUNICIPAL, day(2022, 1, 1), aid="M2"),
            approval("P2", Level.PROVINCIAL, day(2023, 1, 1), aid="P2"),
        )
    )
    summaries = {s.id: s for s in ip.assess(reg).platforms}
    assert summaries["P1"].level is Level.MUNICIPAL
    assert not summaries["P1"].is_major
    assert summaries["P1"].entitlements == ()
    assert summaries["P2"].level is Level.PROVINCIAL
    assert summaries["P2"].is_major
    assert {e.clause for e in summaries["P2"].entitlements} == {"§6.8", "§6.9"}
    assert len(summaries["P2"].entitlements) == 3


@pytest.mark.clause("§6.3", "§6.7")
def test_an_item_explains_itself_from_inputs_to_the_amount() -> None:
    item = ip.assess(PROVINCIAL_THEN_NATIONAL).item("A2")
    text = item.explain("en")
    # the top-up step shows 9,000,000 − 3,000,000 and ends with the amount
    assert "9,000,000.00" in text
    assert "3,000,000.00" in text
    assert text.rstrip().endswith("6,000,000.00 yuan")
    assert item.explain("zh").rstrip().endswith("6,000,000.00 元")


def test_assess_refuses_what_is_not_a_register() -> None:
    with pytest.raises(TypeError, match="not a Register"):
        ip.assess({"platforms": []})  # type: ignore[arg-type]


def test_an_assessment_item_that_does_not_exist_is_a_key_error_naming_the_items() -> None:
    with pytest.raises(ip.PolicyLookupError) as missing:
        ip.assess(PROVINCIAL_THEN_NATIONAL).item("A3")
    assert isinstance(missing.value, KeyError)
    assert isinstance(missing.value, LookupError)
    assert str(missing.value) == ("item: 'A3' is not an item of the assessment; items: A1, A2")
    assert missing.value.code is ip.ProblemCode.MISSING


@pytest.mark.clause("§2.2", "§6.2", "§6.3", "§6.4", "§6.5", "§6.6", "§6.7")
def test_the_example_register_is_assessed_as_worked_by_hand() -> None:
    assessment = ip.assess(ip.example_register())
    # Matching (§6.3 1:1 ≤ 10,000,000; §6.4 1:0.5 ≤ 5,000,000; top-up; city excludes):
    assert amounts(assessment) == {
        "A01": D("3000000.00"),  # P01 provincial 6,000,000 × 0.5
        "A02": D("6000000.00"),  # P01 national 9,000,000, top-up 9,000,000 − 3,000,000
        "A03": D("0.00"),  # P02: the city rewarded it (2,000,000)
        "A04": D("2000000.00"),  # P03 provincial 4,000,000 × 0.5
        "A05": D("1250000.00"),  # P04 provincial 2,500,000 × 0.5
        "A06": D("0.00"),  # municipal filings are not matched
        "A07": D("0.00"),
        "A08": D("0.00"),
        "A09": D("1500000.00"),  # P07 provincial 3,000,000 × 0.5 (its municipal filing paid 0)
        "A10": D("4000000.00"),  # P08 provincial 8,000,000 × 0.5
        "A11": D("0.00"),
        "A12": D("0.00"),  # P10 provincial of 2019: before the plan
        "A13": D("10000000.00"),  # P10 national 20,000,000 → cap; A12 not in the top-up
        "A14": D("0.00"),  # district level
        "A15": D("0.00"),
        "A16": D("500000.00"),  # P12 provincial 1,000,000 × 0.5
        "A17": D("1500000.00"),  # P13 provincial 3,000,000 × 0.5, 2025-11-01 inside
        "A18": D("2500000.00"),  # P14 provincial 5,000,000 × 0.5
        "A19": D("0.00"),  # P15 provincial of 2026: after the plan
        "A20": D("0.00"),
        "A21": D("5000000.00"),  # P17 provincial 10,000,000 × 0.5 = the cap exactly
        "A22": D("10000000.00"),  # P18 national 12,000,000 → cap
        "A23": D("0.00"),
        "A24": D("0.00"),
    }
    assert not assessment.item("A12").eligible
    assert not assessment.item("A19").eligible
    # Performance (§6.6 10% ≤ 1,000,000 for an excellent year, 市级以上 held on 31 Dec;
    # §6.7 the district pays only above the city's grant):
    assert amounts(assessment, Kind.PERFORMANCE) == {
        "P01/2022": D("500000.00"),  # provincial held; 5,000,000 × 10%
        "P01/2023": D("1000000.00"),  # 12,000,000 × 10% = 1,200,000 → cap
        "P01/2024": D("0.00"),  # 良好
        "P02/2023": D("500000.00"),  # 8,000,000 × 10% = 800,000 − city 300,000
        "P03/2022": D("0.00"),  # 300,000, but the city granted 500,000
        "P03/2023": D("0.00"),  # 合格
        "P04/2024": D("123456.78"),  # 1,234,567.89 × 10% = 123,456.789 → down to the fen
        "P05/2022": D("200000.00"),  # municipal filing 2021; 2,000,000 × 10%
        "P05/2023": D("1000000.00"),  # 15,000,000 × 10% → cap
        "P06/2023": D("80000.00"),  # municipal 2022; 800,000 × 10%
        "P07/2022": D("100000.00"),  # municipal 2021; 1,000,000 × 10%
        "P10/2021": D("600000.00"),  # provincial since 2019, still held; 6,000,000 × 10%
        "P11/2022": D("0.00"),  # only a district-level recognition
        "P16/2022": D("0.00"),  # 良好
        "P16/2023": D("0.00"),  # excellent, but no turnover
        "P19/2023": D("0.00"),  # 不合格
    }
    assert amounts(assessment, Kind.CASE) == {"C01": D("2000000.00")}
    # matching 47,250,000 + performance 4,103,456.78 = 51,353,456.78; + case 2,000,000
    totals = assessment.totals
    assert totals.by_kind[Kind.MATCHING] == D("47250000.00")
    assert totals.by_kind[Kind.PERFORMANCE] == D("4103456.78")
    assert totals.formula == D("51353456.78")
    assert totals.district == D("53353456.78")


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.7")
def test_the_whole_assessment_explains_every_item_in_report_order() -> None:
    assessment = ip.assess(
        register(
            approvals=PROVINCIAL_THEN_NATIONAL.approvals,
            reviews=(review("P1", 2022, Rating.EXCELLENT, "5000000"),),
        )
    )
    # A1 (2021-06-15), the 2022 review (dated 2022-12-31), A2 (2023-06-15)
    assert [i.item for i in assessment.items] == ["A1", "P1/2022", "A2"]
    for lang in ("zh", "en"):
        parts = assessment.explain(lang).split("\n\n")
        assert parts == [item.explain(lang) for item in assessment.items]
    text = assessment.explain("en")
    assert text.index("A1: matching support") < text.index("P1/2022: performance grant")
    assert text.index("P1/2022: performance grant") < text.index("A2: matching support")
    assert text.count("maximum payable") == 3


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_a_third_approval_tops_up_against_everything_paid_before_not_only_the_last() -> None:
    # Top-up (reading 1): A1 provincial 4,000,000 × 0.5 = 2,000,000; A2 provincial
    # 8,000,000 × 0.5 = 4,000,000, pays 4,000,000 − 2,000,000 = 2,000,000; A3 national
    # 5,000,000 × 1 = 5,000,000, pays 5,000,000 − (2,000,000 + 2,000,000) = 1,000,000.
    # In all 5,000,000: the largest single entitlement, never more.
    assessment = ip.assess(
        register(
            approvals=(
                approval("P1", Level.PROVINCIAL, day(2021, 3, 1), "4000000", aid="A1"),
                approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "8000000", aid="A2"),
                approval("P1", Level.NATIONAL, day(2023, 3, 1), "5000000", aid="A3"),
            )
        )
    )
    assert amounts(assessment) == {
        "A1": D("2000000.00"),
        "A2": D("2000000.00"),
        "A3": D("1000000.00"),
    }
    assert assessment.totals.by_platform["P1"] == D("5000000.00")
    top_up = assessment.item("A3").steps[-1]
    assert (top_up.code, top_up.values, top_up.result) == (
        "upgrade_top_up",
        (D("5000000.00"), D("4000000.00"), D("1000000.00")),
        D("1000000.00"),
    )


def test_an_item_is_found_by_its_id_and_kind() -> None:
    assessment = ip.assess(
        register(
            approvals=PROVINCIAL_THEN_NATIONAL.approvals,
            reviews=(review("P1", 2022, Rating.EXCELLENT, "5000000"),),
        )
    )
    assert assessment.item("A1", Kind.MATCHING).amount == D("3000000.00")
    assert assessment.item("P1/2022", Kind.PERFORMANCE).amount == D("500000.00")
    for item_id, kind in (("A1", Kind.PERFORMANCE), ("P1/2022", Kind.MATCHING), ("A9", None)):
        with pytest.raises(KeyError) as missing:
            assessment.item(item_id, kind)
        assert isinstance(missing.value, ip.PolicyLookupError)
        assert (missing.value.path, missing.value.value) == (("item",), item_id)
        assert str(missing.value).startswith(f"item: {item_id!r} is not an item")


@pytest.mark.clause("§2.2", "§6.2", "§6.4", "§6.5", "§6.6", "§6.7")
def test_every_settlement_step_is_explained_with_its_numbers_and_clauses() -> None:
    # Each approval matched on its own (reading 1), the city's award topped up (reading
    # 2), the county standard 800,000 for a provincial approval (§6.5); a provincial
    # approval of 2020, a year rated 2026 and a case decision of 2026, all outside the plan.
    policy = attrs.evolve(
        EACH_APPROVAL,
        city_reading=CityReading.TOP_UP,
        county_standard_caps={Level.PROVINCIAL: D(800000)},
    )
    assessment = ip.assess(
        register(
            approvals=(
                approval("P1", Level.PROVINCIAL, day(2020, 5, 1), "4000000", aid="A0"),
                approval("P1", Level.PROVINCIAL, day(2022, 5, 1), "4000000", "1000000", "A1"),
            ),
            reviews=(review("P1", 2026, Rating.EXCELLENT, "5000000"),),
            decisions=(
                ip.CaseDecision("P1", day(2026, 1, 5), D(700000), "赣政办〔2026〕1号", "C9"),
            ),
        ),
        policy=policy,
    )
    a0, a1, c9, p2026 = assessment.items
    # A1: 4,000,000 × 0.5 = 2,000,000; − city 1,000,000 = 1,000,000; county cap 800,000
    assert a1.explain("en").splitlines()[5:] == [
        "  5. each approval is matched on its own (reading 1, each_approval): "
        "2,000,000.00 yuan (§6.4)",
        "  6. city and district do not both reward (reading 2, top_up): district amount "
        "2,000,000.00 yuan − city award 1,000,000.00 yuan = 1,000,000.00 yuan, never below "
        "zero: 1,000,000.00 yuan (§6.5)",
        "  7. the district's reward may not exceed the city's standard for other counties "
        "for a provincial approval, 800,000.00 yuan: 1,000,000.00 yuan → 800,000.00 yuan (§6.5)",
        "  maximum payable (80万元): 800,000.00 yuan",
    ]
    assert a1.explain().splitlines()[5:] == [
        "  5. 逐项配套（解读1，each_approval）：本次认定单独配套 2,000,000.00 元（§6.4）",
        "  6. 市、区不重复奖励（解读2，top_up）：区级应得 2,000,000.00 元 − 市级已奖励 "
        "1,000,000.00 元 = 1,000,000.00 元，不足零按零计：1,000,000.00 元（§6.5）",
        "  7. 区奖励资金额度不超过市对其他县省级奖励标准 800,000.00 元：1,000,000.00 元 → "
        "800,000.00 元（§6.5）",
        "  最高可支付额（80万元）：800,000.00 元",
    ]
    assert [(s.code, s.result) for s in a1.steps[4:]] == [
        ("each_approval", D("2000000.00")),
        ("city_top_up", D("1000000.00")),
        ("county_standard_cap", D("800000.00")),
    ]
    assert a1.clauses == ("§6.4", "§6.5")
    # A0 of 2020 and the year 2026: outside the plan, 0 (reading 8)
    assert (a0.steps[-1].code, a0.steps[-1].result, a0.amount) == (
        "outside_period",
        D("0.00"),
        D("0.00"),
    )
    assert a0.explain("en").splitlines()[5] == (
        "  5. 2020-05-01 lies outside the plan period 2021-01-01 to 2025-12-31 (reading 8): "
        "not eligible under this plan, and not counted toward a later top-up: 0 yuan (§2.2)"
    )
    assert (p2026.steps[-1].code, p2026.steps[-1].result) == ("year_outside_period", D("0.00"))
    assert (a0.clauses, p2026.clauses) == (("§6.4", "§2.2"), ("§6.6", "§2.2"))
    assert p2026.explain().splitlines()[5] == (
        "  5. 2026 年度不在本方案实施期 2021-01-01 至 2025-12-31 内（解读8），本方案不予补助：0 元（§2.2）"
    )
    assert p2026.explain("en").splitlines()[5] == (
        "  5. the year 2026 lies outside the plan period 2021-01-01 to 2025-12-31 (reading 8): "
        "not eligible under this plan: 0 yuan (§2.2)"
    )
    # C9: listed as decided, 700,000, with a note and a warning (§6.2, reading 8)
    assert [(s.code, s.result) for s in c9.steps] == [
        ("case_decision", D("700000.00")),
        ("case_outside_period", D("700000.00")),
    ]
    assert c9.explain("en").splitlines()[1:] == [
        "  1. case-by-case support of 700,000.00 yuan (decision 赣政办〔2026〕1号): not "
        "computed by a formula and not under a formula cap (§6.2)",
        "  2. note: the case-by-case decision of 2026-01-05 lies outside the plan period "
        "2021-01-01 to 2025-12-31 (reading 8); listed all the same (§2.2)",
        "  maximum payable (70万元): 700,000.00 yuan",
    ]
    (warning,) = assessment.warnings
    assert warning.message() == (
        "P1 一事一议决定 C9 的日期 2026-01-05 不在本方案实施期 2021-01-01 至 2025-12-31 内"
        "（§6.2、§2.2）"
    )
    assert warning.message("en") == (
        "P1: case decision C9 of 2026-01-05 lies outside the plan period 2021-01-01 to "
        "2025-12-31 (§6.2, §2.2)"
    )


@pytest.mark.clause("§6.3", "§6.4", "§6.6")
def test_each_item_keeps_the_standalone_award_it_was_settled_from() -> None:
    assessment = ip.assess(
        register(
            approvals=PROVINCIAL_THEN_NATIONAL.approvals,
            reviews=(review("P1", 2022, Rating.EXCELLENT, "5000000"),),
        )
    )
    a2 = assessment.item("A2")
    assert a2.award == ip.matching_subsidy(Level.NATIONAL, D(9000000))
    assert a2.award is not None
    assert (a2.award.amount, a2.amount) == (D("9000000.00"), D("6000000.00"))
    grant = assessment.item("P1/2022").award
    assert grant == ip.performance_grant(Level.PROVINCIAL, Rating.EXCELLENT, D(5000000), year=2022)


@pytest.mark.clause("§6.2")
def test_a_case_decision_has_no_standalone_award() -> None:
    decision = ip.CaseDecision("P1", day(2023, 5, 1), D("2000000"), "赣政办〔2023〕1号", id="C1")
    assert ip.assess(register(decisions=(decision,))).item("C1").award is None


def test_an_items_steps_are_made_once_and_kept() -> None:
    item = ip.assess(PROVINCIAL_THEN_NATIONAL).item("A2")
    assert item.steps is item.steps
    assert item.steps[-1].result == item.amount


def test_explanations_are_in_chinese_unless_english_is_asked_for() -> None:
    assessment = ip.assess(PROVINCIAL_THEN_NATIONAL)
    item = assessment.item("A2")
    assert item.explain() == item.explain("zh")
    assert item.explain().startswith("A2：国家级批准立项的配套支持")
    assert assessment.explain() == assessment.explain("zh")
    awards = assessment.to_dict("en")["awards"]
    assert [a["explanation"] for a in awards] == [i.explain("en") for i in assessment.items]
    assert [a["explanation"] for a in assessment.to_dict()["awards"]] == [
        i.explain("zh") for i in assessment.items
    ]


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.2")
def test_the_assessment_is_exact_whatever_the_callers_decimal_context() -> None:
    # The example register's totals (worked above) under a caller's context of 6 digits.
    with decimal.localcontext(decimal.Context(prec=6, rounding=decimal.ROUND_HALF_UP)):
        totals = ip.assess(ip.example_register()).totals
    assert totals.by_kind[Kind.MATCHING] == D("47250000.00")
    assert totals.by_kind[Kind.PERFORMANCE] == D("4103456.78")
    assert totals.formula == D("51353456.78")
    assert totals.district == D("53353456.78")


# ---------------------------------------------------------------------------------------
# Reading 1 as revised: an approval's own entitlement less what the district already paid


@pytest.mark.clause("§6.4", "§6.5", "§6.7")
def test_a_city_rewarded_approval_is_not_made_up_through_a_later_one() -> None:
    # A1: 6,000,000 × 0.5 = 3,000,000, but the city rewarded it: the district pays 0
    #     (reading 2, city excludes district).
    # A2: 4,000,000 × 0.5 = 2,000,000; the district has paid 0 for the platform, so
    #     2,000,000 − 0 = 2,000,000: its own entitlement, not the 3,000,000 the city rewarded.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 1), "6000000", "3000000", "A1"),
            approval("P1", Level.PROVINCIAL, day(2023, 6, 1), "4000000", aid="A2"),
        )
    )
    assessment = ip.assess(reg)
    assert amounts(assessment) == {"A1": D("0.00"), "A2": D("2000000.00")}
    top_up = next(s for s in assessment.item("A2").steps if s.code == "upgrade_top_up")
    assert top_up.values == (D("2000000.00"), D("0.00"), D("2000000.00"))


@pytest.mark.clause("§6.4", "§6.5", "§6.7")
def test_an_approval_cut_by_the_county_standard_is_not_made_up_through_a_later_one() -> None:
    # County standard for provincial approvals 2,000,000 (reading 2).
    # A1: 6,000,000 × 0.5 = 3,000,000 → capped at 2,000,000; paid 2,000,000.
    # A2: 5,000,000 × 0.5 = 2,500,000; 2,500,000 − 2,000,000 = 500,000 (within the cap).
    # (Measured against the largest entitlement, 3,000,000 − 2,000,000, it would pay
    # 1,000,000: through A2, what the county standard cut from A1.)
    policy = attrs.evolve(GANYU_2021, county_standard_caps={Level.PROVINCIAL: D("2000000")})
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 1), "6000000", aid="A1"),
            approval("P1", Level.PROVINCIAL, day(2022, 6, 1), "5000000", aid="A2"),
        )
    )
    assert amounts(ip.assess(reg, policy=policy)) == {
        "A1": D("2000000.00"),
        "A2": D("500000.00"),
    }


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_a_smaller_national_approval_after_a_city_rewarded_provincial_one_pays_its_own() -> None:
    # A1 provincial: 10,000,000 × 0.5 = 5,000,000, rewarded by the city: district 0.
    # A2 national: 3,000,000 × 1 = 3,000,000; 3,000,000 − 0 = 3,000,000.
    reg = register(
        approvals=(
            approval("P1", Level.PROVINCIAL, day(2021, 6, 1), "10000000", "5000000", "A1"),
            approval("P1", Level.NATIONAL, day(2024, 6, 1), "3000000", aid="A2"),
        )
    )
    assert amounts(ip.assess(reg)) == {"A1": D("0.00"), "A2": D("3000000.00")}


@pytest.mark.clause("§6.4", "§6.7")
def test_same_date_approvals_of_one_level_settle_the_smaller_entitlement_first() -> None:
    # Same day, both provincial: 2,000,000 × 0.5 = 1,000,000 first (whatever the ids),
    # then 8,000,000 × 0.5 = 4,000,000 − 1,000,000 = 3,000,000.
    for small, large in (("A", "B"), ("B", "A")):
        records = (
            approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "8000000", aid=large),
            approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "2000000", aid=small),
        )
        assert amounts(ip.assess(register(approvals=records))) == {
            small: D("1000000.00"),
            large: D("3000000.00"),
        }


@pytest.mark.clause("§6.4", "§6.5", "§6.7")
def test_same_date_approvals_equal_in_entitlement_settle_the_smaller_city_award_first() -> None:
    # Same day, provincial, both 6,000,000 × 0.5 = 3,000,000; city top-up reading.
    # The one with the smaller city award (0) goes first, whatever the ids: 3,000,000.
    # Then the one the city rewarded with 500,000: 3,000,000 − 3,000,000 = 0, and
    # 0 − 500,000 is below zero: 0. (The other order would give 2,500,000 and 500,000.)
    for plain, rewarded in (("A", "B"), ("B", "A")):
        records = (
            approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "6000000", "500000", rewarded),
            approval("P1", Level.PROVINCIAL, day(2022, 3, 1), "6000000", aid=plain),
        )
        assert amounts(ip.assess(register(approvals=records), policy=CITY_TOP_UP)) == {
            plain: D("3000000.00"),
            rewarded: D("0.00"),
        }
