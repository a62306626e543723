"""Step records and their rendering in Chinese and English.

A computation records its steps as data (:class:`Step`: a code, the clause ids that
decided it, the very values it used, and the running amount after it). Text is made only
when someone asks, by :func:`render`, so an explanation costs nothing until it is read
and can never disagree with the amount.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from ._errors import PolicyValueError
from ._labels import Kind, Level
from ._money import format_wan, format_yuan, round_down

__all__ = ["LANGS", "Step", "check_lang", "render", "render_value", "title"]

LANGS = ("zh", "en")


class Step(NamedTuple):
    """One step of a computation, as data.

    ``code`` names what the step did (``ratio``, ``cap``, ``round_down``, ...);
    ``clauses`` are the ids of the clauses that decided it; ``values`` are the values it
    used, in the order its sentence shows them; ``result`` is the amount after the step
    (``None`` for a step that only states an input or a fact).
    """

    code: str
    clauses: tuple[str, ...]
    values: tuple[object, ...]
    result: Decimal | None = None

    def text(self, lang: str = "zh") -> str:
        """This step as one sentence in ``lang``, with its clause ids."""
        return _sentence(self, check_lang(lang))


for _field, _doc in (
    ("code", "What the step did: ``ratio``, ``cap_applied``, ``round_down``, ..."),
    ("clauses", "The ids of the clauses that decided the step."),
    ("values", "The values the step used, in the order its sentence shows them."),
    ("result", "The amount after the step, or ``None`` for a step that states a fact."),
):
    getattr(Step, _field).__doc__ = _doc


def check_lang(lang: str) -> str:
    """``lang`` if it is a language the library writes (``zh`` or ``en``), else an error."""
    if lang not in LANGS:
        raise PolicyValueError(f"lang: {lang!r} is not supported; valid: zh, en", field="lang")
    return lang


def render_value(value: object, lang: str) -> str:
    """A value of a step as text: money with separators, labels in ``lang``, dates ISO."""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return str(label(lang)) if callable(label) else str(value.value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "无" if lang == "zh" else "none"
    return str(value)


def _yuan(value: object, lang: str) -> str:
    """Money as shown in an explanation: to the fen, or exactly where it is finer (an
    intermediate product before rounding), never rounded in the showing."""
    assert isinstance(value, Decimal)
    unit = " 元" if lang == "zh" else " yuan"
    shown = format_yuan(value) if value == round_down(value) else f"{value:,f}"
    return f"{shown}{unit}"


# For each step code: which of its values are money, and the sentence in zh and en.
# Placeholders {0}, {1}, ... are the step's values; {r} is its result.
_SENTENCES: dict[str, tuple[frozenset[int], str, str]] = {
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
}


def title(kind: Kind, level: Level | None, year: int | None, lang: str) -> str:
    """The title of an explanation: what the item is, from its kind, level and year."""
    if kind is Kind.CASE:
        return "一事一议支持" if lang == "zh" else "case-by-case support"
    if kind is Kind.PERFORMANCE:
        if year is None:
            return "绩效补助" if lang == "zh" else "performance grant"
        return f"{year}年度绩效补助" if lang == "zh" else f"performance grant for {year}"
    assert level is not None  # a matching award always has the level of its approval
    if level in (Level.NATIONAL, Level.PROVINCIAL):
        if lang == "zh":
            return f"{level.value}批准立项的配套支持"
        return f"matching support for a {level.en} approval"
    return (
        f"{level.value}认定（不予配套）"
        if lang == "zh"
        else f"a {level.en} recognition (not matched)"
    )


def _sentence(step: Step, lang: str) -> str:
    money_positions, zh, en = _SENTENCES[step.code]
    template = zh if lang == "zh" else en
    shown = [
        _yuan(v, lang) if i in money_positions else render_value(v, lang)
        for i, v in enumerate(step.values)
    ]
    result = _yuan(step.result, lang) if step.result is not None else ""
    sentence = template.format(*shown, r=result)
    cites = "、".join(step.clauses) if lang == "zh" else ", ".join(step.clauses)
    return f"{sentence}（{cites}）" if lang == "zh" else f"{sentence} ({cites})"


def render(title: str, steps: Iterable[Step], amount: Decimal, lang: str) -> str:
    """A whole explanation: a title line, the numbered steps, and the result line last."""
    lang = check_lang(lang)
    lines = [title]
    lines.extend(f"  {n}. {step.text(lang)}" for n, step in enumerate(steps, 1))
    last = (
        f"  最高可支付额（{format_wan(amount)}）：{_yuan(amount, lang)}"
        if lang == "zh"
        else f"  maximum payable ({format_wan(amount)}): {_yuan(amount, lang)}"
    )
    lines.append(last)
    return "\n".join(lines)
