"""Comparison: a reform minus its baseline, item by item and in every total, exact to
the fen; the reading sweep; the command line ``compare``; the shipped schemas.

The worked example is the issue's: the province's ratio falls from 1:0.5 to 1:0.3
(§6.4) on the shipped example register. The arithmetic is done by hand in the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import innovation_policy as ip
from innovation_policy import (
    Bureau,
    Category,
    CityReading,
    Kind,
    Level,
    Park,
    UpgradeReading,
    _compare,
    _compare_text,
    _vocabulary,
    compare,
    compare_policies,
    compare_readings,
)
from innovation_policy._cli import main
from tests.register_strategies import policy_reforms, registers

ZERO = Decimal("0.00")
RATIO_03 = attrs.evolve(ip.GANYU_2021, provincial_match_ratio=Decimal("0.3"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = ip.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def ratio_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.json"
    path.write_text('{"provincial_match_ratio": "0.3"}', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example() -> ip.Comparison:
    (comparison,) = compare_policies(ip.example_register(), ip.GANYU_2021, RATIO_03)
    return comparison


# ---------------------------------------------------------------------------------------
# The worked example: the provincial ratio at 1:0.3 (§6.4).

#: The provincial approvals of the example register inside the plan period 2021–2025
#: (reading 8), with their higher-level funding and what they pay at 1:0.5 and at 1:0.3.
#: A12 (2019) and A19 (2026) lie outside the period and pay nothing either way.
PROVINCIAL_BY_HAND = {
    # item: (funding, at 1:0.5, at 1:0.3)
    "A01": ("6000000", "3000000", "1800000"),  # P01, upgraded by A02 (below)
    "A04": ("4000000", "2000000", "1200000"),
    "A05": ("2500000", "1250000", "750000"),
    "A09": ("3000000", "1500000", "900000"),
    "A10": ("8000000", "4000000", "2400000"),
    "A16": ("1000000", "500000", "300000"),
    "A17": ("3000000", "1500000", "900000"),
    "A18": ("5000000", "2500000", "1500000"),  # P14, outside the four parks
    "A21": ("10000000", "5000000", "3000000"),  # exactly the 500万元 cap at 1:0.5
}


@pytest.mark.clause("§6.4", "§6.7", "§6.5")
def test_a_provincial_ratio_of_0_3_costs_the_district_7_300_000_on_the_example_register(
    capsys: pytest.CaptureFixture[str], ratio_file: Path
) -> None:
    """``innovation-policy compare --example --policy p.json --format json`` with
    ``{"provincial_match_ratio": "0.3"}`` prints a delta total of −7,300,000.00.

    By hand, from ``data/example_register.json``: every provincial approval inside the
    plan is matched 0.3 instead of 0.5 of its funding (§6.4), 0.2 less:

    - A04 4,000,000; A05 2,500,000; A09 3,000,000; A10 8,000,000; A16 1,000,000;
      A17 3,000,000; A18 5,000,000; A21 10,000,000 (at 1:0.5 exactly the 5,000,000 cap,
      at 1:0.3 3,000,000, below it): together 36,500,000 × 0.2 = −7,300,000.
    - A01 (P01, 6,000,000): 3,000,000 → 1,800,000, −1,200,000; but P01's national
      approval A02 (9,000,000 × 1 = 9,000,000) tops up to 9,000,000 − what was paid
      (reading 1, §6.7): 6,000,000 → 7,200,000, +1,200,000. P01 nets 0.
    - A03 (P02): the city rewarded it, so the district pays 0 either way (§6.5).
    - Performance grants and the case decision do not depend on the ratio.

    Total: −7,300,000.00, all of it formula money, all of it matching support.
    """
    status, out, err = run(
        capsys, "compare", "--example", "--policy", ratio_file, "--format", "json"
    )
    assert (status, err) == (0, "")
    document = json.loads(out)
    validator("comparison").validate(document)
    assert document["delta"]["total"] == "-7300000.00"
    assert document["delta"]["formula"] == "-7300000.00"
    assert document["delta"]["by_kind"] == {
        "matching": "-7300000.00",
        "performance": "0.00",
        "case": "0.00",
    }
    assert document["fields"] == ["provincial_match_ratio"]
    by_hand = sum(
        (Decimal(low) - Decimal(high) for _, high, low in PROVINCIAL_BY_HAND.values()),
        Decimal("1200000"),  # A02's top-up
    )
    assert by_hand == Decimal("-7300000")
    items = {i["item"]: i for i in document["items"]}
    assert set(items) == {*PROVINCIAL_BY_HAND, "A02"}
    for item, (funding, high, low) in PROVINCIAL_BY_HAND.items():
        assert Decimal(funding) * Decimal("0.5") == Decimal(high)
        assert Decimal(funding) * Decimal("0.3") == Decimal(low)
        assert (items[item]["baseline"], items[item]["alternative"]) == (
            f"{Decimal(high):.2f}",
            f"{Decimal(low):.2f}",
        )
        assert items[item]["delta"] == f"{Decimal(low) - Decimal(high):.2f}"
    assert items["A02"] | {"clauses": None} == {
        "platform": "P01",
        "item": "A02",
        "kind": "matching",
        "year": 2023,
        "baseline": "6000000.00",
        "alternative": "7200000.00",
        "delta": "1200000.00",
        "baseline_eligible": True,
        "alternative_eligible": True,
        "clauses": None,
    }
    assert items["A02"]["clauses"] == ["§6.3", "§6.7"]


@pytest.mark.clause("§6.4", "§2.1", "§4.1", "§4.3")
def test_the_worked_example_is_broken_down_by_park_bureau_category_and_platform(
    example: ip.Comparison,
) -> None:
    """The −7,300,000 of the worked example, by the platforms it falls on: A18 of P14,
    outside the four parks, is its own line (−1,000,000, §2.1); the industry bureau has
    P03, P08 and P14 (−800,000 − 1,600,000 − 1,000,000, §4.3); P01 nets 0."""
    assert example.total == example.formula == Decimal("-7300000.00")
    assert example.fields == ("provincial_match_ratio",)
    assert example.by_park == {
        Park.ECONOMIC_DEVELOPMENT_ZONE: Decimal("-200000.00"),  # A16 of P12; P01 nets 0
        Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: Decimal("-1900000.00"),  # A04, A05, A17
        Park.HIGH_TECH_ZONE: Decimal("-2200000.00"),  # A09, A10
        Park.HAIZHOU_BAY_BIOTECH_PARK: Decimal("-2000000.00"),  # A21
        None: Decimal("-1000000.00"),  # A18 of P14
    }
    assert example.by_bureau == {
        Bureau.SCIENCE_AND_TECHNOLOGY: Decimal("-3900000.00"),
        Bureau.DEVELOPMENT_AND_REFORM: ZERO,
        Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: Decimal("-3400000.00"),
    }
    assert example.by_category[Category.MANUFACTURING_INNOVATION_CENTER] == Decimal("-3400000.00")
    assert example.by_platform["P01"] == ZERO
    assert example.by_platform["P14"] == Decimal("-1000000.00")
    assert example.by_year == {
        2019: ZERO,
        2021: Decimal("-2000000.00"),  # A01, A04
        2022: Decimal("-1000000.00"),  # A18
        2023: Decimal("700000.00"),  # A05 −500,000, A02 +1,200,000
        2024: Decimal("-2600000.00"),  # A09, A21
        2025: Decimal("-2400000.00"),  # A10, A16, A17
        2026: ZERO,
    }
    for table in (example.by_year, example.by_park, example.by_platform):
        assert type(table) is dict  # plain dicts: pandas reads them


def test_the_tables_are_plain_dicts_that_pandas_could_read(example: ip.Comparison) -> None:
    for name in ("by_year", "by_bureau", "by_park", "by_kind", "by_category", "by_platform"):
        assert type(getattr(example, name)) is dict
        assert type(getattr(example.baseline_totals, name)) is dict
    assert repr(example) == (
        "Comparison(fields=('provincial_match_ratio',), total=Decimal('-7300000.00'), "
        "formula=Decimal('-7300000.00'))"
    )


@pytest.mark.clause("§6.7", "§6.4")
def test_the_national_approval_of_an_upgraded_platform_is_explained_by_the_provincial_ratio(
    example: ip.Comparison,
) -> None:
    """A02 is a national approval (§6.3), yet it changes: under the top-up reading it pays
    its entitlement less what the district paid for A01, which the provincial ratio set
    (reading 1, §6.7). Its explanation names provincial_match_ratio."""
    explanation = example.explain("A02")
    assert explanation.item.delta == Decimal("1200000.00")
    assert explanation.fields == ("provincial_match_ratio",)
    assert {"national_match_ratio", "national_match_cap", "upgrade_reading"} <= set(
        explanation.depends_on
    )
    assert [s.code for s in explanation.baseline_steps][-1] == "upgrade_top_up"
    assert explanation.baseline_steps[-1].values[1] == Decimal("3000000.00")  # paid for A01
    assert explanation.alternative_steps[-1].values[1] == Decimal("1800000.00")
    text = explanation.text("en")
    assert "provincial matching ratio: 1:0.5 → 1:0.3 (§6.4)" in text
    assert "the district already assessed 1,800,000.00 yuan" in text
    assert "省级配套比例：1:0.5 → 1:0.3（§6.4）" in explanation.text()
    a01 = example.explain("A01", Kind.MATCHING)
    assert a01.fields == ("provincial_match_ratio",)
    assert "national_match_ratio" not in a01.depends_on


def test_an_item_no_field_changed_is_explained_with_none(example: ip.Comparison) -> None:
    explanation = example.explain("P01/2023")
    assert explanation.item.changed is False
    assert explanation.fields == ()
    assert explanation.depends_on == ("performance_rate", "performance_cap")
    assert "造成差额的政策参数：无\n" in explanation.text("zh")
    assert "policy fields that made the difference: none\n" in explanation.text("en")


def test_explaining_an_item_that_is_not_there_names_the_valid_ids(example: ip.Comparison) -> None:
    with pytest.raises(ip.PolicyValueError, match=r"^item: 'A99' is not an item") as error:
        example.explain("A99")
    assert "A01" in str(error.value)
    with pytest.raises(ip.PolicyValueError, match="'A01'"):
        example.explain("A01", Kind.PERFORMANCE)
    with pytest.raises(ip.PolicyValueError, match=r", … \(41 items\)$"):
        example.explain("A99")  # 24 approvals, 16 reviews, 1 case decision: 20 shown
    empty = ip.Register(platforms=(_platform("P1"),))
    nothing = compare(ip.assess(empty), ip.assess(empty))
    with pytest.raises(ip.PolicyValueError, match=r"items: none$"):
        nothing.explain("A1")


def test_every_step_code_has_its_policy_fields_in_the_table() -> None:
    """Each step an explanation can hold is in the one table of step codes → fields."""
    assert set(_compare.STEP_FIELDS) == set(ip.StepCode) == set(_vocabulary.STEPS)
    fields = set(attrs.fields_dict(ip.Policy)) | {_compare._RATIO, _compare._CAP}
    for code, names in _compare.STEP_FIELDS.items():
        assert set(names) <= fields, code


# ---------------------------------------------------------------------------------------
# Properties over generated registers and reforms.


@given(registers(), policy_reforms())
def test_an_assessment_compared_with_itself_differs_by_nothing(
    register: ip.Register, policy: ip.Policy
) -> None:
    """Reading 7: "Amounts are yuan as decimal.Decimal, kept to the fen" — so an
    assessment compared with itself (§6.3, §6.4, §6.6) differs by exactly 0.00 in every
    item and every total, and no item and no field of the policy changed."""
    assessment = ip.assess(register, policy=policy)
    comparison = compare(assessment, assessment)
    assert comparison.fields == ()
    assert comparison.changed == ()
    assert all(i.delta == ZERO for i in comparison.items)
    assert comparison.total == comparison.formula == ZERO
    for name in ("by_year", "by_bureau", "by_park", "by_kind", "by_category", "by_platform"):
        assert set(getattr(comparison, name).values()) <= {ZERO}
    document = comparison.to_dict()
    validator("comparison").validate(document)
    assert document["items"] == []


@given(registers(), policy_reforms(), policy_reforms())
def test_the_total_difference_is_the_sum_of_the_item_differences_and_of_the_totals(
    register: ip.Register, baseline: ip.Policy, alternative: ip.Policy
) -> None:
    """Reading 7 (exact money) with §6.2 (case decisions apart from the formulas): the
    difference in the district total is the sum of the items' differences, and is the
    alternative's total minus the baseline's; each table (by year, bureau, park, kind,
    category, platform) sums to it; the formula difference leaves out case decisions."""
    base = ip.assess(register, policy=baseline)
    alt = ip.assess(register, policy=alternative)
    comparison = compare(base, alt)
    deltas = [i.delta for i in comparison.items]
    assert comparison.total == sum(deltas, ZERO)
    assert comparison.total == alt.totals.district - base.totals.district
    assert comparison.formula == alt.totals.formula - base.totals.formula
    assert comparison.formula == sum(
        (i.delta for i in comparison.items if i.kind is not Kind.CASE), ZERO
    )
    for name in ("by_year", "by_bureau", "by_park", "by_kind", "by_category", "by_platform"):
        assert sum(getattr(comparison, name).values(), ZERO) == comparison.total, name
    for side, assessment in (("baseline_totals", base), ("alternative_totals", alt)):
        totals = getattr(comparison, side)
        assert totals.total == assessment.totals.district
        assert totals.formula == assessment.totals.formula
        assert totals.by_year == dict(assessment.totals.by_year)
        assert totals.by_bureau == dict(assessment.totals.by_bureau)
        assert totals.by_kind == dict(assessment.totals.by_kind)
        assert totals.by_platform == dict(assessment.totals.by_platform)
    assert comparison.fields == tuple(
        f.name
        for f in attrs.fields(ip.Policy)
        if getattr(baseline, f.name) != getattr(alternative, f.name)
    )
    for item in comparison.items:
        assert item.changed == (
            item.delta != 0 or item.baseline_eligible != item.alternative_eligible
        )
    validator("comparison").validate(comparison.to_dict())


@given(registers(), policy_reforms(), policy_reforms())
def test_swapping_baseline_and_alternative_negates_every_difference(
    register: ip.Register, first: ip.Policy, second: ip.Policy
) -> None:
    """Reading 7 (exact money): B − A = −(A − B) for every item and every total of the
    assessments of one register under two policies (§6.3–§6.7)."""
    a, b = ip.assess(register, policy=first), ip.assess(register, policy=second)
    forward, backward = compare(a, b), compare(b, a)
    assert forward.fields == backward.fields
    assert [i.delta for i in backward.items] == [-i.delta for i in forward.items]
    assert [i.item for i in backward.changed] == [i.item for i in forward.changed]
    assert backward.total == -forward.total
    assert backward.formula == -forward.formula
    for name in ("by_year", "by_bureau", "by_park", "by_kind", "by_category", "by_platform"):
        assert getattr(backward, name) == {k: -v for k, v in getattr(forward, name).items()}


@given(registers(), policy_reforms(), policy_reforms())
def test_every_changed_item_names_a_policy_field_that_made_the_difference(
    register: ip.Register, baseline: ip.Policy, alternative: ip.Policy
) -> None:
    """§6.3–§6.7 and readings 1, 2, 8: an item's amount or eligibility changes only when a
    field it depends on changes, so its explanation names at least one of the fields
    that differ, and only those."""
    comparison = compare(
        ip.assess(register, policy=baseline), ip.assess(register, policy=alternative)
    )
    for item in comparison.changed:
        explanation = comparison.explain(item.item, item.kind)
        assert explanation.fields, item
        assert set(explanation.fields) <= set(comparison.fields)
        assert set(explanation.fields) <= set(explanation.depends_on)


# ---------------------------------------------------------------------------------------
# Assessments of different registers are refused, naming the first difference.


def _platform(pid: str, **changes: Any) -> ip.Platform:
    fields = {
        "id": pid,
        "name": f"平台{pid}",
        "category": Category.TECHNOLOGY_INNOVATION_CENTER,
        "industry": ip.Industry.NEW_ENERGY,
        "park": Park.HIGH_TECH_ZONE,
    }
    return ip.Platform(**{**fields, **changes})


def _approval(**changes: Any) -> ip.Approval:
    fields = {
        "platform": "P1",
        "level": Level.PROVINCIAL,
        "date": dt.date(2022, 3, 1),
        "superior_funding": Decimal("6000000"),
        "id": "A1",
    }
    return ip.Approval(**{**fields, **changes})


def _register(*approvals: ip.Approval, platforms: tuple[ip.Platform, ...] = ()) -> ip.Register:
    return ip.Register(platforms=platforms or (_platform("P1"),), approvals=approvals)


BASE = _register(_approval())


@pytest.mark.parametrize(
    ("other", "message"),
    [
        (
            _register(_approval(), platforms=(_platform("P1"), _platform("P2"))),
            "platform 'P2' is in the alternative's register, not in the baseline's",
        ),
        (
            ip.Register(platforms=(_platform("P0"),)),
            "platform 'P1' is in the baseline's register, not in the alternative's",
        ),
        (
            _register(_approval(), platforms=(_platform("P1", name="另一个"),)),
            "platform 'P1': its name is '平台P1' in the baseline's register, '另一个' in the "
            "alternative's",
        ),
        (
            _register(_approval(), _approval(id="A2")),
            "item 'A2' (matching) is in the alternative's register, not in the baseline's",
        ),
        (
            _register(),
            "item 'A1' (matching) is in the baseline's register, not in the alternative's",
        ),
        (
            _register(_approval(date=dt.date(2022, 3, 2))),
            "item 'A1' (matching): its date is datetime.date(2022, 3, 1) in the baseline's",
        ),
        (
            _register(_approval(superior_funding=Decimal("6000000.01"))),
            "item 'A1' (matching): its inputs is",
        ),
    ],
)
def test_assessments_of_different_registers_are_refused_with_the_first_difference(
    other: ip.Register, message: str
) -> None:
    with pytest.raises(ip.PolicyValueError) as error:
        compare(ip.assess(BASE), ip.assess(other))
    text = str(error.value)
    assert text.startswith("alternative: not an assessment of the baseline's register: ")
    assert message in text
    assert text.endswith("; expected two assessments of the same register")
    assert error.value.field == "alternative"


def test_only_assessments_are_compared() -> None:
    assessment = ip.assess(BASE)
    with pytest.raises(ip.PolicyTypeError, match=r"^baseline: .* is not an Assessment"):
        compare(BASE, assessment)  # type: ignore[arg-type]
    with pytest.raises(ip.PolicyTypeError, match=r"^alternative: None is not an Assessment"):
        compare(assessment, None)  # type: ignore[arg-type]


def test_compare_policies_assesses_the_baseline_once_and_each_alternative() -> None:
    register = ip.example_register()
    assert compare_policies(register, ip.GANYU_2021) == ()
    lower_cap = attrs.evolve(ip.GANYU_2021, national_match_cap=ip.wan(800))
    first, second = compare_policies(register, ip.GANYU_2021, RATIO_03, lower_cap)
    assert first.total == Decimal("-7300000.00")
    assert second.fields == ("national_match_cap",)
    assert first.baseline is second.baseline
    assert second.alternative_policy is lower_cap
    assert second.baseline_policy is ip.GANYU_2021


def test_every_sum_is_exact_whatever_the_callers_decimal_context() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_UP)):
        (comparison,) = compare_policies(ip.example_register(), ip.GANYU_2021, RATIO_03)
    assert comparison.total == Decimal("-7300000.00")
    assert comparison.baseline_totals.total == Decimal("53353456.78")


# ---------------------------------------------------------------------------------------
# The reading sweep.


@pytest.mark.clause("§6.3", "§6.4", "§6.5", "§6.7")
def test_the_reading_sweep_of_the_example_register_costs_each_combination_by_hand() -> None:
    """Every combination of reading 1 (upgrade) and reading 2 (city) against the plan as
    written. By hand: under city top-up (§6.5), P02's provincial approval A03
    (12,000,000 × 0.5 = 6,000,000, capped at 5,000,000, §6.4) pays its shortfall over the
    city's 2,000,000: +3,000,000. Under each approval (§6.7), P01's national approval A02
    pays its own 9,000,000 instead of 9,000,000 − 3,000,000: +3,000,000. Both: +6,000,000."""
    sweep = compare_readings(ip.example_register())
    assert [(r.upgrade_reading, r.city_reading) for r in sweep.rows] == [
        (UpgradeReading.TOP_UP, CityReading.CITY_EXCLUDES_DISTRICT),
        (UpgradeReading.TOP_UP, CityReading.TOP_UP),
        (UpgradeReading.EACH_APPROVAL, CityReading.CITY_EXCLUDES_DISTRICT),
        (UpgradeReading.EACH_APPROVAL, CityReading.TOP_UP),
    ]
    assert [r.delta for r in sweep.rows] == [
        ZERO,
        Decimal("3000000.00"),
        Decimal("3000000.00"),
        Decimal("6000000.00"),
    ]
    assert [r.formula_delta for r in sweep.rows] == [r.delta for r in sweep.rows]
    assert sweep.default is sweep.rows[0]
    assert [r.is_default for r in sweep.rows] == [True, False, False, False]
    assert sweep.default.total == Decimal("53353456.78")
    assert sweep.rows[3].total == Decimal("59353456.78")
    a03 = sweep.rows[1].comparison.explain("A03")
    assert a03.fields == ("city_reading",)
    a02 = sweep.rows[2].comparison.explain("A02")
    assert a02.fields == ("upgrade_reading",)


@given(registers(max_platforms=4), policy_reforms())
def test_each_line_of_the_sweep_is_the_assessment_under_its_readings(
    register: ip.Register, policy: ip.Policy
) -> None:
    """Readings 1 and 2 are switchable (§6.3, §6.4, §6.5, §6.7): the sweep has one line
    per combination, four in all, each the district total under those readings on top of
    the policy given, and its difference from the policy given itself."""
    sweep = compare_readings(register, policy)
    assert len(sweep.rows) == len(UpgradeReading) * len(CityReading) == 4
    default_total = ip.assess(register, policy=policy).totals.district
    assert sweep.default.total == default_total
    assert (sweep.default.upgrade_reading, sweep.default.city_reading) == (
        policy.upgrade_reading,
        policy.city_reading,
    )
    for row in sweep.rows:
        variant = attrs.evolve(
            policy, upgrade_reading=row.upgrade_reading, city_reading=row.city_reading
        )
        totals = ip.assess(register, policy=variant).totals
        assert row.total == totals.district
        assert row.formula == totals.formula
        assert row.delta == totals.district - default_total
    validator("sweep").validate(sweep.to_dict())


# ---------------------------------------------------------------------------------------
# Words: text, JSON, CSV.


def test_the_comparison_text_names_every_changed_field_with_both_values() -> None:
    """Every kind of field prints with its value on each side and its clauses."""
    reform = attrs.evolve(
        ip.GANYU_2021,
        provincial_match_ratio=Decimal("0.3"),
        national_match_cap=ip.wan(800),
        performance_rate=Decimal("0.15"),
        plan_end=dt.date(2024, 12, 31),
        district_target=12,
        county_standard_caps={Level.PROVINCIAL: ip.wan(200)},
        bureau_targets={**ip.GANYU_2021.bureau_targets, Bureau.DEVELOPMENT_AND_REFORM: 3},
        upgrade_reading=UpgradeReading.EACH_APPROVAL,
    )
    (comparison,) = compare_policies(ip.example_register(), ip.GANYU_2021, reform)
    zh = _compare_text.comparison_text(comparison, "zh")
    for line in (
        "  省级配套比例：1:0.5 → 1:0.3（§6.4）",
        "  国家级配套上限：10,000,000.00 元 → 8,000,000.00 元（§6.3）",
        "  绩效补助比例：10% → 15%（§6.6）",
        "  方案期止：2025-12-31 → 2024-12-31（§2.2）",
        "  全区目标：10 → 12（§2.2）",
        "  市对其他县奖励标准：无 → 省级=2,000,000.00 元（§6.5）",
        "  部门目标：区科技局=6、区发改委=2、区工信局=2 → 区科技局=6、区发改委=3、区工信局=2"
        "（§4.1、§4.2、§4.3）",
        "  升级口径（解读1）：就高补差（top_up） → 逐项配套（each_approval）（§6.3、§6.4、§6.7）",
    ):
        assert line in zh.splitlines(), line
    en = _compare_text.comparison_text(comparison, "en")
    assert "  city's standard for other counties: none → provincial=2,000,000.00 yuan (§6.5)" in en
    # a year outside the shortened plan: eligible before, not after (reading 8)
    assert any(line.endswith("是 → 否") for line in zh.splitlines())
    assert any(line.endswith("yes → no") for line in en.splitlines())


def test_the_comparison_text_of_the_worked_example(example: ip.Comparison) -> None:
    zh = _compare_text.comparison_text(example).splitlines()
    assert zh[0] == "赣榆区重大产业创新平台：政策比较（改革方案减基准，最高可支付额）"
    assert "变化的事项（10）" in zh
    assert zh[-1] == (
        "差额合计 -7,300,000.00 元（-730万元），其中按公式计算 -7,300,000.00 元（-730万元）"
        "（一事一议不随政策变化，§6.2）"
    )
    park = zh.index("按园区")
    assert zh[park + 7].split() == ["园区外", "2,500,000.00", "1,500,000.00", "-1,000,000.00"]
    en = _compare_text.comparison_text(example, "en").splitlines()
    assert (
        "  outside the parks                    2,500,000.00        1,500,000.00      -1,000,000.00"
        in en
    )
    assert all(line == line.rstrip() for line in zh + en)


def test_the_same_policy_twice_says_so_and_lists_no_item() -> None:
    assessment = ip.assess(ip.example_register())
    comparison = compare(assessment, assessment)
    zh = _compare_text.comparison_text(comparison)
    assert "改变的政策参数\n  无：两个政策相同\n" in zh
    assert "变化的事项（0）\n  无\n" in zh
    en = _compare_text.comparison_text(comparison, "en")
    assert "items changed (0)\n  none\n" in en
    assert _compare_text.comparison_csv(comparison, "en").count("\n") == 1  # the header


def test_the_comparison_csv_has_one_row_per_changed_item(example: ip.Comparison) -> None:
    rows = list(csv.DictReader(io.StringIO(_compare_text.comparison_csv(example, "en"))))
    assert len(rows) == 10
    assert sum(Decimal(r["delta"]) for r in rows) == Decimal("-7300000.00")
    a18 = next(r for r in rows if r["item"] == "A18")
    assert (a18["park"], a18["bureau"], a18["level"]) == (
        "",
        "industry and information technology",
        "provincial",
    )
    zh = list(csv.reader(io.StringIO(_compare_text.comparison_csv(example, "zh"))))
    assert zh[0][:3] == ["事项", "平台编号", "名称"]
    assert zh[1][3:5] == ["配套支持", "省级"]


def test_the_sweep_prints_one_line_per_combination() -> None:
    sweep = compare_readings(ip.example_register())
    for lang in ("zh", "en"):
        lines = _compare_text.sweep_text(sweep, lang).splitlines()
        rule = next(n for n, line in enumerate(lines) if line.lstrip().startswith("---"))
        assert len(lines[rule + 1 :]) == 4
    en = _compare_text.sweep_text(sweep, "en").splitlines()
    assert en[-1].split() == [
        "each_approval",
        "top_up",
        "59,353,456.78",
        "57,353,456.78",
        "6,000,000.00",
        "6,000,000.00",
    ]
    assert en[-4].split()[-1] == "default"
    rows = list(csv.DictReader(io.StringIO(_compare_text.sweep_csv(sweep, "en"))))
    assert [r["default"] for r in rows] == ["yes", "no", "no", "no"]
    assert _compare_text.sweep_csv(sweep).splitlines()[0].startswith("升级口径,市区口径,全区合计")


def test_the_documents_carry_their_schema_and_generator(
    example: ip.Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = json.loads(example.to_json())
    assert document["schema"] == ip.schema("comparison")["$id"]
    assert document["schema"].endswith("/comparison/1.json")
    assert document["generator"]["name"] == "innovation-policy"
    sweep = compare_readings(ip.example_register())
    assert json.loads(sweep.to_json())["schema"] == ip.schema("sweep")["$id"]
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert example.to_dict()["generator"] == {"name": "innovation-policy", "version": "unknown"}


def test_the_schemas_refuse_what_the_documents_never_hold(example: ip.Comparison) -> None:
    document = example.to_dict()
    check = validator("comparison")
    check.validate(document)
    for broken in (
        {**document, "extra": 1},
        {**document, "schema": "https://innovation-policy.example/schemas/comparison/2.json"},
        {**document, "delta": {**document["delta"], "total": "-7300000.0"}},
        {**document, "items": [{**document["items"][0], "baseline": "-1.00"}]},
        {**document, "fields": ["no_such_field"]},
    ):
        assert not check.is_valid(broken)
    with pytest.raises(ip.PolicyValueError, match="comparison, sweep"):
        ip.schema("nothing")


def test_a_language_that_is_not_written_is_refused(example: ip.Comparison) -> None:
    sweep = compare_readings(ip.example_register())
    renders: tuple[Callable[[], object], ...] = (
        lambda: _compare_text.comparison_text(example, "fr"),
        lambda: _compare_text.comparison_csv(example, "fr"),
        lambda: _compare_text.sweep_text(sweep, "fr"),
        lambda: _compare_text.sweep_csv(sweep, "fr"),
        lambda: example.explain("A01").text("fr"),
    )
    for render in renders:
        with pytest.raises(ip.PolicyValueError, match="lang: 'fr'"):
            render()


# ---------------------------------------------------------------------------------------
# The command line.


def test_compare_text_and_csv_on_the_command_line(
    capsys: pytest.CaptureFixture[str], ratio_file: Path
) -> None:
    status, out, err = run(capsys, "compare", "--example", "--policy", ratio_file, "--lang", "en")
    assert (status, err) == (0, "")
    assert "  provincial matching ratio: 1:0.5 → 1:0.3 (§6.4)" in out
    assert out.endswith("(case-by-case decisions do not change, §6.2)\n")
    status, out, _ = run(capsys, "compare", "--example", "--policy", ratio_file, "--format", "csv")
    assert status == 0
    assert len(out.splitlines()) == 11


def test_compare_with_a_reading_only_and_a_baseline_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ratio_file: Path
) -> None:
    status, out, _ = run(
        capsys, "compare", "--example", "--reading", "city=top_up", "--format", "json"
    )
    assert status == 0
    document = json.loads(out)
    validator("comparison").validate(document)
    assert (document["fields"], document["delta"]["total"]) == (["city_reading"], "3000000.00")
    # the baseline at 1:0.3; --policy then changes the baseline, here back to 1:0.5
    back = tmp_path / "back.json"
    back.write_text('{"provincial_match_ratio": "0.5"}', encoding="utf-8")
    status, out, _ = run(
        capsys, "compare", "--example", "--baseline", ratio_file, "--policy", back,
        "--format", "json",
    )  # fmt: skip
    assert status == 0
    assert json.loads(out)["delta"]["total"] == "7300000.00"
    # --policy alone is on top of the baseline: the same file twice changes nothing
    status, out, _ = run(
        capsys, "compare", "--example", "--baseline", ratio_file, "--policy", ratio_file,
        "--format", "json",
    )  # fmt: skip
    assert (json.loads(out)["fields"], json.loads(out)["items"]) == ([], [])


def test_the_reading_sweep_on_the_command_line(
    capsys: pytest.CaptureFixture[str], ratio_file: Path
) -> None:
    status, out, err = run(capsys, "compare", "--example", "--readings")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("赣榆区重大产业创新平台：可切换解读的全部组合")
    assert len(lines) == 3 + 2 + 4  # title, policy, blank; header, rule; one per combination
    status, out, _ = run(capsys, "compare", "--example", "--readings", "--format", "json")
    document = json.loads(out)
    validator("sweep").validate(document)
    assert [r["delta"] for r in document["rows"]] == [
        "0.00",
        "3000000.00",
        "3000000.00",
        "6000000.00",
    ]
    status, out, _ = run(
        capsys, "compare", "--example", "--readings", "--policy", ratio_file, "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 5
    assert rows[1][2] == "46053456.78"  # the default under 1:0.3: 53,353,456.78 − 7,300,000


def test_compare_without_an_alternative_or_with_bad_files_exits_2_with_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "compare", "--example")
    assert (status, out) == (2, "")
    assert err == (
        "innovation-policy: compare: no alternative policy; give --policy FILE or --reading "
        "NAME=VALUE (or --readings for every combination of the readings)\n"
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"provincial_match_ratio": "1:0.3"}', encoding="utf-8")
    status, out, err = run(
        capsys, "compare", tmp_path / "missing.json", "--baseline", bad, "--policy", bad
    )
    assert (status, out) == (2, "")
    assert f"innovation-policy: --baseline {bad}: 1 problem found:\n" in err
    assert f"innovation-policy: --policy {bad}: 1 problem found:\n" in err
    assert "missing.json" in err
    assert "Traceback" not in err


def test_compare_writes_its_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ratio_file: Path
) -> None:
    target = tmp_path / "out.csv"
    status, out, _ = run(
        capsys, "compare", "--example", "--policy", ratio_file, "--format", "csv",
        "--output", target,
    )  # fmt: skip
    assert (status, out) == (0, "")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel
