"""The clause catalogue: every sentence of the policy, numbered as in ``CLAUSES.md``.

The ids (``§6.3``, ``§A.1``, ...) are stable. Every rule, result, explanation and test of
the library cites ids from this catalogue, never free text; :func:`clause` refuses an id
that is not here. The readings that the text leaves open are catalogued too
(:data:`READINGS`), so that docs, the command line and results can cite them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._errors import PolicyValueError

__all__ = ["CLAUSES", "READINGS", "Clause", "ClauseKind", "Reading", "clause", "reading"]


class ClauseKind(enum.Enum):
    """What a clause is for the library (see ``CLAUSES.md``)."""

    RULE = "rule"
    """Computable: the library implements it exactly."""
    DATA = "data"
    """A fixed list or table the library carries (enumerations, targets)."""
    RECORD = "record"
    """Not computable, but a fact the library records and reports."""
    CONTEXT = "context"
    """Purpose and principles: cited in docs, nothing to compute."""


@attrs.frozen
class Clause:
    """One numbered sentence of the policy: its id, kind, original text and English gloss."""

    id: str
    kind: ClauseKind
    text: str = attrs.field(repr=False)
    gloss: str


@attrs.frozen
class Reading:
    """A point the text leaves open, and how the library reads it (``CLAUSES.md``).

    ``policy_fields`` names the :class:`~innovation_policy.Policy` fields that switch a
    switchable reading; a fixed interpretation has none. ``title_zh`` and ``text_zh`` say
    the same in Chinese, for the Chinese output and the docs.
    """

    number: int
    title: str
    clauses: tuple[str, ...]
    text: str = attrs.field(repr=False)
    switchable: bool
    policy_fields: tuple[str, ...]
    title_zh: str
    """The reading's name in Chinese (``同一平台的升级``), beside the English ``title``."""
    text_zh: str = attrs.field(repr=False)
    """How the library reads the point, in Chinese: a gloss of ``text``."""


_TABLE = (
    (
        "§0",
        "context",
        "为加快实施创新驱动发展战略，……现就我区重大产业创新平台建设制定如下实施方案。",
        "Purpose of the plan.",
    ),
    (
        "§1",
        "context",
        "一、总体思路：坚持系统谋划、统筹推进、服务产业、质量优先的原则……鼓励采取重大项目和产业创新平台共同招引的方式……",
        "Principles: market-oriented, enterprise-run platforms; chain innovation to industry.",
    ),
    (
        "§2.1",
        "data",
        "以赣榆经济开发区、赣榆海洋经济开发区、赣榆高新技术产业开发区（筹）、赣榆海州湾生物科技园为建设主体，围绕新能源、钢铁产业、石化产业、生物化工、装备制造、海洋渔业等主导及特色产业，全力推进重大产业创新平台建设。",
        "The four parks are the building bodies; six leading/characteristic industries are the focus.",
    ),
    (
        "§2.2",
        "rule",
        '到"十四五"末，全区新建重大产业创新平台不少于10个。',
        "By the end of the 14th Five-Year Plan (2021-01-01 to 2025-12-31) at least 10 new major platforms district-wide.",
    ),
    (
        "§3.0",
        "rule",
        "重大产业创新平台分为技术创新中心、产业创新中心、制造业创新中心、科技公共服务平台、新型研发机构和专业研究所6大类，其中技术创新中心、产业创新中心、制造业创新中心、科技公共服务平台为国家级和省级，新型研发机构以市级备案为准，专业研究所认定原则上列入新型研发机构范围。",
        "Six categories. The first four count as major platforms only at national or provincial level; a new R&D institution counts from municipal filing; a professional institute is, in principle, counted as a new R&D institution.",
    ),
    (
        "§3.1",
        "data",
        "（一）技术创新中心（国家级、省级）：以关键技术研发、产学研协同推动科技成果转移转化与产业化为目标……",
        "Technology innovation centre.",
    ),
    (
        "§3.2",
        "data",
        "（二）产业创新中心（国家级、省级）：通过整合行业创新资源，构建高效协作创新网络……",
        "Industrial innovation centre.",
    ),
    (
        "§3.3",
        "data",
        "（三）制造业创新中心（国家级、省级）：以需求为导向，打造贯通创新链、产业链、资本链的制造业创新生态系统……",
        "Manufacturing innovation centre.",
    ),
    (
        "§3.4",
        "data",
        "（四）科技公共服务平台（国家级、省级）：以科技资源集成开放和共建共享为目标……",
        "Public science-and-technology service platform.",
    ),
    (
        "§3.5",
        "data",
        "（五）新型研发机构：主要从事科学研究、技术创新和研发服务，建立投资主体多元化、管理制度现代化、运行机制市场化、用人机制灵活化的创新平台。",
        "New-type R&D institution.",
    ),
    (
        "§3.6",
        "record",
        "（六）专业研究所：通过采取会商、遴选等机制，由区政府、园区、江苏省产业技术研究院、人才团队四方合作共建。",
        "Professional institute, co-built by four parties: district government, park, Jiangsu Industrial Technology Research Institute (JITRI), talent team.",
    ),
    (
        "§4.1",
        "rule",
        "区科技局负责完成技术创新中心、科技公共服务平台和新型研发机构（含专业研究所）3类不少于6个平台的建设推进及申报指导工作。",
        "Science & Technology Bureau: technology innovation centres, public service platforms, new R&D institutions (incl. professional institutes); at least 6.",
    ),
    (
        "§4.2",
        "rule",
        "区发改委负责完成不少于2个产业创新中心的建设推进及申报指导工作。",
        "Development & Reform Commission: at least 2 industrial innovation centres.",
    ),
    (
        "§4.3",
        "rule",
        "区工信局负责完成不少于2个制造业创新中心的建设推进及申报指导工作。",
        "Industry & Information Technology Bureau: at least 2 manufacturing innovation centres.",
    ),
    (
        "§5.1",
        "record",
        "成立区重大产业创新平台建设工作领导小组……办公室设在区科技局。……",
        "A leading group; its office sits in the Science & Technology Bureau.",
    ),
    (
        "§5.2",
        "context",
        "各园区要将重大产业创新平台建设纳入年度重点工作推进事项，明确目标和责任，加快组织实施。",
        "Parks put platform building into their annual key work.",
    ),
    ("§6.1", "context", "建立区重大产业创新平台激励机制。", "An incentive mechanism is set up."),
    (
        "§6.2",
        "record",
        '对于特别重大的建设和创新项目，可通过"一事一议"的方式给予支持。',
        'Especially major projects may be supported case by case ("one matter, one deliberation"), outside the formulas.',
    ),
    (
        "§6.3",
        "rule",
        "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；",
        "National approval: matching support 1:1 of the higher-level funding, at most 10,000,000 yuan.",
    ),
    (
        "§6.4",
        "rule",
        "获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。",
        "Provincial approval: matching support 1:0.5 of the higher-level funding, at most 5,000,000 yuan.",
    ),
    (
        "§6.5",
        "rule",
        "市、区不重复奖励，区奖励资金额度不超过市对其他县奖励标准。",
        "City and district do not both reward the same item; the district's reward may not exceed the city's standard for other counties.",
    ),
    (
        "§6.6",
        "rule",
        "对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。",
        'Innovation platforms recognised at municipal level or above whose performance rating is "excellent": a grant of at most 10% of that year\'s actual technology-contract turnover, at most 1,000,000 yuan.',
    ),
    (
        "§6.7",
        "rule",
        "补助按照就高原则，不重复进行补助。",
        'Grants follow the "highest applies" principle and are never paid twice.',
    ),
    (
        "§6.8",
        "record",
        "对重大产业创新平台建设，要依法优先安排建设用地，同时对平台衍生孵化的企业给予财政、土地、融资、租金等方面优惠支持。",
        "Non-cash entitlements: priority for construction land; preferential fiscal, land, financing and rent support for enterprises spun off or incubated by the platform.",
    ),
    (
        "§6.9",
        "record",
        "重大产业创新平台运行主体在政府项目承担、职称评审、人才引进、投融资等方面享受国有科研机构待遇。",
        "The platform's operator is treated as a state-owned research institution for government projects, professional-title evaluation, talent recruitment, investment and financing.",
    ),
    (
        "§A",
        "data",
        "附件：赣榆区新建重大产业创新平台目标任务分解表",
        "Annex: target breakdown by building body.",
    ),
    (
        "§A.1",
        "data",
        "赣榆经济开发区：“十四五”期间新建 3，2021年新建 1",
        "Ganyu Economic Development Zone: 3 in 2021–2025, 1 in 2021.",
    ),
    ("§A.2", "data", "赣榆海洋经济开发区：3，1", "Ganyu Marine Economic Development Zone: 3, 1."),
    (
        "§A.3",
        "data",
        "赣榆高新技术产业开发区（筹）：2，1",
        "Ganyu High-Tech Industrial Development Zone (in preparation): 2, 1.",
    ),
    ("§A.4", "data", "赣榆海州湾生物科技园：2，1", "Ganyu Haizhou Bay Biotechnology Park: 2, 1."),
    ("§A.T", "data", "合计：10，4", "Total: 10, 4."),
)

CLAUSES: Mapping[str, Clause] = MappingProxyType(
    {id_: Clause(id_, ClauseKind(kind), text, gloss) for id_, kind, text, gloss in _TABLE}
)
"""Every clause of the policy, in document order, by id (read-only)."""

_POLICY_FIELDS = {
    1: ("upgrade_reading",),
    2: ("city_reading", "county_standard_caps"),
    8: ("plan_start", "plan_end"),
}

_READING_TABLE = (
    (
        1,
        "Upgrade within one platform",
        ("§6.3", "§6.4", "§6.7"),
        "A platform first approved at provincial level and later at national level. Default: *top-up* — each approval of a platform, in date order, pays its own entitlement less what the district has already paid the platform for earlier approvals under this plan (the district's own payable amounts, as assessed), and nothing when that is not positive. So no approval pays more than its own entitlement, the district's cumulative matching support for one platform never exceeds the largest single entitlement it has earned, and a later approval pays only if its entitlement is larger than what the district has already paid. (An approval the city rewarded, and for which the district paid nothing, is never made up through a later approval: that would pay twice for what the city rewarded, §6.5.) Approvals of one platform on the same date settle in ascending level, then ascending entitlement, then ascending city award, then id (approvals equal in all three settle alike in either order), so that no amount depends on ids or on the order of records. Alternative: *each approval* — every approval is matched on its own, each under its own cap. The matching base is the higher-level funding actually allocated for the approval.",
    ),
    (
        2,
        "City and district",
        ("§6.5",),
        "For matching support, default: *city excludes district* — where the city has already rewarded the same approval, the district pays nothing for it. Alternative: *top-up* — the district pays the shortfall between its own amount and the city's. Either way, when the city's standard for other counties is known for a level, it caps the district's matching payment for one approval of that level. For the performance grant, §6.7 speaks more specifically: the platform gets the higher of the city's and the district's grant for that year, once — the district pays only the difference, and nothing when the city's grant was as high.",
    ),
    (
        3,
        '"市级以上"',
        ("§6.6",),
        'Chinese legal usage counts the stated number or level itself (Civil Code art. 1259: "以上""以下""以内""届满" include it; "不满""超过""以外" do not): municipal recognition qualifies, and a cap written "不超过" is inclusive (≤).',
    ),
    (
        4,
        "Performance grant base",
        ("§6.6",),
        "The base is the technology-contract turnover actually registered and realised in the calendar year being rated (not the face value of contracts signed). The recognition that qualifies is the highest level the platform held on 31 December of that year. The grant is paid at most once per platform per year (§6.7), whatever the number of recognitions it holds.",
    ),
    (
        5,
        "Ceilings, not entitlements",
        ("§6.3", "§6.4", "§6.6"),
        '"不超过" sets a maximum. The library computes the maximum payable amount; an amount actually decided may be lower, and the library checks a decided or paid amount against that maximum.',
    ),
    (
        6,
        "Counting new platforms",
        ("§2.2", "§4.1", "§4.2", "§4.3", "§A", "§A.T"),
        "A platform counts once, on the date it first became major (its first approval or filing that makes it major, whenever that was); it counts for this plan only when that date lies inside the plan period and on or before the date of the report. A platform that was already major before the plan does not count, even if it is upgraded during the plan. A platform outside the four parks counts toward the district total and its bureau, not toward any park; the annex total (§A.T) is the sum of the park lines.",
    ),
    (
        7,
        "Money",
        ("§6.3", "§6.4", "§6.6"),
        "Amounts are yuan as `decimal.Decimal`, kept to the fen (0.01). An amount is valid when its value has no part smaller than a fen (`1.000` is 1.00; `1.001` is not). A computed maximum is rounded down to the fen, never up. `万元` = 10,000 yuan.",
    ),
    (
        8,
        "Period of application",
        ("§2.2", "§6.2", "§6.3", "§6.4", "§6.6"),
        "The plan is the district's plan for 2021–2025. Its money rules apply to approvals dated inside `plan_start … plan_end`, and to rated years Y with `plan_start.year ≤ Y ≤ plan_end.year`; an approval or a review outside that period is listed as not eligible under this plan, with that reason, and is neither paid nor counted toward a later top-up. A recognition obtained before the plan still counts as held: it makes a year inside the plan eligible for the performance grant. A case-by-case decision (§6.2) is always listed, with a warning when it is dated outside the period. An analyst moves the period by changing `plan_start` and `plan_end`.",
    ),
    (
        9,
        'Scope of "就高，不重复"',
        ("§6.5", "§6.7"),
        '"Highest applies, never twice" works within one kind of support: matching support for an approval and a performance grant for a year are different items, and a platform may receive both in the same year.',
    ),
    (
        10,
        "When money falls due",
        ("§6.2", "§6.3", "§6.4", "§6.6"),
        "The text says what may be paid, not when. Matching support falls due on the approval date; a performance grant for year Y on the date its review was decided (a year's rating cannot precede the year's end), and where the register does not record that date, on 31 March of Y + 1; a case-by-case decision on its decision date. This dates the district's liability for budgeting; it changes no amount.",
    ),
    (
        11,
        "Policy versions",
        ("§6.2", "§6.3", "§6.4", "§6.6"),
        "The draft may be amended. A later version of the policy applies to approvals dated from its first day, to performance grants of years whose 31 December falls in it (the date reading 4 uses), and to case decisions dated in it; the plan period is the same in every version.",
    ),
)

#: Every reading in Chinese: its name and a gloss of its text (the English above is the
#: library's own wording of ``CLAUSES.md``; this says the same for a Chinese reader).
_READING_ZH: Mapping[int, tuple[str, str]] = {
    1: (
        "同一平台的升级",
        "同一平台先获省级、后获国家级批准立项。默认：*就高补差* ——平台的各项批准立项按日期先后，"
        "各支付其自身应得额减去区级此前已就本方案内较早的批准立项向该平台支付的金额（区级自身的"
        "应付额，按评估结果），差额不为正时不予支付。因此任何一项批准立项所付不超过其自身应得额，"
        "区级对同一平台累计给予的配套支持不超过其所获最高的单项应得额，后一项批准立项只有在其"
        "应得额大于区级已支付额时才有支付。（市级已奖励、区级未付的批准立项，不通过后一项批准"
        "立项补付：否则即为对市级已奖励的事项重复支付，§6.5。）同一平台同日的批准立项，按级别"
        "由低到高、应得额由小到大、市级奖励由小到大、编号依次结算（三者都相同的，任一顺序结果"
        "相同），使任何金额都不取决于编号或记录的顺序。可选：*逐项配套* ——每项批准立项各自"
        "配套，各受其上限。配套基数为该批准立项实际下达的上级扶持经费。",
    ),
    2: (
        "市级与区级",
        "配套支持，默认：*市级奖励排除区级* ——市级已就同一批准立项给予奖励的，区级不再奖励。可选：*补差* ——区级支付其自身应得额与市级奖励之间的差额。无论哪种，已知市对其他县某一级别的奖励标准时，以该标准为区级对该级别单项批准立项配套支付的上限。绩效补助适用§6.7这一更具体的规定：平台就当年度获得市级与区级补助中较高者，且只获一次——区级只支付差额，市级补助已不低于区级的，区级不再支付。",
    ),
    3: (
        "“市级以上”",
        "按中国法律用语惯例，所称的数或级别本身计算在内（民法典第一千二百五十九条：“以上”“以下”“以内”“届满”包括本数；“不满”“超过”“以外”不包括本数）：市级认定符合条件；以“不超过”表述的上限包括上限本身（≤）。",
    ),
    4: (
        "绩效补助的基数",
        "基数为被考核年度内实际登记并实现的技术合同成交额（不是所签合同的票面金额）。据以补助的认定，是平台在该年度12月31日所持有的最高级别认定。每个平台每年最多补助一次（§6.7），不论其持有多少项认定。",
    ),
    5: (
        "上限而非应得额",
        "“不超过”规定的是最高额。本库计算的是最高可支付额；实际决定的金额可以更低，本库据此最高额核对已决定或已支付的金额。",
    ),
    6: (
        "新建平台的计数",
        "一个平台只计一次，计在其首次成为重大平台之日（使其成为重大平台的首项批准立项或备案之日，不论在何时）；只有该日期在规划期内且不晚于报告截至日，才计入本方案。规划期前已是重大平台的，即使在规划期内升级，也不计入。四个园区之外的平台计入全区合计及其主管部门，不计入任何园区；附件合计（§A.T）为各园区之和。",
    ),
    7: (
        "金额",
        "金额以元为单位，用 `decimal.Decimal` 表示，精确到分（0.01）。金额没有小于一分的部分才有效（`1.000` 即 1.00；`1.001` 无效）。计算所得的最高额向下取整到分，从不向上。`万元` = 10,000 元。",
    ),
    8: (
        "适用期间",
        "本方案为区级 2021—2025 年方案。其资金规定适用于日期在 `plan_start … plan_end` 之内的批准立项，以及 `plan_start.year ≤ Y ≤ plan_end.year` 的被考核年度 Y；期间之外的批准立项或考核，列为本方案不予支持并说明原因，既不支付，也不计入以后的补差。规划期前取得的认定仍视为持有：它使规划期内的年度符合绩效补助条件。一事一议决定（§6.2）一律照列，日期在期间之外的附警示。分析人员可通过修改 `plan_start` 和 `plan_end` 移动期间。",
    ),
    9: (
        "“就高，不重复”的适用范围",
        "“就高原则，不重复补助”只在同一类支持之内适用：批准立项的配套支持与年度绩效补助是不同事项，同一平台可在同一年度同时获得两者。",
    ),
    10: (
        "资金何时到期",
        "原文规定可以支付什么，未规定何时支付。配套支持在批准立项之日到期；Y 年度的绩效补助在"
        "其考核结果决定之日到期（一年的考核不可能早于该年结束），登记册未记载该日期的，在 Y + 1 "
        "年 3 月 31 日到期；一事一议支持在其决定之日到期。这只确定区级负担的时间，用于预算，"
        "不改变任何金额。",
    ),
    11: (
        "政策的版本",
        "审议稿可能修订。政策的后一版本适用于自其首日起批准立项的事项、其 12 月 31 日落在该版本内"
        "的年度的绩效补助（解读4所用的日期），以及决定日期在该版本内的一事一议；各版本的规划期相同。",
    ),
}

READINGS: Mapping[int, Reading] = MappingProxyType(
    {
        n: Reading(
            n, title, ids, text, n in _POLICY_FIELDS, _POLICY_FIELDS.get(n, ()), *_READING_ZH[n]
        )
        for n, title, ids, text in _READING_TABLE
    }
)
"""The readings that the text leaves open, by number (``CLAUSES.md``)."""


def clause(id: str) -> Clause:
    """The clause with this id, or a :class:`ValueError` that says which ids exist.

    >>> clause("§6.4").gloss
    'Provincial approval: matching support 1:0.5 of the higher-level funding, at most 5,000,000 yuan.'
    """
    try:
        return CLAUSES[id]
    except (KeyError, TypeError):
        raise PolicyValueError(
            f"clause: {id!r} is not a clause id of the policy; valid ids: " + ", ".join(CLAUSES),
            field="clause",
        ) from None


def reading(number: int) -> Reading:
    """The reading with this number (1 to 11), or a :class:`ValueError`."""
    try:
        return READINGS[number]
    except (KeyError, TypeError):
        raise PolicyValueError(
            f"reading: {number!r} is not a reading number; valid: "
            + ", ".join(str(n) for n in READINGS),
            field="reading",
        ) from None


def readings_touching(clause_id: str) -> tuple[Reading, ...]:
    """The readings that touch a clause, in order."""
    return tuple(r for r in READINGS.values() if clause_id in r.clauses)
