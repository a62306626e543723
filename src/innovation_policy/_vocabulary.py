"""Every word the library writes, in Chinese and English, keyed by code.

The core holds codes and values; text is made at the edge, from these tables, when
someone asks for it. A table maps a code to its ``(zh, en)`` pair (or, for sentences,
to templates whose placeholders are the values of the thing they describe). Nothing
here imports the rest of the package: any module may read it. Chinese terms of the
policy are spelled as in the policy text (``tests/test_vocabulary.py`` checks both
languages are there for every code, and the spelling).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._errors import PolicyValueError

__all__ = [
    "CHECKS",
    "ENTITLEMENTS",
    "FINDINGS",
    "LABELS",
    "LANGS",
    "NOTICES",
    "POLICY_FIELDS",
    "REPORT_NOTE",
    "STEPS",
    "TITLES",
    "WORDS",
    "check_lang",
    "cite",
    "pick",
    "word",
]

LANGS = ("zh", "en")
"""The languages the library writes."""


def check_lang(lang: str) -> str:
    """``lang`` if it is a language the library writes (``zh`` or ``en``), else an error."""
    if lang not in LANGS:
        raise PolicyValueError(f"lang: {lang!r} is not supported; valid: zh, en", field="lang")
    return lang


def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``zh`` or ``en`` member of a pair."""
    return pair[0] if lang == "zh" else pair[1]


def cite(text: str, clauses: tuple[str, ...], lang: str) -> str:
    """A sentence followed by its clause ids, in the punctuation of ``lang``."""
    if lang == "zh":
        return f"{text}（{'、'.join(clauses)}）"
    return f"{text} ({', '.join(clauses)})"


# ---------------------------------------------------------------------------------------
# Labels of codes, keyed "Type.MEMBER". The labels of the policy (Category, Level, Park,
# Bureau, Industry, Rating, CoBuilder) are their own Chinese values; only their English
# names that are not the member name in lower case are here.

LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "CoBuilder.JITRI": ("江苏省产业技术研究院", "JITRI"),
        "Category.NEW_RD_INSTITUTION": ("新型研发机构", "new R&D institution"),
        "Kind.MATCHING": ("配套支持", "matching support"),
        "Kind.PERFORMANCE": ("绩效补助", "performance grant"),
        "Kind.CASE": ("一事一议", "case-by-case"),
        "UpgradeReading.TOP_UP": ("就高补差", "top-up"),
        "UpgradeReading.EACH_APPROVAL": ("逐项配套", "each approval"),
        "CityReading.CITY_EXCLUDES_DISTRICT": (
            "市级已奖励的，区级不再奖励",
            "city excludes district",
        ),
        "CityReading.TOP_UP": ("区级补足市级奖励的差额", "top-up"),
        "ClauseKind.RULE": ("规则", "rule"),
        "ClauseKind.DATA": ("数据", "data"),
        "ClauseKind.RECORD": ("记录", "record"),
        "ClauseKind.CONTEXT": ("背景", "context"),
        "FindingCode.NOT_PAYABLE": ("不应支付", "not payable"),
        "FindingCode.DUPLICATE": ("重复支付", "duplicate"),
        "FindingCode.OVERPAID": ("超额支付", "overpaid"),
        "FindingCode.NO_CASE_DECISION": ("无一事一议决定", "no case decision"),
        "TargetScope.DISTRICT": ("全区", "district"),
        "TargetScope.BUREAU": ("部门", "bureau"),
        "TargetScope.PARK": ("园区", "park"),
        "TargetScope.ANNEX": ("附件合计", "annex total"),
        "PaceStatus.MET": ("已完成", "met"),
        "PaceStatus.MISSED": ("未完成", "missed"),
        "PaceStatus.AHEAD": ("超前", "ahead"),
        "PaceStatus.BEHIND": ("滞后", "behind"),
        "PaceStatus.NOT_STARTED": ("未开始", "not started"),
        "CountStatus.COUNTED": ("计入", "counted"),
        "CountStatus.NEVER_MAJOR": ("从未成为重大平台", "never major"),
        "CountStatus.MAJOR_BEFORE_PLAN": ("规划期前已是重大平台", "major before the plan"),
        "CountStatus.MAJOR_AFTER_PLAN": ("规划期后才成为重大平台", "major only after the plan"),
        "CountStatus.MAJOR_AFTER_AS_OF": (
            "截至日后才成为重大平台",
            "major only after the report date",
        ),
    }
)

# ---------------------------------------------------------------------------------------
# Explanations: titles of items, and for each step code which of its values are money
# and its sentence. Placeholders {0}, {1}, ... are the step's values; {r} its result.

TITLES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "matching": ("{level}批准立项的配套支持", "matching support for a {level} approval"),
        "not_matched": ("{level}认定（不予配套）", "a {level} recognition (not matched)"),
        "performance": ("绩效补助", "performance grant"),
        "performance_year": ("{year}年度绩效补助", "performance grant for {year}"),
        "case": ("一事一议支持", "case-by-case support"),
        "result": ("最高可支付额（{wan}）：{amount}", "maximum payable ({wan}): {amount}"),
    }
)

STEPS: Mapping[str, tuple[frozenset[int], str, str]] = {
    "matching_base": (
        frozenset({1}),
        "{0}批准立项，上级扶持经费（配套基数）{1}",
        "{0} approval; higher-level funding allocated (the matching base) {1}",
    ),
    "matching_level_not_eligible": (
        frozenset(),
        "{0}认定不属于国家级或省级批准立项，不给予配套支持：0 元",
        "a {0} recognition is not a national or provincial approval, so it is not matched: 0 yuan",
    ),
    "ratio": (
        frozenset({0}),
        "按上级扶持经费 1:{1} 配套：{0} × {1} = {r}",
        "match 1:{1} of the higher-level funding: {0} × {1} = {r}",
    ),
    "cap_applied": (
        frozenset({0, 1}),
        "最高支持额度不超过 {1}：{0} 超过上限，取 {r}",
        "at most {1}: {0} is above the cap, so {r}",
    ),
    "cap_not_applied": (
        frozenset({0, 1}),
        "最高支持额度不超过 {1}：{0} 未超过上限，仍为 {r}",
        "at most {1}: {0} is within the cap, so {r}",
    ),
    "round_down": (
        frozenset({0}),
        "最高额向下取整到分（解读7）：{0} → {r}",
        "a maximum is rounded down to the fen (reading 7): {0} → {r}",
    ),
    "performance_base": (
        frozenset({2}),
        "绩效考核：所获最高认定级别 {0}，考核结果 {1}，当年度技术合同实际成交额 {2}",
        "performance evaluation: highest recognition held {0}, rating {1}, "
        "that year's actual technology-contract turnover {2}",
    ),
    "rating_not_excellent": (
        frozenset(),
        "绩效考核结果为{0}，不是优秀，不给予绩效补助：0 元",
        "the rating is {0}, not excellent, so no performance grant: 0 yuan",
    ),
    "level_below_municipal": (
        frozenset(),
        "认定级别为{0}，未获得市级以上认定，不给予绩效补助：0 元",
        "the recognition held is {0}, below municipal, so no performance grant: 0 yuan",
    ),
    "rate": (
        frozenset({0}),
        "按当年度技术合同实际成交额的 {1} 补助：{0} × {1} = {r}",
        "grant {1} of that year's turnover: {0} × {1} = {r}",
    ),
    "outside_period": (
        frozenset(),
        "{0} 不在本方案实施期 {1} 至 {2} 内（解读8），本方案不予支持，也不计入以后的补差：0 元",
        "{0} lies outside the plan period {1} to {2} (reading 8): not eligible under this "
        "plan, and not counted toward a later top-up: 0 yuan",
    ),
    "year_outside_period": (
        frozenset(),
        "{0} 年度不在本方案实施期 {1} 至 {2} 内（解读8），本方案不予补助：0 元",
        "the year {0} lies outside the plan period {1} to {2} (reading 8): not eligible "
        "under this plan: 0 yuan",
    ),
    "each_approval": (
        frozenset({0}),
        "逐项配套（解读1，each_approval）：本次认定单独配套 {0}",
        "each approval is matched on its own (reading 1, each_approval): {0}",
    ),
    "upgrade_top_up": (
        frozenset({0, 1, 2}),
        "就高补差（解读1）：本次认定应得 {0}，区级此前已就本平台核定 {1}，"
        "本次应付 {0} − {1} = {2}，不足零按零计：{r}",
        "top-up (reading 1): this approval's own entitlement is {0}, the district already "
        "assessed {1} for the platform's earlier approvals, so {0} − {1} = {2}, never below "
        "zero: {r}",
    ),
    "city_excludes_district": (
        frozenset({0}),
        "市、区不重复奖励（解读2）：市级已就同一认定奖励 {0}，区级不再奖励：{r}",
        "city and district do not both reward (reading 2): the city already rewarded this "
        "approval with {0}, so the district pays {r}",
    ),
    "city_top_up": (
        frozenset({0, 1, 2}),
        "市、区不重复奖励（解读2，top_up）：区级应得 {0} − 市级已奖励 {1} = {2}，不足零按零计：{r}",
        "city and district do not both reward (reading 2, top_up): district amount {0} − "
        "city award {1} = {2}, never below zero: {r}",
    ),
    "county_standard_cap": (
        frozenset({0, 1}),
        "区奖励资金额度不超过市对其他县{2}奖励标准 {1}：{0} → {r}",
        "the district's reward may not exceed the city's standard for other counties "
        "for a {2} approval, {1}: {0} → {r}",
    ),
    "performance_city": (
        frozenset({0, 1}),
        "补助按照就高原则、不重复补助：区级应得 {0}，市级已补助 {1}，区级只补足到两者较高者：{r}",
        "the highest applies, never twice: district entitlement {0}, city already granted "
        "{1}, so the district pays only up to the higher of the two: {r}",
    ),
    "case_decision": (
        frozenset({0}),
        "一事一议支持 {0}（决定文号：{1}），不按公式计算，也不设公式上限",
        "case-by-case support of {0} (decision {1}): not computed by a formula and "
        "not under a formula cap",
    ),
    "case_outside_period": (
        frozenset(),
        "注意：一事一议决定日期 {0} 不在本方案实施期 {1} 至 {2} 内（解读8），照列以备查",
        "note: the case-by-case decision of {0} lies outside the plan period {1} to {2} "
        "(reading 8); listed all the same",
    ),
    "funding_unknown": (
        frozenset(),
        "{0}批准立项的上级扶持经费登记为未知：待该数据补齐后方可计算配套额，暂按 0 元计",
        "the higher-level funding of this {0} approval is recorded as unknown: the matching "
        "can be computed once it is known; 0 yuan until then",
    ),
    "turnover_unknown": (
        frozenset(),
        "当年度技术合同实际成交额登记为未知：待该数据补齐后方可计算绩效补助，暂按 0 元计",
        "that year's technology-contract turnover is recorded as unknown: the grant can be "
        "computed once it is known; 0 yuan until then",
    ),
    "policy_version": (
        frozenset(),
        "按政策 {2} 第 {0} 版（自 {1} 起施行）结算（解读11）",
        "settled under version {0} of the policy {2}, in force from {1} (reading 11)",
    ),
}

# ---------------------------------------------------------------------------------------
# Warnings about a register or an assessment (Notice codes); placeholders are the
# notice's values by name.

NOTICES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "industry_not_focus": (
            "{platform} 所属产业不在六大主导及特色产业之内",
            "{platform} is not in one of the six focus industries",
        ),
        "co_builders_incomplete": (
            "{platform} 专业研究所共建方缺少：{missing}",
            "{platform} is a professional institute not co-built by all four parties; "
            "missing: {missing}",
        ),
        "case_outside_period": (
            "{platform} 一事一议决定 {decision} 的日期 {date} 不在本方案实施期"
            " {plan_start} 至 {plan_end} 内",
            "{platform}: case decision {decision} of {date} lies outside the plan period "
            "{plan_start} to {plan_end}",
        ),
    }
)

# The non-cash entitlements of a major platform (§6.8, §6.9), by code.
ENTITLEMENTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "construction_land": (
            "依法优先安排建设用地",
            "priority for construction land, as the law allows",
        ),
        "incubated_enterprise_support": (
            "平台衍生孵化的企业享受财政、土地、融资、租金等方面优惠支持",
            "preferential fiscal, land, financing and rent support for enterprises the "
            "platform spins off or incubates",
        ),
        "state_research_institution_treatment": (
            "运行主体在政府项目承担、职称评审、人才引进、投融资等方面享受国有科研机构待遇",
            "its operator is treated as a state-owned research institution for government "
            "projects, professional titles, talent recruitment, investment and financing",
        ),
    }
)

# The audit's findings, by code; placeholders are the finding's numbers by name.
FINDINGS = {
    "not_payable": (
        "付款 #{n}（{date}，{amount}）对应 {item}，该事项最高可支付额为 0（不符合条件、已补差抵扣或市级已奖励）",
        "payment #{n} ({date}, {amount}) pays {item}, whose maximum payable is 0 (not "
        "eligible, settled away, or already rewarded by the city)",
    ),
    "duplicate": (
        "付款 #{n}（{date}，{amount}）对应 {item}，此前已足额支付 {paid_before}（最高可支付 {payable}），属重复支付",
        "payment #{n} ({date}, {amount}) pays {item}, which was already paid in full "
        "({paid_before} of at most {payable}): a duplicate payment",
    ),
    "overpaid": (
        "付款 #{n}（{date}，{amount}）对应 {item}：此前已付 {paid_before}，合计 {total} 超过最高可支付额 {payable}，超付 {excess}",
        "payment #{n} ({date}, {amount}) pays {item}: {paid_before} paid before, so "
        "{total} in all, above the maximum payable {payable} by {excess}",
    ),
    "no_case_decision": (
        "付款 #{n}（{date}，{amount}）为一事一议支付，但此前没有对应的一事一议决定",
        "payment #{n} ({date}, {amount}) is a case-by-case payment with no case decision behind it",
    ),
}

# The checks of the policy's targets against each other, by code and outcome.
CHECKS: Mapping[str, Mapping[bool, tuple[str, str]]] = MappingProxyType(
    {
        "park_targets_sum_to_annex_total": {
            True: (
                "各园区规划期目标之和 {parts} = {sum}，等于附件合计 {total}",
                "the parks' whole-plan targets {parts} = {sum} equal the annex total {total}",
            ),
            False: (
                "各园区规划期目标之和 {parts} = {sum}，不等于附件合计 {total}",
                "the parks' whole-plan targets {parts} = {sum} differ from the annex total {total}",
            ),
        },
        "park_first_year_targets_sum_to_annex_first_year_total": {
            True: (
                "各园区首年目标之和 {parts} = {sum}，等于附件首年合计 {total}",
                "the parks' first-year targets {parts} = {sum} equal the annex first-year "
                "total {total}",
            ),
            False: (
                "各园区首年目标之和 {parts} = {sum}，不等于附件首年合计 {total}",
                "the parks' first-year targets {parts} = {sum} differ from the annex "
                "first-year total {total}",
            ),
        },
        "bureau_targets_within_district_target": {
            True: (
                "各部门目标之和 {parts} = {sum}，不超过全区目标 {total}",
                "the bureaus' targets {parts} = {sum} are at most the district target {total}",
            ),
            False: (
                "各部门目标之和 {parts} = {sum}，超过全区目标 {total}",
                "the bureaus' targets {parts} = {sum} exceed the district target {total}",
            ),
        },
        "annex_total_within_district_target": {
            True: (
                "附件合计 {parts}，不超过全区目标 {total}",
                "the annex total {parts} is at most the district target {total}",
            ),
            False: (
                "附件合计 {parts}，超过全区目标 {total}",
                "the annex total {parts} exceeds the district target {total}",
            ),
        },
    }
)

# The note under a target report: how pace is defined.
REPORT_NOTE = (
    "说明：时间进度 = 期间首日至截至日（含）的天数 ÷ 期间天数，限于 0 至 1；"
    "完成率 = 完成 ÷ 目标（目标为 0 时记 1）；两者保留 4 位小数，向下取整，以百分数显示到 1 位小数（向下取整）。\n"
    "进度：期间未开始为“未开始”；完成 ≥ 目标为“已完成”；期间已结束仍未完成为“未完成”；"
    "期间进行中，完成率不低于时间进度（按未取整的值比较）为“超前”，否则为“滞后”。",
    "Note: elapsed = days from the period's first day to the report date, both included, "
    "over the days in the period, clamped to 0..1; achieved share = achieved / target "
    "(1 for a target of 0); both to 4 decimal places, rounded down, and shown as percentages to "
    "one decimal (rounded down).\n"
    "Status: not started before the period; met when achieved >= target; missed when the "
    "period is over and the target not met; while it runs, ahead when the achieved share "
    "is at least the elapsed share (compared before rounding), else behind.",
)

# The fields of Policy, as the outputs name them.
POLICY_FIELDS: Mapping[str, tuple[str, str]] = {
    "national_match_ratio": ("国家级配套比例", "national matching ratio"),
    "national_match_cap": ("国家级配套上限", "national matching cap"),
    "provincial_match_ratio": ("省级配套比例", "provincial matching ratio"),
    "provincial_match_cap": ("省级配套上限", "provincial matching cap"),
    "performance_rate": ("绩效补助比例", "performance grant rate"),
    "performance_cap": ("绩效补助上限", "performance grant cap"),
    "plan_start": ("方案期起", "plan start"),
    "plan_end": ("方案期止", "plan end"),
    "district_target": ("全区目标", "district target"),
    "bureau_targets": ("部门目标", "bureau targets"),
    "park_targets": ("园区目标", "park targets"),
    "park_first_year_targets": ("园区首年目标", "park first-year targets"),
    "annex_target": ("附件合计目标", "annex target"),
    "annex_first_year_target": ("附件首年合计目标", "annex first-year target"),
    "upgrade_reading": ("升级口径（解读1）", "upgrade reading (reading 1)"),
    "city_reading": ("市区口径（解读2）", "city reading (reading 2)"),
    "county_standard_caps": ("市对其他县奖励标准", "city's standard for other counties"),
}

# ---------------------------------------------------------------------------------------
# Words of tables and headings.

WORDS: Mapping[str, tuple[str, str]] = {
    "yes": ("是", "yes"),
    "policy": ("政策", "policy"),
    "fingerprint": ("政策指纹", "policy_fingerprint"),
    "side": ("对象", "side"),
    "field": ("字段", "field"),
    "value": ("值", "value"),
    "default": ("默认", "default"),
    "yuan": ("元", "yuan"),
    "no_item": ("（无）", "(none)"),
    "no": ("否", "no"),
    "none": ("无", "none"),
    "category": ("类别", "category"),
    "counts_as": ("计为", "counts as"),
    "level": ("级别", "level"),
    "major": ("重大平台", "major"),
    "bureau": ("负责部门", "bureau"),
    "park": ("园区", "park"),
    "outside_parks": ("园区外", "outside the parks"),
    "entitlements": ("非资金待遇", "non-cash entitlements"),
    "items": ("事项", "items"),
    "no_items": ("无事项", "no items"),
    "date": ("日期", "date"),
    "item": ("事项", "item"),
    "kind": ("类型", "kind"),
    "year": ("年度", "year"),
    "eligible": ("符合条件", "eligible"),
    "amount": ("金额（元）", "amount (yuan)"),
    "wan": ("万元", "万元"),
    "total": ("合计", "total"),
    "warnings": ("提示", "warnings"),
    "district": ("全区合计", "district totals"),
    "by_year": ("按年度", "by year"),
    "by_bureau": ("按负责部门", "by bureau"),
    "by_kind": ("按类型", "by kind"),
    "platform": ("平台", "platform"),
    "platforms": ("平台", "platforms"),
    "name": ("名称", "name"),
    "clauses": ("条款", "clauses"),
}


def word(key: str, lang: str) -> str:
    """A word of :data:`WORDS` in ``lang``."""
    return pick(WORDS[key], lang)


# ----------------------------------------------------------------------------------------
# Budget and forecast

BUDGET_STATUSES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "ready": ("可直接拨付", "ready"),
        "needs_data": ("待补数据", "needs data"),
        "needs_decision": ("待一事一议决定", "needs decision"),
        "not_yet_due": ("尚未到期", "not yet due"),
    }
)
"""The statuses of a budget item (``BudgetStatus``), zh and en."""

ESTIMATE_SOURCES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "history": ("台账历史", "register history"),
        "cap": ("无历史，按上限", "no history: the cap"),
        "scenario": ("情景文件", "scenario"),
    }
)
"""Where a forecast's assumption comes from (``EstimateSource``), zh and en."""

FINANCE_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "budget_title": ("应拨付清单（截至 {as_of}）", "What is owed and unpaid (as of {as_of})"),
        "forecast_title": (
            "方案资金预测（截至 {as_of}）：已承诺、预期、上限",
            "The plan's cost (as of {as_of}): committed, expected, ceiling",
        ),
        "payable": ("最高可支付", "payable"),
        "paid": ("已付", "paid"),
        "outstanding": ("未付", "outstanding"),
        "due": ("到期日", "due"),
        "status": ("状态", "status"),
        "missing": ("缺少", "missing"),
        "by_due_year": ("按到期年度", "by due year"),
        "by_park": ("按园区", "by park"),
        "by_status": ("按状态", "by status"),
        "no_outstanding": ("无未付事项", "nothing outstanding"),
        "committed": ("已承诺", "committed"),
        "expected": ("预期", "expected"),
        "ceiling": ("上限", "ceiling"),
        "new_platforms": ("需新建", "new needed"),
        "unassigned": ("不限部门（园区、全区目标）", "any bureau (park and district targets)"),
        "scenario": ("情景", "scenario"),
        "assumption": ("假设", "assumption"),
        "value": ("取值", "value"),
        "records": ("记录数", "records"),
        "source": ("来源", "source"),
        "mix": ("级别构成 {level}", "level mix {level}"),
        "funding": ("上级扶持经费 {level}", "higher-level funding {level}"),
        "excellent": ("考核优秀概率", "chance of an excellent rating"),
        "turnover": ("技术合同成交额", "technology-contract turnover"),
        "audit_note": (
            "超付、重复支付与不应支付由审计列出（audit），不在此冲抵：{count} 项",
            "Over-payments, duplicates and payments not payable are the audit's findings "
            "(audit), not netted here: {count}",
        ),
        "payment_line": (
            "{date} 拨付 #{n} {amount}，扣减后未付 {after}",
            "{date} payment #{n} {amount}, leaving {after} outstanding",
        ),
        "no_payments": ("截至 {as_of} 无拨付", "no payment up to {as_of}"),
        "explain_result": (
            "最高可支付 {payable} − 已付 {paid} = 未付 {outstanding}（{status}）",
            "payable {payable} − paid {paid} = outstanding {outstanding} ({status})",
        ),
        "forecast_note": (
            "预期为情景的算术结果，不是概率判断；上限为全部剩余目标按最高级别完成、"
            "每个重大平台每年获得全额补助时的最大责任。逾期未付计入 {year} 年。",
            "Expected is a scenario's arithmetic, not a probability claim; the ceiling is "
            "the most the district could owe if every remaining target is met at the "
            "highest level and every major platform earns the full grant every year. "
            "Overdue amounts count in {year}.",
        ),
    }
)
"""The words of the budget and the forecast, zh and en."""
# ---------------------------------------------------------------------------------------
# Excel, frames, charts, HTML: the names of the sheets and columns of the workbooks the
# library writes (``_xlsx_out``, ``_template``), the columns of its data frames
# (``_frames``), the titles and axes of its charts (``_charts``), the headings of its
# HTML tables (``_html``), and the words of display forms (codes shown in Chinese).

SHEETS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "items": ("事项", "items"),
        "platforms": ("平台", "platforms"),
        "totals": ("合计", "totals"),
        "by_year": ("按年度", "by year"),
        "by_due_year": ("按应付年度", "by due year"),
        "by_bureau": ("按负责部门", "by bureau"),
        "by_park": ("按园区", "by park"),
        "by_kind": ("按类型", "by kind"),
        "by_category": ("按类别", "by category"),
        "by_level": ("按级别", "by level"),
        "warnings": ("提示", "warnings"),
        "policy": ("政策", "policy"),
        "findings": ("审计发现", "findings"),
        "lines": ("目标", "targets"),
        "counts": ("平台计数", "platform counts"),
        "checks": ("目标检查", "checks"),
        "changed": ("变化的事项", "items changed"),
        "sweep": ("解读组合", "readings"),
        "instructions": ("说明", "instructions"),
        "lists": ("选项", "lists"),
    }
)

COLUMNS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "item": ("事项", "item"),
        "platform": ("平台编号", "platform"),
        "name": ("名称", "name"),
        "kind": ("类型", "kind"),
        "level": ("级别", "level"),
        "year": ("年度", "year"),
        "date": ("日期", "date"),
        "due": ("应付日期", "due"),
        "eligible": ("符合条件", "eligible"),
        "amount": ("金额（元）", "amount (yuan)"),
        "bureau": ("负责部门", "bureau"),
        "park": ("园区", "park"),
        "category": ("类别", "category"),
        "counts_as": ("计为", "counts as"),
        "major": ("重大平台", "major"),
        "missing": ("待补数据", "missing"),
        "version": ("政策版本", "policy version"),
        "clauses": ("条款", "clauses"),
        "code": ("代码", "code"),
        "message": ("内容", "message"),
        "field": ("参数", "field"),
        "value": ("取值", "value"),
        "side": ("政策", "policy"),
        "payment": ("拨付", "payment"),
        "finding": ("问题", "finding"),
        "payable": ("最高可支付（元）", "payable (yuan)"),
        "paid_before": ("此前已付（元）", "paid before (yuan)"),
        "explanation": ("说明", "explanation"),
        "scope": ("范围", "scope"),
        "line": ("指标", "line"),
        "period": ("期间", "period"),
        "start": ("起始日", "start"),
        "end": ("截止日", "end"),
        "as_of": ("截至日", "as of"),
        "target": ("目标", "target"),
        "achieved": ("完成", "achieved"),
        "remaining": ("尚差", "remaining"),
        "met": ("是否完成", "met"),
        "status": ("进度", "status"),
        "elapsed": ("时间进度", "elapsed"),
        "achieved_share": ("完成率", "achieved share"),
        "platforms": ("计入平台", "platforms"),
        "first_major": ("首次成为重大平台", "first major"),
        "approval": ("依据", "approval"),
        "count": ("数量", "count"),
        "ok": ("一致", "ok"),
        "total": ("合计", "total"),
        "formula": ("按公式计算", "by formula"),
        "district": ("全区合计", "district"),
        "baseline": ("基准（元）", "baseline (yuan)"),
        "alternative": ("改革方案（元）", "alternative (yuan)"),
        "delta": ("差额（元）", "difference (yuan)"),
        "baseline_eligible": ("基准符合条件", "eligible (baseline)"),
        "alternative_eligible": ("改革方案符合条件", "eligible (alternative)"),
        "upgrade_reading": ("升级口径（解读1）", "upgrade reading (1)"),
        "city_reading": ("市区口径（解读2）", "city reading (2)"),
        "formula_delta": ("按公式计算差额（元）", "difference by formula (yuan)"),
        "is_default": ("默认", "default"),
        "fen": ("金额（分）", "amount (fen)"),
    }
)

CHARTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "money_title": ("按应付年度的最高可支付额", "Maximum payable by due year"),
        "due_year": ("应付年度", "due year"),
        "wan_axis": ("万元", "10,000 yuan"),
        "targets_title": ("新增重大平台目标进度", "New major platforms against the targets"),
        "counted": ("累计计入平台", "platforms counted"),
        "target": ("目标", "target"),
        "pace": ("时间进度线", "pace line"),
        "as_of": ("截至日", "as of"),
        "date_axis": ("日期", "date"),
        "count_axis": ("平台数", "platforms"),
        "comparison_title": ("基准与改革方案", "Baseline and alternative"),
        "by_year": ("按年度", "by year"),
        "by_bureau": ("按负责部门", "by bureau"),
        "year_axis": ("年度", "year"),
        "bureau_axis": ("负责部门", "bureau"),
        "baseline": ("基准", "baseline"),
        "alternative": ("改革方案", "alternative"),
        "no_cjk_font": (
            "未找到中文字体（如 fonts-noto-cjk），图表使用英文标注",
            "no CJK font found (e.g. Debian's fonts-noto-cjk): the chart uses English labels",
        ),
    }
)

HTML: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "award": ("单项奖补", "award"),
        "assessment": ("评估", "assessment"),
        "targets": ("目标完成情况", "target report"),
        "comparison": ("政策比较", "comparison"),
        "finding": ("审计发现", "finding"),
        "steps": ("步骤", "steps"),
        "step": ("步骤", "step"),
        "result": ("结果（元）", "result (yuan)"),
        "more": ("另有 {n} 项未列出", "{n} more not shown"),
    }
)

TEMPLATE: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "title": ("赣榆区重大产业创新平台台账：填写说明", "How to fill in the register"),
        "intro": (
            "本工作簿是 innovation-policy 可读取的台账。每个表（平台、认定、绩效、一事一议、拨付）"
            "一张工作表，第一行为表头，请勿修改表头与工作表名称；每行一条记录。",
            "One sheet per table; the first row is the header; one record per row.",
        ),
        "required": ("带 * 的列必填；其余可空，空白取默认值。", "Columns marked * are required."),
        "lists": (
            "类别、级别、园区、产业、考核结果、拨付类型请从下拉列表中选择（选项见“选项”表）。",
            "Choose labels from the drop-down lists (sheet 'lists').",
        ),
        "money": (
            "金额以元为单位，最多两位小数；尚不知道的上级扶持经费或技术合同成交额填“未知”，不要填 0。",
            "Money in yuan, at most two decimals; an unknown amount is written 未知, never 0.",
        ),
        "dates": ("日期填写为日期（如 2022-03-01）。", "Dates as dates (2022-03-01)."),
        "co_builders": (
            "共建方用“、”分隔；只填一个“、”表示已登记为无共建方，空白表示未登记。",
            "Co-builders separated by 、; a lone 、 records none, blank means not recorded.",
        ),
        "text": (
            "以 =、+、-、@ 开头的编号或名称按文本保存，不会被当作公式。",
            "Ids or names beginning with =, +, - or @ are kept as text, never as formulas.",
        ),
        "check": (
            "填好后运行：innovation-policy assess 本文件.xlsx",
            "Then run: innovation-policy assess this-file.xlsx",
        ),
    }
)

# ---------------------------------------------------------------------------------------
# The budget and the forecast in workbooks, charts and HTML (issue 13, after the finance
# commands): their sheets, columns, chart words and HTML captions. They are added to the
# tables above here, at the end, so that each table keeps one lookup.

FINANCE_SHEETS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "budget": ("应拨付清单", "budget"),
        "by_status": ("按状态", "by status"),
        "forecast": ("全区预测", "forecast"),
        "forecast_lines": ("分线预测", "forecast lines"),
        "approvals": ("新建平台分年", "approvals by year"),
        "assumptions": ("情景假设", "assumptions"),
        "scenario": ("情景", "scenario"),
    }
)
"""The budget's and the forecast's sheets, zh and en."""

FINANCE_COLUMNS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "paid": ("已付（元）", "paid (yuan)"),
        "outstanding": ("未付（元）", "outstanding (yuan)"),
        "budget_status": ("状态", "status"),
        "overpaid": ("超付", "overpaid"),
        "committed": ("已承诺（元）", "committed (yuan)"),
        "expected": ("预期（元）", "expected (yuan)"),
        "ceiling": ("上限（元）", "ceiling (yuan)"),
        "forecast_line": ("预测线", "line"),
        "new_platforms": ("需新建", "new needed"),
        "assumption": ("假设", "assumption"),
        "records": ("记录数", "records"),
        "source": ("来源", "source"),
    }
)
"""The budget's and the forecast's columns, zh and en."""

FINANCE_CHARTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "forecast_title": (
            "方案资金预测：已承诺、预期、上限",
            "The plan's cost: committed, expected, ceiling",
        ),
        "committed": ("已承诺", "committed"),
        "expected": ("预期", "expected"),
        "ceiling": ("上限（含已承诺）", "ceiling (with committed)"),
    }
)
"""The forecast chart's words, zh and en."""

FINANCE_HTML: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "budget": ("应拨付清单", "budget"),
        "forecast": ("资金预测", "forecast"),
    }
)
"""The captions of the budget's and the forecast's HTML tables, zh and en."""

SHEETS = MappingProxyType({**SHEETS, **FINANCE_SHEETS})
COLUMNS = MappingProxyType({**COLUMNS, **FINANCE_COLUMNS})
CHARTS = MappingProxyType({**CHARTS, **FINANCE_CHARTS})
HTML = MappingProxyType({**HTML, **FINANCE_HTML})
