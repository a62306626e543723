"""``innovation-policy audit``: payments against what was payable (exit 1 on findings)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .._audit import Finding, audit
from .._documents import findings_to_json
from .._money import format_yuan
from .._policy import Policy
from .._policy_io import PolicyTimeline
from .._provenance import policy_header
from .._render import table
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    _csv_text,
    _inputs,
    _json_text,
    _Progress,
)
from ._output import (
    _xlsx,
)


def _audit_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    progress(f"auditing {len(register.payments):,} payments")
    findings = audit(register, policy=policy)
    status = EXIT_FINDINGS if findings else EXIT_OK
    if args.format == "json":
        return _json_text(findings_to_json(findings, args.lang, policy=policy)), status
    if args.format == "xlsx":
        from .._xlsx_out import findings_sheets, workbook_bytes

        return _xlsx(
            lambda: workbook_bytes(findings_sheets(findings, policy, args.lang), args.lang)
        ), status
    if args.format == "csv":
        return _audit_csv(findings, args.lang), status
    return _audit_text(findings, len(register.payments), policy, args.lang), status


def _audit_text(
    findings: Sequence[Finding], payments: int, policy: Policy | PolicyTimeline, lang: str
) -> str:
    if lang == "zh":
        out = [f"拨付审计：{payments} 笔拨付，{len(findings)} 项存疑"]
    else:
        out = [f"Audit of payments: {payments} payments, {len(findings)} findings"]
    out.extend(policy_header(policy, lang))
    if not findings:
        out.append(
            "未发现问题：每笔拨付都不超过对应事项的最高可支付额。"
            if lang == "zh"
            else "No findings: every payment is within the maximum payable of its item."
        )
        return "\n".join(out) + "\n"
    headers = (
        ["拨付", "日期", "平台", "事项", "问题", "金额（元）", "最高可支付（元）", "此前已付（元）"]
        if lang == "zh"
        else ["payment", "date", "platform", "item", "finding", "amount", "payable", "paid before"]
    )
    rows = [
        [
            f"#{f.payment}",
            f.date.isoformat(),
            f.platform,
            f.item or "-",
            f.code.label(lang),
            format_yuan(f.amount),
            format_yuan(f.payable),
            format_yuan(f.paid_before),
        ]
        for f in findings
    ]
    out.append("")
    out.extend(table(headers, rows, align="<<<<<>>>", indent="  "))
    out.append("")
    out.append("说明" if lang == "zh" else "Explanations")
    out.extend(f"  {n}. {f.explain(lang)}" for n, f in enumerate(findings, 1))
    return "\n".join(out) + "\n"


def _audit_csv(findings: Sequence[Finding], lang: str) -> str:
    headers = (
        [
            "拨付",
            "日期",
            "平台编号",
            "对应事项",
            "问题",
            "金额",
            "最高可支付",
            "此前已付",
            "条款",
            "说明",
        ]
        if lang == "zh"
        else [
            "payment",
            "date",
            "platform",
            "item",
            "code",
            "amount",
            "payable",
            "paid_before",
            "clauses",
            "explanation",
        ]
    )
    rows = [
        [
            f.payment,
            f.date.isoformat(),
            f.platform,
            f.item or "",
            f.code.label(lang) if lang == "zh" else f.code,
            f"{f.amount:.2f}",
            f"{f.payable:.2f}",
            f"{f.paid_before:.2f}",
            " ".join(f.clauses),
            f.explain(lang),
        ]
        for f in findings
    ]
    return _csv_text(headers, rows)
