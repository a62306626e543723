"""Hypothesis strategies for whole registers and for reforms of the policy (issue 4).

Import them as ``from tests.register_strategies import ...``.

The amounts that matter are written out here from the policy text, not read from the
library: the caps of §6.3 (1000万元, 1:1), §6.4 (500万元, 1:0.5) and §6.6 (100万元, 10%),
and the bases that reach them (10,000,000 yuan of funding reaches both matching caps;
10,000,000 yuan of turnover reaches the performance cap), each with its neighbours one
fen away. Registers are small (at most 8 platforms) so that a property stays fast at the
CI profile's 500 examples.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import innovation_policy as ip

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "amounts_near",
    "city_awards",
    "city_grants",
    "dates",
    "fundings",
    "names",
    "platform_ids",
    "platforms",
    "policy_reforms",
    "registers",
    "shuffled",
    "turnovers",
    "years",
]

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
FIRST_DAY = dt.date(2018, 1, 1)
"""The earliest date of a generated event: three years before the plan (reading 8)."""
LAST_DAY = dt.date(2027, 12, 31)
"""The latest date of a generated event: two years after the plan (reading 8)."""


def _fen(count: int) -> Decimal:
    return Decimal(count).scaleb(-2)


def _around(*values: str) -> list[Decimal]:
    out: set[Decimal] = set()
    for text in values:
        value = Decimal(text)
        out.update({value - FEN, value, value + FEN} if value > 0 else {value})
    return sorted(v for v in out if v >= 0)


@functools.cache
def amounts_near(*anchors: str, top: int = 30_000_000) -> st.SearchStrategy[Decimal]:
    """Amounts of money (yuan, two decimals): 0, the anchors and their neighbours one fen
    away, small amounts where rounding to the fen shows, and amounts up to ``top``."""
    return st.one_of(
        st.just(ZERO),
        st.sampled_from(_around(*anchors)),
        st.integers(min_value=0, max_value=100_000).map(_fen),
        st.integers(min_value=0, max_value=top * 100).map(_fen),
    )


@functools.cache
def fundings() -> st.SearchStrategy[Decimal]:
    """Higher-level funding of an approval: 0, and around the bases that reach the caps
    (§6.3: 10,000,000 × 1 = 1000万元; §6.4: 10,000,000 × 0.5 = 500万元)."""
    return amounts_near("6000000", "9000000", "10000000", "20000000")


@functools.cache
def city_awards() -> st.SearchStrategy[Decimal]:
    """What the city already paid for an approval (§6.5): mostly nothing."""
    return st.one_of(st.just(ZERO), st.just(ZERO), amounts_near("3000000", "5000000", "10000000"))


@functools.cache
def turnovers() -> st.SearchStrategy[Decimal]:
    """A year's technology-contract turnover: around 10,000,000 (10% = the 100万元 cap)."""
    return amounts_near("5000000", "10000000")


@functools.cache
def city_grants() -> st.SearchStrategy[Decimal]:
    """What the city already granted for a platform-year (§6.7): mostly nothing."""
    return st.one_of(st.just(ZERO), st.just(ZERO), amounts_near("300000", "1000000", top=2_000_000))


@functools.cache
def dates(first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> st.SearchStrategy[dt.date]:
    """Dates from 2018 to 2027, with the plan's first and last days (and their
    neighbours) drawn often."""
    edges = [
        d
        for d in (
            dt.date(2020, 12, 31),
            dt.date(2021, 1, 1),
            dt.date(2025, 12, 31),
            dt.date(2026, 1, 1),
        )
        if first <= d <= last
    ]
    spread = st.dates(min_value=first, max_value=last)
    return st.one_of(st.sampled_from(edges), spread) if edges else spread


@functools.cache
def years() -> st.SearchStrategy[int]:
    """Rated years from 2018 to 2027."""
    return st.integers(min_value=FIRST_DAY.year, max_value=LAST_DAY.year)


_LEVELS = st.sampled_from(ip.Level)
_RATINGS = st.sampled_from(ip.Rating)
_KINDS = st.sampled_from(ip.Kind)
_UPGRADE_READINGS = st.sampled_from(ip.UpgradeReading)
_CITY_READINGS = st.sampled_from(ip.CityReading)
_CATEGORIES = st.sampled_from(ip.Category)
_INDUSTRIES = st.sampled_from(ip.Industry)
_PARKS = st.one_of(st.none(), st.sampled_from(ip.Park))
_CO_BUILDERS = st.one_of(st.none(), st.frozensets(st.sampled_from(ip.CoBuilder)))
_ID_ALPHABET = st.sampled_from("ABCPXZabz0123456789-_平台甲乙")


@functools.cache
def platform_ids() -> st.SearchStrategy[str]:
    """Platform ids: ``P1`` style, or short text (no ``/``, which derived ids use)."""
    return st.one_of(
        st.integers(min_value=1, max_value=99).map(lambda n: f"P{n}"),
        st.text(_ID_ALPHABET, min_size=1, max_size=6),
    )


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Names: mostly realistic, sometimes any text that is not blank, without surrounding
    white space (the records strip it, so a name that kept it would not be read back)."""
    return st.one_of(
        st.sampled_from(["赣榆新能源技术创新中心", "海州湾生物专业研究所", "Ganyu Lab", "平台"]),
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=8).map(str.strip).filter(bool),
    )


@st.composite
def platforms(draw: st.DrawFn, platform_id: str) -> ip.Platform:
    """A platform with a random category, park (or none) and industry; co-builders only
    for a professional institute (§3.6), any subset of the four, or not recorded."""
    category = draw(_CATEGORIES)
    co_builders: frozenset[ip.CoBuilder] | None = None
    if category is ip.Category.PROFESSIONAL_INSTITUTE:
        co_builders = draw(_CO_BUILDERS)
    return ip.Platform(
        id=platform_id,
        name=draw(names()),
        category=category,
        industry=draw(_INDUSTRIES),
        park=draw(_PARKS),
        co_builders=co_builders,
    )


@st.composite
def registers(
    draw: st.DrawFn,
    *,
    max_platforms: int = 8,
    max_approvals: int = 3,
    max_reviews: int = 3,
    max_decisions: int = 2,
    max_payments: int = 5,
) -> ip.Register:
    """A valid register: up to ``max_platforms`` platforms; per platform up to
    ``max_approvals`` approvals (explicit unique ids ``A1``…, dates 2018–2027, funding
    from 0 to around the caps) and up to ``max_reviews`` reviews (at most one per
    platform-year; ids explicit ``R1``… or derived); case decisions; payments with and
    without ``item``."""
    ids = draw(st.lists(platform_ids(), min_size=1, max_size=max_platforms, unique=True))
    platform_records = [draw(platforms(pid)) for pid in ids]

    approvals: list[ip.Approval] = []
    reviews: list[ip.Review] = []
    for pid in ids:
        for _ in range(draw(st.integers(min_value=0, max_value=max_approvals))):
            approvals.append(
                ip.Approval(
                    platform=pid,
                    level=draw(_LEVELS),
                    date=draw(dates()),
                    superior_funding=draw(fundings() | st.just(None)),
                    city_award=draw(city_awards()),
                    id=f"A{len(approvals) + 1}",
                )
            )
        rated = draw(st.lists(years(), max_size=max_reviews, unique=True))
        for year in rated:
            review = ip.Review(
                platform=pid,
                year=year,
                rating=draw(_RATINGS),
                turnover=draw(turnovers() | st.just(None)),
                city_grant=draw(city_grants()),
            )
            if draw(st.booleans()):  # an explicit id, else the derived one (P1/2023)
                review = attrs.evolve(review, id=f"R{len(reviews) + 1}")
            reviews.append(review)
    decisions = [
        ip.CaseDecision(
            platform=draw(st.sampled_from(ids)),
            date=draw(dates()),
            amount=draw(amounts_near("2000000", "50000000", top=60_000_000)),
            reference=f"赣政办〔{2018 + k}〕{k + 1}号",
            id=f"C{k + 1}",
        )
        for k in range(draw(st.integers(min_value=0, max_value=max_decisions)))
    ]

    payments: list[ip.Payment] = []
    records: list[ip.Approval | ip.Review | ip.CaseDecision] = [*approvals, *reviews, *decisions]
    for _ in range(draw(st.integers(min_value=0, max_value=max_payments))):
        amount = draw(amounts_near("1000000", "3000000", "5000000", "10000000"))
        day = draw(dates(last=dt.date(2028, 12, 31)))
        if draw(st.booleans()) and records:
            record = draw(st.sampled_from(records))
            if isinstance(record, ip.Approval):
                payments.append(
                    ip.Payment(record.platform, day, ip.Kind.MATCHING, amount, item=record.id)
                )
            elif isinstance(record, ip.Review):
                payments.append(
                    ip.Payment(
                        record.platform,
                        day,
                        ip.Kind.PERFORMANCE,
                        amount,
                        year=record.year,
                        item=record.id,
                    )
                )
            else:
                payments.append(
                    ip.Payment(record.platform, day, ip.Kind.CASE, amount, item=record.id)
                )
        else:
            kind = draw(_KINDS)
            payments.append(
                ip.Payment(
                    platform=draw(st.sampled_from(ids)),
                    date=day,
                    kind=kind,
                    amount=amount,
                    year=draw(years()) if kind is ip.Kind.PERFORMANCE else None,
                )
            )
    return ip.Register(
        platforms=tuple(platform_records),
        approvals=tuple(approvals),
        reviews=tuple(reviews),
        case_decisions=tuple(decisions),
        payments=tuple(payments),
    )


@st.composite
def shuffled(draw: st.DrawFn, register: ip.Register) -> ip.Register:
    """The same register with the records of every table in another order."""
    return ip.Register(
        **{
            name: tuple(draw(st.permutations(getattr(register, name))))
            for name in ("platforms", "approvals", "reviews", "case_decisions", "payments")
        }
    )


@functools.cache
def _ratios() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1), Decimal("1.5")]),
        st.integers(min_value=0, max_value=30_000).map(lambda n: Decimal(n).scaleb(-4)),
    )


@functools.cache
def _caps() -> st.SearchStrategy[Decimal]:
    return amounts_near("1000000", "5000000", "10000000", top=20_000_000)


@functools.cache
def _county_standard_caps() -> st.SearchStrategy[dict[ip.Level, Decimal]]:
    return st.dictionaries(_LEVELS, _caps(), max_size=len(ip.Level))


@functools.cache
def _performance_rates() -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=0, max_value=10_000).map(lambda n: Decimal(n).scaleb(-4))


@st.composite
def policy_reforms(draw: st.DrawFn) -> ip.Policy:
    """A reform of GANYU_2021 made with :func:`attrs.evolve`: each reading, cap, ratio,
    the county standard caps and the plan period either kept or redrawn."""
    base = ip.GANYU_2021

    def maybe(strategy: st.SearchStrategy[Any], default: Any) -> Any:
        return draw(strategy) if draw(st.booleans()) else default

    start = maybe(dates(), base.plan_start)
    end = maybe(dates(), base.plan_end)
    if end < start:
        start, end = end, start
    changes: dict[str, Any] = {
        "upgrade_reading": maybe(_UPGRADE_READINGS, base.upgrade_reading),
        "city_reading": maybe(_CITY_READINGS, base.city_reading),
        "county_standard_caps": maybe(_county_standard_caps(), {}),
        "national_match_ratio": maybe(_ratios(), base.national_match_ratio),
        "national_match_cap": maybe(_caps(), base.national_match_cap),
        "provincial_match_ratio": maybe(_ratios(), base.provincial_match_ratio),
        "provincial_match_cap": maybe(_caps(), base.provincial_match_cap),
        "performance_rate": maybe(_performance_rates(), base.performance_rate),
        "performance_cap": maybe(_caps(), base.performance_cap),
        "plan_start": start,
        "plan_end": end,
    }
    return attrs.evolve(base, **changes)
