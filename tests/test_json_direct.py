"""The direct way of reading a record (``_json._direct``) agrees with the converter.

A well-formed record is made directly, without the converter; anything else takes the
converter's way, which locates problems. So the direct way must never accept what the
converter refuses, and must make exactly the record the converter makes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy import _json

TEXT: list[Any] = ["P1", " P1 ", "", "  ", 5, True, ["P1"], {"a": 1}, "赣榆"]
MONEY: list[Any] = [
    "6000000.00", " 1.5 ", "1.001", "-1", "-0.00", "1e3", "abc", "", 5, 0, -3, True,
    Decimal("1.5"), Decimal("1.001"), Decimal("-0"), Decimal("NaN"), Decimal("1E+20"),
    10**16, "999999999999999.99", "1000000000000000.00", [1],
]  # fmt: skip
DATE: list[Any] = [
    "2022-03-01", " 2022-03-01 ", "2022-02-30", "2022-3-1", "20220301", "2022-03",
    20220301, "0000-01-01", "9999-12-31", "２０２２-03-01", ["2022-03-01"],
]  # fmt: skip
YEAR: list[Any] = [2023, "2023", " 2023 ", "23", 999, 10000, True, Decimal(2023), "２０２３", "x"]
CO_BUILDERS: list[Any] = [["区政府", "园区"], [], ["x"], "区政府", {"区政府": 1}, ("区政府",), 5]


def labels(kind: type[ip.Level] | type[Any]) -> list[Any]:
    return [m.value for m in kind] + [m.name.lower() for m in kind] + ["x", 1, ["a"]]


FIELDS: dict[type, dict[str, list[Any]]] = {
    ip.Platform: {
        "id": TEXT,
        "name": TEXT,
        "category": labels(ip.Category),
        "industry": labels(ip.Industry),
        "park": labels(ip.Park),
        "co_builders": CO_BUILDERS,
    },
    ip.Approval: {
        "id": TEXT,
        "platform": TEXT,
        "level": labels(ip.Level),
        "date": DATE,
        "superior_funding": MONEY,
        "city_award": MONEY,
    },
    ip.Review: {
        "id": TEXT,
        "platform": TEXT,
        "year": YEAR,
        "rating": labels(ip.Rating),
        "turnover": MONEY,
        "city_grant": MONEY,
    },
    ip.CaseDecision: {
        "id": TEXT,
        "platform": TEXT,
        "date": DATE,
        "amount": MONEY,
        "reference": TEXT,
    },
    ip.Payment: {
        "platform": TEXT,
        "date": DATE,
        "kind": labels(ip.Kind),
        "amount": MONEY,
        "year": YEAR,
        "item": TEXT,
    },
}


def shown(record: Any) -> tuple[tuple[str, str, str], ...]:
    """Every field with its type and repr: ``Decimal('1.0') == Decimal('1.00')``."""
    return tuple(
        (a.name, type(value).__name__, repr(value))
        for a in attrs.fields(type(record))
        for value in [getattr(record, a.name)]
    )


def both(raw: dict[str, Any], record_type: type) -> tuple[Any, Any]:
    try:
        direct = _json._direct(raw, record_type)
    except Exception:
        direct = None
    converted: Any
    try:
        converted = _json._converter().structure(dict(raw), record_type)
    except Exception:
        converted = None
    return direct, converted


@st.composite
def raw_records(draw: st.DrawFn) -> tuple[dict[str, Any], type]:
    record_type = draw(st.sampled_from(list(FIELDS)))
    raw: dict[str, Any] = {}
    for name, values in FIELDS[record_type].items():
        if draw(st.integers(0, 9)) == 0:
            continue  # absent
        raw[name] = draw(st.sampled_from(values[:1] * len(values) + values))  # mostly good
    if draw(st.integers(0, 19)) == 0:
        raw["extra"] = 1
    return raw, record_type


@given(raw_records())
def test_the_direct_way_makes_what_the_converter_makes_or_leaves_it_to_the_converter(
    case: tuple[dict[str, Any], type],
) -> None:
    raw, record_type = case
    before = dict(raw)
    direct, converted = both(raw, record_type)
    assert raw == before  # the direct way does not touch its input
    if direct is not None:
        assert converted is not None
        assert shown(direct) == shown(converted)


@pytest.mark.parametrize(
    ("raw", "record_type"),
    [
        ({"platform": "P1", "year": "23", "rating": "优秀"}, ip.Review),
        ({"platform": "P1", "year": "2023", "rating": "优秀"}, ip.Review),
        (
            {"id": "P1", "name": "n", "category": "专业研究所", "industry": "其他",
             "co_builders": ("区政府",)},
            ip.Platform,
        ),
        ({"id": "P1", "name": "n", "category": "专业研究所", "industry": "其他",
          "co_builders": {"区政府": 1}}, ip.Platform),
        ({"platform": "P1", "level": "省级", "date": "2022-02-30"}, ip.Approval),
        ({"platform": "P1", "level": "省级", "date": 20220301}, ip.Approval),
        ({"platform": "P1", "level": "省级", "date": "2022-03-01", "city_award": "1e3"},
         ip.Approval),
        ({"platform": "P1", "level": "省级"}, ip.Approval),
        ({"platform": "P1", "level": "省级", "date": "2022-03-01", "x": 1}, ip.Approval),
    ],
)  # fmt: skip
def test_the_direct_way_declines_what_only_the_converter_may_judge(
    raw: dict[str, Any], record_type: type
) -> None:
    direct, converted = both(raw, record_type)
    if direct is not None:
        assert shown(direct) == shown(converted)
    else:
        assert converted is None or "co_builders" in raw  # a tuple: only from Python


def test_reading_and_assessing_leave_the_garbage_collector_as_they_found_it() -> None:
    import gc

    text = ip.example_register_json()
    assert gc.isenabled()
    ip.assess(ip.Register.from_json(text))
    assert gc.isenabled()
    gc.disable()
    try:
        ip.assess(ip.Register.from_json(text))
        assert not gc.isenabled()
    finally:
        gc.enable()
