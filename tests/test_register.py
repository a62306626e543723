"""The register made in Python: records that refuse bad fields, a whole that is checked
at once, ids derived from content, and the warnings of §2.1 and §3.6.

§2.1 以赣榆经济开发区、赣榆海洋经济开发区、赣榆高新技术产业开发区（筹）、赣榆海州湾生物科技园为建设主体，
     围绕新能源、钢铁产业、石化产业、生物化工、装备制造、海洋渔业等主导及特色产业……
§3.6 专业研究所：……由区政府、园区、江苏省产业技术研究院、人才团队四方合作共建。
§6.6, §6.7: a platform is rated once a year, and the grant is never paid twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import innovation_policy as ip
from innovation_policy import Category, CoBuilder, Industry, Kind, Level, Rating

D = Decimal
day = dt.date


def platform(
    pid: str = "P1", category: Category = Category.TECHNOLOGY_INNOVATION_CENTER, **kw: Any
) -> ip.Platform:
    return ip.Platform(pid, f"平台{pid}", category, kw.pop("industry", Industry.NEW_ENERGY), **kw)


GOOD: dict[type, dict[str, Any]] = {
    ip.Platform: {"id": "P1", "name": "平台", "category": "技术创新中心", "industry": "新能源"},
    ip.Approval: {"platform": "P1", "level": "省级", "date": day(2022, 3, 1)},
    ip.Review: {"platform": "P1", "year": 2023, "rating": "优秀"},
    ip.CaseDecision: {
        "platform": "P1",
        "date": day(2023, 1, 10),
        "amount": D(1),
        "reference": "赣政办〔2023〕5号",
    },
    ip.Payment: {"platform": "P1", "date": day(2023, 1, 10), "kind": "matching", "amount": D(1)},
}

# (record type, field, bad value, the kind of error)
BAD_FIELDS: list[tuple[type, str, object, type[Exception]]] = [
    (ip.Platform, "id", "", ValueError),
    (ip.Platform, "id", 7, TypeError),
    (ip.Platform, "name", "   ", ValueError),
    (ip.Platform, "category", "实验室", ValueError),
    (ip.Platform, "category", None, TypeError),
    (ip.Platform, "industry", "纺织", ValueError),
    (ip.Platform, "park", "连云港经济开发区", ValueError),
    (ip.Platform, "co_builders", "区政府", TypeError),
    (ip.Platform, "co_builders", ["区政府", "银行"], ValueError),
    (ip.Approval, "platform", "", ValueError),
    (ip.Approval, "level", "县级", ValueError),
    (ip.Approval, "date", "2022-03-01", TypeError),
    (ip.Approval, "date", dt.datetime(2022, 3, 1), TypeError),
    (ip.Approval, "superior_funding", D("-0.01"), ValueError),
    (ip.Approval, "superior_funding", D("0.001"), ValueError),
    (ip.Approval, "superior_funding", 0.1, TypeError),
    (ip.Approval, "superior_funding", D("NaN"), ValueError),
    (ip.Approval, "superior_funding", "6000000", TypeError),
    (ip.Approval, "city_award", True, TypeError),
    (ip.Approval, "city_award", D("Infinity"), ValueError),
    (ip.Approval, "id", "  ", ValueError),
    (ip.Review, "year", "2023", TypeError),
    (ip.Review, "year", 999, ValueError),
    (ip.Review, "year", True, TypeError),
    (ip.Review, "rating", "很好", ValueError),
    (ip.Review, "turnover", D("-1"), ValueError),
    (ip.Review, "turnover", D("1E15"), ValueError),
    (ip.Review, "city_grant", D("0.005"), ValueError),
    (ip.CaseDecision, "amount", -1, ValueError),
    (ip.CaseDecision, "reference", "", ValueError),
    (ip.CaseDecision, "date", None, TypeError),
    (ip.Payment, "kind", "gift", ValueError),
    (ip.Payment, "amount", 1.5, TypeError),
    (ip.Payment, "year", 2023.0, TypeError),
    (ip.Payment, "item", "", ValueError),
]


@pytest.mark.parametrize(
    ("record_type", "field", "value", "error"),
    BAD_FIELDS,
    ids=[f"{t.__name__}.{f}={v!r}" for t, f, v, _ in BAD_FIELDS],
)
def test_a_record_refuses_a_bad_field_naming_the_field(
    record_type: type, field: str, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        record_type(**{**GOOD[record_type], field: value})
    assert isinstance(raised.value, ip.PolicyError)
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")


@pytest.mark.parametrize("record_type", list(GOOD), ids=lambda t: t.__name__)
def test_the_good_fields_make_a_record(record_type: type) -> None:
    # the counterpart of the test above: only the bad field made it fail
    assert record_type(**GOOD[record_type]) is not None


def test_a_record_with_several_bad_fields_reports_all_of_them() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Approval(platform="", level="县级", date="2022-03", superior_funding=0.5)  # type: ignore[arg-type]
    assert [p.where for p in raised.value.problems] == [
        "platform",
        "level",
        "date",
        "superior_funding",
    ]
    assert "float" in raised.value.problems[3].message


def test_a_record_normalises_what_it_accepts() -> None:
    # labels in English member names or Chinese; money to the fen; text stripped
    # (the values are typed Any: the records accept more than their annotations say)
    raw: dict[str, Any] = {"level": "provincial", "city_award": 5}
    approval = ip.Approval(" P1 ", date=day(2022, 3, 1), superior_funding=D("6000000.000"), **raw)
    assert approval.platform == "P1"
    assert approval.level is Level.PROVINCIAL
    assert str(approval.superior_funding) == "6000000.00"
    assert str(approval.city_award) == "5.00"
    labels: dict[str, Any] = {
        "category": "PROFESSIONAL_INSTITUTE",
        "industry": "其他",
        "co_builders": ["JITRI", "园区"],
    }
    p = ip.Platform("P2", "所", **labels)
    assert p.co_builders == frozenset({CoBuilder.JITRI, CoBuilder.PARK})
    assert p.park is None


# ---------------------------------------------------------------------------------------
# Derived ids


@pytest.mark.clause("§6.3", "§6.4")
def test_an_approval_without_id_gets_one_from_platform_date_and_level() -> None:
    english: Any = "PROVINCIAL"
    first = ip.Approval("P1", english, day(2022, 3, 1), D(6000000))
    again = ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1), D(6000000))
    assert first.id == "P1/2022-03-01/省级"
    assert again.id == first.id
    assert first == again
    assert ip.Approval("P1", Level.NATIONAL, day(2022, 3, 1)).id == "P1/2022-03-01/国家级"


@pytest.mark.clause("§6.6")
def test_a_review_without_id_gets_one_from_platform_and_year() -> None:
    assert ip.Review("P1", 2023, Rating.EXCELLENT).id == "P1/2023"
    assert ip.Review("P1", 2023, Rating.GOOD, id=" R9 ").id == "R9"


def test_a_derived_id_survives_a_json_round_trip() -> None:
    register = ip.Register(
        platforms=(platform(),),
        approvals=(ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1)),),
        reviews=(ip.Review("P1", 2023, Rating.GOOD),),
    )
    again = ip.Register.from_json(register.to_json())
    assert again.approvals[0].id == "P1/2022-03-01/省级"
    assert again.reviews[0].id == "P1/2023"
    assert again == register


# ---------------------------------------------------------------------------------------
# The register as a whole: every problem at once


def wheres(error: ip.InputError) -> list[str]:
    return [p.where for p in error.problems]


@pytest.mark.clause("§3.6", "§6.6", "§6.7")
def test_every_problem_of_a_register_is_reported_at_once() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=(
                platform("P1"),
                platform("P1", Category.NEW_RD_INSTITUTION),  # duplicate platform id
                platform("P2", co_builders=[CoBuilder.PARK]),  # co-builders, not an institute
                platform("P3", Category.PROFESSIONAL_INSTITUTE, co_builders=[CoBuilder.PARK]),
            ),
            approvals=(
                ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1), id="A1"),
                ip.Approval("P9", Level.PROVINCIAL, day(2022, 3, 1), id="A2"),  # unknown
            ),
            reviews=(
                ip.Review("P1", 2022, Rating.EXCELLENT, id="A1"),  # shares A1
                ip.Review("P1", 2022, Rating.GOOD, id="R2"),  # second review of P1/2022
            ),
            case_decisions=(
                ip.CaseDecision("P1", day(2023, 1, 1), D(1), "ref", "C1"),
                ip.CaseDecision("P1", day(2023, 1, 2), D(1), "ref", "A2"),  # shares A2
            ),
            payments=(
                ip.Payment("P1", day(2023, 1, 1), Kind.MATCHING, D(1), item="A7"),  # no record
                ip.Payment("P1", day(2023, 1, 1), Kind.MATCHING, D(1), item="C1"),  # a decision
                ip.Payment("P3", day(2023, 1, 1), Kind.MATCHING, D(1), item="A1"),  # P1's
                ip.Payment("P1", day(2023, 1, 1), Kind.PERFORMANCE, D(1)),  # no year
                ip.Payment("P1", day(2023, 1, 1), Kind.MATCHING, D(1), year=2022),  # a year
                ip.Payment("P8", day(2023, 1, 1), Kind.CASE, D(1)),  # unknown platform
            ),
        )
    error = raised.value
    assert error.source == "register"
    assert sorted(wheres(error)) == sorted(
        [
            "platforms[1].id",
            "platforms[2].co_builders",
            "approvals[1].platform",
            "reviews[0].id",
            "reviews[1].year",
            "case_decisions[1].id",
            "payments[0].item",
            "payments[1].item",
            "payments[2].item",
            "payments[3].year",
            "payments[4].year",
            "payments[5].platform",
        ]
    )
    messages = {p.where: p.message for p in error.problems}
    assert "platforms[0]" in messages["platforms[1].id"]
    assert "'P9'" in messages["approvals[1].platform"]
    assert "approvals[0]" in messages["reviews[0].id"]
    assert "reviews[0]" in messages["reviews[1].year"]
    assert "approvals[1]" in messages["case_decisions[1].id"]
    assert "§3.6" in messages["platforms[2].co_builders"]
    assert "names no approval, review or case decision" in messages["payments[0].item"]
    assert "case_decisions" in messages["payments[1].item"]
    assert "'P1'" in messages["payments[2].item"]
    assert "needs the year" in messages["payments[3].year"]
    assert "only a performance payment has a year" in messages["payments[4].year"]
    assert "'P8'" in messages["payments[5].platform"]
    # str() lists them all, one a line
    assert str(error).startswith("register: 12 problems found:")


@pytest.mark.clause("§6.6", "§6.7")
def test_two_reviews_of_one_platform_year_with_derived_ids_are_one_problem() -> None:
    # both derive the id P1/2023: reported once, as the second rating of the year
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=(platform(),),
            reviews=(ip.Review("P1", 2023, Rating.EXCELLENT), ip.Review("P1", 2023, Rating.GOOD)),
        )
    assert wheres(raised.value) == ["reviews[1].year"]


@pytest.mark.clause("§6.6")
def test_reviews_of_two_platforms_or_two_years_are_fine() -> None:
    register = ip.Register(
        platforms=(platform("P1"), platform("P2")),
        reviews=(
            ip.Review("P1", 2023, Rating.EXCELLENT),
            ip.Review("P2", 2023, Rating.EXCELLENT),
            ip.Review("P1", 2024, Rating.EXCELLENT),
        ),
    )
    assert len(register.reviews) == 3


def test_a_payment_naming_a_review_of_another_year_is_refused() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=(platform(),),
            reviews=(ip.Review("P1", 2023, Rating.EXCELLENT),),
            payments=(ip.Payment("P1", day(2024, 1, 1), Kind.PERFORMANCE, D(1), 2022, "P1/2023"),),
        )
    assert wheres(raised.value) == ["payments[0].year"]


def test_two_approvals_with_the_same_derived_id_are_refused() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=(platform(),),
            approvals=(
                ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1), D(1)),
                ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1), D(2)),
            ),
        )
    assert wheres(raised.value) == ["approvals[1].id"]


def test_a_payment_may_name_each_kind_of_record_of_its_platform() -> None:
    register = ip.Register(
        platforms=(platform(),),
        approvals=(ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1), id="A1"),),
        reviews=(ip.Review("P1", 2022, Rating.EXCELLENT),),
        case_decisions=(ip.CaseDecision("P1", day(2022, 5, 1), D(1), "ref", "C1"),),
        payments=(
            ip.Payment("P1", day(2023, 1, 1), Kind.MATCHING, D(1), item="A1"),
            ip.Payment("P1", day(2023, 1, 1), Kind.PERFORMANCE, D(1), 2022, "P1/2022"),
            ip.Payment("P1", day(2023, 1, 1), Kind.CASE, D(1), item="C1"),
        ),
    )
    assert [p.item for p in register.payments] == ["A1", "P1/2022", "C1"]


def test_a_table_that_is_not_a_sequence_of_records_is_refused() -> None:
    with pytest.raises(TypeError, match="platforms"):
        ip.Register(platforms="P1")  # type: ignore[arg-type]
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=[ip.Approval("P1", Level.PROVINCIAL, day(2022, 3, 1))]  # type: ignore[arg-type]
        )
    assert wheres(raised.value) == ["platforms[0]"]
    assert "not a Platform record" in raised.value.problems[0].message


def test_lists_are_kept_as_tuples() -> None:
    register = ip.Register(platforms=[platform()])  # type: ignore[arg-type]
    assert register.platforms == (platform(),)
    assert register.platform("P1") == platform()
    with pytest.raises(ValueError, match="P1"):
        register.platform("P2")


# ---------------------------------------------------------------------------------------
# Warnings, not errors


@pytest.mark.clause("§2.1")
def test_a_platform_outside_the_six_focus_industries_is_a_warning() -> None:
    register = ip.Register(platforms=(platform("P1", industry=Industry.OTHER), platform("P2")))
    (notice,) = ip.register_notices(register)
    assert (notice.code, notice.platform, notice.clauses) == ("industry_not_focus", "P1", ("§2.1",))
    assert "§2.1" in notice.message("zh")
    assert notice.message("en").endswith("(§2.1)")
    assert notice in ip.assess(register).warnings


@pytest.mark.clause("§3.6")
def test_a_professional_institute_missing_co_builders_is_a_warning() -> None:
    all_four = frozenset(CoBuilder)
    register = ip.Register(
        platforms=(
            platform("P1", Category.PROFESSIONAL_INSTITUTE, co_builders=all_four),
            platform("P2", Category.PROFESSIONAL_INSTITUTE, co_builders=[CoBuilder.PARK]),
            platform("P3", Category.PROFESSIONAL_INSTITUTE),  # not recorded
        )
    )
    (notice,) = ip.register_notices(register)
    assert (notice.code, notice.platform, notice.clauses) == (
        "co_builders_incomplete",
        "P2",
        ("§3.6",),
    )
    # the three missing parties are named
    for party in ("区政府", "江苏省产业技术研究院", "人才团队"):
        assert party in notice.message("zh")
    assert "园区" not in notice.message("zh").split("缺少")[1]
    assert "district government" in notice.message("en")


def test_a_register_without_anything_worth_a_warning_has_none() -> None:
    assert ip.register_notices(ip.Register(platforms=(platform(),))) == ()


def test_the_example_register_warns_of_p09_only() -> None:
    # P09 is a professional institute in 其他 with three of four co-builders (no JITRI);
    # P06 has all four; P20 records none.
    notices = ip.register_notices(ip.example_register())
    assert sorted((n.platform, n.code) for n in notices) == [
        ("P09", "co_builders_incomplete"),
        ("P09", "industry_not_focus"),
    ]


# ---------------------------------------------------------------------------------------
# What the problems and warnings say, word for word


def test_each_problem_of_a_record_is_said_once_under_its_field() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.Approval("P1", "县级", "2022", D(-1))  # type: ignore[arg-type]
    assert raised.value.problems == (
        ip.Problem(
            "level",
            ip.ProblemCode.NOT_A_LABEL,
            "'县级' is not a valid Level; valid: 国家级 (NATIONAL), 省级 (PROVINCIAL), "
            "市级 (MUNICIPAL), 区级 (DISTRICT)",
        ),
        ip.Problem(
            "date", ip.ProblemCode.NOT_A_DATE, "'2022' is not a date; expected a datetime.date"
        ),
        ip.Problem(
            "superior_funding",
            ip.ProblemCode.NOT_MONEY,
            "'-1' is negative; expected yuan, at least 0",
        ),
    )
    assert str(raised.value).startswith("Approval: 3 problems found:\n  - level: '县级' is not")


@pytest.mark.clause("§6.6")
def test_a_second_rating_of_a_year_does_not_hide_the_problems_of_the_records_after_it() -> None:
    # reviews[1] rates P1/2022 again (reported once, as such); reviews[2] takes the id
    # of an approval; the payments: one for the wrong year, one without a year.
    with pytest.raises(ip.InputError) as raised:
        ip.Register(
            platforms=(platform(),),
            approvals=(ip.Approval("P1", Level.PROVINCIAL, day(2022, 1, 1), id="A1"),),
            reviews=(
                ip.Review("P1", 2022, Rating.EXCELLENT),
                ip.Review("P1", 2022, Rating.GOOD),
                ip.Review("P1", 2023, Rating.EXCELLENT, id="A1"),
            ),
            payments=(
                ip.Payment("P1", day(2023, 1, 1), Kind.PERFORMANCE, D(1), 2021, "P1/2022"),
                ip.Payment("P1", day(2023, 1, 1), Kind.PERFORMANCE, D(1)),
            ),
        )
    assert str(raised.value) == (
        "register: 4 problems found:\n"
        "  - reviews[2].id: 'A1' is already the id of approvals[0]; approvals, reviews and "
        "case decisions each need an id of their own\n"
        "  - reviews[1].year: P1 is already rated for 2022 in reviews[0]; the district rates "
        "a platform once a year\n"
        "  - payments[0].year: 2021 differs from the year 2022 of the review 'P1/2022' it pays\n"
        "  - payments[1].year: a performance payment needs the year it pays"
    )


def test_a_register_names_the_table_that_is_not_a_sequence_and_the_ids_it_has() -> None:
    with pytest.raises(ip.PolicyTypeError) as raised:
        ip.Register(platforms="abc")  # type: ignore[arg-type]
    assert (raised.value.field, str(raised.value)) == (
        "platforms",
        "platforms: 'abc' is not a sequence of records",
    )
    register = ip.Register(platforms=(platform("P1"), platform("P2")))
    with pytest.raises(ip.PolicyValueError) as missing:
        register.platform("P9")
    assert (missing.value.field, str(missing.value)) == (
        "platform",
        "platform: 'P9' is not in the register; ids: P1, P2",
    )


@pytest.mark.clause("§2.1", "§3.6")
def test_the_warnings_of_a_register_word_for_word_in_chinese_and_english() -> None:
    register = ip.Register(
        platforms=(
            platform("P1", industry=Industry.OTHER),
            platform(
                "P2",
                Category.PROFESSIONAL_INSTITUTE,
                co_builders=[CoBuilder.PARK, CoBuilder.JITRI],
            ),
        )
    )
    other, incomplete = ip.register_notices(register)
    assert (other.code, other.platform, other.clauses) == ("industry_not_focus", "P1", ("§2.1",))
    assert other.message() == "P1 所属产业不在六大主导及特色产业之内（§2.1）"
    assert other.message("en") == "P1 is not in one of the six focus industries (§2.1)"
    assert (incomplete.code, incomplete.clauses) == ("co_builders_incomplete", ("§3.6",))
    assert incomplete.message() == "P2 专业研究所共建方缺少：区政府、人才团队（§3.6）"
    assert incomplete.message("en") == (
        "P2 is a professional institute not co-built by all four parties; missing: "
        "district government, talent team (§3.6)"
    )
    two_clauses = ip.Notice(
        ip.NoticeCode.INDUSTRY_NOT_FOCUS, "P1", ("§6.2", "§2.2"), (("platform", "P1"),)
    )
    assert two_clauses.message() == "P1 所属产业不在六大主导及特色产业之内（§6.2、§2.2）"
    assert two_clauses.message("en") == "P1 is not in one of the six focus industries (§6.2, §2.2)"
