"""Edge: the words of a comparison — text in Chinese and English, the JSON documents of
the ``comparison`` and ``sweep`` schemas, and CSV.

The wording is one table keyed by code at the top of the module (``WORDS``, and
the vocabulary's ``POLICY_FIELDS`` for the fields of :class:`~innovation_policy.Policy`); the core
(``_compare``) holds only codes, enums and amounts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._explain import check_lang
from ._labels import Bureau, Category, CityReading, Kind, Park, UpgradeReading, _Label
from ._money import format_wan, format_yuan
from ._policy import Policy
from ._policy_io import PolicyTimeline
from ._provenance import field_text, generator, policy_block, policy_header, schema_id
from ._render import csv_text, table
from ._vocabulary import POLICY_FIELDS

if TYPE_CHECKING:
    from ._compare import Breakdown, Comparison, ComparisonExplanation, ReadingSweep

__all__ = [
    "COMPARISON_SCHEMA_ID",
    "SWEEP_SCHEMA_ID",
    "WORDS",
    "comparison_csv",
    "comparison_text",
    "comparison_to_dict",
    "explanation_text",
    "sweep_csv",
    "sweep_text",
    "sweep_to_dict",
]

COMPARISON_SCHEMA_ID = schema_id("comparison")
SWEEP_SCHEMA_ID = schema_id("sweep")

#: Every word of the comparison's outputs, by code: (Chinese, English).
WORDS: Mapping[str, tuple[str, str]] = {
    "title": (
        "赣榆区重大产业创新平台：政策比较（改革方案减基准，最高可支付额）",
        "Ganyu District major innovation platforms: comparison "
        "(alternative minus baseline, maximum payable)",
    ),
    "sweep_title": (
        "赣榆区重大产业创新平台：可切换解读的全部组合（与默认相比，最高可支付额）",
        "Ganyu District major innovation platforms: every combination of the switchable "
        "readings (against the default, maximum payable)",
    ),
    "baseline": ("基准", "baseline"),
    "alternative": ("改革方案", "alternative"),
    "delta": ("差额", "difference"),
    "formula_delta": ("按公式计算差额", "difference by formula"),
    "default": ("默认", "default"),
    "default_policy": ("默认政策", "default policy"),
    "changed_fields": ("改变的政策参数", "policy fields changed"),
    "same_policy": ("无：两个政策相同", "none: the two policies are the same"),
    "changed_items": ("变化的事项", "items changed"),
    "none": ("无", "none"),
    "made_difference": ("造成差额的政策参数", "policy fields that made the difference"),
    "date": ("日期", "date"),
    "item": ("事项", "item"),
    "platform": ("平台", "platform"),
    "name": ("名称", "name"),
    "kind": ("类型", "kind"),
    "level": ("级别", "level"),
    "year": ("年度", "year"),
    "eligible": ("符合条件", "eligible"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "bureau": ("负责部门", "bureau"),
    "park": ("园区", "park"),
    "category": ("类别", "category"),
    "clauses": ("条款", "clauses"),
    "total": ("合计", "total"),
    "formula": ("按公式计算", "by formula"),
    "by_year": ("按年度", "by year"),
    "by_bureau": ("按负责部门", "by bureau"),
    "by_park": ("按园区", "by park"),
    "by_kind": ("按类型", "by kind"),
    "by_category": ("按类别", "by category"),
    "outside_parks": ("园区外", "outside the parks"),
    "yuan": ("元", "yuan"),
    "upgrade_reading": ("升级口径（解读1）", "upgrade reading (1)"),
    "city_reading": ("市区口径（解读2）", "city reading (2)"),
    "district_total": ("全区合计", "district total"),
    "matching": ("配套支持", "matching support"),
    "performance": ("绩效补助", "performance grant"),
    "case": ("一事一议", "case-by-case"),
}


_MATCH_RATIOS = frozenset({"national_match_ratio", "provincial_match_ratio"})


def _w(code: str, lang: str) -> str:
    zh, en = WORDS[code]
    return zh if lang == "zh" else en


def _field_name(name: str, lang: str) -> str:
    zh, en = POLICY_FIELDS[name]
    return zh if lang == "zh" else en


def _label(value: object, lang: str) -> str:
    """A label of the policy in ``lang`` (a kind by its words); anything else as text."""
    if isinstance(value, Kind):
        return _w(value.value, lang)
    if isinstance(value, _Label):
        return value.label(lang)
    return str(value)


def _code(code: UpgradeReading | CityReading, lang: str) -> str:
    """A reading's code as shown: its Chinese name in zh output, the code in en."""
    return code.label(lang) if lang == "zh" else str(code.value)


def _park(park: Park | None, lang: str) -> str:
    return _w("outside_parks", lang) if park is None else park.label(lang)


def _yes(flag: bool, lang: str) -> str:
    return _w("yes" if flag else "no", lang)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _yuan(amount: Decimal, lang: str) -> str:
    unit = _w("yuan", lang)
    if lang == "zh":
        return f"{format_yuan(amount)} {unit}（{format_wan(amount)}）"
    return f"{format_yuan(amount)} {unit} ({format_wan(amount)})"


def _policy_line(policy: Policy | PolicyTimeline, lang: str) -> str:
    return (
        "；".join(policy_header(policy, lang))
        if lang == "zh"
        else "; ".join(policy_header(policy, lang))
    )


def _field_lines(
    base: Policy | PolicyTimeline, alt: Policy | PolicyTimeline, names: Sequence[str], lang: str
) -> list[str]:
    """One line per field: its name, the baseline's value → the alternative's, clauses
    (for a timeline, the value of each version where it changes)."""
    sep = "：" if lang == "zh" else ": "
    lines = []
    for name in names:
        before = field_text(base, name, lang)
        after = field_text(alt, name, lang)
        cites = ("、" if lang == "zh" else ", ").join(Policy.clauses_of(name))
        cited = f"（{cites}）" if lang == "zh" else f" ({cites})"
        lines.append(f"  {_field_name(name, lang)}{sep}{before} → {after}{cited}")
    return lines


# ---------------------------------------------------------------------------------------
# Text.


def comparison_text(comparison: Comparison, lang: str = "zh") -> str:
    """The comparison for people: the two policies and what differs, the changed items,
    and the differences by year, bureau, park, kind and category."""
    lang = check_lang(lang)
    sep = "：" if lang == "zh" else ": "
    out = [
        _w("title", lang),
        f"{_w('baseline', lang)}{sep}{_policy_line(comparison.baseline_policy, lang)}",
        f"{_w('alternative', lang)}{sep}{_policy_line(comparison.alternative_policy, lang)}",
        "",
        _w("changed_fields", lang),
    ]
    out.extend(
        _field_lines(
            comparison.baseline_policy, comparison.alternative_policy, comparison.fields, lang
        )
    )
    if not comparison.fields:
        out.append(f"  {_w('same_policy', lang)}")
    out.append("")
    changed = comparison.changed
    count = f"（{len(changed)}）" if lang == "zh" else f" ({len(changed)})"
    out.append(f"{_w('changed_items', lang)}{count}")
    if changed:
        money_headers = [
            f"{_w(side, lang)}（元）" if lang == "zh" else f"{_w(side, lang)} (yuan)"
            for side in ("baseline", "alternative", "delta")
        ]
        headers = [
            _w("item", lang),
            _w("platform", lang),
            _w("kind", lang),
            _w("year", lang),
            *money_headers,
            _w("eligible", lang),
        ]
        rows = [
            [
                i.item,
                i.platform,
                _label(i.kind, lang),
                str(i.year),
                format_yuan(i.baseline),
                format_yuan(i.alternative),
                format_yuan(i.delta),
                _eligibility(i.baseline_eligible, i.alternative_eligible, lang),
            ]
            for i in changed
        ]
        out.extend(table(headers, rows, align="<<<<>>><", indent="  "))
    else:
        out.append(f"  {_w('none', lang)}")
    out.append("")
    base, alt = comparison.baseline_totals, comparison.alternative_totals
    for code, key_word, keys in (
        ("by_year", "year", list(comparison.by_year)),
        ("by_bureau", "bureau", list(Bureau)),
        ("by_park", "park", [*Park, None]),
        ("by_kind", "kind", list(Kind)),
        ("by_category", "category", list(Category)),
    ):
        out.append(_w(code, lang))
        out.extend(_breakdown_table(code, key_word, keys, (base, alt, comparison), lang))
    out.append("")
    if lang == "zh":
        out.append(
            f"差额合计 {_yuan(comparison.total, lang)}，其中按公式计算"
            f" {_yuan(comparison.formula, lang)}（一事一议不随政策变化，§6.2）"
        )
    else:
        out.append(
            f"Difference in all {_yuan(comparison.total, lang)}: by formula "
            f"{_yuan(comparison.formula, lang)} (case-by-case decisions do not change, §6.2)"
        )
    return "\n".join(out) + "\n"


def _eligibility(before: bool, after: bool, lang: str) -> str:
    if before == after:
        return _yes(before, lang)
    return f"{_yes(before, lang)} → {_yes(after, lang)}"


def _breakdown_table(
    code: str,
    key_word: str,
    keys: Sequence[Any],
    sides: tuple[Breakdown, Breakdown, Comparison],
    lang: str,
) -> list[str]:
    headers = [
        _w(key_word, lang),
        *(
            f"{_w(side, lang)}（元）" if lang == "zh" else f"{_w(side, lang)} (yuan)"
            for side in ("baseline", "alternative", "delta")
        ),
    ]
    rows = []
    for key in keys:
        name = _park(key, lang) if code == "by_park" else _label(key, lang)
        rows.append([name, *(format_yuan(getattr(s, code)[key]) for s in sides)])
    rows.append([_w("total", lang), *(format_yuan(s.total) for s in sides)])
    return table(headers, rows, align="<>>>", indent="  ")


def explanation_text(explanation: ComparisonExplanation, lang: str = "zh") -> str:
    """One item under both policies: the difference, the fields that made it, and the
    steps of each side."""
    lang = check_lang(lang)
    delta = explanation.item
    sep = "：" if lang == "zh" else ": "
    colon = "：" if lang == "zh" else ":"
    none = _w("none", lang) if lang == "zh" else f" {_w('none', lang)}"
    facts = (delta.platform, _label(delta.kind, lang), str(delta.year))
    head = (
        f"{delta.item}（{'，'.join(facts)}）"
        if lang == "zh"
        else f"{delta.item} ({', '.join(facts)})"
    )
    out = [
        head,
        f"  {_w('baseline', lang)} {_yuan(delta.baseline, lang)} → "
        f"{_w('alternative', lang)} {_yuan(delta.alternative, lang)}"
        f"{sep}{_w('delta', lang)} {_yuan(delta.delta, lang)}",
        f"{_w('made_difference', lang)}{colon}" + ("" if explanation.fields else none),
        *_field_lines(
            explanation.baseline_policy, explanation.alternative_policy, explanation.fields, lang
        ),
        "",
        f"{_w('baseline', lang)}{colon}",
        explanation.baseline.explain(lang),
        "",
        f"{_w('alternative', lang)}{colon}",
        explanation.alternative.explain(lang),
    ]
    return "\n".join(out) + "\n"


def sweep_text(sweep: ReadingSweep, lang: str = "zh") -> str:
    """The reading sweep for people: one line per combination of the readings."""
    lang = check_lang(lang)
    sep = "：" if lang == "zh" else ": "
    yuan = "（元）" if lang == "zh" else " (yuan)"
    headers = [
        _w("upgrade_reading", lang),
        _w("city_reading", lang),
        f"{_w('district_total', lang)}{yuan}",
        f"{_w('formula', lang)}{yuan}",
        f"{_w('delta', lang)}{yuan}",
        f"{_w('formula_delta', lang)}{yuan}",
        _w("default", lang),
    ]
    rows = [
        [
            _code(r.upgrade_reading, lang),
            _code(r.city_reading, lang),
            format_yuan(r.total),
            format_yuan(r.formula),
            format_yuan(r.delta),
            format_yuan(r.formula_delta),
            _w("default", lang) if r.is_default else "",
        ]
        for r in sweep.rows
    ]
    out = [
        _w("sweep_title", lang),
        f"{_w('default_policy', lang)}{sep}{_policy_line(sweep.policy, lang)}",
        "",
        *table(headers, rows, align="<<>>>><", indent="  "),
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# JSON.


def _totals_dict(totals: Breakdown | Comparison) -> dict[str, Any]:
    return {
        "total": _money(totals.total),
        "formula": _money(totals.formula),
        "by_year": {str(k): _money(v) for k, v in totals.by_year.items()},
        "by_bureau": {k.value: _money(v) for k, v in totals.by_bureau.items()},
        "by_park": {
            ("outside_parks" if k is None else k.value): _money(v)
            for k, v in totals.by_park.items()
        },
        "by_kind": {k.value: _money(v) for k, v in totals.by_kind.items()},
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as ``{"schema", "generator", "fields", "baseline", "alternative",
    "delta", "items"}``: only the changed items; money as strings of yuan."""
    return {
        "schema": COMPARISON_SCHEMA_ID,
        "generator": generator(),
        "fields": list(comparison.fields),
        "baseline": {
            "policy": policy_block(comparison.baseline_policy),
            "totals": _totals_dict(comparison.baseline_totals),
        },
        "alternative": {
            "policy": policy_block(comparison.alternative_policy),
            "totals": _totals_dict(comparison.alternative_totals),
        },
        "delta": _totals_dict(comparison),
        "items": [
            {
                "platform": i.platform,
                "item": i.item,
                "kind": i.kind.value,
                "year": i.year,
                "baseline": _money(i.baseline),
                "alternative": _money(i.alternative),
                "delta": _money(i.delta),
                "baseline_eligible": i.baseline_eligible,
                "alternative_eligible": i.alternative_eligible,
                "clauses": list(i.clauses),
            }
            for i in comparison.changed
        ],
    }


def sweep_to_dict(sweep: ReadingSweep) -> dict[str, Any]:
    """The sweep as ``{"schema", "generator", "policy", "rows"}``: one row per
    combination of the readings, with its totals and its differences from the default."""
    return {
        "schema": SWEEP_SCHEMA_ID,
        "generator": generator(),
        "policy": policy_block(sweep.policy),
        "rows": [
            {
                "upgrade_reading": r.upgrade_reading.value,
                "city_reading": r.city_reading.value,
                "default": r.is_default,
                "total": _money(r.total),
                "formula": _money(r.formula),
                "delta": _money(r.delta),
                "formula_delta": _money(r.formula_delta),
            }
            for r in sweep.rows
        ],
    }


# ---------------------------------------------------------------------------------------
# CSV.

_COMPARISON_CSV = (
    ("item", "事项"),
    ("platform", "平台编号"),
    ("name", "名称"),
    ("kind", "类型"),
    ("level", "级别"),
    ("year", "年度"),
    ("baseline", "基准"),
    ("alternative", "改革方案"),
    ("delta", "差额"),
    ("baseline_eligible", "基准符合条件"),
    ("alternative_eligible", "改革方案符合条件"),
    ("bureau", "负责部门"),
    ("park", "园区"),
    ("clauses", "条款"),
)

_SWEEP_CSV = (
    ("upgrade_reading", "升级口径"),
    ("city_reading", "市区口径"),
    ("total", "全区合计"),
    ("formula", "按公式计算"),
    ("delta", "差额"),
    ("formula_delta", "按公式计算差额"),
    ("default", "默认"),
)


def _csv(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[object]], lang: str) -> str:
    return csv_text([zh if lang == "zh" else en for en, zh in columns], rows)


def comparison_csv(comparison: Comparison, lang: str = "zh") -> str:
    """One row per changed item; amounts as plain yuan with two decimals, to sum."""
    lang = check_lang(lang)
    summaries = {s.id: s for s in comparison.baseline.platforms}
    rows = []
    for i in comparison.changed:
        summary = summaries[i.platform]
        rows.append(
            [
                i.item,
                i.platform,
                summary.platform.name,
                i.kind.zh if lang == "zh" else i.kind.value,
                i.level.label(lang) if i.level else "",
                i.year,
                _money(i.baseline),
                _money(i.alternative),
                _money(i.delta),
                _yes(i.baseline_eligible, lang),
                _yes(i.alternative_eligible, lang),
                summary.classification.bureau.label(lang),
                summary.platform.park.label(lang) if summary.platform.park else "",
                " ".join(i.clauses),
            ]
        )
    return _csv(_COMPARISON_CSV, rows, lang)


def sweep_csv(sweep: ReadingSweep, lang: str = "zh") -> str:
    """One row per combination of the readings."""
    lang = check_lang(lang)
    rows = [
        [
            _code(r.upgrade_reading, lang),
            _code(r.city_reading, lang),
            _money(r.total),
            _money(r.formula),
            _money(r.delta),
            _money(r.formula_delta),
            _yes(r.is_default, lang),
        ]
        for r in sweep.rows
    ]
    return _csv(_SWEEP_CSV, rows, lang)
