"""The audit: what was actually paid, against what was payable.

Each payment pays one item (the one its ``item`` names, or the one the rules below find);
payments to one item are added up in date order, so instalments are fine. A payment
gets at most one finding: ``not_payable``, ``duplicate``, ``overpaid`` or
``no_case_decision``. Paying less than the maximum is never a finding: the maxima are
ceilings (reading 5).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from decimal import Decimal
from typing import Any

import attrs

from ._assess import Assessment, Item, assess
from ._explain import check_lang
from ._labels import Kind
from ._money import exact, format_yuan
from ._policy import GANYU_2021, Policy
from ._register import Payment, Register
from ._trace import implements

__all__ = ["FINDING_CODES", "Finding", "audit", "findings_to_dict", "findings_to_json"]

_ZERO = Decimal("0.00")

FINDING_CODES = ("not_payable", "duplicate", "overpaid", "no_case_decision")
"""The codes of the audit's findings."""

# A finding cites the clauses of the item it concerns (they say why the item's maximum
# is what it is); with no item, the clauses of the kind of support; a duplicate also §6.7.
_KIND_CLAUSES = {
    Kind.MATCHING: ("§6.3", "§6.4"),
    Kind.PERFORMANCE: ("§6.6",),
    Kind.CASE: ("§6.2",),
}

_TEXT = {
    "not_payable": (
        "付款 #{n}（{date}，{amount}）对应 {item}，该事项最高可支付额为 0（不符合条件、已补差抵扣或市级已奖励）",
        "payment #{n} ({date}, {amount}) pays {item}, whose maximum payable is 0 (not "
        "eligible, settled away, or already rewarded by the city)",
    ),
    "duplicate": (
        "付款 #{n}（{date}，{amount}）对应 {item}，此前已足额支付 {paid_before}（最高可支付 {payable}），属重复支付",
        "payment #{n} ({date}, {amount}) pays {item}, which was already paid in full "
        "({paid_before} of at most {payable}): a duplicate payment",
    ),
    "overpaid": (
        "付款 #{n}（{date}，{amount}）对应 {item}：此前已付 {paid_before}，合计 {total} 超过最高可支付额 {payable}，超付 {excess}",
        "payment #{n} ({date}, {amount}) pays {item}: {paid_before} paid before, so "
        "{total} in all, above the maximum payable {payable} by {excess}",
    ),
    "no_case_decision": (
        "付款 #{n}（{date}，{amount}）为一事一议支付，但此前没有对应的一事一议决定",
        "payment #{n} ({date}, {amount}) is a case-by-case payment with no case decision behind it",
    ),
}


@attrs.frozen
class Finding:
    """One payment that the audit questions, with the numbers that decided it.

    ``payment`` is the payment's index in the register's payments; ``item`` the id of
    the item it pays (``None`` when there is none); ``payable`` the item's maximum;
    ``paid_before`` what earlier payments already paid toward it.
    """

    code: str
    platform: str
    payment: int
    item: str | None
    amount: Decimal
    payable: Decimal
    paid_before: Decimal
    date: dt.date = attrs.field(repr=False)
    clauses: tuple[str, ...] = attrs.field(repr=False)

    def explain(self, lang: str = "zh") -> str:
        """The finding in plain words, with its numbers and clause ids."""
        lang = check_lang(lang)
        unit = " 元" if lang == "zh" else " yuan"

        def yuan(x: Decimal) -> str:
            return f"{format_yuan(x)}{unit}"

        total = self.paid_before + self.amount
        template = _TEXT[self.code][0 if lang == "zh" else 1]
        text = template.format(
            n=self.payment,
            date=self.date.isoformat(),
            amount=yuan(self.amount),
            item=self.item or ("（无）" if lang == "zh" else "(none)"),
            paid_before=yuan(self.paid_before),
            payable=yuan(self.payable),
            total=yuan(total),
            excess=yuan(total - self.payable),
        )
        cites = ("、" if lang == "zh" else ", ").join(self.clauses)
        return f"{text}（{cites}）" if lang == "zh" else f"{text} ({cites})"


class _Index:
    """The assessment's items by id and by platform and kind, for finding targets."""

    def __init__(self, assessment: Assessment) -> None:
        self.by_id: dict[tuple[Kind, str], Item] = {}
        self.by_platform: dict[tuple[str, Kind], list[Item]] = defaultdict(list)
        for item in assessment.items:
            self.by_id[(item.kind, item.item)] = item
            self.by_platform[(item.platform, item.kind)].append(item)


def _target(payment: Payment, index: _Index) -> Item | None:
    """The item a payment pays: the one it names, else the one the rules find."""
    if payment.item is not None:
        return index.by_id[(payment.kind, payment.item)]
    items = index.by_platform.get((payment.platform, payment.kind), [])
    if payment.kind is Kind.PERFORMANCE:
        for item in items:
            if item.year == payment.year:
                return item
        return None
    candidates = [i for i in items if i.date <= payment.date]
    if not candidates:
        return None
    # The latest dated on or before the payment; on the same date, the higher level.
    return max(candidates, key=lambda i: (i.date, i.level.rank if i.level else 0, i.item))


def audit(
    register: Register, *, policy: Policy = GANYU_2021, assessment: Assessment | None = None
) -> tuple[Finding, ...]:
    """Check every payment of the register against the payable amounts (§6.5, §6.7).

    ``assessment`` may be given to reuse one already made for the same register and
    policy. Findings are in the order of the payments.
    """
    if assessment is None:
        assessment = assess(register, policy=policy)
    with decimal.localcontext(exact()):  # exact whatever the caller's decimal context
        return _audit(register, assessment)


def _audit(register: Register, assessment: Assessment) -> tuple[Finding, ...]:
    index = _Index(assessment)
    order = sorted(range(len(register.payments)), key=lambda n: (register.payments[n].date, n))
    paid: dict[tuple[Kind, str], Decimal] = defaultdict(lambda: _ZERO)
    findings: list[Finding] = []
    for n in order:
        payment = register.payments[n]
        item = _target(payment, index)
        if item is None:
            code = "no_case_decision" if payment.kind is Kind.CASE else "not_payable"
            if payment.amount > 0:
                clauses = _KIND_CLAUSES[payment.kind]
                findings.append(_finding(code, n, payment, None, _ZERO, _ZERO, clauses))
            continue
        key = (item.kind, item.item)
        before = paid[key]
        paid[key] = before + payment.amount
        verdict = _judge(payment.amount, item.amount, before)
        if verdict is not None:
            findings.append(
                _finding(verdict, n, payment, item.item, item.amount, before, item.clauses)
            )
    findings.sort(key=lambda f: f.payment)
    return tuple(findings)


implements(audit, "§6.2", "§6.5", "§6.7")


def _judge(amount: Decimal, payable: Decimal, paid_before: Decimal) -> str | None:
    """The finding for one payment toward an item, or ``None`` (reading 5: ceilings)."""
    if amount <= 0:
        return None
    if payable <= 0:
        return "not_payable"
    if paid_before >= payable:
        return "duplicate"
    if paid_before + amount > payable:
        return "overpaid"
    return None


def _finding(
    code: str,
    n: int,
    payment: Payment,
    item: str | None,
    payable: Decimal,
    paid_before: Decimal,
    item_clauses: tuple[str, ...],
) -> Finding:
    extra = ("§6.7",) if code == "duplicate" else ()
    clauses = tuple(dict.fromkeys(item_clauses + extra))
    return Finding(
        code=code,
        platform=payment.platform,
        payment=n,
        item=item,
        amount=payment.amount,
        payable=payable,
        paid_before=paid_before,
        date=payment.date,
        clauses=clauses,
    )


def findings_to_dict(findings: tuple[Finding, ...], lang: str = "zh") -> dict[str, Any]:
    """``{"findings": [...]}``, the audit as the JSON-ready dictionary of its schema."""
    check_lang(lang)
    return {
        "findings": [
            {
                "code": f.code,
                "platform": f.platform,
                "payment": f.payment,
                "item": f.item,
                "amount": f"{f.amount:.2f}",
                "payable": f"{f.payable:.2f}",
                "paid_before": f"{f.paid_before:.2f}",
                "clauses": list(f.clauses),
                "explanation": f.explain(lang),
            }
            for f in findings
        ]
    }


def findings_to_json(findings: tuple[Finding, ...], lang: str = "zh") -> str:
    """The audit's findings as JSON, valid against the shipped ``findings`` schema."""
    from ._json import dumps

    return dumps(findings_to_dict(findings, lang))
