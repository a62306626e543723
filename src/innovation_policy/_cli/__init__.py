"""Edge: the command line ``innovation-policy``, a thin layer over the pure core.

Commands: ``assess``, ``audit``, ``targets``, ``explain``, ``compare``, ``clauses``,
``example``, ``template``, ``budget``, ``forecast``. Each reads its inputs, calls the
library, formats the result as text (aligned tables for people), JSON (the library's
documents, valid against the shipped schemas), CSV (one row per item or line, for
spreadsheets) or an xlsx workbook, and writes it to stdout or, whole or not at all, to
``--output``. One module per command (``_assess``, ``_audit``, ...), the parser
(``_parser``), what every command shares (``_common``) and the output formats
(``_output``).

Exit status: 0 done; 1 ``audit`` found something to question; 2 the command line, an
input or the output file is wrong (every problem of the inputs is listed on stderr,
each located in the input's own terms, without a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence

from .._files import FileError, escape_json, escape_lines, write_output
from ._assess import (
    _assess_command,
)
from ._audit import (
    _audit_command,
)
from ._clauses import (
    _clauses_command,
)
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    PROGRESS_THRESHOLD,
    _FailureError,
    _Progress,
)
from ._compare import (
    _compare_command,
)
from ._example import (
    _example_command,
    _finance_command,
    _template_command,
)
from ._explain import (
    _explain_command,
)
from ._output import (
    _beside,
    _check_output_suffix,
    _check_xlsx,
    _deliver,
    _exit_status,
    _policy_csv,
    _silence_stdout,
    _with_policy_columns,
)
from ._parser import (
    build_parser,
)
from ._targets import (
    _targets_command,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "PROGRESS_THRESHOLD",
    "build_parser",
    "main",
]


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
