"""Hypothesis strategies shared by the property tests.

Import them as ``from tests.strategies import ...`` (``tests`` is a package, so this
works with pytest's ``--import-mode=importlib`` and with ``mypy --strict src tests``).

The numbers that matter are written out here from the policy text, not read from the
library: the caps of §6.3 (1000万元), §6.4 (500万元) and §6.6 (100万元), the amounts
at, just below and just above each of them, and the base amounts that reach them
(a cap divided by its ratio: 1:1, 1:0.5, 10%).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

import innovation_policy as ip

__all__ = [
    "BOUNDARY_AMOUNTS",
    "FEN",
    "MAX_AMOUNT",
    "TEXT_CAPS",
    "amounts",
    "base_amounts",
    "bureaus",
    "caps",
    "categories",
    "city_readings",
    "co_builders",
    "complete_policies",
    "county_standard_caps",
    "fen",
    "industries",
    "kinds",
    "levels",
    "match_ratios",
    "money_inputs",
    "parks",
    "performance_rates",
    "policies",
    "ratings",
    "sub_fen_amounts",
    "timelines",
    "upgrade_readings",
]

_T = TypeVar("_T")

FEN = Decimal("0.01")
"""One fen (reading 7)."""

MAX_AMOUNT = Decimal("1000000000000.00")
"""The largest amount the strategies generate: 10^12 yuan."""

TEXT_CAPS = (
    Decimal("10000000.00"),  # §6.3: 最高支持额度不超过1000万元
    Decimal("5000000.00"),  # §6.4: 最高支持额度不超过500万元
    Decimal("1000000.00"),  # §6.6: 最高不超过100万
)
"""The caps of the policy text, in yuan."""


def fen(count: int) -> Decimal:
    """``count`` fen as yuan, with exactly two decimals: ``fen(5) == Decimal("0.05")``."""
    return Decimal(count).scaleb(-2)


def _around(value: Decimal) -> tuple[Decimal, ...]:
    return (value - FEN, value, value + FEN)


# At, just below and just above each cap; and the same around the base that reaches each
# cap: the cap itself for 1:1 (§6.3), its double for 1:0.5 (§6.4), ten times for 10% (§6.6).
BOUNDARY_AMOUNTS: tuple[Decimal, ...] = tuple(
    sorted(
        {
            Decimal("0.00"),
            Decimal("0.01"),
            Decimal("0.02"),
            Decimal("0.09"),
            Decimal("0.10"),
            MAX_AMOUNT - FEN,
            MAX_AMOUNT,
        }
        | {v for cap in TEXT_CAPS for v in _around(cap)}
        | {v for cap in TEXT_CAPS for v in _around(cap * 2)}
        | {v for cap in TEXT_CAPS for v in _around(cap * 10)}
    )
)
"""Amounts where a rule changes its mind, in yuan to the fen."""


@functools.cache
def amounts(max_value: Decimal = MAX_AMOUNT) -> st.SearchStrategy[Decimal]:
    """Valid amounts of money: Decimal yuan with exactly two decimals, 0 … ``max_value``.

    Mixes the boundary amounts, small amounts (where rounding to the fen shows) and
    amounts spread over the whole range.
    """
    top = int(max_value * 100)
    return st.one_of(
        st.sampled_from([a for a in BOUNDARY_AMOUNTS if a <= max_value]),
        st.integers(min_value=0, max_value=min(top, 100_000)).map(fen),
        st.integers(min_value=0, max_value=top).map(fen),
    )


@functools.cache
def base_amounts() -> st.SearchStrategy[Decimal]:
    """Bases of the money rules (higher-level funding, turnover): every amount, up to 10^12."""
    return amounts()


@functools.cache
def caps() -> st.SearchStrategy[Decimal]:
    """Caps of a reformed policy: the text's caps, their neighbours, 0, or any amount."""
    return st.one_of(
        st.sampled_from([Decimal("0.00"), *BOUNDARY_AMOUNTS]),
        amounts(Decimal("100000000.00")),
        amounts(),
    )


@functools.cache
def money_inputs() -> st.SearchStrategy[tuple[Decimal | int, Decimal]]:
    """A valid money input, spelled in one of the ways ``money()`` accepts, and its value.

    The value is the amount to the fen; the input is that value as a ``Decimal`` with two
    decimals, with trailing zeros (``1.000``), in exponent form (``1E+2``), or as an
    ``int`` when it is whole.
    """

    def spellings(value: Decimal) -> st.SearchStrategy[tuple[Decimal | int, Decimal]]:
        options: list[Decimal | int] = [
            value,
            value.quantize(Decimal("0.001")),
            value.quantize(Decimal("0.0001")),
            value.normalize(),
        ]
        if value == value.to_integral_value():
            options.append(int(value))
        return st.sampled_from([(option, value) for option in options])

    return amounts().flatmap(spellings)


@functools.cache
def sub_fen_amounts() -> st.SearchStrategy[Decimal]:
    """Non-negative amounts below 10^12 yuan with a part smaller than a fen (``1.001``)."""
    return st.one_of(
        st.integers(min_value=0, max_value=10**15)
        .filter(lambda n: n % 10 != 0)
        .map(lambda n: Decimal(n).scaleb(-3)),
        st.integers(min_value=1, max_value=99).map(lambda n: Decimal(n).scaleb(-4)),
    )


@functools.cache
def _four_places(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with at most 4 decimal places from ``low``/10^4 to ``high``/10^4."""
    return st.integers(min_value=low, max_value=high).map(lambda n: Decimal(n).scaleb(-4))


@functools.cache
def match_ratios() -> st.SearchStrategy[Decimal]:
    """Matching ratios of a reform: at least 0, at most 4 decimals; above 1 is allowed."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(2)]),
        _four_places(0, 30_000),  # 0 … 3
        _four_places(0, 9_999_999),  # 0 … 999.9999
    )


@functools.cache
def performance_rates() -> st.SearchStrategy[Decimal]:
    """Performance rates of a reform: 0 … 1, at most 4 decimals."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal("0.1"), Decimal(1)]),
        _four_places(0, 10_000),
    )


@functools.cache
def upgrade_readings() -> st.SearchStrategy[ip.UpgradeReading | str]:
    """Reading 1, as a member or as the text an analyst may write (its value or its name)."""
    return st.one_of(
        st.sampled_from(ip.UpgradeReading),
        st.sampled_from([m.value for m in ip.UpgradeReading]),
        st.sampled_from([m.name.lower() for m in ip.UpgradeReading]),
    )


@functools.cache
def city_readings() -> st.SearchStrategy[ip.CityReading | str]:
    """Reading 2, as a member or as the text an analyst may write (its value or its name)."""
    return st.one_of(
        st.sampled_from(ip.CityReading),
        st.sampled_from([m.value for m in ip.CityReading]),
        st.sampled_from([m.name.lower() for m in ip.CityReading]),
    )


@functools.cache
def county_standard_caps() -> st.SearchStrategy[dict[ip.Level, Decimal]]:
    """The city's standard for other counties, known for some levels (§6.5)."""
    return st.dictionaries(st.sampled_from(ip.Level), caps(), max_size=len(ip.Level))


def _kept_or(strategy: st.SearchStrategy[_T], default: _T) -> st.SearchStrategy[_T]:
    return st.one_of(st.just(default), strategy)


@functools.cache
def policies() -> st.SearchStrategy[ip.Policy]:
    """A reform of GANYU_2021: each money parameter and reading either kept or redrawn."""
    base = ip.GANYU_2021
    # Readings may be written as text: Policy parses them (its field types say the enum,
    # so the changes go through a mapping of Any).
    changes: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
        {
            "national_match_ratio": _kept_or(match_ratios(), base.national_match_ratio),
            "national_match_cap": _kept_or(caps(), base.national_match_cap),
            "provincial_match_ratio": _kept_or(match_ratios(), base.provincial_match_ratio),
            "provincial_match_cap": _kept_or(caps(), base.provincial_match_cap),
            "performance_rate": _kept_or(performance_rates(), base.performance_rate),
            "performance_cap": _kept_or(caps(), base.performance_cap),
            "upgrade_reading": _kept_or(upgrade_readings(), base.upgrade_reading),
            "city_reading": _kept_or(city_readings(), base.city_reading),
            "county_standard_caps": _kept_or(
                county_standard_caps(), dict(base.county_standard_caps)
            ),
        }
    )
    return changes.map(lambda kwargs: attrs.evolve(base, **kwargs))


def _counts_of(enum_type: Any) -> st.SearchStrategy[dict[Any, int]]:
    """A complete table of counts for every member of ``enum_type``."""
    return st.fixed_dictionaries({m: st.integers(min_value=0, max_value=50) for m in enum_type})


@functools.cache
def complete_policies() -> st.SearchStrategy[ip.Policy]:
    """A policy with every field possibly redrawn: the money and readings of
    :func:`policies`, and also the plan period (reading 8), the targets (§2.2, §4, §A),
    and the name."""
    plan = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)).flatmap(
        lambda start: st.tuples(
            st.just(start), st.dates(start, start + dt.timedelta(days=20 * 366))
        )
    )
    names = st.one_of(
        st.just("GANYU_2021"), st.text(min_size=1, max_size=30).filter(lambda t: bool(t.strip()))
    )
    base = ip.GANYU_2021
    changes: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
        {
            "plan": _kept_or(plan, (base.plan_start, base.plan_end)),
            "district_target": _kept_or(st.integers(0, 100), base.district_target),
            "annex_target": _kept_or(st.integers(0, 100), base.annex_target),
            "annex_first_year_target": _kept_or(st.integers(0, 100), base.annex_first_year_target),
            "bureau_targets": _kept_or(_counts_of(ip.Bureau), dict(base.bureau_targets)),
            "park_targets": _kept_or(_counts_of(ip.Park), dict(base.park_targets)),
            "park_first_year_targets": _kept_or(
                _counts_of(ip.Park), dict(base.park_first_year_targets)
            ),
            "name": names,
        }
    )

    def build(policy: ip.Policy, kwargs: dict[str, Any]) -> ip.Policy:
        start, end = kwargs.pop("plan")
        return attrs.evolve(policy, plan_start=start, plan_end=end, **kwargs)

    return st.builds(build, policies(), changes)


@st.composite
def timelines(draw: st.DrawFn, max_versions: int = 4) -> ip.PolicyTimeline:
    """A valid timeline (reading 11): 1 to ``max_versions`` versions, dates strictly
    increasing, the first on or before the plan's start, the same plan period in each."""
    first = draw(complete_policies())
    count = draw(st.integers(min_value=1, max_value=max_versions))
    start = first.plan_start - dt.timedelta(days=draw(st.integers(0, 400)))
    versions = [(start, first)]
    for _ in range(count - 1):
        start += dt.timedelta(days=draw(st.integers(1, 1000)))
        later = draw(complete_policies())
        versions.append(
            (start, attrs.evolve(later, plan_start=first.plan_start, plan_end=first.plan_end))
        )
    name = draw(st.one_of(st.none(), st.text(min_size=1, max_size=20).filter(str.strip)))
    return ip.PolicyTimeline(versions, name=name)


categories = st.sampled_from(ip.Category)
levels = st.sampled_from(ip.Level)
parks = st.sampled_from(ip.Park)
bureaus = st.sampled_from(ip.Bureau)
industries = st.sampled_from(ip.Industry)
ratings = st.sampled_from(ip.Rating)
co_builders = st.sampled_from(ip.CoBuilder)
kinds = st.sampled_from(ip.Kind)
