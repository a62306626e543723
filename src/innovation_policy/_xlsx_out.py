"""Edge: results as Excel workbooks (``--format xlsx``), one sheet per table.

A workbook is described by :class:`Sheet` specs (a name code, columns with a kind, and
rows of values); :func:`workbook_bytes` turns them into an ``.xlsx`` (openpyxl, the
``xlsx`` extra, imported only here, when a workbook is written). Adding a result is one
function that lists its sheets (``assessment_sheets``, ``findings_sheets``, ...).

Every workbook

- has the header row frozen, headers and sheet names in Chinese or English (``lang``),
  and column widths set from the widest cell;
- holds amounts as real numbers formatted ``#,##0.00``, exactly: an amount with a part
  smaller than a fen, or of 15 significant digits or more (10^12 yuan and above), is
  refused (:class:`~innovation_policy.PolicyValueError` naming the sheet, row and column)
  rather than rounded by Excel's binary floating point;
- holds dates as real dates (``yyyy-mm-dd``) and shares as numbers formatted ``0.0%``;
- writes every text cell as text: one that begins with ``=``, ``+``, ``-`` or ``@`` is
  stored as a string with Excel's quote prefix, so that nothing is ever evaluated;
- ends with the sheet ``policy`` (``政策``): the policy's name, fingerprint, period and
  every field (:func:`~innovation_policy._provenance.policy_rows`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import PolicyValueError
from ._labels import Bureau, Category, Kind, Level, Park
from ._money import FEN
from ._policy import Policy
from ._policy_io import PolicyTimeline
from ._provenance import policy_rows
from ._render import FORMULA_STARTS, display_width
from ._vocabulary import CHARTS, COLUMNS, FINANCE_WORDS, SHEETS, check_lang, pick, word

if TYPE_CHECKING:
    from ._assess import Assessment
    from ._audit import Finding
    from ._budget import Budget
    from ._compare import Comparison, ReadingSweep
    from ._forecast import Assumptions, Estimate, Forecast, YearFigures
    from ._targets import TargetReport

__all__ = [
    "FORMULA_STARTS",
    "MAX_EXACT_FEN",
    "Col",
    "Sheet",
    "assessment_sheets",
    "budget_sheets",
    "comparison_sheets",
    "exact_amount",
    "findings_sheets",
    "forecast_sheets",
    "report_sheets",
    "sweep_sheets",
    "workbook_bytes",
]

MAX_EXACT_FEN = 10**14
"""Amounts are written as numbers only below this many fen (10^12 yuan): a number of at
most 14 significant digits, which a binary double and Excel's 15 shown digits keep exactly."""

TEXT = "text"
MONEY = "money"
DATE = "date"
INT = "int"
SHARE = "share"

_FORMATS = {MONEY: "#,##0.00", DATE: "yyyy-mm-dd", INT: "0", SHARE: "0.0%"}
_MAX_WIDTH = 60


@attrs.frozen
class Col:
    """A column: its code in the vocabulary's ``COLUMNS`` and what it holds (``text``,
    ``money``, ``date``, ``int``, ``share``)."""

    code: str
    kind: str = TEXT


@attrs.frozen
class Sheet:
    """A sheet: its code in the vocabulary's ``SHEETS`` (or a name of its own), its
    columns, and its rows (one value per column; ``None`` for an empty cell)."""

    code: str
    columns: tuple[Col, ...]
    rows: tuple[tuple[object, ...], ...]


def exact_amount(value: Decimal, where: str) -> Decimal:
    """``value`` if a spreadsheet keeps it exactly (to the fen, below 10^12 yuan), else a
    :class:`~innovation_policy.PolicyValueError` naming ``where``."""
    fen = value / FEN
    if fen != fen.to_integral_value():
        raise PolicyValueError(
            f"{where}: {value} has a part smaller than a fen; a workbook holds amounts to "
            "the fen (use --format json or csv for the exact value)",
            field=where,
        )
    if abs(fen) >= MAX_EXACT_FEN:
        raise PolicyValueError(
            f"{where}: {value} has 15 or more significant digits, which Excel would round; "
            "amounts below 1,000,000,000,000 yuan only (use --format json or csv)",
            field=where,
        )
    return value


def _header(code: str, lang: str) -> str:
    pair = COLUMNS.get(code)
    return pick(pair, lang) if pair is not None else code


def _sheet_name(code: str, lang: str) -> str:
    pair = SHEETS.get(code)
    return pick(pair, lang) if pair is not None else code


def _text_width(value: object) -> int:
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    if isinstance(value, dt.date):
        return 10
    return max((display_width(line) for line in str(value).splitlines()), default=0)


def _write_sheet(worksheet: Any, sheet: Sheet, lang: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    name = worksheet.title
    headers = [_header(c.code, lang) for c in sheet.columns]
    worksheet.append(headers)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    widths = [display_width(h) for h in headers]
    for n, values in enumerate(sheet.rows, 2):
        for c, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
            cell = worksheet.cell(row=n, column=c)
            if value is None:
                continue
            if column.kind == MONEY:
                assert isinstance(value, Decimal)
                letter = get_column_letter(c)
                cell.value = exact_amount(value, f"{name}!{letter}{n}")
            elif column.kind == SHARE:
                assert isinstance(value, Decimal)
                cell.value = value
            elif column.kind in (DATE, INT):
                cell.value = value
            else:
                text = str(value)
                cell.value = text
                cell.data_type = "s"  # never a formula, whatever it begins with
                if text.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            if column.kind in _FORMATS:
                cell.number_format = _FORMATS[column.kind]
            widths[c - 1] = max(widths[c - 1], _text_width(value))
    for c, width in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)
    worksheet.freeze_panes = "A2"


def workbook_bytes(sheets: Iterable[Sheet], lang: str = "zh") -> bytes:
    """The sheets as an ``.xlsx`` workbook (see the module documentation)."""
    lang = check_lang(lang)
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for sheet in sheets:
        _write_sheet(book.create_sheet(_sheet_name(sheet.code, lang)), sheet, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# The sheets of each result.


def _label(value: Any, lang: str) -> str | None:
    return None if value is None else str(value.label(lang))


def _yes(flag: bool, lang: str) -> str:
    return word("yes" if flag else "no", lang)


def _park(park: Park | None, lang: str) -> str:
    return park.label(lang) if park is not None else word("outside_parks", lang)


def _level(level: Level | None, lang: str) -> str:
    return level.label(lang) if level is not None else word("none", lang)


def policy_sheet(policy: Policy | PolicyTimeline) -> Sheet:
    """The policy that made a result: name, fingerprint, period and every field."""
    return Sheet("policy", (Col("field"), Col("value")), tuple(policy_rows(policy)))


def _table_sheet(
    code: str,
    key: str,
    table: Iterable[tuple[Any, Decimal]],
    shown: Callable[[Any], object],
    kind: str = TEXT,
) -> Sheet:
    return Sheet(
        code, (Col(key, kind), Col("amount", MONEY)), tuple((shown(k), v) for k, v in table)
    )


def assessment_sheets(assessment: Assessment, lang: str = "zh") -> list[Sheet]:
    """items, platforms, totals, by year, due year, bureau, park, kind, category and
    level, warnings, policy."""
    lang = check_lang(lang)
    summaries = {s.id: s for s in assessment.platforms}
    items = Sheet(
        "items",
        (
            Col("item"),
            Col("platform"),
            Col("name"),
            Col("kind"),
            Col("level"),
            Col("year", INT),
            Col("date", DATE),
            Col("due", DATE),
            Col("eligible"),
            Col("amount", MONEY),
            Col("bureau"),
            Col("park"),
            Col("missing"),
            Col("version", INT),
            Col("clauses"),
        ),
        tuple(
            (
                i.item,
                i.platform,
                summaries[i.platform].platform.name,
                i.kind.label(lang),
                _label(i.level, lang),
                i.year,
                i.date,
                i.due,
                _yes(i.eligible, lang),
                i.amount,
                summaries[i.platform].classification.bureau.label(lang),
                _park(summaries[i.platform].platform.park, lang),
                " ".join(i.missing) or None,
                i.version + 1,
                " ".join(i.clauses),
            )
            for i in assessment.items
        ),
    )
    platforms = Sheet(
        "platforms",
        (
            Col("platform"),
            Col("name"),
            Col("category"),
            Col("counts_as"),
            Col("level"),
            Col("major"),
            Col("bureau"),
            Col("park"),
            Col("amount", MONEY),
        ),
        tuple(
            (
                s.id,
                s.platform.name,
                s.platform.category.label(lang),
                s.classification.counts_as.label(lang),
                _label(s.level, lang),
                _yes(s.is_major, lang),
                s.classification.bureau.label(lang),
                _park(s.platform.park, lang),
                assessment.totals.by_platform[s.id],
            )
            for s in assessment.platforms
        ),
    )
    t = assessment.totals
    totals = Sheet(
        "totals",
        (Col("field"), Col("amount", MONEY)),
        (
            (pick(COLUMNS["district"], lang), t.district),
            (pick(COLUMNS["formula"], lang), t.formula),
            (Kind.CASE.label(lang), t.by_kind[Kind.CASE]),
        ),
    )
    warnings = Sheet(
        "warnings",
        (Col("code"), Col("platform"), Col("message")),
        tuple((str(n.code), n.platform, n.message(lang)) for n in assessment.warnings),
    )
    return [
        items,
        platforms,
        totals,
        _table_sheet("by_year", "year", t.by_year.items(), int, INT),
        _table_sheet("by_due_year", "year", t.by_due_year.items(), int, INT),
        _table_sheet("by_bureau", "bureau", t.by_bureau.items(), lambda b: b.label(lang)),
        _table_sheet("by_park", "park", t.by_park.items(), lambda p: _park(p, lang)),
        _table_sheet("by_kind", "kind", t.by_kind.items(), lambda k: k.label(lang)),
        _table_sheet("by_category", "category", t.by_category.items(), lambda c: c.label(lang)),
        _table_sheet("by_level", "level", t.by_level.items(), lambda v: _level(v, lang)),
        warnings,
        policy_sheet(assessment.policy),
    ]


def _findings_sheet(findings: Sequence[Finding], lang: str) -> Sheet:
    return Sheet(
        "findings",
        (
            Col("payment", INT),
            Col("date", DATE),
            Col("platform"),
            Col("item"),
            Col("finding"),
            Col("code"),
            Col("amount", MONEY),
            Col("payable", MONEY),
            Col("paid_before", MONEY),
            Col("clauses"),
            Col("explanation"),
        ),
        tuple(
            (
                f.payment,
                f.date,
                f.platform,
                f.item,
                f.code.label(lang),
                str(f.code),
                f.amount,
                f.payable,
                f.paid_before,
                " ".join(f.clauses),
                f.explain(lang),
            )
            for f in findings
        ),
    )


def findings_sheets(
    findings: Sequence[Finding], policy: Policy | PolicyTimeline, lang: str = "zh"
) -> list[Sheet]:
    """The audit's findings, one row each, and the policy it assessed under."""
    lang = check_lang(lang)
    return [_findings_sheet(findings, lang), policy_sheet(policy)]


def budget_sheets(budget: Budget, lang: str = "zh") -> list[Sheet]:
    """The list to pay (one row per item: payable, paid, outstanding, status), the
    outstanding total and its tables by due year, bureau, park, kind and status, the
    audit's findings about the payments up to the date, and the policy."""
    lang = check_lang(lang)
    items = Sheet(
        "budget",
        (
            Col("platform"),
            Col("item"),
            Col("kind"),
            Col("level"),
            Col("year", INT),
            Col("due", DATE),
            Col("payable", MONEY),
            Col("paid", MONEY),
            Col("outstanding", MONEY),
            Col("budget_status"),
            Col("missing"),
            Col("overpaid"),
            Col("bureau"),
            Col("park"),
            Col("clauses"),
        ),
        tuple(
            (
                e.platform,
                e.item,
                e.kind.label(lang),
                _label(e.level, lang),
                e.year,
                e.due,
                e.payable,
                e.paid,
                e.outstanding,
                e.status.label(lang),
                " ".join(e.missing) or None,
                _yes(e.overpaid, lang),
                e.bureau.label(lang),
                _park(e.park, lang),
                " ".join(e.clauses),
            )
            for e in budget.items
        ),
    )
    t = budget.totals
    totals = Sheet(
        "totals",
        (Col("as_of", DATE), Col("outstanding", MONEY)),
        ((budget.as_of, t.outstanding),),
    )
    return [
        items,
        totals,
        _table_sheet("by_due_year", "year", t.by_due_year.items(), int, INT),
        _table_sheet("by_bureau", "bureau", t.by_bureau.items(), lambda b: b.label(lang)),
        _table_sheet("by_park", "park", t.by_park.items(), lambda p: _park(p, lang)),
        _table_sheet("by_kind", "kind", t.by_kind.items(), lambda k: k.label(lang)),
        _table_sheet("by_status", "budget_status", t.by_status.items(), lambda s: s.label(lang)),
        _findings_sheet(budget.findings, lang),
        policy_sheet(budget.policy),
    ]


_FIGURES = (Col("committed", MONEY), Col("expected", MONEY), Col("ceiling", MONEY))


def _figures(f: YearFigures) -> tuple[Decimal, Decimal, Decimal]:
    return (f.committed, f.expected, f.ceiling)


def forecast_sheets(forecast: Forecast, lang: str = "zh") -> list[Sheet]:
    """The district's committed, expected and ceiling by year; the same for each line
    (a bureau, §4.1–§4.3, or the parks' and the district's further need, §A, §2.2);
    the new platforms each line assumes by year; the assumptions used, each with its
    source; the scenario with its fingerprint; and the policy."""
    lang = check_lang(lang)

    def line_name(bureau: Bureau | None) -> str:
        return pick(FINANCE_WORDS["unassigned"], lang) if bureau is None else bureau.label(lang)

    district = Sheet(
        "forecast",
        (Col("year", INT), *_FIGURES),
        tuple((f.year, *_figures(f)) for f in forecast.years),
    )
    lines = Sheet(
        "forecast_lines",
        (Col("forecast_line"), Col("year", INT), *_FIGURES, Col("clauses")),
        tuple(
            (line_name(line.bureau), f.year, *_figures(f), " ".join(line.clauses))
            for line in forecast.lines
            for f in line.years
        ),
    )
    approvals = Sheet(
        "approvals",
        (Col("forecast_line"), Col("year", INT), Col("new_platforms", INT)),
        tuple(
            (line_name(line.bureau), year, count)
            for line in forecast.lines
            for year, count in line.approvals.items()
        ),
    )
    assumptions = Sheet(
        "assumptions",
        (Col("bureau"), Col("assumption"), Col("value"), Col("records", INT), Col("source")),
        tuple(
            (
                bureau.label(lang),
                name,
                "-" if estimate.value is None else f"{estimate.value:f}",
                estimate.records,
                estimate.source.label(lang),
            )
            for bureau, used in forecast.assumptions.items()
            for name, estimate in _estimates(used, lang)
        ),
    )
    caps = " ".join(f"{bureau.value}:{name}" for bureau, name in forecast.caps_used)
    scenario = Sheet(
        "scenario",
        (Col("field"), Col("value")),
        (
            ("name", forecast.scenario.name),
            ("fingerprint", forecast.fingerprint),
            ("as_of", forecast.as_of.isoformat()),
            ("caps_used", caps or None),
        ),
    )
    return [district, lines, approvals, assumptions, scenario, policy_sheet(forecast.policy)]


def _estimates(used: Assumptions, lang: str) -> list[tuple[str, Estimate]]:
    named = [
        (pick(FINANCE_WORDS["mix"], lang).format(level=level.label(lang)), e)
        for level, e in used.mix.items()
    ]
    named += [
        (pick(FINANCE_WORDS["funding"], lang).format(level=level.label(lang)), e)
        for level, e in used.funding.items()
    ]
    named += [
        (pick(FINANCE_WORDS["excellent"], lang), used.excellent),
        (pick(FINANCE_WORDS["turnover"], lang), used.turnover),
    ]
    return named


def report_sheets(report: TargetReport, lang: str = "zh") -> list[Sheet]:
    """The target lines, the new platforms by year, every platform's count, the checks
    of the targets, and the policy."""
    lang = check_lang(lang)
    lines = Sheet(
        "lines",
        (
            Col("scope"),
            Col("line"),
            Col("period"),
            Col("start", DATE),
            Col("end", DATE),
            Col("as_of", DATE),
            Col("target", INT),
            Col("achieved", INT),
            Col("remaining", INT),
            Col("met"),
            Col("status"),
            Col("elapsed", SHARE),
            Col("achieved_share", SHARE),
            Col("platforms"),
            Col("clauses"),
        ),
        tuple(
            (
                line.scope.label(lang),
                line.label(lang),
                line.period.label,
                line.period.start,
                line.period.end,
                line.as_of,
                line.target,
                line.achieved,
                line.remaining,
                _yes(line.met, lang),
                line.pace.status.label(lang),
                line.pace.elapsed,
                line.pace.achieved_share,
                " ".join(line.platforms),
                " ".join(line.clauses),
            )
            for line in report.lines
        ),
    )
    columns = [Col("year", INT), Col("district", INT)]
    names = [p.label(lang) for p in Park] + [word("outside_parks", lang)]
    names += [b.label(lang) for b in Bureau]
    by_year = Sheet(
        "by_year",
        (*columns, *(Col(n, INT) for n in names)),
        tuple(
            (
                y.year,
                len(y.district),
                *(len(y.parks[p]) for p in Park),
                len(y.outside_parks),
                *(len(y.bureaus[b]) for b in Bureau),
            )
            for y in report.by_year
        ),
    )
    counts = Sheet(
        "counts",
        (
            Col("platform"),
            Col("status"),
            Col("first_major", DATE),
            Col("approval"),
            Col("level"),
            Col("park"),
            Col("bureau"),
            Col("counts_as"),
        ),
        tuple(
            (
                c.platform,
                c.status.label(lang),
                c.first_major,
                c.approval,
                _label(c.level, lang),
                _park(c.park, lang),
                c.bureau.label(lang),
                c.counts_as.label(lang),
            )
            for c in report.platforms
        ),
    )
    checks = Sheet(
        "checks",
        (Col("code"), Col("ok"), Col("message")),
        tuple((str(c.code), _yes(c.ok, lang), c.message(lang)) for c in report.checks),
    )
    return [lines, by_year, counts, checks, policy_sheet(report.policy)]


def _comparison_table(
    code: str,
    key: str,
    keys: Iterable[Any],
    comparison: Comparison,
    table: str,
    shown: Callable[[Any], object],
    kind: str = TEXT,
) -> Sheet:
    base = getattr(comparison.baseline_totals, table)
    alt = getattr(comparison.alternative_totals, table)
    delta = getattr(comparison, table)
    return Sheet(
        code,
        (Col(key, kind), Col("baseline", MONEY), Col("alternative", MONEY), Col("delta", MONEY)),
        tuple((shown(k), base[k], alt[k], delta[k]) for k in keys),
    )


def _policies_sheet(sides: Sequence[tuple[str, Policy | PolicyTimeline]], lang: str) -> Sheet:
    rows = tuple(
        (pick(CHARTS[side], lang), field, value)
        for side, policy in sides
        for field, value in policy_rows(policy)
    )
    return Sheet("policy", (Col("side"), Col("field"), Col("value")), rows)


def comparison_sheets(comparison: Comparison, lang: str = "zh") -> list[Sheet]:
    """Every item with both amounts and the difference, the totals and the differences
    by year, bureau, park, kind and category, and both policies."""
    lang = check_lang(lang)
    summaries = {s.id: s for s in comparison.baseline.platforms}
    items = Sheet(
        "items",
        (
            Col("item"),
            Col("platform"),
            Col("name"),
            Col("kind"),
            Col("level"),
            Col("year", INT),
            Col("baseline", MONEY),
            Col("alternative", MONEY),
            Col("delta", MONEY),
            Col("baseline_eligible"),
            Col("alternative_eligible"),
            Col("bureau"),
            Col("park"),
            Col("clauses"),
        ),
        tuple(
            (
                i.item,
                i.platform,
                summaries[i.platform].platform.name,
                i.kind.label(lang),
                _label(i.level, lang),
                i.year,
                i.baseline,
                i.alternative,
                i.delta,
                _yes(i.baseline_eligible, lang),
                _yes(i.alternative_eligible, lang),
                summaries[i.platform].classification.bureau.label(lang),
                _park(summaries[i.platform].platform.park, lang),
                " ".join(i.clauses),
            )
            for i in comparison.items
        ),
    )
    b, a = comparison.baseline_totals, comparison.alternative_totals
    totals = Sheet(
        "totals",
        (Col("field"), Col("baseline", MONEY), Col("alternative", MONEY), Col("delta", MONEY)),
        (
            (pick(COLUMNS["district"], lang), b.total, a.total, comparison.total),
            (pick(COLUMNS["formula"], lang), b.formula, a.formula, comparison.formula),
        ),
    )
    years = sorted(comparison.by_year)
    return [
        items,
        totals,
        _comparison_table("by_year", "year", years, comparison, "by_year", int, INT),
        _comparison_table(
            "by_bureau", "bureau", Bureau, comparison, "by_bureau", lambda v: v.label(lang)
        ),
        _comparison_table(
            "by_park", "park", (*Park, None), comparison, "by_park", lambda v: _park(v, lang)
        ),
        _comparison_table("by_kind", "kind", Kind, comparison, "by_kind", lambda v: v.label(lang)),
        _comparison_table(
            "by_category",
            "category",
            Category,
            comparison,
            "by_category",
            lambda v: v.label(lang),
        ),
        _policies_sheet(
            (
                ("baseline", comparison.baseline_policy),
                ("alternative", comparison.alternative_policy),
            ),
            lang,
        ),
    ]


def sweep_sheets(sweep: ReadingSweep, lang: str = "zh") -> list[Sheet]:
    """One row per combination of the readings, and the policy swept."""
    lang = check_lang(lang)
    rows = Sheet(
        "sweep",
        (
            Col("upgrade_reading"),
            Col("city_reading"),
            Col("total", MONEY),
            Col("formula", MONEY),
            Col("delta", MONEY),
            Col("formula_delta", MONEY),
            Col("is_default"),
        ),
        tuple(
            (
                r.upgrade_reading.label(lang),
                r.city_reading.label(lang),
                r.total,
                r.formula,
                r.delta,
                r.formula_delta,
                _yes(r.is_default, lang),
            )
            for r in sweep.rows
        ),
    )
    return [rows, policy_sheet(sweep.policy)]
