"""Target accounting for the 14th Five-Year Plan (§2.2, §4.1–§4.3, §A.1–§A.4, §A.T).

The expected counts are hand-checked from the shipped example register
(``src/innovation_policy/data/example_register.json``) under reading 6 of the clause
catalogue: a platform counts once, on the date it first became major (§3.0), when that
date lies inside 2021-01-01 … 2025-12-31 and on or before the report's date.

First-major dates of the example register, from its approvals:

======  ==========  ======================  ==========  ================================
id      first major park                    bureau      note
======  ==========  ======================  ==========  ================================
P01     2021-06-15  economic dev. zone      S&T §4.1    provincial, national 2023 (A02)
P02     2022-04-10  economic dev. zone      D&R §4.2
P03     2021-11-20  marine                  I&IT §4.3
P04     2023-05-18  marine                  S&T
P05     2021-09-01  biotech park            S&T         municipal new R&D institution
P06     2022-07-01  biotech park            S&T         professional institute
P07     2024-06-30  high-tech zone          S&T         2021 municipal filing not major
P08     2025-03-15  high-tech zone          I&IT
P09     2023-03-01  high-tech zone          S&T         professional institute
P10     2019-05-01  marine                  D&R         major before the plan: not counted
P11     never       economic dev. zone      S&T         district level only: not counted
P12     2024-02-01  economic dev. zone      S&T
P13     2025-11-01  marine                  S&T
P14     2022-12-01  outside the parks       I&IT
P15     2026-02-01  biotech park            D&R         after the plan: not counted
P16     2021-12-20  marine                  S&T
P17     2024-10-10  biotech park            S&T
P18     2025-08-08  high-tech zone          S&T
P19     2022-01-15  economic dev. zone      S&T
P20     2025-04-01  marine                  S&T         professional institute
======  ==========  ======================  ==========  ================================
"""

from __future__ import annotations

import decimal
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
import pytest

import innovation_policy as ip
from innovation_policy import (
    Bureau,
    Category,
    CountStatus,
    Level,
    PaceStatus,
    Park,
    TargetReport,
    TargetScope,
    target_progress,
)

EDZ = Park.ECONOMIC_DEVELOPMENT_ZONE
MARINE = Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE
HIGH_TECH = Park.HIGH_TECH_ZONE
BIOTECH = Park.HAIZHOU_BAY_BIOTECH_PARK
ST = Bureau.SCIENCE_AND_TECHNOLOGY
DR = Bureau.DEVELOPMENT_AND_REFORM
IIT = Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY

END_OF_FIRST_YEAR = date(2021, 12, 31)
MID_PLAN = date(2023, 6, 30)
END_OF_PLAN = date(2025, 12, 31)


def example(as_of: date, policy: ip.Policy = ip.GANYU_2021) -> TargetReport:
    return target_progress(ip.example_register(), as_of=as_of, policy=policy)


def ids(*numbers: int) -> tuple[str, ...]:
    return tuple(f"P{n:02d}" for n in numbers)


def platform(
    platform_id: str, category: Category, park: Park | None = EDZ, name: str | None = None
) -> ip.Platform:
    return ip.Platform(
        id=platform_id,
        name=name or f"平台 {platform_id}",
        category=category,
        industry=ip.Industry.NEW_ENERGY,
        park=park,
    )


def approval(platform_id: str, level: Level, day: date) -> ip.Approval:
    return ip.Approval(platform=platform_id, level=level, date=day)


def register(platforms: list[ip.Platform], approvals: list[ip.Approval]) -> ip.Register:
    return ip.Register(platforms=tuple(platforms), approvals=tuple(approvals))


# ---------------------------------------------------------------------------------------
# The example register, as of three dates


@pytest.mark.clause("§2.2", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_example_at_the_end_of_2021_counts_four_and_meets_the_annex_first_year_total() -> None:
    report = example(END_OF_FIRST_YEAR)
    assert report.district.achieved == 4
    assert report.district.platforms == ids(1, 3, 5, 16)
    # §A.1–§A.4, 2021 column: 1, 1, 1, 1; §A.T: 4.
    first_year = {park: report.park(park, first_year=True) for park in Park}
    assert {p: line.achieved for p, line in first_year.items()} == {
        EDZ: 1,
        MARINE: 2,
        HIGH_TECH: 0,
        BIOTECH: 1,
    }
    assert first_year[EDZ].platforms == ids(1)
    assert first_year[MARINE].platforms == ids(3, 16)
    assert first_year[BIOTECH].platforms == ids(5)
    annex = report.annex(first_year=True)
    assert (annex.target, annex.achieved, annex.remaining, annex.met) == (4, 4, 0, True)
    assert annex.platforms == ids(1, 3, 5, 16)
    # The first year is over on its last day: each park line is met or missed.
    assert {p: line.pace.status for p, line in first_year.items()} == {
        EDZ: PaceStatus.MET,
        MARINE: PaceStatus.MET,
        HIGH_TECH: PaceStatus.MISSED,
        BIOTECH: PaceStatus.MET,
    }
    assert first_year[HIGH_TECH].remaining == 1
    assert all(line.pace.elapsed == Decimal("1.0000") for line in first_year.values())


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_example_at_mid_plan_counts_ten_platforms_and_meets_the_district_target() -> None:
    report = example(MID_PLAN)
    district = report.district
    assert district.platforms == ids(1, 2, 3, 4, 5, 6, 9, 14, 16, 19)
    assert (district.target, district.achieved, district.remaining, district.met) == (
        10,
        10,
        0,
        True,
    )
    assert district.pace.status is PaceStatus.MET
    assert {b: report.bureau(b).platforms for b in Bureau} == {
        ST: ids(1, 4, 5, 6, 9, 16, 19),
        DR: ids(2),
        IIT: ids(3, 14),
    }
    assert {p: report.park(p).platforms for p in Park} == {
        EDZ: ids(1, 2, 19),
        MARINE: ids(3, 4, 16),
        HIGH_TECH: ids(9),
        BIOTECH: ids(5, 6),
    }
    # P14 is outside the parks: in the district, not in the annex total.
    assert report.annex().achieved == 9
    assert "P14" not in report.annex().platforms


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_example_at_the_end_of_the_plan_counts_17_and_the_commission_misses_its_target() -> None:
    report = example(END_OF_PLAN)
    assert report.district.achieved == 17
    assert report.district.platforms == ids(
        1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 16, 17, 18, 19, 20
    )
    assert {p: report.park(p).achieved for p in Park} == {
        EDZ: 4,
        MARINE: 5,
        HIGH_TECH: 4,
        BIOTECH: 3,
    }
    assert {p: report.park(p).platforms for p in Park} == {
        EDZ: ids(1, 2, 12, 19),
        MARINE: ids(3, 4, 13, 16, 20),
        HIGH_TECH: ids(7, 8, 9, 18),
        BIOTECH: ids(5, 6, 17),
    }
    assert report.annex().achieved == 16  # 17 less P14, outside the parks
    assert {b: report.bureau(b).achieved for b in Bureau} == {ST: 13, DR: 1, IIT: 3}
    commission = report.bureau(DR)
    assert (commission.target, commission.achieved, commission.remaining) == (2, 1, 1)
    assert commission.met is False
    assert commission.pace.status is PaceStatus.MISSED
    assert commission.clauses == ("§4.2",)
    for line in report.lines:
        if line is not commission and line.key is not HIGH_TECH:
            assert line.pace.status is PaceStatus.MET, line
    # The 2021 column of the annex is final: the high-tech zone missed its one.
    assert report.park(HIGH_TECH, first_year=True).pace.status is PaceStatus.MISSED
    assert report.park(HIGH_TECH).pace.status is PaceStatus.MET


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4")
def test_example_new_platforms_by_year_of_the_plan() -> None:
    report = example(END_OF_PLAN)
    assert [y.year for y in report.by_year] == [2021, 2022, 2023, 2024, 2025]
    assert {y.year: y.district for y in report.by_year} == {
        2021: ids(1, 3, 5, 16),
        2022: ids(2, 6, 14, 19),
        2023: ids(4, 9),
        2024: ids(7, 12, 17),
        2025: ids(8, 13, 18, 20),
    }
    y2022 = report.by_year[1]
    assert y2022.count == 4
    assert dict(y2022.parks) == {EDZ: ids(2, 19), MARINE: (), HIGH_TECH: (), BIOTECH: ids(6)}
    assert y2022.outside_parks == ids(14)
    assert dict(y2022.bureaus) == {ST: ids(6, 19), DR: ids(2), IIT: ids(14)}


@pytest.mark.clause("§2.2")
def test_example_platforms_not_counted_and_why() -> None:
    report = example(MID_PLAN)
    reasons = {c.platform: c.status for c in report.platforms if not c.counted}
    assert reasons == {
        "P07": CountStatus.MAJOR_AFTER_AS_OF,
        "P08": CountStatus.MAJOR_AFTER_AS_OF,
        "P10": CountStatus.MAJOR_BEFORE_PLAN,
        "P11": CountStatus.NEVER_MAJOR,
        "P12": CountStatus.MAJOR_AFTER_AS_OF,
        "P13": CountStatus.MAJOR_AFTER_AS_OF,
        "P15": CountStatus.MAJOR_AFTER_PLAN,
        "P17": CountStatus.MAJOR_AFTER_AS_OF,
        "P18": CountStatus.MAJOR_AFTER_AS_OF,
        "P20": CountStatus.MAJOR_AFTER_AS_OF,
    }
    assert report.counted == ids(1, 2, 3, 4, 5, 6, 9, 14, 16, 19)


# ---------------------------------------------------------------------------------------
# The counting rule (reading 6)


@pytest.mark.clause("§2.2", "§3.0", "§4.1")
def test_a_provincial_then_national_platform_counts_once_in_its_provincial_year() -> None:
    # The example's P01: provincial 2021-06-15 (A01), national 2023-09-20 (A02).
    report = example(END_OF_PLAN)
    p01 = next(c for c in report.platforms if c.platform == "P01")
    assert (p01.first_major, p01.approval, p01.level) == (
        date(2021, 6, 15),
        "A01",
        Level.PROVINCIAL,
    )
    assert [y.year for y in report.by_year if "P01" in y.district] == [2021]
    assert report.district.platforms.count("P01") == 1
    # And in a register of its own.
    alone = register(
        [platform("T1", Category.TECHNOLOGY_INNOVATION_CENTER)],
        [
            approval("T1", Level.PROVINCIAL, date(2022, 3, 1)),
            approval("T1", Level.NATIONAL, date(2024, 9, 1)),
        ],
    )
    report = target_progress(alone, as_of=END_OF_PLAN)
    assert report.district.achieved == 1
    assert {y.year: y.count for y in report.by_year} == {
        2021: 0,
        2022: 1,
        2023: 0,
        2024: 0,
        2025: 0,
    }


@pytest.mark.clause("§3.0", "§3.1", "§3.5", "§2.2")
def test_a_municipal_technology_centre_is_not_counted_but_a_municipal_rd_institution_is() -> None:
    # §3.0: 技术创新中心……为国家级和省级，新型研发机构以市级备案为准
    both = register(
        [
            platform("TIC", Category.TECHNOLOGY_INNOVATION_CENTER),
            platform("RD", Category.NEW_RD_INSTITUTION),
        ],
        [
            approval("TIC", Level.MUNICIPAL, date(2022, 5, 1)),
            approval("RD", Level.MUNICIPAL, date(2022, 5, 1)),
        ],
    )
    report = target_progress(both, as_of=END_OF_PLAN)
    assert report.district.platforms == ("RD",)
    assert report.bureau(ST).platforms == ("RD",)
    statuses = {c.platform: c.status for c in report.platforms}
    assert statuses == {"RD": CountStatus.COUNTED, "TIC": CountStatus.NEVER_MAJOR}
    # The example's P07: its 2021 municipal filing did not make it major; its 2024
    # provincial approval did.
    p07 = next(c for c in example(END_OF_PLAN).platforms if c.platform == "P07")
    assert (p07.first_major, p07.approval) == (date(2024, 6, 30), "A09")


@pytest.mark.clause("§2.2", "§4.2")
def test_a_platform_major_since_2019_and_upgraded_in_2022_is_not_counted() -> None:
    # The example's P10: provincial 2019-05-01, national 2022-08-01.
    report = example(END_OF_PLAN)
    p10 = next(c for c in report.platforms if c.platform == "P10")
    assert p10.status is CountStatus.MAJOR_BEFORE_PLAN
    assert p10.first_major == date(2019, 5, 1)
    assert all("P10" not in line.platforms for line in report.lines)
    assert all("P10" not in y.district for y in report.by_year)
    alone = register(
        [platform("OLD", Category.INDUSTRIAL_INNOVATION_CENTER, MARINE)],
        [
            approval("OLD", Level.PROVINCIAL, date(2019, 5, 1)),
            approval("OLD", Level.NATIONAL, date(2022, 8, 1)),
        ],
    )
    assert target_progress(alone, as_of=END_OF_PLAN).district.achieved == 0


@pytest.mark.clause("§2.2")
def test_a_platform_first_major_after_the_plan_is_not_counted_even_in_a_later_report() -> None:
    report = example(date(2030, 1, 1))
    p15 = next(c for c in report.platforms if c.platform == "P15")
    assert p15.status is CountStatus.MAJOR_AFTER_PLAN
    assert "P15" not in report.district.platforms


@pytest.mark.clause("§3.0", "§3.6", "§4.1")
def test_a_professional_institute_counts_for_the_science_bureau_as_a_new_rd_institution() -> None:
    report = example(END_OF_PLAN)
    for platform_id in ("P06", "P09", "P20"):
        count = next(c for c in report.platforms if c.platform == platform_id)
        assert count.counts_as is Category.NEW_RD_INSTITUTION
        assert count.bureau is ST
        assert platform_id in report.bureau(ST).platforms


@pytest.mark.clause("§2.2", "§4.3", "§A.T")
def test_a_platform_outside_the_parks_counts_for_the_district_and_its_bureau_only() -> None:
    report = example(END_OF_PLAN)
    assert "P14" in report.district.platforms
    assert "P14" in report.bureau(IIT).platforms
    park_lines = [
        line for line in report.lines if line.scope in (TargetScope.PARK, TargetScope.ANNEX)
    ]
    assert park_lines
    assert all("P14" not in line.platforms for line in park_lines)
    assert report.by_year[1].outside_parks == ("P14",)


@pytest.mark.clause("§2.2")
def test_a_platform_counts_on_the_report_date_itself_but_not_the_day_before() -> None:
    # P04 became major on 2023-05-18.
    assert "P04" in example(date(2023, 5, 18)).district.platforms
    before = example(date(2023, 5, 17))
    assert "P04" not in before.district.platforms
    p04 = next(c for c in before.platforms if c.platform == "P04")
    assert p04.status is CountStatus.MAJOR_AFTER_AS_OF


@pytest.mark.clause("§2.2", "§3.0")
def test_two_approvals_on_the_first_major_day_record_the_higher_level() -> None:
    same_day = register(
        [platform("X", Category.NEW_RD_INSTITUTION)],
        [
            approval("X", Level.MUNICIPAL, date(2022, 5, 1)),
            approval("X", Level.PROVINCIAL, date(2022, 5, 1)),
        ],
    )
    (count,) = target_progress(same_day, as_of=END_OF_PLAN).platforms
    assert (count.first_major, count.level) == (date(2022, 5, 1), Level.PROVINCIAL)


@pytest.mark.clause("§2.2", "§A.T")
def test_the_plan_boundaries_are_inside_the_plan() -> None:
    edges = register(
        [
            platform("BEFORE", Category.NEW_RD_INSTITUTION),
            platform("FIRST", Category.NEW_RD_INSTITUTION),
            platform("LAST", Category.NEW_RD_INSTITUTION),
            platform("AFTER", Category.NEW_RD_INSTITUTION),
        ],
        [
            approval("BEFORE", Level.MUNICIPAL, date(2020, 12, 31)),
            approval("FIRST", Level.MUNICIPAL, date(2021, 1, 1)),
            approval("LAST", Level.MUNICIPAL, date(2025, 12, 31)),
            approval("AFTER", Level.MUNICIPAL, date(2026, 1, 1)),
        ],
    )
    report = target_progress(edges, as_of=date(2026, 6, 30))
    assert report.district.platforms == ("FIRST", "LAST")
    assert report.annex(first_year=True).platforms == ("FIRST",)


# ---------------------------------------------------------------------------------------
# Periods and pace


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_before_the_plan_nothing_is_achieved_and_every_line_has_not_started() -> None:
    report = example(date(2020, 12, 31))
    assert len(report.lines) == 14
    for line in report.lines:
        assert line.achieved == 0
        assert line.platforms == ()
        assert line.remaining == line.target
        assert line.pace.status is PaceStatus.NOT_STARTED
        assert line.pace.elapsed == Decimal("0.0000")
        assert line.pace.days_elapsed == 0
    assert all(y.count == 0 for y in report.by_year)
    assert report.counted == ()


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.T")
def test_after_the_plan_the_report_is_the_final_result() -> None:
    final, later = example(END_OF_PLAN), example(date(2031, 3, 1))
    assert later.as_of == date(2031, 3, 1)
    assert [(line.achieved, line.platforms, line.pace) for line in later.lines] == [
        (line.achieved, line.platforms, line.pace) for line in final.lines
    ]
    assert later.by_year == final.by_year
    assert all(line.pace.elapsed == Decimal("1.0000") for line in later.lines)


@pytest.mark.clause("§2.2", "§4.1")
def test_elapsed_is_days_so_far_including_the_report_date_over_days_in_the_period() -> None:
    # 2021-01-01 … 2025-12-31 has 1826 days (2024 is a leap year).
    first_day = example(date(2021, 1, 1)).district.pace
    assert (first_day.days_elapsed, first_day.days_in_period) == (1, 1826)
    assert first_day.elapsed == Decimal("0.0005")  # 1 / 1826 = 0.000547…, rounded down
    mid = example(MID_PLAN).district.pace
    assert (mid.days_elapsed, mid.elapsed) == (911, Decimal("0.4989"))  # 0.498904…
    # 7 / 6 = 1.1666…: rounded down, and not capped at 1.
    assert example(MID_PLAN).bureau(ST).pace.achieved_share == Decimal("1.1666")
    last_day = example(END_OF_PLAN).district.pace
    assert (last_day.days_elapsed, last_day.elapsed) == (1826, Decimal("1.0000"))


@pytest.mark.clause("§4.2")
def test_a_line_exactly_on_pace_is_ahead_and_one_day_later_behind() -> None:
    # The commission has 1 of 2 (P02) from 2022-04-10. On 2023-07-02, 913 of 1826 days
    # have run: exactly half, as much as it has achieved.
    on_pace = example(date(2023, 7, 2)).bureau(DR).pace
    assert (on_pace.days_elapsed, on_pace.elapsed, on_pace.achieved_share) == (
        913,
        Decimal("0.5000"),
        Decimal("0.5000"),
    )
    assert on_pace.status is PaceStatus.AHEAD
    assert example(date(2023, 7, 3)).bureau(DR).pace.status is PaceStatus.BEHIND


@pytest.mark.clause("§4.2", "§A.3")
def test_a_line_with_nothing_achieved_while_its_period_runs_is_behind() -> None:
    report = example(date(2021, 6, 30))
    assert report.bureau(DR).pace.status is PaceStatus.BEHIND
    assert report.park(HIGH_TECH, first_year=True).pace.status is PaceStatus.BEHIND


@pytest.mark.clause("§A.1", "§A.T")
def test_a_target_of_zero_is_met_once_its_period_has_begun() -> None:
    reform = attrs.evolve(
        ip.GANYU_2021,
        park_targets={**ip.GANYU_2021.park_targets, EDZ: 0},
        annex_target=7,
    )
    line = target_progress(register([], []), as_of=date(2021, 1, 1), policy=reform).park(EDZ)
    assert (line.target, line.achieved, line.met) == (0, 0, True)
    assert line.pace.achieved_share == Decimal("1.0000")
    assert line.pace.status is PaceStatus.MET
    before = target_progress(register([], []), as_of=date(2020, 1, 1), policy=reform).park(EDZ)
    assert before.pace.status is PaceStatus.NOT_STARTED


@pytest.mark.clause("§2.2", "§A.T")
def test_period_labels_and_years_come_from_the_policy() -> None:
    moved = attrs.evolve(ip.GANYU_2021, plan_start=date(2022, 1, 1), plan_end=date(2026, 12, 31))
    report = example(END_OF_PLAN.replace(year=2026), policy=moved)
    assert report.district.period.label == "2022-2026"
    assert report.annex(first_year=True).period.label == "2022"
    assert [y.year for y in report.by_year] == [2022, 2023, 2024, 2025, 2026]
    assert "P15" in report.district.platforms  # major 2026-02-01: inside this plan
    assert "P01" not in report.district.platforms  # major 2021: before this plan
    assert report.to_dict()["policy_period"] == "2022-2026"


@pytest.mark.clause("§2.2", "§A.T")
def test_a_plan_that_does_not_start_on_1_january_has_calendar_years_cut_to_the_plan() -> None:
    mid_year = attrs.evolve(ip.GANYU_2021, plan_start=date(2021, 7, 1), plan_end=date(2026, 6, 30))
    report = example(date(2027, 1, 1), policy=mid_year)
    assert [(y.period.start, y.period.end) for y in report.by_year] == [
        (date(2021, 7, 1), date(2021, 12, 31)),
        (date(2022, 1, 1), date(2022, 12, 31)),
        (date(2023, 1, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 30)),
    ]
    first_year = report.annex(first_year=True)
    assert (first_year.period.start, first_year.period.end) == (
        date(2021, 7, 1),
        date(2021, 12, 31),
    )
    assert first_year.platforms == ids(3, 5, 16)  # P01 (2021-06-15) is before this plan
    assert report.by_year[-1].district == ids(15)  # P15: 2026-02-01


# ---------------------------------------------------------------------------------------
# The checks of the policy's own targets


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_the_targets_of_the_draft_agree_with_each_other() -> None:
    report = example(MID_PLAN)
    assert [(c.code, c.ok) for c in report.checks] == [
        ("park_targets_sum_to_annex_total", True),
        ("park_first_year_targets_sum_to_annex_first_year_total", True),
        ("bureau_targets_within_district_target", True),
        ("annex_total_within_district_target", True),
    ]
    assert report.checks_ok
    assert report.checks[0].values == (3, 3, 2, 2, 10)
    assert report.checks[0].message("zh") == (
        "各园区规划期目标之和 3 + 3 + 2 + 2 = 10，等于附件合计 10（§A.1、§A.2、§A.3、§A.4、§A.T）"
    )


@pytest.mark.clause("§A.1", "§A.T")
def test_a_reform_that_changes_one_park_target_makes_the_checks_say_not_ok() -> None:
    reform = attrs.evolve(ip.GANYU_2021, park_targets={**ip.GANYU_2021.park_targets, EDZ: 4})
    report = example(MID_PLAN, policy=reform)
    failed = [c for c in report.checks if not c.ok]
    assert [c.code for c in failed] == ["park_targets_sum_to_annex_total"]
    assert not report.checks_ok
    assert failed[0].message("en") == (
        "the parks' whole-plan targets 4 + 3 + 2 + 2 = 11 differ from the annex total 10 "
        "(§A.1, §A.2, §A.3, §A.4, §A.T)"
    )
    assert report.park(EDZ).target == 4
    assert report.annex().target == 10  # the annex total is the policy's, not the sum
    document = report.to_dict("en")
    assert document["checks"][0]["ok"] is False


@pytest.mark.clause("§2.2", "§4.1", "§A.1", "§A.T")
def test_reforms_that_break_the_other_checks() -> None:
    first_year = attrs.evolve(
        ip.GANYU_2021, park_first_year_targets={**ip.GANYU_2021.park_first_year_targets, EDZ: 2}
    )
    bureaus = attrs.evolve(ip.GANYU_2021, bureau_targets={**ip.GANYU_2021.bureau_targets, ST: 7})
    district = attrs.evolve(ip.GANYU_2021, district_target=9)
    failing = {
        name: [c.code for c in example(MID_PLAN, policy=policy).checks if not c.ok]
        for name, policy in (
            ("first_year", first_year),
            ("bureaus", bureaus),
            ("district", district),
        )
    }
    assert failing == {
        "first_year": ["park_first_year_targets_sum_to_annex_first_year_total"],
        "bureaus": ["bureau_targets_within_district_target"],
        "district": ["bureau_targets_within_district_target", "annex_total_within_district_target"],
    }


# ---------------------------------------------------------------------------------------
# JSON and the shipped schema


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "as_of", [date(2020, 6, 1), END_OF_FIRST_YEAR, MID_PLAN, END_OF_PLAN, date(2030, 1, 1)]
)
def test_the_json_document_validates_against_the_shipped_schema(as_of: date, lang: str) -> None:
    document = json.loads(example(as_of).to_json(lang))
    jsonschema.Draft202012Validator(ip.schema("targets")).validate(document)
    assert document == example(as_of).to_dict(lang)


@pytest.mark.clause("§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_the_shipped_schema_is_a_valid_draft_2020_12_schema_and_strict() -> None:
    schema = ip.schema("targets")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = example(MID_PLAN).to_dict()
    assert validator.is_valid(good)
    bad_key = json.loads(json.dumps(good))
    bad_key["lines"][0]["key"] = EDZ.value  # the district line has no key
    assert not validator.is_valid(bad_key)
    bad_status = json.loads(json.dumps(good))
    bad_status["lines"][0]["pace"]["status"] = "on_track"
    assert not validator.is_valid(bad_status)
    extra = json.loads(json.dumps(good))
    extra["lines"][0]["note"] = "extra"
    assert not validator.is_valid(extra)
    english_key = json.loads(json.dumps(good))
    english_key["lines"][1]["key"] = "SCIENCE_AND_TECHNOLOGY"
    assert not validator.is_valid(english_key)


@pytest.mark.clause("§2.2", "§4.1", "§A.1", "§A.T")
def test_the_json_document_of_mid_plan() -> None:
    document = example(MID_PLAN).to_dict()
    assert document["as_of"] == "2023-06-30"
    assert document["policy_period"] == "2021-2025"
    assert [(line["scope"], line["key"], line["period"]) for line in document["lines"]] == [
        ("district", None, "2021-2025"),
        ("bureau", "区科技局", "2021-2025"),
        ("bureau", "区发改委", "2021-2025"),
        ("bureau", "区工信局", "2021-2025"),
        ("park", "赣榆经济开发区", "2021-2025"),
        ("park", "赣榆海洋经济开发区", "2021-2025"),
        ("park", "赣榆高新技术产业开发区（筹）", "2021-2025"),
        ("park", "赣榆海州湾生物科技园", "2021-2025"),
        ("annex", None, "2021-2025"),
        ("park", "赣榆经济开发区", "2021"),
        ("park", "赣榆海洋经济开发区", "2021"),
        ("park", "赣榆高新技术产业开发区（筹）", "2021"),
        ("park", "赣榆海州湾生物科技园", "2021"),
        ("annex", None, "2021"),
    ]
    science = document["lines"][1]
    assert science == {
        "scope": "bureau",
        "key": "区科技局",
        "period": "2021-2025",
        "target": 6,
        "achieved": 7,
        "remaining": 0,
        "met": True,
        "pace": {"status": "met", "elapsed": "0.4989", "achieved_share": "1.1666"},
        "platforms": ["P01", "P04", "P05", "P06", "P09", "P16", "P19"],
        "clauses": ["§4.1"],
    }
    y2021 = document["by_year"][0]
    assert y2021["year"] == 2021
    assert y2021["district"] == {"count": 4, "platforms": ["P01", "P03", "P05", "P16"]}
    assert y2021["parks"]["赣榆海洋经济开发区"] == {"count": 2, "platforms": ["P03", "P16"]}
    assert y2021["outside_parks"] == {"count": 0, "platforms": []}
    assert y2021["bureaus"]["区工信局"] == {"count": 1, "platforms": ["P03"]}


def _no_float(value: Any) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(_no_float(v) for v in value.values())
    if isinstance(value, list):
        return all(_no_float(v) for v in value)
    return True


def test_the_report_holds_no_float() -> None:
    report = example(MID_PLAN)
    assert _no_float(report.to_dict())
    assert all(not isinstance(v, float) for line in report.lines for v in attrs.astuple(line.pace))


# ---------------------------------------------------------------------------------------
# Explanations


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_the_explanation_in_chinese_names_every_line_and_aligns_its_columns() -> None:
    text = example(MID_PLAN).explain()
    for label in ("全区", "区科技局", "区发改委", "区工信局", "附件合计", *(p.value for p in Park)):
        assert label in text
    for word in ("目标", "完成", "尚差", "时间进度", "完成率", "已完成", "超前", "§A.T"):
        assert word in text
    # The period column starts at the same terminal column on every row of the table,
    # whatever the width of the Chinese names before it (a CJK character is two columns).
    table = text.split("\n\n")[1].splitlines()
    assert len(table) == 2 + 14
    header, _, *rows = table
    starts = {_display_width(row[: row.index("  2021") + 2]) for row in rows}
    assert starts == {_display_width(header[: header.index("期间")])}
    # And the numbers are right-aligned: every target ends in the same column.
    ends = {_display_width(row[: row.index("  2021") + 2 + 9 + 2 + 4]) for row in rows}
    assert len(ends) == 1


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_the_explanation_in_english_names_every_line() -> None:
    text = example(MID_PLAN).explain("en")
    for label in (
        "district",
        "bureau: science and technology",
        "bureau: development and reform",
        "bureau: industry and information technology",
        "park: economic development zone",
        "park: marine economic development zone",
        "park: high tech zone",
        "park: haizhou bay biotech park",
        "annex total",
        "not counted (reading 6)",
        "major before the plan",
    ):
        assert label in text
    assert not any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


@pytest.mark.clause("§2.2")
def test_a_line_explains_itself_with_the_platforms_it_counts() -> None:
    line = example(MID_PLAN).district
    zh = line.explain()
    assert zh.startswith("全区 2021-2025 目标完成情况（§2.2），截至 2023-06-30")
    assert "49.8% = 911 / 1826 天" in zh  # 0.4989, rounded down to a tenth of a percent
    assert "P14   2022-12-01        A18   省级  园区外" in zh
    en = line.explain("en")
    assert "achieved share  100.0% = 10 / 10" in en
    assert "outside the parks" in en
    empty = example(MID_PLAN).park(HIGH_TECH, first_year=True).explain()
    assert empty.endswith("尚无计入的平台")


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_print_of_the_mid_plan_report_is_a_readable_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print(example(MID_PLAN).explain())
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "重大产业创新平台目标任务完成情况：截至 2023-06-30，规划期 2021-2025"
        "（2021-01-01 至 2025-12-31，1826 天）"
    )
    assert (
        "  全区                          2021-2025    10    10     0  已完成     49.8%  100.0%  "
        "§2.2  P01、P02、P03、P04、P05、P06、P09、P14、P16、P19"
    ) in out


def test_an_unknown_language_is_refused() -> None:
    report = example(MID_PLAN)
    with pytest.raises(ip.PolicyValueError, match="lang"):
        report.explain("fr")
    with pytest.raises(ip.PolicyValueError, match="lang"):
        report.to_json("fr")
    with pytest.raises(ip.PolicyValueError, match="lang"):
        report.district.explain("fr")


# ---------------------------------------------------------------------------------------
# Inputs, lookups, reprs, traceability


@pytest.mark.parametrize(
    "as_of",
    [datetime(2023, 6, 30, 12, 0), "2023-06-30", None, 20230630],
    ids=["datetime", "text", "none", "int"],
)
def test_an_as_of_that_is_not_a_date_is_a_clear_type_error(as_of: Any) -> None:
    with pytest.raises(ip.PolicyTypeError, match=r"^as_of: .* is not a date") as caught:
        target_progress(ip.example_register(), as_of=as_of)
    assert caught.value.field == "as_of"
    assert isinstance(caught.value, TypeError)


def test_a_register_or_policy_of_the_wrong_type_is_a_clear_type_error() -> None:
    with pytest.raises(ip.PolicyTypeError, match=r"^register: "):
        target_progress({"platforms": []}, as_of=MID_PLAN)  # type: ignore[arg-type]
    with pytest.raises(ip.PolicyTypeError, match=r"^policy: "):
        target_progress(ip.example_register(), as_of=MID_PLAN, policy={})  # type: ignore[arg-type]


def test_lines_are_found_by_scope_and_key_in_either_spelling() -> None:
    report = example(MID_PLAN)
    assert report.line("bureau", "区科技局") is report.bureau(ST)
    assert report.line(TargetScope.PARK, "HIGH_TECH_ZONE", first_year=True) is report.park(
        HIGH_TECH, first_year=True
    )
    assert report.line("district") is report.district
    with pytest.raises(ip.PolicyValueError, match="scope"):
        report.line("city")
    with pytest.raises(ip.PolicyValueError, match="has no key"):
        report.line(TargetScope.DISTRICT, EDZ)
    with pytest.raises(ip.PolicyValueError, match="no district line"):
        report.line(TargetScope.DISTRICT, first_year=True)


def test_the_report_keeps_its_policy_and_date_and_reads_well() -> None:
    report = example(MID_PLAN)
    assert report.policy is ip.GANYU_2021
    assert report.as_of == MID_PLAN
    assert repr(report).startswith(
        "TargetReport(as_of='2023-06-30', period='2021-2025', district=10/10 met, lines=14, "
    )
    assert repr(report.bureau(DR)) == (
        "TargetLine(TargetScope.BUREAU, key=Bureau.DEVELOPMENT_AND_REFORM, period='2021-2025', "
        "target=2, achieved=1, remaining=1, met=False, status=PaceStatus.AHEAD, "
        "platforms=('P02',), clauses=('§4.2',))"
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.as_of = END_OF_PLAN  # type: ignore[misc]
    assert report == example(MID_PLAN)


@pytest.mark.clause("§2.2")
def test_the_result_does_not_depend_on_the_order_of_records() -> None:
    forward = ip.example_register()
    backward = ip.Register(
        platforms=tuple(reversed(forward.platforms)), approvals=tuple(reversed(forward.approvals))
    )
    assert target_progress(backward, as_of=MID_PLAN) == target_progress(forward, as_of=MID_PLAN)


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_target_progress_is_recorded_in_the_traceability_registry() -> None:
    assert ip.implementations()["target_progress"] == (
        "§2.2",
        "§4.1",
        "§4.2",
        "§4.3",
        "§A",
        "§A.1",
        "§A.2",
        "§A.3",
        "§A.4",
        "§A.T",
    )
    assert "target_progress" in ip.implemented_by("§A.T")


@pytest.mark.clause("§2.2")
def test_a_report_where_every_platform_counts_has_no_table_of_platforms_not_counted() -> None:
    # Reading 6: both platforms first became major inside the plan, before the report date.
    both = register(
        [
            platform("N1", Category.TECHNOLOGY_INNOVATION_CENTER),
            platform("N2", Category.NEW_RD_INSTITUTION),
        ],
        [
            approval("N1", Level.PROVINCIAL, date(2022, 3, 1)),
            approval("N2", Level.MUNICIPAL, date(2023, 1, 10)),
        ],
    )
    report = target_progress(both, as_of=MID_PLAN)
    assert report.counted == ("N1", "N2")
    zh, en = report.explain(), report.explain("en")
    assert "未计入的平台" not in zh
    assert "not counted" not in en
    # the rest of the report is all there: the tables, the checks, the note
    assert "目标一致性检查" in zh
    assert "checks of the policy's targets" in en
    # one platform that never became major brings the table back
    with_one_more = register(
        [*both.platforms, platform("N3", Category.INDUSTRIAL_INNOVATION_CENTER)],
        list(both.approvals),
    )
    text = target_progress(with_one_more, as_of=MID_PLAN).explain("en")
    assert "not counted (reading 6)" in text
    assert "N3" in text
    assert "never major" in text


# ---------------------------------------------------------------------------------------
# The report word for word: the tables an auditor reads, as of the middle of the plan.
# Every number in them is worked by hand in the module docstring and the tests above;
# these texts fix the wording, the order of the lines and the alignment of the columns
# (a CJK character is two columns wide, numbers are right-aligned, no line ends in a
# space, the rule under the last column stops at 40).

FINGERPRINT = ip.policy_fingerprint(ip.GANYU_2021)[:12]

MID_PLAN_REPORT_ZH = "\n".join(
    [
        "重大产业创新平台目标任务完成情况：截至 2023-06-30，规划期 2021-2025（2021-01-01 至 2025-12-31，1826 天）",
        f"政策 GANYU_2021（指纹 {FINGERPRINT}）；方案期 2021-01-01 至 2025-12-31",
        "升级口径（解读1）就高补差；市区口径（解读2）市级已奖励的，区级不再奖励",
        "",
        "  指标                          期间       目标  完成  尚差  进度    时间进度  完成率  条款  计入平台",
        "  ----------------------------  ---------  ----  ----  ----  ------  --------  ------  ----  ----------------------------------------",
        "  全区                          2021-2025    10    10     0  已完成     49.8%  100.0%  §2.2  P01、P02、P03、P04、P05、P06、P09、P14、P16、P19",
        "  区科技局                      2021-2025     6     7     0  已完成     49.8%  116.6%  §4.1  P01、P04、P05、P06、P09、P16、P19",
        "  区发改委                      2021-2025     2     1     1  超前       49.8%   50.0%  §4.2  P02",
        "  区工信局                      2021-2025     2     2     0  已完成     49.8%  100.0%  §4.3  P03、P14",
        "  赣榆经济开发区                2021-2025     3     3     0  已完成     49.8%  100.0%  §A.1  P01、P02、P19",
        "  赣榆海洋经济开发区            2021-2025     3     3     0  已完成     49.8%  100.0%  §A.2  P03、P04、P16",
        "  赣榆高新技术产业开发区（筹）  2021-2025     2     1     1  超前       49.8%   50.0%  §A.3  P09",
        "  赣榆海州湾生物科技园          2021-2025     2     2     0  已完成     49.8%  100.0%  §A.4  P05、P06",
        "  附件合计                      2021-2025    10     9     1  超前       49.8%   90.0%  §A.T  P01、P02、P03、P04、P05、P06、P09、P16、P19",
        "  赣榆经济开发区                2021          1     1     0  已完成    100.0%  100.0%  §A.1  P01",
        "  赣榆海洋经济开发区            2021          1     2     0  已完成    100.0%  200.0%  §A.2  P03、P16",
        "  赣榆高新技术产业开发区（筹）  2021          1     0     1  未完成    100.0%    0.0%  §A.3  -",
        "  赣榆海州湾生物科技园          2021          1     1     0  已完成    100.0%  100.0%  §A.4  P05",
        "  附件合计                      2021          4     4     0  已完成    100.0%  100.0%  §A.T  P01、P03、P05、P16",
        "",
        "  按年度新计入（解读6）         2021  2022  2023  2024  2025  合计",
        "  ----------------------------  ----  ----  ----  ----  ----  ----",
        "  全区                             4     4     2     0     0    10",
        "  赣榆经济开发区                   1     2     0     0     0     3",
        "  赣榆海洋经济开发区               2     0     1     0     0     3",
        "  赣榆高新技术产业开发区（筹）     0     0     1     0     0     1",
        "  赣榆海州湾生物科技园             1     1     0     0     0     2",
        "  园区外                           0     1     0     0     0     1",
        "  区科技局                         3     2     2     0     0     7",
        "  区发改委                         0     1     0     0     0     1",
        "  区工信局                         1     1     0     0     0     2",
        "",
        "  未计入的平台（解读6）  原因                    首次成为重大平台  依据  级别",
        "  ---------------------  ----------------------  ----------------  ----  ------",
        "  P07                    截至日后才成为重大平台  2024-06-30        A09   省级",
        "  P08                    截至日后才成为重大平台  2025-03-15        A10   省级",
        "  P10                    规划期前已是重大平台    2019-05-01        A12   省级",
        "  P11                    从未成为重大平台        -                 -     -",
        "  P12                    截至日后才成为重大平台  2024-02-01        A15   市级",
        "  P13                    截至日后才成为重大平台  2025-11-01        A17   省级",
        "  P15                    规划期后才成为重大平台  2026-02-01        A19   省级",
        "  P17                    截至日后才成为重大平台  2024-10-10        A21   省级",
        "  P18                    截至日后才成为重大平台  2025-08-08        A22   国家级",
        "  P20                    截至日后才成为重大平台  2025-04-01        A24   市级",
        "",
        "目标一致性检查",
        "  [一致] 各园区规划期目标之和 3 + 3 + 2 + 2 = 10，等于附件合计 10（§A.1、§A.2、§A.3、§A.4、§A.T）",
        "  [一致] 各园区首年目标之和 1 + 1 + 1 + 1 = 4，等于附件首年合计 4（§A.1、§A.2、§A.3、§A.4、§A.T）",
        "  [一致] 各部门目标之和 6 + 2 + 2 = 10，不超过全区目标 10（§2.2、§4.1、§4.2、§4.3）",
        "  [一致] 附件合计 10，不超过全区目标 10（§2.2、§A.T）",
        "",
        "说明：时间进度 = 期间首日至截至日（含）的天数 ÷ 期间天数，限于 0 至 1；完成率 = 完成 ÷ 目标（目标为 0 时记 1）；两者保留 4 位小数，向下取整，以百分数显示到 1 位小数（向下取整）。",
        "进度：期间未开始为“未开始”；完成 ≥ 目标为“已完成”；期间已结束仍未完成为“未完成”；期间进行中，完成率不低于时间进度（按未取整的值比较）为“超前”，否则为“滞后”。",
    ]
)

MID_PLAN_REPORT_EN = "\n".join(
    [
        "New major innovation platforms against the targets: as of 2023-06-30, plan period 2021-2025 (2021-01-01 to 2025-12-31, 1826 days)",
        f"policy GANYU_2021 (fingerprint {FINGERPRINT}); plan period 2021-01-01 to 2025-12-31",
        "upgrade reading (1) top_up; city reading (2) city_excludes_district",
        "",
        "  line                                         period     target  achieved  remaining  status  elapsed  achieved share  clauses  platforms",
        "  -------------------------------------------  ---------  ------  --------  ---------  ------  -------  --------------  -------  ----------------------------------------",
        "  district                                     2021-2025      10        10          0  met       49.8%          100.0%  §2.2     P01, P02, P03, P04, P05, P06, P09, P14, P16, P19",
        "  bureau: science and technology               2021-2025       6         7          0  met       49.8%          116.6%  §4.1     P01, P04, P05, P06, P09, P16, P19",
        "  bureau: development and reform               2021-2025       2         1          1  ahead     49.8%           50.0%  §4.2     P02",
        "  bureau: industry and information technology  2021-2025       2         2          0  met       49.8%          100.0%  §4.3     P03, P14",
        "  park: economic development zone              2021-2025       3         3          0  met       49.8%          100.0%  §A.1     P01, P02, P19",
        "  park: marine economic development zone       2021-2025       3         3          0  met       49.8%          100.0%  §A.2     P03, P04, P16",
        "  park: high tech zone                         2021-2025       2         1          1  ahead     49.8%           50.0%  §A.3     P09",
        "  park: haizhou bay biotech park               2021-2025       2         2          0  met       49.8%          100.0%  §A.4     P05, P06",
        "  annex total                                  2021-2025      10         9          1  ahead     49.8%           90.0%  §A.T     P01, P02, P03, P04, P05, P06, P09, P16, P19",
        "  park: economic development zone              2021            1         1          0  met      100.0%          100.0%  §A.1     P01",
        "  park: marine economic development zone       2021            1         2          0  met      100.0%          200.0%  §A.2     P03, P16",
        "  park: high tech zone                         2021            1         0          1  missed   100.0%            0.0%  §A.3     -",
        "  park: haizhou bay biotech park               2021            1         1          0  met      100.0%          100.0%  §A.4     P05",
        "  annex total                                  2021            4         4          0  met      100.0%          100.0%  §A.T     P01, P03, P05, P16",
        "",
        "  new by year (reading 6)                      2021  2022  2023  2024  2025  total",
        "  -------------------------------------------  ----  ----  ----  ----  ----  -----",
        "  district                                        4     4     2     0     0     10",
        "  park: economic development zone                 1     2     0     0     0      3",
        "  park: marine economic development zone          2     0     1     0     0      3",
        "  park: high tech zone                            0     0     1     0     0      1",
        "  park: haizhou bay biotech park                  1     1     0     0     0      2",
        "  outside the parks                               0     1     0     0     0      1",
        "  bureau: science and technology                  3     2     2     0     0      7",
        "  bureau: development and reform                  0     1     0     0     0      1",
        "  bureau: industry and information technology     1     1     0     0     0      2",
        "",
        "  not counted (reading 6)  reason                            first major  approval  level",
        "  -----------------------  --------------------------------  -----------  --------  ----------",
        "  P07                      major only after the report date  2024-06-30   A09       provincial",
        "  P08                      major only after the report date  2025-03-15   A10       provincial",
        "  P10                      major before the plan             2019-05-01   A12       provincial",
        "  P11                      never major                       -            -         -",
        "  P12                      major only after the report date  2024-02-01   A15       municipal",
        "  P13                      major only after the report date  2025-11-01   A17       provincial",
        "  P15                      major only after the plan         2026-02-01   A19       provincial",
        "  P17                      major only after the report date  2024-10-10   A21       provincial",
        "  P18                      major only after the report date  2025-08-08   A22       national",
        "  P20                      major only after the report date  2025-04-01   A24       municipal",
        "",
        "checks of the policy's targets",
        "  [ok] the parks' whole-plan targets 3 + 3 + 2 + 2 = 10 equal the annex total 10 (§A.1, §A.2, §A.3, §A.4, §A.T)",
        "  [ok] the parks' first-year targets 1 + 1 + 1 + 1 = 4 equal the annex first-year total 4 (§A.1, §A.2, §A.3, §A.4, §A.T)",
        "  [ok] the bureaus' targets 6 + 2 + 2 = 10 are at most the district target 10 (§2.2, §4.1, §4.2, §4.3)",
        "  [ok] the annex total 10 is at most the district target 10 (§2.2, §A.T)",
        "",
        "Note: elapsed = days from the period's first day to the report date, both included, over the days in the period, clamped to 0..1; achieved share = achieved / target (1 for a target of 0); both to 4 decimal places, rounded down, and shown as percentages to one decimal (rounded down).",
        "Status: not started before the period; met when achieved >= target; missed when the period is over and the target not met; while it runs, ahead when the achieved share is at least the elapsed share (compared before rounding), else behind.",
    ]
)

MID_PLAN_DISTRICT_ZH = "\n".join(
    [
        "全区 2021-2025 目标完成情况（§2.2），截至 2023-06-30",
        "  期间      2021-2025（2021-01-01 至 2025-12-31，1826 天）",
        "  目标      10",
        "  完成      10",
        "  尚差      0",
        "  进度      已完成",
        "  时间进度  49.8% = 911 / 1826 天",
        "  完成率    100.0% = 10 / 10",
        "计入的平台（解读6）",
        "  平台  首次成为重大平台  依据  级别  园区                          部门",
        "  ----  ----------------  ----  ----  ----------------------------  --------",
        "  P01   2021-06-15        A01   省级  赣榆经济开发区                区科技局",
        "  P02   2022-04-10        A03   省级  赣榆经济开发区                区发改委",
        "  P03   2021-11-20        A04   省级  赣榆海洋经济开发区            区工信局",
        "  P04   2023-05-18        A05   省级  赣榆海洋经济开发区            区科技局",
        "  P05   2021-09-01        A06   市级  赣榆海州湾生物科技园          区科技局",
        "  P06   2022-07-01        A07   市级  赣榆海州湾生物科技园          区科技局",
        "  P09   2023-03-01        A11   市级  赣榆高新技术产业开发区（筹）  区科技局",
        "  P14   2022-12-01        A18   省级  园区外                        区工信局",
        "  P16   2021-12-20        A20   市级  赣榆海洋经济开发区            区科技局",
        "  P19   2022-01-15        A23   市级  赣榆经济开发区                区科技局",
    ]
)

MID_PLAN_DISTRICT_EN = "\n".join(
    [
        "district, 2021-2025 (§2.2), as of 2023-06-30",
        "  period          2021-2025 (2021-01-01 to 2025-12-31, 1826 days)",
        "  target          10",
        "  achieved        10",
        "  remaining       0",
        "  status          met",
        "  elapsed         49.8% = 911 / 1826 days",
        "  achieved share  100.0% = 10 / 10",
        "platforms counted (reading 6)",
        "  platform  first major  approval  level       park                              bureau",
        "  --------  -----------  --------  ----------  --------------------------------  -----------------------------------",
        "  P01       2021-06-15   A01       provincial  economic development zone         science and technology",
        "  P02       2022-04-10   A03       provincial  economic development zone         development and reform",
        "  P03       2021-11-20   A04       provincial  marine economic development zone  industry and information technology",
        "  P04       2023-05-18   A05       provincial  marine economic development zone  science and technology",
        "  P05       2021-09-01   A06       municipal   haizhou bay biotech park          science and technology",
        "  P06       2022-07-01   A07       municipal   haizhou bay biotech park          science and technology",
        "  P09       2023-03-01   A11       municipal   high tech zone                    science and technology",
        "  P14       2022-12-01   A18       provincial  outside the parks                 industry and information technology",
        "  P16       2021-12-20   A20       municipal   marine economic development zone  science and technology",
        "  P19       2022-01-15   A23       municipal   economic development zone         science and technology",
    ]
)


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
def test_the_mid_plan_report_reads_word_for_word_in_chinese_and_english() -> None:
    report = example(MID_PLAN)
    assert report.explain() == MID_PLAN_REPORT_ZH
    assert report.explain("en") == MID_PLAN_REPORT_EN


@pytest.mark.clause("§2.2")
def test_the_district_line_reads_word_for_word_in_chinese_and_english() -> None:
    district = example(MID_PLAN).district
    assert district.explain() == MID_PLAN_DISTRICT_ZH
    assert district.explain("en") == MID_PLAN_DISTRICT_EN


@pytest.mark.clause("§A.3")
def test_a_line_with_nothing_counted_reads_word_for_word() -> None:
    line = example(MID_PLAN).park(HIGH_TECH, first_year=True)
    assert line.explain().splitlines()[-1] == "尚无计入的平台"
    assert line.explain("en") == "\n".join(
        [
            "park: high tech zone, 2021 (§A.3), as of 2023-06-30",
            "  period          2021 (2021-01-01 to 2021-12-31, 365 days)",
            "  target          1",
            "  achieved        0",
            "  remaining       1",
            "  status          missed",
            "  elapsed         100.0% = 365 / 365 days",
            "  achieved share  0.0% = 0 / 1",
            "no platform counted yet",
        ]
    )


def test_a_combining_accent_takes_no_column_in_the_tables() -> None:
    # "Ré" written with a combining accent (R, e, U+0301) is two columns wide, like "Rx":
    # the dates after them start in the same column.
    accented = "Re\u0301"
    counted = register(
        [
            platform(accented, Category.TECHNOLOGY_INNOVATION_CENTER),
            platform("Rx", Category.TECHNOLOGY_INNOVATION_CENTER),
        ],
        [
            approval(accented, Level.PROVINCIAL, date(2022, 3, 1)),
            approval("Rx", Level.PROVINCIAL, date(2022, 3, 2)),
        ],
    )
    first, second = (
        target_progress(counted, as_of=MID_PLAN).district.explain("en").splitlines()[-2:]
    )
    assert first.startswith(f"  {accented}        2022-03-01")  # padded as 2 columns, not 3
    assert second.startswith("  Rx        2022-03-02")
    assert first.index("2022-03-01") == second.index("2022-03-02") + 1  # one code point more


def test_labels_messages_and_json_are_in_chinese_unless_english_is_asked_for() -> None:
    report = example(MID_PLAN)
    assert TargetScope.DISTRICT.label() == "全区"
    assert PaceStatus.AHEAD.label() == "超前"
    assert CountStatus.NEVER_MAJOR.label() == "从未成为重大平台"
    assert report.bureau(ST).label() == "区科技局"
    assert report.annex().label() == "附件合计"
    check = report.checks[0]
    assert check.message() == check.message("zh")
    assert check.message().startswith("各园区规划期目标之和 3 + 3 + 2 + 2 = 10，等于附件合计 10")
    assert json.loads(report.to_json()) == report.to_dict("zh")
    assert json.loads(report.to_json())["checks"][0]["message"] == check.message("zh")


def test_the_repr_of_a_line_without_a_key_leaves_the_key_out() -> None:
    assert repr(example(MID_PLAN).annex(first_year=True)) == (
        "TargetLine(TargetScope.ANNEX, period='2021', target=4, achieved=4, remaining=0, "
        "met=True, status=PaceStatus.MET, platforms=('P01', 'P03', 'P05', 'P16'), "
        "clauses=('§A.T',))"
    )


@pytest.mark.parametrize(
    ("args", "first_year", "field", "message"),
    [
        (
            ("nope",),
            False,
            "scope",
            "scope: 'nope' is not a scope; valid: district, bureau, park, annex",
        ),
        (
            ("bureau", "x"),
            False,
            "key",
            "key: 'x' is not a valid Bureau; valid: 区科技局 (SCIENCE_AND_TECHNOLOGY), 区发改委 "
            "(DEVELOPMENT_AND_REFORM), 区工信局 (INDUSTRY_AND_INFORMATION_TECHNOLOGY)",
        ),
        (
            ("park", "x"),
            False,
            "key",
            "key: 'x' is not a valid Park; valid: 赣榆经济开发区 (ECONOMIC_DEVELOPMENT_ZONE), "
            "赣榆海洋经济开发区 (MARINE_ECONOMIC_DEVELOPMENT_ZONE), 赣榆高新技术产业开发区（筹） "
            "(HIGH_TECH_ZONE), 赣榆海州湾生物科技园 (HAIZHOU_BAY_BIOTECH_PARK)",
        ),
        (
            ("district", "区科技局"),
            False,
            "key",
            "key: the district line has no key, not '区科技局'",
        ),
        (("district",), True, "line", "line: no district line for the first year"),
        (
            ("bureau", "区科技局"),
            True,
            "line",
            "line: no bureau line for 区科技局 for the first year",
        ),
    ],
    ids=[
        "scope",
        "bureau",
        "park",
        "key of the district",
        "district first year",
        "bureau first year",
    ],
)
def test_a_line_that_does_not_exist_is_refused_saying_why(
    args: tuple[str, ...], first_year: bool, field: str, message: str
) -> None:
    with pytest.raises(ip.PolicyValueError) as caught:
        example(MID_PLAN).line(*args, first_year=first_year)
    assert (caught.value.field, str(caught.value)) == (field, message)


def test_target_progress_says_which_argument_is_of_the_wrong_type() -> None:
    with pytest.raises(ip.PolicyTypeError) as as_of:
        target_progress(ip.example_register(), as_of="2023-06-30")  # type: ignore[arg-type]
    assert str(as_of.value) == (
        "as_of: '2023-06-30' is not a date; expected a datetime.date such as "
        "datetime.date(2023, 6, 30)"
    )
    with pytest.raises(ip.PolicyTypeError) as register_:
        target_progress({}, as_of=MID_PLAN)  # type: ignore[arg-type]
    assert (register_.value.field, str(register_.value)) == (
        "register",
        "register: {} is not a Register; expected an innovation_policy.Register",
    )
    with pytest.raises(ip.PolicyTypeError) as policy:
        target_progress(ip.example_register(), as_of=MID_PLAN, policy={})  # type: ignore[arg-type]
    assert (policy.value.field, str(policy.value)) == (
        "policy",
        "policy: {} is not a Policy; expected an innovation_policy.Policy or PolicyTimeline",
    )


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.T")
def test_targets_that_disagree_are_marked_not_ok_in_the_report() -> None:
    # A reform with an annex total of 12 and a district target of 9: three checks fail.
    reform = attrs.evolve(ip.GANYU_2021, annex_target=12, district_target=9)
    report = example(MID_PLAN, reform)
    assert not report.checks_ok
    zh = report.explain().split("目标一致性检查\n")[1].split("\n\n")[0]
    assert zh.splitlines() == [
        "  [不一致] 各园区规划期目标之和 3 + 3 + 2 + 2 = 10，不等于附件合计 12"
        "（§A.1、§A.2、§A.3、§A.4、§A.T）",
        "  [一致] 各园区首年目标之和 1 + 1 + 1 + 1 = 4，等于附件首年合计 4"
        "（§A.1、§A.2、§A.3、§A.4、§A.T）",
        "  [不一致] 各部门目标之和 6 + 2 + 2 = 10，超过全区目标 9（§2.2、§4.1、§4.2、§4.3）",
        "  [不一致] 附件合计 12，超过全区目标 9（§2.2、§A.T）",
    ]
    en = report.explain("en").split("checks of the policy's targets\n")[1].split("\n\n")[0]
    assert en.splitlines() == [
        "  [NOT OK] the parks' whole-plan targets 3 + 3 + 2 + 2 = 10 differ from the annex "
        "total 12 (§A.1, §A.2, §A.3, §A.4, §A.T)",
        "  [ok] the parks' first-year targets 1 + 1 + 1 + 1 = 4 equal the annex first-year "
        "total 4 (§A.1, §A.2, §A.3, §A.4, §A.T)",
        "  [NOT OK] the bureaus' targets 6 + 2 + 2 = 10 exceed the district target 9 "
        "(§2.2, §4.1, §4.2, §4.3)",
        "  [NOT OK] the annex total 12 exceeds the district target 9 (§2.2, §A.T)",
    ]


def test_a_report_cut_down_by_hand_says_which_whole_plan_line_it_lacks() -> None:
    report = example(MID_PLAN)
    only_first_year = attrs.evolve(
        report, lines=tuple(x for x in report.lines if x.period.label == "2021")
    )
    with pytest.raises(ip.PolicyValueError) as caught:
        only_first_year.line(TargetScope.PARK, EDZ)
    assert str(caught.value) == "line: no park line for 赣榆经济开发区 for the whole plan"
    assert only_first_year.park(EDZ, first_year=True) is report.park(EDZ, first_year=True)


@pytest.mark.clause("§2.2", "§4.1")
def test_the_pace_is_exact_whatever_the_callers_decimal_context() -> None:
    # 911 of 1826 days = 0.49890…, 7 of 6 = 1.16666…: four places, rounded down, even
    # where the caller's context keeps 3 digits (which would give 0.499 and 1.17).
    with decimal.localcontext(decimal.Context(prec=3)):
        pace = example(MID_PLAN).bureau(ST).pace
    assert (pace.elapsed, pace.achieved_share) == (Decimal("0.4989"), Decimal("1.1666"))
    assert (str(pace.elapsed), str(pace.achieved_share)) == ("0.4989", "1.1666")
