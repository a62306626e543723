"""Results in Jupyter (issue 13): ``_repr_html_`` tables with clause ids, everything from
a register escaped, read back with :mod:`html.parser`; a short ``repr``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
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


@pytest.mark.clause("§6.2", "§6.3", "§6.4", "§6.6", "§4.1", "§4.2", "§4.3")
def test_the_html_of_a_budget_lists_what_is_owed_with_clauses() -> None:
    result = ip.budget(ip.example_register(), as_of=dt.date(2023, 6, 30))
    tables = _parse(result._repr_html_())
    assert tables.tags.count("table") == 2
    assert tables.captions[0] == (
        "应拨付清单：截至日 2023-06-30，17 个事项，4 条审计发现；"
        "未付 35,653,456.78（3565.3457万元）"
    )
    assert tables.headers[0] == [
        "平台编号",
        "事项",
        "类型",
        "应付日期",
        "最高可支付（元）",
        "已付（元）",
        "未付（元）",
        "状态",
        "条款",
    ]
    first = result.items[0]
    assert tables.rows[1] == [
        first.platform,
        first.item,
        first.kind.label("zh"),
        first.due.isoformat(),
        ip.format_yuan(first.payable),
        ip.format_yuan(first.paid),
        ip.format_yuan(first.outstanding),
        first.status.label("zh"),
        " ".join(first.clauses),
    ]
    assert tables.captions[1] == "按到期年度"
    assert tables.headers[1] == ["年度", "未付（元）", "万元"]
    years = tables.rows[-len(result.totals.by_due_year) :]
    assert [r[0] for r in years] == [str(y) for y in result.totals.by_due_year]


@pytest.mark.clause("§2.2", "§4.1", "§4.2", "§4.3", "§A")
def test_the_html_of_a_forecast_shows_the_district_and_each_line_with_clauses() -> None:
    result = ip.forecast(ip.example_register(), as_of=dt.date(2023, 6, 30))
    tables = _parse(result._repr_html_())
    assert tables.tags.count("table") == 2
    assert tables.captions[0] == (
        f"资金预测：截至日 2023-06-30；情景 default（指纹 {result.fingerprint[:12]}）"
    )
    assert tables.headers[0] == ["年度", "已承诺（元）", "预期（元）", "上限（元）"]
    first = result.years[0]
    assert tables.rows[1] == [
        str(first.year),
        ip.format_yuan(first.committed),
        ip.format_yuan(first.expected),
        ip.format_yuan(first.ceiling),
    ]
    assert tables.captions[1] == "分线预测"
    assert tables.headers[1][-2:] == ["需新建", "条款"]
    lines = tables.rows[-len(result.lines) :]
    assert [r[-1] for r in lines] == [" ".join(line.clauses) for line in result.lines]
    assert lines[-1][0] == "不限部门（园区、全区目标）"
    reform = result.line(ip.Bureau.DEVELOPMENT_AND_REFORM)
    row = lines[list(ip.Bureau).index(ip.Bureau.DEVELOPMENT_AND_REFORM)]
    assert row[0] == ip.Bureau.DEVELOPMENT_AND_REFORM.label("zh")
    assert row[2] == ip.format_yuan(sum((f.expected for f in reform.years), Decimal(0)))
    assert row[4] == str(reform.new_platforms)


def test_a_scenario_name_with_markup_is_shown_never_run() -> None:
    result = ip.forecast(
        ip.example_register(),
        as_of=dt.date(2023, 6, 30),
        scenario=ip.Scenario(name="<script>x</script>"),
    )
    tables = _parse(result._repr_html_())
    assert "script" not in tables.tags
    assert "<script>x</script>" in tables.captions[0]
