"""What every command shares: exit statuses, the inputs (register and policy, every
problem at once), progress on a terminal, and the words and cells of tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any

import attrs

from .._clauses import Clause
from .._errors import InputError, PolicyError
from .._json import (
    example_register,
    parse_date,
)
from .._labels import CityReading, UpgradeReading
from .._money import format_wan, format_yuan
from .._policy import GANYU_2021, Policy
from .._policy_files import load_policy
from .._policy_io import PolicyTimeline
from .._readers import read_register
from .._register import Register
from .._render import csv_text
from .._vocabulary import LABELS, WORDS

PROG = "innovation-policy"


EXIT_OK = 0


EXIT_FINDINGS = 1


EXIT_USAGE = 2


PROGRESS_THRESHOLD = 5000


"""A register of more platforms than this shows progress on stderr (a terminal only)."""


_PROGRESS_EVERY = 500


_FORMATS = ("text", "json", "csv", "xlsx")


_XLSX_COMMANDS = frozenset(
    {"assess", "audit", "targets", "compare", "budget", "forecast", "template", "example"}
)


_LANGS = ("zh", "en")


_MAX_IDS_SHOWN = 20


class _FailureError(Exception):
    """Inputs or arguments that cannot be used: the messages to print, exit status 2."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = tuple(messages)


def _reading_arg(text: str) -> tuple[str, UpgradeReading | CityReading]:
    """``upgrade=each_approval`` → ``("upgrade_reading", UpgradeReading.EACH_APPROVAL)``."""
    key, sep, value = text.partition("=")
    readings: dict[str, tuple[str, type[UpgradeReading] | type[CityReading]]] = {
        "upgrade": ("upgrade_reading", UpgradeReading),
        "city": ("city_reading", CityReading),
    }
    choice = readings.get(key.strip())
    if not sep or choice is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected upgrade=top_up|each_approval or city=city_excludes_district|top_up"
        )
    field, kind = choice
    try:
        return field, kind.parse(value)
    except PolicyError:
        valid = "|".join(m.value for m in kind)
        raise argparse.ArgumentTypeError(
            f"{text!r}: {value!r} is not a reading; expected {key.strip()}={valid}"
        ) from None


def _date_arg(text: str) -> dt.date:
    try:
        return parse_date(text)
    except PolicyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("innovation-policy")
    except metadata.PackageNotFoundError:  # running from a source tree, not installed
        return "unknown"


class _Progress:
    """Progress on stderr for a large register, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = False
        self.shown = False

    def start(self, register: Register) -> None:
        """Turn progress on for a register of more than :data:`PROGRESS_THRESHOLD`
        platforms, when stderr is a terminal."""
        self.enabled = len(register.platforms) > PROGRESS_THRESHOLD and _is_terminal(sys.stderr)
        self(f"{len(register.platforms):,} platforms read")

    def __call__(self, message: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[K{PROG}: {message}")
            sys.stderr.flush()
            self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _inputs(
    args: argparse.Namespace,
    progress: _Progress,
    *,
    base: Policy = GANYU_2021,
    failures: Sequence[str] = (),
) -> tuple[Register, Policy | PolicyTimeline]:
    """The register and policy the arguments name (``--policy`` on top of ``base``, a
    file of versions as a timeline; ``--reading`` applied to every version); every
    problem of both, and the ``failures`` found before, at once."""
    failures = list(failures)
    policy: Policy | PolicyTimeline = base
    try:
        if args.policy is not None:
            policy = load_policy(args.policy, base=base, source=f"--policy {args.policy}")
        if args.reading:
            policy = _with_readings(policy, dict(args.reading))
    except InputError as error:
        failures.append(str(error))
    register: Register | None = None
    try:
        register = example_register() if args.example else read_register(args.register)
    except InputError as error:
        failures.append(str(error))
    if failures or register is None:
        raise _FailureError(failures)
    progress.start(register)
    args.recorded_policies = {"": policy}  # what CSV output records (see _record_policy)
    if base is not GANYU_2021 or args.command == "compare":
        args.recorded_policies = {"baseline_": base, "": policy}
    return register, policy


def _with_readings(
    policy: Policy | PolicyTimeline, readings: Mapping[str, Any]
) -> Policy | PolicyTimeline:
    """``policy`` with the ``--reading`` choices, in every version of a timeline."""
    if isinstance(policy, Policy):
        return attrs.evolve(policy, **readings)
    versions = tuple((start, attrs.evolve(p, **readings)) for start, p in policy.versions)
    return PolicyTimeline(versions, name=policy.name)


_WORDS = WORDS  # every word of the tables: the vocabulary's


def _w(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _label(value: Any, lang: str) -> str:
    """A label in ``lang``; ``-`` for none."""
    if value is None:
        return "-"
    return str(value.label(lang))


def _clause_kind(c: Clause, lang: str) -> str:
    """What kind of clause it is (rule, data, record, context), in ``lang``."""
    return _pick(LABELS[f"ClauseKind.{c.kind.name}"], lang)


def _yes(flag: bool, lang: str) -> str:
    return _w("yes" if flag else "no", lang)


def _money_cells(amount: Decimal) -> list[str]:
    return [format_yuan(amount), format_wan(amount)]


def _yuan_text(amount: Decimal, lang: str) -> str:
    unit = "元" if lang == "zh" else "yuan"
    return (
        f"{format_yuan(amount)} {unit}（{format_wan(amount)}）"
        if lang == "zh"
        else (f"{format_yuan(amount)} {unit} ({format_wan(amount)})")
    )


def _csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    return csv_text(headers, rows)


def _json_text(document: str) -> str:
    return document if document.endswith("\n") else document + "\n"


def _plot(name: str) -> Callable[..., Any]:
    from .. import _charts

    return getattr(_charts, name)  # type: ignore[no-any-return]
