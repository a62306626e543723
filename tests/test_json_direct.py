"""The one way in from JSON: a record is made from its JSON object, or every problem of
it is reported, each at its path.

A well-formed object is made directly by the record; one with a problem is checked field
by field. So the two must agree: a record is made exactly when no problem is reported,
the problems are never empty for an object refused, and the record made is the one the
record type makes from the same values written in Python.
"""

from __future__ import annotations

import datetime as dt
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


TABLE = {
    ip.Platform: "platforms",
    ip.Approval: "approvals",
    ip.Review: "reviews",
    ip.CaseDecision: "case_decisions",
    ip.Payment: "payments",
}


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
def test_a_json_object_makes_its_record_or_reports_a_problem_never_neither_nor_both(
    case: tuple[dict[str, Any], type],
) -> None:
    raw, record_type = case
    before = dict(raw)
    record, problems = _json._structure_record(raw, TABLE[record_type], 3)
    assert raw == before  # reading does not touch its input
    assert (record is None) == bool(problems)
    assert all(p.path[:2] == (TABLE[record_type], 3) for p in problems)
    assert len(set(problems)) == len(problems)  # each problem said once
    if record is not None:
        assert isinstance(record, record_type)


@pytest.mark.parametrize(
    ("raw", "record_type", "where"),
    [
        ({"platform": "P1", "year": "23", "rating": "优秀"}, ip.Review, ["reviews[3].year"]),
        (
            {"id": "P1", "name": "n", "category": "专业研究所", "industry": "其他",
             "co_builders": {"区政府": 1}},
            ip.Platform,
            ["platforms[3].co_builders"],
        ),
        ({"platform": "P1", "level": "省级", "date": "2022-02-30"}, ip.Approval,
         ["approvals[3].date"]),
        ({"platform": "P1", "level": "省级", "date": 20220301}, ip.Approval,
         ["approvals[3].date"]),
        ({"platform": "P1", "level": "省级", "date": "2022-03-01", "city_award": "1e3"},
         ip.Approval, ["approvals[3].city_award"]),
        ({"platform": "P1", "level": "省级"}, ip.Approval, ["approvals[3].date"]),
        ({"platform": "P1", "level": "县级", "date": "2022-03-01", "x": 1}, ip.Approval,
         ["approvals[3].level", "approvals[3].x"]),
        ({"platform": "P1", "year": 1999, "rating": "优秀", "date": "1999-06-30"}, ip.Review,
         ["reviews[3].date"]),
        ({"platform": "P\x1b1", "year": 99, "rating": "优秀"}, ip.Review,
         ["reviews[3].platform", "reviews[3].year"]),
        ({"platform": 5, "year": 99, "rating": "优秀", "turnover": "x"}, ip.Review,
         ["reviews[3].platform", "reviews[3].year", "reviews[3].turnover"]),
    ],
)  # fmt: skip
def test_every_problem_of_a_refused_object_is_located_at_its_field_in_field_order(
    raw: dict[str, Any], record_type: type, where: list[str]
) -> None:
    record, problems = _json._structure_record(raw, TABLE[record_type], 3)
    assert record is None
    assert [p.where for p in problems] == where


@pytest.mark.parametrize(
    ("raw", "record_type", "made"),
    [
        ({"platform": "P1", "year": "2023", "rating": "优秀"}, ip.Review,
         ip.Review("P1", 2023, ip.Rating.EXCELLENT)),
        ({"platform": " P1 ", "level": "provincial", "date": " 2022-03-01 ",
          "superior_funding": " 6000000.5 ", "city_award": 3}, ip.Approval,
         ip.Approval("P1", ip.Level.PROVINCIAL, dt.date(2022, 3, 1), Decimal("6000000.50"), Decimal(3))),
        ({"platform": "P1", "level": "省级", "date": "2022-03-01", "superior_funding": None},
         ip.Approval, ip.Approval("P1", ip.Level.PROVINCIAL, dt.date(2022, 3, 1), None)),
    ],
)  # fmt: skip
def test_a_well_formed_object_makes_the_record_python_makes_from_the_same_values(
    raw: dict[str, Any], record_type: type, made: Any
) -> None:
    record, problems = _json._structure_record(raw, TABLE[record_type], 0)
    assert problems == []
    assert shown(record) == shown(made)


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
