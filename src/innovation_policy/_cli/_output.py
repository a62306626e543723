"""The output formats: where the output goes (atomically, never over what is not a
regular file), its suffix checked against ``--format``, the policy in CSV output, the
workbooks and the charts.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .._errors import PolicyError
from .._files import FileError, write_output
from .._policy import Policy
from .._policy_io import PolicyTimeline
from .._provenance import policy_block, policy_rows
from .._readers import XLSX_HINT
from ._common import (
    _XLSX_COMMANDS,
    EXIT_OK,
    EXIT_USAGE,
    _csv_text,
    _FailureError,
    _pick,
    _w,
)

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

        from .._charts import chart_bytes
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
