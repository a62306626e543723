"""Money: yuan as Decimal, kept to the fen; 万元; rounding a maximum down (reading 7).

Reading 7: "Amounts are yuan as ``decimal.Decimal``, kept to the fen (0.01). An amount is
valid when its value has no part smaller than a fen (``1.000`` is 1.00; ``1.001`` is not).
A computed maximum is rounded down to the fen, never up. ``万元`` = 10,000 yuan."
The caps it serves are those of §6.3, §6.4 and §6.6.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from tests.strategies import FEN, money_inputs, sub_fen_amounts

pytestmark = pytest.mark.clause("§6.3", "§6.4", "§6.6")


def _has_two_decimals(amount: Decimal) -> bool:
    return amount.as_tuple().exponent == -2


# ---------------------------------------------------------------------------------------
# money(): what it accepts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.000"), "1.00"),
        (Decimal("1"), "1.00"),
        (Decimal("1.5"), "1.50"),
        (Decimal("0.01"), "0.01"),
        (Decimal("0"), "0.00"),
        (Decimal("0E-7"), "0.00"),
        (Decimal("-0"), "0.00"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("1E+2"), "100.00"),
        (Decimal("5E+6"), "5000000.00"),
        (Decimal("10000000.000000"), "10000000.00"),
        (Decimal("999999999999999.99"), "999999999999999.99"),
        (0, "0.00"),
        (1, "1.00"),
        (15_000_000, "15000000.00"),
        (10**15 - 1, "999999999999999.00"),
    ],
    ids=repr,
)
def test_money_accepts_decimal_and_int_and_keeps_them_to_the_fen(
    value: Decimal | int, expected: str
) -> None:
    result = ip.money(value, "superior_funding")
    assert isinstance(result, Decimal)
    assert str(result) == expected
    assert not result.is_signed()


@given(money_inputs())
def test_money_returns_the_value_with_exactly_two_decimals(
    case: tuple[Decimal | int, Decimal],
) -> None:
    spelled, value = case
    result = ip.money(spelled, "turnover")
    assert result == value
    assert _has_two_decimals(result)


# ---------------------------------------------------------------------------------------
# money(): what it refuses, naming the field


@pytest.mark.parametrize(
    "value",
    [1.0, 0.0, 0.1, 1e7, float("nan"), float("inf"), True, False, None, "100", b"100", [1]],
    ids=repr,
)
@pytest.mark.parametrize("field", ["superior_funding", "turnover", "approvals[3].amount"])
def test_money_refuses_a_float_a_bool_and_other_types_with_a_type_error(
    value: object, field: str
) -> None:
    with pytest.raises(TypeError) as caught:
        ip.money(value, field)
    error = caught.value
    assert isinstance(error, ip.PolicyError)
    assert str(error).startswith(f"{field}: ")
    assert error.field == field


@pytest.mark.parametrize(
    "value",
    [
        Decimal("-0.01"),
        Decimal("-1"),
        -1,
        Decimal("NaN"),
        Decimal("-NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1.001"),
        Decimal("0.001"),
        Decimal("0.009"),
        Decimal("1E-100"),
        Decimal("10000000.005"),
        Decimal("1E+15"),
        10**15,
        10**100,
        Decimal("999999999999999.999"),
    ],
    ids=str,
)
@pytest.mark.parametrize("field", ["superior_funding", "turnover"])
def test_money_refuses_negative_nan_infinite_sub_fen_and_too_large_with_a_value_error(
    value: Decimal | int, field: str
) -> None:
    with pytest.raises(ValueError, match=rf"^{re.escape(field)}: ") as caught:
        ip.money(value, field)
    error = caught.value
    assert isinstance(error, ip.PolicyError)
    assert not isinstance(error, TypeError)
    assert error.field == field


@given(sub_fen_amounts())
def test_money_refuses_every_amount_with_a_part_smaller_than_a_fen(amount: Decimal) -> None:
    with pytest.raises(ValueError, match=r"^turnover: "):
        ip.money(amount, "turnover")


# ---------------------------------------------------------------------------------------
# wan(): 万元 = 10,000 yuan


@pytest.mark.parametrize(
    ("in_wan", "yuan"),
    [
        (1000, "10000000.00"),  # §6.3: 1000万元
        (500, "5000000.00"),  # §6.4: 500万元
        (100, "1000000.00"),  # §6.6: 100万
        (0, "0.00"),
        (Decimal("123.4567"), "1234567.00"),
        (Decimal("0.000001"), "0.01"),
        (Decimal("1200"), "12000000.00"),
        (Decimal("0.5"), "5000.00"),
        (Decimal("1.0000000"), "10000.00"),
        (Decimal("99999999999.999999"), "999999999999999.99"),
    ],
    ids=str,
)
def test_wan_converts_wan_yuan_to_yuan_exactly(in_wan: Decimal | int, yuan: str) -> None:
    result = ip.wan(in_wan)
    assert result == Decimal(yuan)
    assert str(result) == yuan


def test_wan_of_1000_is_the_national_cap_of_10000000_yuan() -> None:
    assert ip.wan(1000) == Decimal("10000000")


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_wan_of_any_amount_to_the_millionth_is_that_many_fen(millionths: int) -> None:
    # n millionths of a 万元 are n × 10000 / 10^6 = n / 100 yuan: n fen.
    assert ip.wan(Decimal(millionths).scaleb(-6)) == Decimal(millionths) / 100


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (Decimal("1.0000001"), ValueError),  # 7 decimals: a part smaller than a fen
        (Decimal("0.0000005"), ValueError),
        (Decimal("-1"), ValueError),
        (-1, ValueError),
        (Decimal("NaN"), ValueError),
        (Decimal("Infinity"), ValueError),
        (10**11, ValueError),  # 10^15 yuan
        (1000.0, TypeError),
        (True, TypeError),
        ("1000", TypeError),
    ],
    ids=repr,
)
def test_wan_refuses_what_is_not_an_amount_in_wan(value: object, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        ip.wan(value)
    assert isinstance(caught.value, ip.PolicyError)


# ---------------------------------------------------------------------------------------
# round_down(): a maximum is rounded down to the fen, never up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "0.00"),
        ("0.009", "0.00"),
        ("0.015", "0.01"),
        ("0.019999", "0.01"),
        ("0.999", "0.99"),
        ("4999999.995", "4999999.99"),
        ("999999.999", "999999.99"),
        ("10000000", "10000000.00"),
        ("1.5", "1.50"),
    ],
)
def test_round_down_cuts_at_the_fen(value: str, expected: str) -> None:
    assert str(ip.round_down(Decimal(value))) == expected


@given(
    st.integers(min_value=0, max_value=10**18),
    st.integers(min_value=0, max_value=12),
)
def test_round_down_never_rounds_up_and_loses_less_than_a_fen(units: int, places: int) -> None:
    value = Decimal(units).scaleb(-places)
    result = ip.round_down(value)
    assert result <= value
    assert value - result < FEN
    assert _has_two_decimals(result)


# ---------------------------------------------------------------------------------------
# format_yuan(), format_wan()


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("5000000.00", "5,000,000.00"),
        ("10000000.00", "10,000,000.00"),
        ("1234567.8", "1,234,567.80"),
        ("999.99", "999.99"),
        ("0.01", "0.01"),
        ("0.00", "0.00"),
    ],
)
def test_format_yuan_shows_thousands_separators_and_two_decimals(amount: str, text: str) -> None:
    assert ip.format_yuan(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("10000000.00", "1000万元"),
        ("5000000.00", "500万元"),
        ("1000000.00", "100万元"),
        ("12345.67", "1.234567万元"),
        ("0.01", "0.000001万元"),
        ("15000.00", "1.5万元"),
        ("0.00", "0万元"),
        ("0", "0万元"),
        ("1000000000000.00", "100000000万元"),
    ],
)
def test_format_wan_shows_wan_yuan_exactly_without_trailing_zeros(amount: str, text: str) -> None:
    assert ip.format_wan(Decimal(amount)) == text


# ---------------------------------------------------------------------------------------
# The caller's decimal context changes nothing (amounts are exact, reading 7)

CALLER_CONTEXTS = [
    pytest.param(decimal.Context(prec=5), id="prec=5"),
    pytest.param(decimal.Context(prec=12, rounding=decimal.ROUND_UP), id="prec=12,ROUND_UP"),
    pytest.param(decimal.Context(rounding=decimal.ROUND_FLOOR), id="ROUND_FLOOR"),
]


@pytest.mark.parametrize("context", CALLER_CONTEXTS)
def test_money_is_exact_whatever_the_callers_decimal_context(context: decimal.Context) -> None:
    with decimal.localcontext(context):
        amount = ip.money(Decimal("12345678.91"), "turnover")
        zero = ip.money(Decimal("-0"), "turnover")
        in_yuan = ip.wan(Decimal("1234.567891"))
    assert str(amount) == "12345678.91"
    assert str(zero) == "0.00"
    assert str(in_yuan) == "12345678.91"


@pytest.mark.parametrize("context", CALLER_CONTEXTS)
def test_format_wan_is_exact_whatever_the_callers_decimal_context(
    context: decimal.Context,
) -> None:
    with decimal.localcontext(context):
        text = ip.format_wan(Decimal("12345678.91"))
    assert text == "1234.567891万元"
