"""Policies as data: policy files (JSON, TOML), their canonical form, fingerprints, and
policies whose versions change on a date (reading 11).

- :func:`policy_to_dict` writes every field of a :class:`~innovation_policy.Policy` as
  JSON-ready data: money as a string to the fen (``"5000000.00"``), ratios as exact
  decimal strings (``"0.5"``), dates as ``YYYY-MM-DD``, readings by their value as
  ``--reading`` takes them (``"top_up"``), tables keyed by the label's Chinese name, as
  every other document of the library writes labels (``{"区科技局": 6}``), counts as
  numbers, and the policy's ``name``. The keys it shares with the ``policy`` block of the
  assessment document (``plan_start``, ``plan_end``, ``upgrade_reading``,
  ``city_reading``) are written the same way there.
- :func:`policy_fingerprint` is the SHA-256 of that dictionary's canonical JSON (sorted
  keys, no whitespace, UTF-8), so two outputs made under the same policy carry the same
  fingerprint and any change shows.
- :func:`policy_from_dict` and :func:`load_policy` read a file of the fields it changes
  on top of :data:`~innovation_policy.GANYU_2021`, or of the shipped policy its
  ``"base"`` names; every problem is reported at once, located by field.
- :class:`PolicyTimeline` holds the versions of a policy, each in force from its date:
  to approvals dated from that day, to performance grants of years whose 31 December falls
  in it, to case decisions dated in it; the plan period is the same in every version
  (readings 8 and 11).

The JSON reading helpers are imported when a file is first read, so that this module
stays below the assessment in the layers of the package and the assessment can take a
timeline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

import attrs

from ._errors import (
    InputError,
    Key,
    PolicyError,
    PolicyTypeError,
    PolicyValueError,
    Problem,
    ProblemCode,
    shown,
)
from ._errors import Path as ProblemPath
from ._parse import parse_date, parse_money
from ._policy import GANYU_2021, SHIPPED_POLICIES, Policy
from ._policy import _name as _policy_name

__all__ = [
    "PolicyTimeline",
    "as_timeline",
    "differing_fields",
    "policy_fingerprint",
    "policy_from_dict",
    "policy_to_dict",
    "timeline_from_dict",
]

# How each field of a Policy is written and read (a test checks that every field is here).
_FIELD_KINDS: Mapping[str, str] = {
    "national_match_ratio": "ratio",
    "national_match_cap": "money",
    "provincial_match_ratio": "ratio",
    "provincial_match_cap": "money",
    "performance_rate": "ratio",
    "performance_cap": "money",
    "plan_start": "date",
    "plan_end": "date",
    "district_target": "as_is",
    "bureau_targets": "count_table",
    "park_targets": "count_table",
    "park_first_year_targets": "count_table",
    "annex_target": "as_is",
    "annex_first_year_target": "as_is",
    "upgrade_reading": "reading",
    "city_reading": "reading",
    "county_standard_caps": "money_table",
    "name": "as_is",
}
_PERIOD_FIELDS = ("plan_start", "plan_end")
_TOP_KEYS = ("base", "name", "versions")
_TOP_WHAT = "a key of a policy with versions"
_SCHEMA_KEY = "$schema"
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_ONE_TO = re.compile(r"1\s*[:：]\s*([0-9]+(?:\.[0-9]+)?)")
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[%％]")


# ----------------------------------------------------------------------------------------
# Writing: the canonical dictionary and the fingerprint.


def _write_value(kind: str, value: Any) -> Any:
    if kind == "money":
        return f"{value:.2f}"
    if kind == "ratio":
        return f"{value:f}"
    if kind == "date":
        return value.isoformat()
    if kind == "reading":
        return value.value
    if kind == "count_table":
        return {key.value: count for key, count in value.items()}
    if kind == "money_table":
        return {key.value: f"{amount:.2f}" for key, amount in value.items()}
    return value


def _policy_dict(policy: Policy) -> dict[str, Any]:
    return {name: _write_value(kind, getattr(policy, name)) for name, kind in _FIELD_KINDS.items()}


def policy_to_dict(policy: Policy | PolicyTimeline) -> dict[str, Any]:
    """Every field of a policy as JSON-ready data, the form :func:`policy_from_dict` reads.

    A timeline is ``{"name": ..., "versions": [{"from": "YYYY-MM-DD", <every field>}, ...]}``,
    each version with all its fields, so that it reads back to the same timeline.

    >>> d = policy_to_dict(GANYU_2021)
    >>> d["provincial_match_ratio"], d["provincial_match_cap"], d["upgrade_reading"]
    ('0.5', '5000000.00', 'top_up')
    >>> d["bureau_targets"]
    {'区科技局': 6, '区发改委': 2, '区工信局': 2}
    """
    if isinstance(policy, PolicyTimeline):
        return {
            "name": policy.name,
            "versions": [
                {"from": start.isoformat(), **_policy_dict(version)}
                for start, version in policy.versions
            ],
        }
    if not isinstance(policy, Policy):
        raise _not_a_policy(policy)
    return _policy_dict(policy)


def policy_fingerprint(policy: Policy | PolicyTimeline) -> str:
    """The SHA-256 (hex) of the canonical JSON of :func:`policy_to_dict`: sorted keys, no
    whitespace, UTF-8 text. Equal for equal policies; any change of any field changes it.

    >>> policy_fingerprint(GANYU_2021) == policy_fingerprint(Policy())
    True
    """
    text = json.dumps(
        policy_to_dict(policy), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _not_a_policy(value: object) -> PolicyTypeError:
    shown = repr(value)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return PolicyTypeError(
        f"policy: {shown} is a {type(value).__name__}, not a Policy or a PolicyTimeline; "
        "expected GANYU_2021, a reform of it made with attrs.evolve, or what load_policy() "
        "returns",
        field="policy",
    )


# ----------------------------------------------------------------------------------------
# Timelines (reading 11).


def _versions(value: object) -> object:
    """A sequence of pairs as a tuple of tuples; anything else as it is, to be refused."""
    if isinstance(value, (list, tuple)):
        return tuple(tuple(v) if isinstance(v, (list, tuple)) else v for v in value)
    return value


@attrs.frozen
class PolicyTimeline:
    """The versions of a policy, each in force from its date (reading 11).

    ``versions`` is a tuple of ``(from_date, Policy)`` pairs in strictly increasing date
    order, the first dated on or before the plan's start; every version has the same plan
    period (``plan_start``, ``plan_end``). A version applies to approvals dated from its
    first day, to performance grants of years whose 31 December falls in it (the date
    reading 4 uses) and to case decisions dated in it. Before the first version's date,
    the first applies. A timeline that breaks these rules cannot be constructed: all its
    problems are reported at once, located as ``versions[1].from``.

    ``name`` is the timeline's name; by default its first version's.
    """

    versions: tuple[tuple[dt.date, Policy], ...] = attrs.field(converter=_versions)
    _name: str | None = attrs.field(default=None, alias="name", kw_only=True)

    def __attrs_post_init__(self) -> None:
        errors: list[PolicyError] = []
        entries: list[tuple[dt.date | None, Policy | None]] = []
        versions: object = self.versions  # as given: the converter keeps what is no sequence
        if not isinstance(versions, tuple):
            errors.append(
                PolicyTypeError(
                    f"{_shown(versions)} is not a sequence of (from_date, Policy) pairs",
                    path="versions",
                    value=versions,
                )
            )
        elif not versions:
            errors.append(
                PolicyValueError(
                    "is empty; expected at least one (from_date, Policy) pair",
                    path="versions",
                    code=ProblemCode.MISSING,
                )
            )
        else:
            for i, entry in enumerate(versions):
                entries.append(_entry(entry, i, errors))
        errors.extend(
            PolicyValueError(message, path=("versions", i, field), code=ProblemCode.INCONSISTENT)
            for i, field, message in _timeline_problems(entries)
        )
        if self._name is not None:
            try:
                _policy_name(self._name, "name")
            except PolicyError as error:
                errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise InputError((e.problem() for e in errors), source="PolicyTimeline")
        if self._name is None:
            object.__setattr__(self, "_name", self.versions[0][1].name)

    @classmethod
    def single(cls, policy: Policy) -> PolicyTimeline:
        """A timeline of one version: ``policy``, in force from its ``plan_start``. It
        gives ``policy`` for every date."""
        if not isinstance(policy, Policy):
            raise _not_a_policy(policy)
        return cls(((policy.plan_start, policy),))

    @property
    def name(self) -> str:
        """The timeline's name: the one it was given, or its first version's."""
        assert self._name is not None  # set by __attrs_post_init__
        return self._name

    @property
    def fingerprint(self) -> str:
        """:func:`policy_fingerprint` of the timeline."""
        return policy_fingerprint(self)

    def version_index_for_date(self, day: dt.date) -> int:
        """The index in :attr:`versions` of the version in force on ``day``: the last
        whose date is on or before it; before the first version, the first (0)."""
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise PolicyTypeError(
                f"day: {day!r} is not a date; expected a datetime.date", field="day"
            )
        starts = [start for start, _ in self.versions]
        return max(bisect.bisect_right(starts, day) - 1, 0)

    def for_date(self, day: dt.date) -> Policy:
        """The version in force on ``day``: for an approval dated ``day``, or a case
        decision (reading 11)."""
        return self.versions[self.version_index_for_date(day)][1]

    def version_index_for_year(self, year: int) -> int:
        """The index of the version in force on 31 December of ``year`` (reading 4, 11)."""
        return self.version_index_for_date(_year_end(year))

    def for_year(self, year: int) -> Policy:
        """The version for the performance grant of rated year ``year``: the one in force
        on its 31 December (reading 4, 11)."""
        return self.versions[self.version_index_for_year(year)][1]


def _year_end(year: object) -> dt.date:
    if isinstance(year, bool) or not isinstance(year, int):
        raise PolicyTypeError(
            f"year: {year!r} is not a year; expected a whole number like 2024", field="year"
        )
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise PolicyValueError(
            f"year: {year} is not a year; expected {dt.MINYEAR} to {dt.MAXYEAR}", field="year"
        )
    return dt.date(year, 12, 31)


def _entry(
    entry: object, i: int, errors: list[PolicyError]
) -> tuple[dt.date | None, Policy | None]:
    """A version's date and policy, each ``None`` where it is not one (with the error)."""
    if not isinstance(entry, tuple) or len(entry) != 2:
        errors.append(
            PolicyTypeError(
                f"{_shown(entry)} is not a (from_date, Policy) pair",
                path=("versions", i),
                value=entry,
            )
        )
        return None, None
    start, policy = entry
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        errors.append(
            PolicyTypeError(
                f"{_shown(start)} is not a date; expected a datetime.date",
                path=("versions", i, "from"),
                code=ProblemCode.NOT_A_DATE,
                value=start,
            )
        )
        start = None
    if not isinstance(policy, Policy):
        errors.append(
            PolicyTypeError(
                f"{_shown(policy)} is a {type(policy).__name__}, not a Policy",
                path=("versions", i, "policy"),
                value=policy,
            )
        )
        policy = None
    return start, policy


def _timeline_problems(
    entries: Sequence[tuple[dt.date | None, Policy | None]],
    named: Sequence[Iterable[str]] | None = None,
) -> list[tuple[int, str, str]]:
    """What is wrong with versions as ``(index, field, message)``, all of it, reading 11.

    A date or policy that is ``None`` (it could not be read) is skipped. With ``named``
    (the fields each version of a file names), a change of the plan period is reported
    only where a version names it, not again in the versions that inherit it.
    """
    problems: list[tuple[int, str, str]] = []
    first = entries[0] if entries else (None, None)
    if first[0] is not None and first[1] is not None and first[0] > first[1].plan_start:
        problems.append(
            (
                0,
                "from",
                f"{first[0].isoformat()} is after plan_start {first[1].plan_start.isoformat()}; "
                "the first version must be in force on or before the start of the plan "
                "(reading 11)",
            )
        )
    for i in range(1, len(entries)):
        start, policy = entries[i]
        before = entries[i - 1][0]
        if start is not None and before is not None and start <= before:
            problems.append(
                (
                    i,
                    "from",
                    f"{start.isoformat()} is not after versions[{i - 1}].from "
                    f"{before.isoformat()}; versions must be in strictly increasing date "
                    "order (reading 11)",
                )
            )
        if policy is None or first[1] is None:
            continue
        for field in _PERIOD_FIELDS:
            value, reference = getattr(policy, field), getattr(first[1], field)
            if value != reference and (named is None or field in named[i]):
                problems.append(
                    (
                        i,
                        field,
                        f"{value.isoformat()} differs from versions[0].{field} "
                        f"{reference.isoformat()}; the plan period may not change between "
                        "versions (reading 11)",
                    )
                )
    return problems


def differing_fields(
    baseline: Policy | PolicyTimeline, alternative: Policy | PolicyTimeline
) -> tuple[str, ...]:
    """The fields of two policies whose values differ, in the order of :class:`Policy`;
    for timelines, the fields that differ on any day (reading 11). A policy's ``name``
    is not a rule and is never a difference."""
    first, second = as_timeline(baseline), as_timeline(alternative)
    days = sorted({start for start, _ in (*first.versions, *second.versions)})
    names: set[str] = set()
    for day in days:
        one, other = first.for_date(day), second.for_date(day)
        names.update(n for n in _RULE_FIELDS if getattr(one, n) != getattr(other, n))
    return tuple(n for n in _RULE_FIELDS if n in names)


_RULE_FIELDS = tuple(a.name for a in attrs.fields(Policy) if a.name != "name")


def as_timeline(policy: Policy | PolicyTimeline) -> PolicyTimeline:
    """A timeline for what a caller passed as ``policy=``: a timeline as it is, a
    :class:`~innovation_policy.Policy` as a timeline of one version; anything else is
    refused with a :class:`~innovation_policy.PolicyTypeError`."""
    if isinstance(policy, PolicyTimeline):
        return policy
    if isinstance(policy, Policy):
        return PolicyTimeline.single(policy)
    raise _not_a_policy(policy)


# ----------------------------------------------------------------------------------------
# Reading: dictionaries and files.


def policy_from_dict(
    document: object, *, base: Policy = GANYU_2021, source: str | None = None
) -> Policy:
    """``base`` with the fields a JSON-like dictionary names changed; nothing else changes.

    ``"base": "GANYU_2021"`` in the dictionary names the shipped policy to start from
    instead (:data:`~innovation_policy.SHIPPED_POLICIES`). Money is read exactly from a
    string or a number (never through ``float``), ratios as exact decimals (``"0.3"``, not
    ``"1:0.3"``), dates as ``YYYY-MM-DD``, readings and table keys by label; the rest is
    checked by :class:`~innovation_policy.Policy` itself. Every problem is reported at once
    in an :class:`~innovation_policy.InputError` named ``source``, each located by field;
    an unknown field is named with the nearest valid one. A dictionary with ``"versions"``
    is a timeline: read it with :func:`timeline_from_dict`.

    >>> policy_from_dict({"provincial_match_ratio": "0.3"}).provincial_match_ratio
    Decimal('0.3')
    """
    top = _top_level(document, source)
    problems: list[tuple[tuple[int, ...], Problem]] = []
    if "versions" in top:
        problems.append(
            (
                (_position(top, "versions"),),
                Problem(
                    "versions",
                    ProblemCode.UNKNOWN_FIELD,
                    "a policy with versions is a PolicyTimeline; read it with "
                    "timeline_from_dict() or load_policy()",
                ),
            )
        )
    start = _base(top, base, problems)
    fields = {k: v for k, v in top.items() if k not in ("base", _SCHEMA_KEY, "versions")}
    policy = _version(fields, start, (), lambda key: (_position(top, key),), problems)
    if problems or policy is None:
        raise _input_error(problems, source)
    return policy


def timeline_from_dict(
    document: object, *, base: Policy = GANYU_2021, source: str | None = None
) -> PolicyTimeline:
    """A timeline from a JSON-like dictionary ``{"versions": [{"from": "YYYY-MM-DD", ...},
    ...]}``: each version changes the fields it names of the one before, the first those
    of ``base`` (or of the shipped policy ``"base"`` names). ``"name"`` beside
    ``"versions"`` names the timeline. A dictionary without ``"versions"`` is read by
    :func:`policy_from_dict`, as a timeline of one version. Every problem of every version
    is reported at once, located as ``versions[1].provincial_match_ratio`` or
    ``versions[1].from`` (reading 11).
    """
    top = _top_level(document, source)
    if "versions" not in top:
        return PolicyTimeline.single(policy_from_dict(top, base=base, source=source))
    problems: list[tuple[tuple[int, ...], Problem]] = []
    start = _base(top, base, problems)
    name: str | None = None
    for key, value in top.items():
        here = (_position(top, key),)
        if key == "name":
            try:
                name = _policy_name(value, "name")
            except PolicyError as error:
                problems.append((here, error.problem()))
        elif key in _FIELD_KINDS:
            problems.append(
                (
                    here,
                    Problem(
                        key,
                        ProblemCode.UNKNOWN_FIELD,
                        "is a field of a version: in a policy with versions every field "
                        "belongs to one, so write it in versions[0] (or in the version "
                        "from which it applies)",
                    ),
                )
            )
        elif key not in ("base", _SCHEMA_KEY, "versions"):
            message = _unknown(str(key), _TOP_KEYS, (), _TOP_WHAT)
            problems.append((here, Problem(str(key), ProblemCode.UNKNOWN_FIELD, message)))
    raw_versions = top["versions"]
    at_versions = _position(top, "versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        shown = _shown(raw_versions)
        problems.append(
            (
                (at_versions,),
                Problem(
                    "versions",
                    ProblemCode.WRONG_TYPE,
                    f"{shown} is not a list of versions; expected at least one "
                    '{"from": "YYYY-MM-DD", ...} object',
                ),
            )
        )
        raise _input_error(problems, source)
    entries: list[tuple[dt.date | None, Policy | None]] = []
    named: list[list[str]] = []
    order: list[Mapping[str, Any]] = []
    for i, raw in enumerate(raw_versions):
        where: ProblemPath = ("versions", i)
        if not isinstance(raw, Mapping):
            problems.append(
                (
                    (at_versions, i),
                    Problem(
                        where,
                        ProblemCode.WRONG_TYPE,
                        f"{_shown(raw)} is not a version; expected a JSON object",
                        raw,
                    ),
                )
            )
            entries.append((None, None))
            named.append([])
            order.append({})
            continue

        def at(key: str, raw: Mapping[str, Any] = raw, i: int = i) -> tuple[int, ...]:
            return (at_versions, i, _position(raw, key))

        since: dt.date | None = None
        if "from" not in raw:
            problems.append(
                (
                    (at_versions, i, -1),
                    Problem(
                        (*where, "from"),
                        ProblemCode.MISSING,
                        "is required: the date from which the version is in force, YYYY-MM-DD",
                    ),
                )
            )
        else:
            try:
                since = parse_date(raw["from"], (*where, "from"))
            except PolicyError as error:
                problems.append((at("from"), error.problem()))
        fields = {k: v for k, v in raw.items() if k != "from"}
        policy = _version(fields, start, where, at, problems)
        start = policy if policy is not None else start
        entries.append((since, policy))
        named.append(list(fields))
        order.append(raw)
    for i, field, message in _timeline_problems(entries, named):
        problems.append(
            (
                (at_versions, i, _position(order[i], field)),
                Problem(("versions", i, field), ProblemCode.INCONSISTENT, message),
            )
        )
    if problems:
        raise _input_error(problems, source)
    # no problem: every version has its date and its policy
    return PolicyTimeline(cast("list[tuple[dt.date, Policy]]", entries), name=name)


def _top_level(document: object, source: str | None) -> Mapping[str, Any]:
    if not isinstance(document, Mapping):
        valid = ", ".join(_FIELD_KINDS)
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.WRONG_TYPE,
                    f"{_shown(document)} is not a JSON object of Policy fields; valid: {valid}",
                    document,
                )
            ],
            source=source,
        )
    return document


def _base(
    top: Mapping[str, Any], base: Policy, problems: list[tuple[tuple[int, ...], Problem]]
) -> Policy:
    """The policy a file starts from: the shipped one its ``"base"`` names, or ``base``."""
    if "base" not in top:
        return base
    named = top["base"]
    shipped = SHIPPED_POLICIES.get(named) if isinstance(named, str) else None
    if shipped is None:
        valid = ", ".join(SHIPPED_POLICIES)
        close = difflib.get_close_matches(str(named), list(SHIPPED_POLICIES), n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        problems.append(
            (
                (_position(top, "base"),),
                Problem(
                    "base",
                    ProblemCode.INVALID,
                    f"{_shown(named)} is not a shipped policy; {hint}valid: {valid}",
                    named,
                ),
            )
        )
        return base
    return shipped


def _version(
    fields: Mapping[str, Any],
    start: Policy,
    prefix: ProblemPath,
    at: Callable[[str], tuple[int, ...]],
    problems: list[tuple[tuple[int, ...], Problem]],
) -> Policy | None:
    """``start`` with ``fields`` changed, or ``None`` with the problems added."""
    changes: dict[str, Any] = {}
    found = len(problems)
    for key, value in fields.items():
        where = (*prefix, key)
        kind = _FIELD_KINDS.get(key)
        if kind is None:
            message = _unknown_field(str(key), prefix)
            problems.append((at(key), Problem(where, ProblemCode.UNKNOWN_FIELD, message)))
            continue
        try:
            changes[key] = _read_value(kind, value, where)
        except PolicyError as error:
            problems.append((at(key), error.problem()))
    policy: Policy | None = None
    try:
        policy = attrs.evolve(start, **changes)
    except InputError as error:
        problems.extend(_located(p, prefix, at) for p in error.problems)
    except PolicyError as error:
        problems.append(_located(error.problem(), prefix, at))
    return None if len(problems) > found else policy


def _located(
    problem: Problem, prefix: ProblemPath, at: Callable[[str], tuple[int, ...]]
) -> tuple[tuple[int, ...], Problem]:
    """A problem :class:`Policy` found (at ``("Policy", field, ...)``), located by the
    field as the file names it."""
    inner = problem.path[1:]  # without "Policy"
    field = str(inner[0])
    return at(field), Problem((*prefix, *inner), problem.code, problem.message, problem.value)


def _unknown_field(key: str, prefix: ProblemPath) -> str:
    if key == "base":
        return "is allowed only at the top of the file, beside versions, not in a version"
    if key == "from":
        return (
            "only a version has a from date; a policy that changes on a date is written "
            '{"versions": [{"from": "YYYY-MM-DD", ...}, ...]}'
        )
    extra = ("from",) if prefix else ("base", "versions")
    return _unknown(key, _FIELD_KINDS, extra, "a field of Policy")


def _unknown(key: str, valid: Iterable[str], extra: Iterable[str], what: str) -> str:
    """``is not <what>; did you mean <nearest>? valid: ...``: the nearest of ``valid`` and
    ``extra`` suggested, ``valid`` listed."""
    listed = list(valid)
    close = difflib.get_close_matches(key, [*listed, *extra], n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"is not {what}; {hint}valid: {', '.join(listed)}"


def _read_value(kind: str, value: object, where: ProblemPath) -> object:
    if kind == "money":
        return parse_money(value, where)
    if kind == "date":
        return parse_date(value, where)
    if kind == "ratio" and isinstance(value, str):
        return _parse_ratio(value, where)
    if kind == "money_table" and isinstance(value, Mapping):
        return {key: parse_money(amount, (*where, Key(key))) for key, amount in value.items()}
    return value


def _parse_ratio(value: str, where: ProblemPath) -> Decimal:
    text = value.strip()
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    one_to = _ONE_TO.fullmatch(text)
    percent = _PERCENT.fullmatch(text)
    if one_to:
        hint = f"write {one_to.group(1)}"
    elif percent:
        hint = f"write {Decimal(percent.group(1)).scaleb(-2).normalize():f}"
    else:
        hint = 'expected a decimal like "0.5" (for 1:0.5)'
    raise PolicyValueError(
        f"{_shown(value)} is not a decimal ratio; {hint}", path=where, value=value
    )


def _position(document: Mapping[str, Any], key: str) -> int:
    for n, name in enumerate(document):
        if name == key:
            return n
    return len(document)


def _shown(value: object) -> str:
    return shown(value)


def _input_error(problems: list[tuple[tuple[int, ...], Problem]], source: str | None) -> InputError:
    return InputError([p for _, p in sorted(problems, key=lambda ranked: ranked[0])], source=source)
