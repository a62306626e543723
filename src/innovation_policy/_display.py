"""Display forms: rates ``10%``, pace and shares as percentages with one
decimal (rounded down, so that progress is never overstated).

Pure functions of a value to text; ratios are written ``1:0.5`` by the policy's own
field text (:func:`~innovation_policy._provenance.field_value`); money is :func:`~innovation_policy.format_yuan` and
:func:`~innovation_policy.format_wan` (at most 4 decimals of 万元, exact yuan beside).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from ._money import exact, format_wan

__all__ = ["percent", "rate_text", "wan_text"]

_TENTH = Decimal("0.1")


def rate_text(value: Decimal) -> str:
    """A rate as a percentage, exactly: ``Decimal("0.1")`` → ``10%``, ``0.125`` → ``12.5%``."""
    shown = value.scaleb(2, context=exact()).normalize(context=exact()) if value else 0
    return f"{shown:f}%"


def percent(share: Decimal) -> str:
    """A share (pace, achieved share) as a percentage with one decimal, rounded down:
    ``Decimal("0.4567")`` → ``45.6%``."""
    shown = share.scaleb(2, context=exact()).quantize(_TENTH, rounding=ROUND_FLOOR)
    return f"{shown:f}%"


def wan_text(amount: Decimal) -> str:
    """An amount in 万元 for display, at most 4 decimals (:func:`format_wan`)."""
    return format_wan(amount)
