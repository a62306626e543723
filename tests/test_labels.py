"""The labels of the policy: each enum's values are the names the policy text uses.

The expected names are copied from the policy text (``CLAUSES.md``), not from the
library: the categories of §3.0, the levels of §3.0/§6.3–§6.6, the parks of §2.1, the
bureaus of §4.1–§4.3, the industries of §2.1, the rating 优秀 of §6.6 and the four
co-builders of §3.6. ``parse`` accepts the Chinese name or the English member name and
refuses anything else, all members tested.
"""

from __future__ import annotations

import enum
from typing import cast

import pytest

import innovation_policy as ip

# (enum, member name, value) for every member, written out from the policy text, each
# marked with the clauses that name it. Values that the text does not spell carry no
# clause: the ratings other than 优秀 are the usual results of a 绩效考核, Industry.OTHER
# (其他) is the library's catch-all, and Kind and the readings are codes whose values are
# the English words analysts write.
MEMBERS_WITH_CLAUSES = [
    pytest.param(
        ip.Category,
        "TECHNOLOGY_INNOVATION_CENTER",
        "技术创新中心",
        id="Category.TECHNOLOGY_INNOVATION_CENTER",
        marks=pytest.mark.clause("§3.0", "§3.1"),
    ),
    pytest.param(
        ip.Category,
        "INDUSTRIAL_INNOVATION_CENTER",
        "产业创新中心",
        id="Category.INDUSTRIAL_INNOVATION_CENTER",
        marks=pytest.mark.clause("§3.0", "§3.2"),
    ),
    pytest.param(
        ip.Category,
        "MANUFACTURING_INNOVATION_CENTER",
        "制造业创新中心",
        id="Category.MANUFACTURING_INNOVATION_CENTER",
        marks=pytest.mark.clause("§3.0", "§3.3"),
    ),
    pytest.param(
        ip.Category,
        "PUBLIC_SERVICE_PLATFORM",
        "科技公共服务平台",
        id="Category.PUBLIC_SERVICE_PLATFORM",
        marks=pytest.mark.clause("§3.0", "§3.4"),
    ),
    pytest.param(
        ip.Category,
        "NEW_RD_INSTITUTION",
        "新型研发机构",
        id="Category.NEW_RD_INSTITUTION",
        marks=pytest.mark.clause("§3.0", "§3.5"),
    ),
    pytest.param(
        ip.Category,
        "PROFESSIONAL_INSTITUTE",
        "专业研究所",
        id="Category.PROFESSIONAL_INSTITUTE",
        marks=pytest.mark.clause("§3.0", "§3.6"),
    ),
    pytest.param(
        ip.Level,
        "NATIONAL",
        "国家级",
        id="Level.NATIONAL",
        marks=pytest.mark.clause("§3.0", "§6.3"),
    ),
    pytest.param(
        ip.Level,
        "PROVINCIAL",
        "省级",
        id="Level.PROVINCIAL",
        marks=pytest.mark.clause("§3.0", "§6.4"),
    ),
    pytest.param(
        ip.Level,
        "MUNICIPAL",
        "市级",
        id="Level.MUNICIPAL",
        marks=pytest.mark.clause("§3.0", "§6.6"),
    ),
    pytest.param(ip.Level, "DISTRICT", "区级", id="Level.DISTRICT"),
    pytest.param(
        ip.Park,
        "ECONOMIC_DEVELOPMENT_ZONE",
        "赣榆经济开发区",
        id="Park.ECONOMIC_DEVELOPMENT_ZONE",
        marks=pytest.mark.clause("§2.1", "§A.1"),
    ),
    pytest.param(
        ip.Park,
        "MARINE_ECONOMIC_DEVELOPMENT_ZONE",
        "赣榆海洋经济开发区",
        id="Park.MARINE_ECONOMIC_DEVELOPMENT_ZONE",
        marks=pytest.mark.clause("§2.1", "§A.2"),
    ),
    pytest.param(
        ip.Park,
        "HIGH_TECH_ZONE",
        "赣榆高新技术产业开发区（筹）",
        id="Park.HIGH_TECH_ZONE",
        marks=pytest.mark.clause("§2.1", "§A.3"),
    ),
    pytest.param(
        ip.Park,
        "HAIZHOU_BAY_BIOTECH_PARK",
        "赣榆海州湾生物科技园",
        id="Park.HAIZHOU_BAY_BIOTECH_PARK",
        marks=pytest.mark.clause("§2.1", "§A.4"),
    ),
    pytest.param(
        ip.Bureau,
        "SCIENCE_AND_TECHNOLOGY",
        "区科技局",
        id="Bureau.SCIENCE_AND_TECHNOLOGY",
        marks=pytest.mark.clause("§4.1"),
    ),
    pytest.param(
        ip.Bureau,
        "DEVELOPMENT_AND_REFORM",
        "区发改委",
        id="Bureau.DEVELOPMENT_AND_REFORM",
        marks=pytest.mark.clause("§4.2"),
    ),
    pytest.param(
        ip.Bureau,
        "INDUSTRY_AND_INFORMATION_TECHNOLOGY",
        "区工信局",
        id="Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY",
        marks=pytest.mark.clause("§4.3"),
    ),
    pytest.param(
        ip.Industry,
        "NEW_ENERGY",
        "新能源",
        id="Industry.NEW_ENERGY",
        marks=pytest.mark.clause("§2.1"),
    ),
    pytest.param(
        ip.Industry, "STEEL", "钢铁产业", id="Industry.STEEL", marks=pytest.mark.clause("§2.1")
    ),
    pytest.param(
        ip.Industry,
        "PETROCHEMICAL",
        "石化产业",
        id="Industry.PETROCHEMICAL",
        marks=pytest.mark.clause("§2.1"),
    ),
    pytest.param(
        ip.Industry,
        "BIOCHEMICAL",
        "生物化工",
        id="Industry.BIOCHEMICAL",
        marks=pytest.mark.clause("§2.1"),
    ),
    pytest.param(
        ip.Industry,
        "EQUIPMENT_MANUFACTURING",
        "装备制造",
        id="Industry.EQUIPMENT_MANUFACTURING",
        marks=pytest.mark.clause("§2.1"),
    ),
    pytest.param(
        ip.Industry,
        "MARINE_FISHERY",
        "海洋渔业",
        id="Industry.MARINE_FISHERY",
        marks=pytest.mark.clause("§2.1"),
    ),
    pytest.param(ip.Industry, "OTHER", "其他", id="Industry.OTHER"),
    pytest.param(
        ip.Rating, "EXCELLENT", "优秀", id="Rating.EXCELLENT", marks=pytest.mark.clause("§6.6")
    ),
    pytest.param(ip.Rating, "GOOD", "良好", id="Rating.GOOD"),
    pytest.param(ip.Rating, "PASS", "合格", id="Rating.PASS"),
    pytest.param(ip.Rating, "FAIL", "不合格", id="Rating.FAIL"),
    pytest.param(
        ip.CoBuilder,
        "DISTRICT_GOVERNMENT",
        "区政府",
        id="CoBuilder.DISTRICT_GOVERNMENT",
        marks=pytest.mark.clause("§3.6"),
    ),
    pytest.param(
        ip.CoBuilder, "PARK", "园区", id="CoBuilder.PARK", marks=pytest.mark.clause("§3.6")
    ),
    pytest.param(
        ip.CoBuilder,
        "JITRI",
        "江苏省产业技术研究院",
        id="CoBuilder.JITRI",
        marks=pytest.mark.clause("§3.6"),
    ),
    pytest.param(
        ip.CoBuilder,
        "TALENT_TEAM",
        "人才团队",
        id="CoBuilder.TALENT_TEAM",
        marks=pytest.mark.clause("§3.6"),
    ),
    pytest.param(ip.Kind, "MATCHING", "matching", id="Kind.MATCHING"),
    pytest.param(ip.Kind, "PERFORMANCE", "performance", id="Kind.PERFORMANCE"),
    pytest.param(ip.Kind, "CASE", "case", id="Kind.CASE"),
    pytest.param(ip.UpgradeReading, "TOP_UP", "top_up", id="UpgradeReading.TOP_UP"),
    pytest.param(
        ip.UpgradeReading, "EACH_APPROVAL", "each_approval", id="UpgradeReading.EACH_APPROVAL"
    ),
    pytest.param(
        ip.CityReading,
        "CITY_EXCLUDES_DISTRICT",
        "city_excludes_district",
        id="CityReading.CITY_EXCLUDES_DISTRICT",
    ),
    pytest.param(ip.CityReading, "TOP_UP", "top_up", id="CityReading.TOP_UP"),
]

EXPECTED: list[tuple[type[enum.Enum], str, str]] = [
    (cast(type[enum.Enum], p.values[0]), cast(str, p.values[1]), cast(str, p.values[2]))
    for p in MEMBERS_WITH_CLAUSES
]
MEMBERS = [pytest.param(e, n, v, id=f"{e.__name__}.{n}") for e, n, v in EXPECTED]


LABEL_ENUMS: tuple[type[enum.Enum], ...] = (
    ip.Category,
    ip.Level,
    ip.Park,
    ip.Bureau,
    ip.Industry,
    ip.Rating,
    ip.CoBuilder,
    ip.Kind,
    ip.UpgradeReading,
    ip.CityReading,
)


def _parse(enum_type: type[enum.Enum], text: object) -> enum.Enum:
    parse = getattr(enum_type, "parse")  # noqa: B009 - every label enum has it
    result = parse(text)
    assert isinstance(result, enum_type)
    return result


@pytest.mark.parametrize("enum_type", LABEL_ENUMS, ids=lambda e: e.__name__)
def test_each_enum_has_exactly_the_members_of_the_text(enum_type: type[enum.Enum]) -> None:
    expected = [(n, v) for e, n, v in EXPECTED if e is enum_type]
    assert [(m.name, m.value) for m in enum_type] == expected


@pytest.mark.clause("§3.0")
def test_the_six_categories_in_the_order_of_the_text() -> None:
    assert [c.value for c in ip.Category] == [
        "技术创新中心",
        "产业创新中心",
        "制造业创新中心",
        "科技公共服务平台",
        "新型研发机构",
        "专业研究所",
    ]


@pytest.mark.clause("§2.1")
def test_the_four_parks_and_six_industries_of_the_text() -> None:
    assert len(ip.Park) == 4
    assert len([i for i in ip.Industry if i is not ip.Industry.OTHER]) == 6


@pytest.mark.parametrize(("enum_type", "name", "value"), MEMBERS_WITH_CLAUSES)
def test_value_is_the_name_the_text_uses(enum_type: type[enum.Enum], name: str, value: str) -> None:
    member = enum_type[name]
    assert member.value == value
    assert enum_type(value) is member


def test_a_category_is_found_by_its_chinese_name() -> None:
    assert ip.Category("产业创新中心") is ip.Category.INDUSTRIAL_INNOVATION_CENTER


def _spellings(name: str, value: str) -> list[str]:
    return [
        value,
        f"  {value}  ",
        f"\t{value}\n",
        f"\u3000{value}\u3000",  # the ideographic space of Chinese text
        name,
        name.lower(),
        name.title(),
        name.capitalize(),
        f" {name.lower()} ",
    ]


@pytest.mark.parametrize(("enum_type", "name", "value"), MEMBERS)
def test_parse_accepts_the_chinese_name_or_the_english_name_in_any_case(
    enum_type: type[enum.Enum], name: str, value: str
) -> None:
    member = enum_type[name]
    for text in _spellings(name, value):
        assert _parse(enum_type, text) is member, text


@pytest.mark.parametrize(("enum_type", "name", "value"), MEMBERS)
def test_parse_returns_a_member_unchanged(
    enum_type: type[enum.Enum], name: str, value: str
) -> None:
    member = enum_type[name]
    assert _parse(enum_type, member) is member


def _wrong_texts(enum_type: type[enum.Enum]) -> list[str]:
    """Texts that name no member of ``enum_type``."""
    first = next(iter(enum_type))
    others = [m for e in LABEL_ENUMS if e is not enum_type for m in e]
    wrong = [
        "",
        "   ",
        "foo",
        "国家",  # part of a Chinese name
        f"{first.value}x",
        f"{first.value[:1]} {first.value[1:]}",  # a space inside
        f"{enum_type.__name__}.{first.name}",
        first.name + "S",
        first.name + "_",
        first.name[:-1],
    ]
    # The names of members of the other enums, unless the same text names one here.
    own = {str(m.value) for m in enum_type} | {m.name for m in enum_type}
    wrong.extend(
        text
        for m in others
        for text in (str(m.value), m.name)
        if text not in own and text.upper() not in own
    )
    return wrong


@pytest.mark.parametrize("enum_type", LABEL_ENUMS, ids=lambda e: e.__name__)
def test_parse_refuses_any_other_text_with_the_valid_choices(
    enum_type: type[enum.Enum],
) -> None:
    for text in _wrong_texts(enum_type):
        with pytest.raises(ip.PolicyError) as caught:
            _parse(enum_type, text)
        error = caught.value
        assert isinstance(error, ValueError), text
        message = str(error)
        for member in enum_type:
            assert str(member.value) in message, (text, message)
            assert member.name in message, (text, message)


@pytest.mark.parametrize("enum_type", LABEL_ENUMS, ids=lambda e: e.__name__)
def test_parse_refuses_what_is_not_text_with_a_type_error(enum_type: type[enum.Enum]) -> None:
    other = ip.Rating.EXCELLENT if enum_type is not ip.Rating else ip.Level.NATIONAL
    for value in (None, 1, 0, 1.0, True, b"NATIONAL", ["国家级"], other):
        with pytest.raises(TypeError) as caught:
            _parse(enum_type, value)
        assert isinstance(caught.value, ip.PolicyError), value
        for member in enum_type:
            assert str(member.value) in str(caught.value)


def test_parse_names_the_field_in_its_error() -> None:
    with pytest.raises(ValueError, match=r"^level: 'county'") as caught:
        ip.Level.parse("county", field="level")
    assert isinstance(caught.value, ip.PolicyError)
    assert caught.value.field == "level"


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (ip.Kind.MATCHING, "配套支持", "matching support"),
        (ip.Kind.PERFORMANCE, "绩效补助", "performance grant"),
        (ip.Kind.CASE, "一事一议", "case-by-case"),
        (ip.UpgradeReading.TOP_UP, "就高补差", "top-up"),
        (ip.UpgradeReading.EACH_APPROVAL, "逐项配套", "each approval"),
        (
            ip.CityReading.CITY_EXCLUDES_DISTRICT,
            "市级已奖励的，区级不再奖励",
            "city excludes district",
        ),
        (ip.CityReading.TOP_UP, "区级补足市级奖励的差额", "top-up"),
    ],
    ids=repr,
)
def test_a_code_has_a_name_in_chinese_and_in_english(code: enum.Enum, zh: str, en: str) -> None:
    # Kinds and readings are codes that analysts write (`--reading upgrade=each_approval`);
    # their names in either language come from the vocabulary, Chinese by default.
    label = getattr(code, "label")  # noqa: B009 - every code enum has it
    assert label("zh") == zh
    assert label("en") == en
    assert label() == zh
    assert code.value.isascii()
