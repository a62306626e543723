"""Values read exactly from the text of a file: money and dates.

Every reader (JSON, CSV, xlsx, policy and scenario files) turns text into money and
dates through these two functions, so that an amount is never read through a ``float``
and a date is never guessed (``2022-03`` is refused, not read as 1 March).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ._errors import PolicyValueError
from ._money import money

__all__ = ["DATE_TEXT", "MONEY_TEXT", "parse_date", "parse_money"]

MONEY_TEXT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
"""An amount as text: digits, an optional sign and decimals (checked to the fen later)."""
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as text: exactly ``YYYY-MM-DD``."""


def parse_money(value: object, field: str = "") -> Decimal:
    """Money from a JSON string (``"6000000.00"``) or number, exactly; else an error."""
    if isinstance(value, str):
        text = value.strip()
        if not MONEY_TEXT.fullmatch(text):
            where = f"{field}: " if field else ""
            raise PolicyValueError(
                f"{where}{value!r} is not an amount; expected yuan as a decimal number "
                'like "6000000.00"',
                field=field or None,
            )
        value = Decimal(text)
    return money(value, field)


def parse_date(value: object, field: str = "") -> dt.date:
    """A date from exactly ``YYYY-MM-DD`` (or a :class:`datetime.date`); else an error.

    The shape is checked first: ``dateutil``'s ISO parser alone would accept ``2022-03``
    or ``20220301``, which would be guessing.
    """
    where = f"{field}: " if field else ""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not DATE_TEXT.fullmatch(value.strip()):
        raise PolicyValueError(
            f"{where}{value!r} is not a date; expected YYYY-MM-DD, like 2022-03-01",
            field=field or None,
        )
    from dateutil import parser as date_parser  # imported when first needed

    try:
        return date_parser.isoparse(value.strip()).date()
    except ValueError:
        raise PolicyValueError(
            f"{where}{value!r} is not a real date; expected YYYY-MM-DD, like 2022-03-01",
            field=field or None,
        ) from None
