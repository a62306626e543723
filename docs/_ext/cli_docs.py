"""Sphinx extension: the command line's pages, generated from the command line itself.

At ``builder-inited`` it writes MyST Markdown into ``docs/_generated/`` (not versioned),
which ``docs/cli.md`` includes:

- ``cli-reference.md``, from :func:`innovation_policy._cli.build_parser`: the usage,
  description and epilog of ``innovation-policy`` and of each of its commands, and every
  argument with its help, choices, default, and whether it is required or may be
  repeated. The parser is walked, not its ``--help`` text copied, so the page cannot
  drift from the code.
- ``cli-tables.md``, from :data:`innovation_policy._readers.TABLES`: each table of a
  register as a CSV file or a sheet, with its English and Chinese names, and each column
  with its English and Chinese headers, what it holds, whether it is required, its
  default and, for a label, its valid values.

It also provides the ``cli-example`` directive: a command line run at build time, its
output compared with the output written on the page, then shown as a console session::

    ```{cli-example} innovation-policy audit --example
    :status: 1
    拨付审计：12 笔拨付，5 项存疑
    ...
    ```

The command runs in the project root (``cli_docs_cwd``), through
:func:`innovation_policy._cli.main` with stdout and stderr captured, so a path in it reads
as it would in a clone. A difference in the output (or the exit status, 0 unless
``:status:`` says otherwise) is a warning, and so an error under ``-W``: the output on
the page is always what the command prints. A session with a non-zero status ends with
``echo $?``, so the reader sees the status too.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import enum
import io
import shlex
import typing
from pathlib import Path
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from policy_docs import escape, write_if_changed
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

import innovation_policy as ip
from innovation_policy import _cli, _readers

__all__ = ["generate_cli_reference", "generate_input_tables", "setup"]

logger = logging.getLogger(__name__)

#: The width the usage lines are wrapped to (argparse would ask the terminal).
USAGE_WIDTH = 88

#: The record type of each table of the register: the column types and defaults.
RECORD_TYPES: dict[str, type] = {
    "platforms": ip.Platform,
    "approvals": ip.Approval,
    "reviews": ip.Review,
    "case_decisions": ip.CaseDecision,
    "payments": ip.Payment,
}

#: What a column of each kind holds, as the readers read it (``_readers.TEXT``, ...): a
#: short name for the tables, and what it means.
COLUMN_KINDS: dict[str, tuple[str, str]] = {
    "text": ("text", "text"),
    "label": ("label", "a label of the policy: its Chinese name, or its English member name"),
    "kind": ("kind", "a kind of support: its code or its Chinese name"),
    "date": ("date", "`YYYY-MM-DD`; in a workbook, also a date cell"),
    "money": ("yuan", "an amount in yuan, to the fen, e.g. `6000000.00`"),
    "year": ("year", "a four-digit year"),
    "list": ("labels", "labels separated by `、` `,` `;` (or `，` `；`)"),
}


_escape = escape

# ---------------------------------------------------------------------------------------
# The command line reference, from the parser.


def command_label(name: str | None) -> str:
    """The label of a command's section: ``cli-assess``; ``cli-innovation-policy`` for the top."""
    return f"cli-{name}" if name else "cli-innovation-policy"


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(
        parser.usage,
        parser._actions,
        parser._mutually_exclusive_groups,
        prefix="",
    )
    return formatter.format_help().strip()


def _invocation(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    return formatter._format_action_invocation(action)


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help:
        return ""
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    return " ".join(formatter._expand_help(action).split())


#: Actions whose default goes without saying: a flag, a repeatable option, help, version.
_NO_DEFAULT_SHOWN = (
    argparse._StoreTrueAction,
    argparse._AppendAction,
    argparse._HelpAction,
    argparse._VersionAction,
)


def _default(action: argparse.Action) -> str | None:
    """The default worth stating: not for a flag, a repeatable option or a positional."""
    default = action.default
    if (
        not action.option_strings
        or default is None
        or default is argparse.SUPPRESS
        or isinstance(action, _NO_DEFAULT_SHOWN)
    ):
        return None
    return str(default)


def _in_required_group(parser: argparse.ArgumentParser, action: argparse.Action) -> bool:
    return any(
        group.required and action in group._group_actions
        for group in parser._mutually_exclusive_groups
    )


def _argument(parser: argparse.ArgumentParser, action: argparse.Action) -> list[str]:
    """One argument as a definition-list entry."""
    facts: list[str] = []
    help_text = _help(parser, action)
    if action.choices is not None and not isinstance(action.choices, dict):
        facts.append("Choices: " + ", ".join(f"`{c}`" for c in action.choices) + ".")
    default = _default(action)
    if default is not None:
        facts.append(f"Default: `{default}`.")
    if action.option_strings and action.required:
        facts.append("Required.")
    if (
        not action.option_strings
        and action.nargs == argparse.OPTIONAL
        and not _in_required_group(parser, action)
    ):
        facts.append("Optional.")
    if isinstance(action, argparse._AppendAction) and "repeated" not in help_text.lower():
        facts.append("May be repeated.")
    text = _escape(help_text)
    if text and not text.endswith("."):
        text += "."
    body = " ".join(part for part in [text, *facts] if part)
    return [f"`{_invocation(parser, action)}`", f": {body or 'No help is given.'}", ""]


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any] | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _command_section(
    parser: argparse.ArgumentParser,
    name: str | None,
    level: int,
    epilogs: dict[str, str],
    groups: dict[tuple[str, ...], str | None],
) -> list[str]:
    """A command's section; ``epilogs`` and ``groups`` remember what earlier commands
    showed in full, so that a shared group of options is shown once and linked after."""
    out = [f"({command_label(name)})=", f"{'#' * level} `{parser.prog}`", ""]
    if parser.description:
        out += [_escape(parser.description), ""]
    out += ["```text", _usage(parser), "```", ""]
    for group in parser._action_groups:
        actions = [
            a
            for a in group._group_actions
            if a.help is not argparse.SUPPRESS and not isinstance(a, argparse._SubParsersAction)
        ]
        if not actions:
            continue
        title = _escape(group.title or "arguments")
        entries = [line for action in actions for line in _argument(parser, action)]
        key = (title, *entries)
        if key in groups:
            earlier = groups[key]
            names = ", ".join(f"`{_invocation(parser, a)}`" for a in actions)
            out += [
                f"**{title}**: {names}, as for {{ref}}`{earlier or parser.prog} "
                f"<{command_label(earlier)}>`.",
                "",
            ]
            continue
        groups[key] = name
        out += [f"**{title}**", "", *entries]
    for exclusive in parser._mutually_exclusive_groups:
        names = [_invocation(parser, a) for a in exclusive._group_actions]
        rule = "exactly one" if exclusive.required else "at most one"
        out += [f"Give {rule} of " + ", ".join(f"`{n}`" for n in names) + ".", ""]
    sub = _subparsers(parser)
    if sub is not None:
        out += ["**commands**", ""]
        for choice in sub._choices_actions:
            out += [
                f"{{ref}}`{choice.dest} <{command_label(choice.dest)}>`",
                f": {_escape(choice.help or '')}.",
                "",
            ]
    if parser.epilog:
        earlier = epilogs.get(parser.epilog)
        if earlier is None:
            epilogs[parser.epilog] = name or parser.prog
            out += [_escape(parser.epilog), ""]
        else:
            out += [
                f"The closing note of its help is the same as for `{earlier}`; the "
                "headers it lists are in {ref}`cli-input-formats`.",
                "",
            ]
    if sub is not None:
        for command, subparser in sub.choices.items():
            out += _command_section(subparser, command, level + 1, epilogs, groups)
    return out


def generate_cli_reference() -> str:
    """The reference of ``innovation-policy``, from its parser."""
    parser = _cli.build_parser()
    out = [
        "<!-- Generated by docs/_ext/cli_docs.py from innovation_policy._cli.build_parser(). -->",
        "",
    ]
    out += _command_section(parser, None, 3, {}, {})
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# The tables of a register, from the readers.


def _label_type(annotation: object) -> type[enum.Enum] | None:
    """The label enum of a field's type (``Park | None`` → ``Park``;
    ``frozenset[CoBuilder] | None`` → ``CoBuilder``), or ``None``."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for argument in typing.get_args(annotation):
        found = _label_type(argument)
        if found is not None:
            return found
    return None


def _values(kind: type[enum.Enum]) -> str:
    if kind is ip.Kind:
        values = "; ".join(f"`{m.value}` {_escape(m.zh)}" for m in ip.Kind)
    else:
        values = "、".join(_escape(str(m.value)) for m in kind)
    return f"{values} ({{py:class}}`~innovation_policy.{kind.__name__}`)"


def _shown_default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "–"
    if field.default is None:
        return "none" if field.name != "id" else "derived"
    return f"`{field.default}`"


def generate_input_tables() -> str:
    """The tables of a register and their columns, in English and Chinese."""
    out = [
        "<!-- Generated by docs/_ext/cli_docs.py from innovation_policy._readers.TABLES. -->",
        "",
        "| Table | 中文 | As a CSV file | As a sheet | Required |",
        "|---|---|---|---|---|",
    ]
    for table in _readers.TABLES:
        out.append(
            f"| `{table.name}` | {_escape(table.zh)} | `{table.name}.csv` or "
            f"`{table.zh}.csv` | `{table.name}` or `{table.zh}` | "
            f"{'yes' if table.required else 'no'} |"
        )
    out += ["", "What a column holds:", ""]
    used = {c.kind for t in _readers.TABLES for c in t.columns}
    for kind, (short, meaning) in COLUMN_KINDS.items():
        if kind in used and short != meaning:
            out += [f"*{short}*", f": {meaning}", ""]
    for table in _readers.TABLES:
        record_type = RECORD_TYPES.get(table.name)
        if record_type is None:
            logger.warning(
                "cli_docs: the readers' table %r has no record type in RECORD_TYPES",
                table.name,
                type="cli_docs",
                subtype="tables",
            )
            continue
        fields = attrs.fields_dict(record_type)
        hints = typing.get_type_hints(record_type)
        out += [
            f"(cli-table-{table.name.replace('_', '-')})=",
            f"### `{table.name}` ({_escape(table.zh)}): {{py:class}}`~innovation_policy.{record_type.__name__}`",
            "",
            "| Header (表头) | Holds | Required | Blank means | Values |",
            "|---|---|---|---|---|",
        ]
        for column in table.columns:
            known = COLUMN_KINDS.get(column.kind)
            if known is None:
                logger.warning(
                    "cli_docs: column %s.%s holds %r, which the docs do not describe; "
                    "add it to COLUMN_KINDS",
                    table.name,
                    column.name,
                    column.kind,
                    type="cli_docs",
                    subtype="tables",
                )
            holds = known[0] if known is not None else column.kind
            label = _label_type(hints.get(column.name))
            values = _values(label) if label is not None else ""
            blank = "–" if column.required else _shown_default(fields[column.name])
            out.append(
                f"| `{column.name}` {_escape(column.zh)} | *{holds}* | "
                f"{'yes' if column.required else 'no'} | {blank} | {values} |"
            )
        out.append("")
    return "\n".join(out)


def generate_pages(app: Sphinx) -> None:
    generated = Path(app.srcdir) / app.config.policy_docs_generated
    write_if_changed(generated / "cli-reference.md", generate_cli_reference())
    write_if_changed(generated / "cli-tables.md", generate_input_tables())


# ---------------------------------------------------------------------------------------
# cli-example: a command run at build time, its output checked.


def _normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


class CliExampleDirective(SphinxDirective):
    """``cli-example``: run the command line, check its output, show the session."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "status": directives.nonnegative_int,
        "show-status": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        command = " ".join(self.arguments[0].split())
        argv = shlex.split(command)
        if not argv or argv[0] != _cli.PROG:
            logger.warning(
                "cli-example: %r does not start with %s",
                command,
                _cli.PROG,
                location=self.get_location(),
                type="cli_docs",
                subtype="example",
            )
            return []
        cwd = (Path(self.env.app.confdir) / self.config.cli_docs_cwd).resolve()
        stdout, stderr = io.StringIO(), io.StringIO()
        with (
            contextlib.chdir(cwd),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            status = _cli.main(argv[1:])
        printed = stdout.getvalue() + stderr.getvalue()
        expected_status = self.options.get("status", 0)
        if status != expected_status:
            logger.warning(
                "cli-example: %r exited with status %d, not %d",
                command,
                status,
                expected_status,
                location=self.get_location(),
                type="cli_docs",
                subtype="example",
            )
        shown, written = _normalise(printed), _normalise("\n".join(self.content))
        if shown != written:
            diff = "\n".join(
                difflib.unified_diff(written, shown, "on the page", "printed", lineterm="", n=1)
            )
            logger.warning(
                "cli-example: the output of %r differs from the page:\n%s",
                command,
                diff,
                location=self.get_location(),
                type="cli_docs",
                subtype="example",
            )
        session = [f"$ {command}", *shown]
        if status != 0 or "show-status" in self.options:
            session += ["$ echo $?", str(status)]
        text = "\n".join(session)
        node = nodes.literal_block(text, text, language="console", classes=["cli-example"])
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("policy_docs")  # the generated folder and write_if_changed
    app.add_config_value("cli_docs_cwd", "..", "env", types=frozenset({str}))
    app.add_directive("cli-example", CliExampleDirective)
    app.connect("builder-inited", generate_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
