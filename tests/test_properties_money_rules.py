"""The five properties of the money rules, over generated amounts and generated reforms.

Each property is checked for the matching support (§6.3, §6.4) and for the performance
grant (§6.6), under GANYU_2021 and under reforms of it (``tests.strategies.policies``:
other ratios, rates, caps, readings and county standard caps). The expected values are
computed here from the policy's own parameters, with Python's ``decimal`` module, never
with the library's helpers.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_FLOOR, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy import Level, Rating
from tests.strategies import amounts, levels, policies, ratings

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# Exact arithmetic for the expected values: wide enough for 10^12 yuan × 999.9999, and
# any rounding at all raises instead of passing unnoticed.
EXACT = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])
# For rounding on purpose (to the fen), without the Inexact trap.
WIDE = decimal.Context(prec=60, traps=[decimal.InvalidOperation])

# §6.3 and §6.4: only national and provincial approvals are matched.
MATCHED = {Level.NATIONAL, Level.PROVINCIAL}
# §6.6: 市级以上 (municipal or above, reading 3), rated 优秀.
RECOGNISED = {Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL}

optional_levels = st.one_of(st.none(), levels)


def terms(level: Level, policy: ip.Policy) -> tuple[Decimal, Decimal]:
    """The ratio and cap of §6.3 (national) or §6.4 (provincial), from the policy's fields."""
    if level is Level.NATIONAL:
        return policy.national_match_ratio, policy.national_match_cap
    assert level is Level.PROVINCIAL
    return policy.provincial_match_ratio, policy.provincial_match_cap


def product(base: Decimal, ratio: Decimal) -> Decimal:
    return EXACT.multiply(base, ratio)


def floor_to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_FLOOR, context=WIDE)


def matching(level: Level, base: Decimal, policy: ip.Policy) -> ip.Award:
    return ip.matching_subsidy(level, base, policy=policy)


def performance(level: Level | None, rating: Rating, base: Decimal, policy: ip.Policy) -> ip.Award:
    return ip.performance_grant(level, rating, base, policy=policy)


# ---------------------------------------------------------------------------------------
# (1) 0 ≤ amount ≤ cap, and amount ≤ ratio × base


@pytest.mark.clause("§6.3", "§6.4")
@given(levels, amounts(), policies())
def test_matching_support_is_at_least_0_at_most_the_cap_and_at_most_ratio_times_funding(
    level: Level, funding: Decimal, policy: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；"
    — National approval: matching support 1:1 of the higher-level funding, at most
    10,000,000 yuan.
    §6.4 "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。"
    — Provincial approval: matching support 1:0.5 of the higher-level funding, at most
    5,000,000 yuan.

    Property: the support is never negative, never above the cap and never above
    ratio × funding.
    """
    amount = matching(level, funding, policy).amount
    assert amount >= 0
    if level in MATCHED:
        ratio, cap = terms(level, policy)
        assert amount <= cap
        assert amount <= product(funding, ratio)


@pytest.mark.clause("§6.6")
@given(optional_levels, ratings, amounts(), policies())
def test_performance_grant_is_at_least_0_at_most_the_cap_and_at_most_rate_times_turnover(
    level: Level | None, rating: Rating, turnover: Decimal, policy: ip.Policy
) -> None:
    """§6.6 "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。"
    — Innovation platforms recognised at municipal level or above whose performance rating
    is "excellent": a grant of at most 10% of that year's actual technology-contract
    turnover, at most 1,000,000 yuan.

    Property: the grant is never negative, never above the cap and never above
    rate × turnover.
    """
    amount = performance(level, rating, turnover, policy).amount
    assert 0 <= amount <= policy.performance_cap
    assert amount <= product(turnover, policy.performance_rate)


# ---------------------------------------------------------------------------------------
# (2) monotone: more funding or turnover never gives less


@pytest.mark.clause("§6.3", "§6.4")
@given(levels, amounts(), amounts(), policies())
def test_more_higher_level_funding_never_gives_less_matching_support(
    level: Level, a: Decimal, b: Decimal, policy: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；"
    — National approval: matching support 1:1 of the higher-level funding, at most
    10,000,000 yuan.
    §6.4 "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。"
    — Provincial approval: matching support 1:0.5 of the higher-level funding, at most
    5,000,000 yuan.

    Property: more higher-level funding never gives less matching support.
    """
    less, more = sorted((a, b))
    assert matching(level, less, policy).amount <= matching(level, more, policy).amount


@pytest.mark.clause("§6.6")
@given(optional_levels, ratings, amounts(), amounts(), policies())
def test_more_technology_contract_turnover_never_gives_a_smaller_grant(
    level: Level | None, rating: Rating, a: Decimal, b: Decimal, policy: ip.Policy
) -> None:
    """§6.6 "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。"
    — Innovation platforms recognised at municipal level or above whose performance rating
    is "excellent": a grant of at most 10% of that year's actual technology-contract
    turnover, at most 1,000,000 yuan.

    Property: more technology-contract turnover never gives a smaller grant.
    """
    less, more = sorted((a, b))
    low = performance(level, rating, less, policy).amount
    high = performance(level, rating, more, policy).amount
    assert low <= high


# ---------------------------------------------------------------------------------------
# (3) to the fen, rounded down by less than a fen, never up


@pytest.mark.clause("§6.3", "§6.4")
@given(st.sampled_from([Level.NATIONAL, Level.PROVINCIAL]), amounts(), policies())
def test_matching_support_is_the_capped_product_rounded_down_to_the_fen(
    level: Level, funding: Decimal, policy: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；"
    — National approval: matching support 1:1 of the higher-level funding, at most
    10,000,000 yuan.
    §6.4 "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。"
    — Provincial approval: matching support 1:0.5 of the higher-level funding, at most
    5,000,000 yuan.
    Reading 7: "A computed maximum is rounded down to the fen, never up."

    Property: the support has two decimals and lies less than a fen below
    min(ratio × funding, cap), never above it.
    """
    ratio, cap = terms(level, policy)
    exact = min(product(funding, ratio), cap)
    amount = matching(level, funding, policy).amount
    assert amount.as_tuple().exponent == -2
    assert amount <= exact < amount + FEN


@pytest.mark.clause("§6.6")
@given(st.sampled_from(sorted(RECOGNISED, key=lambda x: x.rank)), amounts(), policies())
def test_performance_grant_is_the_capped_product_rounded_down_to_the_fen(
    level: Level, turnover: Decimal, policy: ip.Policy
) -> None:
    """§6.6 "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。"
    — Innovation platforms recognised at municipal level or above whose performance rating
    is "excellent": a grant of at most 10% of that year's actual technology-contract
    turnover, at most 1,000,000 yuan.
    Reading 7: "A computed maximum is rounded down to the fen, never up."

    Property: the grant has two decimals and lies less than a fen below
    min(rate × turnover, cap), never above it.
    """
    exact = min(product(turnover, policy.performance_rate), policy.performance_cap)
    amount = performance(level, Rating.EXCELLENT, turnover, policy).amount
    assert amount.as_tuple().exponent == -2
    assert amount <= exact < amount + FEN


# ---------------------------------------------------------------------------------------
# (4) an ineligible award is exactly 0


@pytest.mark.clause("§6.3", "§6.4")
@given(levels, amounts(), policies())
def test_only_national_and_provincial_approvals_are_matched_and_others_get_exactly_0(
    level: Level, funding: Decimal, policy: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；"
    — National approval: matching support 1:1 of the higher-level funding, at most
    10,000,000 yuan.
    §6.4 "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。"
    — Provincial approval: matching support 1:0.5 of the higher-level funding, at most
    5,000,000 yuan.

    Property: only national and provincial approvals are eligible; a municipal or
    district recognition is not, and gets exactly 0.00.
    """
    award = matching(level, funding, policy)
    assert award.eligible is (level in MATCHED)
    if not award.eligible:
        assert award.amount == 0
        assert str(award.amount) == "0.00"


@pytest.mark.clause("§6.6")
@given(optional_levels, ratings, amounts(), policies())
def test_only_excellent_platforms_recognised_at_municipal_level_or_above_get_a_grant(
    level: Level | None, rating: Rating, turnover: Decimal, policy: ip.Policy
) -> None:
    """§6.6 "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。"
    — Innovation platforms recognised at municipal level or above whose performance rating
    is "excellent": a grant of at most 10% of that year's actual technology-contract
    turnover, at most 1,000,000 yuan.
    Reading 3: "市级以上" includes 市级, and a cap written "不超过" is inclusive (≤).

    Property: only a platform rated excellent and recognised at municipal level or
    above is eligible; any other gets exactly 0.00.
    """
    award = performance(level, rating, turnover, policy)
    assert award.eligible is (rating is Rating.EXCELLENT and level in RECOGNISED)
    if not award.eligible:
        assert award.amount == 0
        assert str(award.amount) == "0.00"


# ---------------------------------------------------------------------------------------
# (5) the explanation's steps reproduce the amount


def replay(award: ip.Award, base: Decimal) -> None:
    """Redo the award from its steps, as an auditor with a calculator would.

    By step code: ``ratio``/``rate``: result = values[0] × values[1], and values[0] is
    the base; ``cap_applied``/``cap_not_applied``: result = min(values[0], values[1]),
    values[0] being the running amount; ``round_down``: result = values[0] rounded down
    to the fen; a step that refuses eligibility sets 0. The last step's result is the
    amount. Every step cites clauses of the catalogue.
    """
    steps = award.steps
    assert steps
    running: Decimal | None = None
    for step in steps:
        assert step.clauses
        assert all(c in ip.CLAUSES for c in step.clauses), step
        values = step.values
        if step.code in ("ratio", "rate"):
            factor_base, factor = values
            assert isinstance(factor_base, Decimal)
            assert isinstance(factor, Decimal)
            assert factor_base == base
            running = product(factor_base, factor)
        elif step.code in ("cap_applied", "cap_not_applied"):
            value, cap = values
            assert isinstance(value, Decimal)
            assert isinstance(cap, Decimal)
            assert value == running
            assert (step.code == "cap_applied") is (value > cap)
            running = min(value, cap)
        elif step.code == "round_down":
            (value,) = values
            assert isinstance(value, Decimal)
            assert value == running
            running = floor_to_fen(value)
        elif step.code in ("matching_base", "performance_base"):
            assert base in values
            assert step.result is None
            continue
        else:
            assert not award.eligible, step
            running = Decimal(0)
        assert step.result == running, step
    assert steps[-1].result == award.amount
    assert running == award.amount
    # The text has a title, one line per step, and the amount on its last line.
    for lang in ("zh", "en"):
        lines = award.explain(lang).splitlines()
        assert len(lines) == len(steps) + 2
        assert lines[-1].endswith(f"{award.amount:,.2f} {'元' if lang == 'zh' else 'yuan'}")


@pytest.mark.clause("§6.3", "§6.4")
@given(levels, amounts(), policies())
def test_the_steps_of_a_matching_support_reproduce_its_amount(
    level: Level, funding: Decimal, policy: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；"
    — National approval: matching support 1:1 of the higher-level funding, at most
    10,000,000 yuan.
    §6.4 "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。"
    — Provincial approval: matching support 1:0.5 of the higher-level funding, at most
    5,000,000 yuan.

    Property: redoing the explanation's steps by hand gives the amount.
    """
    replay(matching(level, funding, policy), funding)


@pytest.mark.clause("§6.6")
@given(optional_levels, ratings, amounts(), policies())
def test_the_steps_of_a_performance_grant_reproduce_its_amount(
    level: Level | None, rating: Rating, turnover: Decimal, policy: ip.Policy
) -> None:
    """§6.6 "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。"
    — Innovation platforms recognised at municipal level or above whose performance rating
    is "excellent": a grant of at most 10% of that year's actual technology-contract
    turnover, at most 1,000,000 yuan.

    Property: redoing the explanation's steps by hand gives the amount.
    """
    replay(performance(level, rating, turnover, policy), turnover)
