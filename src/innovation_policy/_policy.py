"""The policy parameters: every number and every reading the rules use, in one value.

:data:`GANYU_2021` is the policy as the draft text defines it. An analyst models a reform
with :func:`attrs.evolve`::

    reform = attrs.evolve(GANYU_2021, national_match_cap=Decimal("8000000"))

Every field carries the clause ids it comes from (``Policy.clauses_of("national_match_cap")``).
A policy with an impossible value cannot be constructed: all its problems are reported
at once. Whether its targets agree with each other is *not* a construction error (a
reform may change one and not another); the target report states those checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ._errors import (
    InputError,
    Key,
    PolicyError,
    PolicyTypeError,
    PolicyValueError,
    ProblemCode,
    shown,
)
from ._errors import Path as ProblemPath
from ._labels import Bureau, CityReading, Level, Park, UpgradeReading
from ._money import money, ratio
from ._parse import check_date

__all__ = ["GANYU_2021", "SHIPPED_POLICIES", "Policy"]


def _clauses(*ids: str) -> dict[str, tuple[str, ...]]:
    return {"clauses": ids}


@attrs.frozen
class Policy:
    """Every number and reading of the Ganyu plan that the rules use.

    Money is yuan (:class:`~decimal.Decimal`), ratios are decimals (``0.5`` for 1:0.5),
    targets are counts of new major platforms.
    """

    national_match_ratio: Decimal = attrs.field(default=Decimal(1), metadata=_clauses("§6.3"))
    """Matching ratio for a national approval: 1 for 1:1 (§6.3)."""
    national_match_cap: Decimal = attrs.field(
        default=Decimal("10000000.00"), metadata=_clauses("§6.3")
    )
    """Most the district matches for one national approval: 1000万元 (§6.3)."""
    provincial_match_ratio: Decimal = attrs.field(default=Decimal("0.5"), metadata=_clauses("§6.4"))
    """Matching ratio for a provincial approval: 0.5 for 1:0.5 (§6.4)."""
    provincial_match_cap: Decimal = attrs.field(
        default=Decimal("5000000.00"), metadata=_clauses("§6.4")
    )
    """Most the district matches for one provincial approval: 500万元 (§6.4)."""
    performance_rate: Decimal = attrs.field(default=Decimal("0.1"), metadata=_clauses("§6.6"))
    """Share of the year's technology-contract turnover granted: 10% (§6.6)."""
    performance_cap: Decimal = attrs.field(default=Decimal("1000000.00"), metadata=_clauses("§6.6"))
    """Most granted for one platform and one year: 100万元 (§6.6)."""
    plan_start: dt.date = attrs.field(default=dt.date(2021, 1, 1), metadata=_clauses("§2.2"))
    """First day of the plan period, the 14th Five-Year Plan (§2.2, reading 8)."""
    plan_end: dt.date = attrs.field(default=dt.date(2025, 12, 31), metadata=_clauses("§2.2"))
    """Last day of the plan period (§2.2, reading 8)."""
    district_target: int = attrs.field(default=10, metadata=_clauses("§2.2"))
    """New major platforms district-wide by the end of the plan: at least 10 (§2.2)."""
    bureau_targets: Mapping[Bureau, int] = attrs.field(
        default=MappingProxyType(
            {
                Bureau.SCIENCE_AND_TECHNOLOGY: 6,
                Bureau.DEVELOPMENT_AND_REFORM: 2,
                Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: 2,
            }
        ),
        hash=False,
        metadata=_clauses("§4.1", "§4.2", "§4.3"),
    )
    """New major platforms each bureau is responsible for (§4.1–§4.3)."""
    park_targets: Mapping[Park, int] = attrs.field(
        default=MappingProxyType(
            {
                Park.ECONOMIC_DEVELOPMENT_ZONE: 3,
                Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: 3,
                Park.HIGH_TECH_ZONE: 2,
                Park.HAIZHOU_BAY_BIOTECH_PARK: 2,
            }
        ),
        hash=False,
        metadata=_clauses("§A.1", "§A.2", "§A.3", "§A.4"),
    )
    """New major platforms per park over the whole plan (§A.1–§A.4)."""
    park_first_year_targets: Mapping[Park, int] = attrs.field(
        default=MappingProxyType(
            {
                Park.ECONOMIC_DEVELOPMENT_ZONE: 1,
                Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: 1,
                Park.HIGH_TECH_ZONE: 1,
                Park.HAIZHOU_BAY_BIOTECH_PARK: 1,
            }
        ),
        hash=False,
        metadata=_clauses("§A.1", "§A.2", "§A.3", "§A.4"),
    )
    """New major platforms per park in the plan's first year (§A.1–§A.4)."""
    annex_target: int = attrs.field(default=10, metadata=_clauses("§A.T"))
    """The annex total over the whole plan (§A.T)."""
    annex_first_year_target: int = attrs.field(default=4, metadata=_clauses("§A.T"))
    """The annex total for the plan's first year (§A.T)."""
    upgrade_reading: UpgradeReading = attrs.field(
        default=UpgradeReading.TOP_UP, metadata=_clauses("§6.3", "§6.4", "§6.7")
    )
    """Reading 1: an upgrade tops up to the largest entitlement (default) or each approval
    is matched on its own."""
    city_reading: CityReading = attrs.field(
        default=CityReading.CITY_EXCLUDES_DISTRICT, metadata=_clauses("§6.5")
    )
    """Reading 2: a city award for an approval excludes the district's (default), or the
    district tops up the shortfall."""
    county_standard_caps: Mapping[Level, Decimal] = attrs.field(
        default=MappingProxyType({}),
        hash=False,
        metadata=_clauses("§6.5"),
    )
    """The city's standard for other counties, by level, which caps the district's
    matching payment for one approval of that level (§6.5). Unknown, so empty."""
    name: str = attrs.field(default="GANYU_2021", metadata=_clauses("§0"))
    """What the policy is called in every output that records it: ``GANYU_2021`` for the
    plan as written (§0). A reform made with :func:`attrs.evolve` keeps the name of the
    policy it was made from unless it is given its own; the output lists the fields that
    differ either way. The name is part of the policy: two policies that differ only in
    name are not equal, and their fingerprints differ."""

    def __attrs_post_init__(self) -> None:
        problems: list[PolicyError] = []
        normalised: dict[str, object] = {}

        def check(name: str, fn: Any, *args: Any, **kwargs: Any) -> None:
            try:
                normalised[name] = fn(getattr(self, name), ("Policy", name), *args, **kwargs)
            except PolicyError as error:
                problems.append(error)

        for name in ("national_match_ratio", "provincial_match_ratio"):
            check(name, ratio)
        check("performance_rate", ratio, at_most=Decimal(1))
        for name in ("national_match_cap", "provincial_match_cap", "performance_cap"):
            check(name, money)
        for name in ("plan_start", "plan_end"):
            check(name, check_date)
        for name in ("district_target", "annex_target", "annex_first_year_target"):
            check(name, _count)
        check("bureau_targets", _table, Bureau, _count, complete=True)
        check("park_targets", _table, Park, _count, complete=True)
        check("park_first_year_targets", _table, Park, _count, complete=True)
        check("county_standard_caps", _table, Level, money, complete=False)
        check("upgrade_reading", _choice, UpgradeReading)
        check("city_reading", _choice, CityReading)
        check("name", _name)
        start, end = normalised.get("plan_start"), normalised.get("plan_end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            problems.append(
                PolicyValueError(
                    f"{end.isoformat()} is before plan_start "
                    f"{start.isoformat()}; expected a date on or after it",
                    path=("Policy", "plan_end"),
                    code=ProblemCode.INCONSISTENT,
                    value=end,
                )
            )
        if len(problems) == 1:
            raise problems[0]
        if problems:
            raise InputError((p.problem() for p in problems), source="Policy")
        for name, value in normalised.items():
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        """``GANYU_2021`` for a shipped policy; otherwise ``Policy(...)`` with the fields
        that differ from the defaults, which ``Policy()`` has: it evaluates back to an
        equal policy."""
        for key, shipped in SHIPPED_POLICIES.items():
            if self == shipped:
                return key
        changed = [
            f"{field.name}={_repr_value(getattr(self, field.name))}"
            for field in attrs.fields(Policy)
            if getattr(self, field.name) != getattr(_DEFAULTS, field.name)
        ]
        return f"Policy({', '.join(changed)})"

    @staticmethod
    def clauses_of(field: str) -> tuple[str, ...]:
        """The clause ids a field of the policy comes from."""
        try:
            attribute = attrs.fields_dict(Policy)[field]
        except KeyError:
            raise PolicyValueError(
                f"Policy: {field!r} is not a field; valid: {', '.join(attrs.fields_dict(Policy))}",
                field=field,
            ) from None
        clauses: tuple[str, ...] = attribute.metadata["clauses"]
        return clauses

    @property
    def period_label(self) -> str:
        """The plan period as a label: ``2021-2025``."""
        return f"{self.plan_start.year}-{self.plan_end.year}"

    @property
    def first_year(self) -> int:
        """The plan's first calendar year (the annex's second column, §A)."""
        return self.plan_start.year

    @property
    def first_year_end(self) -> dt.date:
        """The last day of the plan's first period: its first year, or the plan's end."""
        end: dt.date = self.plan_start + relativedelta(month=12, day=31)
        return min(end, self.plan_end)

    @property
    def first_year_label(self) -> str:
        """The plan's first year as a label: ``2021``."""
        return str(self.first_year)

    def in_period(self, day: dt.date) -> bool:
        """Whether a date lies inside ``plan_start … plan_end`` (reading 8)."""
        return self.plan_start <= day <= self.plan_end

    def year_in_period(self, year: int) -> bool:
        """Whether a rated year lies inside the plan's years (reading 8)."""
        return self.plan_start.year <= year <= self.plan_end.year


def _repr_value(value: object) -> str:
    return repr(dict(value)) if isinstance(value, Mapping) else repr(value)


def _name(value: object, field: str | ProblemPath) -> str:
    if not isinstance(value, str):
        raise PolicyTypeError(
            f"{shown(value)} is not a name; expected text, like 'GANYU_2021'",
            path=field,
            value=value,
        )
    if not value.strip():
        raise PolicyValueError(
            f"{value!r} is blank; expected a name, like 'GANYU_2021'",
            path=field,
            code=ProblemCode.BLANK,
            value=value,
        )
    return value


def _count(value: object, field: ProblemPath) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyTypeError(
            f"{shown(value)} is not a count; expected a whole number, at least 0",
            path=field,
            value=value,
        )
    if value < 0:
        raise PolicyValueError(
            f"{value} is negative; expected a whole number, at least 0", path=field, value=value
        )
    return value


def _choice(value: object, field: ProblemPath, enum_type: Any) -> object:
    return enum_type.parse(value, field=field)


def _table(
    value: object, field: ProblemPath, key_type: Any, check_value: Any, *, complete: bool
) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise PolicyTypeError(
            f"{shown(value)} is not a mapping; expected {{{key_type.__name__}: value}}",
            path=field,
            value=value,
        )
    table = {}
    for key, item in value.items():
        member = key_type.parse(key, field=field)
        table[member] = check_value(item, (*field, Key(member.name)))
    if complete:
        missing = [m.name for m in key_type if m not in table]
        if missing:
            raise PolicyValueError(
                f"no value for {', '.join(missing)}; expected one for every {key_type.__name__}",
                path=field,
                code=ProblemCode.MISSING,
            )
    ordered = {m: table[m] for m in key_type if m in table}
    return MappingProxyType(ordered)


GANYU_2021 = Policy()
"""The Ganyu District plan as the draft text (审议稿) defines it: §2.2, §4.1–§4.3, §6.2–§6.7, §A.1–§A.T."""

_DEFAULTS = GANYU_2021

SHIPPED_POLICIES: Mapping[str, Policy] = MappingProxyType({GANYU_2021.name: GANYU_2021})
"""The policies shipped with the library, by name: what a policy file's ``"base"`` may
name. Today only :data:`GANYU_2021`, the plan as written (§0)."""
