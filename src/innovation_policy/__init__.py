"""innovation_policy: the Ganyu District plan for major industrial innovation platforms
(赣榆区重大产业创新平台建设实施方案) as exact, explainable, tested rules.

Everything public is re-exported here; the modules behind it are private.
"""

from ._assess import Assessment, Item, PlatformSummary, Totals, assess, highest_level
from ._audit import FINDING_CODES, Finding, audit, findings_to_dict, findings_to_json
from ._clauses import CLAUSES, READINGS, Clause, ClauseKind, Reading, clause, reading
from ._errors import InputError, PolicyError, PolicyTypeError, PolicyValueError, Problem
from ._explain import Step
from ._json import (
    example_register,
    example_register_json,
    load_register,
    parse_date,
    parse_money,
    schema,
)
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
from ._register import (
    Approval,
    CaseDecision,
    Notice,
    Payment,
    Platform,
    Register,
    Review,
    register_notices,
)
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
    "FINDING_CODES",
    "GANYU_2021",
    "READINGS",
    "Approval",
    "Assessment",
    "Award",
    "Bureau",
    "CaseDecision",
    "Category",
    "CityReading",
    "Classification",
    "Clause",
    "ClauseKind",
    "CoBuilder",
    "Entitlement",
    "Finding",
    "Industry",
    "InputError",
    "Item",
    "Kind",
    "Level",
    "MatchingTerms",
    "Notice",
    "Park",
    "Payment",
    "Platform",
    "PlatformSummary",
    "Policy",
    "PolicyError",
    "PolicyTypeError",
    "PolicyValueError",
    "Problem",
    "Rating",
    "Reading",
    "Register",
    "Review",
    "Step",
    "Totals",
    "UpgradeReading",
    "assess",
    "audit",
    "classify",
    "clause",
    "entitlements",
    "example_register",
    "example_register_json",
    "findings_to_dict",
    "findings_to_json",
    "format_wan",
    "format_yuan",
    "highest_level",
    "implementations",
    "implemented_by",
    "load_register",
    "matching_subsidy",
    "matching_terms",
    "money",
    "parse_date",
    "parse_money",
    "performance_grant",
    "reading",
    "register_notices",
    "responsible_bureau",
    "round_down",
    "schema",
    "wan",
]
