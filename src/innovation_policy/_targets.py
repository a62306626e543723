"""Target accounting for the 14th Five-Year Plan: who counts, where, and how fast.

:func:`target_progress` counts the new major platforms of a register as of a date and
sets them against every target of the plan: the district (§2.2), each bureau
(§4.1–§4.3), each park for the whole plan and for its first year (§A.1–§A.4) and the
annex total (§A.T). The counting rule is reading 6 of the clause catalogue:

- a platform counts **once**, on the date it first became major: the earliest date of an
  approval or filing at a level that makes its category major (§3.0, via
  :func:`~innovation_policy.classify`); a later upgrade does not count it again;
- it counts for this plan only when that date lies inside ``plan_start … plan_end`` and
  on or before the report's date (``as_of``); a platform already major before the plan
  does not count, even when it is upgraded during the plan;
- it counts for its bureau (§4.1–§4.3; a professional institute counts for the Science &
  Technology Bureau as a new R&D institution, §3.0, §4.1) and for its park (§A.1–§A.4);
  a platform outside the four parks counts for the district and its bureau only; the
  annex total (§A.T) is the sum of the park lines.

Pace, for each line and its period (the whole plan, or its first year):

- ``elapsed``: the days from the period's first day to ``as_of``, both included, over the
  days in the period, clamped to 0 … 1 (0 before the period, 1 from its last day on);
- ``achieved_share``: achieved ÷ target; for a target of 0 it is 1 (nothing was asked,
  so the target is fully met); it is not capped at 1, so overachievement shows;
- both are :class:`~decimal.Decimal` with exactly four decimal places, rounded down;
- ``status``: ``not_started`` before the period's first day; otherwise ``met`` when
  achieved ≥ target; otherwise ``missed`` when the period is over (``as_of`` on or after
  its last day); otherwise ``ahead`` when achieved ÷ target ≥ elapsed share, compared
  exactly (before rounding) — a line exactly on pace is ``ahead`` — and ``behind`` when
  it is below.

Dates are handled with :mod:`dateutil`: calendar years are iterated with
:func:`~dateutil.rrule.rrule` (``YEARLY``) and year ends found with
:class:`~dateutil.relativedelta.relativedelta`; day counts are plain
:class:`datetime.date` differences.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import YEARLY, rrule

from ._errors import PolicyTypeError, PolicyValueError
from ._explain import sentence
from ._labels import Bureau, Category, CheckCode, Level, Park
from ._money import exact
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, as_timeline
from ._register import Approval, Platform, Register
from ._rules import classify
from ._trace import implements
from ._vocabulary import CHECKS, LABELS, check_lang, pick

__all__ = [
    "CountStatus",
    "Pace",
    "PaceStatus",
    "Period",
    "PlatformCount",
    "TargetCheck",
    "TargetLine",
    "TargetReport",
    "TargetScope",
    "YearCount",
    "target_progress",
]

SHARE_PLACES = 4
"""Decimal places of ``elapsed`` and ``achieved_share`` (rounded down)."""
_SCALE = 10**SHARE_PLACES
_ONE = Decimal(_SCALE).scaleb(-SHARE_PLACES)

#: the clause of each bureau's target (§4.1–§4.3)
_BUREAU_CLAUSES: Mapping[Bureau, str] = MappingProxyType(
    {
        Bureau.SCIENCE_AND_TECHNOLOGY: "§4.1",
        Bureau.DEVELOPMENT_AND_REFORM: "§4.2",
        Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: "§4.3",
    }
)
#: the clause of each park's row of the annex (§A.1–§A.4)
_PARK_CLAUSES: Mapping[Park, str] = MappingProxyType(
    {
        Park.ECONOMIC_DEVELOPMENT_ZONE: "§A.1",
        Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE: "§A.2",
        Park.HIGH_TECH_ZONE: "§A.3",
        Park.HAIZHOU_BAY_BIOTECH_PARK: "§A.4",
    }
)
_DISTRICT_CLAUSE = "§2.2"
_ANNEX_CLAUSE = "§A.T"


# ---------------------------------------------------------------------------------------
# Codes


class _TargetCode(enum.Enum):
    """A code whose value is an English word, with a label in Chinese or English."""

    def label(self, lang: str = "zh") -> str:
        """The code's name in ``lang``."""
        return pick(LABELS[f"{type(self).__name__}.{self.name}"], check_lang(lang))

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class TargetScope(_TargetCode):
    """What a target line is about: the district (§2.2), a bureau (§4.1–§4.3), a park
    (§A.1–§A.4) or the annex total (§A.T)."""

    DISTRICT = "district"
    BUREAU = "bureau"
    PARK = "park"
    ANNEX = "annex"


class PaceStatus(_TargetCode):
    """Where a line stands at ``as_of`` (see the module documentation for the order)."""

    MET = "met"
    MISSED = "missed"
    AHEAD = "ahead"
    BEHIND = "behind"
    NOT_STARTED = "not_started"


class CountStatus(_TargetCode):
    """Why a platform of the register counts for this plan, or why not (reading 6)."""

    COUNTED = "counted"
    """First became major inside the plan period, on or before ``as_of``."""
    NEVER_MAJOR = "never_major"
    """No approval or filing in the register makes it major (§3.0)."""
    MAJOR_BEFORE_PLAN = "major_before_plan"
    """Already major before ``plan_start``: not new under this plan."""
    MAJOR_AFTER_PLAN = "major_after_plan"
    """First became major after ``plan_end``: not under this plan."""
    MAJOR_AFTER_AS_OF = "major_after_as_of"
    """First becomes major inside the plan, but after the report's date."""


# ---------------------------------------------------------------------------------------
# Records


@attrs.frozen
class Period:
    """A period of days, first and last day included, with its label (``2021-2025``)."""

    start: dt.date
    end: dt.date
    label: str

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).days + 1

    def days_elapsed(self, as_of: dt.date) -> int:
        """Days from the first day to ``as_of``, both included, clamped to 0 … ``days``."""
        if as_of < self.start:
            return 0
        return (min(as_of, self.end) - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@attrs.frozen
class Pace:
    """How far a line's period has run at ``as_of`` and how far the line has come.

    ``elapsed`` = ``days_elapsed`` ÷ ``days_in_period`` and ``achieved_share`` =
    achieved ÷ target (1 for a target of 0), each to four decimal places, rounded down.
    """

    status: PaceStatus
    elapsed: Decimal
    achieved_share: Decimal
    days_elapsed: int
    days_in_period: int


@attrs.frozen
class PlatformCount:
    """One platform of the register as the counting rule sees it (reading 6).

    ``first_major`` is the date of the earliest approval or filing that makes it major
    (``approval``, at ``level``), whenever that was, or ``None`` if none does; ``status``
    says whether it counts for this plan as of the report's date, and why not.
    ``bureau`` and ``counts_as`` come from the classification (§3.0, §4.1–§4.3).
    """

    platform: str
    park: Park | None
    bureau: Bureau
    counts_as: Category
    status: CountStatus
    first_major: dt.date | None
    approval: str | None
    level: Level | None

    @property
    def counted(self) -> bool:
        """Whether it counts for this plan as of the report's date."""
        return self.status is CountStatus.COUNTED


def _share(part: int, whole: int) -> Decimal:
    """``part ÷ whole`` to four decimal places, rounded down (exact integer division;
    exact whatever the caller's decimal context)."""
    return Decimal(part * _SCALE // whole).scaleb(-SHARE_PLACES, context=_EXACT)


_EXACT = exact()


def _pace(target: int, achieved: int, period: Period, as_of: dt.date) -> Pace:
    days = period.days
    done = period.days_elapsed(as_of)
    if done == 0:
        status = PaceStatus.NOT_STARTED
    elif achieved >= target:
        status = PaceStatus.MET
    elif done == days:
        status = PaceStatus.MISSED
    elif achieved * days >= target * done:  # achieved/target ≥ done/days, exactly
        status = PaceStatus.AHEAD
    else:
        status = PaceStatus.BEHIND
    return Pace(
        status=status,
        elapsed=_share(done, days),
        achieved_share=_share(achieved, target) if target else _ONE,
        days_elapsed=done,
        days_in_period=days,
    )


def _by_platform_id(counts: Iterable[PlatformCount]) -> tuple[PlatformCount, ...]:
    return tuple(sorted(counts, key=lambda c: c.platform))


@attrs.frozen(repr=False)
class TargetLine:
    """One target of the plan against what has been achieved as of a date.

    ``scope`` and ``key`` say whose target it is (``key``: the :class:`Bureau` or
    :class:`Park`, ``None`` for the district and the annex); ``period`` is the whole plan
    or its first year. ``achieved`` is the number of platforms that count (``platforms``,
    their ids, sorted; ``counted``, their records); ``remaining`` is what is still
    missing, never negative; ``met`` is ``achieved ≥ target``. ``clauses`` cite the
    target's clause.
    """

    scope: TargetScope
    key: Bureau | Park | None
    period: Period
    as_of: dt.date
    target: int
    clauses: tuple[str, ...]
    pace: Pace
    counted: tuple[PlatformCount, ...] = attrs.field(converter=_by_platform_id)
    achieved: int = attrs.field(init=False)
    remaining: int = attrs.field(init=False)
    met: bool = attrs.field(init=False)
    platforms: tuple[str, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        achieved = len(self.counted)
        object.__setattr__(self, "achieved", achieved)
        object.__setattr__(self, "remaining", max(self.target - achieved, 0))
        object.__setattr__(self, "met", achieved >= self.target)
        object.__setattr__(self, "platforms", tuple(c.platform for c in self.counted))

    def label(self, lang: str = "zh") -> str:
        """The line's name: ``全区``, ``区科技局``, ``赣榆经济开发区``, ``附件合计`` (zh);
        ``district``, ``bureau: science and technology``, ... (en)."""
        lang = check_lang(lang)
        if self.key is None:
            return self.scope.label(lang)
        if lang == "zh":
            return str(self.key.value)
        return f"{self.scope.label(lang)}: {self.key.en}"

    def explain(self, lang: str = "zh") -> str:
        """The line as an aligned table, then the platforms that count, with their dates."""
        from ._render import line_text  # a thin delegate to the rendering

        return line_text(self, check_lang(lang))

    def __repr__(self) -> str:
        key = "" if self.key is None else f", key={self.key!r}"
        return (
            f"TargetLine({self.scope!r}{key}, period={self.period.label!r}, "
            f"target={self.target}, achieved={self.achieved}, remaining={self.remaining}, "
            f"met={self.met}, status={self.pace.status!r}, platforms={self.platforms!r}, "
            f"clauses={self.clauses!r})"
        )


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen
class YearCount:
    """The new major platforms counted in one calendar year of the plan (reading 6): for
    the district, per park, outside the parks and per bureau (ids, sorted).

    ``period`` is the part of the year inside the plan.
    """

    year: int
    period: Period = attrs.field(repr=False)
    district: tuple[str, ...]
    parks: Mapping[Park, tuple[str, ...]] = attrs.field(converter=_frozen_map, hash=False)
    outside_parks: tuple[str, ...]
    bureaus: Mapping[Bureau, tuple[str, ...]] = attrs.field(converter=_frozen_map, hash=False)

    @property
    def count(self) -> int:
        """The district's count for the year."""
        return len(self.district)


@attrs.frozen
class TargetCheck:
    """Whether two targets of the policy agree with each other, stated, not assumed.

    ``values`` are the targets compared: the parts first, the total last.
    """

    code: CheckCode
    ok: bool
    clauses: tuple[str, ...]
    values: tuple[int, ...]

    def message(self, lang: str = "zh") -> str:
        """The check as a sentence in ``lang``, with its clause ids."""
        *parts, total = self.values
        values = {"parts": " + ".join(str(p) for p in parts), "sum": sum(parts), "total": total}
        return sentence(CHECKS[self.code][self.ok], values, self.clauses, lang)


def _checks(policy: Policy) -> tuple[TargetCheck, ...]:
    """The policy's targets against each other (§2.2, §4.1–§4.3, §A.1–§A.4, §A.T)."""
    parks = tuple(policy.park_targets[p] for p in Park)
    first_year = tuple(policy.park_first_year_targets[p] for p in Park)
    bureaus = tuple(policy.bureau_targets[b] for b in Bureau)
    park_clauses = (*_PARK_CLAUSES.values(), _ANNEX_CLAUSE)
    return (
        TargetCheck(
            CheckCode.PARK_TARGETS_SUM_TO_ANNEX_TOTAL,
            sum(parks) == policy.annex_target,
            park_clauses,
            (*parks, policy.annex_target),
        ),
        TargetCheck(
            CheckCode.PARK_FIRST_YEAR_TARGETS_SUM_TO_ANNEX_FIRST_YEAR_TOTAL,
            sum(first_year) == policy.annex_first_year_target,
            park_clauses,
            (*first_year, policy.annex_first_year_target),
        ),
        TargetCheck(
            CheckCode.BUREAU_TARGETS_WITHIN_DISTRICT_TARGET,
            sum(bureaus) <= policy.district_target,
            (_DISTRICT_CLAUSE, *_BUREAU_CLAUSES.values()),
            (*bureaus, policy.district_target),
        ),
        TargetCheck(
            CheckCode.ANNEX_TOTAL_WITHIN_DISTRICT_TARGET,
            policy.annex_target <= policy.district_target,
            (_DISTRICT_CLAUSE, _ANNEX_CLAUSE),
            (policy.annex_target, policy.district_target),
        ),
    )


# ---------------------------------------------------------------------------------------
# The report


@attrs.frozen(repr=False)
class TargetReport:
    """Every target of the plan against the register, as of a date (§2.2, §4.1–§4.3, §A).

    ``lines``: the district, the three bureaus, the four parks and the annex total over
    the whole plan, then the four parks and the annex total for the plan's first year.
    ``by_year``: the platforms counted in each calendar year of the plan. ``checks``:
    whether the policy's own targets agree. ``platforms``: every platform of the
    register with the reason it counts or not (reading 6). The report keeps the
    ``policy`` and ``as_of`` it was computed for.
    """

    as_of: dt.date
    policy: Policy
    lines: tuple[TargetLine, ...]
    by_year: tuple[YearCount, ...]
    checks: tuple[TargetCheck, ...]
    platforms: tuple[PlatformCount, ...]

    @property
    def period(self) -> Period:
        """The whole plan: ``plan_start … plan_end``, labelled ``2021-2025``."""
        return _plan_period(self.policy)

    @property
    def first_year(self) -> Period:
        """The plan's first period: ``plan_start … first_year_end``, labelled ``2021``."""
        return _first_year_period(self.policy)

    @property
    def counted(self) -> tuple[str, ...]:
        """The ids of the platforms that count, sorted."""
        return tuple(c.platform for c in self.platforms if c.counted)

    def line(
        self,
        scope: TargetScope | str,
        key: Bureau | Park | str | None = None,
        *,
        first_year: bool = False,
    ) -> TargetLine:
        """The line of ``scope`` (and ``key``, a bureau or park) for the whole plan or,
        with ``first_year=True``, for the plan's first year (parks and annex only)."""
        if not isinstance(scope, TargetScope):
            try:
                scope = TargetScope(scope)
            except ValueError:
                raise PolicyValueError(
                    f"scope: {scope!r} is not a scope; valid: "
                    + ", ".join(s.value for s in TargetScope),
                    field="scope",
                ) from None
        wanted: Bureau | Park | None = None
        if scope is TargetScope.BUREAU:
            wanted = Bureau.parse(key, field="key")
        elif scope is TargetScope.PARK:
            wanted = Park.parse(key, field="key")
        elif key is not None:
            raise PolicyValueError(
                f"key: the {scope.value} line has no key, not {key!r}", field="key"
            )
        period = self.first_year if first_year else self.period
        for line in self.lines:
            if line.scope is scope and line.key is wanted and line.period == period:
                return line
        raise PolicyValueError(
            f"line: no {scope.value} line{'' if wanted is None else f' for {wanted.value}'} "
            f"for {'the first year' if first_year else 'the whole plan'}",
            field="line",
        )

    @property
    def district(self) -> TargetLine:
        """The district line (§2.2)."""
        return self.line(TargetScope.DISTRICT)

    def bureau(self, bureau: Bureau | str) -> TargetLine:
        """A bureau's line (§4.1–§4.3)."""
        return self.line(TargetScope.BUREAU, bureau)

    def park(self, park: Park | str, *, first_year: bool = False) -> TargetLine:
        """A park's line for the whole plan or its first year (§A.1–§A.4)."""
        return self.line(TargetScope.PARK, park, first_year=first_year)

    def annex(self, *, first_year: bool = False) -> TargetLine:
        """The annex total for the whole plan or its first year (§A.T)."""
        return self.line(TargetScope.ANNEX, first_year=first_year)

    @property
    def checks_ok(self) -> bool:
        """Whether every check of the policy's targets passes."""
        return all(c.ok for c in self.checks)

    def explain(self, lang: str = "zh") -> str:
        """The report as aligned tables: the lines, the years, the platforms not counted,
        the checks of the targets, and how pace is defined."""
        from ._render import report_text  # a thin delegate to the rendering

        return report_text(self, check_lang(lang))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The report as the JSON-ready dictionary of the shipped ``targets`` schema.

        Labels are the canonical Chinese ones whatever ``lang``; ``lang`` chooses the
        language of the checks' messages.
        """
        from ._documents import report_to_dict  # a thin delegate to the documents

        return report_to_dict(self, check_lang(lang))

    def to_json(self, lang: str = "zh") -> str:
        """The report as JSON, valid against the shipped ``targets`` schema."""
        from ._documents import dumps  # a thin delegate to the documents

        return dumps(self.to_dict(lang))

    def to_frame(self, lang: str = "zh", amounts: str = "decimal") -> Any:
        """One row per target line, as a pandas DataFrame (the ``pandas`` extra)."""
        from ._frames import report_frame  # a thin delegate

        return report_frame(self, lang, amounts)

    def _repr_html_(self) -> str:
        from ._html import report_html  # a thin delegate (Jupyter)

        return report_html(self)

    def __repr__(self) -> str:
        district = self.district
        return (
            f"TargetReport(as_of={self.as_of.isoformat()!r}, "
            f"period={self.policy.period_label!r}, "
            f"district={district.achieved}/{district.target} {district.pace.status.value}, "
            f"lines={len(self.lines)}, counted={self.counted!r}, checks_ok={self.checks_ok})"
        )


def _plan_period(policy: Policy) -> Period:
    return Period(policy.plan_start, policy.plan_end, policy.period_label)


def _first_year_period(policy: Policy) -> Period:
    return Period(policy.plan_start, policy.first_year_end, policy.first_year_label)


@functools.lru_cache(maxsize=32)
def _years(plan_start: dt.date, plan_end: dt.date) -> tuple[Period, ...]:
    """Each calendar year of the plan, cut to the plan (rrule YEARLY from 1 January)."""
    first_january = plan_start + relativedelta(month=1, day=1)
    years = []
    for start in rrule(YEARLY, dtstart=first_january, until=plan_end):
        january = start.date()
        end = min(january + relativedelta(month=12, day=31), plan_end)
        years.append(Period(max(january, plan_start), end, str(january.year)))
    return tuple(years)


def _first_major(platform: Platform, approvals: Sequence[Approval]) -> Approval | None:
    """The approval or filing on which a platform first became major (§3.0, reading 6):
    the earliest at a level that makes its category major; on one day, the highest."""
    majors = [a for a in approvals if classify(platform.category, a.level).is_major]
    if not majors:
        return None
    return min(majors, key=lambda a: (a.date, -a.level.rank, a.id))


def _count(
    platform: Platform, approvals: Sequence[Approval], policy: Policy, as_of: dt.date
) -> PlatformCount:
    first = _first_major(platform, approvals)
    classification = classify(platform.category, first.level if first else Level.DISTRICT)
    if first is None:
        status = CountStatus.NEVER_MAJOR
    elif first.date < policy.plan_start:
        status = CountStatus.MAJOR_BEFORE_PLAN
    elif first.date > policy.plan_end:
        status = CountStatus.MAJOR_AFTER_PLAN
    elif first.date > as_of:
        status = CountStatus.MAJOR_AFTER_AS_OF
    else:
        status = CountStatus.COUNTED
    return PlatformCount(
        platform=platform.id,
        park=platform.park,
        bureau=classification.bureau,
        counts_as=classification.counts_as,
        status=status,
        first_major=first.date if first else None,
        approval=first.id if first else None,
        level=first.level if first else None,
    )


def target_progress(
    register: Register, *, as_of: dt.date, policy: Policy | PolicyTimeline = GANYU_2021
) -> TargetReport:
    """Every target of the plan against the register as of ``as_of`` (§2.2, §4.1–§4.3,
    §A, §A.1–§A.4, §A.T; reading 6).

    A platform counts once, on the date it first became major (§3.0), when that date
    lies inside ``policy.plan_start … policy.plan_end`` and on or before ``as_of``; it
    counts for the district (§2.2), its bureau (§4.1–§4.3) and its park (§A.1–§A.4),
    or, outside the parks, for the district and its bureau only; the annex total (§A.T)
    is the sum of the park lines. Pure: the result depends only on the arguments.

    ``as_of`` must be a :class:`datetime.date` (not a datetime, not text). Before the
    plan nothing is achieved and every line is ``not_started``; after ``plan_end`` the
    report is the plan's final result.

    ``policy`` may be a :class:`~innovation_policy.PolicyTimeline`: the targets are then
    those of the version in force on ``as_of`` (reading 11), and the report records it.
    """
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise PolicyTypeError(
            f"as_of: {as_of!r} is not a date; expected a datetime.date such as "
            "datetime.date(2023, 6, 30)",
            field="as_of",
        )
    if not isinstance(register, Register):
        raise PolicyTypeError(
            f"register: {register!r} is not a Register; expected an innovation_policy.Register",
            field="register",
        )
    if not isinstance(policy, (Policy, PolicyTimeline)):
        raise PolicyTypeError(
            f"policy: {policy!r} is not a Policy; expected an innovation_policy.Policy "
            "or PolicyTimeline",
            field="policy",
        )
    policy = as_timeline(policy).for_date(as_of)  # the targets in force on as_of
    approvals: dict[str, list[Approval]] = {p.id: [] for p in register.platforms}
    for approval in register.approvals:
        approvals[approval.platform].append(approval)
    counts = tuple(
        sorted(
            (_count(p, approvals[p.id], policy, as_of) for p in register.platforms),
            key=lambda c: c.platform,
        )
    )
    counted = [c for c in counts if c.counted]
    plan = _plan_period(policy)
    first_year = _first_year_period(policy)

    def line(
        scope: TargetScope,
        key: Bureau | Park | None,
        period: Period,
        target: int,
        members: list[PlatformCount],
        clause_id: str,
    ) -> TargetLine:
        inside = [c for c in members if c.first_major in period]
        return TargetLine(
            scope=scope,
            key=key,
            period=period,
            as_of=as_of,
            target=target,
            clauses=(clause_id,),
            pace=_pace(target, len(inside), period, as_of),
            counted=tuple(inside),
        )

    in_parks = [c for c in counted if c.park is not None]
    lines = [
        line(TargetScope.DISTRICT, None, plan, policy.district_target, counted, _DISTRICT_CLAUSE)
    ]
    lines.extend(
        line(
            TargetScope.BUREAU,
            bureau,
            plan,
            policy.bureau_targets[bureau],
            [c for c in counted if c.bureau is bureau],
            _BUREAU_CLAUSES[bureau],
        )
        for bureau in Bureau
    )
    for period, park_targets, annex_target in (
        (plan, policy.park_targets, policy.annex_target),
        (first_year, policy.park_first_year_targets, policy.annex_first_year_target),
    ):
        lines.extend(
            line(
                TargetScope.PARK,
                park,
                period,
                park_targets[park],
                [c for c in in_parks if c.park is park],
                _PARK_CLAUSES[park],
            )
            for park in Park
        )
        lines.append(line(TargetScope.ANNEX, None, period, annex_target, in_parks, _ANNEX_CLAUSE))

    by_year = []
    for year in _years(policy.plan_start, policy.plan_end):
        that_year = [c for c in counted if c.first_major in year]
        by_year.append(
            YearCount(
                year=year.start.year,
                period=year,
                district=tuple(c.platform for c in that_year),
                parks={p: tuple(c.platform for c in that_year if c.park is p) for p in Park},
                outside_parks=tuple(c.platform for c in that_year if c.park is None),
                bureaus={b: tuple(c.platform for c in that_year if c.bureau is b) for b in Bureau},
            )
        )
    return TargetReport(
        as_of=as_of,
        policy=policy,
        lines=tuple(lines),
        by_year=tuple(by_year),
        checks=_checks(policy),
        platforms=counts,
    )


implements(
    target_progress, "§2.2", "§4.1", "§4.2", "§4.3", "§A", "§A.1", "§A.2", "§A.3", "§A.4", "§A.T"
)


# ---------------------------------------------------------------------------------------
# The JSON document
