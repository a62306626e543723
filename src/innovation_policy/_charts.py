"""Edge: results as charts (matplotlib, the ``plot`` extra), each a
:class:`matplotlib.figure.Figure`.

- :func:`plot_money`: the maximum payable by the year it falls due (reading 10), stacked
  by kind (matching support, performance grant, case-by-case), in 万元;
- :func:`plot_targets`: for each target line, a burn-up of the platforms counted by
  date (reading 6) against the target and the pace line (target × elapsed share);
- :func:`plot_comparison`: baseline and alternative by year and by bureau;
- :func:`plot_forecast`: the district's committed, expected and ceiling by year (§2.2,
  §4.1–§4.3, §A, §6.3–§6.6; reading 10): committed as bars, expected stacked on it, and
  the ceiling (committed plus the most beyond it) as a line over them.

Figures are made with :class:`~matplotlib.figure.Figure` and drawn by the Agg canvas,
never through ``pyplot``: no global state, no window, safe in a server or a test.

Chinese labels need a font with CJK glyphs. :func:`cjk_font` looks for one through
matplotlib's font manager (Debian: ``fonts-noto-cjk``), checking that its character map
holds the glyphs; without one, a chart asked for in Chinese is drawn with English labels
and a one-line notice is written to standard error, so that no label is ever a row of
empty boxes. Amounts are drawn from their exact value in 万元 (a float is only a pixel
position here; every number shown as text elsewhere stays exact).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._errors import PolicyValueError
from ._labels import Bureau, Kind
from ._money import WAN
from ._vocabulary import CHARTS, check_lang, pick

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ._assess import Assessment
    from ._compare import Comparison
    from ._forecast import Forecast
    from ._targets import TargetLine, TargetReport

__all__ = [
    "CJK_SAMPLE",
    "chart_bytes",
    "chart_lang",
    "cjk_font",
    "plot_comparison",
    "plot_forecast",
    "plot_money",
    "plot_targets",
]

CJK_SAMPLE = "赣榆区重大产业创新平台目标进度配套绩效万元年度方案资金预测已承诺期上限含截至"
"""Characters a font must hold to draw the charts' Chinese labels."""

_FORMATS = ("png", "svg")
_LAST_RESORT = "Last Resort"


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed font that holds every character of
    :data:`CJK_SAMPLE`, or ``None``."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    # A font installed after matplotlib cached its list (apt-get install fonts-noto-cjk)
    # is not in it: the system's CJK font files are added first.
    for path in sorted(font_manager.findSystemFonts()):
        if "cjk" in path.lower() and path not in known and _holds_sample(path):
            manager.addfont(path)
    # "Last Resort" (shipped by matplotlib) maps every character to a box: never it.
    for entry in sorted(
        manager.ttflist, key=lambda f: ("CJK" not in f.name, " SC" not in f.name, f.name)
    ):
        if _LAST_RESORT not in entry.name and _holds_sample(entry.fname):
            return str(entry.name)
    return None


def _holds_sample(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError):  # a font file that cannot be opened
        return False
    return all(ord(char) in charmap for char in CJK_SAMPLE)


def chart_lang(lang: str) -> tuple[str, str | None]:
    """The language a chart can be drawn in, and the notice to show when Chinese was
    asked for and there is no CJK font (``None`` otherwise)."""
    lang = check_lang(lang)
    if lang == "zh" and cjk_font() is None:
        return "en", pick(CHARTS["no_cjk_font"], "en")
    return lang, None


@contextlib.contextmanager
def _fonts(lang: str) -> Iterator[None]:
    import matplotlib

    family = [cjk_font() or "DejaVu Sans", "DejaVu Sans"] if lang == "zh" else ["DejaVu Sans"]
    with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": lang != "zh"}):
        yield


def _resolve(lang: str) -> str:
    shown, notice = chart_lang(lang)
    if notice is not None:
        sys.stderr.write(f"innovation-policy: {notice}\n")
    return shown


def _w(code: str, lang: str) -> str:
    return pick(CHARTS[code], lang)


def _wan(amount: Decimal) -> float:
    return float(amount / WAN)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def chart_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure drawn as ``png`` or ``svg``."""
    if fmt not in _FORMATS:
        raise PolicyValueError(
            f"format: {fmt!r} is not a chart format; valid: png, svg", field="format"
        )
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    family = str(figure.get_label() or "en")
    with _fonts(family):
        figure.savefig(buffer, format=fmt, dpi=100)
    return buffer.getvalue()


def _kind_label(kind: Kind, lang: str) -> str:
    return kind.label(lang)


def plot_money(assessment: Assessment, lang: str = "zh") -> Figure:
    """The maximum payable by due year (reading 10), stacked by kind, in 万元."""
    lang = _resolve(lang)
    years = sorted(assessment.totals.by_due_year)
    stacks = {kind: dict.fromkeys(years, Decimal(0)) for kind in Kind}
    for item in assessment.items:
        stacks[item.kind][item.due.year] += item.amount
    with _fonts(lang):
        figure = _figure(8, 4.5)
        figure.set_label(lang)
        axes = figure.subplots()
        bottom = [0.0] * len(years)
        for kind in Kind:
            heights = [_wan(stacks[kind][y]) for y in years]
            axes.bar([str(y) for y in years], heights, bottom=bottom, label=_kind_label(kind, lang))
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_title(_w("money_title", lang))
        axes.set_xlabel(_w("due_year", lang))
        axes.set_ylabel(_w("wan_axis", lang))
        axes.legend()
    return figure


def _burn_up(axes: Any, line: TargetLine, lang: str) -> None:
    from matplotlib.ticker import MaxNLocator

    period = line.period
    end = min(line.as_of, period.end)
    days = sorted(c.first_major for c in line.counted if c.first_major is not None)
    xs: list[dt.date] = [period.start]
    ys = [0]
    for n, day in enumerate(days, 1):
        xs += [day, day]
        ys += [n - 1, n]
    if end >= period.start:
        xs.append(end)
        ys.append(len(days))
    axes.plot(xs, ys, drawstyle="default", label=_w("counted", lang))
    axes.plot(
        [period.start, period.end],
        [line.target, line.target],
        linestyle="--",
        label=_w("target", lang),
    )
    axes.plot([period.start, period.end], [0, line.target], linestyle=":", label=_w("pace", lang))
    if period.start <= line.as_of <= period.end:
        axes.axvline(line.as_of, color="grey", linewidth=0.8)
    axes.set_title(f"{line.label(lang)} {period.label}", fontsize=9)
    axes.set_xlabel(_w("date_axis", lang), fontsize=8)
    axes.set_ylabel(_w("count_axis", lang), fontsize=8)
    axes.tick_params(labelsize=7)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for label in axes.get_xticklabels():
        label.set_rotation(30)


def plot_targets(report: TargetReport, lang: str = "zh") -> Figure:
    """For each target line, the platforms counted by date against the target and the
    pace line (reading 6; §2.2, §4.1–§4.3, §A)."""
    lang = _resolve(lang)
    lines = report.lines
    columns = 4
    rows = -(-len(lines) // columns)
    with _fonts(lang):
        figure = _figure(4 * columns, 3 * rows)
        figure.set_label(lang)
        grid = figure.subplots(rows, columns, squeeze=False)
        cells = [axes for row in grid for axes in row]
        for axes, line in zip(cells, lines, strict=False):
            _burn_up(axes, line, lang)
        for axes in cells[len(lines) :]:
            axes.set_visible(False)
        cells[0].legend(fontsize=7)
        figure.suptitle(
            f"{_w('targets_title', lang)}（{_w('as_of', lang)} {report.as_of.isoformat()}）"
            if lang == "zh"
            else f"{_w('targets_title', lang)} (as of {report.as_of.isoformat()})"
        )
    return figure


def plot_comparison(comparison: Comparison, lang: str = "zh") -> Figure:
    """Baseline and alternative, by year and by bureau, in 万元."""
    lang = _resolve(lang)
    base, alt = comparison.baseline_totals, comparison.alternative_totals
    years = sorted(comparison.by_year)
    with _fonts(lang):
        figure = _figure(11, 4.5)
        figure.set_label(lang)
        by_year, by_bureau = figure.subplots(1, 2)
        for axes, keys, names, table, axis in (
            (by_year, years, [str(y) for y in years], "by_year", "year_axis"),
            (by_bureau, list(Bureau), [b.label(lang) for b in Bureau], "by_bureau", "bureau_axis"),
        ):
            positions = list(range(len(keys)))
            before = [_wan(getattr(base, table)[k]) for k in keys]
            after = [_wan(getattr(alt, table)[k]) for k in keys]
            axes.bar([p - 0.2 for p in positions], before, width=0.4, label=_w("baseline", lang))
            axes.bar([p + 0.2 for p in positions], after, width=0.4, label=_w("alternative", lang))
            axes.set_xticks(positions, names)
            axes.set_title(_w(table, lang))
            axes.set_xlabel(_w(axis, lang))
            axes.set_ylabel(_w("wan_axis", lang))
            axes.legend()
        figure.suptitle(_w("comparison_title", lang))
    return figure


def plot_forecast(forecast: Forecast, lang: str = "zh") -> Figure:
    """The district's committed, expected and ceiling by year, in 万元: committed as
    bars, expected stacked on them, the ceiling (committed + ceiling, the most the
    district could owe) as a line (§2.2, §4.1–§4.3, §A, §6.3–§6.6; reading 10)."""
    lang = _resolve(lang)
    years = [str(f.year) for f in forecast.years]
    committed = [_wan(f.committed) for f in forecast.years]
    expected = [_wan(f.expected) for f in forecast.years]
    ceiling = [_wan(f.committed + f.ceiling) for f in forecast.years]
    with _fonts(lang):
        figure = _figure(8, 4.5)
        figure.set_label(lang)
        axes = figure.subplots()
        positions = list(range(len(years)))
        axes.bar(positions, committed, label=_w("committed", lang))
        axes.bar(positions, expected, bottom=committed, label=_w("expected", lang))
        axes.plot(positions, ceiling, marker="o", color="black", label=_w("ceiling", lang))
        axes.set_xticks(positions, years)
        as_of = forecast.as_of.isoformat()
        axes.set_title(
            f"{_w('forecast_title', lang)}（{_w('as_of', lang)} {as_of}）"
            if lang == "zh"
            else f"{_w('forecast_title', lang)} (as of {as_of})"
        )
        axes.set_xlabel(_w("year_axis", lang))
        axes.set_ylabel(_w("wan_axis", lang))
        axes.legend()
    return figure
