"""Sphinx extension: the library's documents as HTML tables, made when the page is read.

``policy-table`` runs the library on a register (the example register unless
``:register:`` names a file, relative to the project root) and shows one of the
documents it writes as a table, so a page never carries a monospace copy whose columns
drift under Chinese names, and never disagrees with the library::

    ```{policy-table} awards
    :platform: P01
    ```

What (the argument):

- ``awards``: the items of the assessment (``Assessment.to_dict()["awards"]``), with
  their clauses, eligibility and maximum payable; ``:platform:`` keeps one platform's;
- ``steps``: the steps of one item (``:item: A02``), each sentence with its clauses and
  the amount after it (``Item.steps``), in the language of ``:lang:`` (default ``zh``);
- ``totals``: the totals of the assessment, by kind and by year;
- ``targets``: the lines of the target report (``TargetReport.to_dict()["lines"]``) as
  of ``:as-of:`` (required: a date, or the page would change every day);
- ``targets-by-year``: the new platforms counted in each year, from the same document;
- ``targets-not-counted``: the platforms not counted, and why;
- ``target-checks``: whether the policy's own targets agree;
- ``findings``: the audit of the payments (``findings_to_dict()``).

Clause ids in the cells become links (``clause_links``). The headers are this module's
wording (:data:`HEADERS`), in English and Chinese.

``walkthrough`` follows one printed amount to its sentence: the row the assessment
prints for an item, its steps in both languages, then for every clause that decided it
the original text, the public functions that implement it (each with its API entry and
its source), and the tests that check it (each a link to its source lines).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

import innovation_policy as ip

sys.path.insert(0, str(Path(__file__).parent))
import traceability
from policy_docs import api_target, clause_label, test_label

__all__ = ["HEADERS", "setup"]

logger = logging.getLogger(__name__)

#: The column headers of each table, English and Chinese.
HEADERS: dict[str, tuple[tuple[str, str], ...]] = {
    "awards": (
        ("item", "事项"),
        ("platform", "平台"),
        ("kind", "类型"),
        ("level", "级别"),
        ("year", "年度"),
        ("date", "日期"),
        ("eligible", "符合条件"),
        ("maximum payable (yuan)", "最高可支付额（元）"),
        ("clauses", "条款"),
    ),
    "steps": (
        ("step", "步骤"),
        ("what the library did", "计算说明"),
        ("clauses", "条款"),
        ("amount after it (yuan)", "本步后金额（元）"),
    ),
    "totals": (("total", "合计"), ("yuan", "元")),
    "targets": (
        ("line", "指标"),
        ("period", "期间"),
        ("target", "目标"),
        ("achieved", "完成"),
        ("remaining", "尚差"),
        ("pace", "进度"),
        ("time elapsed", "时间进度"),
        ("achieved share", "完成率"),
        ("clauses", "条款"),
        ("platforms counted", "计入平台"),
    ),
    "targets-by-year": (("new platforms counted (reading 6)", "按年度新计入（解读6）"),),
    "targets-not-counted": (
        ("platform", "平台"),
        ("why not counted (reading 6)", "未计入原因（解读6）"),
        ("first major", "首次成为重大平台"),
        ("by", "依据"),
        ("level", "级别"),
    ),
    "target-checks": (("agrees", "一致"), ("check", "检查")),
    "findings": (
        ("payment", "付款"),
        ("finding", "结论"),
        ("platform", "平台"),
        ("item", "事项"),
        ("amount (yuan)", "金额（元）"),
        ("maximum payable (yuan)", "最高可支付额（元）"),
        ("paid before (yuan)", "此前已付（元）"),
        ("clauses", "条款"),
        ("explanation", "说明"),
    ),
}

#: Words of the cells that are codes in the documents.
WORDS: dict[str, tuple[str, str]] = {
    "true": ("yes", "是"),
    "false": ("no", "否"),
    "matching": ("matching support", "配套支持"),
    "performance": ("performance grant", "绩效补助"),
    "case": ("case by case", "一事一议"),
    "district": ("district", "全区"),
    "formula": ("by formula", "按公式"),
    "annex": ("annex total", "附件合计"),
    "outside_parks": ("outside the parks", "园区外"),
    "total": ("total", "合计"),
}


def _word(code: object, lang: str) -> str:
    key = str(code).lower()
    if key in WORDS:
        return WORDS[key][lang == "zh"]
    return str(code)


def _yuan(text: str) -> str:
    return ip.format_yuan(Decimal(text))


def _cell(content: str | nodes.Node, align: str = "") -> nodes.entry:
    entry = nodes.entry(classes=[f"align-{align}"] if align else [])
    paragraph = nodes.paragraph()
    paragraph += content if isinstance(content, nodes.Node) else nodes.Text(content)
    entry += paragraph
    return entry


def build_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | nodes.Node]],
    aligns: str = "",
    classes: Sequence[str] = (),
) -> nodes.table:
    """A docutils table: ``aligns`` has one letter a column, ``l`` or ``r``."""
    table = nodes.table(classes=["policy-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for n, header in enumerate(headers):
        row += _cell(header, "right" if aligns[n : n + 1] == "r" else "")
    head += row
    group += head
    body = nodes.tbody()
    for values in rows:
        row = nodes.row()
        for n, value in enumerate(values):
            row += _cell(value, "right" if aligns[n : n + 1] == "r" else "")
        body += row
    group += body
    return table


class PolicyTableDirective(SphinxDirective):
    """``policy-table``: a document of the library, computed now, as a table."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "register": directives.unchanged,
        "platform": directives.unchanged,
        "item": directives.unchanged,
        "as-of": directives.unchanged,
        "lang": lambda value: directives.choice(value, ("zh", "en")),
    }

    def run(self) -> list[nodes.Node]:
        what = self.arguments[0]
        makers: dict[str, Callable[[ip.Register, str], list[nodes.Node]]] = {
            "awards": self._awards,
            "steps": self._steps,
            "totals": self._totals,
            "targets": self._targets,
            "targets-by-year": self._targets_by_year,
            "targets-not-counted": self._not_counted,
            "target-checks": self._checks,
            "findings": self._findings,
        }
        if what not in makers:
            return self._fail(f"policy-table: {what!r} is not one of {', '.join(makers)}")
        register = self._register()
        if register is None:
            return []
        return makers[what](register, self.options.get("lang", "zh"))

    def _fail(self, message: str) -> list[nodes.Node]:
        logger.warning(
            message, location=self.get_location(), type="policy_tables", subtype="directive"
        )
        return []

    def _register(self) -> ip.Register | None:
        name = self.options.get("register", "example")
        if name == "example":
            return ip.example_register()
        path = (Path(self.env.app.confdir) / self.config.cli_docs_cwd).resolve() / name
        try:
            return ip.read_register(path)
        except ip.PolicyError as error:
            self._fail(f"policy-table: cannot read the register {name}: {error}")
            return None

    def _headers(self, what: str, lang: str) -> list[str]:
        return [pair[lang == "zh"] for pair in HEADERS[what]]

    def _as_of(self) -> dt.date | None:
        text = self.options.get("as-of")
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def _report(self, register: ip.Register) -> ip.TargetReport | None:
        as_of = self._as_of()
        if as_of is None:
            self._fail("policy-table: a target table needs :as-of: YYYY-MM-DD")
            return None
        return ip.target_progress(register, as_of=as_of)

    # -- the tables ----------------------------------------------------------------------

    def _awards(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        awards = ip.assess(register).to_dict(lang)["awards"]
        platform = self.options.get("platform")
        rows = [
            [
                a["item"],
                a["platform"],
                _word(a["kind"], lang),
                a.get("level") or "–",
                str(a.get("year") or "–"),
                a.get("date") or "–",
                _word(a["eligible"], lang),
                _yuan(a["amount"]),
                " ".join(a["clauses"]),
            ]
            for a in awards
            if platform is None or a["platform"] == platform
        ]
        if not rows:
            return self._fail(f"policy-table: no item of platform {platform!r}")
        return [build_table(self._headers("awards", lang), rows, "llllllllrl")]

    def _steps(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        item_id = self.options.get("item", "")
        try:
            item = ip.assess(register).item(item_id)
        except (KeyError, LookupError, ip.PolicyError):
            return self._fail(f"policy-table: the assessment has no item {item_id!r}")
        return [steps_table(item, lang)]

    def _totals(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        totals = ip.assess(register).to_dict(lang)["totals"]
        rows: list[list[str | nodes.Node]] = [
            [_word("district", lang), _yuan(totals["district"])],
            [_word("formula", lang), _yuan(totals["formula"])],
        ]
        rows += [[_word(k, lang), _yuan(v)] for k, v in totals["by_kind"].items()]
        rows += [[str(year), _yuan(v)] for year, v in totals["by_year"].items()]
        return [build_table(self._headers("totals", lang), rows, "lr")]

    def _targets(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        report = self._report(register)
        if report is None:
            return []
        statuses = {s.value: s.label(lang) for s in ip.PaceStatus}
        rows = [
            [
                line["key"] or _word(line["scope"], lang),
                line["period"],
                str(line["target"]),
                str(line["achieved"]),
                str(line["remaining"]),
                statuses[line["pace"]["status"]],
                line["pace"]["elapsed"],
                line["pace"]["achieved_share"],
                " ".join(line["clauses"]),
                ("、" if lang == "zh" else ", ").join(line["platforms"]) or "–",
            ]
            for line in report.to_dict(lang)["lines"]
        ]
        return [build_table(self._headers("targets", lang), rows, "llrrrlrrll")]

    def _targets_by_year(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        report = self._report(register)
        if report is None:
            return []
        years = report.to_dict(lang)["by_year"]
        scopes: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = [
            (_word("district", lang), lambda y: y["district"])
        ]
        first = years[0]
        scopes += [(p, lambda y, p=p: y["parks"][p]) for p in first["parks"]]
        scopes.append((_word("outside_parks", lang), lambda y: y["outside_parks"]))
        scopes += [(b, lambda y, b=b: y["bureaus"][b]) for b in first["bureaus"]]
        headers = [*self._headers("targets-by-year", lang)]
        headers += [str(y["year"]) for y in years] + [_word("total", lang)]
        rows = [
            [name, *(str(get(y)["count"]) for y in years), str(sum(get(y)["count"] for y in years))]
            for name, get in scopes
        ]
        return [build_table(headers, rows, "l" + "r" * (len(years) + 1))]

    def _not_counted(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        report = self._report(register)
        if report is None:
            return []
        rows = [
            [
                c.platform,
                c.status.label(lang),
                c.first_major.isoformat() if c.first_major else "–",
                c.approval or "–",
                c.level.label(lang) if c.level else "–",
            ]
            for c in report.platforms
            if c.status is not ip.CountStatus.COUNTED
        ]
        return [build_table(self._headers("targets-not-counted", lang), rows)]

    def _checks(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        report = self._report(register)
        if report is None:
            return []
        rows = [[_word(c["ok"], lang), c["message"]] for c in report.to_dict(lang)["checks"]]
        return [build_table(self._headers("target-checks", lang), rows)]

    def _findings(self, register: ip.Register, lang: str) -> list[nodes.Node]:
        document = ip.findings_to_dict(ip.audit(register), lang)
        rows = [
            [
                f"#{f['payment']}",
                f["code"],
                f["platform"],
                f["item"] or "–",
                _yuan(f["amount"]),
                _yuan(f["payable"]) if f["payable"] is not None else "–",
                _yuan(f["paid_before"]) if f["paid_before"] is not None else "–",
                " ".join(f["clauses"]),
                f["explanation"],
            ]
            for f in document["findings"]
        ]
        return [build_table(self._headers("findings", lang), rows, "rllrrrrll")]


def steps_table(item: ip.Item, lang: str) -> nodes.table:
    """The steps of an item, numbered as ``explain()`` numbers them, and its result."""
    rows: list[list[str | nodes.Node]] = [
        [
            str(n),
            step.text(lang),
            " ".join(step.clauses),
            ip.format_yuan(step.result) if step.result is not None else "–",
        ]
        for n, step in enumerate(item.steps, 1)
    ]
    last = "最高可支付额" if lang == "zh" else "maximum payable"
    rows.append(["", last, " ".join(item.clauses), ip.format_yuan(item.amount)])
    headers = [pair[lang == "zh"] for pair in HEADERS["steps"]]
    return build_table(headers, rows, "rllr", classes=["policy-steps"])


class WalkthroughDirective(SphinxDirective):
    """``walkthrough``: one item of the example register, from its amount to its clauses,
    their code and their tests."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        item_id = self.arguments[0]
        assessment = ip.assess(ip.example_register())
        try:
            item = assessment.item(item_id)
        except (KeyError, LookupError, ip.PolicyError):
            logger.warning(
                "walkthrough: the example register has no item %r",
                item_id,
                location=self.get_location(),
                type="policy_tables",
                subtype="directive",
            )
            return []
        tests_dir = (Path(self.env.app.confdir) / self.config.policy_docs_tests_dir).resolve()
        scan = traceability.scan(tests_dir)
        cited = {c for step in item.steps for c in step.clauses} | set(item.clauses)
        ordered = [c for c in ip.CLAUSES if c in cited]
        out: list[nodes.Node] = []
        section_text = ["## 2. Its steps, as `explain()` prints them", ""]
        out += self.parse_text_to_nodes("\n".join(section_text), allow_section_headings=True)
        out.append(steps_table(item, "zh"))
        out.append(steps_table(item, "en"))
        lines = ["## 3. The clauses that decided it, their code and their tests", ""]
        for clause_id in ordered:
            clause = ip.CLAUSES[clause_id]
            lines += [
                f"### {{ref}}`{clause_id} <{clause_label(clause_id)}>`",
                "",
                "```{original-text}",
                f":clause: {clause_id}",
                "```",
                "",
                clause.gloss.replace("*", r"\*"),
                "",
            ]
            functions = ip.implemented_by(clause_id)
            if functions:
                lines.append("- **Code:**")
                for name in functions:
                    target = api_target(name)
                    if target is None:
                        continue
                    lines.append(f"  - {{py:obj}}`~{target}`: {{source}}`{target}`")
            tests = scan.tests_of(clause_id)
            if tests:
                lines.append(f"- **Tests** ({len(tests)}):")
                lines += [f"  - {{ref}}`{t} <{test_label(t)}>`" for t in tests]
            lines.append("")
        out += self.parse_text_to_nodes("\n".join(lines), allow_section_headings=True)
        return out


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("policy_docs")
    app.add_directive("policy-table", PolicyTableDirective)
    app.add_directive("walkthrough", WalkthroughDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
