"""``innovation-policy targets``: new major platforms against the targets, as of a date."""

from __future__ import annotations

import argparse
import datetime as dt

from .._targets import TargetReport, target_progress
from ._common import (
    EXIT_OK,
    _csv_text,
    _inputs,
    _json_text,
    _plot,
    _Progress,
    _yes,
)
from ._output import (
    _chart,
    _xlsx,
)


def _targets_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    as_of = args.as_of or dt.date.today()
    progress(f"counting {len(register.platforms):,} platforms")
    report = target_progress(register, as_of=as_of, policy=policy)
    _chart(args, lambda lang: _plot("plot_targets")(report, lang=lang))
    if args.format == "json":
        return _json_text(report.to_json(args.lang)), EXIT_OK
    if args.format == "xlsx":
        from .._xlsx_out import report_sheets, workbook_bytes

        return _xlsx(lambda: workbook_bytes(report_sheets(report, args.lang), args.lang)), EXIT_OK
    if args.format == "csv":
        return _targets_csv(report, args.lang), EXIT_OK
    return report.explain(args.lang).rstrip("\n") + "\n", EXIT_OK


def _targets_csv(report: TargetReport, lang: str) -> str:
    """One row per target line."""
    headers = (
        [
            "范围",
            "指标",
            "期间",
            "目标",
            "完成",
            "尚差",
            "是否完成",
            "进度",
            "时间进度",
            "完成率",
            "计入平台",
            "条款",
        ]
        if lang == "zh"
        else [
            "scope",
            "key",
            "period",
            "target",
            "achieved",
            "remaining",
            "met",
            "status",
            "elapsed",
            "achieved_share",
            "platforms",
            "clauses",
        ]
    )
    rows = [
        [
            line.scope.label(lang) if lang == "zh" else line.scope.value,
            "" if line.key is None else line.key.label(lang),
            line.period.label,
            line.target,
            line.achieved,
            line.remaining,
            _yes(line.met, lang),
            line.pace.status.label(lang) if lang == "zh" else line.pace.status.value,
            f"{line.pace.elapsed:f}",
            f"{line.pace.achieved_share:f}",
            " ".join(line.platforms),
            " ".join(line.clauses),
        ]
        for line in report.lines
    ]
    return _csv_text(headers, rows)
