"""The labels of the policy (categories, levels, parks, bureaus, industries, ratings)
and the codes of the library's results (kinds, readings, findings, notices, steps).

Every label's *value* is the official Chinese name used in the policy text; member names
are English. ``parse`` accepts either, so input written by people or machines both work.
A code's value is an English word. The words for both, in Chinese and English, are in
the vocabulary (``_vocabulary``).
"""

from __future__ import annotations

import enum
from typing import Self, TypeVar

from ._errors import Path, PolicyTypeError, PolicyValueError, ProblemCode, shown
from ._vocabulary import BUDGET_STATUSES, ESTIMATE_SOURCES, LABELS, check_lang

__all__ = [
    "BudgetStatus",
    "Bureau",
    "Category",
    "CheckCode",
    "CityReading",
    "CoBuilder",
    "EstimateSource",
    "FindingCode",
    "Industry",
    "Kind",
    "Level",
    "NoticeCode",
    "Park",
    "Rating",
    "StepCode",
    "UpgradeReading",
]


class _Label(enum.Enum):
    """An enum with a forgiving ``parse`` and a plain English name."""

    @classmethod
    def parse(cls, text: object, *, field: str | Path | None = None) -> Self:
        """The member named by ``text``: its Chinese value or its English member name.

        Matching ignores surrounding spaces and the case of the English name. Anything
        else raises an error (a :class:`ValueError`) that lists the valid choices.
        """
        if isinstance(text, cls):
            return text
        if not isinstance(text, str):
            raise PolicyTypeError(
                f"{shown(text)} is not a {cls.__name__} label; "
                f"expected text, one of {cls.choices()}",
                path=field,
                code=ProblemCode.NOT_A_LABEL,
                value=text,
            )
        key = text.strip()
        table = _lookup(cls)
        found = table.get(key) or table.get(key.upper().replace(" ", "_"))
        if found is None:
            raise PolicyValueError(
                f"{shown(text)} is not a valid {cls.__name__}; valid: {cls.choices()}",
                path=field,
                code=ProblemCode.NOT_A_LABEL,
                value=text,
            )
        return found

    @classmethod
    def choices(cls) -> str:
        """The valid labels, Chinese and English, for error messages and help."""
        return ", ".join(f"{m.value} ({m.name})" for m in cls)

    @property
    def en(self) -> str:
        """A plain English name: ``Level.NATIONAL.en == 'national'``."""
        pair = LABELS.get(f"{type(self).__name__}.{self.name}")
        return pair[1] if pair else self.name.lower().replace("_", " ")

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang``: the Chinese value (``zh``) or the English name (``en``)."""
        return self.en if check_lang(lang) == "en" else str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


_L = TypeVar("_L", bound=_Label)
_LOOKUPS: dict[type[_Label], dict[str, _Label]] = {}


def _lookup(cls: type[_L]) -> dict[str, _L]:
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {}
        words = not issubclass(cls, _Code)  # a code is written as its code, never a word
        for member in cls:
            table[str(member.value)] = member
            table[member.name] = member
            if words:
                table[member.en.upper().replace(" ", "_")] = member
        _LOOKUPS[cls] = table
    return table  # type: ignore[return-value]


class Category(_Label):
    """The six categories of major industrial innovation platforms (§3.0, §3.1–§3.6)."""

    TECHNOLOGY_INNOVATION_CENTER = "技术创新中心"
    INDUSTRIAL_INNOVATION_CENTER = "产业创新中心"
    MANUFACTURING_INNOVATION_CENTER = "制造业创新中心"
    PUBLIC_SERVICE_PLATFORM = "科技公共服务平台"
    NEW_RD_INSTITUTION = "新型研发机构"
    PROFESSIONAL_INSTITUTE = "专业研究所"


class Level(_Label):
    """The level of an approval, filing or recognition (§3.0, §6.3–§6.6)."""

    NATIONAL = "国家级"
    PROVINCIAL = "省级"
    MUNICIPAL = "市级"
    DISTRICT = "区级"

    @property
    def rank(self) -> int:
        """Order of the levels: district 1 < municipal 2 < provincial 3 < national 4."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.DISTRICT: 1, Level.MUNICIPAL: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}


class Park(_Label):
    """The four parks that are the building bodies of the plan (§2.1, §A.1–§A.4)."""

    ECONOMIC_DEVELOPMENT_ZONE = "赣榆经济开发区"
    MARINE_ECONOMIC_DEVELOPMENT_ZONE = "赣榆海洋经济开发区"
    HIGH_TECH_ZONE = "赣榆高新技术产业开发区（筹）"
    HAIZHOU_BAY_BIOTECH_PARK = "赣榆海州湾生物科技园"


class Bureau(_Label):
    """The district bureaus responsible for the categories (§4.1–§4.3)."""

    SCIENCE_AND_TECHNOLOGY = "区科技局"
    DEVELOPMENT_AND_REFORM = "区发改委"
    INDUSTRY_AND_INFORMATION_TECHNOLOGY = "区工信局"


class Industry(_Label):
    """The six leading and characteristic industries of §2.1, and ``OTHER``."""

    NEW_ENERGY = "新能源"
    STEEL = "钢铁产业"
    PETROCHEMICAL = "石化产业"
    BIOCHEMICAL = "生物化工"
    EQUIPMENT_MANUFACTURING = "装备制造"
    MARINE_FISHERY = "海洋渔业"
    OTHER = "其他"


class Rating(_Label):
    """The result of the yearly performance evaluation (绩效考核, §6.6)."""

    EXCELLENT = "优秀"
    GOOD = "良好"
    PASS = "合格"
    FAIL = "不合格"


class CoBuilder(_Label):
    """The four parties that co-build a professional institute (§3.6)."""

    DISTRICT_GOVERNMENT = "区政府"
    PARK = "园区"
    JITRI = "江苏省产业技术研究院"
    TALENT_TEAM = "人才团队"


class _Code(_Label):
    """A code whose value is an English word (not a policy label), with its words in
    Chinese and English from the vocabulary."""

    @property
    def zh(self) -> str:
        """The Chinese name of the code."""
        return LABELS[f"{type(self).__name__}.{self.name}"][0]

    def label(self, lang: str = "zh") -> str:
        """The code's name in ``lang``: ``Kind.MATCHING.label("zh") == "配套支持"``."""
        return self.zh if check_lang(lang) == "zh" else self.en


class Kind(_Code):
    """The kind of a payable item or a payment."""

    MATCHING = "matching"
    PERFORMANCE = "performance"
    CASE = "case"


class UpgradeReading(_Code):
    """Reading 1 of the clause catalogue: an upgrade within one platform (§6.3, §6.4, §6.7)."""

    TOP_UP = "top_up"
    EACH_APPROVAL = "each_approval"


class CityReading(_Code):
    """Reading 2 of the clause catalogue: city and district matching support (§6.5)."""

    CITY_EXCLUDES_DISTRICT = "city_excludes_district"
    TOP_UP = "top_up"


class _StrCode(enum.StrEnum):
    """A code of a result: equal to its English value (``FindingCode.DUPLICATE ==
    "duplicate"``), written as that value in documents."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class FindingCode(_StrCode):
    """What the audit questions about a payment (§6.2, §6.5, §6.7; reading 5)."""

    NOT_PAYABLE = "not_payable"
    DUPLICATE = "duplicate"
    OVERPAID = "overpaid"
    NO_CASE_DECISION = "no_case_decision"

    def label(self, lang: str = "zh") -> str:
        """The finding's name in ``lang``: ``重复支付`` / ``duplicate``."""
        return LABELS[f"FindingCode.{self.name}"][0 if check_lang(lang) == "zh" else 1]


class NoticeCode(_StrCode):
    """A warning about a register or an assessment: allowed, but worth a second look."""

    INDUSTRY_NOT_FOCUS = "industry_not_focus"
    CO_BUILDERS_INCOMPLETE = "co_builders_incomplete"
    CASE_OUTSIDE_PERIOD = "case_outside_period"


class CheckCode(_StrCode):
    """A check of the policy's targets against each other (§2.2, §4.1–§4.3, §A)."""

    PARK_TARGETS_SUM_TO_ANNEX_TOTAL = "park_targets_sum_to_annex_total"
    PARK_FIRST_YEAR_TARGETS_SUM_TO_ANNEX_FIRST_YEAR_TOTAL = (
        "park_first_year_targets_sum_to_annex_first_year_total"
    )
    BUREAU_TARGETS_WITHIN_DISTRICT_TARGET = "bureau_targets_within_district_target"
    ANNEX_TOTAL_WITHIN_DISTRICT_TARGET = "annex_total_within_district_target"


class StepCode(_StrCode):
    """What one step of a computation did; its sentence is in the vocabulary."""

    MATCHING_BASE = "matching_base"
    MATCHING_LEVEL_NOT_ELIGIBLE = "matching_level_not_eligible"
    RATIO = "ratio"
    CAP_APPLIED = "cap_applied"
    CAP_NOT_APPLIED = "cap_not_applied"
    ROUND_DOWN = "round_down"
    PERFORMANCE_BASE = "performance_base"
    RATING_NOT_EXCELLENT = "rating_not_excellent"
    LEVEL_BELOW_MUNICIPAL = "level_below_municipal"
    RATE = "rate"
    OUTSIDE_PERIOD = "outside_period"
    YEAR_OUTSIDE_PERIOD = "year_outside_period"
    EACH_APPROVAL = "each_approval"
    UPGRADE_TOP_UP = "upgrade_top_up"
    CITY_EXCLUDES_DISTRICT = "city_excludes_district"
    CITY_TOP_UP = "city_top_up"
    COUNTY_STANDARD_CAP = "county_standard_cap"
    PERFORMANCE_CITY = "performance_city"
    CASE_DECISION = "case_decision"
    CASE_OUTSIDE_PERIOD = "case_outside_period"
    POLICY_VERSION = "policy_version"
    FUNDING_UNKNOWN = "funding_unknown"
    TURNOVER_UNKNOWN = "turnover_unknown"


class BudgetStatus(_StrCode):
    """Where an item of the budget stands as of a date (§6.2–§6.6; reading 10).

    ``ready``: every fact it needs is recorded and it is due: pay without application;
    ``needs_data``: a fact it needs is recorded as unknown (named in ``missing``);
    ``needs_decision``: a case-by-case item (§6.2), paid on its decision, not a formula;
    ``not_yet_due``: it falls due after the date.
    """

    READY = "ready"
    NEEDS_DATA = "needs_data"
    NEEDS_DECISION = "needs_decision"
    NOT_YET_DUE = "not_yet_due"

    def label(self, lang: str = "zh") -> str:
        """The status's name in ``lang``: ``可直接拨付`` / ``ready``."""
        return BUDGET_STATUSES[self.value][0 if check_lang(lang) == "zh" else 1]


class EstimateSource(_StrCode):
    """Where an assumption of a forecast's scenario comes from (§2.2, §4.1–§4.3, §A)."""

    HISTORY = "history"
    CAP = "cap"
    SCENARIO = "scenario"

    def label(self, lang: str = "zh") -> str:
        """The source's name in ``lang``: ``台账历史`` / ``register history``."""
        return ESTIMATE_SOURCES[self.value][0 if check_lang(lang) == "zh" else 1]
