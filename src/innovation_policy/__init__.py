"""innovation_policy: the Ganyu District plan for major industrial innovation platforms
(赣榆区重大产业创新平台建设实施方案) as exact, explainable, tested rules.

Everything public is re-exported here; the modules behind it are private.
"""

from ._clauses import CLAUSES, READINGS, Clause, ClauseKind, Reading, clause, reading
from ._errors import InputError, PolicyError, PolicyTypeError, PolicyValueError, Problem
from ._explain import Step
from ._labels import (
    Bureau,
    Category,
    CityReading,
    CoBuilder,
    Industry,
    Kind,
    Level,
    Park,
    Rating,
    UpgradeReading,
)
from ._money import format_wan, format_yuan, money, round_down, wan
from ._policy import GANYU_2021, Policy
from ._rules import (
    Award,
    Classification,
    Entitlement,
    MatchingTerms,
    classify,
    entitlements,
    matching_subsidy,
    matching_terms,
    performance_grant,
    responsible_bureau,
)
from ._trace import implementations, implemented_by

__all__ = [
    "CLAUSES",
    "GANYU_2021",
    "READINGS",
    "Award",
    "Bureau",
    "Category",
    "CityReading",
    "Classification",
    "Clause",
    "ClauseKind",
    "CoBuilder",
    "Entitlement",
    "Industry",
    "InputError",
    "Kind",
    "Level",
    "MatchingTerms",
    "Park",
    "Policy",
    "PolicyError",
    "PolicyTypeError",
    "PolicyValueError",
    "Problem",
    "Rating",
    "Reading",
    "Step",
    "UpgradeReading",
    "classify",
    "clause",
    "entitlements",
    "format_wan",
    "format_yuan",
    "implementations",
    "implemented_by",
    "matching_subsidy",
    "matching_terms",
    "money",
    "performance_grant",
    "reading",
    "responsible_bureau",
    "round_down",
    "wan",
]
