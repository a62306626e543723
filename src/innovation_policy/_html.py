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
from ._vocabulary import COLUMNS, HTML, pick, word

if TYPE_CHECKING:
    from ._assess import Assessment
    from ._audit import Finding
    from ._compare import Comparison
    from ._rules import Award
    from ._targets import TargetReport

__all__ = [
    "MAX_ROWS",
    "assessment_html",
    "assessment_repr",
    "award_html",
    "comparison_html",
    "finding_html",
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
