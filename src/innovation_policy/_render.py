"""Rendering: plain-text tables aligned by display width, and the target report as text.

A Chinese character takes two columns of a terminal, a Latin letter one
(:func:`unicodedata.east_asian_width`: ``W`` and ``F`` are wide). Padding by ``len``
would misalign every table with a Chinese name in it; :func:`table` pads by display
width, and every text table of the library (the command line's, the target report's)
is made by it. Words come from the vocabulary; the results' ``explain`` methods are
thin delegates here.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from ._display import percent
from ._labels import Bureau, Park
from ._provenance import policy_header
from ._targets import Period, PlatformCount, TargetLine, TargetReport, TargetScope
from ._vocabulary import REPORT_NOTE, pick

__all__ = [
    "FORMULA_STARTS",
    "csv_text",
    "display_width",
    "line_text",
    "neutral",
    "pad",
    "report_text",
    "table",
]

_WIDE = frozenset({"W", "F"})
_LONGEST_RULE = 40  # the last column may hold long text; its rule stops here


def display_width(text: str) -> int:
    """The number of terminal columns ``text`` takes: 2 for a wide character, 0 for a
    combining mark, 1 otherwise.

    >>> display_width("P01 区科技局")
    10
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in _WIDE else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns: ``<`` left, ``>`` right."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if align == ">" else text + fill


def table(
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    *,
    align: str | None = None,
    indent: str = "",
    gap: str = "  ",
) -> list[str]:
    """The lines of an aligned table: a header, a rule, then the rows (with ``headers``
    ``None``, the rows alone).

    ``align`` has one character per column, ``<`` or ``>`` (default: all left). The
    last column is not padded on the right, so no line ends in spaces, and its rule is at
    most 40 columns long (it may hold long text).
    """
    head = [headers] if headers is not None else []
    count = len(headers) if headers is not None else len(rows[0])
    aligns = align or "<" * count
    if len(aligns) != count or any(len(row) != count for row in rows):
        raise ValueError("table: every row needs one cell per header, and align one per column")
    widths = [max(display_width(row[c]) for row in (*head, *rows)) for c in range(count)]

    def line(cells: Sequence[str]) -> str:
        parts = [pad(cell, widths[c], aligns[c]) for c, cell in enumerate(cells)]
        return (indent + gap.join(parts)).rstrip()

    if headers is None:
        return [line(row) for row in rows]
    rules = [*widths[:-1], min(widths[-1], max(display_width(headers[-1]), _LONGEST_RULE))]
    rule = indent + gap.join("-" * w for w in rules)
    return [line(headers), rule, *(line(row) for row in rows)]


# ---------------------------------------------------------------------------------------
# The target report.


def _table(rows: Sequence[Sequence[str]], aligns: str = "", *, header: bool = False) -> str:
    """Rows as aligned columns, two spaces apart; ``aligns`` has ``l`` or ``r`` per column
    (``l`` where it has none). With ``header``, the first row is underlined."""
    align = "".join(">" if a == "r" else "<" for a in aligns.ljust(len(rows[0]), "l"))
    lines = table(rows[0], rows[1:], align=align) if header else table(None, rows, align=align)
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())


def _cites(clauses: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(clauses)


def _period_text(period: Period, lang: str) -> str:
    start, end = period.start.isoformat(), period.end.isoformat()
    if lang == "zh":
        return f"{period.label}（{start} 至 {end}，{period.days} 天）"
    return f"{period.label} ({start} to {end}, {period.days} days)"


def _count_rows(counts: Iterable[PlatformCount], lang: str) -> list[list[str]]:
    zh = lang == "zh"
    rows = [
        ["平台", "首次成为重大平台", "依据", "级别", "园区", "部门"]
        if zh
        else ["platform", "first major", "approval", "level", "park", "bureau"]
    ]
    for c in counts:
        park = (
            (c.park.value if zh else c.park.en)
            if c.park is not None
            else ("园区外" if zh else "outside the parks")
        )
        rows.append(
            [
                c.platform,
                c.first_major.isoformat() if c.first_major else "",
                c.approval or "",
                c.level.label(lang) if c.level else "",
                park,
                c.bureau.label(lang),
            ]
        )
    return rows


def report_text(report: TargetReport, lang: str) -> str:
    """The target report as aligned tables: the policy that made it, the lines, the
    years, the platforms not counted, the checks of the targets, and how pace is defined."""
    zh = lang == "zh"
    plan = report.period
    as_of = report.as_of.isoformat()
    title = (
        f"重大产业创新平台目标任务完成情况：截至 {as_of}，规划期 {_period_text(plan, lang)}"
        if zh
        else f"New major innovation platforms against the targets: as of {as_of}, "
        f"plan period {_period_text(plan, lang)}"
    )
    head = (
        ["指标", "期间", "目标", "完成", "尚差", "进度", "时间进度", "完成率", "条款", "计入平台"]
        if zh
        else [
            "line",
            "period",
            "target",
            "achieved",
            "remaining",
            "status",
            "elapsed",
            "achieved share",
            "clauses",
            "platforms",
        ]
    )
    rows = [head]
    for line in report.lines:
        rows.append(
            [
                line.label(lang),
                line.period.label,
                str(line.target),
                str(line.achieved),
                str(line.remaining),
                line.pace.status.label(lang),
                percent(line.pace.elapsed),
                percent(line.pace.achieved_share),
                _cites(line.clauses, lang),
                _cites(line.platforms, lang) or "-",
            ]
        )
    parts = [
        title,
        *policy_header(report.policy, lang),
        "",
        _indent(_table(rows, "llrrrlrrll", header=True)),
    ]

    years = [y.period.label for y in report.by_year]
    year_head = [
        "按年度新计入（解读6）" if zh else "new by year (reading 6)",
        *years,
        "合计" if zh else "total",
    ]
    year_rows: list[list[str]] = [year_head]

    def year_row(label: str, ids_of: Any) -> list[str]:
        counts = [len(ids_of(y)) for y in report.by_year]
        return [label, *(str(n) for n in counts), str(sum(counts))]

    year_rows.append(year_row(TargetScope.DISTRICT.label(lang), lambda y: y.district))
    for park in Park:
        label = park.value if zh else f"park: {park.en}"
        year_rows.append(year_row(label, lambda y, p=park: y.parks[p]))
    year_rows.append(year_row("园区外" if zh else "outside the parks", lambda y: y.outside_parks))
    for bureau in Bureau:
        label = bureau.value if zh else f"bureau: {bureau.en}"
        year_rows.append(year_row(label, lambda y, b=bureau: y.bureaus[b]))
    parts += ["", _indent(_table(year_rows, "l" + "r" * (len(years) + 1), header=True))]

    not_counted = [c for c in report.platforms if not c.counted]
    if not_counted:
        rows = [
            ["未计入的平台（解读6）", "原因", "首次成为重大平台", "依据", "级别"]
            if zh
            else ["not counted (reading 6)", "reason", "first major", "approval", "level"]
        ]
        rows.extend(
            [
                c.platform,
                c.status.label(lang),
                c.first_major.isoformat() if c.first_major else "-",
                c.approval or "-",
                c.level.label(lang) if c.level else "-",
            ]
            for c in not_counted
        )
        parts += ["", _indent(_table(rows, header=True))]

    parts += ["", "目标一致性检查" if zh else "checks of the policy's targets"]
    for check in report.checks:
        mark = ("一致" if check.ok else "不一致") if zh else ("ok" if check.ok else "NOT OK")
        parts.append(f"  [{mark}] {check.message(lang)}")
    parts += ["", pick(REPORT_NOTE, lang)]
    return "\n".join(parts)


def line_text(line: TargetLine, lang: str) -> str:
    """A target line as an aligned table, then the platforms that count, with their dates."""
    zh = lang == "zh"
    cites = _cites(line.clauses, lang)
    title = (
        f"{line.label(lang)} {line.period.label} 目标完成情况（{cites}），截至 {line.as_of.isoformat()}"
        if zh
        else f"{line.label(lang)}, {line.period.label} ({cites}), as of {line.as_of.isoformat()}"
    )
    pace = line.pace
    rows = [
        ["期间" if zh else "period", _period_text(line.period, lang)],
        ["目标" if zh else "target", str(line.target)],
        ["完成" if zh else "achieved", str(line.achieved)],
        ["尚差" if zh else "remaining", str(line.remaining)],
        ["进度" if zh else "status", pace.status.label(lang)],
        [
            "时间进度" if zh else "elapsed",
            f"{percent(pace.elapsed)} = {pace.days_elapsed} / {pace.days_in_period}"
            + (" 天" if zh else " days"),
        ],
        [
            "完成率" if zh else "achieved share",
            f"{percent(pace.achieved_share)} = {line.achieved} / {line.target}",
        ],
    ]
    parts = [title, _indent(_table(rows, "ll"))]
    if line.counted:
        parts.append("计入的平台（解读6）" if zh else "platforms counted (reading 6)")
        parts.append(_indent(_table(_count_rows(line.counted, lang), header=True)))
    else:
        parts.append("尚无计入的平台" if zh else "no platform counted yet")
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------
# Spreadsheet cells that are never evaluated.

FORMULA_STARTS = ("=", "+", "-", "@")
"""What a spreadsheet takes for the start of a formula (CSV injection, CWE-1236)."""

_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutral(value: object) -> object:
    """A CSV cell that no spreadsheet evaluates: text beginning with ``=``, ``+``, ``-``
    or ``@`` gets a leading ``'`` (the convention Excel and LibreOffice show as text and
    OWASP recommends); a plain number such as ``-5.00`` (a negative difference) is kept as
    it is, being no formula. Anything but text is returned unchanged.

    >>> neutral("=HYPERLINK(1)"), neutral("-5.00"), neutral("P1")
    ("'=HYPERLINK(1)", '-5.00', 'P1')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table as text: the headers, then the rows, every cell neutral (no formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return buffer.getvalue()
