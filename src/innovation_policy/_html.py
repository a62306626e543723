"""Edge: results in Jupyter (``_repr_html_``) and a short ``repr`` of an assessment.

Each function returns a compact HTML fragment: a caption, then a table with clause ids
beside every amount; every value from a register or a policy is escaped
(:func:`html.escape`), so that a name such as ``<script>`` is shown, never run. Labels
are in Chinese (the library's default language); amounts in yuan with two decimals and
in 万元 beside them. A long table lists its first :data:`MAX_ROWS` rows and says how many
more there are. The results' ``_repr_html_`` methods are thin delegates here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from ._display import wan_text
from ._money import format_yuan
from ._vocabulary import COLUMNS, FINANCE_WORDS, HTML, SHEETS, pick, word

if TYPE_CHECKING:
    from ._assess import Assessment
    from ._audit import Finding
    from ._budget import Budget
    from ._compare import Comparison
    from ._forecast import Forecast, YearFigures
    from ._rules import Award
    from ._targets import TargetReport

__all__ = [
    "MAX_ROWS",
    "assessment_html",
    "assessment_repr",
    "award_html",
    "budget_html",
    "comparison_html",
    "finding_html",
    "forecast_html",
    "report_html",
]

MAX_ROWS = 50
"""The most rows an HTML table lists."""

_LANG = "zh"


def _h(code: str) -> str:
    return pick(COLUMNS[code], _LANG)


def _money(value: Decimal) -> str:
    return f"{format_yuan(value)}（{wan_text(value)}）"


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    shown = rows[:MAX_ROWS]
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in shown
    )
    more = ""
    if len(rows) > MAX_ROWS:
        text = pick(HTML["more"], _LANG).format(n=len(rows) - MAX_ROWS)
        more = f'<tr><td colspan="{len(headers)}">{escape(text)}</td></tr>'
    return (
        f'<table class="innovation-policy"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}{more}</tbody></table>"
    )


def _clauses(clauses: Iterable[str]) -> str:
    return " ".join(clauses)


def award_html(award: Award) -> str:
    """An award: its amount and clauses, then its steps with their clause ids."""
    eligible = word("yes" if award.eligible else "no", _LANG)
    caption = (
        f"{pick(HTML['award'], _LANG)}：{_money(award.amount)}；"
        f"{_h('eligible')} {eligible}；{_h('clauses')} {_clauses(award.clauses)}"
    )
    rows = [
        [n, step.text(_LANG), _clauses(step.clauses), "" if step.result is None else step.result]
        for n, step in enumerate(award.steps, 1)
    ]
    headers = [
        pick(HTML["step"], _LANG),
        _h("explanation"),
        _h("clauses"),
        pick(HTML["result"], _LANG),
    ]
    return _table(caption, headers, rows)


def assessment_repr(assessment: Assessment) -> str:
    """``Assessment(20 platforms, 41 items, 2 warnings, district=…, formula=…, policy=…)``."""
    totals = assessment.totals
    name = getattr(assessment.policy, "name", "")
    return (
        f"Assessment({len(assessment.platforms)} platforms, {len(assessment.items)} items, "
        f"{len(assessment.warnings)} warnings, district={totals.district}, "
        f"formula={totals.formula}, policy={name!r})"
    )


def assessment_html(assessment: Assessment) -> str:
    """The items (amount and clauses each), then the totals by year."""
    totals = assessment.totals
    caption = (
        f"{pick(HTML['assessment'], _LANG)}：{len(assessment.platforms)} 个平台，"
        f"{len(assessment.items)} 个事项，{len(assessment.warnings)} 条提示；"
        f"{_h('district')} {_money(totals.district)}，{_h('formula')} {_money(totals.formula)}"
    )
    items = _table(
        caption,
        [
            _h(c)
            for c in ("item", "platform", "kind", "level", "year", "eligible", "amount", "clauses")
        ],
        [
            [
                i.item,
                i.platform,
                i.kind.label(_LANG),
                i.level.label(_LANG) if i.level is not None else "-",
                i.year,
                word("yes" if i.eligible else "no", _LANG),
                format_yuan(i.amount),
                _clauses(i.clauses),
            ]
            for i in assessment.items
        ],
    )
    years = _table(
        word("by_year", _LANG),
        [_h("year"), _h("amount"), word("wan", _LANG)],
        [[year, format_yuan(v), wan_text(v)] for year, v in totals.by_year.items()],
    )
    return items + years


def finding_html(finding: Finding) -> str:
    """A finding: its numbers, its clauses and its explanation."""
    row = [
        f"#{finding.payment}",
        finding.date.isoformat(),
        finding.platform,
        finding.item or "-",
        finding.code.label(_LANG),
        format_yuan(finding.amount),
        format_yuan(finding.payable),
        format_yuan(finding.paid_before),
        _clauses(finding.clauses),
    ]
    headers = [
        _h(c)
        for c in (
            "payment",
            "date",
            "platform",
            "item",
            "finding",
            "amount",
            "payable",
            "paid_before",
            "clauses",
        )
    ]
    return _table(f"{pick(HTML['finding'], _LANG)}：{finding.explain(_LANG)}", headers, [row])


def report_html(report: TargetReport) -> str:
    """The target lines: target, achieved, status and pace, with their clauses."""
    from ._display import percent

    caption = f"{pick(HTML['targets'], _LANG)}：{_h('as_of')} {report.as_of.isoformat()}"
    headers = [
        _h(c)
        for c in (
            "line",
            "period",
            "target",
            "achieved",
            "remaining",
            "status",
            "elapsed",
            "achieved_share",
            "clauses",
        )
    ]
    rows = [
        [
            line.label(_LANG),
            line.period.label,
            line.target,
            line.achieved,
            line.remaining,
            line.pace.status.label(_LANG),
            percent(line.pace.elapsed),
            percent(line.pace.achieved_share),
            _clauses(line.clauses),
        ]
        for line in report.lines
    ]
    return _table(caption, headers, rows)


def comparison_html(comparison: Comparison) -> str:
    """The items changed, both amounts and the difference, with their clauses."""
    caption = (
        f"{pick(HTML['comparison'], _LANG)}：{_h('delta')} {_money(comparison.total)}，"
        f"{_h('formula')} {_money(comparison.formula)}"
    )
    headers = [
        _h(c)
        for c in ("item", "platform", "kind", "year", "baseline", "alternative", "delta", "clauses")
    ]
    rows = [
        [
            i.item,
            i.platform,
            i.kind.label(_LANG),
            i.year,
            format_yuan(i.baseline),
            format_yuan(i.alternative),
            format_yuan(i.delta),
            _clauses(i.clauses),
        ]
        for i in comparison.changed
    ]
    return _table(caption, headers, rows)


def budget_html(budget: Budget) -> str:
    """The list to pay (payable, paid, outstanding, status and clauses of each item),
    then the outstanding amounts by the year due."""
    totals = budget.totals
    caption = (
        f"{pick(HTML['budget'], _LANG)}：{_h('as_of')} {budget.as_of.isoformat()}，"
        f"{len(budget.items)} 个事项，{len(budget.findings)} 条审计发现；"
        f"{pick(FINANCE_WORDS['outstanding'], _LANG)} {_money(totals.outstanding)}"
    )
    headers = [
        _h(c)
        for c in (
            "platform",
            "item",
            "kind",
            "due",
            "payable",
            "paid",
            "outstanding",
            "budget_status",
            "clauses",
        )
    ]
    rows = [
        [
            e.platform,
            e.item,
            e.kind.label(_LANG),
            e.due.isoformat(),
            format_yuan(e.payable),
            format_yuan(e.paid),
            format_yuan(e.outstanding),
            e.status.label(_LANG),
            _clauses(e.clauses),
        ]
        for e in budget.items
    ]
    years = _table(
        pick(FINANCE_WORDS["by_due_year"], _LANG),
        [_h("year"), _h("outstanding"), word("wan", _LANG)],
        [[year, format_yuan(v), wan_text(v)] for year, v in totals.by_due_year.items()],
    )
    return _table(caption, headers, rows) + years


def _figures_row(
    label: object, committed: Decimal, expected: Decimal, ceiling: Decimal
) -> list[object]:
    return [label, format_yuan(committed), format_yuan(expected), format_yuan(ceiling)]


def _sum(years: Sequence[YearFigures], field: str) -> Decimal:
    return sum((getattr(f, field) for f in years), Decimal("0.00"))


def forecast_html(forecast: Forecast) -> str:
    """The district's committed, expected and ceiling by year, then each line (a
    bureau, §4.1–§4.3, or the further need of the parks and the district, §A, §2.2)
    with its figures summed over the years, the new platforms it assumes and its
    clauses."""
    caption = (
        f"{pick(HTML['forecast'], _LANG)}：{_h('as_of')} {forecast.as_of.isoformat()}；"
        f"{pick(FINANCE_WORDS['scenario'], _LANG)} {forecast.scenario.name}"
        f"（指纹 {forecast.fingerprint[:12]}）"
    )
    names = ("committed", "expected", "ceiling")
    figures = [_h(c) for c in names]
    district = _table(
        caption,
        [_h("year"), *figures],
        [_figures_row(f.year, f.committed, f.expected, f.ceiling) for f in forecast.years],
    )
    unassigned = pick(FINANCE_WORDS["unassigned"], _LANG)
    rows = [
        [
            *_figures_row(
                unassigned if line.bureau is None else line.bureau.label(_LANG),
                *(_sum(line.years, n) for n in names),
            ),
            line.new_platforms,
            _clauses(line.clauses),
        ]
        for line in forecast.lines
    ]
    lines = _table(
        pick(SHEETS["forecast_lines"], _LANG),
        [_h("forecast_line"), *figures, _h("new_platforms"), _h("clauses")],
        rows,
    )
    return district + lines
