"""The budget: what is owed and unpaid as of a date (§6.2–§6.6, §4; readings 5, 10)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy._budget import check_as_of

from .register_strategies import dates, registers

END = dt.date(2025, 12, 31)
ZERO = Decimal("0.00")


def variant() -> ip.Register:
    """The example register with A05's higher-level funding recorded as unknown and the
    case decision C01 paid 1,500,000 of its 2,000,000 (payment #7)."""
    register = ip.example_register()
    approvals = tuple(
        attrs.evolve(a, superior_funding=None) if a.id == "A05" else a for a in register.approvals
    )
    payments = list(register.payments)
    assert payments[7].item == "C01"
    payments[7] = attrs.evolve(payments[7], amount=Decimal("1500000.00"))
    return attrs.evolve(register, approvals=approvals, payments=tuple(payments))


def validate(document: dict[str, object], name: str) -> None:
    schema = ip.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


@pytest.mark.clause("§6.4")
def test_a_provincial_approval_not_yet_paid_is_ready_for_its_whole_matching() -> None:
    # A04: P03 provincial 2021-11-20, funding 4,000,000 × 0.5 = 2,000,000; nothing paid.
    line = ip.budget(ip.example_register(), as_of=END).item("A04")
    assert (line.payable, line.paid, line.outstanding) == (
        Decimal("2000000.00"),
        ZERO,
        Decimal("2000000.00"),
    )
    assert line.status is ip.BudgetStatus.READY
    assert line.due == dt.date(2021, 11, 20)


@pytest.mark.clause("§6.6")
def test_a_performance_grant_at_the_cap_is_ready_on_31_march_of_the_next_year() -> None:
    # P01/2023: national, turnover 12,000,000 × 10% = 1,200,000 → cap 1,000,000.
    line = ip.budget(ip.example_register(), as_of=END).item("P01/2023")
    assert line.outstanding == Decimal("1000000.00") == line.payable - line.paid
    assert line.due == dt.date(2024, 3, 31)
    assert line.status is ip.BudgetStatus.READY


@pytest.mark.clause("§6.4")
def test_an_approval_whose_funding_is_unknown_needs_data_named() -> None:
    result = ip.budget(variant(), as_of=END)
    line = result.item("A05")
    assert line.status is ip.BudgetStatus.NEEDS_DATA
    assert line.missing == ("superior_funding",)
    assert (line.payable, line.paid, line.outstanding) == (ZERO, ZERO, ZERO)
    assert line in result.items  # listed although nothing can be paid yet


@pytest.mark.clause("§6.2")
def test_a_case_decision_paid_in_part_needs_its_decision_for_the_rest() -> None:
    # C01: 2,000,000 decided, 1,500,000 paid on 2023-02-01: 500,000 outstanding.
    line = ip.budget(variant(), as_of=END).item("C01")
    assert line.status is ip.BudgetStatus.NEEDS_DECISION
    assert line.outstanding == Decimal("500000.00") == line.payable - line.paid
    assert [(p.payment, p.date, p.amount) for p in line.payments] == [
        (7, dt.date(2023, 2, 1), Decimal("1500000.00"))
    ]


def test_the_example_register_at_the_end_of_the_plan_owes_29_53_million() -> None:
    result = ip.budget(ip.example_register(), as_of=END)
    assert result.totals.outstanding == Decimal("29530000.00")
    assert result.totals.by_due_year == {
        2021: Decimal("2000000.00"),
        2022: Decimal("600000.00"),
        2023: Decimal("1850000.00"),
        2024: Decimal("9080000.00"),
        2025: Decimal("16000000.00"),
    }
    assert sum(result.totals.by_bureau.values()) == result.totals.outstanding
    assert sum(result.totals.by_park.values()) == result.totals.outstanding
    assert sum(result.totals.by_kind.values()) == result.totals.outstanding
    assert {e.item for e in result.items} >= {"A04", "A10", "A22", "P10/2021"}
    assert all(e.status is ip.BudgetStatus.READY for e in result.items)


@pytest.mark.clause("§6.7")
def test_an_over_payment_is_the_audits_finding_and_not_netted() -> None:
    # P14's A18 (2,500,000) was paid twice; P04/2024 (123,456.78) was paid 130,000.
    result = ip.budget(ip.example_register(), as_of=END)
    a18, p04 = result.item("A18"), result.item("P04/2024")
    assert (a18.paid, a18.outstanding, a18.overpaid) == (Decimal("5000000.00"), ZERO, True)
    assert (p04.outstanding, p04.overpaid) == (ZERO, True)
    assert a18 not in result.items
    assert p04 not in result.items
    codes = {(f.payment, f.code) for f in result.findings}
    assert {(9, ip.FindingCode.DUPLICATE), (10, ip.FindingCode.OVERPAID)} <= codes
    assert result.findings == ip.audit(ip.example_register())


def test_a_mid_plan_budget_counts_only_the_payments_made_by_then() -> None:
    result = ip.budget(ip.example_register(), as_of=dt.date(2022, 12, 31))
    a13 = result.item("A13")  # 6,000,000 on 2022-10-01; 4,000,000 only on 2023-02-01
    assert (a13.paid, a13.outstanding) == (Decimal("6000000.00"), Decimal("4000000.00"))
    assert result.item("A02").status is ip.BudgetStatus.NOT_YET_DUE
    assert [f.payment for f in result.findings] == [2]  # A03, paid although not payable


def test_explain_shows_the_steps_then_each_payment_deducted_dated() -> None:
    explanation = ip.budget(ip.example_register(), as_of=END).explain("A13", ip.Kind.MATCHING)
    assert [p.outstanding for p in explanation.payments] == [Decimal("4000000.00"), ZERO]
    text = explanation.text("en")
    assert "2022-10-01 payment #3 6,000,000.00 yuan, leaving 4,000,000.00 yuan" in text
    assert text.index("20,000,000.00") < text.index("2022-10-01") < text.index("2023-02-01")
    assert explanation.steps == ip.assess(ip.example_register()).item("A13").steps
    assert "截至 2025-12-31 无拨付" in str(
        ip.budget(ip.example_register(), as_of=END).explain("A04")
    )


def test_an_unknown_item_is_refused_with_the_ids_that_exist() -> None:
    result = ip.budget(ip.example_register(), as_of=END)
    with pytest.raises(ip.PolicyValueError, match=r"item: 'A99' is not an eligible item.*A01"):
        result.item("A99")
    with pytest.raises(ip.PolicyValueError):
        result.item("A04", ip.Kind.PERFORMANCE)


@pytest.mark.parametrize("bad", ["2025-12-31", dt.datetime(2025, 12, 31), None, 20251231])
def test_as_of_must_be_a_date(bad: object) -> None:
    with pytest.raises(ip.PolicyTypeError, match=r"as_of: .* is not a date"):
        ip.budget(ip.example_register(), as_of=bad)  # type: ignore[arg-type]
    assert check_as_of(END) == END


def test_the_budget_document_is_valid_against_its_schema() -> None:
    # the variant: A05's 1,250,000 waits for its funding; C01 still owes 500,000
    for register, total in ((ip.example_register(), "29530000.00"), (variant(), "28780000.00")):
        document = json.loads(ip.budget(register, as_of=END).to_json("en"))
        validate(document, "budget")
        assert document["schema"].endswith("/budget/1.json")
        assert document["totals"]["outstanding"] == total
    first = json.loads(ip.budget(variant(), as_of=END).to_json())["items"][0]
    assert set(first) >= {"platform", "item", "kind", "due", "payable", "paid", "outstanding"}


def test_the_tables_of_the_totals_are_read_only() -> None:
    totals = ip.budget(ip.example_register(), as_of=END).totals
    with pytest.raises(TypeError):
        totals.by_due_year[2030] = ZERO  # type: ignore[index]


# ---------------------------------------------------------------------------------------
# Properties


@given(registers(), dates())
def test_outstanding_and_paid_add_up_to_payable_for_every_item_not_over_paid(
    register: ip.Register, as_of: dt.date
) -> None:
    """The district pays no more than the maximum payable, never twice (§6.7; reading 5):
    what is outstanding is what is payable less what was paid, never below 0."""
    result = ip.budget(register, as_of=as_of)
    for entry in result.entries:
        assert entry.outstanding >= 0
        if not entry.overpaid:
            assert entry.outstanding + entry.paid == entry.payable
        else:
            assert entry.outstanding == 0
    assert result.totals.outstanding == sum((e.outstanding for e in result.items), ZERO)


@given(registers(), dates(), st.data())
def test_paying_exactly_the_outstanding_amount_removes_the_item_from_the_list(
    register: ip.Register, as_of: dt.date, data: st.DataObject
) -> None:
    """An amount paid is never paid again (§6.7): once the outstanding amount of an item
    is paid, it is no longer on the list to pay."""
    result = ip.budget(register, as_of=as_of)
    owed = [e for e in result.items if e.outstanding > 0]
    if not owed:
        return
    entry = data.draw(st.sampled_from(owed))
    payment = ip.Payment(
        platform=entry.platform,
        date=as_of,
        kind=entry.kind,
        amount=entry.outstanding,
        year=entry.year if entry.kind is ip.Kind.PERFORMANCE else None,
        item=entry.item,
    )
    paid = attrs.evolve(register, payments=(*register.payments, payment))
    after = ip.budget(paid, as_of=as_of)
    assert (entry.kind, entry.item) not in {(e.kind, e.item) for e in after.items if not e.missing}
    assert after.item(entry.item, entry.kind).outstanding == 0


@given(registers())
def test_a_budget_before_every_payment_equals_the_assessment(register: ip.Register) -> None:
    """What the district owes before it has paid anything is the maximum payable of every
    item (§6.3, §6.4, §6.6, §6.2): payable = outstanding for every item due by then."""
    first = min((p.date for p in register.payments), default=dt.date(2030, 1, 1))
    as_of = first - dt.timedelta(days=1)
    result = ip.budget(register, as_of=as_of)
    assessed = {(i.kind, i.item): i for i in ip.assess(register).items if i.eligible}
    assert {(e.kind, e.item) for e in result.entries} == set(assessed)
    for entry in result.entries:
        assert entry.paid == 0
        assert entry.outstanding == entry.payable == assessed[(entry.kind, entry.item)].amount
        assert (entry.status is ip.BudgetStatus.NOT_YET_DUE) == (entry.due > as_of)
