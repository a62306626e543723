"""``innovation-policy assess``: every platform, item and total, as text, JSON, CSV or xlsx."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal

from .._assess import Assessment, Item, PlatformSummary, assess
from .._files import escape
from .._labels import Bureau, Kind
from .._provenance import policy_header
from .._render import table
from ._common import (
    _PROGRESS_EVERY,
    EXIT_OK,
    _csv_text,
    _inputs,
    _json_text,
    _label,
    _money_cells,
    _pick,
    _plot,
    _Progress,
    _w,
    _yes,
    _yuan_text,
)
from ._output import (
    _chart,
    _xlsx,
)


def _assess_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    progress(f"assessing {len(register.platforms):,} platforms")
    assessment = assess(register, policy=policy)
    progress("writing")
    _chart(args, lambda lang: _plot("plot_money")(assessment, lang=lang))
    if args.format == "json":
        return _json_text(assessment.to_json(args.lang)), EXIT_OK
    if args.format == "xlsx":
        from .._xlsx_out import assessment_sheets, workbook_bytes

        return _xlsx(
            lambda: workbook_bytes(assessment_sheets(assessment, args.lang), args.lang)
        ), EXIT_OK
    if args.format == "csv":
        return _assess_csv(assessment, args.lang), EXIT_OK
    return _assess_text(assessment, args.lang, progress), EXIT_OK


def _platform_block(summary: PlatformSummary, items: Sequence[Item], lang: str) -> list[str]:
    """One platform: who it is, what it is, and its items with a total."""
    platform = summary.platform
    classification = summary.classification
    park = _label(platform.park, lang) if platform.park else _w("outside_parks", lang)
    sep = "：" if lang == "zh" else ": "
    lines = [
        f"{platform.id}  {escape(platform.name)}",  # a name's line break would break a table
        "  "
        + "  ".join(
            [
                f"{_w('category', lang)}{sep}{_label(platform.category, lang)}",
                f"{_w('counts_as', lang)}{sep}{_label(classification.counts_as, lang)}",
                f"{_w('level', lang)}{sep}{_label(summary.level, lang)}",
                f"{_w('major', lang)}{sep}{_yes(summary.is_major, lang)}",
            ]
        ),
        "  "
        + "  ".join(
            [
                f"{_w('bureau', lang)}{sep}{_label(classification.bureau, lang)}",
                f"{_w('park', lang)}{sep}{park}",
            ]
        ),
    ]
    if summary.entitlements:
        lines.append(f"  {_w('entitlements', lang)}{sep}".rstrip())
        lines.extend(
            f"    - {e.label(lang)}{'（' if lang == 'zh' else ' ('}{e.clause}"
            f"{'）' if lang == 'zh' else ')'}"
            for e in summary.entitlements
        )
    if not items:
        lines.append(f"  {_w('no_items', lang)}")
        return lines
    headers = [
        _w(k, lang) for k in ("date", "item", "kind", "level", "year", "eligible", "amount", "wan")
    ]
    rows = [
        [
            i.date.isoformat(),
            i.item,
            _label(i.kind, lang),
            _label(i.level, lang),
            str(i.year),
            _yes(i.eligible, lang),
            *_money_cells(i.amount),
        ]
        for i in items
    ]
    total = sum((i.amount for i in items), Decimal("0.00"))
    rows.append([_w("total", lang), "", "", "", "", "", *_money_cells(total)])
    lines.extend(table(headers, rows, align="<<<<><>>", indent="  "))
    return lines


def _assess_text(assessment: Assessment, lang: str, progress: _Progress) -> str:
    title = (
        "赣榆区重大产业创新平台评估（最高可支付额）"
        if lang == "zh"
        else "Ganyu District major innovation platforms: assessment (maximum payable)"
    )
    out = [title, *policy_header(assessment.policy, lang), ""]
    items: dict[str, list[Item]] = {s.id: [] for s in assessment.platforms}
    for item in assessment.items:
        items[item.platform].append(item)
    count = len(assessment.platforms)
    for n, summary in enumerate(assessment.platforms, 1):
        if n % _PROGRESS_EVERY == 0:
            progress(f"formatting {n:,}/{count:,} platforms")
        out.extend(_platform_block(summary, items[summary.id], lang))
        out.append("")
    warnings = assessment.warnings
    count_text = f"（{len(warnings)}）" if lang == "zh" else f" ({len(warnings)})"
    out.append(f"{_w('warnings', lang)}{count_text}")
    out.extend(f"  - {w.message(lang)}" for w in warnings)
    if not warnings:
        out.append(f"  {_w('none', lang)}")
    out.append("")
    totals = assessment.totals
    money = [_w("amount", lang), _w("wan", lang)]
    out.append(_w("district", lang))
    out.append(f"  {_w('by_year', lang)}")
    rows = [[str(year), *_money_cells(v)] for year, v in totals.by_year.items()]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("year", lang), *money], rows, align="<>>", indent="    "))
    out.append(f"  {_w('by_bureau', lang)}")
    rows = [[_label(b, lang), *_money_cells(totals.by_bureau[b])] for b in Bureau]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("bureau", lang), *money], rows, align="<>>", indent="    "))
    out.append(f"  {_w('by_kind', lang)}")
    rows = [[_label(k, lang), *_money_cells(totals.by_kind[k])] for k in Kind]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("kind", lang), *money], rows, align="<>>", indent="    "))
    case = totals.by_kind[Kind.CASE]
    if lang == "zh":
        out.append(
            f"  全区最高可支付合计 {_yuan_text(totals.district, lang)}，其中按公式计算"
            f" {_yuan_text(totals.formula, lang)}，一事一议 {_yuan_text(case, lang)}（§6.2）"
        )
    else:
        out.append(
            f"  District total maximum payable {_yuan_text(totals.district, lang)}: by formula "
            f"{_yuan_text(totals.formula, lang)}, case-by-case {_yuan_text(case, lang)} (§6.2)"
        )
    return "\n".join(out) + "\n"


_ASSESS_CSV = (
    ("item", "事项"),
    ("platform", "平台编号"),
    ("name", "名称"),
    ("kind", "类型"),
    ("level", "级别"),
    ("year", "年度"),
    ("date", "日期"),
    ("eligible", "符合条件"),
    ("amount", "金额"),
    ("bureau", "负责部门"),
    ("park", "园区"),
    ("clauses", "条款"),
)


def _assess_csv(assessment: Assessment, lang: str) -> str:
    """One row per item; ``amount`` is plain yuan with two decimals, to sum."""
    summaries = {s.id: s for s in assessment.platforms}
    rows = []
    for i in assessment.items:
        summary = summaries[i.platform]
        rows.append(
            [
                i.item,
                i.platform,
                summary.platform.name,
                i.kind.zh if lang == "zh" else i.kind.value,
                i.level.label(lang) if i.level else "",
                i.year,
                i.date.isoformat(),
                _yes(i.eligible, lang),
                f"{i.amount:.2f}",
                summary.classification.bureau.label(lang),
                summary.platform.park.label(lang) if summary.platform.park else "",
                " ".join(i.clauses),
            ]
        )
    return _csv_text([_pick((zh, en), lang) for en, zh in _ASSESS_CSV], rows)
