"""The rules of the policy as tables and small pure functions.

Classification (§3.0), bureaus (§4.1–§4.3), matching support (§6.3, §6.4), the
performance grant (§6.6) and the non-cash entitlements (§6.8, §6.9). Each function
cites its clauses in its result, and is recorded in the traceability registry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from ._explain import Step, check_lang, render, title
from ._labels import Bureau, Category, Kind, Level, Rating, StepCode
from ._money import money, multiply, round_down
from ._policy import GANYU_2021, Policy
from ._trace import implements
from ._vocabulary import ENTITLEMENTS, pick

__all__ = [
    "Award",
    "Classification",
    "Entitlement",
    "MatchingTerms",
    "classify",
    "entitlements",
    "matching_subsidy",
    "matching_terms",
    "performance_grant",
    "responsible_bureau",
]

# ---------------------------------------------------------------------------------------
# §3.0 and §4.1–§4.3: who is major, what it counts as, which bureau is responsible.

_CENTRE_LEVELS = frozenset({Level.NATIONAL, Level.PROVINCIAL})
_INSTITUTION_LEVELS = frozenset({Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL})

#: category → (levels at which it is major, what it counts as, its own clause) (§3.0–§3.6)
_CATEGORIES: Mapping[Category, tuple[frozenset[Level], Category, str]] = MappingProxyType(
    {
        Category.TECHNOLOGY_INNOVATION_CENTER: (
            _CENTRE_LEVELS,
            Category.TECHNOLOGY_INNOVATION_CENTER,
            "§3.1",
        ),
        Category.INDUSTRIAL_INNOVATION_CENTER: (
            _CENTRE_LEVELS,
            Category.INDUSTRIAL_INNOVATION_CENTER,
            "§3.2",
        ),
        Category.MANUFACTURING_INNOVATION_CENTER: (
            _CENTRE_LEVELS,
            Category.MANUFACTURING_INNOVATION_CENTER,
            "§3.3",
        ),
        Category.PUBLIC_SERVICE_PLATFORM: (
            _CENTRE_LEVELS,
            Category.PUBLIC_SERVICE_PLATFORM,
            "§3.4",
        ),
        Category.NEW_RD_INSTITUTION: (_INSTITUTION_LEVELS, Category.NEW_RD_INSTITUTION, "§3.5"),
        Category.PROFESSIONAL_INSTITUTE: (
            _INSTITUTION_LEVELS,
            Category.NEW_RD_INSTITUTION,
            "§3.6",
        ),
    }
)

#: category → (responsible bureau, clause) (§4.1–§4.3)
_BUREAUS: Mapping[Category, tuple[Bureau, str]] = MappingProxyType(
    {
        Category.TECHNOLOGY_INNOVATION_CENTER: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
        Category.PUBLIC_SERVICE_PLATFORM: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
        Category.NEW_RD_INSTITUTION: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
        Category.PROFESSIONAL_INSTITUTE: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
        Category.INDUSTRIAL_INNOVATION_CENTER: (Bureau.DEVELOPMENT_AND_REFORM, "§4.2"),
        Category.MANUFACTURING_INNOVATION_CENTER: (
            Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY,
            "§4.3",
        ),
    }
)


@attrs.frozen
class Classification:
    """What a platform of a category at a level is under the plan (§3.0, §4.1–§4.3).

    ``is_major``: whether it is a major industrial innovation platform; ``counts_as``: the
    category it counts as (a professional institute counts as a new R&D institution);
    ``bureau``: the bureau responsible for it; ``clauses``: the ids that decided this.
    """

    category: Category
    level: Level
    is_major: bool
    counts_as: Category
    bureau: Bureau
    clauses: tuple[str, ...]


def responsible_bureau(category: Category) -> Bureau:
    """The district bureau responsible for a category (§4.1–§4.3).

    >>> responsible_bureau(Category.INDUSTRIAL_INNOVATION_CENTER)
    Bureau.DEVELOPMENT_AND_REFORM
    """
    return _BUREAUS[Category.parse(category, field="category")][0]


implements(responsible_bureau, "§4.1", "§4.2", "§4.3")


def classify(category: Category, level: Level) -> Classification:
    """Classify a platform of ``category`` recognised at ``level`` (§3.0, §4.1–§4.3).

    The first four categories are major only at national or provincial level; a new R&D
    institution, and so a professional institute, from municipal filing up; nothing is
    major at district level.
    """
    category = Category.parse(category, field="category")
    level = Level.parse(level, field="level")
    major_levels, counts_as, own_clause = _CATEGORIES[category]
    bureau, bureau_clause = _BUREAUS[category]
    return Classification(
        category=category,
        level=level,
        is_major=level in major_levels,
        counts_as=counts_as,
        bureau=bureau,
        clauses=("§3.0", own_clause, bureau_clause),
    )


implements(classify, "§3.0", "§3.1", "§3.2", "§3.3", "§3.4", "§3.5", "§3.6")

# ---------------------------------------------------------------------------------------
# §6.3, §6.4, §6.6: the money rules, as a table keyed by level.


@attrs.frozen
class MatchingTerms:
    """The matching terms for one level: ratio, cap and the clause that sets them."""

    level: Level
    ratio: Decimal
    cap: Decimal
    clause: str


_MATCHING: Mapping[Level, tuple[str, Callable[[Policy], tuple[Decimal, Decimal]]]] = (
    MappingProxyType(
        {
            Level.NATIONAL: ("§6.3", lambda p: (p.national_match_ratio, p.national_match_cap)),
            Level.PROVINCIAL: (
                "§6.4",
                lambda p: (p.provincial_match_ratio, p.provincial_match_cap),
            ),
        }
    )
)


def matching_terms(level: Level, policy: Policy = GANYU_2021) -> MatchingTerms | None:
    """The matching ratio and cap for an approval at ``level``, or ``None`` (§6.3, §6.4).

    Only national (§6.3) and provincial (§6.4) approvals are matched.
    """
    level = Level.parse(level, field="level")
    entry = _MATCHING.get(level)
    if entry is None:
        return None
    clause_id, terms = entry
    ratio, cap = terms(policy)
    return MatchingTerms(level, ratio, cap, clause_id)


implements(matching_terms, "§6.3", "§6.4")


#: A computation that records its steps when given a list, and only returns its result
#: when given ``None``: the same function makes the amount and, later, its explanation.
Recorder = list[Step] | None


@attrs.frozen
class Award:
    """The maximum payable for one item, with the clauses and steps that produced it.

    ``amount`` is a maximum (reading 5): at least 0, never above the cap that applies,
    rounded down to the fen. ``steps`` are the computation as data, made when first
    asked for by running the very computation that made ``amount`` again, with the
    same inputs, recording each step; :meth:`explain` turns them into text in Chinese
    (default) or English.
    """

    amount: Decimal
    eligible: bool
    clauses: tuple[str, ...]
    kind: Kind = attrs.field(repr=False)
    level: Level | None = attrs.field(repr=False)
    year: int | None = attrs.field(repr=False)
    _compute: Callable[..., object] = attrs.field(repr=False, eq=False)
    _inputs: tuple[object, ...] = attrs.field(repr=False)

    @functools.cached_property
    def steps(self) -> tuple[Step, ...]:
        """The steps of the computation, in order (made on first use, then kept)."""
        record: list[Step] = []
        self._compute(*self._inputs, record)
        return tuple(record)

    def explain(self, lang: str = "zh") -> str:
        """A plain explanation an auditor can redo with a calculator."""
        lang = check_lang(lang)
        return render(title(self.kind, self.level, self.year, lang), self.steps, self.amount, lang)

    def _repr_html_(self) -> str:
        from ._html import award_html  # a thin delegate (Jupyter)

        return award_html(self)


_ZERO = Decimal("0.00")


def _capped(value: Decimal, cap: Decimal, clauses: tuple[str, ...], record: Recorder) -> Decimal:
    capped = cap if value > cap else value
    if record is not None:
        code = StepCode.CAP_APPLIED if value > cap else StepCode.CAP_NOT_APPLIED
        record.append(Step(code, clauses, (value, cap), capped))
    return capped


def matching_subsidy(
    level: Level, superior_funding: Decimal | int, *, policy: Policy = GANYU_2021
) -> Award:
    """The standalone maximum matching support for one approval (§6.3, §6.4).

    National: ``superior_funding × national_match_ratio``, at most ``national_match_cap``;
    provincial: ``× provincial_match_ratio``, at most ``provincial_match_cap``; rounded
    down to the fen. Municipal and district recognitions are not matched (0).

    >>> matching_subsidy(Level.PROVINCIAL, Decimal("6000000")).amount
    Decimal('3000000.00')
    """
    level = Level.parse(level, field="level")
    base = money(superior_funding, "superior_funding")
    return matching_award(level, base, policy)


implements(matching_subsidy, "§6.3", "§6.4")

_NOT_MATCHED = ("§6.3", "§6.4")


def matching_amount(
    level: Level, base: Decimal, policy: Policy, record: Recorder
) -> Decimal | None:
    """The matching computation: the amount, or ``None`` for a level that is not matched."""
    entry = _MATCHING.get(level)
    if entry is None:
        if record is not None:
            record.append(Step(StepCode.MATCHING_LEVEL_NOT_ELIGIBLE, _NOT_MATCHED, (level,), _ZERO))
        return None
    clause_id, terms = entry
    ratio, cap = terms(policy)
    cites = (clause_id,)
    product = multiply(base, ratio)
    if record is not None:
        record.append(Step(StepCode.MATCHING_BASE, cites, (level, base)))
        record.append(Step(StepCode.RATIO, cites, (base, ratio), product))
    capped = _capped(product, cap, cites, record)
    amount = round_down(capped)
    if record is not None:
        record.append(Step(StepCode.ROUND_DOWN, cites, (capped,), amount))
    return amount


def matching_award(level: Level, base: Decimal, policy: Policy) -> Award:
    """:func:`matching_subsidy` of a level and an amount already checked: an approval's
    (its record checked both), so that :func:`~innovation_policy.assess` does not check
    every approval of a register a second time."""
    amount = matching_amount(level, base, policy, None)
    inputs = (level, base, policy)
    if amount is None:
        return Award(
            _ZERO, False, _NOT_MATCHED, Kind.MATCHING, level, None, matching_amount, inputs
        )
    return Award(
        amount, True, _MATCHING_CITES[level], Kind.MATCHING, level, None, matching_amount, inputs
    )


_MATCHING_CITES = {level: (clause_id,) for level, (clause_id, _) in _MATCHING.items()}


#: the levels whose approval is matched (§6.3, §6.4)
MATCHED_LEVELS = frozenset(_MATCHING)


def matching_clauses(level: Level) -> tuple[str, ...]:
    """The clauses of a level's matching: its own (§6.3 or §6.4), or both for a level
    that is not matched."""
    return _MATCHING_CITES.get(level, _NOT_MATCHED)


#: the levels whose recognition qualifies for the performance grant: 市级以上 (reading 3)
PERFORMANCE_LEVELS = frozenset({Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL})


def performance_grant(
    level: Level | None,
    rating: Rating,
    turnover: Decimal | int,
    *,
    policy: Policy = GANYU_2021,
    year: int | None = None,
) -> Award:
    """The maximum performance grant for one platform and one year (§6.6).

    Eligible when the platform's recognition is municipal or higher (市级以上 includes
    市级, reading 3) and the rating is excellent: ``turnover × performance_rate``, at most
    ``performance_cap``, rounded down to the fen. ``turnover`` is that calendar year's
    actual technology-contract turnover (reading 4). ``level`` is the highest recognition
    held (``None`` for none); ``year``, if given, names the rated year in the explanation.
    """
    level = None if level is None else Level.parse(level, field="level")
    rating = Rating.parse(rating, field="rating")
    base = money(turnover, "turnover")
    return performance_award(level, rating, base, policy, year)


implements(performance_grant, "§6.6")

PERFORMANCE_CLAUSES = ("§6.6",)


def performance_amount(
    level: Level | None, rating: Rating, base: Decimal, policy: Policy, record: Recorder
) -> Decimal | None:
    """The performance computation: the amount, or ``None`` where no grant is due."""
    cites = PERFORMANCE_CLAUSES
    if record is not None:
        record.append(Step(StepCode.PERFORMANCE_BASE, cites, (level, rating, base)))
    if rating is not Rating.EXCELLENT:
        if record is not None:
            record.append(Step(StepCode.RATING_NOT_EXCELLENT, cites, (rating,), _ZERO))
        return None
    if level not in PERFORMANCE_LEVELS:
        if record is not None:
            record.append(Step(StepCode.LEVEL_BELOW_MUNICIPAL, cites, (level,), _ZERO))
        return None
    product = multiply(base, policy.performance_rate)
    if record is not None:
        record.append(Step(StepCode.RATE, cites, (base, policy.performance_rate), product))
    capped = _capped(product, policy.performance_cap, cites, record)
    amount = round_down(capped)
    if record is not None:
        record.append(Step(StepCode.ROUND_DOWN, cites, (capped,), amount))
    return amount


def performance_award(
    level: Level | None, rating: Rating, base: Decimal, policy: Policy, year: int | None
) -> Award:
    """:func:`performance_grant` of a level, a rating and a turnover already checked: a
    review's (its record checked them), so that :func:`~innovation_policy.assess` does
    not check every review of a register a second time."""
    amount = performance_amount(level, rating, base, policy, None)
    inputs = (level, rating, base, policy)
    eligible = amount is not None
    return Award(
        amount if amount is not None else _ZERO,
        eligible,
        PERFORMANCE_CLAUSES,
        Kind.PERFORMANCE,
        level,
        year,
        performance_amount,
        inputs,
    )


# ---------------------------------------------------------------------------------------
# §6.8, §6.9: what a major platform is entitled to besides money.


@attrs.frozen
class Entitlement:
    """A non-cash entitlement of a major platform, with its clause (§6.8, §6.9)."""

    code: str
    clause: str

    def label(self, lang: str = "zh") -> str:
        """The entitlement in ``lang``."""
        return pick(ENTITLEMENTS[self.code], check_lang(lang))


_ENTITLEMENTS = (
    Entitlement("construction_land", "§6.8"),
    Entitlement("incubated_enterprise_support", "§6.8"),
    Entitlement("state_research_institution_treatment", "§6.9"),
)


def entitlements(classification: Classification) -> tuple[Entitlement, ...]:
    """The non-cash entitlements of a classified platform: all three if it is major,
    none otherwise (§6.8, §6.9)."""
    return _ENTITLEMENTS if classification.is_major else ()


implements(entitlements, "§6.8", "§6.9")
