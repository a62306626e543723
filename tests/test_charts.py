"""Charts (issue 13): money by due year, the targets' burn-up, a comparison; rendered to
PNG and SVG, their labels read back from the figure; Chinese labels only with a font
that holds their glyphs, checked through matplotlib, never by eye."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

import innovation_policy as ip
from innovation_policy import _charts
from innovation_policy._charts import chart_bytes, chart_lang, cjk_font
from innovation_policy._cli import main

Run = Callable[..., tuple[int, str, str]]
PNG = b"\x89PNG\r\n\x1a\n"
MID_PLAN = dt.date(2024, 6, 30)

needs_cjk = pytest.mark.skipif(cjk_font() is None, reason="no CJK font (fonts-noto-cjk)")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


@pytest.fixture
def no_cjk(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without a CJK font."""
    monkeypatch.setattr(_charts, "cjk_font", lambda: None)


def _texts(figure: Figure) -> Iterator[Text]:
    """Every piece of text the figure draws (titles, labels, ticks, legends)."""
    chart_bytes(figure, "png")  # tick labels are made when the figure is drawn
    for text in figure.findobj(Text):
        if text.get_visible() and text.get_text():
            yield text


def _missing_glyphs(figure: Figure) -> set[str]:
    """The characters of the figure's text that the font matplotlib draws them with
    does not hold: each would be an empty box."""
    missing = set()
    for text in _texts(figure):
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        charmap = FT2Font(path).get_charmap()
        missing |= {c for c in text.get_text() if not c.isspace() and ord(c) not in charmap}
    return missing


def _comparison() -> ip.Comparison:
    (comparison,) = ip.compare_policies(
        ip.example_register(),
        ip.GANYU_2021,
        ip.Policy(upgrade_reading=ip.UpgradeReading.EACH_APPROVAL),
    )
    return comparison


def _report() -> ip.TargetReport:
    return ip.target_progress(ip.example_register(), as_of=MID_PLAN)


def _forecast() -> ip.Forecast:
    return ip.forecast(ip.example_register(), as_of=dt.date(2023, 6, 30))


# ---------------------------------------------------------------------------------------
# Each kind of chart


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.2")
def test_money_by_due_year_is_stacked_by_kind_with_its_axes_labelled() -> None:
    a = ip.assess(ip.example_register())
    figure = ip.plot_money(a, lang="en")
    assert isinstance(figure, Figure)
    axes: Any = figure.axes[0]
    assert len(figure.axes) == 1
    assert axes.get_xlabel() == "due year"
    assert axes.get_ylabel() == "10,000 yuan"
    assert [t.get_text() for t in axes.get_legend().get_texts()] == [
        "matching support",
        "performance grant",
        "case-by-case",
    ]
    heights: dict[str, float] = {}
    for patch, label in zip(
        axes.patches, [t.get_text() for t in axes.get_xticklabels()] * 3, strict=True
    ):
        heights[label] = heights.get(label, 0.0) + patch.get_height()
    for year, amount in a.totals.by_due_year.items():
        assert heights[str(year)] == pytest.approx(float(amount / 10000))
    data = chart_bytes(figure, "png")
    assert data.startswith(PNG)
    assert len(data) > 5000


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A.T")
def test_the_targets_chart_has_a_burn_up_per_line_against_target_and_pace() -> None:
    report = _report()
    figure = ip.plot_targets(report, lang="en")
    shown = [axes for axes in figure.axes if axes.get_visible()]
    assert len(shown) == len(report.lines)
    district: Any = shown[0]
    assert district.get_title() == "district 2021-2025"
    assert district.get_xlabel() == "date"
    assert district.get_ylabel() == "platforms"
    counted, target, pace = district.get_lines()[:3]
    assert max(counted.get_ydata()) == report.district.achieved
    assert list(target.get_ydata()) == [report.district.target] * 2
    assert list(pace.get_ydata()) == [0, report.district.target]
    assert chart_bytes(figure, "svg").lstrip().startswith(b"<?xml")


def test_a_line_whose_period_has_not_begun_is_drawn_flat() -> None:
    report = ip.target_progress(ip.example_register(), as_of=dt.date(2020, 6, 30))
    figure = ip.plot_targets(report, lang="en")
    counted: Any = figure.axes[0].get_lines()[0]
    assert list(counted.get_ydata()) == [0]


@pytest.mark.clause("§6.4", "§6.7")
def test_the_comparison_chart_shows_both_sides_by_year_and_bureau() -> None:
    comparison = _comparison()
    figure = ip.plot_comparison(comparison, lang="en")
    by_year: Any = figure.axes[0]
    by_bureau: Any = figure.axes[1]
    assert (by_year.get_xlabel(), by_year.get_ylabel()) == ("year", "10,000 yuan")
    assert by_bureau.get_xlabel() == "bureau"
    assert [t.get_text() for t in by_bureau.get_xticklabels()] == [b.en for b in ip.Bureau]
    bars = by_bureau.patches
    bureaus = list(ip.Bureau)
    for n, bureau in enumerate(bureaus):
        assert bars[n].get_height() == pytest.approx(
            float(comparison.baseline_totals.by_bureau[bureau] / 10000)
        )
        assert bars[len(bureaus) + n].get_height() == pytest.approx(
            float(comparison.alternative_totals.by_bureau[bureau] / 10000)
        )


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A", "§6.3", "§6.4", "§6.6")
def test_the_forecast_chart_shows_committed_expected_and_ceiling_by_year() -> None:
    result = _forecast()
    figure = ip.plot_forecast(result, lang="en")
    assert len(figure.axes) == 1
    axes: Any = figure.axes[0]
    assert axes.get_title() == "The plan's cost: committed, expected, ceiling (as of 2023-06-30)"
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("year", "10,000 yuan")
    assert [t.get_text() for t in axes.get_legend().get_texts()] == [
        "ceiling (with committed)",
        "committed",
        "expected",
    ]
    years = [str(f.year) for f in result.years]
    assert [t.get_text() for t in axes.get_xticklabels()] == years
    committed, expected = axes.patches[: len(years)], axes.patches[len(years) :]
    for figures, low, high in zip(result.years, committed, expected, strict=True):
        assert low.get_height() == pytest.approx(float(figures.committed / 10000))
        assert high.get_y() == pytest.approx(low.get_height())
        assert high.get_height() == pytest.approx(float(figures.expected / 10000))
    (ceiling,) = axes.get_lines()
    assert list(ceiling.get_ydata()) == pytest.approx(
        [float((f.committed + f.ceiling) / 10000) for f in result.years]
    )
    data = chart_bytes(figure, "png")
    assert data.startswith(PNG)
    assert len(data) > 5000


def test_a_chart_format_other_than_png_or_svg_is_refused() -> None:
    with pytest.raises(ip.PolicyValueError, match="png, svg"):
        chart_bytes(ip.plot_money(ip.assess(ip.example_register()), "en"), "pdf")


# ---------------------------------------------------------------------------------------
# Chinese labels and fonts


@needs_cjk
@pytest.mark.parametrize(
    "draw",
    [
        lambda: ip.plot_money(ip.assess(ip.example_register())),
        lambda: ip.plot_targets(_report()),
        lambda: ip.plot_comparison(_comparison()),
        lambda: ip.plot_forecast(_forecast()),
    ],
    ids=["money", "targets", "comparison", "forecast"],
)
def test_with_a_cjk_font_the_labels_are_chinese_and_every_glyph_is_there(
    draw: Callable[[], Figure], capsys: pytest.CaptureFixture[str]
) -> None:
    figure = draw()  # a missing glyph would also be a warning, an error under pytest
    assert _missing_glyphs(figure) == set()
    assert any("\u4e00" <= c <= "\u9fff" for t in _texts(figure) for c in t.get_text())
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("no_cjk")
@pytest.mark.parametrize(
    "draw",
    [
        lambda: ip.plot_money(ip.assess(ip.example_register())),
        lambda: ip.plot_targets(_report()),
        lambda: ip.plot_comparison(_comparison()),
        lambda: ip.plot_forecast(_forecast()),
    ],
    ids=["money", "targets", "comparison", "forecast"],
)
def test_without_a_cjk_font_the_labels_are_english_with_a_notice(
    draw: Callable[[], Figure], capsys: pytest.CaptureFixture[str]
) -> None:
    figure = draw()
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no CJK font found" in err
    texts = [t.get_text() for t in _texts(figure)]
    assert texts
    assert not any("\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for t in texts for c in t)
    assert _missing_glyphs(figure) == set()


def test_with_the_default_font_chinese_would_be_boxes_which_the_check_sees() -> None:
    """The check itself: DejaVu Sans has no CJK glyphs, and _missing_glyphs says so."""
    figure = Figure()
    figure.text(0.5, 0.5, "万元", family="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        missing = _missing_glyphs(figure)
    assert missing == {"万", "元"}


def test_chart_lang_falls_back_to_english_only_without_a_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert chart_lang("en") == ("en", None)
    monkeypatch.setattr(_charts, "cjk_font", lambda: "Some CJK")
    assert chart_lang("zh") == ("zh", None)
    monkeypatch.setattr(_charts, "cjk_font", lambda: None)
    assert chart_lang("zh")[0] == "en"
    with pytest.raises(ip.PolicyValueError, match="lang"):
        chart_lang("fr")


class _Entry:
    def __init__(self, fname: str, name: str) -> None:
        self.fname, self.name = fname, name


def test_the_font_search_adds_a_system_cjk_font_and_skips_last_resort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A CJK font installed after matplotlib cached its font list is found; a font that
    maps every character to a box (Last Resort) is never taken."""
    manager: Any = font_manager.fontManager
    added: list[str] = []
    entries = [
        _Entry("/f/LastResort.ttf", "Last Resort High-Efficiency"),
        _Entry("/f/Dv.ttf", "DejaVu"),
    ]
    monkeypatch.setattr(manager, "ttflist", entries)

    def addfont(path: str) -> None:
        added.append(path)
        entries.append(_Entry(path, "Fake CJK SC"))

    monkeypatch.setattr(manager, "addfont", addfont)
    monkeypatch.setattr(
        font_manager, "findSystemFonts", lambda: ["/f/NotoSansCJK.ttc", "/f/Other.ttf", "/f/Dv.ttf"]
    )
    monkeypatch.setattr(
        _charts, "_holds_sample", lambda path: "CJK" in path or "LastResort" in path
    )
    cjk_font.cache_clear()
    try:
        assert cjk_font() == "Fake CJK SC"
        assert added == ["/f/NotoSansCJK.ttc"]
        cjk_font.cache_clear()
        monkeypatch.setattr(font_manager, "findSystemFonts", list)
        entries.pop()
        assert cjk_font() is None
    finally:
        cjk_font.cache_clear()


def test_a_font_file_that_cannot_be_opened_holds_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert not _charts._holds_sample(str(broken))
    assert not _charts._holds_sample(str(tmp_path / "absent.ttf"))


# ---------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["assess", "--example"], "money.png"),
        (["targets", "--example", "--as-of", "2024-06-30"], "targets.svg"),
        (["compare", "--example", "--reading", "upgrade=each_approval"], "compare.png"),
        (["forecast", "--example", "--as-of", "2023-06-30"], "forecast.png"),
        (["forecast", "--example", "--as-of", "2023-06-30"], "forecast.svg"),
    ],
)
def test_chart_writes_the_chart_beside_the_output(
    run: Run, tmp_path: Path, argv: list[str], name: str
) -> None:
    path = tmp_path / name
    status, out, _ = run(*argv, "--lang", "en", "--chart", path)
    assert status == 0
    assert out  # the usual output still goes to stdout
    data = path.read_bytes()
    assert data.startswith(PNG) if name.endswith(".png") else b"<svg" in data


@pytest.mark.usefixtures("no_cjk")
def test_without_a_cjk_font_the_command_line_says_so_once(run: Run, tmp_path: Path) -> None:
    status, _, err = run("assess", "--example", "--chart", tmp_path / "m.png")
    assert status == 0
    assert err.count("no CJK font found") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess", "--example", "--chart", "m.pdf"], "ending in .png or .svg"),
        (["compare", "--example", "--readings", "--chart", "s.png"], "has no chart"),
    ],
)
def test_a_chart_that_cannot_be_drawn_is_an_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(*argv)
    assert status == 2
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_a_chart_into_a_directory_is_refused(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "charts.png"
    target.mkdir()
    status, _, err = run("assess", "--example", "--lang", "en", "--chart", target)
    assert status == 2
    assert f"--chart {target}" in err


def test_without_matplotlib_a_chart_gets_the_install_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    status, _, err = run("assess", "--example", "--chart", tmp_path / "m.png")
    assert status == 2
    assert "pip install 'innovation-policy[plot]'" in err
