"""Invariants of the assessment and the audit over generated registers and reforms.

Each property's docstring quotes the sentence of the policy it checks, with its clause
id. The standalone entitlements the properties compare against are worked out here from
the policy's parameters (ratio × base, at most the cap, rounded down to the fen), not
read from the library.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import ROUND_DOWN, Decimal, localcontext

import attrs
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy import CityReading, Kind, Level, Rating, UpgradeReading
from tests.register_strategies import policy_reforms, registers, shuffled

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
RANK = {Level.DISTRICT: 1, Level.MUNICIPAL: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}


def _down(value: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = 60
        return value.quantize(FEN, rounding=ROUND_DOWN)


def terms(level: Level, policy: ip.Policy) -> tuple[Decimal, Decimal] | None:
    """§6.3: national, 1:1 up to 1000万元; §6.4: provincial, 1:0.5 up to 500万元 (as
    parameters of the policy); nothing else is matched."""
    if level is Level.NATIONAL:
        return policy.national_match_ratio, policy.national_match_cap
    if level is Level.PROVINCIAL:
        return policy.provincial_match_ratio, policy.provincial_match_cap
    return None


def matching_entitlement(approval: ip.Approval, policy: ip.Policy) -> Decimal:
    """The standalone matching entitlement of one approval inside the plan period."""
    found = terms(approval.level, policy)
    funding = approval.superior_funding
    if found is None or funding is None or not policy.in_period(approval.date):
        return ZERO  # not matched, or the funding recorded as unknown: nothing yet
    ratio, cap = found
    with localcontext() as context:
        context.prec = 60
        return _down(min(funding * ratio, cap))


def level_held(register: ip.Register, platform: str, year: int) -> Level | None:
    """The highest level the platform held on 31 December of ``year`` (reading 4)."""
    held = [
        a.level
        for a in register.approvals
        if a.platform == platform and a.date <= dt.date(year, 12, 31)
    ]
    return max(held, key=RANK.__getitem__) if held else None


def performance_entitlement(register: ip.Register, review: ip.Review, policy: ip.Policy) -> Decimal:
    """§6.6: 市级以上 recognition, excellent: turnover × rate, at most the cap; only for
    a year of the plan (reading 8)."""
    level = level_held(register, review.platform, review.year)
    if (
        review.rating is not Rating.EXCELLENT
        or level is None
        or RANK[level] < RANK[Level.MUNICIPAL]
        or not policy.plan_start.year <= review.year <= policy.plan_end.year
        or review.turnover is None  # recorded as unknown: nothing until it is known
    ):
        return ZERO
    with localcontext() as context:
        context.prec = 60
        return _down(min(review.turnover * policy.performance_rate, policy.performance_cap))


def matching_items(assessment: ip.Assessment) -> dict[str, ip.Item]:
    return {i.item: i for i in assessment.items if i.kind is Kind.MATCHING}


# ---------------------------------------------------------------------------------------
# 1. Matching support never exceeds the largest single entitlement (reading 1)


@given(registers(), policy_reforms())
def test_total_matching_of_a_platform_never_exceeds_its_largest_single_entitlement(
    register: ip.Register, reform: ip.Policy
) -> None:
    """§6.3 "获得国家级批准立项的重大产业创新平台，按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元";
    §6.4 "……按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元";
    §6.7 "补助按照就高原则，不重复进行补助。" — under the top-up reading, a platform's
    total matching support is at most the largest single entitlement it earned, and so at
    most the cap of the highest level it reached."""
    policy = attrs.evolve(reform, upgrade_reading=UpgradeReading.TOP_UP)
    items = matching_items(ip.assess(register, policy=policy))
    total: dict[str, Decimal] = defaultdict(lambda: ZERO)
    largest: dict[str, Decimal] = defaultdict(lambda: ZERO)
    highest_cap: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for approval in register.approvals:
        total[approval.platform] += items[approval.id].amount
        entitlement = matching_entitlement(approval, policy)
        largest[approval.platform] = max(largest[approval.platform], entitlement)
        found = terms(approval.level, policy)
        if found is not None and policy.in_period(approval.date):
            highest_cap[approval.platform] = max(highest_cap[approval.platform], found[1])
    for platform, paid in total.items():
        assert paid <= largest[platform]
        assert paid <= highest_cap[platform]


# ---------------------------------------------------------------------------------------
# 2. One performance grant per platform-year, the higher of city and district (§6.7)


@given(registers(), policy_reforms())
def test_a_platform_year_gets_one_grant_and_city_plus_district_is_the_higher_of_the_two(
    register: ip.Register, policy: ip.Policy
) -> None:
    """§6.7 "补助按照就高原则，不重复进行补助。" — at most one performance award per
    platform-year, and the district's grant plus the city's for that year never exceeds
    the higher of the two entitlements: the district pays only the difference."""
    assessment = ip.assess(register, policy=policy)
    performance = [i for i in assessment.items if i.kind is Kind.PERFORMANCE]
    per_year = Counter((i.platform, i.year) for i in performance)
    assert all(count == 1 for count in per_year.values())
    by_id = {i.item: i for i in performance}
    for review in register.reviews:
        district = by_id[review.id].amount
        entitlement = performance_entitlement(register, review, policy)
        assert district + review.city_grant <= max(entitlement, review.city_grant)
        assert district == max(entitlement - review.city_grant, ZERO)


# ---------------------------------------------------------------------------------------
# 3. City and district do not both reward one approval (§6.5, reading 2)


@given(registers(), policy_reforms())
def test_no_district_matching_for_an_approval_the_city_already_rewarded(
    register: ip.Register, reform: ip.Policy
) -> None:
    """§6.5 "市、区不重复奖励，区奖励资金额度不超过市对其他县奖励标准。" — under the default
    reading, the district pays nothing for an approval the city already rewarded; and
    where the county standard is known for a level, no approval of that level is paid
    more than it."""
    policy = attrs.evolve(reform, city_reading=CityReading.CITY_EXCLUDES_DISTRICT)
    items = matching_items(ip.assess(register, policy=policy))
    for approval in register.approvals:
        amount = items[approval.id].amount
        if approval.city_award > 0:
            assert amount == ZERO
        standard = policy.county_standard_caps.get(approval.level)
        if standard is not None:
            assert amount <= standard


@given(registers(), policy_reforms())
def test_each_approval_on_its_own_with_the_city_topped_up_never_exceeds_its_entitlement(
    register: ip.Register, reform: ip.Policy
) -> None:
    """§6.3, §6.4 "最高支持额度不超过1000万元 / 500万元" and §6.5 "市、区不重复奖励" — under
    the each-approval reading every approval is matched on its own, under its own cap;
    under the city top-up reading the district pays only the shortfall, so the
    district's payment plus the city's award is at most the larger of the two."""
    policy = attrs.evolve(
        reform,
        city_reading=CityReading.TOP_UP,
        upgrade_reading=UpgradeReading.EACH_APPROVAL,
    )
    items = matching_items(ip.assess(register, policy=policy))
    for approval in register.approvals:
        amount = items[approval.id].amount
        entitlement = matching_entitlement(approval, policy)
        assert amount <= entitlement
        assert amount + approval.city_award <= max(entitlement, approval.city_award)
        if approval.level not in policy.county_standard_caps:
            assert amount == max(entitlement - approval.city_award, ZERO)


# ---------------------------------------------------------------------------------------
# 4. Deterministic and independent of the order of the records


@given(registers(), policy_reforms(), st.data())
def test_the_assessment_does_not_depend_on_the_order_of_the_records(
    register: ip.Register, policy: ip.Policy, data: st.DataObject
) -> None:
    """§6.7 "补助按照就高原则，不重复进行补助。" and reading 1 ("each approval, in date
    order"): what the district owes is settled by dates and levels, never by the order
    in which the records happen to be listed; the same register gives the same result."""
    expected = ip.assess(register, policy=policy).to_dict()
    assert ip.assess(register, policy=policy).to_dict() == expected
    reordered = data.draw(shuffled(register))
    assert ip.assess(reordered, policy=policy).to_dict() == expected
    # the audit too, as long as the payments keep their places
    same_payments = attrs.evolve(reordered, payments=register.payments)
    assert ip.audit(same_payments, policy=policy) == ip.audit(register, policy=policy)


# ---------------------------------------------------------------------------------------
# 5. Payments never change what is payable; paying exactly what is payable is clean


@given(registers(), policy_reforms())
def test_payments_never_change_what_is_payable_and_each_gets_at_most_one_finding(
    register: ip.Register, policy: ip.Policy
) -> None:
    """Reading 5, "不超过" (§6.3, §6.4, §6.6): the library computes the maximum payable;
    what was actually paid is checked against it and never changes it. §6.7
    "不重复进行补助": each payment is judged once, against the item it pays."""
    without = attrs.evolve(register, payments=())
    assert (
        ip.assess(register, policy=policy).to_dict() == ip.assess(without, policy=policy).to_dict()
    )
    findings = ip.audit(register, policy=policy)
    assert [f.payment for f in findings] == sorted({f.payment for f in findings})
    for finding in findings:
        assert finding.code in ip.FINDING_CODES
        payment = register.payments[finding.payment]
        assert (finding.platform, finding.amount) == (payment.platform, payment.amount)
        assert finding.amount > 0
        if payment.item is not None:
            assert finding.item == payment.item


@given(registers(max_payments=0), policy_reforms(), st.data())
def test_paying_every_item_exactly_its_payable_amount_gives_no_finding(
    register: ip.Register, policy: ip.Policy, data: st.DataObject
) -> None:
    """§6.7 "补助按照就高原则，不重复进行补助。" and reading 5: paying each item exactly
    its maximum, in one payment or in instalments, is neither a duplicate nor an
    overpayment."""
    assessment = ip.assess(register, policy=policy)
    payments: list[ip.Payment] = []
    for item in assessment.items:
        if item.amount == 0:
            continue
        fen = int(item.amount / FEN)
        cuts = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=fen), max_size=2)))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, fen], strict=True)]
        for n, part in enumerate(parts):
            payments.append(
                ip.Payment(
                    platform=item.platform,
                    date=item.date + dt.timedelta(days=n),
                    kind=item.kind,
                    amount=Decimal(part) * FEN,
                    year=item.year if item.kind is Kind.PERFORMANCE else None,
                    item=item.item,
                )
            )
    order = data.draw(st.permutations(payments))
    paid = attrs.evolve(register, payments=tuple(order))
    assert ip.audit(paid, policy=policy) == ()
    # and one fen more on any of them is a finding
    if payments:
        extra = data.draw(st.sampled_from(payments))
        more = attrs.evolve(paid, payments=(*paid.payments, attrs.evolve(extra, amount=FEN)))
        (finding,) = ip.audit(more, policy=policy)
        assert finding.code in {"duplicate", "overpaid"}
        assert finding.item == extra.item


# ---------------------------------------------------------------------------------------
# Amounts and totals


@given(registers(), policy_reforms())
def test_every_amount_is_at_least_0_with_at_most_2_decimals_and_the_totals_add_up(
    register: ip.Register, policy: ip.Policy
) -> None:
    """Reading 7 (amounts are yuan to the fen; a maximum is rounded down) and §6.2
    ("一事一议", kept apart from the formula money): every item's amount is at least 0
    with at most two decimals; the district total is the sum of the items; the formula
    total is matching plus performance."""
    assessment = ip.assess(register, policy=policy)
    items = assessment.items
    assert len(items) == len(register.approvals) + len(register.reviews) + len(
        register.case_decisions
    )
    for item in items:
        assert item.amount >= 0
        exponent = item.amount.as_tuple().exponent
        assert isinstance(exponent, int)
        assert exponent >= -2
        if not item.eligible:
            assert item.amount == 0
    totals = assessment.totals
    by_kind = {kind: sum((i.amount for i in items if i.kind is kind), ZERO) for kind in Kind}
    assert totals.district == sum((i.amount for i in items), ZERO)
    assert totals.formula == by_kind[Kind.MATCHING] + by_kind[Kind.PERFORMANCE]
    assert dict(totals.by_kind) == by_kind
    assert sum(totals.by_platform.values(), ZERO) == totals.district
    assert sum(totals.by_year.values(), ZERO) == totals.district
    assert sum(totals.by_bureau.values(), ZERO) == totals.district
    # a case decision is listed as decided, never capped (§6.2)
    decided = {d.id: d.amount for d in register.case_decisions}
    assert {i.item: i.amount for i in items if i.kind is Kind.CASE} == decided


# ---------------------------------------------------------------------------------------
# Reading 1 as revised: no approval pays more than its own entitlement; same-date order


@given(registers(), policy_reforms())
def test_no_approval_pays_more_than_its_own_entitlement(
    register: ip.Register, reform: ip.Policy
) -> None:
    """§6.7 "补助按照就高原则，不重复进行补助。" with reading 1 (top-up): each approval pays
    its own entitlement less what the district already paid the platform, never more than
    its own entitlement (§6.3, §6.4)."""
    items = matching_items(ip.assess(register, policy=reform))
    for approval in register.approvals:
        assert items[approval.id].amount <= matching_entitlement(approval, reform)


_SAME_DAYS = (dt.date(2022, 3, 1), dt.date(2023, 7, 1))


@st.composite
def _crowded_register(draw: st.DrawFn) -> ip.Register:
    """One or two platforms with up to five approvals on two dates: many on one date."""
    pids = ("P1", "P2")[: draw(st.integers(1, 2))]
    approvals = [
        ip.Approval(
            platform=draw(st.sampled_from(pids)),
            level=draw(st.sampled_from(list(Level))),
            date=draw(st.sampled_from(_SAME_DAYS)),
            superior_funding=draw(
                st.sampled_from([Decimal(0), Decimal(2000000), Decimal(6000000), Decimal(12000000)])
            ),
            city_award=draw(st.sampled_from([Decimal(0), Decimal(500000), Decimal(3000000)])),
            id=f"A{n}",
        )
        for n in range(draw(st.integers(1, 5)))
    ]
    return ip.Register(
        platforms=tuple(
            ip.Platform(
                id=pid,
                name=f"平台{pid}",
                category=ip.Category.TECHNOLOGY_INNOVATION_CENTER,
                industry=ip.Industry.NEW_ENERGY,
                park=ip.Park.ECONOMIC_DEVELOPMENT_ZONE,
            )
            for pid in pids
        ),
        approvals=tuple(approvals),
    )


@given(
    _crowded_register(),
    st.data(),
    st.sampled_from(list(UpgradeReading)),
    st.sampled_from(list(CityReading)),
    st.sampled_from([{}, {Level.PROVINCIAL: Decimal(1000000)}, {Level.NATIONAL: Decimal(4000000)}]),
)
def test_renaming_ids_or_reordering_records_never_changes_any_total(
    register: ip.Register,
    data: st.DataObject,
    upgrade: UpgradeReading,
    city: CityReading,
    caps: dict[Level, Decimal],
) -> None:
    """Reading 1: "Approvals of one platform on the same date settle in ascending level,
    then ascending entitlement, then ascending city award, then id … so that no amount
    depends on ids or on the order of records" (§6.3, §6.4, §6.5, §6.7), under every
    combination of readings."""
    policy = attrs.evolve(
        ip.GANYU_2021, upgrade_reading=upgrade, city_reading=city, county_standard_caps=caps
    )
    before = ip.assess(register, policy=policy).totals
    new_ids = data.draw(st.permutations([f"X{n}" for n in range(len(register.approvals))]))
    renamed = tuple(
        attrs.evolve(a, id=new) for a, new in zip(register.approvals, new_ids, strict=True)
    )
    reordered = attrs.evolve(register, approvals=tuple(data.draw(st.permutations(renamed))))
    after = ip.assess(reordered, policy=policy).totals
    assert dict(after.by_platform) == dict(before.by_platform)
    assert after.district == before.district
    assert dict(after.by_year) == dict(before.by_year)
