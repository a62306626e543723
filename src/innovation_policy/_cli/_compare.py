"""``innovation-policy compare``: a reform minus its baseline, or the readings sweep."""

from __future__ import annotations

import argparse

from .._assess import assess
from .._errors import InputError, Problem, ProblemCode
from .._policy import GANYU_2021
from .._policy_files import load_policy
from .._policy_io import PolicyTimeline
from ._common import (
    EXIT_OK,
    _FailureError,
    _inputs,
    _json_text,
    _plot,
    _Progress,
)
from ._output import (
    _chart,
    _xlsx,
)


def _compare_command(args: argparse.Namespace, progress: _Progress) -> tuple[str | bytes, int]:
    from .._compare import compare, compare_readings
    from .._compare_text import (
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
            from .._xlsx_out import sweep_sheets, workbook_bytes

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
        from .._xlsx_out import comparison_sheets, workbook_bytes

        return _xlsx(lambda: workbook_bytes(comparison_sheets(comparison, lang), lang)), EXIT_OK
    if args.format == "csv":
        return comparison_csv(comparison, lang), EXIT_OK
    return comparison_text(comparison, lang), EXIT_OK
