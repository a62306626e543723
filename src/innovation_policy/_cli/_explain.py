"""``innovation-policy explain``: one platform, step by step."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from .._assess import Item, assess
from .._json import (
    dumps,
)
from ._assess import (
    _platform_block,
)
from ._common import (
    _MAX_IDS_SHOWN,
    EXIT_OK,
    _csv_text,
    _FailureError,
    _inputs,
    _json_text,
    _Progress,
)


def _explain_command(args: argparse.Namespace, progress: _Progress) -> tuple[str, int]:
    register, policy = _inputs(args, progress)
    platform_id = args.platform.strip()
    known = [p.id for p in register.platforms]
    if platform_id not in known:
        shown = ", ".join(known[:_MAX_IDS_SHOWN])
        more = f", … ({len(known)} platforms)" if len(known) > _MAX_IDS_SHOWN else ""
        raise _FailureError(
            [f"explain: {platform_id!r} is not a platform of the register; ids: {shown}{more}"]
        )
    assessment = assess(register, policy=policy)
    summary = next(s for s in assessment.platforms if s.id == platform_id)
    items = assessment.items_of(platform_id)
    lang = args.lang
    if args.format == "json":
        document = assessment.to_dict(lang)
        awards = [a for a in document["awards"] if a["platform"] == platform_id]
        for award, item in zip(awards, items, strict=True):
            award["steps"] = [_step_dict(n, step, lang) for n, step in enumerate(item.steps, 1)]
        platform = next(p for p in document["platforms"] if p["id"] == platform_id)
        result = {"policy": document["policy"], "platform": platform, "awards": awards}
        return _json_text(dumps(result)), EXIT_OK
    if args.format == "csv":
        return _explain_csv(items, lang), EXIT_OK
    out = _platform_block(summary, items, lang)
    out.append("")
    for item in items:
        out.append(item.explain(lang))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n", EXIT_OK


def _step_dict(n: int, step: Any, lang: str) -> dict[str, Any]:
    return {
        "step": n,
        "code": step.code,
        "text": step.text(lang),
        "clauses": list(step.clauses),
        "result": None if step.result is None else f"{step.result:.2f}",
    }


def _explain_csv(items: Sequence[Item], lang: str) -> str:
    """One row per step of each item, then the item's maximum payable."""
    headers = (
        ["事项", "类型", "步骤", "说明", "条款", "金额"]
        if lang == "zh"
        else ["item", "kind", "step", "text", "clauses", "amount"]
    )
    rows: list[list[object]] = []
    for item in items:
        kind = item.kind.zh if lang == "zh" else item.kind.value
        for n, step in enumerate(item.steps, 1):
            result = "" if step.result is None else f"{step.result:.2f}"
            rows.append([item.item, kind, n, step.text(lang), " ".join(step.clauses), result])
        last = "最高可支付额" if lang == "zh" else "maximum payable"
        rows.append([item.item, kind, "", last, " ".join(item.clauses), f"{item.amount:.2f}"])
    return _csv_text(headers, rows)
