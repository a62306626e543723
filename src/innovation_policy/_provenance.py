"""Provenance: the policy that made an output, recorded in every document the library
writes, and the words that name it on a printed page (reading 11, issue "what-if").

- :func:`policy_block` is the ``policy`` of every JSON document: every field of the
  policy (:func:`~innovation_policy.policy_to_dict`: money and ratios as strings, readings
  by name, tables by label), its ``name``, its ``period`` and its ``fingerprint``, the
  SHA-256 of the canonical JSON of those fields. A timeline of one version is recorded
  as that version, so it carries the same fingerprint as the policy itself.
- :func:`generator` names the library and its version.
- :func:`policy_header` is the text header of a printed report: the policy's name and
  fingerprint, its period and readings, and every field that differs from
  :data:`~innovation_policy.GANYU_2021` (``省级配套比例 1:0.3（默认 1:0.5）``), version
  by version for a timeline, so that a printed page cannot hide a reform.
- :func:`policy_rows` are the same facts as ``(field, value)`` rows, for CSV and
  spreadsheets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._display import rate_text
from ._labels import CityReading, UpgradeReading, _Label
from ._money import format_yuan
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, as_timeline, policy_fingerprint, policy_to_dict
from ._vocabulary import POLICY_FIELDS, check_lang, pick, word

__all__ = [
    "SCHEMA_BASE",
    "changed_fields",
    "field_text",
    "field_value",
    "generator",
    "policy_block",
    "policy_header",
    "policy_rows",
    "recorded",
    "schema_id",
]

SCHEMA_BASE = "https://innovation-policy.example/schemas"
"""Where the shipped schemas' ``$id`` s live: ``{SCHEMA_BASE}/{name}/{version}.json``."""

#: The version of each shipped schema (its ``$id`` ends in it): raised when a document
#: changes in a way a reader of the old version would misread (docs: schemas).
SCHEMA_VERSIONS: Mapping[str, int] = {
    "register": 1,
    "assessment": 2,
    "findings": 2,
    "targets": 2,
    "policy": 1,
    "comparison": 1,
    "sweep": 1,
    "budget": 1,
    "forecast": 1,
    "scenario": 1,
}

_MATCH_RATIOS = frozenset({"national_match_ratio", "provincial_match_ratio"})
_RULE_FIELDS = tuple(a.name for a in attrs.fields(Policy) if a.name != "name")


def schema_id(name: str) -> str:
    """The ``$id`` of a shipped schema: ``…/assessment/2.json``."""
    return f"{SCHEMA_BASE}/{name}/{SCHEMA_VERSIONS[name]}.json"


def generator() -> dict[str, str]:
    """``{"name": "innovation-policy", "version": ...}``: what wrote a document."""
    from importlib import metadata

    try:
        version = metadata.version("innovation-policy")
    except metadata.PackageNotFoundError:  # running from a source tree, not installed
        version = "unknown"
    return {"name": "innovation-policy", "version": version}


def recorded(policy: Policy | PolicyTimeline) -> Policy | PolicyTimeline:
    """What a document records: a timeline of one version as that version."""
    timeline = as_timeline(policy)
    return timeline.versions[0][1] if len(timeline.versions) == 1 else timeline


def policy_block(policy: Policy | PolicyTimeline) -> dict[str, Any]:
    """The ``policy`` of a JSON document: every field, name, period and fingerprint."""
    kept = recorded(policy)
    first = as_timeline(kept).versions[0][1]
    return {
        **policy_to_dict(kept),
        "period": first.period_label,
        "fingerprint": policy_fingerprint(kept),
    }


def changed_fields(policy: Policy, base: Policy = GANYU_2021) -> tuple[str, ...]:
    """The fields of ``policy`` whose values differ from ``base``'s, in field order."""
    return tuple(n for n in _RULE_FIELDS if getattr(policy, n) != getattr(base, n))


def _label(value: object, lang: str) -> str:
    if isinstance(value, (UpgradeReading, CityReading)):  # its name, and the code to type
        code = value.value
        return f"{value.label(lang)}（{code}）" if lang == "zh" else f"{value.label(lang)} ({code})"
    if isinstance(value, _Label):
        return value.label(lang)
    return str(value)


def field_value(name: str, value: object, lang: str) -> str:
    """A value of a :class:`Policy` field as text: ratios ``1:0.3``, money in yuan,
    dates ISO, readings by name and code, tables as ``label=value``."""
    if name in _MATCH_RATIOS:
        return f"1:{value}"
    if isinstance(value, Mapping):
        if not value:
            return word("none", lang)
        sep = "、" if lang == "zh" else ", "
        return sep.join(f"{_label(k, lang)}={field_value('', v, lang)}" for k, v in value.items())
    if name == "performance_rate":
        return rate_text(value)  # type: ignore[arg-type]
    if isinstance(value, Decimal):
        return f"{format_yuan(value)} {word('yuan', lang)}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _label(value, lang)


def field_text(policy: Policy | PolicyTimeline, name: str, lang: str) -> str:
    """A field's value in a policy, or in each version of a timeline where it changes:
    ``1:0.5（自 2021-01-01）、1:0.3（自 2024-01-01）``."""
    timeline = as_timeline(recorded(policy))
    if len(timeline.versions) == 1:
        return field_value(name, getattr(timeline.versions[0][1], name), lang)
    parts: list[str] = []
    last: object = object()
    for start, version in timeline.versions:
        value = getattr(version, name)
        if value != last:
            shown = field_value(name, value, lang)
            since = start.isoformat()
            parts.append(f"{shown}（自 {since}）" if lang == "zh" else f"{shown} (from {since})")
            last = value
    return ("、" if lang == "zh" else ", ").join(parts)


def _differences(policy: Policy, lang: str) -> list[str]:
    default = word("default", lang)
    shown = []
    for name in changed_fields(policy):
        value = field_value(name, getattr(policy, name), lang)
        before = field_value(name, getattr(GANYU_2021, name), lang)
        label = pick(POLICY_FIELDS[name], lang)
        shown.append(
            f"{label} {value}（{default} {before}）"
            if lang == "zh"
            else f"{label} {value} ({default} {before})"
        )
    return shown


def policy_header(policy: Policy | PolicyTimeline, lang: str = "zh") -> list[str]:
    """The lines of a printed report that say which policy made it (see module doc)."""
    lang = check_lang(lang)
    kept = recorded(policy)
    timeline = as_timeline(kept)
    first = timeline.versions[0][1]
    fingerprint = policy_fingerprint(kept)[:12]
    zh = lang == "zh"
    period = (
        f"方案期 {first.plan_start.isoformat()} 至 {first.plan_end.isoformat()}"
        if zh
        else f"plan period {first.plan_start.isoformat()} to {first.plan_end.isoformat()}"
    )
    head = (
        f"政策 {timeline.name}（指纹 {fingerprint}）；{period}"
        if zh
        else f"policy {timeline.name} (fingerprint {fingerprint}); {period}"
    )
    lines = [head]
    sep = "；" if zh else "; "
    for n, (start, version) in enumerate(timeline.versions, 1):
        readings = (
            f"升级口径（解读1）{version.upgrade_reading.zh}{sep}"
            f"市区口径（解读2）{version.city_reading.zh}"
            if zh
            else f"upgrade reading (1) {version.upgrade_reading.value}{sep}"
            f"city reading (2) {version.city_reading.value}"
        )
        changes = _differences(version, lang)
        changed = (
            (f"{sep}与 GANYU_2021 不同：" + "，".join(changes))
            if zh
            else (f"{sep}differs from GANYU_2021: " + ", ".join(changes))
        )
        text = readings + (changed if changes else "")
        if len(timeline.versions) > 1:
            since = start.isoformat()
            text = (
                f"第 {n} 版（自 {since} 起，解读11）：{text}"
                if zh
                else f"version {n} (from {since}, reading 11): {text}"
            )
        lines.append(text)
    return lines


def policy_rows(policy: Policy | PolicyTimeline) -> list[tuple[str, str]]:
    """The policy as ``(field, value)`` rows: name, fingerprint, period, then every field
    as :func:`~innovation_policy.policy_to_dict` writes it (``versions[1].from``, ...)."""
    block = policy_block(policy)
    rows = [
        ("name", str(block["name"])),
        ("fingerprint", str(block["fingerprint"])),
        ("period", str(block["period"])),
    ]

    def flat(prefix: str, fields: Mapping[str, Any]) -> None:
        for key, value in fields.items():
            if key in ("name", "fingerprint", "period", "versions"):
                continue
            if isinstance(value, Mapping):
                for sub, item in value.items():
                    rows.append((f"{prefix}{key}[{sub}]", str(item)))
            else:
                rows.append((f"{prefix}{key}", str(value)))

    if "versions" in block:
        for n, version in enumerate(block["versions"]):
            flat(f"versions[{n}].", version)
    else:
        flat("", block)
    return rows
