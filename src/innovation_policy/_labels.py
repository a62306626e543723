"""The labels of the policy: categories, levels, parks, bureaus, industries, ratings.

Every enum's *value* is the official Chinese name used in the policy text; member names
are English. ``parse`` accepts either, so input written by people or machines both work.
"""

from __future__ import annotations

import enum
from typing import Self, TypeVar

from ._errors import PolicyTypeError, PolicyValueError

__all__ = [
    "Bureau",
    "Category",
    "CityReading",
    "CoBuilder",
    "Industry",
    "Kind",
    "Level",
    "Park",
    "Rating",
    "UpgradeReading",
]


class _Label(enum.Enum):
    """An enum with a forgiving ``parse`` and a plain English name."""

    @classmethod
    def parse(cls, text: object, *, field: str | None = None) -> Self:
        """The member named by ``text``: its Chinese value or its English member name.

        Matching ignores surrounding spaces and the case of the English name. Anything
        else raises an error (a :class:`ValueError`) that lists the valid choices.
        """
        if isinstance(text, cls):
            return text
        where = f"{field}: " if field else ""
        if not isinstance(text, str):
            raise PolicyTypeError(
                f"{where}{text!r} is not a {cls.__name__} label; "
                f"expected text, one of {cls.choices()}",
                field=field,
            )
        key = text.strip()
        table = _lookup(cls)
        found = table.get(key) or table.get(key.upper().replace(" ", "_"))
        if found is None:
            raise PolicyValueError(
                f"{where}{text!r} is not a valid {cls.__name__}; valid: {cls.choices()}",
                field=field,
            )
        return found

    @classmethod
    def choices(cls) -> str:
        """The valid labels, Chinese and English, for error messages and help."""
        return ", ".join(f"{m.value} ({m.name})" for m in cls)

    @property
    def en(self) -> str:
        """A plain English name: ``Level.NATIONAL.en == 'national'``."""
        return _EN_NAMES.get(self.name) or self.name.lower().replace("_", " ")

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang``: the Chinese value (``zh``) or the English name (``en``)."""
        return self.en if lang == "en" else str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


_L = TypeVar("_L", bound=_Label)
# English names that are not the member name in lower case (acronyms).
_EN_NAMES = {"JITRI": "JITRI", "NEW_RD_INSTITUTION": "new R&D institution"}
_LOOKUPS: dict[type[_Label], dict[str, _Label]] = {}


def _lookup(cls: type[_L]) -> dict[str, _L]:
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {}
        for member in cls:
            table[str(member.value)] = member
            table[member.name] = member
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
    """A code whose value is an English word (not a policy label)."""

    def label(self, lang: str = "zh") -> str:
        return str(self.value)


class Kind(_Code):
    """The kind of a payable item or a payment."""

    MATCHING = "matching"
    PERFORMANCE = "performance"
    CASE = "case"

    @property
    def zh(self) -> str:
        """The Chinese name of the kind of support."""
        return _KIND_ZH[self]


_KIND_ZH = {Kind.MATCHING: "配套支持", Kind.PERFORMANCE: "绩效补助", Kind.CASE: "一事一议"}


class UpgradeReading(_Code):
    """Reading 1 of the clause catalogue: an upgrade within one platform (§6.3, §6.4, §6.7)."""

    TOP_UP = "top_up"
    EACH_APPROVAL = "each_approval"


class CityReading(_Code):
    """Reading 2 of the clause catalogue: city and district matching support (§6.5)."""

    CITY_EXCLUDES_DISTRICT = "city_excludes_district"
    TOP_UP = "top_up"
