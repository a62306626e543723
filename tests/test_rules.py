"""Classification (§3.0), bureaus (§4.1–§4.3) and non-cash entitlements (§6.8, §6.9).

The expected table is written out from the text of §3.0:
"其中技术创新中心、产业创新中心、制造业创新中心、科技公共服务平台为国家级和省级，
新型研发机构以市级备案为准，专业研究所认定原则上列入新型研发机构范围。"
(the first four categories are major only at national or provincial level; a new R&D
institution counts from municipal filing; a professional institute is, in principle,
counted as a new R&D institution), and from §4.1–§4.3 for the bureaus.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest

import innovation_policy as ip
from innovation_policy import Bureau, Category, Level

C = Category
L = Level

# §3.0: the levels at which each category is a major platform.
MAJOR_AT: dict[Category, set[Level]] = {
    C.TECHNOLOGY_INNOVATION_CENTER: {L.NATIONAL, L.PROVINCIAL},
    C.INDUSTRIAL_INNOVATION_CENTER: {L.NATIONAL, L.PROVINCIAL},
    C.MANUFACTURING_INNOVATION_CENTER: {L.NATIONAL, L.PROVINCIAL},
    C.PUBLIC_SERVICE_PLATFORM: {L.NATIONAL, L.PROVINCIAL},
    C.NEW_RD_INSTITUTION: {L.NATIONAL, L.PROVINCIAL, L.MUNICIPAL},  # 以市级备案为准
    C.PROFESSIONAL_INSTITUTE: {L.NATIONAL, L.PROVINCIAL, L.MUNICIPAL},  # 列入新型研发机构范围
}

# §3.0: what each category counts as.
COUNTS_AS: dict[Category, Category] = {c: c for c in Category} | {
    C.PROFESSIONAL_INSTITUTE: C.NEW_RD_INSTITUTION
}

# §4.1–§4.3: the responsible bureau and the clause that says so.
BUREAU: dict[Category, tuple[Bureau, str]] = {
    # §4.1 区科技局：技术创新中心、科技公共服务平台和新型研发机构（含专业研究所）
    C.TECHNOLOGY_INNOVATION_CENTER: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
    C.PUBLIC_SERVICE_PLATFORM: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
    C.NEW_RD_INSTITUTION: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
    C.PROFESSIONAL_INSTITUTE: (Bureau.SCIENCE_AND_TECHNOLOGY, "§4.1"),
    # §4.2 区发改委：产业创新中心
    C.INDUSTRIAL_INNOVATION_CENTER: (Bureau.DEVELOPMENT_AND_REFORM, "§4.2"),
    # §4.3 区工信局：制造业创新中心
    C.MANUFACTURING_INNOVATION_CENTER: (Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY, "§4.3"),
}

# §3.1–§3.6: the clause of each category.
OWN_CLAUSE: dict[Category, str] = {
    C.TECHNOLOGY_INNOVATION_CENTER: "§3.1",
    C.INDUSTRIAL_INNOVATION_CENTER: "§3.2",
    C.MANUFACTURING_INNOVATION_CENTER: "§3.3",
    C.PUBLIC_SERVICE_PLATFORM: "§3.4",
    C.NEW_RD_INSTITUTION: "§3.5",
    C.PROFESSIONAL_INSTITUTE: "§3.6",
}

ALL_PAIRS = list(itertools.product(Category, Level))


def test_the_expected_tables_cover_every_category_and_level() -> None:
    assert len(ALL_PAIRS) == 24
    for table in (MAJOR_AT, COUNTS_AS, BUREAU, OWN_CLAUSE):
        assert set(table) == set(Category)
    # Nothing is major at district level (§3.0 names no district platform).
    assert all(L.DISTRICT not in levels for levels in MAJOR_AT.values())


@pytest.mark.clause("§3.0", "§3.1", "§3.2", "§3.3", "§3.4", "§3.5", "§3.6")
@pytest.mark.parametrize(("category", "level"), ALL_PAIRS, ids=lambda x: x.name)
def test_classification_of_every_category_at_every_level(category: Category, level: Level) -> None:
    result = ip.classify(category, level)
    assert result.category is category
    assert result.level is level
    assert result.is_major is (level in MAJOR_AT[category])
    assert result.counts_as is COUNTS_AS[category]
    assert result.bureau is BUREAU[category][0]
    assert {"§3.0", OWN_CLAUSE[category], BUREAU[category][1]} <= set(result.clauses)
    assert all(c in ip.CLAUSES for c in result.clauses)


@pytest.mark.clause("§3.0", "§4.1")
def test_a_municipal_professional_institute_is_a_major_new_rd_institution() -> None:
    result = ip.classify(ip.Category.PROFESSIONAL_INSTITUTE, ip.Level.MUNICIPAL)
    assert result.is_major
    assert result.counts_as is Category.NEW_RD_INSTITUTION
    assert result.bureau is Bureau.SCIENCE_AND_TECHNOLOGY
    assert "§3.0" in result.clauses


@pytest.mark.clause("§3.0")
def test_a_municipal_technology_innovation_centre_is_not_major() -> None:
    result = ip.classify(Category.TECHNOLOGY_INNOVATION_CENTER, Level.MUNICIPAL)
    assert not result.is_major


@pytest.mark.clause("§3.0")
@pytest.mark.parametrize(
    ("category", "level", "major"),
    [
        ("新型研发机构", "市级", True),
        ("professional_institute", "district", False),
        (" 产业创新中心 ", "PROVINCIAL", True),
        ("制造业创新中心", "市级", False),
    ],
)
def test_classify_accepts_labels_as_text(category: str, level: str, major: bool) -> None:
    result = ip.classify(category, level)  # type: ignore[arg-type]
    assert result.is_major is major
    assert result.category is Category.parse(category)
    assert result.level is Level.parse(level)


def test_classify_refuses_an_unknown_label_naming_the_argument() -> None:
    with pytest.raises(ValueError, match=r"^category: ") as caught:
        ip.classify("实验室", Level.NATIONAL)  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)
    with pytest.raises(ValueError, match=r"^level: ") as caught:
        ip.classify(Category.NEW_RD_INSTITUTION, "县级")  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)


@pytest.mark.clause("§4.1", "§4.2", "§4.3")
@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.name)
def test_responsible_bureau_of_each_category(category: Category) -> None:
    assert ip.responsible_bureau(category) is BUREAU[category][0]
    assert ip.responsible_bureau(category.value) is BUREAU[category][0]  # type: ignore[arg-type]


@pytest.mark.clause("§4.1", "§4.2", "§4.3")
def test_each_bureau_is_responsible_for_the_categories_the_text_gives_it() -> None:
    by_bureau = {
        bureau: {c for c in Category if ip.responsible_bureau(c) is bureau} for bureau in Bureau
    }
    assert by_bureau == {
        Bureau.SCIENCE_AND_TECHNOLOGY: {
            C.TECHNOLOGY_INNOVATION_CENTER,
            C.PUBLIC_SERVICE_PLATFORM,
            C.NEW_RD_INSTITUTION,
            C.PROFESSIONAL_INSTITUTE,
        },
        Bureau.DEVELOPMENT_AND_REFORM: {C.INDUSTRIAL_INNOVATION_CENTER},
        Bureau.INDUSTRY_AND_INFORMATION_TECHNOLOGY: {C.MANUFACTURING_INNOVATION_CENTER},
    }


# ---------------------------------------------------------------------------------------
# §6.8, §6.9: what a major platform is entitled to besides money

# Phrases of §6.8 and §6.9, one per entitlement, with its clause.
ENTITLEMENT_TEXT = (
    ("§6.8", "建设用地"),  # 依法优先安排建设用地
    ("§6.8", "衍生孵化的企业"),  # 对平台衍生孵化的企业给予财政、土地、融资、租金等方面优惠支持
    ("§6.9", "国有科研机构待遇"),  # 运行主体……享受国有科研机构待遇
)


@pytest.mark.clause("§6.8", "§6.9")
@pytest.mark.parametrize(("category", "level"), ALL_PAIRS, ids=lambda x: x.name)
def test_a_major_platform_has_the_three_entitlements_and_no_other_has_any(
    category: Category, level: Level
) -> None:
    found = ip.entitlements(ip.classify(category, level))
    if level not in MAJOR_AT[category]:
        assert found == ()
        return
    assert len(found) == 3
    assert len({e.code for e in found}) == 3
    for entitlement, (clause_id, phrase) in zip(found, ENTITLEMENT_TEXT, strict=True):
        assert entitlement.clause == clause_id
        assert phrase in entitlement.label("zh")
        assert entitlement.label() == entitlement.label("zh")
        assert entitlement.label("en").isascii()
        assert entitlement.label("en")


def test_an_entitlement_refuses_an_unknown_language() -> None:
    entitlement = ip.entitlements(ip.classify(C.NEW_RD_INSTITUTION, L.MUNICIPAL))[0]
    with pytest.raises(ValueError, match="fr") as caught:
        entitlement.label("fr")
    assert isinstance(caught.value, ip.PolicyError)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: ip.responsible_bureau("实验室"), "category"),  # type: ignore[arg-type]
        (lambda: ip.matching_terms("县级"), "level"),  # type: ignore[arg-type]
        (lambda: ip.matching_subsidy("县级", 1), "level"),  # type: ignore[arg-type]
        (lambda: ip.performance_grant("县级", ip.Rating.EXCELLENT, 1), "level"),  # type: ignore[arg-type]
        (lambda: ip.performance_grant(None, "很好", 1), "rating"),  # type: ignore[arg-type]
    ],
    ids=[
        "responsible_bureau",
        "matching_terms",
        "matching_subsidy",
        "performance_grant level",
        "performance_grant rating",
    ],
)
def test_every_rule_names_the_argument_whose_label_it_refuses(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(ip.PolicyValueError) as caught:
        call()
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.clause("§6.6")
def test_a_performance_grant_without_a_year_is_titled_plainly() -> None:
    award = ip.performance_grant(Level.MUNICIPAL, ip.Rating.EXCELLENT, 2_000_000)
    assert award.explain().splitlines()[0] == "绩效补助"
    assert award.explain("en").splitlines()[0] == "performance grant"
    dated = ip.performance_grant(Level.MUNICIPAL, ip.Rating.EXCELLENT, 2_000_000, year=2023)
    assert dated.explain().splitlines()[0] == "2023年度绩效补助"
    assert dated.explain("en").splitlines()[0] == "performance grant for 2023"
    assert dated.amount == award.amount == Decimal("200000.00")
