"""Edge: a forecast's scenario from a JSON or TOML file (the shipped ``scenario`` schema).

A scenario file names the scenario and, per bureau line (§4.1–§4.3), overrides any
assumption of the forecast; whatever it leaves out is estimated from the register::

    {"name": "national push",
     "bureaus": {"区发改委": {"mix": {"国家级": 1, "省级": 1},
                             "funding": {"国家级": "8000000"},
                             "excellent": "0.5", "turnover": "3000000"}}}

Every problem of the file is reported at once in one
:class:`~innovation_policy.InputError`, each located (``bureaus.区发改委.excellent``).
"""

from __future__ import annotations

import decimal
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._errors import InputError, PolicyError, Problem, ProblemCode
from ._forecast import BureauScenario, Scenario
from ._json import loads
from ._labels import Bureau
from ._policy_files import _read_policy_bytes, _toml

__all__ = ["load_scenario", "scenario_from_dict"]

_TOP = ("$schema", "name", "bureaus")
_FIELDS = ("mix", "funding", "excellent", "turnover")


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """The scenario of a file: JSON, or TOML when its name ends in ``.toml``; every
    problem reported at once, located."""
    where = os.fspath(path)
    data = _read_policy_bytes(path, where, "a scenario file")
    toml = where.lower().endswith(".toml")
    document = _toml(data, where) if toml else loads(data, source=where)
    return scenario_from_dict(document, source=where)


def scenario_from_dict(document: object, *, source: str = "scenario") -> Scenario:
    """A :class:`~innovation_policy.Scenario` from its JSON-ready dictionary."""
    problems: list[Problem] = []
    if not isinstance(document, Mapping):
        raise InputError(
            [
                Problem(
                    "",
                    ProblemCode.WRONG_TYPE,
                    f"is not an object of scenario fields: {', '.join(_TOP[1:])}",
                )
            ],
            source=source,
        )
    for key in document:
        if key not in _TOP:
            problems.append(
                Problem(
                    str(key),
                    ProblemCode.UNKNOWN_FIELD,
                    f"is not a field of a scenario; valid: {', '.join(_TOP[1:])}",
                )
            )
    name = document.get("name", "default")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            Problem("name", ProblemCode.INVALID, f"{name!r} is not a name; expected text")
        )
        name = "default"
    bureaus: dict[Bureau, BureauScenario] = {}
    given = document.get("bureaus", {})
    if not isinstance(given, Mapping):
        problems.append(
            Problem("bureaus", ProblemCode.WRONG_TYPE, "is not an object keyed by bureau")
        )
        given = {}
    for key, fields in given.items():
        where = f"bureaus.{key}"
        try:
            bureau = Bureau.parse(key, field=where)
        except PolicyError as error:
            problems.append(Problem(where, error.code, error.message))
            continue
        scenario = _bureau(fields, where, problems)
        if scenario is not None:
            bureaus[bureau] = scenario
    if problems:
        raise InputError(problems, source=source)
    return Scenario(name=name, bureaus=bureaus)


def _bureau(fields: object, where: str, problems: list[Problem]) -> BureauScenario | None:
    if not isinstance(fields, Mapping):
        problems.append(
            Problem(where, ProblemCode.WRONG_TYPE, f"is not an object of {', '.join(_FIELDS)}")
        )
        return None
    unknown = [k for k in fields if k not in _FIELDS]
    for key in unknown:
        problems.append(
            Problem(
                f"{where}.{key}",
                ProblemCode.UNKNOWN_FIELD,
                f"is not a field; valid: {', '.join(_FIELDS)}",
            )
        )
    values: dict[str, Any] = {k: _numbers(v) for k, v in fields.items() if k in _FIELDS}
    if "funding" in values and values["funding"] is None:
        values.pop("funding")
    try:
        return None if unknown else BureauScenario(**values)
    except InputError as error:
        problems.extend(
            Problem(f"{where}.{_located(p.where)}", p.code, p.message) for p in error.problems
        )
    return None


def _numbers(value: object) -> object:
    """Numbers written as text (``"0.5"``, ``"3000000"``) as Decimals, in tables too;
    anything else as it is, for the checks to refuse with its location."""
    if isinstance(value, Mapping):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except decimal.InvalidOperation:
            return value
        return number if number.is_finite() else value
    return value


def _located(field: str) -> str:
    """``mix[国家级]`` → ``mix.国家级``."""
    return field.replace("[", ".").replace("]", "")
