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

import attrs

from ._assess import Assessment, Item, assess
from ._errors import PolicyTypeError, PolicyValueError, shown
from ._explain import sentence
from ._labels import FindingCode, Kind
from ._money import exact
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline, differing_fields
from ._register import Payment, Register, register_difference
from ._trace import implements
from ._vocabulary import FINDINGS, check_lang, word

__all__ = ["FINDING_CODES", "Finding", "audit", "matched_payments"]

_ZERO = Decimal("0.00")

FINDING_CODES = tuple(code.value for code in FindingCode)
"""The codes of the audit's findings."""

# A finding cites the clauses of the item it concerns (they say why the item's maximum
# is what it is); with no item, the clauses of the kind of support; a duplicate also §6.7.
_KIND_CLAUSES = {
    Kind.MATCHING: ("§6.3", "§6.4"),
    Kind.PERFORMANCE: ("§6.6",),
    Kind.CASE: ("§6.2",),
}


@attrs.frozen
class Finding:
    """One payment that the audit questions, with the numbers that decided it.

    ``payment`` is the payment's index in the register's payments; ``item`` the id of
    the item it pays (``None`` when there is none); ``payable`` the item's maximum;
    ``paid_before`` what earlier payments already paid toward it.
    """

    code: FindingCode
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
        total = self.paid_before + self.amount
        values = {
            "n": self.payment,
            "date": self.date,
            "amount": self.amount,
            "item": self.item or word("no_item", check_lang(lang)),
            "paid_before": self.paid_before,
            "payable": self.payable,
            "total": total,
            "excess": total - self.payable,
        }
        return sentence(FINDINGS[self.code], values, self.clauses, lang)

    def _repr_html_(self) -> str:
        from ._html import finding_html  # a thin delegate (Jupyter)

        return finding_html(self)


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
    register: Register,
    *,
    policy: Policy | PolicyTimeline | None = None,
    assessment: Assessment | None = None,
) -> tuple[Finding, ...]:
    """Check every payment of the register against the payable amounts (§6.5, §6.7).

    ``assessment`` may be given to reuse one already made of the same register (under
    ``policy``, when that is given too; else under its own); an assessment of another
    register, or of another policy, is refused with the difference named. Without
    either, the register is assessed under ``policy`` (default ``GANYU_2021``). Findings
    are in the order of the payments.
    """
    if assessment is None:
        assessment = assess(register, policy=GANYU_2021 if policy is None else policy)
    else:
        _check_assessment(register, policy, assessment)
    with decimal.localcontext(exact()):  # exact whatever the caller's decimal context
        return _audit(register, assessment)


def _check_assessment(
    register: Register, policy: Policy | PolicyTimeline | None, assessment: Assessment
) -> None:
    if not isinstance(assessment, Assessment):
        raise PolicyTypeError(
            f"assessment: {shown(assessment)} is not an Assessment; pass the result of "
            "assess(register), or leave it out",
            field="assessment",
        )
    difference = register_difference(assessment.register, register)
    if difference is not None:
        raise PolicyValueError(
            f"assessment: it is of another register ({difference}); assess this register, "
            "or leave the assessment out",
            field="assessment",
        )
    if policy is not None and assessment.policy != policy:
        fields = differing_fields(assessment.policy, policy) or ("name",)
        raise PolicyValueError(
            f"assessment: it was made under another policy (differing in "
            f"{', '.join(fields)}); assess under this policy, or leave the policy out",
            field="assessment",
        )


def matched_payments(
    register: Register, assessment: Assessment
) -> tuple[tuple[int, Payment, Item | None], ...]:
    """Every payment of the register in date order (then register order) with the item
    of ``assessment`` it pays, or ``None``: the one matching that the audit and the
    budget share, so that they never disagree about which item a payment pays."""
    index = _Index(assessment)
    order = sorted(range(len(register.payments)), key=lambda n: (register.payments[n].date, n))
    return tuple((n, register.payments[n], _target(register.payments[n], index)) for n in order)


def _audit(register: Register, assessment: Assessment) -> tuple[Finding, ...]:
    paid: dict[tuple[Kind, str], Decimal] = defaultdict(lambda: _ZERO)
    findings: list[Finding] = []
    for n, payment, item in matched_payments(register, assessment):
        if item is None:
            code = (
                FindingCode.NO_CASE_DECISION
                if payment.kind is Kind.CASE
                else FindingCode.NOT_PAYABLE
            )
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


def _judge(amount: Decimal, payable: Decimal, paid_before: Decimal) -> FindingCode | None:
    """The finding for one payment toward an item, or ``None`` (reading 5: ceilings)."""
    if amount <= 0:
        return None
    if payable <= 0:
        return FindingCode.NOT_PAYABLE
    if paid_before >= payable:
        return FindingCode.DUPLICATE
    if paid_before + amount > payable:
        return FindingCode.OVERPAID
    return None


def _finding(
    code: FindingCode,
    n: int,
    payment: Payment,
    item: str | None,
    payable: Decimal,
    paid_before: Decimal,
    item_clauses: tuple[str, ...],
) -> Finding:
    extra = ("§6.7",) if code is FindingCode.DUPLICATE else ()
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
