"""The argument parser: every command, its options and its help."""

from __future__ import annotations

import argparse

from .._readers import TABLES, XLSX_HINT
from ._common import (
    _FORMATS,
    _LANGS,
    PROG,
    _date_arg,
    _package_version,
    _reading_arg,
)

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
    from ._finance import add_commands  # the finance bureau's commands

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
