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
    assert "0.4989 = 911 / 1826 天" in zh
    assert "P14   2022-12-01        A18   省级  园区外" in zh
    en = line.explain("en")
    assert "achieved share  1.0000 = 10 / 10" in en
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
        "  全区                          2021-2025    10    10     0  已完成    0.4989  1.0000  "
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
