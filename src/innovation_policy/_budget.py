"""The budget: what is owed and not yet paid, as of a date (§6.2–§6.7, §4.1–§4.3; reading 10).

:func:`budget` assesses the register, then deducts from each eligible item the payments
made up to ``as_of`` that pay it, matched exactly as the audit matches them
(:func:`~innovation_policy._audit.matched_payments`), so that the budget and the audit
never disagree about which item a payment pays:

- ``payable`` is the item's maximum payable (the assessment's amount);
- ``paid`` is the sum of the payments up to ``as_of`` that pay it;
- ``outstanding`` is ``payable − paid``, never below 0: an over-payment is the audit's
  finding (``Budget.findings``), referenced, not netted against other items;
- ``due`` is the day the money falls due (reading 10), and ``status`` says whether it
  can be paid without application (``ready``), waits for a fact recorded as unknown
  (``needs_data``, the fact named in ``missing``), is a case-by-case item (§6.2,
  ``needs_decision``) or falls due after ``as_of`` (``not_yet_due``).

``Budget.items`` is the list the finance bureau works from: every item with something
outstanding, and every item whose amount waits for data. Totals of the outstanding
amounts are by the year due, by the bureau that asks the finance bureau for the money
(§4.1–§4.3), by park (§A) and by kind.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._assess import Assessment, Item, assess
from ._audit import Finding, _audit, matched_payments
from ._errors import PolicyTypeError, PolicyValueError, shown
from ._explain import Step, check_lang, render, sentence, title
from ._frozen import FrozenDict
from ._labels import BudgetStatus, Bureau, Kind, Level, Park
from ._money import exact
from ._policy import GANYU_2021, Policy
from ._policy_io import PolicyTimeline
from ._register import Register
from ._trace import implements
from ._vocabulary import FINANCE_WORDS

__all__ = [
    "Budget",
    "BudgetExplanation",
    "BudgetItem",
    "BudgetTotals",
    "PaymentDeducted",
    "budget",
    "check_as_of",
]

_ZERO = Decimal("0.00")
_STATUS_ORDER = {s: n for n, s in enumerate(BudgetStatus)}


@attrs.frozen
class PaymentDeducted:
    """One payment deducted from an item: its index in the register's payments, its
    date and amount, and what is outstanding after it (never below 0)."""

    payment: int
    date: dt.date
    amount: Decimal
    outstanding: Decimal


@attrs.frozen
class BudgetItem:
    """One item of the budget as of a date: what is payable, paid and outstanding.

    ``overpaid`` is true where more was paid than was payable: the audit's finding,
    not netted (``outstanding`` is then 0). ``bureau`` is the bureau responsible for
    the platform (§4.1–§4.3), ``park`` its park (``None`` outside the four parks, §A).
    """

    item: str
    platform: str
    kind: Kind
    level: Level | None
    year: int
    due: dt.date
    payable: Decimal
    paid: Decimal
    outstanding: Decimal
    status: BudgetStatus
    missing: tuple[str, ...]
    bureau: Bureau
    park: Park | None
    clauses: tuple[str, ...]
    overpaid: bool
    payments: tuple[PaymentDeducted, ...] = attrs.field(repr=False)
    assessed: Item = attrs.field(repr=False, eq=False)

    @property
    def listed(self) -> bool:
        """Whether the item is on the list to pay: something outstanding, or an amount
        that waits for data."""
        return self.outstanding > 0 or bool(self.missing)

    @property
    def sort_key(self) -> tuple[int, str, dt.date, str, str]:
        """Order of the list: status, bureau, due date, platform, item."""
        return (_STATUS_ORDER[self.status], self.bureau.name, self.due, self.platform, self.item)


@attrs.frozen
class BudgetTotals:
    """The outstanding amounts of the list: all of it, and by the year due (only years
    with an item), by bureau (§4.1–§4.3), by park (``None``: outside the parks, §A), by
    kind and by status. Every table is a read-only ``dict``."""

    outstanding: Decimal
    by_due_year: Mapping[int, Decimal]
    by_bureau: Mapping[Bureau, Decimal]
    by_park: Mapping[Park | None, Decimal]
    by_kind: Mapping[Kind, Decimal]
    by_status: Mapping[BudgetStatus, Decimal]


@attrs.frozen
class BudgetExplanation:
    """Why an amount is owed: the assessment's steps to the payable amount, then each
    payment deducted, dated, then what is outstanding."""

    item: BudgetItem
    as_of: dt.date

    @property
    def steps(self) -> tuple[Step, ...]:
        """The assessment's steps, from the inputs to the payable amount."""
        return self.item.assessed.steps

    @property
    def payments(self) -> tuple[PaymentDeducted, ...]:
        """The payments deducted, in date order."""
        return self.item.payments

    def text(self, lang: str = "zh") -> str:
        """The explanation in ``lang``: the steps, the payments, the outstanding amount."""
        lang = check_lang(lang)
        item = self.item
        named = title(item.kind, item.level, item.year, lang)
        head = f"{item.item}：{named}" if lang == "zh" else f"{item.item}: {named}"
        lines = [render(head, self.steps, item.payable, lang)]
        if not item.payments:
            lines.append(
                "  "
                + sentence(FINANCE_WORDS["no_payments"], {"as_of": self.as_of}, item.clauses, lang)
            )
        for deducted in item.payments:
            values = {
                "date": deducted.date,
                "n": deducted.payment,
                "amount": deducted.amount,
                "after": deducted.outstanding,
            }
            lines.append("  " + sentence(FINANCE_WORDS["payment_line"], values, item.clauses, lang))
        values = {
            "payable": item.payable,
            "paid": item.paid,
            "outstanding": item.outstanding,
            "status": item.status.label(lang),
        }
        lines.append("  " + sentence(FINANCE_WORDS["explain_result"], values, item.clauses, lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


@attrs.frozen
class Budget:
    """What is owed and unpaid as of a date: the list, its totals, and the audit's
    findings about the payments up to that date (over-payments are referenced there).

    ``items`` is the list (see :attr:`BudgetItem.listed`), in order of status, bureau,
    due date, platform and item; ``entries`` every eligible item, listed or settled.
    """

    as_of: dt.date
    policy: Policy | PolicyTimeline = attrs.field(repr=False)
    items: tuple[BudgetItem, ...] = attrs.field(repr=False)
    totals: BudgetTotals
    findings: tuple[Finding, ...] = attrs.field(repr=False)
    entries: tuple[BudgetItem, ...] = attrs.field(repr=False)
    assessment: Assessment = attrs.field(repr=False, eq=False)

    def item(self, item_id: str, kind: Kind | None = None) -> BudgetItem:
        """The eligible item with this id (and kind, where ids could repeat across
        kinds), listed or not; an error naming the ids that exist otherwise."""
        for entry in self.entries:
            if entry.item == item_id and (kind is None or entry.kind is kind):
                return entry
        ids = ", ".join(sorted({e.item for e in self.entries}))
        raise PolicyValueError(
            f"item: {shown(item_id)} is not an eligible item of the register; ids: {ids}",
            field="item",
        )

    def explain(self, item_id: str, kind: Kind | None = None) -> BudgetExplanation:
        """Why this item's amount is owed: the assessment's steps, then each payment
        deducted, dated (as data; its ``text(lang)`` in words)."""
        return BudgetExplanation(self.item(item_id, kind), self.as_of)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The budget as the JSON-ready dictionary of the shipped ``budget`` schema."""
        return budget_to_dict(self, lang)

    def to_json(self, lang: str = "zh") -> str:
        """The budget as JSON, valid against the shipped ``budget`` schema."""
        from ._documents import dumps

        return dumps(self.to_dict(lang))

    def to_frame(self, lang: str = "zh", amounts: str = "decimal") -> Any:
        """One row per item of the list, as a pandas DataFrame (``amounts``: ``decimal``
        or ``fen``); ``outstanding`` sums to ``totals.outstanding``."""
        from ._frames import budget_frame  # a thin delegate (the pandas extra)

        return budget_frame(self, lang, amounts)

    def _repr_html_(self) -> str:
        from ._html import budget_html  # a thin delegate (Jupyter)

        return budget_html(self)


def check_as_of(as_of: object) -> dt.date:
    """``as_of`` if it is a :class:`datetime.date` (not a datetime, not text)."""
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise PolicyTypeError(
            f"as_of: {shown(as_of)} is not a date; expected a datetime.date such as "
            "datetime.date(2025, 12, 31)",
            field="as_of",
        )
    return as_of


def budget(
    register: Register, *, as_of: dt.date, policy: Policy | PolicyTimeline = GANYU_2021
) -> Budget:
    """What is owed and not yet paid as of ``as_of`` (§6.2–§6.7, §4.1–§4.3; readings 5, 10).

    Every eligible item of the assessment, less the payments dated on or before
    ``as_of`` that pay it (matched as the audit matches them), never below 0; with its
    due date (reading 10) and status. ``policy`` may be a timeline (reading 11).
    """
    as_of = check_as_of(as_of)
    assessment = assess(register, policy=policy)
    with decimal.localcontext(exact()):
        return _budget(register, assessment, as_of)


implements(budget, "§6.2", "§6.3", "§6.4", "§6.6", "§4.1", "§4.2", "§4.3")


def _status(item: Item, as_of: dt.date) -> BudgetStatus:
    if item.due > as_of:
        return BudgetStatus.NOT_YET_DUE
    if item.kind is Kind.CASE:
        return BudgetStatus.NEEDS_DECISION
    if item.missing:
        return BudgetStatus.NEEDS_DATA
    return BudgetStatus.READY


def _budget(register: Register, assessment: Assessment, as_of: dt.date) -> Budget:
    paid: dict[tuple[Kind, str], list[tuple[int, dt.date, Decimal]]] = {}
    for n, payment, target in matched_payments(register, assessment):
        if target is not None and payment.date <= as_of:
            paid.setdefault((target.kind, target.item), []).append(
                (n, payment.date, payment.amount)
            )
    summaries = {s.id: s for s in assessment.platforms}
    entries = []
    for item in assessment.items:
        if not item.eligible:
            continue
        summary = summaries[item.platform]
        deducted = []
        total = _ZERO
        for n, day, amount in paid.get((item.kind, item.item), ()):
            total += amount
            deducted.append(PaymentDeducted(n, day, amount, max(item.amount - total, _ZERO)))
        entries.append(
            BudgetItem(
                item=item.item,
                platform=item.platform,
                kind=item.kind,
                level=item.level,
                year=item.year,
                due=item.due,
                payable=item.amount,
                paid=total,
                outstanding=max(item.amount - total, _ZERO),
                status=_status(item, as_of),
                missing=item.missing,
                bureau=summary.classification.bureau,
                park=summary.platform.park,
                clauses=item.clauses,
                overpaid=total > item.amount,
                payments=tuple(deducted),
                assessed=item,
            )
        )
    listed = sorted((e for e in entries if e.listed), key=lambda e: e.sort_key)
    return Budget(
        as_of=as_of,
        policy=assessment.policy,
        items=tuple(listed),
        totals=_totals(listed),
        findings=_findings(register, assessment, as_of),
        entries=tuple(entries),
        assessment=assessment,
    )


def _findings(register: Register, assessment: Assessment, as_of: dt.date) -> tuple[Finding, ...]:
    """The audit's findings about the payments up to ``as_of``, each numbered by its
    index in the register's payments."""
    index = [n for n, p in enumerate(register.payments) if p.date <= as_of]
    kept = attrs.evolve(register, payments=tuple(register.payments[n] for n in index))
    return tuple(attrs.evolve(f, payment=index[f.payment]) for f in _audit(kept, assessment))


def _totals(listed: list[BudgetItem]) -> BudgetTotals:
    by_due_year: dict[int, Decimal] = {}
    by_bureau = dict.fromkeys(Bureau, _ZERO)
    by_park: dict[Park | None, Decimal] = dict.fromkeys((*Park, None), _ZERO)
    by_kind = dict.fromkeys(Kind, _ZERO)
    by_status = dict.fromkeys(BudgetStatus, _ZERO)
    for entry in listed:
        amount = entry.outstanding
        by_due_year[entry.due.year] = by_due_year.get(entry.due.year, _ZERO) + amount
        by_bureau[entry.bureau] += amount
        by_park[entry.park] += amount
        by_kind[entry.kind] += amount
        by_status[entry.status] += amount
    return BudgetTotals(
        outstanding=sum(by_kind.values(), _ZERO),
        by_due_year=FrozenDict(sorted(by_due_year.items())),
        by_bureau=FrozenDict(by_bureau),
        by_park=FrozenDict(by_park),
        by_kind=FrozenDict(by_kind),
        by_status=FrozenDict(by_status),
    )


# ---------------------------------------------------------------------------------------
# The JSON document


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _park(park: Park | None) -> str:
    return park.value if park is not None else "园区外"


def budget_to_dict(result: Budget, lang: str = "zh") -> dict[str, Any]:
    """``{"schema", "generator", "policy", "as_of", "items", "totals", "findings"}``."""
    from ._provenance import generator, policy_block, schema_id

    check_lang(lang)
    totals = result.totals
    return {
        "schema": schema_id("budget"),
        "generator": generator(),
        "policy": policy_block(result.policy),
        "as_of": result.as_of.isoformat(),
        "items": [
            {
                "platform": e.platform,
                "item": e.item,
                "kind": e.kind.value,
                "bureau": e.bureau.value,
                "park": e.park.value if e.park is not None else None,
                "due": e.due.isoformat(),
                "payable": _money(e.payable),
                "paid": _money(e.paid),
                "outstanding": _money(e.outstanding),
                "status": e.status.value,
                "missing": list(e.missing),
                "clauses": list(e.clauses),
            }
            for e in result.items
        ],
        "totals": {
            "outstanding": _money(totals.outstanding),
            "by_due_year": {str(k): _money(v) for k, v in totals.by_due_year.items()},
            "by_bureau": {k.value: _money(v) for k, v in totals.by_bureau.items()},
            "by_park": {_park(k): _money(v) for k, v in totals.by_park.items()},
            "by_kind": {k.value: _money(v) for k, v in totals.by_kind.items()},
            "by_status": {k.value: _money(v) for k, v in totals.by_status.items()},
        },
        "findings": [
            {
                "code": f.code.value,
                "payment": f.payment,
                "platform": f.platform,
                "item": f.item,
                "explanation": f.explain(lang),
            }
            for f in result.findings
        ],
    }
