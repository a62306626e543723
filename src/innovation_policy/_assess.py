"""The assessment: every platform, every year, settled without double payment.

:func:`assess` applies the single-award rules (§6.3, §6.4, §6.6) to every approval and
review of a register, then settles them over time: the upgrade reading (reading 1,
§6.7), the city reading and the county standard (reading 2, §6.5), the performance grant
"highest applies, never twice" against the city's grant (§6.7), the plan period
(reading 8), and the case-by-case decisions kept apart (§6.2).
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._errors import PolicyLookupError, PolicyTypeError, listed, shown
from ._explain import Step, check_lang, render, title
from ._frozen import FrozenDict
from ._labels import (
    Bureau,
    Category,
    CityReading,
    Kind,
    Level,
    NoticeCode,
    Park,
    StepCode,
    UpgradeReading,
)
from ._money import exact
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, as_timeline
from ._register import (
    Approval,
    CaseDecision,
    Notice,
    Platform,
    Register,
    Review,
    register_notices,
)
from ._rules import (
    MATCHED_LEVELS,
    PERFORMANCE_CLAUSES,
    Award,
    Classification,
    classify,
    entitlements,
    matching_amount,
    matching_award,
    matching_clauses,
    performance_amount,
    performance_award,
)
from ._trace import implements

__all__ = ["Assessment", "Item", "PlatformSummary", "Totals", "assess", "highest_level"]

_ZERO = Decimal("0.00")
_KIND_ORDER = {Kind.MATCHING: 0, Kind.PERFORMANCE: 1, Kind.CASE: 2}
_PERIOD_CLAUSE = "§2.2"


@attrs.frozen
class Item:
    """One assessed item: an approval's matching support, a year's performance grant, or
    a case-by-case decision, with the maximum payable after settlement.

    ``award`` is the standalone award of §6.3, §6.4 or §6.6 (``None`` for a case
    decision, or where a fact it needs is recorded as unknown); ``steps`` are its steps
    followed by the settlement steps, so :meth:`explain` shows the whole way from the
    inputs to ``amount``. They are made when first asked for, by running the settlement
    of this item again on the very inputs that made ``amount``, recording each step.

    ``due`` is the day the money falls due (reading 10): the approval date for matching
    support, the day the year's rating was decided (31 March of the next year where the
    register does not record it) for a performance grant, the decision date for a case.
    ``missing`` names the facts recorded as unknown that the amount waits for
    (``superior_funding``, ``turnover``): until they are known the item counts 0.
    ``version`` is the index of the policy version that settled it (reading 11; 0 for a
    single policy).
    """

    item: str
    platform: str
    kind: Kind
    level: Level | None
    year: int
    date: dt.date
    eligible: bool
    amount: Decimal
    clauses: tuple[str, ...]
    due: dt.date = attrs.field(repr=False)
    missing: tuple[str, ...] = attrs.field(repr=False)
    _source: Approval | Review | CaseDecision = attrs.field(repr=False)
    _paid: Decimal | None = attrs.field(repr=False)
    _policy: Policy = attrs.field(repr=False)
    version: int = attrs.field(default=0, repr=False)
    _version_from: dt.date | None = attrs.field(default=None, repr=False)

    @functools.cached_property
    def award(self) -> Award | None:
        """The standalone award this item was settled from (§6.3, §6.4, §6.6), or ``None``
        for a case decision or an unknown base (made on first use, then kept)."""
        source = self._source
        if isinstance(source, Approval) and source.superior_funding is not None:
            return matching_award(source.level, source.superior_funding, self._policy)
        if isinstance(source, Review) and source.turnover is not None:
            return performance_award(
                self.level, source.rating, source.turnover, self._policy, source.year
            )
        return None

    @functools.cached_property
    def steps(self) -> tuple[Step, ...]:
        """Every step from the inputs to ``amount`` (made on first use, then kept)."""
        record: list[Step] = []
        source, policy = self._source, self._policy
        if self._version_from is not None:
            record.append(
                Step(
                    StepCode.POLICY_VERSION,
                    self.clauses,
                    (self.version + 1, self._version_from, policy.name),
                )
            )
        if isinstance(source, Approval):
            entitlement = _entitlement(source, policy)
            _settle_approval(source, entitlement, self._paid or _ZERO, policy, record)
        elif isinstance(source, Review):
            _settle_review(source, self.level, policy, record)
        else:
            _settle_case(source, policy, record)
        return tuple(record)

    def explain(self, lang: str = "zh") -> str:
        """The item step by step, with clause ids, ending in the maximum payable."""
        lang = check_lang(lang)
        named = title(self.kind, self.level, self.year, lang)
        head = f"{self.item}：{named}" if lang == "zh" else f"{self.item}: {named}"
        return render(head, self.steps, self.amount, lang)

    @property
    def sort_key(self) -> tuple[dt.date, str, int, str]:
        """Order of items in reports: date, platform id, kind, item id."""
        return (self.date, self.platform, _KIND_ORDER[self.kind], self.item)


@attrs.frozen
class PlatformSummary:
    """A platform as the assessment sees it: the highest level reached, whether that
    makes it major, what it counts as, its bureau and its non-cash entitlements."""

    platform: Platform
    level: Level | None
    classification: Classification

    @property
    def id(self) -> str:
        """The platform's id."""
        return self.platform.id

    @property
    def is_major(self) -> bool:
        """Whether the highest level reached makes it a major platform (§3.0)."""
        return self.level is not None and self.classification.is_major

    @property
    def entitlements(self) -> tuple[Any, ...]:
        """The non-cash entitlements of a major platform (§6.8, §6.9)."""
        return entitlements(self.classification) if self.level is not None else ()


@attrs.frozen
class Totals:
    """Sums of the payable amounts: all of it, the formula money, and by platform, kind,
    year, bureau, park, category and level. Case decisions count in ``district`` but not
    in ``formula``. Every table is a read-only ``dict`` (pandas reads it as keys and
    values).

    ``by_year`` is keyed by the year the entitlement arose (the approval's year, the
    rated year, the decision's year); ``by_due_year`` by the year it falls due (reading
    10), listing only years with an item. ``by_park`` has every park and ``None`` for the
    platforms outside the four parks (§A); ``by_level`` the items' levels (``None`` for
    case decisions and years with no recognition held), listing only those present.
    """

    district: Decimal
    formula: Decimal
    by_platform: Mapping[str, Decimal]
    by_kind: Mapping[Kind, Decimal]
    by_year: Mapping[int, Decimal]
    by_bureau: Mapping[Bureau, Decimal]
    by_due_year: Mapping[int, Decimal]
    by_park: Mapping[Park | None, Decimal]
    by_category: Mapping[Category, Decimal]
    by_level: Mapping[Level | None, Decimal]


@attrs.frozen
class Assessment:
    """What the district owes each platform under a policy: every item, totals, warnings,
    and the register and policy it was made from."""

    policy: Policy | PolicyTimeline = attrs.field(repr=False)
    platforms: tuple[PlatformSummary, ...] = attrs.field(repr=False)
    items: tuple[Item, ...] = attrs.field(repr=False)
    totals: Totals
    warnings: tuple[Notice, ...] = attrs.field(repr=False)
    register: Register = attrs.field(repr=False, eq=False, kw_only=True)

    def items_of(self, platform_id: str) -> tuple[Item, ...]:
        """The items of one platform, in report order."""
        return tuple(i for i in self.items if i.platform == platform_id)

    def item(self, item_id: str, kind: Kind | None = None) -> Item:
        """The item with this id (and kind, where ids could repeat across kinds)."""
        for item in self.items:
            if item.item == item_id and (kind is None or item.kind is kind):
                return item
        of_kind = f" of kind {kind.value}" if kind is not None else ""
        raise PolicyLookupError(
            f"{shown(item_id)} is not an item{of_kind} of the assessment; items: "
            + listed(dict.fromkeys(i.item for i in self.items if kind is None or i.kind is kind)),
            path="item",
            value=item_id,
        )

    def explain(self, lang: str = "zh") -> str:
        """Every item, step by step."""
        return "\n\n".join(i.explain(lang) for i in self.items)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The assessment as the JSON-ready dictionary of the shipped schema."""
        from ._documents import assessment_to_dict

        return assessment_to_dict(self, lang)

    def to_json(self, lang: str = "zh") -> str:
        """The assessment as JSON (explanations in ``lang``), valid against its schema."""
        from ._documents import dumps  # a thin delegate to the documents

        return dumps(self.to_dict(lang))

    def to_frame(self, lang: str = "zh", amounts: str = "decimal") -> Any:
        """One row per item, as a pandas DataFrame (``amounts``: ``decimal`` or ``fen``)."""
        from ._frames import assessment_frame  # a thin delegate (the pandas extra)

        return assessment_frame(self, lang, amounts)

    def _repr_html_(self) -> str:
        from ._html import assessment_html  # a thin delegate (Jupyter)

        return assessment_html(self)

    def __repr__(self) -> str:
        from ._html import assessment_repr  # short: counts and totals

        return assessment_repr(self)


def highest_level(
    approvals: Iterable[Approval], on_or_before: dt.date | None = None
) -> Level | None:
    """The highest level among approvals (dated on or before a day, if given), or ``None``."""
    best: Level | None = None
    for approval in approvals:
        if on_or_before is not None and approval.date > on_or_before:
            continue
        if best is None or approval.level.rank > best.rank:
            best = approval.level
    return best


implements(highest_level, "§6.6")


def _outside(what: object, policy: Policy, *, code: StepCode = StepCode.OUTSIDE_PERIOD) -> Step:
    return Step(code, (_PERIOD_CLAUSE,), (what, policy.plan_start, policy.plan_end), _ZERO)


_Recorder = list[Step] | None
_Settled = tuple[Decimal, bool, tuple[str, ...]]


def _settle_approval(
    approval: Approval,
    entitlement: Decimal | None,
    paid: Decimal,
    policy: Policy,
    record: _Recorder,
) -> _Settled:
    """One approval's matching support, given its standalone entitlement (``None`` for
    a level that is not matched) and what the district already paid the platform for
    its earlier approvals (§6.3–§6.5, §6.7; readings 1, 2, 8)."""
    clauses = matching_clauses(approval.level)
    if _funding_unknown(approval):
        if record is not None:
            record.append(Step(StepCode.FUNDING_UNKNOWN, clauses, (approval.level,), _ZERO))
    elif record is not None:  # the standalone award's steps (§6.3, §6.4)
        matching_amount(approval.level, approval.superior_funding or _ZERO, policy, record)
    if not policy.in_period(approval.date):
        if record is not None:
            record.append(_outside(approval.date, policy))
        return _ZERO, False, _unique((*clauses, _PERIOD_CLAUSE))
    if _funding_unknown(approval):
        return _ZERO, True, clauses  # eligible; the amount waits for the funding
    if entitlement is None:
        return _ZERO, False, clauses
    if policy.upgrade_reading is UpgradeReading.TOP_UP:
        difference = entitlement - paid
        amount = max(difference, _ZERO)
        if record is not None:
            record.append(
                Step(StepCode.UPGRADE_TOP_UP, ("§6.7",), (entitlement, paid, difference), amount)
            )
        clauses += ("§6.7",)
    else:
        amount = entitlement
        if record is not None:
            record.append(Step(StepCode.EACH_APPROVAL, clauses, (amount,), amount))
    if approval.city_award > 0:
        clauses += ("§6.5",)
        if policy.city_reading is CityReading.CITY_EXCLUDES_DISTRICT:
            amount = _ZERO
            if record is not None:
                record.append(
                    Step(StepCode.CITY_EXCLUDES_DISTRICT, ("§6.5",), (approval.city_award,), amount)
                )
        else:
            difference = amount - approval.city_award
            before, amount = amount, max(difference, _ZERO)
            if record is not None:
                record.append(
                    Step(
                        StepCode.CITY_TOP_UP,
                        ("§6.5",),
                        (before, approval.city_award, difference),
                        amount,
                    )
                )
    county_cap = policy.county_standard_caps.get(approval.level)
    if county_cap is not None:
        capped = min(amount, county_cap)
        if record is not None:
            record.append(
                Step(
                    StepCode.COUNTY_STANDARD_CAP,
                    ("§6.5",),
                    (amount, county_cap, approval.level),
                    capped,
                )
            )
        clauses += ("§6.5",)
        amount = capped
    return amount, True, _unique(clauses)


def _funding_unknown(approval: Approval) -> bool:
    """Whether the matching of a matched level waits for its funding, recorded unknown."""
    return approval.superior_funding is None and approval.level in MATCHED_LEVELS


def _entitlement(approval: Approval, policy: Policy) -> Decimal | None:
    """The standalone matching of an approval (§6.3, §6.4): ``None`` where its level is
    not matched or its funding is unknown."""
    if approval.superior_funding is None:
        return None
    return matching_amount(approval.level, approval.superior_funding, policy, None)


class _Versions:
    """Which version of the policy settles an item (reading 11): the one in force on the
    approval or decision date, or on 31 December of a rated year. A single policy is its
    own only version, found at no cost."""

    __slots__ = ("_policies", "_starts", "first", "single")

    def __init__(self, timeline: PolicyTimeline) -> None:
        self._starts = [start for start, _ in timeline.versions]
        self._policies = [policy for _, policy in timeline.versions]
        self.first = self._policies[0]
        self.single = len(self._policies) == 1

    def on(self, day: dt.date) -> tuple[int, Policy, dt.date | None]:
        """The version's index, its policy, and its first day (``None`` for a single one)."""
        if self.single:
            return 0, self.first, None
        index = max(bisect.bisect_right(self._starts, day) - 1, 0)
        return index, self._policies[index], self._starts[index]


def _settle_matching(approvals: list[Approval], versions: _Versions) -> list[Item]:
    """Matching support for one platform's approvals, in date order (§6.3–§6.5, §6.7),
    each under the version of the policy in force on its date (reading 11)."""
    items = []
    paid = _ZERO
    entitled = []
    for approval in approvals:
        version = versions.on(approval.date)
        entitled.append((approval, _entitlement(approval, version[1]), version))
    # Same date: ascending level, entitlement, city award, then id (reading 1), so that
    # no amount depends on ids or on the order of records (a level not matched counts 0).
    entitled.sort(
        key=lambda entry: (
            entry[0].date,
            entry[0].level.rank,
            entry[1] or _ZERO,
            entry[0].city_award,
            entry[0].id,
        )
    )
    for approval, entitlement, (index, policy, start) in entitled:
        amount, eligible, clauses = _settle_approval(approval, entitlement, paid, policy, None)
        missing = _FUNDING if eligible and _funding_unknown(approval) else ()
        items.append(
            Item(
                approval.id,
                approval.platform,
                Kind.MATCHING,
                approval.level,
                approval.date.year,
                approval.date,
                eligible,
                amount,
                clauses,
                approval.date,
                missing,
                approval,
                paid,
                policy,
                index,
                start,
            )
        )
        paid += amount
    return items


_FUNDING = ("superior_funding",)
_TURNOVER = ("turnover",)


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _settle_review(
    review: Review, level: Level | None, policy: Policy, record: _Recorder
) -> _Settled:
    """The performance grant of one platform-year (§6.6) for the highest level held,
    against the city's (§6.7; readings 4 and 8)."""
    if review.turnover is None:  # the grant waits for the turnover, if one is due at all
        grant = performance_amount(level, review.rating, _ZERO, policy, record)
        if grant is not None and record is not None:
            record.append(Step(StepCode.TURNOVER_UNKNOWN, PERFORMANCE_CLAUSES, (), _ZERO))
    else:
        grant = performance_amount(level, review.rating, review.turnover, policy, record)
    if not policy.year_in_period(review.year):
        if record is not None:
            record.append(_outside(review.year, policy, code=StepCode.YEAR_OUTSIDE_PERIOD))
        return _ZERO, False, (*PERFORMANCE_CLAUSES, _PERIOD_CLAUSE)
    if grant is None:
        return _ZERO, False, PERFORMANCE_CLAUSES
    if review.turnover is None:
        return _ZERO, True, PERFORMANCE_CLAUSES
    if review.city_grant > 0:
        amount = max(grant - review.city_grant, _ZERO)
        if record is not None:
            record.append(
                Step(StepCode.PERFORMANCE_CITY, ("§6.7",), (grant, review.city_grant), amount)
            )
        return amount, True, (*PERFORMANCE_CLAUSES, "§6.7")
    return grant, True, PERFORMANCE_CLAUSES


def review_due(review: Review) -> dt.date:
    """When a year's performance grant falls due (reading 10): the day its rating was
    decided, or 31 March of the next year where the register does not record it."""
    return review.date if review.date is not None else dt.date(review.year + 1, 3, 31)


def _settle_performance(review: Review, approvals: list[Approval], versions: _Versions) -> Item:
    """The performance grant of one platform-year (§6.6), against the city's (§6.7),
    under the version in force on 31 December of the year (readings 4 and 11)."""
    year_end = dt.date(review.year, 12, 31)
    index, policy, start = versions.on(year_end)
    level = highest_level(approvals, year_end)
    amount, eligible, clauses = _settle_review(review, level, policy, None)
    missing = _TURNOVER if eligible and review.turnover is None else ()
    return Item(
        review.id,
        review.platform,
        Kind.PERFORMANCE,
        level,
        review.year,
        year_end,
        eligible,
        amount,
        clauses,
        review_due(review),
        missing,
        review,
        None,
        policy,
        index,
        start,
    )


def _settle_case(decision: CaseDecision, policy: Policy, record: _Recorder) -> _Settled:
    """A case-by-case decision (§6.2): listed as decided, apart from formula money."""
    if record is not None:
        record.append(
            Step(
                StepCode.CASE_DECISION,
                ("§6.2",),
                (decision.amount, decision.reference),
                decision.amount,
            )
        )
    if policy.in_period(decision.date):
        return decision.amount, True, ("§6.2",)
    if record is not None:
        record.append(
            Step(
                StepCode.CASE_OUTSIDE_PERIOD,
                (_PERIOD_CLAUSE,),
                (decision.date, policy.plan_start, policy.plan_end),
                decision.amount,
            )
        )
    return decision.amount, True, ("§6.2", _PERIOD_CLAUSE)


def _case_item(decision: CaseDecision, versions: _Versions) -> Item:
    """A case-by-case decision (§6.2): listed as decided, apart from formula money."""
    index, policy, start = versions.on(decision.date)
    amount, eligible, clauses = _settle_case(decision, policy, None)
    return Item(
        decision.id,
        decision.platform,
        Kind.CASE,
        None,
        decision.date.year,
        decision.date,
        eligible,
        amount,
        clauses,
        decision.date,
        (),
        decision,
        None,
        policy,
        index,
        start,
    )


def assess(register: Register, *, policy: Policy | PolicyTimeline = GANYU_2021) -> Assessment:
    """What the district owes each platform, item by item, under ``policy``.

    Matching support per approval (§6.3, §6.4), settled in date order (same date: lower
    level first) under the upgrade reading (reading 1, §6.7), the city reading and the
    county standard (reading 2, §6.5); the performance grant per review (§6.6), for the
    highest level held on 31 December of the year (reading 4), against the city's grant
    (§6.7); approvals and years outside the plan period not eligible (reading 8); case
    decisions listed apart (§6.2). The result does not depend on the order of records.

    ``policy`` may be a :class:`~innovation_policy.PolicyTimeline`: each item is then
    settled by the version in force on its approval or decision date, or on 31 December
    of its rated year (reading 11), and records which (``Item.version``).
    """
    timeline = as_timeline(policy)
    if not isinstance(register, Register):
        raise PolicyTypeError(
            f"register: {shown(register)} is not a Register; read one with "
            "load_register() or read_register(), or make one with Register(...)",
            field="register",
        )
    with decimal.localcontext(exact()):  # exact whatever the caller's decimal context
        return _assess(register, policy, _Versions(timeline))


def _assess(register: Register, given: Policy | PolicyTimeline, versions: _Versions) -> Assessment:
    plan = versions.first  # every version has the same plan period (reading 11)
    approvals: dict[str, list[Approval]] = defaultdict(list)
    for approval in register.approvals:
        approvals[approval.platform].append(approval)
    items: list[Item] = []
    for platform_approvals in approvals.values():
        items.extend(_settle_matching(platform_approvals, versions))
    items.extend(
        _settle_performance(review, approvals[review.platform], versions)
        for review in register.reviews
    )
    items.extend(_case_item(d, versions) for d in register.case_decisions)
    items.sort(key=lambda i: i.sort_key)

    summaries = []
    for platform in sorted(register.platforms, key=lambda p: p.id):
        level = highest_level(approvals.get(platform.id, ()))
        summaries.append(
            PlatformSummary(platform, level, classify(platform.category, level or Level.DISTRICT))
        )
    notices = list(register_notices(register))
    notices.extend(
        Notice(
            NoticeCode.CASE_OUTSIDE_PERIOD,
            d.platform,
            ("§6.2", _PERIOD_CLAUSE),
            (
                ("platform", d.platform),
                ("decision", d.id),
                ("date", d.date),
                ("plan_start", plan.plan_start),
                ("plan_end", plan.plan_end),
            ),
        )
        for d in sorted(register.case_decisions, key=lambda d: (d.date, d.platform, d.id))
        if not plan.in_period(d.date)
    )
    notices.sort(key=lambda n: (n.platform or "", n.code))
    return Assessment(
        register=register,
        policy=given,
        platforms=tuple(summaries),
        items=tuple(items),
        totals=_totals(items, summaries),
        warnings=tuple(notices),
    )


implements(assess, "§6.2", "§6.3", "§6.4", "§6.5", "§6.6", "§6.7")


def _totals(items: list[Item], summaries: list[PlatformSummary]) -> Totals:
    by_platform = dict.fromkeys((s.id for s in summaries), _ZERO)
    by_kind = dict.fromkeys(Kind, _ZERO)
    by_year: dict[int, Decimal] = {}
    by_due_year: dict[int, Decimal] = {}
    by_level: dict[Level | None, Decimal] = {}
    for item in items:
        amount = item.amount
        by_platform[item.platform] += amount
        by_kind[item.kind] += amount
        by_year[item.year] = by_year.get(item.year, _ZERO) + amount
        due = item.due.year
        by_due_year[due] = by_due_year.get(due, _ZERO) + amount
        by_level[item.level] = by_level.get(item.level, _ZERO) + amount
    by_bureau = dict.fromkeys(Bureau, _ZERO)
    by_park: dict[Park | None, Decimal] = dict.fromkeys((*Park, None), _ZERO)
    by_category = dict.fromkeys(Category, _ZERO)
    for summary in summaries:  # exact sums: grouping changes nothing
        amount = by_platform[summary.id]
        by_bureau[summary.classification.bureau] += amount
        by_park[summary.platform.park] += amount
        by_category[summary.platform.category] += amount
    district = sum(by_kind.values(), _ZERO)
    return Totals(
        district=district,
        formula=by_kind[Kind.MATCHING] + by_kind[Kind.PERFORMANCE],
        by_platform=FrozenDict(by_platform),
        by_kind=FrozenDict(by_kind),
        by_year=FrozenDict(sorted(by_year.items())),
        by_bureau=FrozenDict(by_bureau),
        by_due_year=FrozenDict(sorted(by_due_year.items())),
        by_park=FrozenDict(by_park),
        by_category=FrozenDict(by_category),
        by_level=FrozenDict(
            (level, by_level[level]) for level in (*Level, None) if level in by_level
        ),
    )
