"""Edge: the finance bureau's commands, ``budget`` and ``forecast`` (§4.1–§4.3, §6.2–§6.6, §A).

``budget REGISTER --as-of DATE`` prints what is owed and unpaid, grouped by status and
bureau, with totals by the year due; ``forecast REGISTER --as-of DATE [--scenario FILE]``
prints committed, expected and ceiling per year. Text, JSON (valid against the shipped
``budget`` and ``forecast`` schemas), CSV or an Excel workbook (``--format xlsx``), like
every command; ``forecast --chart FILE.png|.svg`` also draws committed, expected and
ceiling by year.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .._budget import Budget, BudgetItem, budget
from .._errors import InputError, PolicyError
from .._forecast import Forecast, Scenario, YearFigures, forecast
from .._json import parse_date
from .._labels import BudgetStatus, Bureau, Kind, Park
from .._money import format_wan, format_yuan
from .._provenance import policy_header
from .._render import table
from .._vocabulary import FINANCE_WORDS, WORDS, pick
from ._common import EXIT_OK, _csv_text, _inputs, _json_text, _plot, _Progress
from ._output import _chart, _xlsx

__all__ = ["add_commands", "run"]


def add_commands(
    commands: Any,
    parents: Sequence[argparse.ArgumentParser],
    epilog: str,
    *,
    chart: argparse.ArgumentParser,
) -> None:
    """Add the ``budget`` and ``forecast`` subcommands to the parser's subparsers;
    ``forecast`` also takes ``chart``'s option (``--chart FILE``)."""
    budget_parser = commands.add_parser(
        "budget",
        parents=list(parents),
        help="what is owed and unpaid as of a date, grouped by status and bureau",
        description="The budget (应拨付清单): every item with something outstanding as of "
        "--as-of (payable less the payments made by then, never below 0), or whose amount "
        "waits for data, with its due date (reading 10) and status: ready (pay without "
        "application), needs_data, needs_decision (§6.2), not_yet_due; totals by due "
        "year, bureau (§4.1–§4.3), park and kind.",
        epilog=epilog,
    )
    forecast_parser = commands.add_parser(
        "forecast",
        parents=[*parents, chart],
        help="the plan's cost if its targets are met: committed, expected, ceiling",
        description="The forecast (资金预测): per year from --as-of to the year after the "
        "plan, what is committed (outstanding), expected (the new platforms still needed "
        "for the targets, §2.2, §4.1–§4.3, §A, under a scenario) and the ceiling (the worst case).",
        epilog=epilog,
    )
    for command in (budget_parser, forecast_parser):
        command.add_argument(
            "--as-of",
            required=True,
            metavar="DATE",
            help="the date, YYYY-MM-DD: payments up to it are deducted",
        )
    forecast_parser.add_argument(
        "--scenario",
        metavar="FILE",
        help="a JSON or .toml scenario file (the shipped scenario schema): per bureau, "
        "mix, funding, excellent, turnover; what it leaves out comes from the register",
    )


def run(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    """Run ``budget`` or ``forecast``; every problem of the inputs at once."""
    failures: list[str] = []
    try:
        as_of = parse_date(args.as_of, "--as-of")
    except PolicyError as error:
        failures.append(str(error))
    scenario: Scenario | None = None
    if getattr(args, "scenario", None) is not None:
        from .._scenario_files import load_scenario

        try:
            scenario = load_scenario(args.scenario)
        except InputError as error:
            failures.append(str(InputError(error.problems, source=f"--scenario {args.scenario}")))
    register, policy = _inputs(args, progress, failures=failures)
    lang = args.lang
    if args.command == "budget":
        result = budget(register, as_of=as_of, policy=policy)
        if args.format == "json":
            return _json_text(result.to_json(lang)), EXIT_OK
        if args.format == "xlsx":
            from .._xlsx_out import budget_sheets, workbook_bytes

            return _xlsx(lambda: workbook_bytes(budget_sheets(result, lang), lang)), EXIT_OK
        if args.format == "csv":
            return budget_csv(result, lang), EXIT_OK
        return budget_text(result, lang), EXIT_OK
    outlook = forecast(register, as_of=as_of, policy=policy, scenario=scenario)
    _chart(args, lambda shown: _plot("plot_forecast")(outlook, lang=shown))
    if args.format == "json":
        return _json_text(outlook.to_json(lang)), EXIT_OK
    if args.format == "xlsx":
        from .._xlsx_out import forecast_sheets, workbook_bytes

        return _xlsx(lambda: workbook_bytes(forecast_sheets(outlook, lang), lang)), EXIT_OK
    if args.format == "csv":
        return forecast_csv(outlook, lang), EXIT_OK
    return forecast_text(outlook, lang), EXIT_OK


def _w(key: str, lang: str) -> str:
    return pick(FINANCE_WORDS[key] if key in FINANCE_WORDS else WORDS[key], lang)


def _yuan(amount: Decimal) -> str:
    return format_yuan(amount)


def _kind(kind: Kind, lang: str) -> str:
    return kind.label(lang)


def _park(park: Park | None, lang: str) -> str:
    return park.label(lang) if park is not None else _w("outside_parks", lang)


def _missing(entry: BudgetItem) -> str:
    return " ".join(entry.missing) or "-"


# ---------------------------------------------------------------------------------------
# budget


def budget_text(result: Budget, lang: str) -> str:
    """The list grouped by status and bureau, then the totals."""
    out = [pick(FINANCE_WORDS["budget_title"], lang).format(as_of=result.as_of.isoformat())]
    out.extend(policy_header(result.policy, lang))
    out.append("")
    headers = [
        _w(k, lang)
        for k in ("due", "platform", "item", "kind", "payable", "paid", "outstanding", "missing")
    ]
    if not result.items:
        out.append(_w("no_outstanding", lang))
    for status in BudgetStatus:
        items = [e for e in result.items if e.status is status]
        if not items:
            continue
        total = sum((e.outstanding for e in items), Decimal("0.00"))
        out.append(
            f"{status.label(lang)}（{_yuan(total)}）"
            if lang == "zh"
            else f"{status.label(lang)} ({_yuan(total)})"
        )
        for bureau in Bureau:
            rows = [
                [
                    e.due.isoformat(),
                    e.platform,
                    e.item,
                    _kind(e.kind, lang),
                    _yuan(e.payable),
                    _yuan(e.paid),
                    _yuan(e.outstanding),
                    _missing(e),
                ]
                for e in items
                if e.bureau is bureau
            ]
            if rows:
                out.append(f"  {bureau.label(lang)}")
                out.extend(table(headers, rows, align="<<<<>>><", indent="    "))
        out.append("")
    totals = result.totals
    money = [_w("outstanding", lang), _w("wan", lang)]
    sections: list[tuple[str, list[tuple[str, Decimal]]]] = [
        ("by_due_year", [(str(y), v) for y, v in totals.by_due_year.items()]),
        ("by_bureau", [(b.label(lang), v) for b, v in totals.by_bureau.items()]),
        ("by_park", [(_park(p, lang), v) for p, v in totals.by_park.items()]),
        ("by_kind", [(_kind(k, lang), v) for k, v in totals.by_kind.items()]),
        ("by_status", [(s.label(lang), v) for s, v in totals.by_status.items()]),
    ]
    out.append(
        _w("total", lang) + f" {_yuan(totals.outstanding)}（{format_wan(totals.outstanding)}）"
    )
    for key, pairs in sections:
        out.append(f"  {_w(key, lang)}")
        rows = [[name, _yuan(v), format_wan(v)] for name, v in pairs]
        out.extend(table(["", *money], rows, align="<>>", indent="    "))
    out.append("")
    out.append(pick(FINANCE_WORDS["audit_note"], lang).format(count=len(result.findings)))
    out.extend(f"  - {f.explain(lang)}" for f in result.findings)
    return "\n".join(out) + "\n"


_BUDGET_CSV = (
    ("platform", "平台编号"),
    ("item", "事项"),
    ("kind", "类型"),
    ("bureau", "负责部门"),
    ("park", "园区"),
    ("due", "到期日"),
    ("payable", "最高可支付"),
    ("paid", "已付"),
    ("outstanding", "未付"),
    ("status", "状态"),
    ("missing", "缺少"),
    ("clauses", "条款"),
)


def budget_csv(result: Budget, lang: str) -> str:
    """One row per item of the list; amounts plain yuan with two decimals, to sum."""
    rows = [
        [
            e.platform,
            e.item,
            e.kind.value,
            e.bureau.label(lang),
            "" if e.park is None else e.park.label(lang),
            e.due.isoformat(),
            f"{e.payable:.2f}",
            f"{e.paid:.2f}",
            f"{e.outstanding:.2f}",
            e.status.value,
            " ".join(e.missing),
            " ".join(e.clauses),
        ]
        for e in result.items
    ]
    return _csv_text([pick((zh, en), lang) for en, zh in _BUDGET_CSV], rows)


# ---------------------------------------------------------------------------------------
# forecast


def _figure_rows(years: Sequence[YearFigures], lang: str) -> list[list[str]]:
    rows = [[str(f.year), _yuan(f.committed), _yuan(f.expected), _yuan(f.ceiling)] for f in years]
    total = [
        sum((getattr(f, k) for f in years), Decimal("0.00"))
        for k in ("committed", "expected", "ceiling")
    ]
    rows.append([_w("total", lang), *(_yuan(v) for v in total)])
    return rows


def forecast_text(result: Forecast, lang: str) -> str:
    """The assumptions, then committed / expected / ceiling per year: the district,
    then each line."""
    out = [pick(FINANCE_WORDS["forecast_title"], lang).format(as_of=result.as_of.isoformat())]
    out.extend(policy_header(result.policy, lang))
    name = result.scenario.name
    fingerprint = result.fingerprint[:12]
    out.append(
        f"{_w('scenario', lang)} {name}（指纹 {fingerprint}）"
        if lang == "zh"
        else f"{_w('scenario', lang)} {name} (fingerprint {fingerprint})"
    )
    out.append("")
    rows = []
    for bureau, used in result.assumptions.items():
        named: list[tuple[str, Any]] = [
            (pick(FINANCE_WORDS["mix"], lang).format(level=level.label(lang)), e)
            for level, e in used.mix.items()
        ]
        named += [
            (pick(FINANCE_WORDS["funding"], lang).format(level=level.label(lang)), e)
            for level, e in used.funding.items()
        ]
        named += [(_w("excellent", lang), used.excellent), (_w("turnover", lang), used.turnover)]
        for label, estimate in named:
            value = "-" if estimate.value is None else f"{estimate.value:f}"
            rows.append(
                [
                    bureau.label(lang),
                    label,
                    value,
                    str(estimate.records),
                    estimate.source.label(lang),
                ]
            )
    headers = [_w(k, lang) for k in ("bureau", "assumption", "value", "records", "source")]
    out.extend(table(headers, rows, align="<<>><"))
    out.append("")
    headers = [_w(k, lang) for k in ("year", "committed", "expected", "ceiling")]
    out.append(_w("district", lang))
    out.extend(table(headers, _figure_rows(result.years, lang), align="<>>>", indent="  "))
    for line in result.lines:
        label = _w("unassigned", lang) if line.bureau is None else line.bureau.label(lang)
        sep = "：" if lang == "zh" else ": "
        out.append("")
        out.append(
            f"{label}（{' '.join(line.clauses)}）{sep}{_w('new_platforms', lang)} {line.new_platforms}"
        )
        out.extend(table(headers, _figure_rows(line.years, lang), align="<>>>", indent="  "))
    out.append("")
    out.append(pick(FINANCE_WORDS["forecast_note"], lang).format(year=result.as_of.year))
    return "\n".join(out) + "\n"


def forecast_csv(result: Forecast, lang: str) -> str:
    """One row per line and year (the district's first, line empty)."""
    headers = (
        ["部门", "年度", "已承诺", "预期", "上限"]
        if lang == "zh"
        else ["bureau", "year", "committed", "expected", "ceiling"]
    )
    rows: list[list[object]] = []
    groups: list[tuple[str, Sequence[YearFigures]]] = [("", result.years)]
    groups += [
        ("*" if line.bureau is None else line.bureau.label(lang), line.years)
        for line in result.lines
    ]
    for label, years in groups:
        rows.extend(
            [label, f.year, f"{f.committed:.2f}", f"{f.expected:.2f}", f"{f.ceiling:.2f}"]
            for f in years
        )
    return _csv_text(headers, rows)
