"""The forecast: the plan's cost if its targets are met (§2.2, §4.1–§4.3, §A, §6.3–§6.6).

:func:`forecast` gives, for each year from ``as_of``'s to the year after the plan ends
(when the performance grants of the plan's last year fall due, reading 10), three
figures per bureau line (§4.1–§4.3) and for the district:

- ``committed``: what is outstanding on the budget (:func:`~innovation_policy.budget`)
  for entitlements that arose on or before ``as_of`` (an approval, a rated year ended,
  a decision), by the year it falls due; overdue amounts count in ``as_of``'s year;
- ``expected``: the cost of the new major platforms still needed to meet each target
  (the shortfall of :func:`~innovation_policy.target_progress` at ``as_of``: each
  bureau's, §4.1–§4.3; any more the parks, the annex or the district still need, §A,
  §2.2, on a line of its own), their approvals spread evenly over the plan's remaining
  years (earlier years first), each paid its matching support in its approval year
  (§6.3, §6.4) and, every rated year from then to the plan's end, the chance of an
  excellent rating times the grant on the scenario's turnover, due the next year
  (§6.6). It is a scenario's arithmetic, not a probability claim;
- ``ceiling``: the most the district could owe beyond ``committed``: the same new
  platforms at the level whose matching is highest, each with the full grant every
  year; every platform recognised at municipal level or above (§6.6) with the full
  grant for every rated year of the plan not yet decided; and every item whose amount
  waits for data at its cap.

Figures are exact to the fen: ``committed`` and ``ceiling`` are sums of amounts in fen;
``expected`` is computed exactly (fractions) and rounded down to the fen once per line
and year, so that ``committed ≤ committed + expected ≤ committed + ceiling``.

The scenario's assumptions, per bureau line, are its own where it gives them, else
estimated from the register's history as of ``as_of``, each with the number of records
it came from: the level mix of new approvals (how the bureau's platforms first became
major), the higher-level funding per approval (median per level), the chance of an
excellent rating (share of the bureau's rated years, rounded down to 4 places) and the
turnover of an excellent year (median). Where there is no history, the cap is used
(the mix: all national; funding and turnover: enough to reach the cap; chance: 1), and
the output says so.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ._assess import highest_level
from ._budget import Budget, _budget, check_as_of
from ._errors import InputError, PolicyError, PolicyTypeError, PolicyValueError, Problem
from ._frozen import FrozenDict
from ._labels import Bureau, EstimateSource, Kind, Level, Rating
from ._money import FEN, exact, money, ratio, round_down
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, as_timeline
from ._register import Approval, Register
from ._rules import MATCHED_LEVELS, PERFORMANCE_LEVELS, matching_amount, performance_amount
from ._targets import TargetScope, _first_major, target_progress
from ._trace import implements

__all__ = [
    "MIX_LEVELS",
    "Assumptions",
    "BureauScenario",
    "Estimate",
    "Forecast",
    "ForecastLine",
    "Scenario",
    "YearFigures",
    "forecast",
]

_ZERO = Decimal("0.00")
_LARGEST = Decimal("999999999999999.99")  # the largest amount of money the library takes

MIX_LEVELS = (Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL)
"""The levels of a new major platform's approval or filing in a scenario's mix (§3.0)."""
_FUNDED = (Level.NATIONAL, Level.PROVINCIAL)


# ---------------------------------------------------------------------------------------
# The scenario


def _levels_table(value: object, field: str, levels: tuple[Level, ...], check: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise PolicyTypeError(
            f"{field}: {value!r} is not a mapping; expected {{level: value}} for "
            + ", ".join(level.value for level in levels),
            field=field,
        )
    table: dict[Level, Decimal] = {}
    for key, item in value.items():
        level = Level.parse(key, field=field)
        if level not in levels:
            raise PolicyValueError(
                f"{field}: {level.value} is not a level here; expected one of "
                + ", ".join(lv.value for lv in levels),
                field=field,
            )
        table[level] = check(item, f"{field}[{level.value}]")
    return FrozenDict((level, table[level]) for level in levels if level in table)


def _weight(value: object, field: str) -> Decimal:
    return ratio(value, field)


def _mix(value: object, field: str) -> Any:
    table = _levels_table(value, field, MIX_LEVELS, _weight)
    if table is not None and sum(table.values(), Decimal(0)) <= 0:
        raise PolicyValueError(
            f"{field}: the weights add up to 0; give at least one level a weight above 0",
            field=field,
        )
    return table


def _funding(value: object, field: str) -> Any:
    table = _levels_table(value, field, _FUNDED, money)
    return FrozenDict() if table is None else table


def _chance(value: object, field: str) -> Decimal | None:
    return None if value is None else ratio(value, field, at_most=Decimal(1))


def _turnover(value: object, field: str) -> Decimal | None:
    return None if value is None else money(value, field)


@attrs.frozen
class BureauScenario:
    """What a scenario assumes for one bureau line; ``None`` (or a level left out of
    ``funding``): estimated from the register's history.

    ``mix``: the weights of the levels of new approvals (national, provincial,
    municipal; they need not add up to 1); ``funding``: the higher-level funding per
    approval, per matched level (§6.3, §6.4); ``excellent``: the chance, 0 to 1, that a
    major platform is rated excellent in a year; ``turnover``: its technology-contract
    turnover in such a year (§6.6).
    """

    mix: Mapping[Level, Decimal] | None = attrs.field(default=None, hash=False)
    funding: Mapping[Level, Decimal] = attrs.field(factory=FrozenDict, hash=False)
    excellent: Decimal | None = None
    turnover: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        checks = (("mix", _mix), ("funding", _funding), ("excellent", _chance))
        _validate(self, (*checks, ("turnover", _turnover)), "BureauScenario")


@attrs.frozen
class Scenario:
    """The assumptions of a forecast where the register's history should not decide
    them: a name, and per bureau line (§4.1–§4.3) a :class:`BureauScenario`. The
    default, ``Scenario()``, assumes nothing: every value comes from the history."""

    name: str = "default"
    bureaus: Mapping[Bureau, BureauScenario] = attrs.field(factory=FrozenDict, hash=False)

    def __attrs_post_init__(self) -> None:
        _validate(self, (("name", _name), ("bureaus", _bureaus)), "Scenario")


def _name(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyValueError(
            f"{field}: {value!r} is not a name; expected text, like 'default'", field=field
        )
    return value


def _bureaus(value: object, field: str) -> Mapping[Bureau, BureauScenario]:
    if not isinstance(value, Mapping):
        raise PolicyTypeError(
            f"{field}: {value!r} is not a mapping; expected {{bureau: BureauScenario}}",
            field=field,
        )
    table = {}
    for key, item in value.items():
        bureau = Bureau.parse(key, field=field)
        if not isinstance(item, BureauScenario):
            raise PolicyTypeError(
                f"{field}[{bureau.value}]: {item!r} is not a BureauScenario", field=field
            )
        table[bureau] = item
    return FrozenDict((b, table[b]) for b in Bureau if b in table)


def _validate(record: Any, checks: Iterable[tuple[str, Any]], source: str) -> None:
    problems: list[Problem] = []
    for name, check in checks:
        try:
            checked = check(getattr(record, name), name)
        except PolicyError as error:
            problems.append(Problem(name, error.code, error.message))
            continue
        object.__setattr__(record, name, checked)
    if problems:
        raise InputError(problems, source=source)


# ---------------------------------------------------------------------------------------
# The assumptions used


@attrs.frozen
class Estimate:
    """One assumption as used: its value (``None``: the cap applies, so the amount it
    feeds is the cap), the number of records it came from, and its source."""

    value: Decimal | None
    records: int
    source: EstimateSource


@attrs.frozen
class Assumptions:
    """The assumptions used for one bureau line, each an :class:`Estimate`."""

    mix: Mapping[Level, Estimate] = attrs.field(hash=False)
    funding: Mapping[Level, Estimate] = attrs.field(hash=False)
    excellent: Estimate
    turnover: Estimate


def _median(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round_down((ordered[middle - 1] + ordered[middle]) / 2)


def _from_history(values: list[Decimal]) -> Estimate:
    if not values:
        return Estimate(None, 0, EstimateSource.CAP)
    return Estimate(_median(values), len(values), EstimateSource.HISTORY)


def _given(value: Decimal) -> Estimate:
    return Estimate(value, 0, EstimateSource.SCENARIO)


@attrs.frozen
class _History:
    """What the register shows of one bureau's platforms up to ``as_of``."""

    first_levels: list[Level] = attrs.field(factory=list)
    funding: dict[Level, list[Decimal]] = attrs.field(factory=dict)
    rated: int = 0
    excellent: int = 0
    turnover: list[Decimal] = attrs.field(factory=list)


def _histories(result: Budget, known: Mapping[str, list[Approval]]) -> dict[Bureau, _History]:
    histories = {b: _History() for b in Bureau}
    counts = {b: [0, 0] for b in Bureau}
    register = result.assessment.register
    bureau_of = {s.id: s.classification.bureau for s in result.assessment.platforms}
    for platform in register.platforms:
        history = histories[bureau_of[platform.id]]
        approvals = known[platform.id]
        first = _first_major(platform, approvals)
        if first is not None:
            history.first_levels.append(first.level)
        for approval in approvals:
            if approval.level in _FUNDED and approval.superior_funding is not None:
                history.funding.setdefault(approval.level, []).append(approval.superior_funding)
    for review in register.reviews:
        year_end = dt.date(review.year, 12, 31)
        if year_end > result.as_of:
            continue
        if highest_level(known[review.platform], year_end) not in PERFORMANCE_LEVELS:
            continue
        bureau = bureau_of[review.platform]
        counts[bureau][0] += 1
        if review.rating is Rating.EXCELLENT:
            counts[bureau][1] += 1
            if review.turnover is not None:
                histories[bureau].turnover.append(review.turnover)
    return {
        b: attrs.evolve(h, rated=counts[b][0], excellent=counts[b][1]) for b, h in histories.items()
    }


def _assumptions(history: _History, given: BureauScenario) -> Assumptions:
    if given.mix is not None:
        mix = {level: _given(weight) for level, weight in given.mix.items()}
    elif history.first_levels:
        mix = {
            level: Estimate(Decimal(n), n, EstimateSource.HISTORY)
            for level in MIX_LEVELS
            if (n := history.first_levels.count(level))
        }
    else:
        mix = {Level.NATIONAL: Estimate(Decimal(1), 0, EstimateSource.CAP)}
    funding = {
        level: _given(given.funding[level])
        if level in given.funding
        else _from_history(history.funding.get(level, []))
        for level in _FUNDED
    }
    if given.excellent is not None:
        excellent = _given(given.excellent)
    elif history.rated:
        share = Decimal(history.excellent * 10_000 // history.rated).scaleb(-4)
        excellent = Estimate(share, history.rated, EstimateSource.HISTORY)
    else:
        excellent = Estimate(Decimal(1), 0, EstimateSource.CAP)
    turnover = (
        _given(given.turnover) if given.turnover is not None else _from_history(history.turnover)
    )
    return Assumptions(FrozenDict(mix), FrozenDict(funding), excellent, turnover)


# ---------------------------------------------------------------------------------------
# The result


@attrs.frozen
class YearFigures:
    """One year of a forecast line: committed, expected and ceiling, in yuan."""

    year: int
    committed: Decimal
    expected: Decimal
    ceiling: Decimal


@attrs.frozen
class ForecastLine:
    """One bureau's line (§4.1–§4.3), or (``bureau`` ``None``) the new platforms the
    parks, the annex or the district need beyond the bureaus' (§A, §2.2).

    ``new_platforms`` is how many new major platforms it assumes; ``approvals`` how
    many in each year of the plan; ``years`` its figures, year by year.
    """

    bureau: Bureau | None
    new_platforms: int
    approvals: Mapping[int, int] = attrs.field(hash=False)
    years: tuple[YearFigures, ...]
    clauses: tuple[str, ...]

    def year(self, year: int) -> YearFigures:
        """The figures of one year."""
        return _year(self.years, year)


def _year(years: tuple[YearFigures, ...], year: int) -> YearFigures:
    for figures in years:
        if figures.year == year:
            return figures
    raise PolicyValueError(
        f"year: {year!r} is not a year of the forecast; years: "
        + ", ".join(str(f.year) for f in years),
        field="year",
    )


@attrs.frozen
class Forecast:
    """The plan's cost as of a date: committed, expected and ceiling per year, for each
    bureau line and the district, under a recorded scenario.

    ``assumptions`` are the scenario's values as used, per bureau, each with its
    source and record count; ``fingerprint`` identifies them (the SHA-256 of their
    canonical JSON, with the scenario's name).
    """

    as_of: dt.date
    policy: Policy | PolicyTimeline = attrs.field(repr=False)
    scenario: Scenario = attrs.field(repr=False)
    assumptions: Mapping[Bureau, Assumptions] = attrs.field(repr=False, hash=False)
    lines: tuple[ForecastLine, ...] = attrs.field(repr=False)
    years: tuple[YearFigures, ...]
    budget: Budget = attrs.field(repr=False, eq=False)

    def year(self, year: int) -> YearFigures:
        """The district's figures of one year."""
        return _year(self.years, year)

    def line(self, bureau: Bureau | str | None) -> ForecastLine:
        """The line of a bureau (``None``: the platforms beyond the bureaus' targets)."""
        wanted = None if bureau is None else Bureau.parse(bureau, field="bureau")
        return next(line for line in self.lines if line.bureau is wanted)

    @property
    def caps_used(self) -> tuple[tuple[Bureau, str], ...]:
        """The assumptions for which there was no history, so the cap is used."""
        return tuple(
            (bureau, name)
            for bureau, used in self.assumptions.items()
            for name, estimate in _named(used)
            if estimate.source is EstimateSource.CAP
        )

    @property
    def fingerprint(self) -> str:
        """The SHA-256 (hex) of the canonical JSON of the assumptions used and the name."""
        document = {"name": self.scenario.name, "bureaus": assumptions_to_dict(self.assumptions)}
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The forecast as the JSON-ready dictionary of the shipped ``forecast`` schema."""
        return forecast_to_dict(self, lang)

    def to_json(self, lang: str = "zh") -> str:
        """The forecast as JSON, valid against the shipped ``forecast`` schema."""
        from ._documents import dumps

        return dumps(self.to_dict(lang))

    def to_frame(self, lang: str = "zh", amounts: str = "decimal") -> Any:
        """One row per line and year, as a pandas DataFrame (``amounts``: ``decimal`` or
        ``fen``); summed by year, the figures are the district's (``years``)."""
        from ._frames import forecast_frame  # a thin delegate (the pandas extra)

        return forecast_frame(self, lang, amounts)

    def _repr_html_(self) -> str:
        from ._html import forecast_html  # a thin delegate (Jupyter)

        return forecast_html(self)


def _named(used: Assumptions) -> list[tuple[str, Estimate]]:
    named = [(f"mix.{level.value}", e) for level, e in used.mix.items()]
    named += [(f"funding.{level.value}", e) for level, e in used.funding.items()]
    return [*named, ("excellent", used.excellent), ("turnover", used.turnover)]


# ---------------------------------------------------------------------------------------
# The computation


def _spread(count: int, years: list[int]) -> dict[int, int]:
    """``count`` approvals over ``years`` as evenly as whole platforms allow, the
    earlier years taking one more where they do not divide evenly."""
    if not years:
        return {}
    share, extra = divmod(count, len(years))
    return {year: share + (1 if n < extra else 0) for n, year in enumerate(years)}


def _worst_matching(level: Level, policy: Policy) -> Decimal:
    """The most one approval of ``level`` can be matched (§6.3, §6.4; §6.5 county cap)."""
    amount = matching_amount(level, _LARGEST, policy, None) or _ZERO
    county = policy.county_standard_caps.get(level)
    return amount if county is None else min(amount, county)


def _matching(level: Level, funding: Decimal | None, policy: Policy) -> Decimal:
    if level not in MATCHED_LEVELS:
        return _ZERO
    if funding is None:
        return _worst_matching(level, policy)
    amount = matching_amount(level, funding, policy, None) or _ZERO
    county = policy.county_standard_caps.get(level)
    return amount if county is None else min(amount, county)


def _grant(turnover: Decimal | None, policy: Policy) -> Decimal:
    base = _LARGEST if turnover is None else turnover
    return performance_amount(Level.MUNICIPAL, Rating.EXCELLENT, base, policy, None) or _ZERO


def _costs(used: Assumptions, policy: Policy) -> tuple[Fraction, Fraction]:
    """The expected matching of one new platform and its expected grant for one year."""
    total = sum((Fraction(e.value or 0) for e in used.mix.values()), Fraction(0))
    matching = Fraction(0)
    for level, weight in used.mix.items():
        funding = used.funding[level].value if level in used.funding else None
        matching += Fraction(weight.value or 0) * Fraction(_matching(level, funding, policy))
    chance = Fraction(used.excellent.value or 0)
    return matching / total, chance * Fraction(_grant(used.turnover.value, policy))


class _Sheet:
    """Per line and year: committed and ceiling in fen (Decimal), expected exact."""

    def __init__(self) -> None:
        self.committed: dict[tuple[Bureau | None, int], Decimal] = {}
        self.expected: dict[tuple[Bureau | None, int], Fraction] = {}
        self.ceiling: dict[tuple[Bureau | None, int], Decimal] = {}

    def add(self, table: dict[Any, Any], line: Bureau | None, year: int, amount: Any) -> None:
        table[(line, year)] = table.get((line, year), 0) + amount


def forecast(
    register: Register,
    *,
    as_of: dt.date,
    policy: Policy | PolicyTimeline = GANYU_2021,
    scenario: Scenario | None = None,
) -> Forecast:
    """The plan's cost if its targets are met, as of ``as_of`` (§2.2, §4.1–§4.3, §A,
    §6.3–§6.6; readings 10, 11): committed, expected and ceiling per year and line.

    ``scenario`` overrides any assumption (default: every one from the register's
    history, or the cap where there is none). The caps and targets are those of the
    policy version in force on ``as_of`` (reading 11).
    """
    as_of = check_as_of(as_of)
    if scenario is None:
        scenario = Scenario()
    if not isinstance(scenario, Scenario):
        raise PolicyTypeError(
            f"scenario: {scenario!r} is not a Scenario; make one with Scenario(...) or "
            "load_scenario(path), or leave it out",
            field="scenario",
        )
    report = target_progress(register, as_of=as_of, policy=policy)
    from ._assess import assess

    assessment = assess(register, policy=policy)
    with decimal.localcontext(exact()):
        result = _budget(register, assessment, as_of)
        return _forecast(result, as_timeline(policy).for_date(as_of), scenario, report)


implements(forecast, "§2.2", "§4.1", "§4.2", "§4.3", "§A", "§6.3", "§6.4", "§6.6")


def _forecast(result: Budget, policy: Policy, scenario: Scenario, report: Any) -> Forecast:
    as_of = result.as_of
    register = result.assessment.register
    known: dict[str, list[Approval]] = {p.id: [] for p in register.platforms}
    for approval in register.approvals:
        if approval.date <= as_of:
            known[approval.platform].append(approval)
    histories = _histories(result, known)
    used = {
        b: _assumptions(histories[b], scenario.bureaus.get(b, BureauScenario())) for b in Bureau
    }
    first_year = as_of.year
    last_plan_year = policy.plan_end.year
    sheet = _Sheet()
    worst_grant = _grant(None, policy)
    worst_matching = max(_worst_matching(level, policy) for level in _FUNDED)

    # committed: what the budget lists for entitlements that arose by as_of
    for entry in result.items:
        if entry.assessed.date <= as_of:
            year = max(entry.due.year, first_year)
            sheet.add(sheet.committed, entry.bureau, year, entry.outstanding)
            if entry.missing:  # its amount waits for data: at most its cap
                cap = (
                    worst_grant
                    if entry.kind is Kind.PERFORMANCE
                    else _worst_matching(entry.level or Level.DISTRICT, policy)
                )
                sheet.add(sheet.ceiling, entry.bureau, year, cap)

    # ceiling: the full grant for every rated year of the plan not yet decided
    bureau_of = {s.id: s.classification.bureau for s in result.assessment.platforms}
    decided = {(r.platform, r.year) for r in register.reviews if dt.date(r.year, 12, 31) <= as_of}
    for platform, approvals in known.items():
        for year in range(policy.plan_start.year, last_plan_year + 1):
            year_end = dt.date(year, 12, 31)
            if highest_level(approvals, year_end) not in PERFORMANCE_LEVELS:
                continue
            pending = (platform, year) not in decided and dt.date(year + 1, 3, 31) > as_of
            if year_end > as_of or pending:
                sheet.add(sheet.ceiling, bureau_of[platform], year + 1, worst_grant)

    # expected and ceiling: the new platforms still needed
    shortfall: dict[Bureau | None, int] = {b: report.bureau(b).remaining for b in Bureau}
    parks = sum(line.remaining for line in report.lines if _whole_plan_park(line, report))
    needed = max(
        sum(shortfall.values()), parks, report.annex().remaining, report.district.remaining
    )
    new: dict[Bureau | None, int] = {**shortfall, None: needed - sum(shortfall.values())}
    costs: dict[Bureau | None, tuple[Fraction, Fraction]] = {
        b: _costs(used[b], policy) for b in Bureau
    }
    costs[None] = (
        max(c[0] for c in costs.values()),
        max(c[1] for c in costs.values()),
    )
    plan_years = (
        list(range(max(first_year, policy.plan_start.year), last_plan_year + 1))
        if as_of <= policy.plan_end
        else []
    )
    approvals_by_line = {}
    for line, count in new.items():
        spread = _spread(count if plan_years else 0, plan_years)
        approvals_by_line[line] = spread
        matching, grant = costs[line]
        for year, platforms in spread.items():
            sheet.add(sheet.expected, line, year, platforms * matching)
            sheet.add(sheet.ceiling, line, year, platforms * worst_matching)
            for rated in range(year, last_plan_year + 1):
                sheet.add(sheet.expected, line, rated + 1, platforms * grant)
                sheet.add(sheet.ceiling, line, rated + 1, platforms * worst_grant)

    years = [y for (_, y) in (*sheet.committed, *sheet.ceiling, *sheet.expected)]
    span = range(first_year, max([last_plan_year + 1, first_year, *years]) + 1)
    lines = []
    for line in (*Bureau, None):
        figures = tuple(
            YearFigures(
                year,
                sheet.committed.get((line, year), _ZERO),
                _fen(sheet.expected.get((line, year), Fraction(0))),
                sheet.ceiling.get((line, year), _ZERO),
            )
            for year in span
        )
        clauses = ("§2.2", "§A") if line is None else (_BUREAU_CLAUSES[line],)
        lines.append(
            ForecastLine(
                line,
                new[line] if plan_years else 0,
                FrozenDict(approvals_by_line[line]),
                figures,
                clauses,
            )
        )
    district = tuple(
        YearFigures(
            year,
            sum((line.year(year).committed for line in lines), _ZERO),
            sum((line.year(year).expected for line in lines), _ZERO),
            sum((line.year(year).ceiling for line in lines), _ZERO),
        )
        for year in span
    )
    return Forecast(
        as_of=as_of,
        policy=result.policy,
        scenario=scenario,
        assumptions=FrozenDict(used),
        lines=tuple(lines),
        years=district,
        budget=result,
    )


_BUREAU_CLAUSES = {
    Bureau.SCIENCE_AND_TECHNOLOGY: "§4.1",
    Bureau.DEVELOPMENT_AND_REFORM: "§4.2",
    Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: "§4.3",
}


def _whole_plan_park(line: Any, report: Any) -> bool:
    return bool(line.scope is TargetScope.PARK and line.period == report.period)


def _fen(amount: Fraction) -> Decimal:
    """An exact amount rounded down to the fen."""
    fen = amount.numerator * 100 // amount.denominator
    return (Decimal(fen) * FEN).quantize(FEN)


# ---------------------------------------------------------------------------------------
# The JSON document


def _estimate(estimate: Estimate) -> dict[str, Any]:
    return {
        "value": None if estimate.value is None else f"{estimate.value:f}",
        "records": estimate.records,
        "source": estimate.source.value,
    }


def assumptions_to_dict(assumptions: Mapping[Bureau, Assumptions]) -> dict[str, Any]:
    """The assumptions used, per bureau, as JSON-ready data."""
    return {
        bureau.value: {
            "mix": {level.value: _estimate(e) for level, e in used.mix.items()},
            "funding": {level.value: _estimate(e) for level, e in used.funding.items()},
            "excellent": _estimate(used.excellent),
            "turnover": _estimate(used.turnover),
        }
        for bureau, used in assumptions.items()
    }


def _figures(years: tuple[YearFigures, ...]) -> list[dict[str, Any]]:
    return [
        {
            "year": f.year,
            "committed": f"{f.committed:.2f}",
            "expected": f"{f.expected:.2f}",
            "ceiling": f"{f.ceiling:.2f}",
        }
        for f in years
    ]


def forecast_to_dict(result: Forecast, lang: str = "zh") -> dict[str, Any]:
    """``{"schema", "generator", "policy", "scenario", "as_of", "years", "lines"}``."""
    from ._explain import check_lang
    from ._provenance import generator, policy_block, schema_id

    check_lang(lang)
    return {
        "schema": schema_id("forecast"),
        "generator": generator(),
        "policy": policy_block(result.policy),
        "scenario": {
            "name": result.scenario.name,
            "fingerprint": result.fingerprint,
            "bureaus": assumptions_to_dict(result.assumptions),
            "caps_used": [
                {"bureau": bureau.value, "assumption": name} for bureau, name in result.caps_used
            ],
        },
        "as_of": result.as_of.isoformat(),
        "years": _figures(result.years),
        "lines": [
            {
                "bureau": None if line.bureau is None else line.bureau.value,
                "new_platforms": line.new_platforms,
                "approvals": {str(y): n for y, n in line.approvals.items()},
                "years": _figures(line.years),
                "clauses": list(line.clauses),
            }
            for line in result.lines
        ],
    }
