"""The library's errors: one base class, the built-in that fits, and located problems.

A caller catches :class:`~innovation_policy.PolicyError` for everything the library
raises on purpose, or the built-in it would catch anyway; an
:class:`~innovation_policy.InputError` lists every :class:`~innovation_policy.Problem` of
an input, each located in the input's own terms.
"""

from __future__ import annotations

import pytest

import innovation_policy as ip


def test_each_error_is_a_policy_error_and_the_built_in_that_fits() -> None:
    type_error = ip.PolicyTypeError("amount: 1.5 is a float", field="amount")
    value_error = ip.PolicyValueError("amount: -1 is negative", field="amount")
    input_error = ip.InputError(
        [ip.Problem("approvals[0].date", ip.ProblemCode.INVALID, "is not a date")]
    )
    assert isinstance(type_error, ip.PolicyError)
    assert isinstance(type_error, TypeError)
    assert isinstance(value_error, ip.PolicyError)
    assert isinstance(value_error, ValueError)
    assert isinstance(input_error, ip.PolicyValueError)
    assert (type_error.field, value_error.field, input_error.field) == ("amount", "amount", None)


def test_a_problem_reads_as_where_then_what() -> None:
    assert str(
        ip.Problem("approvals[3].superior_funding", ip.ProblemCode.INVALID, "is negative")
    ) == ("approvals[3].superior_funding: is negative")
    assert str(ip.Problem("", ip.ProblemCode.INVALID, "the file is empty")) == "the file is empty"
    assert repr(ip.Problem("platforms", ip.ProblemCode.MISSING, "is missing")) == (
        "Problem('platforms', 'missing', 'is missing')"
    )


def test_problems_are_equal_when_place_and_message_are_and_count_once_in_a_set() -> None:
    first = ip.Problem("approvals[3].date", ip.ProblemCode.INVALID, "is not a date")
    same = ip.Problem("approvals[3].date", ip.ProblemCode.INVALID, "is not a date")
    elsewhere = ip.Problem("approvals[4].date", ip.ProblemCode.INVALID, "is not a date")
    other_message = ip.Problem("approvals[3].date", ip.ProblemCode.INVALID, "is in the future")
    assert first == same
    assert first != elsewhere
    assert first != other_message
    assert hash(first) == hash(same)
    assert {first, same, elsewhere, other_message} == {first, elsewhere, other_message}
    assert len({first, same}) == 1


@pytest.mark.parametrize("other", ["approvals[3].date: is not a date", ("a", "b"), None])
def test_a_problem_is_never_equal_to_what_is_not_a_problem(other: object) -> None:
    problem = ip.Problem("approvals[3].date", ip.ProblemCode.INVALID, "is not a date")
    assert problem != other
    assert not problem == other  # noqa: SIM201 - the == operator itself is under test


@pytest.mark.parametrize(
    ("problems", "source", "text"),
    [
        (
            [ip.Problem("approvals[0].date", ip.ProblemCode.INVALID, "is not a date")],
            "register.json",
            "register.json: 1 problem found:\n  - approvals[0].date: is not a date",
        ),
        (
            [
                ip.Problem("a", ip.ProblemCode.INVALID, "one"),
                ip.Problem("b", ip.ProblemCode.INVALID, "two"),
            ],
            None,
            "2 problems found:\n  - a: one\n  - b: two",
        ),
    ],
)
def test_an_input_error_lists_every_problem_one_per_line(
    problems: list[ip.Problem], source: str | None, text: str
) -> None:
    error = ip.InputError(iter(problems), source=source)
    assert error.problems == tuple(problems)
    assert error.source == source
    assert str(error) == text
