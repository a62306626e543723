"""Output documents: the assessment as the JSON-ready dictionary of its shipped schema."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._explain import check_lang

if TYPE_CHECKING:
    from ._assess import Assessment
    from ._policy import Policy

__all__ = ["assessment_to_dict", "policy_summary"]


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def policy_summary(policy: Policy) -> dict[str, Any]:
    """The readings and period an output was computed under, for the record."""
    return {
        "period": policy.period_label,
        "plan_start": policy.plan_start.isoformat(),
        "plan_end": policy.plan_end.isoformat(),
        "upgrade_reading": policy.upgrade_reading.value,
        "city_reading": policy.city_reading.value,
    }


def assessment_to_dict(assessment: Assessment, lang: str = "zh") -> dict[str, Any]:
    """The assessment as ``{"policy", "platforms", "awards", "totals", "warnings"}``."""
    lang = check_lang(lang)
    totals = assessment.totals
    return {
        "policy": policy_summary(assessment.policy),
        "platforms": [
            {
                "id": s.id,
                "name": s.platform.name,
                "category": s.platform.category.value,
                "counts_as": s.classification.counts_as.value,
                "level": s.level.value if s.level else None,
                "major": s.is_major,
                "bureau": s.classification.bureau.value,
                "park": s.platform.park.value if s.platform.park else None,
                "entitlements": [{"code": e.code, "clauses": [e.clause]} for e in s.entitlements],
            }
            for s in assessment.platforms
        ],
        "awards": [
            {
                "item": i.item,
                "platform": i.platform,
                "kind": i.kind.value,
                "level": i.level.value if i.level else None,
                "year": i.year,
                "date": i.date.isoformat(),
                "eligible": i.eligible,
                "amount": _money(i.amount),
                "clauses": list(i.clauses),
                "explanation": i.explain(lang),
            }
            for i in assessment.items
        ],
        "totals": {
            "district": _money(totals.district),
            "formula": _money(totals.formula),
            "by_platform": {k: _money(v) for k, v in totals.by_platform.items()},
            "by_kind": {k.value: _money(v) for k, v in totals.by_kind.items()},
            "by_year": {str(k): _money(v) for k, v in totals.by_year.items()},
            "by_bureau": {k.value: _money(v) for k, v in totals.by_bureau.items()},
        },
        "warnings": [
            {"code": n.code, "platform": n.platform, "message": n.message(lang)}
            for n in assessment.warnings
        ],
    }
