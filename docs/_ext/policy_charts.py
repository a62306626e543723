"""Sphinx extension: the charts of the example register, drawn at build time.

At ``builder-inited`` it draws :func:`~innovation_policy.plot_money`,
:func:`~innovation_policy.plot_targets`, :func:`~innovation_policy.plot_comparison` and
:func:`~innovation_policy.plot_forecast` for the shipped example register (in English:
the build machine may have no CJK font) into ``docs/_generated/charts/`` (not
versioned), which the money, targets, reforms and finance pages show with an ``{image}`` directive. No image is committed: each build draws them
from the library as it is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

import innovation_policy as ip
from innovation_policy._charts import chart_bytes

__all__ = ["CHARTS_AS_OF", "FORECAST_AS_OF", "draw_charts", "setup"]

CHARTS_AS_OF = dt.date(2024, 6, 30)
"""The date of the targets chart: the middle of the plan."""

FORECAST_AS_OF = dt.date(2023, 6, 30)
"""The date of the forecast chart: the finance page's worked example."""


def draw_charts(folder: Path) -> list[Path]:
    """Draw the four charts of the example register into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    register = ip.example_register()
    (comparison,) = ip.compare_policies(
        register, ip.GANYU_2021, ip.Policy(upgrade_reading=ip.UpgradeReading.EACH_APPROVAL)
    )
    figures = {
        "money.png": ip.plot_money(ip.assess(register), lang="en"),
        "targets.png": ip.plot_targets(ip.target_progress(register, as_of=CHARTS_AS_OF), lang="en"),
        "comparison.png": ip.plot_comparison(comparison, lang="en"),
        "forecast.png": ip.plot_forecast(ip.forecast(register, as_of=FORECAST_AS_OF), lang="en"),
    }
    written = []
    for name, figure in figures.items():
        path = folder / name
        data = chart_bytes(figure, "png")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


def _builder_inited(app: Sphinx) -> None:
    draw_charts(Path(app.srcdir) / "_generated" / "charts")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the build hook."""
    app.connect("builder-inited", _builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
