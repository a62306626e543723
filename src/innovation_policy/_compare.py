"""Comparison: a reform minus its baseline, item by item, exact to the fen.

:func:`compare` takes two assessments of the same register, under two policies, and
returns a :class:`Comparison`: per item the baseline amount, the alternative amount and
their difference, whether each side found it eligible, and the differences summed by
year, bureau, park, kind, category and platform. :func:`compare_policies` assesses the
register itself; :func:`compare_readings` runs every combination of the switchable
readings 1 and 2 (§6.3, §6.4, §6.5, §6.7) against the policy passed. Every sum is exact.
Results are data (codes, enums, :class:`~decimal.Decimal`); the words are made at the
edge, by ``_compare_text``.
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._assess import Assessment, Item, PlatformSummary, assess
from ._errors import PolicyTypeError, PolicyValueError
from ._labels import Bureau, Category, CityReading, Kind, Level, Park, UpgradeReading
from ._money import exact
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, differing_fields
from ._register import Register

if TYPE_CHECKING:
    from ._explain import Step

__all__ = [
    "Breakdown",
    "Comparison",
    "ComparisonExplanation",
    "ItemDelta",
    "ReadingSweep",
    "SweepRow",
    "compare",
    "compare_policies",
    "compare_readings",
]

_ZERO = Decimal("0.00")
_MAX_IDS_SHOWN = 20

# ---------------------------------------------------------------------------------------
# Which fields of the policy each step of an explanation uses: one table, by step code.
# ``_RATIO`` and ``_CAP`` stand for the ratio and the cap of the item's own terms (a
# national or provincial approval, §6.3, §6.4; a performance grant, §6.6). A later
# matching step under the top-up reading (reading 1) also depends on what the district
# paid for the platform's earlier approvals: :meth:`Comparison.explain` adds their fields.

_RATIO = "<the ratio of the item's terms>"
_CAP = "<the cap of the item's terms>"
_PERIOD = ("plan_start", "plan_end")
_PERFORMANCE = ("performance_rate", "performance_cap")

STEP_FIELDS: Mapping[str, tuple[str, ...]] = {
    "matching_base": (),
    "matching_level_not_eligible": (),
    "ratio": (_RATIO,),
    "cap_applied": (_CAP,),
    "cap_not_applied": (_CAP,),
    "round_down": (),
    "performance_base": _PERFORMANCE,
    "rating_not_excellent": (),
    "level_below_municipal": (),
    "rate": ("performance_rate",),
    "performance_city": _PERFORMANCE,
    "outside_period": _PERIOD,
    "year_outside_period": _PERIOD,
    "case_decision": (),
    "case_outside_period": _PERIOD,
    "each_approval": ("upgrade_reading",),
    "upgrade_top_up": ("upgrade_reading",),
    "city_excludes_district": ("city_reading",),
    "city_top_up": ("city_reading",),
    "county_standard_cap": ("county_standard_caps",),
    "policy_version": (),
    "funding_unknown": (),
    "turnover_unknown": (),
}
"""Step code → the :class:`Policy` fields the step uses (for :meth:`Comparison.explain`)."""

#: the ratio and the cap of an item's terms, by kind and level (§6.3, §6.4, §6.6)
_TERMS: Mapping[tuple[Kind, Level | None], tuple[str, str]] = {
    (Kind.MATCHING, Level.NATIONAL): ("national_match_ratio", "national_match_cap"),
    (Kind.MATCHING, Level.PROVINCIAL): ("provincial_match_ratio", "provincial_match_cap"),
    **{(Kind.PERFORMANCE, level): _PERFORMANCE for level in (*Level, None)},
}

#: the steps that state an item's inputs from the register (the same under any policy)
_INPUT_STEPS = frozenset(
    {"matching_base", "matching_level_not_eligible", "performance_base", "case_decision"}
)

_POLICY_FIELDS = tuple(a.name for a in attrs.fields(Policy) if a.name != "name")


def _step_fields(step: Step, item: Item) -> tuple[str, ...]:
    out = []
    for name in STEP_FIELDS[step.code]:
        if name in (_RATIO, _CAP):
            ratio, cap = _TERMS[(item.kind, item.level)]
            out.append(ratio if name == _RATIO else cap)
        else:
            out.append(name)
    return tuple(out)


def _in_policy_order(names: Iterable[str]) -> tuple[str, ...]:
    wanted = set(names)
    return tuple(n for n in _POLICY_FIELDS if n in wanted)


# ---------------------------------------------------------------------------------------
# Values.


@attrs.frozen
class ItemDelta:
    """One item under both policies: the maximum payable in the baseline and in the
    alternative, their difference (alternative minus baseline), and whether each side
    found the item eligible. ``clauses`` are the clause ids of both sides."""

    item: str
    platform: str
    kind: Kind
    level: Level | None
    year: int
    baseline: Decimal
    alternative: Decimal
    delta: Decimal
    baseline_eligible: bool
    alternative_eligible: bool
    clauses: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Whether the amount or the eligibility differs between the two sides."""
        return self.delta != 0 or self.baseline_eligible != self.alternative_eligible


@attrs.frozen
class Breakdown:
    """Sums of amounts over the items of a register: the whole, the formula money (all
    but the case-by-case decisions, §6.2), and by year, bureau (§4.1–§4.3), park (§2.1,
    ``None`` for a platform outside the four parks), kind, category (§3.0) and platform.

    Every key is present, with zero where nothing is summed. The tables are plain
    :class:`dict` objects, so that ``pandas.Series(breakdown.by_park)`` reads them.
    """

    total: Decimal
    formula: Decimal
    by_year: dict[int, Decimal] = attrs.field(hash=False, repr=False)
    by_bureau: dict[Bureau, Decimal] = attrs.field(hash=False, repr=False)
    by_park: dict[Park | None, Decimal] = attrs.field(hash=False, repr=False)
    by_kind: dict[Kind, Decimal] = attrs.field(hash=False, repr=False)
    by_category: dict[Category, Decimal] = attrs.field(hash=False, repr=False)
    by_platform: dict[str, Decimal] = attrs.field(hash=False, repr=False)


def _breakdown(
    items: Sequence[ItemDelta],
    amount: Callable[[ItemDelta], Decimal],
    summaries: Sequence[PlatformSummary],
) -> Breakdown:
    by_platform = {s.id: _ZERO for s in summaries}
    by_kind = dict.fromkeys(Kind, _ZERO)
    by_year = dict.fromkeys(sorted({i.year for i in items}), _ZERO)
    for item in items:
        value = amount(item)
        by_platform[item.platform] += value
        by_kind[item.kind] += value
        by_year[item.year] += value
    by_bureau = dict.fromkeys(Bureau, _ZERO)
    by_park: dict[Park | None, Decimal] = dict.fromkeys((*Park, None), _ZERO)
    by_category = dict.fromkeys(Category, _ZERO)
    for summary in summaries:
        value = by_platform[summary.id]
        by_bureau[summary.classification.bureau] += value
        by_park[summary.platform.park] += value
        by_category[summary.platform.category] += value
    return Breakdown(
        total=sum(by_kind.values(), _ZERO),
        formula=by_kind[Kind.MATCHING] + by_kind[Kind.PERFORMANCE],
        by_year=by_year,
        by_bureau=by_bureau,
        by_park=by_park,
        by_kind=by_kind,
        by_category=by_category,
        by_platform=by_platform,
    )


@attrs.frozen
class ComparisonExplanation:
    """One item under both policies, step by step: its :class:`ItemDelta`, both sides'
    items (and so their steps), the policy fields its steps depend on, and among them
    ``fields``, those whose values differ between the two policies: the fields that made
    the difference."""

    item: ItemDelta
    baseline: Item = attrs.field(repr=False)
    alternative: Item = attrs.field(repr=False)
    depends_on: tuple[str, ...]
    fields: tuple[str, ...]
    baseline_policy: Policy | PolicyTimeline = attrs.field(repr=False)
    alternative_policy: Policy | PolicyTimeline = attrs.field(repr=False)

    @property
    def baseline_steps(self) -> tuple[Step, ...]:
        """The steps of the item under the baseline policy."""
        return self.baseline.steps

    @property
    def alternative_steps(self) -> tuple[Step, ...]:
        """The steps of the item under the alternative policy."""
        return self.alternative.steps

    def text(self, lang: str = "zh") -> str:
        """The explanation in ``lang``: the difference, the fields that made it, and both
        sides' steps with their clause ids."""
        from ._compare_text import explanation_text

        return explanation_text(self, lang)


@attrs.frozen
class Comparison:
    """An alternative policy minus a baseline, over the items of one register.

    ``fields`` names the fields of :class:`Policy` whose values differ. ``items`` holds
    every item of the register (report order) as an :class:`ItemDelta`; ``changed``
    those whose amount or eligibility changed. ``total``, ``formula`` and the ``by_…``
    tables are the differences (alternative minus baseline), summed as in a
    :class:`Breakdown`; ``baseline_totals`` and ``alternative_totals`` are the two sides'
    own sums.
    """

    baseline: Assessment = attrs.field(repr=False)
    alternative: Assessment = attrs.field(repr=False)
    fields: tuple[str, ...]
    items: tuple[ItemDelta, ...] = attrs.field(repr=False)
    total: Decimal
    formula: Decimal
    by_year: dict[int, Decimal] = attrs.field(hash=False, repr=False)
    by_bureau: dict[Bureau, Decimal] = attrs.field(hash=False, repr=False)
    by_park: dict[Park | None, Decimal] = attrs.field(hash=False, repr=False)
    by_kind: dict[Kind, Decimal] = attrs.field(hash=False, repr=False)
    by_category: dict[Category, Decimal] = attrs.field(hash=False, repr=False)
    by_platform: dict[str, Decimal] = attrs.field(hash=False, repr=False)
    baseline_totals: Breakdown = attrs.field(repr=False)
    alternative_totals: Breakdown = attrs.field(repr=False)

    @property
    def baseline_policy(self) -> Policy | PolicyTimeline:
        """The policy of the baseline assessment."""
        return self.baseline.policy

    @property
    def alternative_policy(self) -> Policy | PolicyTimeline:
        """The policy of the alternative assessment."""
        return self.alternative.policy

    @property
    def changed(self) -> tuple[ItemDelta, ...]:
        """The items whose amount or eligibility differs, in report order."""
        return tuple(i for i in self.items if i.changed)

    def explain(self, item_id: str, kind: Kind | None = None) -> ComparisonExplanation:
        """Item ``item_id`` (of ``kind``, where ids repeat across kinds) under both
        policies, with the policy fields that made the difference."""
        for n, delta in enumerate(self.items):
            if delta.item == item_id and (kind is None or delta.kind is kind):
                return self._explanation(n)
        known = list(dict.fromkeys(i.item for i in self.items))
        ids = ", ".join(known[:_MAX_IDS_SHOWN]) or "none"
        more = f", … ({len(known)} items)" if len(known) > _MAX_IDS_SHOWN else ""
        raise PolicyValueError(
            f"item: {item_id!r} is not an item of the comparison; items: {ids}{more}",
            field="item",
        )

    def _explanation(self, n: int) -> ComparisonExplanation:
        delta = self.items[n]
        base, alt = self.baseline.items[n], self.alternative.items[n]
        depends: list[str] = []
        for side in (base, alt):
            depends.extend(f for step in side.steps for f in _step_fields(step, side))
        if any(s.code == "upgrade_top_up" for s in (*base.steps, *alt.steps)):
            # what the district paid for the platform's earlier approvals (reading 1)
            for assessment in (self.baseline, self.alternative):
                for other in assessment.items:
                    if (
                        other.platform == delta.platform
                        and other.kind is Kind.MATCHING
                        and other.date <= base.date
                        and other.item != delta.item
                    ):
                        depends.extend(f for s in other.steps for f in _step_fields(s, other))
        depends_on = _in_policy_order(depends)
        return ComparisonExplanation(
            item=delta,
            baseline=base,
            alternative=alt,
            depends_on=depends_on,
            fields=tuple(f for f in depends_on if f in self.fields),
            baseline_policy=self.baseline_policy,
            alternative_policy=self.alternative_policy,
        )

    def to_dict(self) -> dict[str, Any]:
        """The comparison as the JSON-ready dictionary of the shipped ``comparison``
        schema (only the changed items are listed)."""
        from ._compare_text import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self) -> str:
        """The comparison as JSON, valid against the shipped ``comparison`` schema."""
        from ._documents import dumps  # a thin delegate to the documents

        return dumps(self.to_dict())

    def to_frame(self, lang: str = "zh", amounts: str = "decimal") -> Any:
        """One row per item, both amounts and the difference, as a pandas DataFrame."""
        from ._frames import comparison_frame  # a thin delegate (the pandas extra)

        return comparison_frame(self, lang, amounts)

    def _repr_html_(self) -> str:
        from ._html import comparison_html  # a thin delegate (Jupyter)

        return comparison_html(self)


# ---------------------------------------------------------------------------------------
# compare.


def _key(item: Item) -> tuple[str, Kind]:
    return (item.item, item.kind)


def _inputs_of(item: Item) -> tuple[object, ...]:
    """The facts of an item that come from the register alone, whatever the policy."""
    stated = tuple((s.code, s.values) for s in item.steps if s.code in _INPUT_STEPS)
    return (item.platform, item.level, item.year, item.date, stated)


_FACT_NAMES = ("platform", "level", "year", "date", "inputs")


def _first_difference(baseline: Assessment, alternative: Assessment) -> str | None:
    """The first difference between the registers of two assessments, or ``None``: a
    platform or an item in one and not the other, a platform record that differs, or an
    item whose facts from the register (platform, level, year, date, inputs) differ."""
    sides = {"baseline": baseline, "alternative": alternative}
    platforms = {name: {s.id: s.platform for s in a.platforms} for name, a in sides.items()}
    items = {name: {_key(i): i for i in a.items} for name, a in sides.items()}
    for name, other in (("baseline", "alternative"), ("alternative", "baseline")):
        missing = sorted(set(platforms[name]) - set(platforms[other]))
        if missing:
            return f"platform {missing[0]!r} is in the {name}'s register, not in the {other}'s"
    for platform_id, record in platforms["baseline"].items():
        theirs = platforms["alternative"][platform_id]
        for field in attrs.fields(type(record)):
            mine_value, their_value = getattr(record, field.name), getattr(theirs, field.name)
            if mine_value != their_value:
                return (
                    f"platform {platform_id!r}: its {field.name} is {mine_value!r} in the "
                    f"baseline's register, {their_value!r} in the alternative's"
                )
    for name, other in (("baseline", "alternative"), ("alternative", "baseline")):
        for item in sides[name].items:
            if _key(item) not in items[other]:
                return (
                    f"item {item.item!r} ({item.kind.value}) is in the {name}'s register, "
                    f"not in the {other}'s"
                )
    for item in baseline.items:
        theirs_item = items["alternative"][_key(item)]
        for fact, mine_value, their_value in zip(
            _FACT_NAMES, _inputs_of(item), _inputs_of(theirs_item), strict=True
        ):
            if mine_value != their_value:
                return (
                    f"item {item.item!r} ({item.kind.value}): its {fact} is {mine_value!r} in "
                    f"the baseline's register, {their_value!r} in the alternative's"
                )
    return None


def compare(baseline: Assessment, alternative: Assessment) -> Comparison:
    """``alternative`` minus ``baseline``: two assessments of the same register.

    Every item's amount and eligibility on both sides and the difference, the
    differences summed (exactly) by year, bureau, park, kind, category and platform, and
    the fields of the two policies that differ. Two assessments of different registers
    are a :class:`~innovation_policy.PolicyValueError` naming the first difference.
    """
    for name, value in (("baseline", baseline), ("alternative", alternative)):
        if not isinstance(value, Assessment):
            raise PolicyTypeError(
                f"{name}: {value!r} is not an Assessment; expected the result of assess()",
                field=name,
            )
    difference = _first_difference(baseline, alternative)
    if difference is not None:
        raise PolicyValueError(
            f"alternative: not an assessment of the baseline's register: {difference}; "
            "expected two assessments of the same register",
            field="alternative",
        )
    with decimal.localcontext(exact()):  # exact whatever the caller's decimal context
        return _compare(baseline, alternative)


def _compare(baseline: Assessment, alternative: Assessment) -> Comparison:
    # Both sides list the same items in the same order: the report order (date,
    # platform, kind, id) depends on the register alone, which _first_difference checked.
    assert [_key(i) for i in baseline.items] == [_key(i) for i in alternative.items]
    deltas = tuple(
        ItemDelta(
            item=b.item,
            platform=b.platform,
            kind=b.kind,
            level=b.level,
            year=b.year,
            baseline=b.amount,
            alternative=a.amount,
            delta=a.amount - b.amount,
            baseline_eligible=b.eligible,
            alternative_eligible=a.eligible,
            clauses=tuple(dict.fromkeys((*b.clauses, *a.clauses))),
        )
        for b, a in zip(baseline.items, alternative.items, strict=True)
    )
    summaries = baseline.platforms
    delta = _breakdown(deltas, lambda d: d.delta, summaries)
    return Comparison(
        baseline=baseline,
        alternative=alternative,
        fields=differing_fields(baseline.policy, alternative.policy),
        items=deltas,
        total=delta.total,
        formula=delta.formula,
        by_year=delta.by_year,
        by_bureau=delta.by_bureau,
        by_park=delta.by_park,
        by_kind=delta.by_kind,
        by_category=delta.by_category,
        by_platform=delta.by_platform,
        baseline_totals=_breakdown(deltas, lambda d: d.baseline, summaries),
        alternative_totals=_breakdown(deltas, lambda d: d.alternative, summaries),
    )


def compare_policies(
    register: Register,
    baseline: Policy | PolicyTimeline,
    *alternatives: Policy | PolicyTimeline,
) -> tuple[Comparison, ...]:
    """Assess ``register`` under ``baseline`` and under each alternative, and compare
    each alternative with the baseline: one :class:`Comparison` per alternative."""
    base = assess(register, policy=baseline)
    return tuple(compare(base, assess(register, policy=p)) for p in alternatives)


# ---------------------------------------------------------------------------------------
# The reading sweep.


@attrs.frozen
class SweepRow:
    """One combination of the switchable readings (reading 1, reading 2) with the
    district total and the formula total under it, and what it costs against the
    default: ``delta`` and ``formula_delta``, this combination minus the default."""

    upgrade_reading: UpgradeReading
    city_reading: CityReading
    total: Decimal
    formula: Decimal
    delta: Decimal
    formula_delta: Decimal
    is_default: bool
    comparison: Comparison = attrs.field(repr=False)


@attrs.frozen
class ReadingSweep:
    """Every combination of the switchable readings against a default policy: one
    :class:`SweepRow` per combination, in the order of the readings' members."""

    policy: Policy = attrs.field(repr=False)
    rows: tuple[SweepRow, ...]

    @property
    def default(self) -> SweepRow:
        """The row of the default policy's own readings."""
        return next(r for r in self.rows if r.is_default)

    def to_dict(self) -> dict[str, Any]:
        """The sweep as the JSON-ready dictionary of the shipped ``sweep`` schema."""
        from ._compare_text import sweep_to_dict

        return sweep_to_dict(self)

    def to_json(self) -> str:
        """The sweep as JSON, valid against the shipped ``sweep`` schema."""
        from ._documents import dumps  # a thin delegate to the documents

        return dumps(self.to_dict())


def compare_readings(register: Register, policy: Policy = GANYU_2021) -> ReadingSweep:
    """Assess ``register`` under every combination of the switchable readings — the
    upgrade reading (reading 1, §6.3, §6.4, §6.7) × the city reading (reading 2, §6.5) —
    each on top of ``policy``, and compare each with ``policy`` itself: what each
    combination costs the district against the default."""
    base = assess(register, policy=policy)
    rows = []
    for upgrade, city in itertools.product(UpgradeReading, CityReading):
        is_default = (upgrade, city) == (policy.upgrade_reading, policy.city_reading)
        variant = attrs.evolve(policy, upgrade_reading=upgrade, city_reading=city)
        comparison = compare(base, base if is_default else assess(register, policy=variant))
        rows.append(
            SweepRow(
                upgrade_reading=upgrade,
                city_reading=city,
                total=comparison.alternative_totals.total,
                formula=comparison.alternative_totals.formula,
                delta=comparison.total,
                formula_delta=comparison.formula,
                is_default=is_default,
                comparison=comparison,
            )
        )
    return ReadingSweep(policy=policy, rows=tuple(rows))
