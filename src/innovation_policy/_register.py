"""The register: a district's platforms and what happened to them, checked as a whole.

Records are frozen values; each validates its own fields when it is made (money to the
fen, labels parsed, dates real dates), so a record in hand is always well formed. A
:class:`Register` then checks what only the whole can show (duplicate ids, events of
unknown platforms, two reviews of one platform-year, payments naming no record) and
reports every problem at once, each located as ``approvals[3].platform``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from ._errors import (
    InputError,
    PolicyError,
    PolicyTypeError,
    PolicyValueError,
    Problem,
    ProblemCode,
    listed,
    shown,
)
from ._explain import sentence
from ._labels import Category, CoBuilder, Industry, Kind, Level, NoticeCode, Park, Rating
from ._money import money
from ._parse import check_date
from ._vocabulary import NOTICES

__all__ = [
    "Approval",
    "CaseDecision",
    "Notice",
    "Payment",
    "Platform",
    "Register",
    "register_difference",
    "register_notices",
]

_ZERO = Decimal("0.00")
MIN_YEAR = 1000
MAX_YEAR = 9999

CONTROL_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
"""Control characters, for a terminal: C0, DEL, C1, and the bidirectional overrides and
isolates, which reorder what a terminal shows. An id holds none of them."""
CONTROL_CHARACTERS = re.compile(
    "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in CONTROL_RANGES) + "]"
)


# ----------------------------------------------------------------------------------------
# Field checks: each names the field it checks, so a record made by hand in Python fails
# with the field named, and a record read from a file is located by the reader.

_Check = Callable[[object, str], object]


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise PolicyTypeError(
            f"{shown(value)} is not text; expected a non-empty string", path=field, value=value
        )
    text = value.strip()
    if not text:
        raise PolicyValueError(
            f"{value!r} is empty; expected a non-empty string",
            path=field,
            code=ProblemCode.BLANK,
            value=value,
        )
    return text


def _id(value: object, field: str) -> str:
    """An id, or a reference to one: text without control characters, which would break
    a table or reach a terminal (a line break, a tab, an escape, a bidi override)."""
    text = _text(value, field)
    found = CONTROL_CHARACTERS.search(text)
    if found is not None:
        raise PolicyValueError(
            f"{shown(text)} holds the control character U+{ord(found.group()):04X}; "
            "ids and references hold none (no line break, tab, escape or bidi override): "
            "retype it",
            path=field,
            code=ProblemCode.CONTROL_CHARACTER,
            value=value,
        )
    return text


def _optional_id(value: object, field: str) -> str | None:
    return None if value is None else _id(value, field)


def _year(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyTypeError(
            f"{shown(value)} is not a year; expected a whole number like 2023",
            path=field,
            code=ProblemCode.NOT_A_YEAR,
            value=value,
        )
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise PolicyValueError(
            f"{value} is not a year; expected a four-digit year like 2023",
            path=field,
            code=ProblemCode.NOT_A_YEAR,
            value=value,
        )
    return value


def _optional_year(value: object, field: str) -> int | None:
    return None if value is None else _year(value, field)


def _optional_date(value: object, field: str) -> dt.date | None:
    return None if value is None else check_date(value, field)


def _known_money(value: object, field: str) -> Decimal | None:
    """Money, or ``None``: recorded as unknown (not yet known, never a guessed 0)."""
    return None if value is None else money(value, field)


def _label(kind: Any) -> _Check:
    def check(value: object, field: str) -> object:
        return kind.parse(value, field=field)

    return check


def _optional_label(kind: Any) -> _Check:
    def check(value: object, field: str) -> object:
        return None if value is None else kind.parse(value, field=field)

    return check


def _co_builders(value: object, field: str) -> frozenset[CoBuilder] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyTypeError(
            f"{shown(value)} is not a set of co-builders; expected a list of {CoBuilder.choices()}",
            path=field,
            value=value,
        )
    return frozenset(CoBuilder.parse(v, field=field) for v in value)


def _validate(record: Any, checks: tuple[tuple[str, _Check], ...]) -> None:
    """Check and normalise a record's fields in place; all problems reported at once."""
    errors: list[PolicyError] = []
    for name, check in checks:
        value = getattr(record, name)
        try:
            checked = check(value, name)
        except PolicyError as error:
            errors.append(error)
            continue
        if checked is not value:  # most fields come back as they are
            object.__setattr__(record, name, checked)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputError((e.problem() for e in errors), source=type(record).__name__)


def _derived_id(*parts: object) -> str:
    return "/".join(
        [
            p.value
            if isinstance(p, (Level, Kind))
            else p.isoformat()
            if isinstance(p, dt.date)
            else str(p)
            for p in parts
        ]
    )


def _with_id(record: Any, checks: tuple[tuple[str, _Check], ...], *parts: str) -> None:
    """Validate a record whose id, when not given, is derived from its content."""
    derived = record.id is None
    _validate(record, checks if derived else (*checks, ("id", _id)))
    if derived:
        object.__setattr__(record, "id", _derived_id(*[getattr(record, p) for p in parts]))


# ----------------------------------------------------------------------------------------
# The records.


@attrs.frozen
class Platform:
    """A platform of the district: its category (§3.0–§3.6), park (§2.1, §A.1–§A.4) and industry (§2.1).

    ``park`` is ``None`` for a platform outside the four parks. ``co_builders`` records,
    for a professional institute, which of the four parties of §3.6 co-built it
    (``None``: not recorded).
    """

    id: str
    name: str
    category: Category
    industry: Industry
    park: Park | None = None
    co_builders: frozenset[CoBuilder] | None = None

    _CHECKS: ClassVar[tuple[tuple[str, _Check], ...]] = (
        ("id", _id),
        ("name", _text),
        ("category", _label(Category)),
        ("industry", _label(Industry)),
        ("park", _optional_label(Park)),
        ("co_builders", _co_builders),
    )

    def __attrs_post_init__(self) -> None:
        _validate(self, self._CHECKS)


@attrs.frozen
class Approval:
    """An approval (national, provincial) or filing (municipal, for a new R&D institution)
    of a platform at a level, with the higher-level funding allocated for it (§6.3, §6.4)
    and what the city already paid for the same approval (§6.5).

    ``superior_funding`` is ``None`` where it is recorded as unknown (``null`` in JSON,
    ``unknown`` or ``未知`` in a table): the matching cannot be computed until it is known,
    and the budget lists the item as needing data.

    Without an ``id``, one is derived from the content: ``P1/2022-03-01/省级``.
    """

    platform: str
    level: Level
    date: dt.date
    superior_funding: Decimal | None = _ZERO
    city_award: Decimal = _ZERO
    id: str = attrs.field(default=None)

    _CHECKS: ClassVar[tuple[tuple[str, _Check], ...]] = (
        ("platform", _id),
        ("level", _label(Level)),
        ("date", check_date),
        ("superior_funding", _known_money),
        ("city_award", money),
    )

    def __attrs_post_init__(self) -> None:
        _with_id(self, self._CHECKS, "platform", "date", "level")


@attrs.frozen
class Review:
    """The performance evaluation of a platform for one calendar year (§6.6): the rating,
    that year's actual technology-contract turnover, and what the city already granted
    for that platform-year (§6.7). ``date`` is when the rating was decided, if recorded:
    the grant falls due then (reading 10), and it cannot be before the year's end.
    ``turnover`` is ``None`` where it is recorded as unknown.

    Without an ``id``, one is derived from the content: ``P1/2023``.
    """

    platform: str
    year: int
    rating: Rating
    turnover: Decimal | None = _ZERO
    city_grant: Decimal = _ZERO
    id: str = attrs.field(default=None)
    date: dt.date | None = None

    _CHECKS: ClassVar[tuple[tuple[str, _Check], ...]] = (
        ("platform", _id),
        ("year", _year),
        ("rating", _label(Rating)),
        ("turnover", _known_money),
        ("city_grant", money),
        ("date", _optional_date),
    )

    def __attrs_post_init__(self) -> None:
        _with_id(self, self._CHECKS, "platform", "year")
        if self.date is not None and self.date < dt.date(self.year, 12, 31):
            raise PolicyValueError(
                f"{self.date.isoformat()} is before the end of the rated year "
                f"{self.year}; a year's rating is decided on or after {self.year}-12-31 "
                "(reading 10)",
                path="date",
                code=ProblemCode.INCONSISTENT,
                value=self.date,
            )


@attrs.frozen
class CaseDecision:
    """A case-by-case ("一事一议") decision to support a platform (§6.2).

    The library does not compute it and applies no formula cap to it; reports keep it
    apart from formula awards. ``reference`` is the decision that approved it (required).
    Without an ``id``, one is derived: ``P1/2023-01-10/<reference>``.
    """

    platform: str
    date: dt.date
    amount: Decimal
    reference: str
    id: str = attrs.field(default=None)

    _CHECKS: ClassVar[tuple[tuple[str, _Check], ...]] = (
        ("platform", _id),
        ("date", check_date),
        ("amount", money),
        ("reference", _id),
    )

    def __attrs_post_init__(self) -> None:
        _with_id(self, self._CHECKS, "platform", "date", "reference")


@attrs.frozen
class Payment:
    """Money the district actually paid a platform: the audit checks it (§6.5, §6.7).

    ``kind`` is matching, performance or case; ``year`` is required for a performance
    payment (the year it pays) and absent otherwise; ``item`` optionally names the
    approval, review or case decision it pays.
    """

    platform: str
    date: dt.date
    kind: Kind
    amount: Decimal
    year: int | None = None
    item: str | None = None

    _CHECKS: ClassVar[tuple[tuple[str, _Check], ...]] = (
        ("platform", _id),
        ("date", check_date),
        ("kind", _label(Kind)),
        ("amount", money),
        ("year", _optional_year),
        ("item", _optional_id),
    )

    def __attrs_post_init__(self) -> None:
        _validate(self, self._CHECKS)


def record_checks(record_type: type) -> tuple[tuple[str, _Check], ...]:
    """A record type's checks of its fields, each alone, the id's among them."""
    checks: tuple[tuple[str, _Check], ...] = record_type._CHECKS  # type: ignore[attr-defined]
    if "id" in attrs.fields_dict(record_type) and all(name != "id" for name, _ in checks):
        checks = (*checks, ("id", _id))
    return checks


# ----------------------------------------------------------------------------------------
# The register.

_TABLES = ("platforms", "approvals", "reviews", "case_decisions", "payments")
_RECORD_TYPES: dict[str, type] = {
    "platforms": Platform,
    "approvals": Approval,
    "reviews": Review,
    "case_decisions": CaseDecision,
    "payments": Payment,
}
_ITEM_TABLE = {Kind.MATCHING: "approvals", Kind.PERFORMANCE: "reviews", Kind.CASE: "case_decisions"}


@attrs.frozen
class Register:
    """A district's platforms and their approvals, reviews, case decisions and payments.

    Checked as a whole when it is made: every problem is reported at once in one
    :class:`~innovation_policy.InputError`, each located (``approvals[3].platform``).
    """

    platforms: tuple[Platform, ...] = ()
    approvals: tuple[Approval, ...] = ()
    reviews: tuple[Review, ...] = ()
    case_decisions: tuple[CaseDecision, ...] = ()
    payments: tuple[Payment, ...] = ()

    def __attrs_post_init__(self) -> None:
        for name in _TABLES:
            value = getattr(self, name)
            if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
                raise PolicyTypeError(
                    f"{shown(value)} is not a sequence of records", path=name, value=value
                )
            object.__setattr__(self, name, tuple(value))
        problems = check_register(self)
        if problems:
            raise InputError(problems, source="register")

    def platform(self, platform_id: str) -> Platform:
        """The platform with this id, or an error naming the ids that exist."""
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        raise PolicyValueError(
            f"{shown(platform_id)} is not in the register; ids: "
            + listed(p.id for p in self.platforms),
            path="platform",
            code=ProblemCode.UNKNOWN_PLATFORM,
            value=platform_id,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Register:
        """Read a register from its JSON document (see the shipped schema)."""
        from ._json import register_from_json

        return register_from_json(text)

    def to_json(self) -> str:
        """The register as its JSON document: labels in Chinese, money as strings."""
        from ._json import register_to_json

        return register_to_json(self)

    def to_dict(self) -> dict[str, Any]:
        """The register as the JSON-ready dictionary :meth:`to_json` writes."""
        from ._json import register_to_dict

        return register_to_dict(self)


class _Numbered:
    """A register's table as ``(index, record)`` pairs, numbered afresh on every pass:
    no list of pairs is made (for a large register, a million tuples, and the garbage
    collector's passes over everything that they would set off)."""

    __slots__ = ("_records",)

    def __init__(self, records: Sequence[Any]) -> None:
        self._records = records

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        return enumerate(self._records)


def check_register(
    register: Register | None,
    *,
    tables: Mapping[str, Iterable[tuple[int, Any]]] | None = None,
    known_ids: Collection[str] = (),
) -> list[Problem]:
    """Every problem of a register as a whole, in table order (empty when none).

    ``tables`` gives the records with their indices in the input instead of a register
    (a reader checks what it could read), each table a list (it is read several times);
    ``known_ids`` are ids of records that could not be read, which references may name
    without a second, misleading problem.
    """
    if tables is None:
        assert register is not None
        tables = {name: _Numbered(getattr(register, name)) for name in _TABLES}
    problems: list[Problem] = []
    for name in _TABLES:
        record_type = _RECORD_TYPES[name]
        for i, record in tables[name]:
            if not isinstance(record, record_type):
                problems.append(
                    Problem(
                        (name, i),
                        ProblemCode.WRONG_TYPE,
                        f"{shown(record)} is not a {record_type.__name__} record",
                        record,
                    )
                )
    if problems:
        return problems

    platforms = {p.id: p for _, p in tables["platforms"]}
    _check_unique(problems, "platforms", [(i, p.id) for i, p in tables["platforms"]])
    first: dict[str, tuple[str, int, Any]] = {}
    for name in ("approvals", "reviews", "case_decisions"):
        for i, record in tables[name]:
            earlier = first.setdefault(record.id, (name, i, record))
            if earlier[2] is record:
                continue
            if name == "reviews" == earlier[0] and (record.platform, record.year) == (
                earlier[2].platform,
                earlier[2].year,
            ):
                continue  # the same platform-year: reported once, below, as such
            problems.append(
                Problem(
                    (name, i, "id"),
                    ProblemCode.DUPLICATE_ID,
                    (
                        f"{shown(record.id)} is already the id of ",
                        (earlier[0], earlier[1]),
                        "; approvals, reviews and case decisions each need an id of their own",
                    ),
                    record.id,
                )
            )
    for name in ("approvals", "reviews", "case_decisions", "payments"):
        for i, record in tables[name]:
            if record.platform not in platforms and record.platform not in known_ids:
                problems.append(
                    Problem(
                        (name, i, "platform"),
                        ProblemCode.UNKNOWN_PLATFORM,
                        f"{shown(record.platform)} is not the id of a platform in the register",
                        record.platform,
                    )
                )
    for i, platform in tables["platforms"]:
        if (
            platform.co_builders is not None
            and platform.category is not Category.PROFESSIONAL_INSTITUTE
        ):
            problems.append(
                Problem(
                    ("platforms", i, "co_builders"),
                    ProblemCode.INCONSISTENT,
                    f"only a professional institute ({Category.PROFESSIONAL_INSTITUTE.value}) "
                    f"records co-builders (§3.6), not a {platform.category.value}",
                    platform.co_builders,
                )
            )
    years: dict[tuple[str, int], int] = {}
    for i, review in tables["reviews"]:
        key = (review.platform, review.year)
        if key in years:
            problems.append(
                Problem(
                    ("reviews", i, "year"),
                    ProblemCode.DUPLICATE,
                    (
                        f"{review.platform} is already rated for {review.year} in ",
                        ("reviews", years[key]),
                        "; the district rates a platform once a year",
                    ),
                    review.year,
                )
            )
        else:
            years[key] = i
    _check_payments(problems, tables, known_ids, first)
    return problems


def _check_unique(problems: list[Problem], name: str, ids: list[tuple[int, str]]) -> None:
    first: dict[str, int] = {}
    for i, id_ in ids:
        earlier = first.setdefault(id_, i)
        if earlier != i:
            problems.append(
                Problem(
                    (name, i, "id"),
                    ProblemCode.DUPLICATE_ID,
                    (f"{shown(id_)} is already the id of ", (name, earlier)),
                    id_,
                )
            )


def _check_payments(
    problems: list[Problem],
    tables: Mapping[str, Iterable[tuple[int, Any]]],
    known_ids: Collection[str],
    records: Mapping[str, tuple[str, int, Any]],
) -> None:
    """The payments' problems; ``records`` are the approvals, reviews and case decisions
    by id, the first of each id: ``(table, index, record)``."""
    for i, payment in tables["payments"]:
        if payment.kind is Kind.PERFORMANCE and payment.year is None:
            problems.append(
                Problem(
                    ("payments", i, "year"),
                    ProblemCode.MISSING,
                    "a performance payment needs the year it pays",
                )
            )
        if payment.kind is not Kind.PERFORMANCE and payment.year is not None:
            problems.append(
                Problem(
                    ("payments", i, "year"),
                    ProblemCode.INCONSISTENT,
                    f"{payment.year} given for a {payment.kind.value} payment; only a "
                    "performance payment has a year",
                    payment.year,
                )
            )
        if payment.item is None or payment.item in known_ids:
            continue
        item = ("payments", i, "item")
        found = records.get(payment.item)
        expected = _ITEM_TABLE[payment.kind]
        if found is None:
            problems.append(
                Problem(
                    item,
                    ProblemCode.UNKNOWN_ITEM,
                    f"{shown(payment.item)} names no approval, review or case decision",
                    payment.item,
                )
            )
            continue
        table, _, record = found
        if table != expected:
            problems.append(
                Problem(
                    item,
                    ProblemCode.UNKNOWN_ITEM,
                    f"{shown(payment.item)} is in {table}, but a {payment.kind.value} payment "
                    f"pays a record of {expected}",
                    payment.item,
                )
            )
        elif record.platform != payment.platform:
            problems.append(
                Problem(
                    item,
                    ProblemCode.INCONSISTENT,
                    f"{shown(payment.item)} belongs to platform {record.platform!r}, not "
                    f"{payment.platform!r}",
                    payment.item,
                )
            )
        elif (
            payment.kind is Kind.PERFORMANCE
            and payment.year is not None
            and record.year != payment.year
        ):
            problems.append(
                Problem(
                    ("payments", i, "year"),
                    ProblemCode.INCONSISTENT,
                    f"{payment.year} differs from the year {record.year} of the review "
                    f"{payment.item!r} it pays",
                    payment.year,
                )
            )


# ----------------------------------------------------------------------------------------
# Notices: what is allowed but worth a second look.


@attrs.frozen
class Notice:
    """A warning about a register or an assessment: allowed, but worth a second look.

    ``code`` says what it is; ``values`` the facts its sentence names (the platform, the
    co-builders missing, a date), by name; :meth:`message` makes the sentence.
    """

    code: NoticeCode
    platform: str | None
    clauses: tuple[str, ...]
    values: tuple[tuple[str, object], ...] = attrs.field(default=(), repr=False)

    def message(self, lang: str = "zh") -> str:
        """The warning in ``lang``, with its clause ids."""
        return sentence(NOTICES[self.code], dict(self.values), self.clauses, lang)


def register_notices(register: Register) -> tuple[Notice, ...]:
    """The warnings of a register: a platform outside the six focus industries (§2.1);
    a professional institute whose recorded co-builders are not all four parties (§3.6)."""
    notices: list[Notice] = []
    for platform in register.platforms:
        if platform.industry is Industry.OTHER:
            notices.append(
                Notice(
                    NoticeCode.INDUSTRY_NOT_FOCUS,
                    platform.id,
                    ("§2.1",),
                    (("platform", platform.id),),
                )
            )
        if platform.co_builders is not None and platform.co_builders != frozenset(CoBuilder):
            missing = tuple(c for c in CoBuilder if c not in platform.co_builders)
            notices.append(
                Notice(
                    NoticeCode.CO_BUILDERS_INCOMPLETE,
                    platform.id,
                    ("§3.6",),
                    (("platform", platform.id), ("missing", missing)),
                )
            )
    return tuple(notices)


def register_difference(first: Register, second: Register) -> str | None:
    """The first difference between two registers, in words, or ``None`` if they are
    equal: a table of another length, or the first record that differs, with its field."""
    if first is second:
        return None
    for name in _TABLES:
        mine, theirs = getattr(first, name), getattr(second, name)
        for n, (one, other) in enumerate(zip(mine, theirs, strict=False)):
            if one != other:
                fields = [
                    f.name
                    for f in attrs.fields(type(one))
                    if getattr(one, f.name) != getattr(other, f.name)
                ]
                return f"{name}[{n}] differs ({', '.join(fields)})"
        if len(mine) != len(theirs):
            return f"{name} has {len(mine)} records in one register and {len(theirs)} in the other"
    return None
