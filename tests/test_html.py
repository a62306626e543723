"""Results in Jupyter (issue 13): ``_repr_html_`` tables with clause ids, everything from
a register escaped, read back with :mod:`html.parser`; a short ``repr``."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

import innovation_policy as ip
from innovation_policy import _html


class _Tables(HTMLParser):
    """The tables of an HTML fragment: captions, header cells and rows of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.captions: list[str] = []
        self.headers: list[list[str]] = []
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._text: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.headers.append([])
        elif tag == "tr":
            self.rows.append([])
        if tag in ("caption", "th", "td"):
            self._text = ""

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        text, self._text = self._text, None
        if tag == "caption":
            self.captions.append(text or "")
        elif tag == "th":
            self.headers[-1].append(text or "")
            self.rows[-1].append(text or "")
        elif tag == "td":
            self.rows[-1].append(text or "")


def _parse(fragment: str) -> _Tables:
    parser = _Tables()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.clause("§6.3", "§6.4", "§6.6")
def test_the_html_of_an_assessment_is_a_table_of_items_with_clauses() -> None:
    a = ip.assess(ip.example_register())
    tables = _parse(a._repr_html_())
    assert tables.tags.count("table") == 2
    assert tables.captions[0].startswith("评估：20 个平台，41 个事项，2 条提示")
    assert "53,353,456.78（5335.3457万元）" in tables.captions[0]
    assert tables.headers[0][-1] == "条款"
    rows = [r for r in tables.rows if r and r[0] in {i.item for i in a.items}]
    first = next(r for r in rows if r[0] == a.items[0].item)
    assert first[-1] == " ".join(a.items[0].clauses)
    assert tables.captions[1] == "按年度"


def test_a_name_or_id_with_markup_is_shown_never_run() -> None:
    example = ip.example_register()
    p = example.platforms[0]
    named = ip.Platform(
        id="<b>P</b>", name="<script>x</script>", category=p.category, industry=p.industry
    )
    approval = ip.Approval(
        platform="<b>P</b>",
        level=ip.Level.PROVINCIAL,
        date=dt.date(2022, 3, 1),
        superior_funding=ip.money(1000000),
        id="<i>A</i>",
    )
    a = ip.assess(ip.Register(platforms=(named,), approvals=(approval,)))
    fragment = a._repr_html_()
    tables = _parse(fragment)
    assert "script" not in tables.tags
    assert "i" not in tables.tags
    assert tables.rows[1][:2] == ["<i>A</i>", "<b>P</b>"]


def test_a_long_table_says_how_many_rows_it_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_html, "MAX_ROWS", 5)
    tables = _parse(ip.assess(ip.example_register())._repr_html_())
    assert ["另有 36 项未列出"] in tables.rows


def test_the_repr_of_an_assessment_is_short() -> None:
    a = ip.assess(ip.example_register())
    text = repr(a)
    assert text == (
        "Assessment(20 platforms, 41 items, 2 warnings, district=53353456.78, "
        "formula=51353456.78, policy='GANYU_2021')"
    )
    assert len(text) < 200


@pytest.mark.clause("§6.4")
def test_the_html_of_an_award_lists_its_steps_with_clauses() -> None:
    award = ip.assess(ip.example_register()).items[1].award
    assert award is not None
    tables = _parse(award._repr_html_())
    assert tables.captions[0].startswith("单项奖补：")
    assert tables.headers[0] == ["步骤", "说明", "条款", "结果（元）"]
    assert len(tables.rows) == len(award.steps) + 1
    assert tables.rows[1][2] == " ".join(award.steps[0].clauses)


@pytest.mark.clause("§6.7")
def test_the_html_of_a_finding_explains_it() -> None:
    finding = ip.audit(ip.example_register())[0]
    tables = _parse(finding._repr_html_())
    assert finding.explain() in tables.captions[0]
    assert tables.rows[1][4] == finding.code.label("zh")


@pytest.mark.clause("§2.2")
def test_the_html_of_a_target_report_shows_pace_as_percentages() -> None:
    report = ip.target_progress(ip.example_register(), as_of=dt.date(2023, 6, 30))
    tables = _parse(report._repr_html_())
    assert tables.captions[0] == "目标完成情况：截至日 2023-06-30"
    assert tables.rows[1][:8] == ["全区", "2021-2025", "10", "10", "0", "已完成", "49.8%", "100.0%"]


@pytest.mark.clause("§6.4", "§6.7")
def test_the_html_of_a_comparison_lists_the_changed_items() -> None:
    (comparison,) = ip.compare_policies(
        ip.example_register(),
        ip.GANYU_2021,
        ip.Policy(upgrade_reading=ip.UpgradeReading.EACH_APPROVAL),
    )
    tables = _parse(comparison._repr_html_())
    assert tables.captions[0].startswith("政策比较：差额（元）")
    assert len(tables.rows) == len(comparison.changed) + 1
