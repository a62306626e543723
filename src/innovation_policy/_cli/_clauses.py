"""``innovation-policy clauses``: a clause, its readings and its code."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from .._clauses import CLAUSES, Clause, readings_touching
from .._json import (
    dumps,
)
from .._render import table
from .._trace import implemented_by
from .._vocabulary import POLICY_FIELDS
from ._common import (
    EXIT_OK,
    _clause_kind,
    _csv_text,
    _FailureError,
    _json_text,
    _Progress,
    _w,
)


def _clauses_command(args: argparse.Namespace, progress: _Progress) -> tuple[str, int]:
    del progress
    lang = args.lang
    if args.clause is not None:
        wanted = args.clause.strip().removeprefix("§")
        by_key = {key.removeprefix("§").lower(): key for key in CLAUSES}
        if wanted.lower() not in by_key:
            raise _FailureError(
                [f"clauses: {args.clause!r} is not a clause id; valid: {', '.join(CLAUSES)}"]
            )
        chosen = [CLAUSES[by_key[wanted.lower()]]]
    else:
        chosen = list(CLAUSES.values())
    if args.format == "json":
        documents = [_clause_dict(c) for c in chosen]
        document = documents[0] if args.clause is not None else {"clauses": documents}
        return _json_text(dumps(document)), EXIT_OK
    if args.format == "csv":
        return _clauses_csv(chosen, lang), EXIT_OK
    if args.clause is not None:
        return _clause_text(chosen[0], lang), EXIT_OK
    headers = ["id", "类型" if lang == "zh" else "kind", "原文" if lang == "zh" else "gloss"]
    rows = [[c.id, _clause_kind(c, lang), c.text if lang == "zh" else c.gloss] for c in chosen]
    title = (
        "赣榆区重大产业创新平台建设实施方案：条款目录"
        if lang == "zh"
        else "The Ganyu District plan: clause catalogue"
    )
    return "\n".join([title, "", *table(headers, rows)]) + "\n", EXIT_OK


def _clause_dict(c: Clause) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind.value,
        "text": c.text,
        "gloss": c.gloss,
        "readings": [
            {
                "number": r.number,
                "title": r.title,
                "title_zh": r.title_zh,
                "switchable": r.switchable,
                "policy_fields": list(r.policy_fields),
                "text": r.text,
                "text_zh": r.text_zh,
            }
            for r in readings_touching(c.id)
        ],
        "implemented_by": list(implemented_by(c.id)),
    }


def _clause_text(c: Clause, lang: str) -> str:
    zh = lang == "zh"
    sep = "：" if zh else ": "
    out = [
        f"{c.id}  {_clause_kind(c, lang)}",
        f"{'原文' if zh else 'text'}{sep}{c.text}",
    ]
    if not zh:  # the gloss is English; in Chinese the original text says it
        out.append(f"gloss{sep}{c.gloss}")
    readings = readings_touching(c.id)
    out.append(f"{'相关解读' if zh else 'readings'}{sep}{'' if readings else _w('none', lang)}")
    for r in readings:
        switch = ""
        if r.switchable:
            fields = ", ".join(r.policy_fields)
            named = "、".join(POLICY_FIELDS[f][0] for f in r.policy_fields)
            switch = f"（可切换：{named}）" if zh else f" (switchable: {fields})"
        if zh:
            out.append(f"  {r.number}. {r.title_zh}{switch}")
            out.append(f"     {r.text_zh}")
        else:
            out.append(f"  {r.number}. {r.title} ({r.title_zh}){switch}")
            out.append(f"     {r.text}")
    functions = implemented_by(c.id)
    out.append(
        f"{'实现' if zh else 'implemented by'}{sep}"
        + (", ".join(functions) if functions else _w("none", lang))
    )
    return "\n".join(out) + "\n"


def _clauses_csv(chosen: Sequence[Clause], lang: str) -> str:
    headers = (
        ["编号", "类型", "原文", "释义", "相关解读", "实现"]
        if lang == "zh"
        else ["id", "kind", "text", "gloss", "readings", "implemented_by"]
    )
    rows = [
        [
            c.id,
            _clause_kind(c, lang) if lang == "zh" else c.kind.value,
            c.text,
            c.gloss,
            " ".join(str(r.number) for r in readings_touching(c.id)),
            " ".join(implemented_by(c.id)),
        ]
        for c in chosen
    ]
    return _csv_text(headers, rows)
