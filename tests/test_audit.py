"""The audit: what was actually paid, against the maximum payable (§6.5, §6.7, reading 5).

§6.5 市、区不重复奖励 — city and district do not both reward the same item.
§6.7 补助按照就高原则，不重复进行补助 — the highest applies, and nothing is paid twice.
Reading 5: "不超过" sets a maximum; paying less than the maximum is not a finding.

Every payable amount below is worked by hand from the policy text, in the comments.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from decimal import Decimal

import attrs
import jsonschema
import pytest

import innovation_policy as ip
from innovation_policy import Kind, Level, Rating

D = Decimal
day = dt.date


def centre(pid: str) -> ip.Platform:
    return ip.Platform(
        pid, f"平台{pid}", ip.Category.TECHNOLOGY_INNOVATION_CENTER, ip.Industry.NEW_ENERGY
    )


def pay(
    pid: str,
    date: dt.date,
    kind: Kind,
    amount: str,
    *,
    item: str | None = None,
    year: int | None = None,
) -> ip.Payment:
    return ip.Payment(pid, date, kind, D(amount), year=year, item=item)


# P1: provincial 2021-06-15, 6,000,000 × 0.5 = 3,000,000 (A1); national 2023-06-15,
#     9,000,000 × 1 = 9,000,000, topped up: 9,000,000 − 3,000,000 = 6,000,000 (A2);
#     2022 excellent with turnover 5,000,000: 500,000 (P1/2022).
# P2: provincial 2022-04-10, 12,000,000 × 0.5 → cap 5,000,000, but the city rewarded it
#     with 2,000,000: 0 (A3, reading 2).
# P3: provincial and national on the same day 2022-03-01: provincial first 3,000,000
#     (A4), national 9,000,000 − 3,000,000 = 6,000,000 (A5).
# P4: case decisions C1 2022-01-01 1,000,000 and C2 2023-01-01 2,000,000.
APPROVALS = (
    ip.Approval("P1", Level.PROVINCIAL, day(2021, 6, 15), D(6000000), id="A1"),
    ip.Approval("P1", Level.NATIONAL, day(2023, 6, 15), D(9000000), id="A2"),
    ip.Approval("P2", Level.PROVINCIAL, day(2022, 4, 10), D(12000000), D(2000000), id="A3"),
    ip.Approval("P3", Level.NATIONAL, day(2022, 3, 1), D(9000000), id="A5"),
    ip.Approval("P3", Level.PROVINCIAL, day(2022, 3, 1), D(6000000), id="A4"),
)
REVIEWS = (ip.Review("P1", 2022, Rating.EXCELLENT, D(5000000)),)
DECISIONS = (
    ip.CaseDecision("P4", day(2022, 1, 1), D(1000000), "赣政办〔2022〕1号", "C1"),
    ip.CaseDecision("P4", day(2023, 1, 1), D(2000000), "赣政办〔2023〕1号", "C2"),
)


def audit(*payments: ip.Payment) -> tuple[ip.Finding, ...]:
    register = ip.Register(
        platforms=tuple(centre(p) for p in ("P1", "P2", "P3", "P4")),
        approvals=APPROVALS,
        reviews=REVIEWS,
        case_decisions=DECISIONS,
        payments=payments,
    )
    return ip.audit(register)


def codes(findings: tuple[ip.Finding, ...]) -> list[tuple[int, str, str | None]]:
    return [(f.payment, f.code, f.item) for f in findings]


# ---------------------------------------------------------------------------------------
# No finding


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.2")
def test_paying_every_item_exactly_its_maximum_gives_no_finding() -> None:
    findings = audit(
        pay("P1", day(2021, 8, 1), Kind.MATCHING, "3000000", item="A1"),
        pay("P1", day(2023, 8, 1), Kind.MATCHING, "6000000", item="A2"),
        pay("P1", day(2023, 3, 1), Kind.PERFORMANCE, "500000", item="P1/2022", year=2022),
        pay("P3", day(2022, 5, 1), Kind.MATCHING, "3000000", item="A4"),
        pay("P3", day(2022, 5, 1), Kind.MATCHING, "6000000", item="A5"),
        pay("P4", day(2022, 2, 1), Kind.CASE, "1000000", item="C1"),
        pay("P4", day(2023, 2, 1), Kind.CASE, "2000000", item="C2"),
    )
    assert findings == ()


@pytest.mark.clause("§6.3", "§6.7")
def test_instalments_that_add_up_to_the_payable_amount_give_no_finding() -> None:
    # A2: 6,000,000 in three instalments 2,000,000 + 3,999,999.99 + 0.01
    findings = audit(
        pay("P1", day(2023, 7, 1), Kind.MATCHING, "2000000", item="A2"),
        pay("P1", day(2023, 8, 1), Kind.MATCHING, "3999999.99", item="A2"),
        pay("P1", day(2023, 9, 1), Kind.MATCHING, "0.01", item="A2"),
    )
    assert findings == ()


@pytest.mark.clause("§6.3", "§6.6")
def test_paying_less_than_the_maximum_is_not_a_finding() -> None:
    # reading 5: a maximum is a ceiling; 1,000,000 of 6,000,000 and 1 of 500,000 are fine
    findings = audit(
        pay("P1", day(2023, 7, 1), Kind.MATCHING, "1000000", item="A2"),
        pay("P1", day(2023, 3, 1), Kind.PERFORMANCE, "1", year=2022),
    )
    assert findings == ()


# ---------------------------------------------------------------------------------------
# The four findings


@pytest.mark.clause("§6.5")
def test_paying_an_approval_the_city_already_rewarded_is_not_payable() -> None:
    findings = audit(pay("P2", day(2022, 6, 1), Kind.MATCHING, "5000000", item="A3"))
    (finding,) = findings
    assert finding.code == "not_payable"
    assert (finding.payment, finding.item, finding.platform) == (0, "A3", "P2")
    assert (finding.amount, finding.payable, finding.paid_before) == (
        D("5000000.00"),
        D("0.00"),
        D("0.00"),
    )
    assert "§6.5" in finding.clauses
    assert "A3" in finding.explain("en")


@pytest.mark.clause("§6.7")
def test_paying_an_item_already_paid_in_full_again_is_a_duplicate() -> None:
    findings = audit(
        pay("P1", day(2021, 8, 1), Kind.MATCHING, "3000000", item="A1"),
        pay("P1", day(2021, 9, 1), Kind.MATCHING, "3000000", item="A1"),
    )
    (finding,) = findings
    assert (finding.payment, finding.code, finding.item) == (1, "duplicate", "A1")
    assert (finding.payable, finding.paid_before) == (D("3000000.00"), D("3000000.00"))
    assert "§6.7" in finding.clauses


@pytest.mark.clause("§6.3", "§6.7")
def test_paying_more_than_the_top_up_is_an_overpayment() -> None:
    # A2 pays at most 6,000,000 (reading 1); paying the national 9,000,000 in full is over
    # by 3,000,000.
    (finding,) = audit(pay("P1", day(2023, 8, 1), Kind.MATCHING, "9000000", item="A2"))
    assert (finding.code, finding.item) == ("overpaid", "A2")
    assert (finding.amount, finding.payable, finding.paid_before) == (
        D("9000000.00"),
        D("6000000.00"),
        D("0.00"),
    )
    assert "3,000,000.00" in finding.explain("en")  # the excess


@pytest.mark.clause("§6.3", "§6.7")
def test_an_instalment_that_goes_one_fen_over_is_an_overpayment() -> None:
    findings = audit(
        pay("P1", day(2023, 7, 1), Kind.MATCHING, "3000000", item="A2"),
        pay("P1", day(2023, 8, 1), Kind.MATCHING, "3000000.01", item="A2"),
    )
    (finding,) = findings
    assert (finding.payment, finding.code, finding.paid_before) == (
        1,
        "overpaid",
        D("3000000.00"),
    )


@pytest.mark.clause("§6.3", "§6.7")
def test_instalments_are_added_up_in_date_order_not_list_order() -> None:
    # listed first but paid last: the 2023-09 payment is the one that goes over.
    findings = audit(
        pay("P1", day(2023, 9, 1), Kind.MATCHING, "1000000", item="A2"),
        pay("P1", day(2023, 7, 1), Kind.MATCHING, "5500000", item="A2"),
    )
    assert codes(findings) == [(0, "overpaid", "A2")]
    assert findings[0].paid_before == D("5500000.00")


@pytest.mark.clause("§6.2")
def test_a_case_payment_without_a_decision_behind_it_is_a_finding() -> None:
    # P1 has no case decision; P4's first decision is dated 2022-01-01, after this payment.
    findings = audit(
        pay("P1", day(2023, 1, 1), Kind.CASE, "500000"),
        pay("P4", day(2021, 12, 31), Kind.CASE, "500000"),
    )
    assert codes(findings) == [(0, "no_case_decision", None), (1, "no_case_decision", None)]
    assert all("§6.2" in f.clauses for f in findings)


@pytest.mark.clause("§6.2")
def test_a_case_payment_above_its_decision_is_an_overpayment() -> None:
    (finding,) = audit(pay("P4", day(2022, 2, 1), Kind.CASE, "1500000", item="C1"))
    assert (finding.code, finding.payable) == ("overpaid", D("1000000.00"))


@pytest.mark.clause("§6.6")
def test_a_performance_payment_for_a_year_without_a_review_is_not_payable() -> None:
    (finding,) = audit(pay("P1", day(2024, 3, 1), Kind.PERFORMANCE, "100000", year=2023))
    assert (finding.code, finding.item, finding.payable) == ("not_payable", None, D("0.00"))


@pytest.mark.clause("§6.3", "§6.4")
def test_a_matching_payment_before_any_approval_is_not_payable() -> None:
    (finding,) = audit(pay("P1", day(2021, 6, 14), Kind.MATCHING, "100"))
    assert (finding.code, finding.item) == ("not_payable", None)


def test_a_payment_of_zero_is_never_a_finding() -> None:
    findings = audit(
        pay("P2", day(2022, 6, 1), Kind.MATCHING, "0", item="A3"),
        pay("P1", day(2021, 1, 1), Kind.CASE, "0"),
    )
    assert findings == ()


# ---------------------------------------------------------------------------------------
# Payments without ``item`` find their item


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_a_matching_payment_without_item_pays_the_latest_approval_on_or_before_its_date() -> None:
    # 2022-06-01: A1 (3,000,000) is the latest; 2023-06-15: A2 (6,000,000), same day.
    # Had the first gone to A2 or the second to A1, one would be a finding.
    findings = audit(
        pay("P1", day(2022, 6, 1), Kind.MATCHING, "3000000"),
        pay("P1", day(2023, 6, 15), Kind.MATCHING, "6000000"),
    )
    assert findings == ()
    # and the finding names the item found: 6,000,000.01 on A2
    (finding,) = audit(pay("P1", day(2024, 1, 1), Kind.MATCHING, "6000000.01"))
    assert (finding.code, finding.item, finding.payable) == ("overpaid", "A2", D("6000000.00"))


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_a_matching_payment_without_item_on_a_day_of_two_approvals_pays_the_higher_level() -> None:
    # P3 on 2022-03-01: A4 provincial 3,000,000, A5 national 6,000,000. A payment of
    # 6,000,000 that day goes to A5: no finding (it would be over A4's 3,000,000).
    assert audit(pay("P3", day(2022, 3, 1), Kind.MATCHING, "6000000")) == ()
    (finding,) = audit(pay("P3", day(2022, 3, 1), Kind.MATCHING, "6000000.01"))
    assert (finding.item, finding.payable) == ("A5", D("6000000.00"))


@pytest.mark.clause("§6.6")
def test_a_performance_payment_without_item_pays_its_platform_year() -> None:
    # P1/2022: 5,000,000 × 10% = 500,000
    assert audit(pay("P1", day(2023, 3, 1), Kind.PERFORMANCE, "500000", year=2022)) == ()
    (finding,) = audit(pay("P1", day(2023, 3, 1), Kind.PERFORMANCE, "500000.01", year=2022))
    assert (finding.code, finding.item) == ("overpaid", "P1/2022")


@pytest.mark.clause("§6.2")
def test_a_case_payment_without_item_pays_the_latest_decision_on_or_before_its_date() -> None:
    # 2022-06-01 → C1 (1,000,000); 2023-01-01 → C2 (2,000,000), the same day.
    findings = audit(
        pay("P4", day(2022, 6, 1), Kind.CASE, "1000000"),
        pay("P4", day(2023, 1, 1), Kind.CASE, "2000000"),
    )
    assert findings == ()
    (finding,) = audit(pay("P4", day(2022, 12, 31), Kind.CASE, "2000000"))
    assert (finding.code, finding.item, finding.payable) == ("overpaid", "C1", D("1000000.00"))


# ---------------------------------------------------------------------------------------
# The example register, audited by hand


@pytest.mark.clause("§6.2", "§6.3", "§6.4", "§6.5", "§6.6", "§6.7")
def test_the_example_register_has_exactly_the_findings_worked_by_hand() -> None:
    # From data/example_register.json, under GANYU_2021:
    #  #0 P01 3,000,000 → A01: provincial 6,000,000 × 0.5 = 3,000,000. Fine.
    #  #1 P01 6,000,000, no item, 2023-11-01 → latest approval A02 (national 2023-09-20):
    #     9,000,000 × 1 = 9,000,000, topped up 9,000,000 − 3,000,000 = 6,000,000. Fine.
    #  #2 P02 5,000,000 → A03: the city rewarded it (2,000,000): payable 0. not_payable.
    #  #3 P10 6,000,000 → A13: national 20,000,000 → cap 10,000,000; the provincial A12 of
    #     2019 is before the plan and does not enter the top-up: 10,000,000. Fine.
    #  #4 P10 4,000,000 → A13: 6,000,000 + 4,000,000 = 10,000,000. Fine.
    #  #5 P05 200,000 for 2022 → municipal since 2021-09-01, excellent, 2,000,000 × 10%
    #     = 200,000. Fine.
    #  #6 P03 300,000 for 2022 → 3,000,000 × 10% = 300,000, but the city granted 500,000:
    #     payable 0. not_payable.
    #  #7 P06 2,000,000 → C01, decided 2,000,000. Fine.
    #  #8 P14 2,500,000, no item, 2023-01-10 → A18: provincial 5,000,000 × 0.5 = 2,500,000.
    #     Fine.
    #  #9 P14 2,500,000, no item, 2023-02-10 → A18 again, already paid in full: duplicate.
    #  #10 P04 130,000 for 2024 → provincial since 2023, excellent, 1,234,567.89 × 10% =
    #     123,456.789 → 123,456.78: 130,000 is above it. overpaid.
    #  #11 P09 500,000 case, no item → P09 has no case decision: no_case_decision.
    findings = ip.audit(ip.example_register())
    assert [
        (f.payment, f.code, f.platform, f.item, f.amount, f.payable, f.paid_before)
        for f in findings
    ] == [
        (2, "not_payable", "P02", "A03", D("5000000.00"), D("0.00"), D("0.00")),
        (6, "not_payable", "P03", "P03/2022", D("300000.00"), D("0.00"), D("0.00")),
        (9, "duplicate", "P14", "A18", D("2500000.00"), D("2500000.00"), D("2500000.00")),
        (10, "overpaid", "P04", "P04/2024", D("130000.00"), D("123456.78"), D("0.00")),
        (11, "no_case_decision", "P09", None, D("500000.00"), D("0.00"), D("0.00")),
    ]
    assert set(ip.FINDING_CODES) == {f.code for f in findings}


def test_the_audit_can_reuse_an_assessment() -> None:
    register = ip.example_register()
    assessment = ip.assess(register)
    assert ip.audit(register, assessment=assessment) == ip.audit(register)


# ---------------------------------------------------------------------------------------
# The findings as JSON


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_findings_are_valid_against_the_findings_schema(lang: str) -> None:
    findings = ip.audit(ip.example_register())
    document = json.loads(ip.findings_to_json(findings, lang))
    jsonschema.Draft202012Validator(ip.schema("findings")).validate(document)
    assert [f["payment"] for f in document["findings"]] == [2, 6, 9, 10, 11]
    overpaid = document["findings"][3]
    assert (overpaid["amount"], overpaid["payable"], overpaid["paid_before"]) == (
        "130000.00",
        "123456.78",
        "0.00",
    )
    assert document["findings"][4]["item"] is None


def test_no_findings_is_an_empty_list() -> None:
    document = json.loads(ip.findings_to_json(()))
    assert document["findings"] == []
    assert document["policy"]["fingerprint"] == ip.policy_fingerprint(ip.GANYU_2021)
    with pytest.raises(ValueError, match="lang"):
        ip.findings_to_json((), "fr")


# ---------------------------------------------------------------------------------------
# What each finding says, where the target is found, under which policy and context


@pytest.mark.clause("§6.2", "§6.4", "§6.5", "§6.6", "§6.7")
def test_each_finding_of_the_example_explains_itself_in_chinese_and_english() -> None:
    # The numbers are those worked by hand above; each sentence ends with the clauses of
    # the item it concerns (a duplicate also §6.7), and an auditor can redo the sums:
    # 130,000.00 − 123,456.78 = 6,543.22.
    findings = ip.audit(ip.example_register())
    assert [(f.code, f.clauses) for f in findings] == [
        ("not_payable", ("§6.4", "§6.7", "§6.5")),
        ("not_payable", ("§6.6", "§6.7")),
        ("duplicate", ("§6.4", "§6.7")),
        ("overpaid", ("§6.6",)),
        ("no_case_decision", ("§6.2",)),
    ]
    assert [f.explain() for f in findings] == [
        "付款 #2（2022-06-01，5,000,000.00 元）对应 A03，该事项最高可支付额为 0"
        "（不符合条件、已补差抵扣或市级已奖励）（§6.4、§6.7、§6.5）",
        "付款 #6（2023-03-15，300,000.00 元）对应 P03/2022，该事项最高可支付额为 0"
        "（不符合条件、已补差抵扣或市级已奖励）（§6.6、§6.7）",
        "付款 #9（2023-02-10，2,500,000.00 元）对应 A18，此前已足额支付 2,500,000.00 元"
        "（最高可支付 2,500,000.00 元），属重复支付（§6.4、§6.7）",
        "付款 #10（2025-03-01，130,000.00 元）对应 P04/2024：此前已付 0.00 元，"
        "合计 130,000.00 元 超过最高可支付额 123,456.78 元，超付 6,543.22 元（§6.6）",
        "付款 #11（2023-05-01，500,000.00 元）为一事一议支付，但此前没有对应的一事一议决定（§6.2）",
    ]
    assert [f.explain("en") for f in findings] == [
        "payment #2 (2022-06-01, 5,000,000.00 yuan) pays A03, whose maximum payable is 0 "
        "(not eligible, settled away, or already rewarded by the city) (§6.4, §6.7, §6.5)",
        "payment #6 (2023-03-15, 300,000.00 yuan) pays P03/2022, whose maximum payable is 0 "
        "(not eligible, settled away, or already rewarded by the city) (§6.6, §6.7)",
        "payment #9 (2023-02-10, 2,500,000.00 yuan) pays A18, which was already paid in full "
        "(2,500,000.00 yuan of at most 2,500,000.00 yuan): a duplicate payment (§6.4, §6.7)",
        "payment #10 (2025-03-01, 130,000.00 yuan) pays P04/2024: 0.00 yuan paid before, so "
        "130,000.00 yuan in all, above the maximum payable 123,456.78 yuan by 6,543.22 yuan "
        "(§6.6)",
        "payment #11 (2023-05-01, 500,000.00 yuan) is a case-by-case payment with no case "
        "decision behind it (§6.2)",
    ]
    # the JSON document carries the same sentences, in Chinese unless asked otherwise
    document = ip.findings_to_dict(findings)
    assert [f["explanation"] for f in document["findings"]] == [f.explain() for f in findings]


@pytest.mark.clause("§6.2", "§6.7")
def test_a_duplicate_adds_6_7_to_the_clauses_of_its_item_and_no_other_finding_does() -> None:
    # C1 was decided at 1,000,000 (§6.2): a second payment of it is a duplicate (§6.7 too);
    # C2 (2,000,000) paid 2,500,000 is an overpayment, under §6.2 alone.
    duplicate, overpaid = audit(
        pay("P4", day(2022, 2, 1), Kind.CASE, "1000000", item="C1"),
        pay("P4", day(2022, 3, 1), Kind.CASE, "1000000", item="C1"),
        pay("P4", day(2023, 2, 1), Kind.CASE, "2500000", item="C2"),
    )
    assert (duplicate.code, duplicate.clauses) == ("duplicate", ("§6.2", "§6.7"))
    assert (overpaid.code, overpaid.clauses) == ("overpaid", ("§6.2",))
    assert overpaid.explain("en").endswith("by 500,000.00 yuan (§6.2)")


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_a_payment_without_item_on_a_day_of_two_approvals_pays_the_higher_level_whatever_the_ids() -> (
    None
):
    # The same day: national N-1 (9,000,000 × 1 = 9,000,000, less the 3,000,000 of the
    # provincial one settled first: 6,000,000) and provincial N-2 (6,000,000 × 0.5 =
    # 3,000,000). Ids sort the other way from the levels: the level decides.
    register = ip.Register(
        platforms=(centre("P5"),),
        approvals=(
            ip.Approval("P5", Level.NATIONAL, day(2022, 5, 5), D(9000000), id="N-1"),
            ip.Approval("P5", Level.PROVINCIAL, day(2022, 5, 5), D(6000000), id="N-2"),
        ),
        payments=(ip.Payment("P5", day(2022, 5, 5), Kind.MATCHING, D("6000000.01")),),
    )
    (finding,) = ip.audit(register)
    assert (finding.code, finding.item, finding.payable) == ("overpaid", "N-1", D("6000000.00"))


@pytest.mark.clause("§6.2", "§6.3", "§6.4")
@pytest.mark.parametrize(
    ("payment", "code"),
    [
        (pay("P4", day(2021, 6, 1), Kind.CASE, "0.50"), "no_case_decision"),
        (pay("P2", day(2021, 1, 5), Kind.MATCHING, "0.01"), "not_payable"),
        (pay("P2", day(2022, 6, 1), Kind.PERFORMANCE, "1.00", year=2021), "not_payable"),
    ],
    ids=["case 0.50 before any decision", "matching 0.01 before any approval", "1.00 for 2021"],
)
def test_any_payment_above_zero_with_nothing_to_pay_is_a_finding(
    payment: ip.Payment, code: str
) -> None:
    (finding,) = audit(payment)
    assert (finding.code, finding.item, finding.payable) == (code, None, D("0.00"))


@pytest.mark.clause("§6.3", "§6.4", "§6.7")
def test_the_audit_measures_payments_against_the_policy_it_is_given() -> None:
    # A2 (national 9,000,000): 6,000,000 under the default top-up, 9,000,000 when each
    # approval is matched on its own (reading 1).
    payment = pay("P1", day(2023, 8, 1), Kind.MATCHING, "9000000", item="A2")
    register = ip.Register(platforms=(centre("P1"),), approvals=APPROVALS[:2], payments=(payment,))
    (finding,) = ip.audit(register)
    assert (finding.code, finding.payable) == ("overpaid", D("6000000.00"))
    each = attrs.evolve(ip.GANYU_2021, upgrade_reading=ip.UpgradeReading.EACH_APPROVAL)
    assert ip.audit(register, policy=each) == ()


@pytest.mark.clause("§6.4", "§6.7")
def test_instalments_are_added_exactly_whatever_the_callers_decimal_context() -> None:
    # A1 is 3,000,000: 2,999,999.99 + 0.02 = 3,000,000.01 is one fen over, even where the
    # caller's context keeps 6 digits (which would round the sum to 3,000,000).
    payments = (
        pay("P1", day(2021, 8, 1), Kind.MATCHING, "2999999.99", item="A1"),
        pay("P1", day(2021, 9, 1), Kind.MATCHING, "0.02", item="A1"),
    )
    with decimal.localcontext(decimal.Context(prec=6)):
        findings = audit(*payments)
    assert [(f.payment, f.code, f.paid_before) for f in findings] == [
        (1, "overpaid", D("2999999.99"))
    ]


@pytest.mark.clause("§6.3", "§6.4")
def test_a_payment_that_pays_no_item_says_so_in_its_explanation() -> None:
    # A matching payment of 5 yuan before P2's only approval (2022-04-10): no item to pay.
    (finding,) = audit(pay("P2", day(2022, 1, 1), Kind.MATCHING, "5"))
    assert finding.explain() == (
        "付款 #0（2022-01-01，5.00 元）对应 （无），该事项最高可支付额为 0"
        "（不符合条件、已补差抵扣或市级已奖励）（§6.3、§6.4）"
    )
    assert finding.explain("en") == (
        "payment #0 (2022-01-01, 5.00 yuan) pays (none), whose maximum payable is 0 (not "
        "eligible, settled away, or already rewarded by the city) (§6.3, §6.4)"
    )
