"""The money rules, case by case, in the words an auditor would use.

§6.3 获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元；
§6.4 获得省级批准立项的重大产业创新平台，按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元。
§6.6 对获得市级以上认定的创新平台，绩效考核优秀的，给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万。

Every expected amount is worked by hand from these sentences (and reading 7: a maximum
is rounded down to the fen), shown in the comment beside it.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

import attrs
import pytest

import innovation_policy as ip
from innovation_policy import GANYU_2021, Level, Rating

D = Decimal

# ---------------------------------------------------------------------------------------
# §6.3: national approval, 1:1, at most 10,000,000 yuan


@pytest.mark.clause("§6.3")
def test_national_approval_with_15000000_of_funding_is_capped_at_10000000() -> None:
    # 15,000,000 × 1 = 15,000,000 > 10,000,000
    award = ip.matching_subsidy(Level.NATIONAL, D("15000000"))
    assert award.amount == D("10000000.00")
    assert award.eligible
    assert award.clauses == ("§6.3",)


@pytest.mark.clause("§6.3")
def test_national_approval_with_10000000_01_of_funding_is_capped_at_10000000_00() -> None:
    # 10,000,000.01 × 1 = 10,000,000.01 > 10,000,000.00
    assert ip.matching_subsidy(Level.NATIONAL, D("10000000.01")).amount == D("10000000.00")


@pytest.mark.clause("§6.3")
def test_national_approval_with_exactly_10000000_of_funding_gets_all_10000000() -> None:
    # 不超过 is inclusive (reading 3): 10,000,000 × 1 = 10,000,000, at the cap
    assert ip.matching_subsidy(Level.NATIONAL, D("10000000")).amount == D("10000000.00")


@pytest.mark.clause("§6.3")
def test_national_approval_with_3456789_12_of_funding_is_matched_one_for_one() -> None:
    # 3,456,789.12 × 1 = 3,456,789.12
    award = ip.matching_subsidy(Level.NATIONAL, D("3456789.12"))
    assert award.amount == D("3456789.12")
    assert str(award.amount) == "3456789.12"


@pytest.mark.clause("§6.3")
def test_national_approval_with_no_funding_gets_nothing() -> None:
    award = ip.matching_subsidy(Level.NATIONAL, 0)
    assert award.amount == 0
    assert str(award.amount) == "0.00"


# ---------------------------------------------------------------------------------------
# §6.4: provincial approval, 1:0.5, at most 5,000,000 yuan


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_6000000_of_funding_gets_3000000() -> None:
    # 6,000,000 × 0.5 = 3,000,000 ≤ 5,000,000
    award = ip.matching_subsidy(Level.PROVINCIAL, D("6000000"))
    assert award.amount == D("3000000.00")
    assert award.eligible
    assert award.clauses == ("§6.4",)


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_12000000_of_funding_is_capped_at_5000000() -> None:
    # 12,000,000 × 0.5 = 6,000,000 > 5,000,000
    assert ip.matching_subsidy(Level.PROVINCIAL, D("12000000")).amount == D("5000000.00")


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_exactly_10000000_of_funding_gets_all_5000000() -> None:
    # 10,000,000 × 0.5 = 5,000,000, at the cap (inclusive)
    assert ip.matching_subsidy(Level.PROVINCIAL, D("10000000")).amount == D("5000000.00")


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_10000000_02_of_funding_is_capped_at_5000000_00() -> None:
    # 10,000,000.02 × 0.5 = 5,000,000.01 > 5,000,000.00
    assert ip.matching_subsidy(Level.PROVINCIAL, D("10000000.02")).amount == D("5000000.00")


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_0_03_of_funding_gets_0_01_rounded_down() -> None:
    # 0.03 × 0.5 = 0.015, rounded down to the fen (reading 7): 0.01, not 0.02
    award = ip.matching_subsidy(Level.PROVINCIAL, D("0.03"))
    assert award.amount == D("0.01")


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_9999999_99_of_funding_gets_4999999_99_rounded_down() -> None:
    # 9,999,999.99 × 0.5 = 4,999,999.995 → 4,999,999.99
    assert ip.matching_subsidy(Level.PROVINCIAL, D("9999999.99")).amount == D("4999999.99")


@pytest.mark.clause("§6.4")
def test_provincial_approval_with_0_01_of_funding_gets_nothing_after_rounding_down() -> None:
    # 0.01 × 0.5 = 0.005 → 0.00; still an eligible approval
    award = ip.matching_subsidy(Level.PROVINCIAL, D("0.01"))
    assert award.amount == D("0.00")
    assert award.eligible


# ---------------------------------------------------------------------------------------
# Only national and provincial approvals are matched


@pytest.mark.clause("§6.3", "§6.4")
@pytest.mark.parametrize("level", [Level.MUNICIPAL, Level.DISTRICT], ids=lambda x: x.name)
@pytest.mark.parametrize("funding", [D("0"), D("6000000"), D("15000000")], ids=str)
def test_municipal_or_district_recognition_is_not_matched(level: Level, funding: Decimal) -> None:
    award = ip.matching_subsidy(level, funding)
    assert not award.eligible
    assert award.amount == 0
    assert not award.amount.is_signed()
    assert set(award.clauses) == {"§6.3", "§6.4"}
    zh = award.explain()
    assert "国家级或省级" in zh
    assert level.value in zh
    assert zh.splitlines()[-1].endswith("0.00 元")
    en = award.explain("en")
    assert "national or provincial" in en
    assert level.name.lower() in en
    assert en.splitlines()[-1].endswith("0.00 yuan")


# ---------------------------------------------------------------------------------------
# §6.6: the performance grant


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize(
    "level", [Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL], ids=lambda x: x.name
)
def test_excellent_platform_recognised_at_municipal_level_or_above_gets_10_percent(
    level: Level,
) -> None:
    # 市级以上 includes 市级 (reading 3): 5,000,000 × 10% = 500,000 ≤ 1,000,000
    award = ip.performance_grant(level, Rating.EXCELLENT, D("5000000"))
    assert award.eligible
    assert award.amount == D("500000.00")
    assert award.clauses == ("§6.6",)


@pytest.mark.clause("§6.6")
def test_municipal_excellent_platform_with_5000000_of_turnover_gets_500000() -> None:
    award = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("5000000"))
    assert award.amount == D("500000.00")


@pytest.mark.clause("§6.6")
def test_excellent_platform_with_20000000_of_turnover_is_capped_at_1000000() -> None:
    # 20,000,000 × 10% = 2,000,000 > 1,000,000
    award = ip.performance_grant(Level.NATIONAL, Rating.EXCELLENT, D("20000000"))
    assert award.amount == D("1000000.00")


@pytest.mark.clause("§6.6")
def test_excellent_platform_with_exactly_10000000_of_turnover_gets_all_1000000() -> None:
    # 10,000,000 × 10% = 1,000,000, at the cap (inclusive)
    award = ip.performance_grant(Level.PROVINCIAL, Rating.EXCELLENT, D("10000000"))
    assert award.amount == D("1000000.00")


@pytest.mark.clause("§6.6")
def test_excellent_platform_with_10000000_10_of_turnover_is_capped_at_1000000_00() -> None:
    # 10,000,000.10 × 10% = 1,000,000.01 > 1,000,000.00
    award = ip.performance_grant(Level.PROVINCIAL, Rating.EXCELLENT, D("10000000.10"))
    assert award.amount == D("1000000.00")


@pytest.mark.clause("§6.6")
def test_excellent_platform_with_1234567_89_of_turnover_gets_123456_78_rounded_down() -> None:
    # 1,234,567.89 × 10% = 123,456.789 → 123,456.78
    award = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("1234567.89"))
    assert award.amount == D("123456.78")


@pytest.mark.clause("§6.6")
def test_excellent_platform_with_0_09_of_turnover_gets_nothing_after_rounding_down() -> None:
    # 0.09 × 10% = 0.009 → 0.00
    award = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("0.09"))
    assert award.eligible
    assert award.amount == D("0.00")


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize("rating", [Rating.EXCELLENT, Rating.GOOD], ids=lambda x: x.name)
def test_district_recognition_or_none_gets_no_performance_grant(rating: Rating) -> None:
    for level in (Level.DISTRICT, None):
        award = ip.performance_grant(level, rating, D("5000000"))
        assert not award.eligible
        assert award.amount == 0
        assert not award.amount.is_signed()


@pytest.mark.clause("§6.6")
def test_district_excellent_platform_is_told_it_is_below_municipal() -> None:
    award = ip.performance_grant(Level.DISTRICT, Rating.EXCELLENT, D("5000000"))
    assert "市级以上" in award.explain()
    assert "below municipal" in award.explain("en")


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize("level", [*Level, None], ids=lambda x: getattr(x, "name", "NONE"))
@pytest.mark.parametrize("rating", [Rating.GOOD, Rating.PASS, Rating.FAIL], ids=lambda x: x.name)
def test_a_platform_not_rated_excellent_gets_no_performance_grant(
    level: Level | None, rating: Rating
) -> None:
    award = ip.performance_grant(level, rating, D("20000000"))
    assert not award.eligible
    assert award.amount == 0
    assert award.clauses == ("§6.6",)
    if level is not Level.DISTRICT and level is not None:
        assert "优秀" in award.explain()
        assert rating.value in award.explain()
        assert "not excellent" in award.explain("en")


@pytest.mark.clause("§6.6")
def test_the_rated_year_names_the_grant() -> None:
    award = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("5000000"), year=2023)
    assert award.explain().splitlines()[0].startswith("2023")
    assert "2023" in award.explain("en").splitlines()[0]


# ---------------------------------------------------------------------------------------
# Explanations


@pytest.mark.clause("§6.4")
def test_explanation_of_a_provincial_approval_with_1200_wan_is_chinese_and_ends_at_5000000() -> (
    None
):
    # 1200万元 = 12,000,000 × 0.5 = 6,000,000 > 5,000,000
    award = ip.matching_subsidy(Level.PROVINCIAL, ip.wan(1200))
    text = award.explain()
    assert text == award.explain("zh")
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert "省级" in text
    assert "§6.4" in text
    assert "§6.3" not in text
    lines = text.splitlines()
    assert "5,000,000.00" in lines[-1]
    assert "500万元" in lines[-1]
    # the base, the product and the cap are all shown, for a calculator
    assert "12,000,000.00" in text
    assert "6,000,000.00" in text
    assert "0.5" in text


@pytest.mark.clause("§6.4")
def test_explanation_of_a_provincial_approval_in_english() -> None:
    award = ip.matching_subsidy(Level.PROVINCIAL, ip.wan(1200))
    text = award.explain("en")
    assert not re.search(r"[\u4e00-\u9fff]", text.replace("万元", ""))
    assert "provincial" in text
    assert "§6.4" in text
    assert "12,000,000.00 yuan" in text
    assert text.splitlines()[-1].endswith("5,000,000.00 yuan")


@pytest.mark.clause("§6.6")
def test_explanation_of_a_capped_performance_grant_cites_6_6_and_ends_at_1000000() -> None:
    award = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("20000000"))
    for lang in ("zh", "en"):
        text = award.explain(lang)
        assert "§6.6" in text
        assert "20,000,000.00" in text
        assert "2,000,000.00" in text
        assert "1,000,000.00" in text.splitlines()[-1]


def test_explanation_refuses_an_unknown_language() -> None:
    award = ip.matching_subsidy(Level.NATIONAL, D("1"))
    with pytest.raises(ValueError, match="fr") as caught:
        award.explain("fr")
    assert isinstance(caught.value, ip.PolicyError)


# ---------------------------------------------------------------------------------------
# Bad input is refused, naming the argument


BAD_MONEY: list[tuple[object, type[Exception]]] = [
    (1000000.0, TypeError),
    (True, TypeError),
    ("1000000", TypeError),
    (None, TypeError),
    (D("-1"), ValueError),
    (-1, ValueError),
    (D("NaN"), ValueError),
    (D("Infinity"), ValueError),
    (D("1000000.001"), ValueError),
]


@pytest.mark.parametrize(("value", "error"), BAD_MONEY, ids=repr)
@pytest.mark.parametrize("level", list(Level), ids=lambda x: x.name)
def test_bad_superior_funding_is_refused_naming_superior_funding(
    value: object, error: type[Exception], level: Level
) -> None:
    with pytest.raises(error) as caught:
        ip.matching_subsidy(level, value)  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)
    assert caught.value.field == "superior_funding"
    assert str(caught.value).startswith("superior_funding: ")


@pytest.mark.parametrize(("value", "error"), BAD_MONEY, ids=repr)
@pytest.mark.parametrize("rating", [Rating.EXCELLENT, Rating.FAIL], ids=lambda x: x.name)
def test_bad_turnover_is_refused_naming_turnover(
    value: object, error: type[Exception], rating: Rating
) -> None:
    with pytest.raises(error) as caught:
        ip.performance_grant(Level.MUNICIPAL, rating, value)  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)
    assert caught.value.field == "turnover"
    assert str(caught.value).startswith("turnover: ")


def test_an_unknown_level_or_rating_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match=r"^level: ") as caught:
        ip.matching_subsidy("县级", D("1"))  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)
    with pytest.raises(ValueError, match=r"^rating: ") as caught:
        ip.performance_grant(Level.MUNICIPAL, "很好", D("1"))  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)


# ---------------------------------------------------------------------------------------
# Labels as text, int amounts, reforms


@pytest.mark.clause("§6.3", "§6.4")
@pytest.mark.parametrize(
    ("level", "funding", "expected"),
    [
        ("国家级", 15_000_000, "10000000.00"),
        (" national ", D("15000000"), "10000000.00"),
        ("省级", 6_000_000, "3000000.00"),
        ("PROVINCIAL", D("0.03"), "0.01"),
        ("市级", 6_000_000, "0.00"),
        ("district", 6_000_000, "0.00"),
    ],
)
def test_matching_accepts_the_level_as_chinese_or_english_text(
    level: str, funding: Decimal | int, expected: str
) -> None:
    award = ip.matching_subsidy(level, funding)  # type: ignore[arg-type]
    assert str(award.amount) == expected


@pytest.mark.clause("§6.6")
@pytest.mark.parametrize(
    ("level", "rating", "expected"),
    [
        ("市级", "优秀", "500000.00"),
        ("municipal", "excellent", "500000.00"),
        ("国家级", "良好", "0.00"),
        ("区级", "优秀", "0.00"),
    ],
)
def test_performance_grant_accepts_labels_as_chinese_or_english_text(
    level: str, rating: str, expected: str
) -> None:
    award = ip.performance_grant(level, rating, 5_000_000)  # type: ignore[arg-type]
    assert str(award.amount) == expected


@pytest.mark.clause("§6.3")
def test_a_reform_lowering_the_national_cap_to_8000000_caps_15000000_of_funding_at_8000000() -> (
    None
):
    reform = attrs.evolve(GANYU_2021, national_match_cap=D("8000000"))
    assert ip.matching_subsidy(Level.NATIONAL, D("15000000"), policy=reform).amount == D(
        "8000000.00"
    )
    # the reform does not change the provincial rule: 6,000,000 × 0.5 = 3,000,000
    assert ip.matching_subsidy(Level.PROVINCIAL, D("6000000"), policy=reform).amount == D(
        "3000000.00"
    )


@pytest.mark.clause("§6.4")
def test_a_reform_matching_provincial_approvals_1_to_1_5() -> None:
    reform = attrs.evolve(GANYU_2021, provincial_match_ratio=D("1.5"))
    # 2,000,000 × 1.5 = 3,000,000; 4,000,000 × 1.5 = 6,000,000 > 5,000,000
    assert ip.matching_subsidy(Level.PROVINCIAL, D("2000000"), policy=reform).amount == D(
        "3000000.00"
    )
    assert ip.matching_subsidy(Level.PROVINCIAL, D("4000000"), policy=reform).amount == D(
        "5000000.00"
    )


@pytest.mark.clause("§6.6")
def test_a_reform_granting_15_percent_up_to_2000000() -> None:
    reform = attrs.evolve(GANYU_2021, performance_rate=D("0.15"), performance_cap=D("2000000"))
    # 10,000,000 × 15% = 1,500,000; 20,000,000 × 15% = 3,000,000 > 2,000,000
    grant = ip.performance_grant
    assert grant(Level.MUNICIPAL, Rating.EXCELLENT, 10_000_000, policy=reform).amount == D(
        "1500000.00"
    )
    assert grant(Level.MUNICIPAL, Rating.EXCELLENT, 20_000_000, policy=reform).amount == D(
        "2000000.00"
    )


@pytest.mark.clause("§6.3", "§6.4")
def test_matching_terms_are_those_of_the_text() -> None:
    national = ip.matching_terms(Level.NATIONAL)
    provincial = ip.matching_terms(Level.PROVINCIAL)
    assert national is not None
    assert provincial is not None
    assert (national.ratio, national.cap, national.clause) == (D(1), D("10000000"), "§6.3")
    assert (provincial.ratio, provincial.cap, provincial.clause) == (D("0.5"), D("5000000"), "§6.4")
    assert ip.matching_terms(Level.MUNICIPAL) is None
    assert ip.matching_terms(Level.DISTRICT) is None


@pytest.mark.clause("§6.3", "§6.4")
@pytest.mark.parametrize(
    ("level", "expected"),
    [("国家级", Level.NATIONAL), ("省级", Level.PROVINCIAL), ("national", Level.NATIONAL)],
)
def test_matching_terms_accept_the_level_as_text_like_every_other_rule(
    level: str, expected: Level
) -> None:
    # matching_subsidy("国家级", ...) is matched under §6.3; the terms it uses must agree.
    terms = ip.matching_terms(level)  # type: ignore[arg-type]
    assert terms is not None
    assert terms.level is expected


@pytest.mark.clause("§6.3", "§6.6")
@pytest.mark.parametrize(
    "context",
    [
        pytest.param(decimal.Context(prec=5), id="prec=5"),
        pytest.param(decimal.Context(prec=9, rounding=decimal.ROUND_UP), id="prec=9,ROUND_UP"),
    ],
)
def test_an_award_is_exact_whatever_the_callers_decimal_context(
    context: decimal.Context,
) -> None:
    # 1,234,567.89 × 1 = 1,234,567.89 (§6.3); 1,234,567.89 × 10% = 123,456.789 → 123,456.78
    with decimal.localcontext(context):
        matched = ip.matching_subsidy(Level.NATIONAL, D("1234567.89"))
        granted = ip.performance_grant(Level.MUNICIPAL, Rating.EXCELLENT, D("1234567.89"))
    assert str(matched.amount) == "1234567.89"
    assert str(granted.amount) == "123456.78"
