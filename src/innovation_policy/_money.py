"""Money: yuan as :class:`decimal.Decimal`, kept to the fen (reading 7).

Every amount that enters the library passes through :func:`money`; every computed
maximum leaves through :func:`round_down`. A ``float`` never enters a rule.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ._errors import Path, PolicyTypeError, PolicyValueError, ProblemCode

__all__ = [
    "FEN",
    "MAX_MONEY",
    "WAN",
    "format_wan",
    "format_yuan",
    "money",
    "multiply",
    "ratio",
    "round_down",
    "wan",
]

FEN = Decimal("0.01")
"""One fen, the smallest unit of money the library keeps."""

WAN = Decimal(10000)
"""One 万元 (wan yuan) in yuan."""

MAX_MONEY = Decimal("1E15")
"""Amounts must be below this (10^15 yuan), so that every sum stays exact."""

MAX_RATIO = Decimal(1000)
"""Ratios and rates must be below this, so that every product stays exact."""

_RATIO_PLACES = 10

# Products and sums are computed in a context wide enough that nothing is ever rounded
# before the explicit rounding down to the fen: amounts have at most 17 digits and ratios
# at most 13, so 60 digits are exact, and Inexact is trapped to prove it.
_EXACT = decimal.Context(prec=60, rounding=ROUND_DOWN, traps=[decimal.Inexact, decimal.Overflow])


def money(value: object, field: str | Path = "") -> Decimal:
    """Validate an amount of money and return it quantised to the fen.

    Accepts :class:`~decimal.Decimal` and :class:`int`. Refuses ``float`` and ``bool``
    (a :class:`TypeError`), and negative, NaN, infinite, too large and sub-fen amounts
    (a :class:`ValueError`), judged by value: ``Decimal("1.000")`` is 1.00 yuan,
    ``Decimal("1.001")`` is refused. ``-0`` is 0. The message starts with ``field``.

    >>> money(Decimal("1.000"), "turnover")
    Decimal('1.00')
    """
    if type(value) is Decimal:
        if value.same_quantum(FEN) and not value.is_signed() and value < MAX_MONEY:
            return value  # already money: to the fen, not negative, below the limit
        amount = value
    elif isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        hint = (
            " (write Decimal('...') or a whole number; a float is never exact)"
            if isinstance(value, float)
            else ""
        )
        raise PolicyTypeError(
            f"{value!r} is a {type(value).__name__}, not money; "
            f"expected a Decimal or an int in yuan{hint}",
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    else:
        amount = Decimal(value)
    if not amount.is_finite():
        raise PolicyValueError(
            f"{_show(value)} is not a finite amount; expected yuan, at least 0",
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    if amount < 0:
        raise PolicyValueError(
            f"{_show(value)} is negative; expected yuan, at least 0",
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    if amount >= MAX_MONEY:
        raise PolicyValueError(
            f"{_show(value)} is too large; expected less than 10^15 yuan",
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    quantised = round_down(amount)
    if quantised != amount:
        raise PolicyValueError(
            f"{_show(value)} has a part smaller than a fen; "
            "expected at most 2 decimal places of yuan",
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    return _WIDE.add(quantised, _ZERO)  # turns -0.00 into 0.00, whatever the caller's context


_ZERO = Decimal("0.00")


def _show(value: object) -> str:
    return f"'{value}'" if isinstance(value, Decimal) else repr(value)


def ratio(value: object, field: str | Path, *, at_most: Decimal | None = None) -> Decimal:
    """Validate a ratio or rate (e.g. 0.5 for 1:0.5) and return it as a Decimal.

    Accepts :class:`~decimal.Decimal` and :class:`int`, at least 0, below 1000 (or at most
    ``at_most``), with at most 10 decimal places.
    """
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PolicyTypeError(
            f"{value!r} is a {type(value).__name__}, not a ratio; expected a Decimal or an int",
            path=field,
            value=value,
        )
    number = Decimal(value)
    upper = f"at most {at_most}" if at_most is not None else "below 1000"
    if not number.is_finite() or number < 0:
        raise PolicyValueError(
            f"{_show(value)} is not a valid ratio; expected a number from 0, {upper}",
            path=field,
            value=value,
        )
    if (at_most is not None and number > at_most) or number >= MAX_RATIO:
        raise PolicyValueError(
            f"{_show(value)} is too large; expected a number from 0, {upper}",
            path=field,
            value=value,
        )
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked above
    places = Decimal(1).scaleb(-_RATIO_PLACES)
    if exponent < -_RATIO_PLACES and number != number.quantize(places, context=_WIDE):
        raise PolicyValueError(
            f"{_show(value)} has more than {_RATIO_PLACES} decimal places",
            path=field,
            value=value,
        )
    return number.normalize(context=_WIDE) if number else Decimal(0)  # exact: own context


def multiply(amount: Decimal, factor: Decimal) -> Decimal:
    """``amount × factor``, exactly (no rounding at all)."""
    return _EXACT.multiply(amount, factor)


def round_down(amount: Decimal) -> Decimal:
    """Round a computed maximum down to the fen: a maximum is never rounded up (reading 7).

    Exact whatever the caller's decimal context; an amount too large to keep to the fen
    (10^58 yuan and more) is refused.
    """
    try:
        return amount.quantize(FEN, rounding=ROUND_FLOOR, context=_WIDE)
    except decimal.InvalidOperation:
        raise PolicyValueError(
            f"{_show(amount)} is too large to keep to the fen", field=None
        ) from None


_WIDE = decimal.Context(
    prec=60, rounding=ROUND_DOWN, traps=[decimal.InvalidOperation, decimal.Overflow]
)
"""The library's own context for sums and roundings: wide enough to be exact."""


def exact() -> decimal.Context:
    """A copy of the library's exact context, for ``decimal.localcontext(exact())``."""
    return _EXACT.copy()


def wan(amount: object) -> Decimal:
    """Convert an amount in 万元 (10,000 yuan) to yuan, exactly.

    >>> wan(1000)
    Decimal('10000000.00')
    >>> wan(Decimal("123.4567"))
    Decimal('1234567.00')
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        raise PolicyTypeError(
            f"{amount!r} is a {type(amount).__name__}, not an amount in 万元; "
            "expected a Decimal or an int",
            path="wan",
            value=amount,
        )
    number = Decimal(amount)
    if not number.is_finite() or number < 0:
        raise PolicyValueError(
            f"{_show(amount)} is not a valid amount; expected 万元, at least 0",
            path="wan",
            value=amount,
        )
    if number and number.adjusted() >= 11:  # 10^11 万元 = 10^15 yuan
        raise PolicyValueError(
            f"{_show(amount)} is too large; expected less than 10^11 万元", path="wan", value=amount
        )
    if number != number.quantize(Decimal("0.000001"), context=decimal.Context(prec=60)):
        raise PolicyValueError(
            f"{_show(amount)} has a part smaller than a fen; "
            "expected at most 6 decimal places of 万元",
            path="wan",
            value=amount,
        )
    return money(multiply(number, WAN), "wan")


def format_yuan(amount: Decimal) -> str:
    """``5,000,000.00``: yuan with thousands separators and two decimals."""
    return f"{amount:,.2f}"


def format_wan(amount: Decimal, places: int | None = 4) -> str:
    """``500万元``: the amount in 万元 for display, without trailing zeros, to at most
    ``places`` decimals (rounded half up, 四舍五入; the exact yuan are shown beside it
    wherever the library writes it), or exactly with ``places=None``.

    >>> format_wan(Decimal("53353456.78")), format_wan(Decimal("53353456.78"), None)
    ('5335.3457万元', '5335.345678万元')
    """
    in_wan = amount.scaleb(-4, context=_WIDE)
    if places is not None:
        in_wan = in_wan.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    shown = in_wan.normalize(context=_WIDE) if in_wan else Decimal(0)
    return f"{shown:f}万元"
