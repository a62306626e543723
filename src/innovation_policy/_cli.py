"""Edge: the command line ``innovation-policy``, a thin layer over the pure core.

Commands: ``assess``, ``audit``, ``targets``, ``explain``, ``compare``, ``clauses``,
``example``. Each
reads its inputs, calls the library, formats the result as text (aligned tables for
people), JSON (the library's documents, valid against the shipped schemas) or CSV (one
row per item or line, for spreadsheets), and writes it to stdout or, whole or not at
all, to ``--output``.

Exit status: 0 done; 1 ``audit`` found something to question; 2 the command line, an
input or the output file is wrong (every problem of the inputs is listed on stderr,
each located in the input's own terms, without a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import attrs

from ._assess import Assessment, Item, PlatformSummary, assess
from ._audit import Finding, audit
from ._clauses import CLAUSES, Clause, readings_touching
from ._documents import findings_to_json
from ._errors import InputError, PolicyError, Problem, ProblemCode
from ._files import FileError, escape, escape_json, escape_lines, write_output
from ._json import (
    dumps,
    example_register,
    example_register_json,
    parse_date,
)
from ._labels import Bureau, CityReading, Kind, UpgradeReading
from ._money import format_wan, format_yuan
from ._policy import GANYU_2021, Policy
from ._policy_files import load_policy
from ._policy_io import PolicyTimeline
from ._provenance import policy_block, policy_header, policy_rows
from ._readers import TABLES, XLSX_HINT, read_register
from ._register import Register
from ._render import neutral, table
from ._targets import TargetReport, target_progress
from ._trace import implemented_by
from ._vocabulary import LABELS, POLICY_FIELDS, WORDS

__all__ = ["PROGRESS_THRESHOLD", "build_parser", "main"]

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


# ----------------------------------------------------------------------------------------
# The parser.

_REGISTER_HELP = (
    "the register (台账): a .json file (the register document), a folder of CSV files "
    "(platforms.csv required; approvals.csv, reviews.csv, case_decisions.csv, "
    "payments.csv; UTF-8, with or without BOM) or an .xlsx workbook with one sheet per "
    "table (needs " + XLSX_HINT + ")"
)

_TABLES_EPILOG = (
    "Headers and sheet names are the register's English field names or their Chinese "
    "names: "
    + "; ".join(
        f"{t.name} ({t.zh}): " + ", ".join(f"{c.name} {c.zh}" for c in t.columns) for t in TABLES
    )
    + ". A blank optional cell takes the default; co_builders (共建方) are separated by "
    "、 , or ;."
)


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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``innovation-policy`` (the docs generate the CLI reference
    from it)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "The Ganyu District plan for major industrial innovation platforms "
            "(赣榆区重大产业创新平台建设实施方案) as exact, explainable rules: assess a "
            "register, audit its payments, report the targets, explain any amount clause "
            "by clause."
        ),
        epilog=(
            "Exit status: 0 done; 1 audit found payments to question; 2 the command line, "
            "an input or the output file is wrong. Start with: "
            f"{PROG} assess --example"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_package_version()}")

    output = argparse.ArgumentParser(add_help=False)
    options = output.add_argument_group("output")
    options.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="text: aligned tables for people, amounts in yuan and 万元 (default); json: "
        "the library's JSON document, valid against its shipped schema; csv: one row "
        "per item or line, for spreadsheets; xlsx: an Excel workbook, one sheet per table "
        "(assess, audit, targets, compare, budget, forecast; needs --output FILE.xlsx and "
        + XLSX_HINT
        + ")",
    )
    options.add_argument(
        "--lang",
        choices=_LANGS,
        default="zh",
        help="language of labels and explanations: zh 中文 (default) or en English",
    )
    options.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout, whole or not at all (a CSV file gets a "
        "UTF-8 byte order mark, so that Excel reads it right); a .json or .csv FILE needs "
        "that --format, an .xlsx FILE --format xlsx; only a regular file is replaced (a symbolic link is followed); "
        "- is stdout",
    )

    chart = argparse.ArgumentParser(add_help=False)
    chart.add_argument(
        "--chart",
        metavar="FILE",
        help="also draw the result as a chart into FILE.png or FILE.svg (needs "
        "pip install 'innovation-policy[plot]'); Chinese labels need a CJK font, "
        "otherwise the labels are English",
    )

    inputs = argparse.ArgumentParser(add_help=False)
    source = inputs.add_mutually_exclusive_group(required=True)
    source.add_argument("register", nargs="?", metavar="REGISTER", help=_REGISTER_HELP)
    source.add_argument(
        "--example",
        action="store_true",
        help="use the shipped example register (示例台账) instead of REGISTER",
    )
    policy = inputs.add_argument_group("policy")
    policy.add_argument(
        "--policy",
        metavar="FILE",
        help="a JSON (or .toml) file of Policy field overrides (政策参数), e.g. "
        '{"national_match_cap": "8000000", "upgrade_reading": "each_approval"}; money '
        "as yuan, ratios as decimals, dates as YYYY-MM-DD, target tables keyed by labels",
    )
    policy.add_argument(
        "--reading",
        action="append",
        default=[],
        type=_reading_arg,
        metavar="NAME=VALUE",
        help="switch a reading (解读) of the text, after --policy: "
        "upgrade=top_up|each_approval (reading 1) or city=city_excludes_district|top_up "
        "(reading 2); may be repeated",
    )

    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "assess",
        parents=[inputs, output, chart],
        help="every platform, its items and totals, and the district's totals",
        description="Assess a register (评估): every platform with its classification, "
        "bureau, park and entitlements, every item (matching support, performance grant, "
        "case decision) with the maximum payable, per kind and year; warnings; the "
        "district's totals per year and per bureau.",
        epilog=_TABLES_EPILOG,
    )
    commands.add_parser(
        "audit",
        parents=[inputs, output],
        help="payments against what was payable; exit status 1 when anything is found",
        description="Audit the payments of a register (审计): each payment against the "
        "maximum payable of the item it pays. Exit status 1 when there is any finding, 0 "
        "when there is none, so that a script can gate on it.",
        epilog=_TABLES_EPILOG,
    )
    targets = commands.add_parser(
        "targets",
        parents=[inputs, output, chart],
        help="the targets of the plan against the register, with pace",
        description="The target report (目标任务完成情况): new major platforms against "
        "the district, bureau, park and annex targets, as of a date.",
        epilog=_TABLES_EPILOG,
    )
    targets.add_argument(
        "--as-of",
        type=_date_arg,
        metavar="DATE",
        help="the report's date, YYYY-MM-DD (default: today)",
    )
    explain = commands.add_parser(
        "explain",
        parents=[inputs, output],
        help="every item of one platform, step by step, with clause ids",
        description="Explain one platform (说明): each of its items step by step, every "
        "step with the clause ids that decided it.",
        epilog=_TABLES_EPILOG,
    )
    explain.add_argument("platform", metavar="PLATFORM_ID", help="the platform's id (平台编号)")
    compare_parser = commands.add_parser(
        "compare",
        parents=[inputs, output, chart],
        help="an alternative policy minus the baseline, item by item; or every reading",
        description="Compare two policies on one register (政策比较): the alternative "
        "(the baseline with --policy FILE's fields, then --reading) minus the baseline "
        "(--baseline FILE, or the plan as written), item by item, with the differences "
        "by year, bureau, park, kind and category. With --readings: every combination of "
        "the switchable readings 1 and 2, each against the policy given, one line each.",
        epilog=_TABLES_EPILOG,
    )
    compare_parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="a JSON object of Policy field overrides for the baseline, like --policy "
        "(default: the plan as written, GANYU_2021); --policy then changes the baseline",
    )
    compare_parser.add_argument(
        "--readings",
        action="store_true",
        help="the reading sweep: every combination of upgrade=… and city=… against the "
        "policy given (the baseline, with --policy and --reading if given)",
    )
    from ._cli_finance import add_commands  # the finance bureau's commands

    add_commands(commands, [inputs, output], _TABLES_EPILOG, chart=chart)
    clauses = commands.add_parser(
        "clauses",
        parents=[output],
        help="the clause catalogue, or one clause in full",
        description="The clause catalogue (条款): every clause, or one clause with its "
        "original text, gloss, the readings that touch it and the public functions "
        "that implement it.",
    )
    clauses.add_argument("clause", nargs="?", metavar="ID", help="a clause id, e.g. §6.3 (or 6.3)")
    example = commands.add_parser(
        "example",
        help="write the shipped example register as JSON, to start from",
        description="Write the shipped example register (示例台账) as JSON, so a new user "
        "can start from it: innovation-policy example --output register.json",
    )
    example.add_argument(
        "--format",
        choices=("json", "xlsx"),
        default="json",
        help="json, the register document; xlsx, the register workbook (as the template "
        "with --example; needs --output FILE.xlsx)",
    )
    example.add_argument(
        "--output", metavar="FILE", help="write to FILE instead of stdout (- is stdout)"
    )
    template = commands.add_parser(
        "template",
        help="write a register workbook (.xlsx) to fill in, with drop-down lists",
        description="Write a register workbook to fill in (台账模板): one sheet per table "
        "with the headers the reader accepts, drop-down lists for the labels, date and "
        "money formats, and an instructions sheet (说明). Needs " + XLSX_HINT + ".",
    )
    template.add_argument("output", metavar="FILE.xlsx", help="the workbook to write")
    template.add_argument(
        "--example", action="store_true", help="fill it with the shipped example register"
    )
    template.set_defaults(format="xlsx")
    return parser


# ----------------------------------------------------------------------------------------
# Main.


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return _exit_status(exit_.code)
    if args.output == "-":
        args.output = None
    progress = _Progress()
    try:
        _check_output_suffix(args.output, args.format)
        _check_xlsx(args)
        text, status = _COMMANDS[args.command](args, progress)
    except _FailureError as failure:
        progress.done()
        for message in failure.messages:
            sys.stderr.write(escape_lines(f"{PROG}: {message}\n"))
        return EXIT_USAGE
    except KeyboardInterrupt:
        progress.done()
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    progress.done()
    policies = getattr(args, "recorded_policies", None)
    try:
        if isinstance(text, bytes):  # a workbook: always to a file (_check_xlsx)
            write_output(args.output, text)
        else:
            if args.format == "csv" and policies:
                text = _with_policy_columns(text, policies, args.lang)
            text = escape_json(text) if args.format == "json" else escape_lines(text)
            _deliver(text, args.output, binary_bom=args.format == "csv")
            if args.format == "csv" and policies and args.output is not None:
                _deliver(
                    escape_lines(_policy_csv(policies, args.lang)),
                    _beside(args.output),
                    binary_bom=True,
                )
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, FileError) as error:
        where = args.output if args.output is not None else "stdout"
        message = (
            error.message
            if isinstance(error, FileError)
            else f"cannot be written: {error.strerror or error}"
        )
        sys.stderr.write(escape_lines(f"{PROG}: {where}: {message}\n"))
        return EXIT_USAGE
    return status


_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


def _check_output_suffix(output: str | None, format_: str) -> None:
    """Refuse an ``--output`` whose suffix says another format than ``--format``."""
    suffix = Path(output).suffix.lower() if output is not None else ""
    wanted = _SUFFIX_FORMATS.get(suffix)
    if wanted is not None and wanted != format_:
        raise _FailureError(
            [
                f"--output {output}: a {suffix} file, but the output is {format_}; give "
                f"--format {wanted}, or a file name that does not end in {suffix}"
            ]
        )


# ----------------------------------------------------------------------------------------
# The policy in CSV output: in every row, its name and fingerprint; beside an --output
# file, every field (FILE.policy.csv). A spreadsheet keeps both, and neither needs a
# comment line that a CSV reader would trip on.


def _with_policy_columns(
    text: str, policies: Mapping[str, Policy | PolicyTimeline], lang: str
) -> str:
    """CSV text with, on every row, the name and fingerprint of each policy it records."""
    rows = list(csv.reader(io.StringIO(text)))  # every CSV output has its header row
    extra_head: list[str] = []
    extra: list[str] = []
    for side, policy in policies.items():
        block = policy_block(policy)
        extra_head += [
            f"{side}{_w('policy', lang)}" if lang == "en" else f"{_pick(_SIDES[side], lang)}政策",
            f"{side}{_w('fingerprint', lang)}"
            if lang == "en"
            else f"{_pick(_SIDES[side], lang)}政策指纹",
        ]
        extra += [str(block["name"]), str(block["fingerprint"])]
    head, *body = rows
    return _csv_text([*head, *extra_head], [[*row, *extra] for row in body])


_SIDES: Mapping[str, tuple[str, str]] = {"": ("", ""), "baseline_": ("基准", "baseline_")}


def _policy_csv(policies: Mapping[str, Policy | PolicyTimeline], lang: str) -> str:
    """Every field of each policy an output records, one per row."""
    head = [_w("side", lang), _w("field", lang), _w("value", lang)]
    rows = [
        [_pick(_SIDE_NAMES[side], lang), field, value]
        for side, policy in policies.items()
        for field, value in policy_rows(policy)
    ]
    return _csv_text(head, rows)


_SIDE_NAMES: Mapping[str, tuple[str, str]] = {
    "": ("结果所用政策", "policy"),
    "baseline_": ("基准政策", "baseline"),
}


def _beside(output: str) -> str:
    """``FILE.policy.csv`` beside ``FILE.csv``: where the complete policy goes."""
    path = Path(output)
    return str(path.with_name(f"{path.stem}.policy{path.suffix or '.csv'}"))


def _check_xlsx(args: argparse.Namespace) -> None:
    """A workbook is binary: only for the commands that write one, and only to a file
    named ``.xlsx``; a chart only to ``.png`` or ``.svg``."""
    if args.format == "xlsx":
        if args.command not in _XLSX_COMMANDS:
            raise _FailureError(
                [
                    f"{args.command}: --format xlsx is for assess, audit, targets, compare, "
                    "budget and forecast"
                ]
            )
        if args.output is None or Path(args.output).suffix.lower() != ".xlsx":
            where = "stdout" if args.output is None else args.output
            raise _FailureError(
                [
                    f"--format xlsx: a workbook is binary and is not written to {where}; "
                    "give --output FILE.xlsx"
                ]
            )
    chart = getattr(args, "chart", None)
    if chart is not None and Path(chart).suffix.lower() not in (".png", ".svg"):
        raise _FailureError([f"--chart {chart}: expected a file name ending in .png or .svg"])


def _xlsx(make: Callable[[], bytes]) -> bytes:
    """A workbook (``make`` writes it); a missing openpyxl or an amount a workbook
    cannot hold exactly is a failure with its message."""
    try:
        return make()
    except ImportError:
        raise _FailureError(
            [f"--format xlsx needs openpyxl; install it with: {XLSX_HINT}"]
        ) from None
    except PolicyError as error:
        raise _FailureError([f"--format xlsx: {error}"]) from None


def _chart(args: argparse.Namespace, draw: Callable[[str], Any]) -> None:
    """Draw the chart of ``--chart`` (if given) and write it, whole or not at all."""
    if args.chart is None:
        return
    try:
        import matplotlib  # noqa: F401  (the plot extra)

        from ._charts import chart_bytes
    except ImportError:
        raise _FailureError(
            ["--chart needs matplotlib; install it with: pip install 'innovation-policy[plot]'"]
        ) from None
    data = chart_bytes(draw(args.lang), Path(args.chart).suffix.lower().lstrip("."))
    try:
        write_output(args.chart, data)
    except (OSError, FileError) as error:
        message = error.message if isinstance(error, FileError) else str(error.strerror or error)
        raise _FailureError([f"--chart {args.chart}: {message}"]) from None


def _exit_status(code: object) -> int:
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def _deliver(text: str, output: str | None, *, binary_bom: bool) -> None:
    """Write to stdout, or to ``output`` whole or not at all (see
    :func:`~innovation_policy._files.write_output`)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_output(output, text.encode("utf-8-sig" if binary_bom else "utf-8"))


def _silence_stdout() -> None:
    """After a broken pipe (``innovation-policy clauses | head``): send what is left of
    stdout to /dev/null, so that Python's flush at exit does not complain."""
    with contextlib.suppress(AttributeError, ValueError, OSError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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


# ----------------------------------------------------------------------------------------
# Inputs: the register and the policy.


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


# ----------------------------------------------------------------------------------------
# Words for text and CSV output.

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

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _json_text(document: str) -> str:
    return document if document.endswith("\n") else document + "\n"


# ----------------------------------------------------------------------------------------
# assess.


def _assess_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    progress(f"assessing {len(register.platforms):,} platforms")
    assessment = assess(register, policy=policy)
    progress("writing")
    _chart(args, lambda lang: _plot("plot_money")(assessment, lang=lang))
    if args.format == "json":
        return _json_text(assessment.to_json(args.lang)), EXIT_OK
    if args.format == "xlsx":
        from ._xlsx_out import assessment_sheets, workbook_bytes

        return _xlsx(
            lambda: workbook_bytes(assessment_sheets(assessment, args.lang), args.lang)
        ), EXIT_OK
    if args.format == "csv":
        return _assess_csv(assessment, args.lang), EXIT_OK
    return _assess_text(assessment, args.lang, progress), EXIT_OK


def _platform_block(summary: PlatformSummary, items: Sequence[Item], lang: str) -> list[str]:
    """One platform: who it is, what it is, and its items with a total."""
    platform = summary.platform
    classification = summary.classification
    park = _label(platform.park, lang) if platform.park else _w("outside_parks", lang)
    sep = "：" if lang == "zh" else ": "
    lines = [
        f"{platform.id}  {escape(platform.name)}",  # a name's line break would break a table
        "  "
        + "  ".join(
            [
                f"{_w('category', lang)}{sep}{_label(platform.category, lang)}",
                f"{_w('counts_as', lang)}{sep}{_label(classification.counts_as, lang)}",
                f"{_w('level', lang)}{sep}{_label(summary.level, lang)}",
                f"{_w('major', lang)}{sep}{_yes(summary.is_major, lang)}",
            ]
        ),
        "  "
        + "  ".join(
            [
                f"{_w('bureau', lang)}{sep}{_label(classification.bureau, lang)}",
                f"{_w('park', lang)}{sep}{park}",
            ]
        ),
    ]
    if summary.entitlements:
        lines.append(f"  {_w('entitlements', lang)}{sep}".rstrip())
        lines.extend(
            f"    - {e.label(lang)}{'（' if lang == 'zh' else ' ('}{e.clause}"
            f"{'）' if lang == 'zh' else ')'}"
            for e in summary.entitlements
        )
    if not items:
        lines.append(f"  {_w('no_items', lang)}")
        return lines
    headers = [
        _w(k, lang) for k in ("date", "item", "kind", "level", "year", "eligible", "amount", "wan")
    ]
    rows = [
        [
            i.date.isoformat(),
            i.item,
            _label(i.kind, lang),
            _label(i.level, lang),
            str(i.year),
            _yes(i.eligible, lang),
            *_money_cells(i.amount),
        ]
        for i in items
    ]
    total = sum((i.amount for i in items), Decimal("0.00"))
    rows.append([_w("total", lang), "", "", "", "", "", *_money_cells(total)])
    lines.extend(table(headers, rows, align="<<<<><>>", indent="  "))
    return lines


def _assess_text(assessment: Assessment, lang: str, progress: _Progress) -> str:
    title = (
        "赣榆区重大产业创新平台评估（最高可支付额）"
        if lang == "zh"
        else "Ganyu District major innovation platforms: assessment (maximum payable)"
    )
    out = [title, *policy_header(assessment.policy, lang), ""]
    items: dict[str, list[Item]] = {s.id: [] for s in assessment.platforms}
    for item in assessment.items:
        items[item.platform].append(item)
    count = len(assessment.platforms)
    for n, summary in enumerate(assessment.platforms, 1):
        if n % _PROGRESS_EVERY == 0:
            progress(f"formatting {n:,}/{count:,} platforms")
        out.extend(_platform_block(summary, items[summary.id], lang))
        out.append("")
    warnings = assessment.warnings
    count_text = f"（{len(warnings)}）" if lang == "zh" else f" ({len(warnings)})"
    out.append(f"{_w('warnings', lang)}{count_text}")
    out.extend(f"  - {w.message(lang)}" for w in warnings)
    if not warnings:
        out.append(f"  {_w('none', lang)}")
    out.append("")
    totals = assessment.totals
    money = [_w("amount", lang), _w("wan", lang)]
    out.append(_w("district", lang))
    out.append(f"  {_w('by_year', lang)}")
    rows = [[str(year), *_money_cells(v)] for year, v in totals.by_year.items()]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("year", lang), *money], rows, align="<>>", indent="    "))
    out.append(f"  {_w('by_bureau', lang)}")
    rows = [[_label(b, lang), *_money_cells(totals.by_bureau[b])] for b in Bureau]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("bureau", lang), *money], rows, align="<>>", indent="    "))
    out.append(f"  {_w('by_kind', lang)}")
    rows = [[_label(k, lang), *_money_cells(totals.by_kind[k])] for k in Kind]
    rows.append([_w("total", lang), *_money_cells(totals.district)])
    out.extend(table([_w("kind", lang), *money], rows, align="<>>", indent="    "))
    case = totals.by_kind[Kind.CASE]
    if lang == "zh":
        out.append(
            f"  全区最高可支付合计 {_yuan_text(totals.district, lang)}，其中按公式计算"
            f" {_yuan_text(totals.formula, lang)}，一事一议 {_yuan_text(case, lang)}（§6.2）"
        )
    else:
        out.append(
            f"  District total maximum payable {_yuan_text(totals.district, lang)}: by formula "
            f"{_yuan_text(totals.formula, lang)}, case-by-case {_yuan_text(case, lang)} (§6.2)"
        )
    return "\n".join(out) + "\n"


_ASSESS_CSV = (
    ("item", "事项"),
    ("platform", "平台编号"),
    ("name", "名称"),
    ("kind", "类型"),
    ("level", "级别"),
    ("year", "年度"),
    ("date", "日期"),
    ("eligible", "符合条件"),
    ("amount", "金额"),
    ("bureau", "负责部门"),
    ("park", "园区"),
    ("clauses", "条款"),
)


def _assess_csv(assessment: Assessment, lang: str) -> str:
    """One row per item; ``amount`` is plain yuan with two decimals, to sum."""
    summaries = {s.id: s for s in assessment.platforms}
    rows = []
    for i in assessment.items:
        summary = summaries[i.platform]
        rows.append(
            [
                i.item,
                i.platform,
                summary.platform.name,
                i.kind.zh if lang == "zh" else i.kind.value,
                i.level.label(lang) if i.level else "",
                i.year,
                i.date.isoformat(),
                _yes(i.eligible, lang),
                f"{i.amount:.2f}",
                summary.classification.bureau.label(lang),
                summary.platform.park.label(lang) if summary.platform.park else "",
                " ".join(i.clauses),
            ]
        )
    return _csv_text([_pick((zh, en), lang) for en, zh in _ASSESS_CSV], rows)


# ----------------------------------------------------------------------------------------
# audit.


def _audit_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    progress(f"auditing {len(register.payments):,} payments")
    findings = audit(register, policy=policy)
    status = EXIT_FINDINGS if findings else EXIT_OK
    if args.format == "json":
        return _json_text(findings_to_json(findings, args.lang, policy=policy)), status
    if args.format == "xlsx":
        from ._xlsx_out import findings_sheets, workbook_bytes

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


# ----------------------------------------------------------------------------------------
# targets.


def _targets_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    register, policy = _inputs(args, progress)
    as_of = args.as_of or dt.date.today()
    progress(f"counting {len(register.platforms):,} platforms")
    report = target_progress(register, as_of=as_of, policy=policy)
    _chart(args, lambda lang: _plot("plot_targets")(report, lang=lang))
    if args.format == "json":
        return _json_text(report.to_json(args.lang)), EXIT_OK
    if args.format == "xlsx":
        from ._xlsx_out import report_sheets, workbook_bytes

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


# ----------------------------------------------------------------------------------------
# explain.


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


# ----------------------------------------------------------------------------------------
# compare.


def _compare_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    from ._compare import compare, compare_readings
    from ._compare_text import (
        comparison_csv,
        comparison_text,
        sweep_csv,
        sweep_text,
    )

    failures: list[str] = []
    baseline = GANYU_2021
    if args.baseline is not None:
        try:
            loaded = load_policy(args.baseline)
            if isinstance(loaded, PolicyTimeline):
                raise InputError(
                    [
                        Problem(
                            "versions",
                            ProblemCode.INVALID,
                            "a policy with versions is not a baseline policy",
                        )
                    ]
                )
            baseline = loaded
        except InputError as error:
            failures.append(str(InputError(error.problems, source=f"--baseline {args.baseline}")))
    if not args.readings and args.policy is None and not args.reading:
        failures.append(
            "compare: no alternative policy; give --policy FILE or --reading NAME=VALUE "
            "(or --readings for every combination of the readings)"
        )
    register, policy = _inputs(args, progress, base=baseline, failures=failures)
    lang = args.lang
    if args.readings:
        if isinstance(policy, PolicyTimeline):
            raise _FailureError(
                [
                    f"--policy {args.policy}: the readings sweep takes one policy, not "
                    "versions; give a file of one version's fields"
                ]
            )
        progress(f"assessing {len(register.platforms):,} platforms under every reading")
        sweep = compare_readings(register, policy)
        if args.chart is not None:
            raise _FailureError(["--chart: the readings sweep has no chart; drop --readings"])
        if args.format == "json":
            return _json_text(sweep.to_json()), EXIT_OK
        if args.format == "xlsx":
            from ._xlsx_out import sweep_sheets, workbook_bytes

            return _xlsx(lambda: workbook_bytes(sweep_sheets(sweep, lang), lang)), EXIT_OK
        if args.format == "csv":
            return sweep_csv(sweep, lang), EXIT_OK
        return sweep_text(sweep, lang), EXIT_OK
    progress(f"assessing {len(register.platforms):,} platforms under both policies")
    comparison = compare(assess(register, policy=baseline), assess(register, policy=policy))
    _chart(args, lambda lang: _plot("plot_comparison")(comparison, lang=lang))
    if args.format == "json":
        return _json_text(comparison.to_json()), EXIT_OK
    if args.format == "xlsx":
        from ._xlsx_out import comparison_sheets, workbook_bytes

        return _xlsx(lambda: workbook_bytes(comparison_sheets(comparison, lang), lang)), EXIT_OK
    if args.format == "csv":
        return comparison_csv(comparison, lang), EXIT_OK
    return comparison_text(comparison, lang), EXIT_OK


# ----------------------------------------------------------------------------------------
# clauses.


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


# ----------------------------------------------------------------------------------------
# example.


def _plot(name: str) -> Callable[..., Any]:
    from . import _charts

    return getattr(_charts, name)  # type: ignore[no-any-return]


def _example_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    del progress
    if args.format == "xlsx":
        return _template_command(args, None)
    return _json_text(example_register_json()), EXIT_OK


def _finance_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    from ._cli_finance import run

    return run(args, progress)


def _template_command(args: argparse.Namespace, progress: _Progress | None) -> tuple[bytes, int]:
    del progress
    from ._template import template_bytes

    register = example_register() if getattr(args, "example", True) else None
    return _xlsx(lambda: template_bytes(register)), EXIT_OK


_COMMANDS: Mapping[str, Callable[[argparse.Namespace, _Progress], tuple[str | bytes, int]]] = {
    "assess": _assess_command,
    "audit": _audit_command,
    "targets": _targets_command,
    "explain": _explain_command,
    "compare": _compare_command,
    "clauses": _clauses_command,
    "example": _example_command,
    "budget": _finance_command,
    "forecast": _finance_command,
    "template": _template_command,
}
