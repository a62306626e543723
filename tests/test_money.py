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
from typing import Any

import attrs
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
        ("12345.67", "1.2346万元"),
        ("12344.99", "1.2345万元"),
        ("0.49", "0万元"),
        ("0.50", "0.0001万元"),
        ("0.01", "0万元"),
        ("15000.00", "1.5万元"),
        ("0.00", "0万元"),
        ("0", "0万元"),
        ("1000000000000.00", "100000000万元"),
    ],
)
def test_format_wan_shows_wan_yuan_to_at_most_four_decimals_without_trailing_zeros(
    amount: str, text: str
) -> None:
    assert ip.format_wan(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [("12345.67", "1.234567万元"), ("0.01", "0.000001万元"), ("0.00", "0万元")],
)
def test_format_wan_without_places_is_exact(amount: str, text: str) -> None:
    assert ip.format_wan(Decimal(amount), None) == text


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
        exact = ip.format_wan(Decimal("12345678.91"), None)
    assert (text, exact) == ("1234.5679万元", "1234.567891万元")


# ---------------------------------------------------------------------------------------
# The limits of exactness: ratios to 10 decimal places, amounts to 10^58 yuan


@pytest.mark.parametrize(
    "field", ["national_match_ratio", "provincial_match_ratio", "performance_rate"]
)
def test_a_ratio_with_more_than_10_decimal_places_is_refused_judged_by_value(field: str) -> None:
    refused: dict[str, Any] = {field: Decimal("0.12345678901")}  # 11 places
    with pytest.raises(ip.PolicyValueError) as caught:
        attrs.evolve(ip.GANYU_2021, **refused)
    assert str(caught.value) == f"Policy.{field}: '0.12345678901' has more than 10 decimal places"
    assert caught.value.field == f"Policy.{field}"
    # 10 places, and 11 written places whose last is a zero, are the same exact number
    for written in ("0.1234567891", "0.12345678910"):
        accepted: dict[str, Any] = {field: Decimal(written)}
        policy = attrs.evolve(ip.GANYU_2021, **accepted)
        assert getattr(policy, field) == Decimal("0.1234567891")


def test_round_down_keeps_amounts_below_10_to_the_58_and_refuses_larger_ones() -> None:
    # 58 nines and 2 decimals: the 60 digits of the library's exact context
    largest = Decimal("9" * 58 + ".99")
    assert ip.round_down(Decimal("9" * 58 + ".999")) == largest
    for too_large in (Decimal(10**58), Decimal("1E+70")):
        with pytest.raises(ip.PolicyValueError) as caught:
            ip.round_down(too_large)
        assert str(caught.value) == f"'{too_large}' is too large to keep to the fen"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("-0.001", "-0.01"), ("-0.015", "-0.02"), ("-1.001", "-1.01"), ("-5", "-5.00")],
)
def test_round_down_never_rounds_up_below_zero_either(value: str, expected: str) -> None:
    # The library never computes a negative maximum, but round_down is public: "never
    # rounded up" holds for every amount, so -0.015 goes down to -0.02, not up to -0.01.
    assert str(ip.round_down(Decimal(value))) == expected


# ---------------------------------------------------------------------------------------
# What each refusal says: the field, the value as written, and what was expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1000.0, "wan: 1000.0 is a float, not an amount in 万元; expected a Decimal or an int"),
        (True, "wan: True is a bool, not an amount in 万元; expected a Decimal or an int"),
        ("1000", "wan: '1000' is a str, not an amount in 万元; expected a Decimal or an int"),
        (Decimal("-1"), "wan: '-1' is not a valid amount; expected 万元, at least 0"),
        (-1, "wan: -1 is not a valid amount; expected 万元, at least 0"),
        (Decimal("NaN"), "wan: 'NaN' is not a valid amount; expected 万元, at least 0"),
        (10**11, "wan: 100000000000 is too large; expected less than 10^11 万元"),
        (Decimal("1E+11"), "wan: '1E+11' is too large; expected less than 10^11 万元"),
        (
            Decimal("1.0000001"),
            "wan: '1.0000001' has a part smaller than a fen; expected at most 6 decimal "
            "places of 万元",
        ),
    ],
    ids=repr,
)
def test_wan_says_what_is_wrong_with_the_amount_and_names_itself(
    value: object, message: str
) -> None:
    with pytest.raises(ip.PolicyError) as caught:
        ip.wan(value)
    assert str(caught.value) == message
    assert caught.value.field == "wan"


def test_wan_accepts_the_largest_amount_below_10_to_the_11_wan() -> None:
    assert ip.wan(Decimal("99999999999.999999")) == Decimal("999999999999999.99")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "turnover: -1 is negative; expected yuan, at least 0"),
        (Decimal("-1"), "turnover: '-1' is negative; expected yuan, at least 0"),
        (Decimal("NaN"), "turnover: 'NaN' is not a finite amount; expected yuan, at least 0"),
        (10**15, "turnover: 1000000000000000 is too large; expected less than 10^15 yuan"),
        (
            Decimal("1.001"),
            "turnover: '1.001' has a part smaller than a fen; expected at most 2 decimal "
            "places of yuan",
        ),
        (
            1.5,
            "turnover: 1.5 is a float, not money; expected a Decimal or an int in yuan (write "
            "Decimal('...') or a whole number; a float is never exact)",
        ),
        ("100", "turnover: '100' is a str, not money; expected a Decimal or an int in yuan"),
    ],
    ids=repr,
)
def test_money_says_what_is_wrong_with_the_amount_showing_it_as_written(
    value: object, message: str
) -> None:
    with pytest.raises(ip.PolicyError) as caught:
        ip.money(value, "turnover")
    assert str(caught.value) == message
    assert caught.value.field == "turnover"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "national_match_ratio",
            Decimal(1000),
            "'1000' is too large; expected a number from 0, below 1000",
        ),
        (
            "national_match_ratio",
            -1,
            "-1 is not a valid ratio; expected a number from 0, below 1000",
        ),
        (
            "national_match_ratio",
            0.5,
            "0.5 is a float, not a ratio; expected a Decimal or an int",
        ),
        (
            "performance_rate",
            Decimal("1.5"),
            "'1.5' is too large; expected a number from 0, at most 1",
        ),
        (
            "performance_rate",
            Decimal("-0.1"),
            "'-0.1' is not a valid ratio; expected a number from 0, at most 1",
        ),
    ],
    ids=repr,
)
def test_a_refused_ratio_says_why_and_what_range_is_expected(
    field: str, value: object, message: str
) -> None:
    changes: dict[str, Any] = {field: value}
    with pytest.raises(ip.PolicyError) as caught:
        attrs.evolve(ip.GANYU_2021, **changes)
    assert str(caught.value) == f"Policy.{field}: {message}"
    assert caught.value.field == f"Policy.{field}"


@pytest.mark.parametrize(
    ("written", "kept"),
    [("999.9999999999", "999.9999999999"), ("-0", "0"), ("0.000", "0"), ("1.50", "1.5")],
)
def test_a_ratio_below_1000_is_kept_as_its_plain_value(written: str, kept: str) -> None:
    # Up to 999.9999999999 (10 places); -0 and 0.000 are plain 0, never "-0" or "0E-3",
    # so that a product with them is a plain 0.00 yuan.
    changes: dict[str, Any] = {"national_match_ratio": Decimal(written)}
    ratio = attrs.evolve(ip.GANYU_2021, **changes).national_match_ratio
    assert str(ratio) == kept


def test_a_ratio_is_checked_and_kept_exactly_whatever_the_callers_decimal_context() -> None:
    # Under a caller's context of 5 digits, 999.9999999999 stays itself (not 1E+3) and
    # 0.12345678901 is refused as too fine (not a decimal.InvalidOperation).
    with decimal.localcontext(decimal.Context(prec=5)):
        kept: dict[str, Any] = {"national_match_ratio": Decimal("999.9999999999")}
        policy = attrs.evolve(ip.GANYU_2021, **kept)
        refused: dict[str, Any] = {"performance_rate": Decimal("0.12345678901")}
        with pytest.raises(ip.PolicyValueError) as caught:
            attrs.evolve(ip.GANYU_2021, **refused)
    assert str(policy.national_match_ratio) == "999.9999999999"
    assert caught.value.field == "Policy.performance_rate"
    assert str(caught.value) == (
        "Policy.performance_rate: '0.12345678901' has more than 10 decimal places"
    )
