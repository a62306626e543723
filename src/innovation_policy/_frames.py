"""Edge: results as pandas data frames (the ``pandas`` extra), one row per item or line.

pandas is imported only inside these functions, when a frame is made. Column names are
the English codes below (stable, for code); the labels in the cells (kinds, levels,
bureaus, parks, statuses) are in ``lang``. Ids, kinds and labels are pandas
categoricals; dates are ``datetime64``.

Amounts are exact either way:

- ``amounts="decimal"`` (default): a column ``amount`` (and ``payable``, ``baseline``,
  ...) of :class:`~decimal.Decimal` yuan, ``object`` dtype: sums are exact
  (``frame["amount"].sum()``), slowly;
- ``amounts="fen"``: the same columns named with ``_fen`` (``amount_fen``) as ``int64``
  fen: exact integer arithmetic at numpy speed (an amount below 10^15 yuan is below
  2^63 fen).

Columns:

- :func:`assessment_frame`: ``item``, ``platform``, ``name``, ``kind``, ``level``,
  ``year``, ``date``, ``due``, ``eligible``, ``amount``, ``bureau``, ``park``,
  ``category``, ``missing``, ``version``, ``clauses``;
- :func:`findings_frame`: ``payment``, ``date``, ``platform``, ``item``, ``code``,
  ``finding``, ``amount``, ``payable``, ``paid_before``, ``clauses``;
- :func:`report_frame`: ``scope``, ``line``, ``period``, ``start``, ``end``,
  ``target``, ``achieved``, ``remaining``, ``met``, ``status``, ``elapsed``,
  ``achieved_share`` (Decimal shares, 4 places), ``platforms``, ``clauses``;
- :func:`comparison_frame`: ``item``, ``platform``, ``name``, ``kind``, ``level``,
  ``year``, ``baseline``, ``alternative``, ``delta``, ``baseline_eligible``,
  ``alternative_eligible``, ``bureau``, ``park``, ``clauses``;
- :func:`budget_frame` (one row per item of the list): ``platform``, ``item``,
  ``kind``, ``level``, ``year``, ``due``, ``payable``, ``paid``, ``outstanding``,
  ``status``, ``missing``, ``overpaid``, ``bureau``, ``park``, ``clauses``;
- :func:`forecast_frame` (one row per line and year; the district's figures are the
  sums by year): ``line`` (the bureau, or the parks' and district's further need),
  ``year``, ``committed``, ``expected``, ``ceiling``, ``new_platforms`` (approvals
  assumed in that year), ``clauses``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._errors import PolicyTypeError, PolicyValueError
from ._labels import Park
from ._vocabulary import FINANCE_WORDS, check_lang, pick, word

if TYPE_CHECKING:
    import pandas as pd

    from ._assess import Assessment
    from ._audit import Finding
    from ._budget import Budget
    from ._compare import Comparison
    from ._forecast import Forecast
    from ._targets import TargetReport

__all__ = [
    "AMOUNTS",
    "assessment_frame",
    "budget_frame",
    "comparison_frame",
    "findings_frame",
    "forecast_frame",
    "report_frame",
]

AMOUNTS = ("decimal", "fen")
"""How a frame holds amounts: Decimal yuan (object dtype) or int64 fen."""

_CATEGORICAL = frozenset(
    {"item", "platform", "kind", "level", "bureau", "park", "category", "code", "finding"}
    | {"scope", "line", "period", "status"}
)
_DATES = frozenset({"date", "due", "start", "end"})


def _check_amounts(amounts: str) -> str:
    if amounts not in AMOUNTS:
        raise PolicyValueError(
            f"amounts: {amounts!r} is not supported; valid: decimal (Decimal yuan), fen "
            "(int64 fen)",
            field="amounts",
        )
    return amounts


def _park(park: Park | None, lang: str) -> str:
    return park.label(lang) if park is not None else word("outside_parks", lang)


def _frame(columns: dict[str, list[Any]], money: Sequence[str], amounts: str) -> pd.DataFrame:
    import pandas as pd

    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in money:
            if amounts == "fen":
                fen = [int(v.scaleb(2)) for v in values]
                data[f"{name}_fen"] = pd.Series(fen, dtype="int64")
            else:
                data[name] = pd.Series(values, dtype="object")
        elif name in _CATEGORICAL:
            data[name] = pd.Categorical(values)
        elif name in _DATES:
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            data[name] = values
    return pd.DataFrame(data)


def _label(value: Any, lang: str) -> str | None:
    return None if value is None else str(value.label(lang))


def assessment_frame(
    assessment: Assessment, lang: str = "zh", amounts: str = "decimal"
) -> pd.DataFrame:
    """One row per item of the assessment (columns in the module documentation)."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    summaries = {s.id: s for s in assessment.platforms}
    items = assessment.items
    of: Callable[[str], Any] = summaries.__getitem__
    columns: dict[str, list[Any]] = {
        "item": [i.item for i in items],
        "platform": [i.platform for i in items],
        "name": [of(i.platform).platform.name for i in items],
        "kind": [i.kind.label(lang) for i in items],
        "level": [_label(i.level, lang) for i in items],
        "year": [i.year for i in items],
        "date": [i.date for i in items],
        "due": [i.due for i in items],
        "eligible": [i.eligible for i in items],
        "amount": [i.amount for i in items],
        "bureau": [of(i.platform).classification.bureau.label(lang) for i in items],
        "park": [_park(of(i.platform).platform.park, lang) for i in items],
        "category": [of(i.platform).platform.category.label(lang) for i in items],
        "missing": [" ".join(i.missing) for i in items],
        "version": [i.version + 1 for i in items],
        "clauses": [" ".join(i.clauses) for i in items],
    }
    return _frame(columns, ("amount",), amounts)


def findings_frame(
    findings: Sequence[Finding], lang: str = "zh", amounts: str = "decimal"
) -> pd.DataFrame:
    """One row per finding of :func:`~innovation_policy.audit` (module documentation)."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    if not isinstance(findings, (tuple, list)):
        raise PolicyTypeError(
            f"findings: {type(findings).__name__} is not the tuple audit() returns; give "
            "findings_frame(audit(register))",
            field="findings",
        )
    columns: dict[str, list[Any]] = {
        "payment": [f.payment for f in findings],
        "date": [f.date for f in findings],
        "platform": [f.platform for f in findings],
        "item": [f.item for f in findings],
        "code": [str(f.code) for f in findings],
        "finding": [f.code.label(lang) for f in findings],
        "amount": [f.amount for f in findings],
        "payable": [f.payable for f in findings],
        "paid_before": [f.paid_before for f in findings],
        "clauses": [" ".join(f.clauses) for f in findings],
    }
    return _frame(columns, ("amount", "payable", "paid_before"), amounts)


def report_frame(report: TargetReport, lang: str = "zh", amounts: str = "decimal") -> pd.DataFrame:
    """One row per target line (module documentation); a report holds no money, so
    ``amounts`` changes nothing (it is accepted for a uniform ``to_frame``)."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    lines = report.lines
    columns: dict[str, list[Any]] = {
        "scope": [line.scope.label(lang) for line in lines],
        "line": [line.label(lang) for line in lines],
        "period": [line.period.label for line in lines],
        "start": [line.period.start for line in lines],
        "end": [line.period.end for line in lines],
        "target": [line.target for line in lines],
        "achieved": [line.achieved for line in lines],
        "remaining": [line.remaining for line in lines],
        "met": [line.met for line in lines],
        "status": [line.pace.status.label(lang) for line in lines],
        "elapsed": [line.pace.elapsed for line in lines],
        "achieved_share": [line.pace.achieved_share for line in lines],
        "platforms": [" ".join(line.platforms) for line in lines],
        "clauses": [" ".join(line.clauses) for line in lines],
    }
    return _frame(columns, (), amounts)


def comparison_frame(
    comparison: Comparison, lang: str = "zh", amounts: str = "decimal"
) -> pd.DataFrame:
    """One row per item of the two assessments (module documentation)."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    summaries = {s.id: s for s in comparison.baseline.platforms}
    items = comparison.items
    columns: dict[str, list[Any]] = {
        "item": [i.item for i in items],
        "platform": [i.platform for i in items],
        "name": [summaries[i.platform].platform.name for i in items],
        "kind": [i.kind.label(lang) for i in items],
        "level": [_label(i.level, lang) for i in items],
        "year": [i.year for i in items],
        "baseline": [i.baseline for i in items],
        "alternative": [i.alternative for i in items],
        "delta": [i.delta for i in items],
        "baseline_eligible": [i.baseline_eligible for i in items],
        "alternative_eligible": [i.alternative_eligible for i in items],
        "bureau": [summaries[i.platform].classification.bureau.label(lang) for i in items],
        "park": [_park(summaries[i.platform].platform.park, lang) for i in items],
        "clauses": [" ".join(i.clauses) for i in items],
    }
    return _frame(columns, ("baseline", "alternative", "delta"), amounts)


def budget_frame(budget: Budget, lang: str = "zh", amounts: str = "decimal") -> pd.DataFrame:
    """One row per item of the budget's list (module documentation); ``outstanding``
    sums to ``budget.totals.outstanding``."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    items = budget.items
    columns: dict[str, list[Any]] = {
        "platform": [e.platform for e in items],
        "item": [e.item for e in items],
        "kind": [e.kind.label(lang) for e in items],
        "level": [_label(e.level, lang) for e in items],
        "year": [e.year for e in items],
        "due": [e.due for e in items],
        "payable": [e.payable for e in items],
        "paid": [e.paid for e in items],
        "outstanding": [e.outstanding for e in items],
        "status": [e.status.label(lang) for e in items],
        "missing": [" ".join(e.missing) for e in items],
        "overpaid": [e.overpaid for e in items],
        "bureau": [e.bureau.label(lang) for e in items],
        "park": [_park(e.park, lang) for e in items],
        "clauses": [" ".join(e.clauses) for e in items],
    }
    return _frame(columns, ("payable", "paid", "outstanding"), amounts)


def forecast_frame(forecast: Forecast, lang: str = "zh", amounts: str = "decimal") -> pd.DataFrame:
    """One row per line of the forecast and year (module documentation); summed by
    year, the figures are the district's."""
    lang, amounts = check_lang(lang), _check_amounts(amounts)
    rows = [(line, figures) for line in forecast.lines for figures in line.years]
    unassigned = pick(FINANCE_WORDS["unassigned"], lang)
    columns: dict[str, list[Any]] = {
        "line": [unassigned if ln.bureau is None else ln.bureau.label(lang) for ln, _ in rows],
        "year": [f.year for _, f in rows],
        "committed": [f.committed for _, f in rows],
        "expected": [f.expected for _, f in rows],
        "ceiling": [f.ceiling for _, f in rows],
        "new_platforms": [ln.approvals.get(f.year, 0) for ln, f in rows],
        "clauses": [" ".join(ln.clauses) for ln, _ in rows],
    }
    return _frame(columns, ("committed", "expected", "ceiling"), amounts)
