"""``innovation-policy example`` and ``template``: the example register and the workbook to fill in; the budget and forecast commands' entry."""

from __future__ import annotations

import argparse

from .._json import (
    example_register,
    example_register_json,
)
from ._common import (
    EXIT_OK,
    _json_text,
    _Progress,
)
from ._output import (
    _xlsx,
)


def _example_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    del progress
    if args.format == "xlsx":
        return _template_command(args, None)
    return _json_text(example_register_json()), EXIT_OK


def _finance_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    from ._finance import run

    return run(args, progress)


def _template_command(args: argparse.Namespace, progress: _Progress | None) -> tuple[bytes, int]:
    del progress
    from .._template import template_bytes

    register = example_register() if getattr(args, "example", True) else None
    return _xlsx(lambda: template_bytes(register)), EXIT_OK
