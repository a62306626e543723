"""Values read exactly from the text of a file: money and dates.

Every reader (JSON, CSV, xlsx, policy and scenario files) turns text into money and
dates through these two functions, so that an amount is never read through a ``float``
and a date is never guessed (``2022-03`` is refused, not read as 1 March).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ._errors import Path, PolicyTypeError, PolicyValueError, ProblemCode, shown
from ._money import money

__all__ = [
    "DATE_TEXT",
    "MONEY_TEXT",
    "YEAR_TEXT",
    "check_date",
    "money_text",
    "parse_date",
    "parse_money",
    "parse_year",
]

MONEY_TEXT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
"""An amount as text: digits, an optional sign and decimals (checked to the fen later)."""
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as text: exactly ``YYYY-MM-DD``."""
YEAR_TEXT = re.compile(r"[0-9]{4}")
"""A year as text: exactly four digits."""


def money_text(value: object, field: str | Path = "") -> object:
    """An amount written as text (``"6000000.00"``) as a :class:`~decimal.Decimal`,
    exactly, or an error; any other value as it is, for :func:`money` to judge."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not MONEY_TEXT.fullmatch(text):
        raise PolicyValueError(
            f'{shown(value)} is not an amount; expected yuan as a decimal number like "6000000.00"',
            path=field,
            code=ProblemCode.NOT_MONEY,
            value=value,
        )
    return Decimal(text)


def parse_money(value: object, field: str | Path = "") -> Decimal:
    """Money from a JSON string (``"6000000.00"``) or number, exactly; else an error."""
    return money(money_text(value, field), field)


def parse_date(value: object, field: str | Path = "") -> dt.date:
    """A date from exactly ``YYYY-MM-DD`` (or a :class:`datetime.date`); else an error.

    The shape is checked first: ``dateutil``'s ISO parser alone would accept ``2022-03``
    or ``20220301``, which would be guessing.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not DATE_TEXT.fullmatch(value.strip()):
        raise PolicyValueError(
            f"{shown(value)} is not a date; expected YYYY-MM-DD, like 2022-03-01",
            path=field,
            code=ProblemCode.NOT_A_DATE,
            value=value,
        )
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PolicyValueError(
            f"{shown(value)} is not a real date; expected YYYY-MM-DD, like 2022-03-01",
            path=field,
            code=ProblemCode.NOT_A_DATE,
            value=value,
        ) from None


def parse_year(value: object, field: str | Path = "") -> object:
    """A year from JSON text of four digits (``"2023"``), else the value as it is, for
    the record's own check (a whole number, four digits)."""
    if isinstance(value, str) and YEAR_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    return value


def check_date(value: object, field: str | Path = "") -> dt.date:
    """A :class:`datetime.date` as it is (not a ``datetime``); else an error naming ``field``."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise PolicyTypeError(
            f"{shown(value)} is not a date; expected a datetime.date",
            path=field,
            code=ProblemCode.NOT_A_DATE,
            value=value,
        )
    return value
