"""Output documents: every result as the JSON-ready dictionary of its shipped schema.

The assessment, the audit's findings and the target report; each records the policy
that produced it (:func:`~innovation_policy._provenance.policy_block`: every field, its
name and its fingerprint), the ``$id`` of its schema (with the schema's version) and the
library that wrote it. The results' ``to_dict`` and ``to_json`` are thin delegates here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline
from ._provenance import generator, policy_block, schema_id
from ._vocabulary import check_lang

if TYPE_CHECKING:
    from ._assess import Assessment
    from ._audit import Finding
    from ._targets import TargetReport

__all__ = [
    "assessment_to_dict",
    "dumps",
    "findings_to_dict",
    "findings_to_json",
    "policy_summary",
    "report_to_dict",
]


def dumps(document: Any) -> str:
    """JSON as the library writes it: UTF-8 text (Chinese kept readable), indented."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def policy_summary(policy: Policy | PolicyTimeline) -> dict[str, Any]:
    """The complete policy an output was computed under, for the record: every field,
    its name, period and fingerprint (:func:`~innovation_policy._provenance.policy_block`)."""
    return policy_block(policy)


def assessment_to_dict(assessment: Assessment, lang: str = "zh") -> dict[str, Any]:
    """The assessment as ``{"policy", "platforms", "awards", "totals", "warnings"}``."""
    lang = check_lang(lang)
    totals = assessment.totals
    return {
        "schema": schema_id("assessment"),
        "generator": generator(),
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
                "due": i.due.isoformat(),
                "missing": list(i.missing),
                "version": i.version,
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
            "by_due_year": {str(k): _money(v) for k, v in totals.by_due_year.items()},
            "by_park": {
                (k.value if k is not None else "园区外"): _money(v)
                for k, v in totals.by_park.items()
            },
            "by_category": {k.value: _money(v) for k, v in totals.by_category.items()},
            "by_level": {
                (k.value if k is not None else "无"): _money(v) for k, v in totals.by_level.items()
            },
        },
        "warnings": [
            {"code": n.code, "platform": n.platform, "message": n.message(lang)}
            for n in assessment.warnings
        ],
    }


def findings_to_dict(
    findings: tuple[Finding, ...],
    lang: str = "zh",
    *,
    policy: Policy | PolicyTimeline = GANYU_2021,
) -> dict[str, Any]:
    """``{"schema", "generator", "policy", "findings": [...]}``, the audit as the
    JSON-ready dictionary of its schema; ``policy`` is the one the audit assessed under."""
    check_lang(lang)
    return {
        "schema": schema_id("findings"),
        "generator": generator(),
        "policy": policy_block(policy),
        "findings": [
            {
                "code": f.code.value,
                "platform": f.platform,
                "payment": f.payment,
                "item": f.item,
                "amount": f"{f.amount:.2f}",
                "payable": f"{f.payable:.2f}",
                "paid_before": f"{f.paid_before:.2f}",
                "clauses": list(f.clauses),
                "explanation": f.explain(lang),
            }
            for f in findings
        ],
    }


def findings_to_json(
    findings: tuple[Finding, ...],
    lang: str = "zh",
    *,
    policy: Policy | PolicyTimeline = GANYU_2021,
) -> str:
    """The audit's findings as JSON, valid against the shipped ``findings`` schema."""
    return dumps(findings_to_dict(findings, lang, policy=policy))


# ---------------------------------------------------------------------------------------
# The target report


def _tally(ids: Sequence[str]) -> dict[str, Any]:
    return {"count": len(ids), "platforms": list(ids)}


def report_to_dict(report: TargetReport, lang: str = "zh") -> dict[str, Any]:
    """The target report as the JSON-ready dictionary of the shipped ``targets`` schema."""
    return {
        "schema": schema_id("targets"),
        "generator": generator(),
        "policy": policy_block(report.policy),
        "as_of": report.as_of.isoformat(),
        "policy_period": report.policy.period_label,
        "lines": [
            {
                "scope": line.scope.value,
                "key": None if line.key is None else line.key.value,
                "period": line.period.label,
                "target": line.target,
                "achieved": line.achieved,
                "remaining": line.remaining,
                "met": line.met,
                "pace": {
                    "status": line.pace.status.value,
                    "elapsed": f"{line.pace.elapsed:f}",
                    "achieved_share": f"{line.pace.achieved_share:f}",
                },
                "platforms": list(line.platforms),
                "clauses": list(line.clauses),
            }
            for line in report.lines
        ],
        "by_year": [
            {
                "year": year.year,
                "district": _tally(year.district),
                "parks": {p.value: _tally(ids) for p, ids in year.parks.items()},
                "outside_parks": _tally(year.outside_parks),
                "bureaus": {b.value: _tally(ids) for b, ids in year.bureaus.items()},
            }
            for year in report.by_year
        ],
        "checks": [
            {"code": c.code.value, "ok": c.ok, "message": c.message(lang)} for c in report.checks
        ],
    }
