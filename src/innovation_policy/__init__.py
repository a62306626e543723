"""innovation_policy: the Ganyu District plan for major industrial innovation platforms
(赣榆区重大产业创新平台建设实施方案) as exact, explainable, tested rules.

Everything public is re-exported here; the modules behind it are private. The edge
that reads CSV and Excel files, the target report and the comparison are loaded when
first used, to keep ``import innovation_policy`` light.
"""

from typing import TYPE_CHECKING

from ._assess import Assessment, Item, PlatformSummary, Totals, assess, highest_level
from ._audit import FINDING_CODES, Finding, audit
from ._clauses import CLAUSES, READINGS, Clause, ClauseKind, Reading, clause, reading
from ._documents import findings_to_dict, findings_to_json
from ._errors import (
    InputError,
    PolicyError,
    PolicyLookupError,
    PolicyTypeError,
    PolicyValueError,
    Problem,
    ProblemCode,
)
from ._explain import Step
from ._json import (
    example_register,
    example_register_json,
    load_register,
    register_from_dict,
    schema,
)
from ._labels import (
    BudgetStatus,
    Bureau,
    Category,
    CheckCode,
    CityReading,
    CoBuilder,
    EstimateSource,
    FindingCode,
    Industry,
    Kind,
    Level,
    NoticeCode,
    Park,
    Rating,
    StepCode,
    UpgradeReading,
)
from ._money import format_wan, format_yuan, money, round_down, wan
from ._parse import parse_date, parse_money
from ._policy import GANYU_2021, SHIPPED_POLICIES, Policy
from ._policy_files import load_policy
from ._policy_io import (
    PolicyTimeline,
    policy_fingerprint,
    policy_from_dict,
    policy_to_dict,
    timeline_from_dict,
)
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

if TYPE_CHECKING:
    from ._budget import (
        Budget,
        BudgetExplanation,
        BudgetItem,
        BudgetTotals,
        PaymentDeducted,
        budget,
    )
    from ._charts import plot_comparison, plot_forecast, plot_money, plot_targets
    from ._compare import (
        Breakdown,
        Comparison,
        ComparisonExplanation,
        ItemDelta,
        ReadingSweep,
        SweepRow,
        compare,
        compare_policies,
        compare_readings,
    )
    from ._forecast import (
        Assumptions,
        BureauScenario,
        Estimate,
        Forecast,
        ForecastLine,
        Scenario,
        YearFigures,
        forecast,
    )
    from ._frames import findings_frame
    from ._readers import read_register
    from ._scenario_files import load_scenario, scenario_from_dict
    from ._targets import (
        CountStatus,
        Pace,
        PaceStatus,
        Period,
        PlatformCount,
        TargetCheck,
        TargetLine,
        TargetReport,
        TargetScope,
        YearCount,
        target_progress,
    )
    from ._template import write_template

_LAZY = {
    "Budget": "._budget",
    "BudgetExplanation": "._budget",
    "BudgetItem": "._budget",
    "BudgetTotals": "._budget",
    "PaymentDeducted": "._budget",
    "budget": "._budget",
    "Assumptions": "._forecast",
    "BureauScenario": "._forecast",
    "Estimate": "._forecast",
    "Forecast": "._forecast",
    "ForecastLine": "._forecast",
    "Scenario": "._forecast",
    "YearFigures": "._forecast",
    "forecast": "._forecast",
    "load_scenario": "._scenario_files",
    "scenario_from_dict": "._scenario_files",
    "Breakdown": "._compare",
    "Comparison": "._compare",
    "ComparisonExplanation": "._compare",
    "ItemDelta": "._compare",
    "ReadingSweep": "._compare",
    "SweepRow": "._compare",
    "compare": "._compare",
    "compare_policies": "._compare",
    "compare_readings": "._compare",
    "read_register": "._readers",
    "findings_frame": "._frames",
    "plot_comparison": "._charts",
    "plot_forecast": "._charts",
    "plot_money": "._charts",
    "plot_targets": "._charts",
    "write_template": "._template",
    "CountStatus": "._targets",
    "Pace": "._targets",
    "PaceStatus": "._targets",
    "Period": "._targets",
    "PlatformCount": "._targets",
    "TargetCheck": "._targets",
    "TargetLine": "._targets",
    "TargetReport": "._targets",
    "TargetScope": "._targets",
    "YearCount": "._targets",
    "target_progress": "._targets",
}


def __getattr__(name: str) -> object:
    """Load a lazily exported name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'innovation_policy' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CLAUSES",
    "FINDING_CODES",
    "GANYU_2021",
    "READINGS",
    "SHIPPED_POLICIES",
    "Approval",
    "Assessment",
    "Assumptions",
    "Award",
    "Breakdown",
    "Budget",
    "BudgetExplanation",
    "BudgetItem",
    "BudgetStatus",
    "BudgetTotals",
    "Bureau",
    "BureauScenario",
    "CaseDecision",
    "Category",
    "CheckCode",
    "CityReading",
    "Classification",
    "Clause",
    "ClauseKind",
    "CoBuilder",
    "Comparison",
    "ComparisonExplanation",
    "CountStatus",
    "Entitlement",
    "Estimate",
    "EstimateSource",
    "Finding",
    "FindingCode",
    "Forecast",
    "ForecastLine",
    "Industry",
    "InputError",
    "Item",
    "ItemDelta",
    "Kind",
    "Level",
    "MatchingTerms",
    "Notice",
    "NoticeCode",
    "Pace",
    "PaceStatus",
    "Park",
    "Payment",
    "PaymentDeducted",
    "Period",
    "Platform",
    "PlatformCount",
    "PlatformSummary",
    "Policy",
    "PolicyError",
    "PolicyLookupError",
    "PolicyTimeline",
    "PolicyTypeError",
    "PolicyValueError",
    "Problem",
    "ProblemCode",
    "Rating",
    "Reading",
    "ReadingSweep",
    "Register",
    "Review",
    "Scenario",
    "Step",
    "StepCode",
    "SweepRow",
    "TargetCheck",
    "TargetLine",
    "TargetReport",
    "TargetScope",
    "Totals",
    "UpgradeReading",
    "YearCount",
    "YearFigures",
    "assess",
    "audit",
    "budget",
    "classify",
    "clause",
    "compare",
    "compare_policies",
    "compare_readings",
    "entitlements",
    "example_register",
    "example_register_json",
    "findings_frame",
    "findings_to_dict",
    "findings_to_json",
    "forecast",
    "format_wan",
    "format_yuan",
    "highest_level",
    "implementations",
    "implemented_by",
    "load_policy",
    "load_register",
    "load_scenario",
    "matching_subsidy",
    "matching_terms",
    "money",
    "parse_date",
    "parse_money",
    "performance_grant",
    "plot_comparison",
    "plot_forecast",
    "plot_money",
    "plot_targets",
    "policy_fingerprint",
    "policy_from_dict",
    "policy_to_dict",
    "read_register",
    "reading",
    "register_from_dict",
    "register_notices",
    "responsible_bureau",
    "round_down",
    "scenario_from_dict",
    "schema",
    "target_progress",
    "timeline_from_dict",
    "wan",
    "write_template",
]
