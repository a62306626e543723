"""Properties of the target accounting (§2.2, §4.1–§4.3, §A.1–§A.4, §A.T; reading 6).

Registers are generated here: 0–15 platforms of random categories, in a random park or
outside the parks, each with 0–3 approvals at random levels dated 2018–2027 (the plan's
boundaries and the end of its first year drawn often). Policies are the draft
(GANYU_2021) or reforms of its targets and plan period.

The expected set of counted platforms is computed here from the text of §3.0, written
out below, never with the library's ``classify``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy import Bureau, Category, Level, Park, TargetScope, target_progress

C = Category
L = Level

# §3.0: 技术创新中心、产业创新中心、制造业创新中心、科技公共服务平台为国家级和省级，
# 新型研发机构以市级备案为准，专业研究所认定原则上列入新型研发机构范围。
MAJOR_AT: dict[Category, frozenset[Level]] = {
    C.TECHNOLOGY_INNOVATION_CENTER: frozenset({L.NATIONAL, L.PROVINCIAL}),
    C.INDUSTRIAL_INNOVATION_CENTER: frozenset({L.NATIONAL, L.PROVINCIAL}),
    C.MANUFACTURING_INNOVATION_CENTER: frozenset({L.NATIONAL, L.PROVINCIAL}),
    C.PUBLIC_SERVICE_PLATFORM: frozenset({L.NATIONAL, L.PROVINCIAL}),
    C.NEW_RD_INSTITUTION: frozenset({L.NATIONAL, L.PROVINCIAL, L.MUNICIPAL}),
    C.PROFESSIONAL_INSTITUTE: frozenset({L.NATIONAL, L.PROVINCIAL, L.MUNICIPAL}),
}

# §4.1–§4.3: the bureau of each category.
BUREAU_OF: dict[Category, Bureau] = {
    C.TECHNOLOGY_INNOVATION_CENTER: Bureau.SCIENCE_AND_TECHNOLOGY,
    C.PUBLIC_SERVICE_PLATFORM: Bureau.SCIENCE_AND_TECHNOLOGY,
    C.NEW_RD_INSTITUTION: Bureau.SCIENCE_AND_TECHNOLOGY,
    C.PROFESSIONAL_INSTITUTE: Bureau.SCIENCE_AND_TECHNOLOGY,
    C.INDUSTRIAL_INNOVATION_CENTER: Bureau.DEVELOPMENT_AND_REFORM,
    C.MANUFACTURING_INNOVATION_CENTER: Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY,
}

STEP = Decimal("0.0001")
"""The last decimal place of a share."""

EARLIEST = date(2018, 1, 1)
LATEST = date(2027, 12, 31)
EDGES = (
    date(2020, 12, 31),
    date(2021, 1, 1),
    date(2021, 12, 31),
    date(2022, 1, 1),
    date(2025, 12, 31),
    date(2026, 1, 1),
)

dates = st.one_of(st.sampled_from(EDGES), st.dates(EARLIEST, LATEST))
report_dates = st.one_of(st.sampled_from(EDGES), st.dates(date(2017, 1, 1), date(2028, 12, 31)))
categories = st.sampled_from(Category)
industries = st.sampled_from(ip.Industry)
parks_or_none = st.one_of(st.none(), st.sampled_from(Park))
levels = st.sampled_from(Level)
platform_counts = st.integers(0, 15)
approval_counts = st.integers(0, 3)
target_counts = st.integers(0, 8)
plan_starts = st.sampled_from([date(2021, 1, 1), date(2020, 1, 1), date(2021, 7, 1)])
plan_years = st.integers(1, 6)


@st.composite
def registers(draw: st.DrawFn) -> ip.Register:
    """A small register: 0–15 platforms, each with 0–3 approvals (explicit unique ids)."""
    platforms = [
        ip.Platform(
            id=f"P{i:02d}",
            name=f"平台{i}",
            category=draw(categories),
            industry=draw(industries),
            park=draw(parks_or_none),
        )
        for i in range(draw(platform_counts))
    ]
    approvals = [
        ip.Approval(
            platform=p.id,
            level=draw(levels),
            date=draw(dates),
            id=f"{p.id}-A{k}",
        )
        for p in platforms
        for k in range(draw(approval_counts))
    ]
    return ip.Register(platforms=tuple(platforms), approvals=tuple(approvals))


@st.composite
def policies(draw: st.DrawFn) -> ip.Policy:
    """The draft, or a reform of its targets (0–8 each) and plan period (1–6 years from
    2019–2022, not always from 1 January)."""
    if draw(st.booleans()):
        return ip.GANYU_2021
    counts = target_counts
    start = draw(plan_starts)
    years = draw(plan_years)
    return attrs.evolve(
        ip.GANYU_2021,
        plan_start=start,
        plan_end=start.replace(year=start.year + years) - timedelta(days=1),
        district_target=draw(counts),
        bureau_targets={b: draw(counts) for b in Bureau},
        park_targets={p: draw(counts) for p in Park},
        park_first_year_targets={p: draw(counts) for p in Park},
        annex_target=draw(counts),
        annex_first_year_target=draw(counts),
    )


def first_major(register: ip.Register, platform: ip.Platform) -> date | None:
    """The date a platform first became major (§3.0), from the table above."""
    days = [
        a.date
        for a in register.approvals
        if a.platform == platform.id and a.level in MAJOR_AT[platform.category]
    ]
    return min(days, default=None)


def expected_counted(register: ip.Register, policy: ip.Policy, as_of: date) -> set[str]:
    """Reading 6, written out: first major inside the plan and on or before ``as_of``."""
    counted = set()
    for platform in register.platforms:
        day = first_major(register, platform)
        if day is not None and policy.plan_start <= day <= policy.plan_end and day <= as_of:
            counted.add(platform.id)
    return counted


# ---------------------------------------------------------------------------------------
# 1. The district equals its parts.


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
@given(registers(), policies(), report_dates)
def test_the_district_count_is_the_platforms_counted_the_sum_of_the_bureaus_and_of_the_parks(
    register: ip.Register, policy: ip.Policy, as_of: date
) -> None:
    """§2.2 "到“十四五”末，全区新建重大产业创新平台不少于10个。" (at least 10 new major
    platforms district-wide), broken down by bureau in §4.1–§4.3 and by park in
    §A.1–§A.4, "合计" §A.T; reading 6: a platform counts once, outside the parks for the
    district and its bureau only.

    The district's count equals the number of distinct platforms counted, the sum over
    the bureaus, and the sum over the parks plus the platforms outside the parks; the
    annex total is the sum of the park lines, for both periods.
    """
    report = target_progress(register, as_of=as_of, policy=policy)
    expected = expected_counted(register, policy, as_of)
    district = report.district
    assert set(district.platforms) == expected
    assert district.achieved == len(set(district.platforms)) == len(expected)
    assert district.achieved == len(report.counted)
    assert district.achieved == sum(report.bureau(b).achieved for b in Bureau)
    outside = {p.id for p in register.platforms if p.park is None} & expected
    parks = sum(report.park(p).achieved for p in Park)
    assert district.achieved == parks + len(outside)
    for first_year in (False, True):
        annex = report.annex(first_year=first_year)
        assert annex.achieved == sum(report.park(p, first_year=first_year).achieved for p in Park)
        assert set(annex.platforms) == {
            i for p in Park for i in report.park(p, first_year=first_year).platforms
        }
    assert district.achieved == sum(y.count for y in report.by_year)


# ---------------------------------------------------------------------------------------
# 2. Progress is monotone in the report's date.


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
@given(registers(), policies(), report_dates, report_dates)
def test_progress_never_goes_back_as_the_report_date_moves_on(
    register: ip.Register, policy: ip.Policy, one: date, other: date
) -> None:
    """§2.2 "到“十四五”末，全区新建重大产业创新平台不少于10个。" and the annex "“十四五”期间
    新建" (§A.1–§A.4, §A.T); reading 6: a platform counts on the date it first became major.

    For two report dates, every line of the later report has counted every platform of
    the earlier one; achieved and elapsed never decrease, remaining never increases, and
    a target met stays met.
    """
    early, late = sorted((one, other))
    before = target_progress(register, as_of=early, policy=policy)
    after = target_progress(register, as_of=late, policy=policy)
    assert len(before.lines) == len(after.lines)
    for a, b in zip(before.lines, after.lines, strict=True):
        assert (a.scope, a.key, a.period) == (b.scope, b.key, b.period)
        assert set(a.platforms) <= set(b.platforms)
        assert a.achieved <= b.achieved
        assert a.remaining >= b.remaining
        assert a.pace.elapsed <= b.pace.elapsed
        assert a.pace.achieved_share <= b.pace.achieved_share
        assert not a.met or b.met
    for y1, y2 in zip(before.by_year, after.by_year, strict=True):
        assert set(y1.district) <= set(y2.district)


# ---------------------------------------------------------------------------------------
# 3. Once: one year, one park, one bureau.


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4")
@given(registers(), policies(), report_dates)
def test_a_platform_is_counted_in_at_most_one_year_one_park_and_one_bureau(
    register: ip.Register, policy: ip.Policy, as_of: date
) -> None:
    """§4.1 "区科技局负责完成……3类不少于6个平台", §4.2 "区发改委负责完成不少于2个产业创新中心",
    §4.3 "区工信局负责完成不少于2个制造业创新中心", and the annex by park (§A.1–§A.4);
    reading 6: "A platform counts once, on the date it first became major".

    No platform appears in two years, two parks (or in a park and outside them), or two
    bureaus; each counted platform is in exactly one year and one bureau, the bureau of
    its category.
    """
    report = target_progress(register, as_of=as_of, policy=policy)
    by_id = {p.id: p for p in register.platforms}
    years = [i for y in report.by_year for i in y.district]
    assert len(years) == len(set(years)) == report.district.achieved
    bureaus = [i for b in Bureau for i in report.bureau(b).platforms]
    assert sorted(bureaus) == sorted(report.district.platforms)
    for b in Bureau:
        assert all(BUREAU_OF[by_id[i].category] is b for i in report.bureau(b).platforms)
    for first_year in (False, True):
        parks = [i for p in Park for i in report.park(p, first_year=first_year).platforms]
        assert len(parks) == len(set(parks))
        for p in Park:
            assert all(by_id[i].park is p for i in report.park(p, first_year=first_year).platforms)
    for y in report.by_year:
        in_parks = [i for ids in y.parks.values() for i in ids]
        assert sorted([*in_parks, *y.outside_parks]) == sorted(y.district)
        assert sorted(i for ids in y.bureaus.values() for i in ids) == sorted(y.district)
        for i in y.district:
            day = first_major(register, by_id[i])
            assert day is not None
            assert day in y.period


# ---------------------------------------------------------------------------------------
# 4. An upgrade or a later filing does not count a platform again.


@st.composite
def registers_with_a_later_approval(
    draw: st.DrawFn,
) -> tuple[ip.Register, ip.Register, ip.Policy, date]:
    """A register, a policy, a report date, and the same register with one more approval
    of a platform that first became major inside the plan: dated on or after that day
    at any level, or on any day at a level that does not make it major."""
    register = draw(registers())
    policy = draw(policies())
    as_of = draw(report_dates)
    candidates = []
    for platform in register.platforms:
        day = first_major(register, platform)
        if day is not None and policy.plan_start <= day <= policy.plan_end:
            candidates.append((platform, day))
    if not candidates:
        # Make one: a new R&D institution filed at municipal level on the plan's first day.
        platform = ip.Platform(
            id="NEW",
            name="新平台",
            category=Category.NEW_RD_INSTITUTION,
            industry=ip.Industry.OTHER,
        )
        filing = ip.Approval(
            platform="NEW", level=Level.MUNICIPAL, date=policy.plan_start, id="NEW-A0"
        )
        register = attrs.evolve(
            register,
            platforms=(*register.platforms, platform),
            approvals=(*register.approvals, filing),
        )
        candidates.append((platform, policy.plan_start))
    platform, day = draw(st.sampled_from(candidates))
    not_major = [lv for lv in Level if lv not in MAJOR_AT[platform.category]]
    level, when = draw(
        st.one_of(
            st.tuples(st.sampled_from(Level), st.dates(day, max(day, LATEST))),
            st.tuples(st.sampled_from(not_major), dates),
        )
    )
    extra = ip.Approval(platform=platform.id, level=level, date=when, id="EXTRA")
    more = attrs.evolve(register, approvals=(*register.approvals, extra))
    return register, more, policy, as_of


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
@given(registers_with_a_later_approval())
def test_adding_an_approval_to_a_platform_already_counted_changes_no_count(
    case: tuple[ip.Register, ip.Register, ip.Policy, date],
) -> None:
    """§2.2 "全区新建重大产业创新平台不少于10个" counts *new* platforms; reading 6: "A
    platform counts once, on the date it first became major … A platform that was
    already major before the plan does not count, even if it is upgraded during the
    plan."

    An upgrade, a second approval or a filing below the major level, added to a platform
    that first became major inside the plan, changes no line and no year.
    """
    register, more, policy, as_of = case
    before = target_progress(register, as_of=as_of, policy=policy)
    after = target_progress(more, as_of=as_of, policy=policy)
    assert [(line.achieved, line.platforms, line.pace) for line in after.lines] == [
        (line.achieved, line.platforms, line.pace) for line in before.lines
    ]
    assert after.by_year == before.by_year
    assert [(c.platform, c.status, c.first_major) for c in after.platforms] == [
        (c.platform, c.status, c.first_major) for c in before.platforms
    ]


# ---------------------------------------------------------------------------------------
# 5. Each line agrees with itself, and the document with its schema.


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T")
@given(registers(), policies(), report_dates)
def test_every_line_states_target_remaining_met_and_pace_as_defined(
    register: ip.Register, policy: ip.Policy, as_of: date
) -> None:
    """§2.2 "不少于10个", §4.1–§4.3 "不少于", §A.1–§A.4 and §A.T "新建": each target is
    a minimum ("不少于" includes the number itself, reading 3).

    remaining = max(target − achieved, 0); met = achieved ≥ target; elapsed and the
    achieved share are the defined fractions, to 4 places rounded down; the status
    follows its order (not started, met, missed, ahead ≥, behind); the JSON document
    validates against the shipped schema.
    """
    report = target_progress(register, as_of=as_of, policy=policy)
    for line in report.lines:
        assert line.remaining == max(line.target - line.achieved, 0)
        assert line.met is (line.achieved >= line.target)
        assert list(line.platforms) == sorted(set(line.platforms))
        period = line.period
        total = (period.end - period.start).days + 1
        done = 0 if as_of < period.start else (min(as_of, period.end) - period.start).days + 1
        pace = line.pace
        assert (pace.days_in_period, pace.days_elapsed) == (total, done)
        assert pace.elapsed.as_tuple().exponent == -4
        assert pace.elapsed * total <= done < (pace.elapsed + STEP) * total
        if line.target:
            share = pace.achieved_share
            assert share * line.target <= line.achieved
            assert line.achieved < (share + STEP) * line.target
        else:
            assert str(pace.achieved_share) == "1.0000"
        if done == 0:
            expected = "not_started"
        elif line.achieved >= line.target:
            expected = "met"
        elif done == total:
            expected = "missed"
        elif line.achieved * total >= line.target * done:
            expected = "ahead"
        else:
            expected = "behind"
        assert pace.status.value == expected
        if line.scope in (TargetScope.DISTRICT, TargetScope.ANNEX):
            assert line.key is None
    jsonschema.Draft202012Validator(ip.schema("targets")).validate(report.to_dict())
