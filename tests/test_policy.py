"""The policy parameters: GANYU_2021 carries the numbers of the text, reforms are checked.

Every expected number below is read from the policy text (``CLAUSES.md``), with the
clause it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest

import innovation_policy as ip
from innovation_policy import GANYU_2021, Bureau, Park, Policy

# ---------------------------------------------------------------------------------------
# GANYU_2021 is the text


@pytest.mark.clause("§6.3")
def test_national_approval_is_matched_1_to_1_up_to_10000000_yuan() -> None:
    # 按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元
    assert GANYU_2021.national_match_ratio == Decimal(1)
    assert GANYU_2021.national_match_cap == Decimal("10000000.00")


@pytest.mark.clause("§6.4")
def test_provincial_approval_is_matched_1_to_0_5_up_to_5000000_yuan() -> None:
    # 按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元
    assert GANYU_2021.provincial_match_ratio == Decimal("0.5")
    assert GANYU_2021.provincial_match_cap == Decimal("5000000.00")


@pytest.mark.clause("§6.6")
def test_performance_grant_is_10_percent_of_turnover_up_to_1000000_yuan() -> None:
    # 给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万
    assert GANYU_2021.performance_rate == Decimal("0.10")
    assert GANYU_2021.performance_cap == Decimal("1000000.00")


@pytest.mark.clause("§2.2")
def test_the_plan_runs_through_the_14th_five_year_plan_2021_to_2025() -> None:
    assert GANYU_2021.plan_start == dt.date(2021, 1, 1)
    assert GANYU_2021.plan_end == dt.date(2025, 12, 31)
    assert GANYU_2021.period_label == "2021-2025"
    assert GANYU_2021.first_year_label == "2021"
    assert GANYU_2021.first_year == 2021


@pytest.mark.clause("§2.2")
def test_at_least_10_new_major_platforms_district_wide() -> None:
    assert GANYU_2021.district_target == 10


@pytest.mark.clause("§4.1", "§4.2", "§4.3")
def test_bureau_targets_are_6_2_2() -> None:
    assert dict(GANYU_2021.bureau_targets) == {
        Bureau.SCIENCE_AND_TECHNOLOGY: 6,  # §4.1 不少于6个
        Bureau.DEVELOPMENT_AND_REFORM: 2,  # §4.2 不少于2个
        Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: 2,  # §4.3 不少于2个
    }


@pytest.mark.clause("§A.1", "§A.2", "§A.3", "§A.4")
def test_park_targets_are_3_3_2_2_and_1_1_1_1_in_the_first_year() -> None:
    assert dict(GANYU_2021.park_targets) == {
        Park.ECONOMIC_DEVELOPMENT_ZONE: 3,
        Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: 3,
        Park.HIGH_TECH_ZONE: 2,
        Park.HAIZHOU_BAY_BIOTECH_PARK: 2,
    }
    assert dict(GANYU_2021.park_first_year_targets) == {
        Park.ECONOMIC_DEVELOPMENT_ZONE: 1,
        Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: 1,
        Park.HIGH_TECH_ZONE: 1,
        Park.HAIZHOU_BAY_BIOTECH_PARK: 1,
    }


@pytest.mark.clause("§A.T")
def test_annex_totals_are_10_and_4() -> None:
    assert GANYU_2021.annex_target == 10
    assert GANYU_2021.annex_first_year_target == 4


@pytest.mark.clause("§6.3", "§6.4", "§6.5", "§6.7")
def test_default_readings_are_top_up_and_city_excludes_district() -> None:
    assert GANYU_2021.upgrade_reading is ip.UpgradeReading.TOP_UP
    assert GANYU_2021.city_reading is ip.CityReading.CITY_EXCLUDES_DISTRICT
    assert dict(GANYU_2021.county_standard_caps) == {}


def test_the_default_policy_is_ganyu_2021() -> None:
    assert Policy() == GANYU_2021


# ---------------------------------------------------------------------------------------
# What a policy refuses, with the field named


def _evolve(**changes: Any) -> Policy:
    """GANYU_2021 with ``changes``, which may be of any type (the point of these tests)."""
    return attrs.evolve(GANYU_2021, **changes)


def _refused(error_type: type[Exception], field: str, **changes: Any) -> ip.PolicyError:
    """Evolve GANYU_2021 with ``changes``; the error must be ``error_type`` naming ``field``."""
    with pytest.raises(error_type) as caught:
        _evolve(**changes)
    error = caught.value
    assert isinstance(error, ip.PolicyError)
    assert not isinstance(error, ip.InputError)  # one problem: the error itself
    assert error.field is not None
    assert error.field == f"Policy.{field}" or error.field.startswith(f"Policy.{field}[")
    assert str(error).startswith(f"Policy.{field}")
    return error


MONEY_FIELDS = ("national_match_cap", "provincial_match_cap", "performance_cap")
RATIO_FIELDS = ("national_match_ratio", "provincial_match_ratio", "performance_rate")
COUNT_FIELDS = ("district_target", "annex_target", "annex_first_year_target")
TABLES = ("bureau_targets", "park_targets", "park_first_year_targets")


@pytest.mark.parametrize("field", MONEY_FIELDS)
@pytest.mark.parametrize(
    ("value", "error"),
    [
        (5000000.0, TypeError),
        (True, TypeError),
        ("5000000", TypeError),
        (Decimal("-0.01"), ValueError),
        (-1, ValueError),
        (Decimal("5000000.001"), ValueError),
        (Decimal("NaN"), ValueError),
        (10**15, ValueError),
    ],
    ids=repr,
)
def test_each_money_cap_is_refused_when_not_an_amount(
    field: str, value: object, error: type[Exception]
) -> None:
    _refused(error, field, **{field: value})


@pytest.mark.parametrize("field", MONEY_FIELDS)
def test_a_cap_is_kept_to_the_fen(field: str) -> None:
    policy = _evolve(**{field: Decimal("8000000.000")})
    value = getattr(policy, field)
    assert value == Decimal("8000000")
    assert str(value) == "8000000.00"
    zero = _evolve(**{field: 0})
    assert getattr(zero, field) == 0


@pytest.mark.parametrize("field", RATIO_FIELDS)
@pytest.mark.parametrize(
    ("value", "error"),
    [
        (Decimal("-0.1"), ValueError),
        (-1, ValueError),
        (Decimal("NaN"), ValueError),
        (Decimal("Infinity"), ValueError),
        (0.5, TypeError),
        (True, TypeError),
    ],
    ids=repr,
)
def test_a_negative_or_non_number_ratio_is_refused(
    field: str, value: object, error: type[Exception]
) -> None:
    _refused(error, field, **{field: value})


@pytest.mark.clause("§6.3", "§6.4")
@pytest.mark.parametrize("field", ["national_match_ratio", "provincial_match_ratio"])
@pytest.mark.parametrize("value", ["0", "1.0001", "1.5", "2", "3.25"])
def test_a_matching_ratio_above_1_is_accepted(field: str, value: str) -> None:
    # "1:1" and "1:0.5" are ratios, not shares: a reform may match more than 1:1.
    policy = _evolve(**{field: Decimal(value)})
    assert getattr(policy, field) == Decimal(value)


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize("value", ["1.0001", "1.1", "2", "100"])
def test_a_performance_rate_above_1_is_refused(value: str) -> None:
    # 不超过当年度技术合同实际成交额10%: a share of the turnover, at most all of it.
    _refused(ValueError, "performance_rate", performance_rate=Decimal(value))


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize("value", ["0", "0.0001", "0.1", "0.25", "1", "1.0000"])
def test_a_performance_rate_from_0_to_1_is_accepted(value: str) -> None:
    policy = attrs.evolve(GANYU_2021, performance_rate=Decimal(value))
    assert policy.performance_rate == Decimal(value)


@pytest.mark.parametrize("field", COUNT_FIELDS)
@pytest.mark.parametrize(
    ("value", "error"),
    [(-1, ValueError), (True, TypeError), (False, TypeError), (1.0, TypeError), ("3", TypeError)],
    ids=repr,
)
def test_a_target_must_be_a_whole_number_at_least_0(
    field: str, value: object, error: type[Exception]
) -> None:
    _refused(error, field, **{field: value})


@pytest.mark.parametrize("field", COUNT_FIELDS)
def test_a_target_of_0_is_accepted(field: str) -> None:
    assert getattr(_evolve(**{field: 0}), field) == 0


@pytest.mark.clause("§2.2")
def test_plan_end_before_plan_start_is_refused() -> None:
    error = _refused(ValueError, "plan_end", plan_end=dt.date(2020, 12, 31))
    assert "2021-01-01" in str(error)
    assert "2020-12-31" in str(error)


@pytest.mark.clause("§2.2")
def test_a_plan_of_one_day_is_accepted() -> None:
    day = dt.date(2021, 1, 1)
    policy = attrs.evolve(GANYU_2021, plan_end=day)
    assert policy.period_label == "2021-2021"


@pytest.mark.parametrize("field", ["plan_start", "plan_end"])
@pytest.mark.parametrize(
    "value", [dt.datetime(2021, 1, 1, tzinfo=dt.UTC), "2021-01-01", None], ids=repr
)
def test_plan_dates_must_be_dates(field: str, value: object) -> None:
    _refused(TypeError, field, **{field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("upgrade_reading", "top-up"),
        ("upgrade_reading", "each"),
        ("upgrade_reading", "city_excludes_district"),
        ("upgrade_reading", ""),
        ("city_reading", "each_approval"),
        ("city_reading", "excludes"),
        ("city_reading", "就高"),
    ],
)
def test_an_unknown_reading_is_refused_with_the_valid_readings(field: str, value: str) -> None:
    error = _refused(ValueError, field, **{field: value})
    enum_type = ip.UpgradeReading if field == "upgrade_reading" else ip.CityReading
    for member in enum_type:
        assert str(member.value) in str(error)


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("upgrade_reading", "each_approval", ip.UpgradeReading.EACH_APPROVAL),
        ("upgrade_reading", "top_up", ip.UpgradeReading.TOP_UP),
        ("upgrade_reading", "EACH_APPROVAL", ip.UpgradeReading.EACH_APPROVAL),
        ("city_reading", "top_up", ip.CityReading.TOP_UP),
        ("city_reading", "city_excludes_district", ip.CityReading.CITY_EXCLUDES_DISTRICT),
        ("city_reading", " Top_Up ", ip.CityReading.TOP_UP),
    ],
)
def test_a_reading_field_accepts_its_english_value(
    field: str, text: str, expected: ip.UpgradeReading | ip.CityReading
) -> None:
    policy = _evolve(**{field: text})
    assert getattr(policy, field) is expected


@pytest.mark.parametrize("field", TABLES)
def test_an_incomplete_table_of_targets_is_refused_with_what_is_missing(field: str) -> None:
    table = dict(getattr(GANYU_2021, field))
    missing = next(iter(table))
    del table[missing]
    error = _refused(ValueError, field, **{field: table})
    assert missing.name in str(error)


@pytest.mark.parametrize("field", TABLES)
def test_a_table_of_targets_refuses_a_bad_count_or_an_unknown_key(field: str) -> None:
    table: dict[Any, Any] = dict(getattr(GANYU_2021, field))
    key = next(iter(table))
    _refused(ValueError, field, **{field: {**table, key: -1}})
    _refused(TypeError, field, **{field: {**table, key: True}})
    _refused(ValueError, field, **{field: {**table, "nowhere": 1}})
    _refused(TypeError, field, **{field: [1, 2, 3]})


def test_a_table_of_targets_accepts_chinese_and_english_keys() -> None:
    policy = attrs.evolve(
        GANYU_2021,
        park_targets={  # labels as text: parsed by the policy's own check
            "赣榆经济开发区": 4,  # type: ignore[dict-item]
            "marine_economic_development_zone": 3,  # type: ignore[dict-item]
            "HIGH_TECH_ZONE": 2,  # type: ignore[dict-item]
            Park.HAIZHOU_BAY_BIOTECH_PARK: 1,
        },
    )
    assert dict(policy.park_targets) == {
        Park.ECONOMIC_DEVELOPMENT_ZONE: 4,
        Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: 3,
        Park.HIGH_TECH_ZONE: 2,
        Park.HAIZHOU_BAY_BIOTECH_PARK: 1,
    }


@pytest.mark.clause("§6.5")
def test_county_standard_caps_may_be_known_for_some_levels_only() -> None:
    policy = attrs.evolve(
        GANYU_2021,
        county_standard_caps={
            "国家级": 8_000_000,  # type: ignore[dict-item]
            ip.Level.PROVINCIAL: Decimal("4E+6"),
        },
    )
    assert dict(policy.county_standard_caps) == {
        ip.Level.NATIONAL: Decimal("8000000.00"),
        ip.Level.PROVINCIAL: Decimal("4000000.00"),
    }


@pytest.mark.clause("§6.5")
def test_a_county_standard_cap_that_is_not_an_amount_is_refused() -> None:
    _refused(ValueError, "county_standard_caps", county_standard_caps={ip.Level.NATIONAL: -1})
    _refused(TypeError, "county_standard_caps", county_standard_caps={ip.Level.NATIONAL: 1.5})
    _refused(ValueError, "county_standard_caps", county_standard_caps={"county": 1})


def test_several_problems_are_all_reported_at_once() -> None:
    with pytest.raises(ip.InputError) as caught:
        _evolve(
            national_match_cap=10_000_000.0,
            provincial_match_ratio=Decimal("-0.5"),
            performance_rate=Decimal(2),
            district_target=True,
            plan_end=dt.date(2020, 1, 1),
            upgrade_reading="sometimes",
            park_targets={Park.HIGH_TECH_ZONE: 2},
        )
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, ip.PolicyError)
    where = sorted(p.where for p in error.problems)
    assert where == sorted(
        f"Policy.{f}"
        for f in (
            "national_match_cap",
            "provincial_match_ratio",
            "performance_rate",
            "district_target",
            "plan_end",
            "upgrade_reading",
            "park_targets",
        )
    )
    message = str(error)
    assert message.startswith("Policy: 7 problems found:")
    for problem in error.problems:
        assert problem.message
        assert f"  - {problem.where}: {problem.message}" in message


# ---------------------------------------------------------------------------------------
# Reforms, read-only tables, clauses of each field


@pytest.mark.clause("§6.3")
def test_a_reform_changes_one_number_and_keeps_the_others() -> None:
    reform = attrs.evolve(GANYU_2021, national_match_cap=Decimal("8000000"))
    assert reform.national_match_cap == Decimal("8000000.00")
    assert reform != GANYU_2021
    for field in attrs.fields(Policy):
        if field.name != "national_match_cap":
            assert getattr(reform, field.name) == getattr(GANYU_2021, field.name), field.name
    assert GANYU_2021.national_match_cap == Decimal("10000000.00")


def test_a_policy_is_frozen_and_hashable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        GANYU_2021.national_match_cap = Decimal(1)  # type: ignore[misc]
    assert hash(GANYU_2021) == hash(Policy())


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("bureau_targets", Bureau.SCIENCE_AND_TECHNOLOGY),
        ("park_targets", Park.HIGH_TECH_ZONE),
        ("park_first_year_targets", Park.HIGH_TECH_ZONE),
        ("county_standard_caps", ip.Level.NATIONAL),
    ],
)
def test_the_tables_of_a_policy_are_read_only(field: str, key: object) -> None:
    table = getattr(GANYU_2021, field)
    before = dict(table)
    with pytest.raises(TypeError):
        table[key] = 1
    with pytest.raises(TypeError):
        del table[key]
    assert dict(getattr(GANYU_2021, field)) == before


def test_a_policy_keeps_its_own_copy_of_a_table() -> None:
    targets = {Bureau.SCIENCE_AND_TECHNOLOGY: 7, "区发改委": 2, "区工信局": 2}
    policy = attrs.evolve(GANYU_2021, bureau_targets=targets)  # type: ignore[arg-type]
    targets[Bureau.SCIENCE_AND_TECHNOLOGY] = 0
    assert policy.bureau_targets[Bureau.SCIENCE_AND_TECHNOLOGY] == 7


# The clauses each field comes from, read from the text.
FIELD_CLAUSES = {
    "national_match_ratio": {"§6.3"},
    "national_match_cap": {"§6.3"},
    "provincial_match_ratio": {"§6.4"},
    "provincial_match_cap": {"§6.4"},
    "performance_rate": {"§6.6"},
    "performance_cap": {"§6.6"},
    "plan_start": {"§2.2"},
    "plan_end": {"§2.2"},
    "district_target": {"§2.2"},
    "bureau_targets": {"§4.1", "§4.2", "§4.3"},
    "park_targets": {"§A.1", "§A.2", "§A.3", "§A.4"},
    "park_first_year_targets": {"§A.1", "§A.2", "§A.3", "§A.4"},
    "annex_target": {"§A.T"},
    "annex_first_year_target": {"§A.T"},
    "upgrade_reading": {"§6.3", "§6.4", "§6.7"},
    "city_reading": {"§6.5"},
    "county_standard_caps": {"§6.5"},
    "name": {"§0"},
}


def test_every_field_of_the_policy_is_listed_here() -> None:
    assert {f.name for f in attrs.fields(Policy)} == set(FIELD_CLAUSES)


@pytest.mark.parametrize(("field", "expected"), sorted(FIELD_CLAUSES.items()))
def test_each_field_cites_the_clauses_it_comes_from(field: str, expected: set[str]) -> None:
    cited = Policy.clauses_of(field)
    assert cited
    assert all(c in ip.CLAUSES for c in cited)
    assert expected <= set(cited)


def test_clauses_of_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("national_match_cap")) as caught:
        Policy.clauses_of("national_cap")
    assert isinstance(caught.value, ip.PolicyError)


def test_each_problem_of_a_policy_is_located_once_and_said_once() -> None:
    # Three problems: each is listed under its field, its message without the field again.
    with pytest.raises(ip.InputError) as caught:
        _evolve(
            provincial_match_ratio=Decimal("-0.5"),
            plan_end=dt.date(2020, 1, 1),
            bureau_targets={"区科技局": 6},
        )
    assert caught.value.problems == (
        ip.Problem(
            ("Policy", "provincial_match_ratio"),
            ip.ProblemCode.INVALID,
            "'-0.5' is not a valid ratio; expected a number from 0, below 1000",
        ),
        ip.Problem(
            ("Policy", "bureau_targets"),
            ip.ProblemCode.MISSING,
            "no value for DEVELOPMENT_AND_REFORM, INDUSTRY_AND_INFORMATION_TECHNOLOGY; "
            "expected one for every Bureau",
        ),
        ip.Problem(
            ("Policy", "plan_end"),
            ip.ProblemCode.INCONSISTENT,
            "2020-01-01 is before plan_start 2021-01-01; expected a date on or after it",
        ),
    )
    assert str(caught.value) == (
        "Policy: 3 problems found:\n"
        "  - Policy.provincial_match_ratio: '-0.5' is not a valid ratio; expected a number "
        "from 0, below 1000\n"
        "  - Policy.bureau_targets: no value for DEVELOPMENT_AND_REFORM, "
        "INDUSTRY_AND_INFORMATION_TECHNOLOGY; expected one for every Bureau\n"
        "  - Policy.plan_end: 2020-01-01 is before plan_start 2021-01-01; expected a date on "
        "or after it"
    )


def test_a_table_with_rows_missing_names_every_missing_row() -> None:
    error = _refused(ValueError, "park_targets", park_targets={})
    assert str(error) == (
        "Policy.park_targets: no value for ECONOMIC_DEVELOPMENT_ZONE, "
        "MARINE_ECONOMIC_DEVELOPMENT_ZONE, HIGH_TECH_ZONE, HAIZHOU_BAY_BIOTECH_PARK; "
        "expected one for every Park"
    )


def test_clauses_of_an_unknown_field_lists_the_fields() -> None:
    with pytest.raises(ip.PolicyValueError) as caught:
        Policy.clauses_of("nope")
    assert caught.value.field == "nope"
    assert str(caught.value) == (
        "Policy: 'nope' is not a field; valid: "
        + ", ".join(field.name for field in attrs.fields(Policy))
    )
    assert str(caught.value).startswith(
        "Policy: 'nope' is not a field; valid: national_match_ratio, national_match_cap, "
    )
