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


def test_a_path_is_shown_with_indices_keys_and_fields_and_quotes_a_field_it_could_misread() -> None:
    from innovation_policy._errors import Key, render_path

    assert render_path(("approvals", 3, "superior_funding")) == "approvals[3].superior_funding"
    assert render_path(("Policy", "bureau_targets", Key("SCIENCE"))) == (
        "Policy.bureau_targets[SCIENCE]"
    )
    assert render_path(("platforms", 0, "a b")) == 'platforms[0]["a b"]'
    assert render_path(("platforms", 0, "")) == 'platforms[0][""]'
    assert render_path(()) == ""


def test_a_problem_carries_its_path_code_and_value_and_is_shown_where_a_reader_puts_it() -> None:
    problem = ip.Problem(
        ("payments", 2, "item"),
        ip.ProblemCode.UNKNOWN_ITEM,
        ("'A1' is in ", ("reviews", 4), ", not in ", ("approvals", 0)),
        "A1",
    )
    assert str(problem) == "payments[2].item: 'A1' is in reviews[4], not in approvals[0]"
    assert problem.cites == (("reviews", 4), ("approvals", 0))
    assert (problem.code, problem.value, str(problem.code)) == (
        ip.ProblemCode.UNKNOWN_ITEM,
        "A1",
        "unknown_item",
    )
    located = problem.at("payments.csv line 4, column item", ["reviews.csv line 6", "x line 2"])
    assert str(located) == (
        "payments.csv line 4, column item: 'A1' is in reviews.csv line 6, not in x line 2"
    )
    assert located.path == problem.path
    inner = ip.Problem(("date",), ip.ProblemCode.NOT_A_DATE, ("before ", ("versions", 0)))
    assert str(inner.under(("versions", 1))) == "versions[1].date: before versions[1].versions[0]"


def test_a_problem_without_a_value_says_so_and_is_never_mistaken_for_one() -> None:
    from innovation_policy._errors import NO_VALUE

    problem = ip.Problem("platforms", ip.ProblemCode.MISSING, "is required but missing")
    assert problem.value is NO_VALUE
    assert not NO_VALUE
    assert repr(NO_VALUE) == "NO_VALUE"


def test_an_error_keeps_its_path_beside_its_message_and_becomes_a_problem_as_it_is() -> None:
    error = ip.PolicyValueError("is negative", path=("approvals", 0, "city_award"), value=-1)
    assert str(error) == "approvals[0].city_award: is negative"
    assert (error.message, error.path, error.field) == (
        "is negative",
        ("approvals", 0, "city_award"),
        "approvals[0].city_award",
    )
    assert error.code is ip.ProblemCode.INVALID
    assert ip.PolicyTypeError("x").code is ip.ProblemCode.WRONG_TYPE
    assert str(error.problem("register")) == "register.approvals[0].city_award: is negative"
    legacy = ip.PolicyValueError("amount: -1 is negative", field="amount")
    assert (str(legacy), legacy.path, legacy.field) == ("amount: -1 is negative", (), "amount")


def test_the_problems_of_an_error_are_its_own_or_each_of_an_input_error_s_inside_the_prefix() -> (
    None
):
    from innovation_policy._errors import problems_of

    both = ip.InputError(
        [
            ip.Problem("level", ip.ProblemCode.NOT_A_LABEL, "is not a level"),
            ip.Problem("date", ip.ProblemCode.NOT_A_DATE, "is not a date"),
        ]
    )
    assert [str(p) for p in problems_of(both, ("approvals", 1))] == [
        "approvals[1].level: is not a level",
        "approvals[1].date: is not a date",
    ]
    one = ip.PolicyTypeError("is not text", path="name")
    assert [str(p) for p in problems_of(one, ("platforms", 0))] == [
        "platforms[0].name: is not text"
    ]


def test_a_long_list_of_valid_names_is_cut_with_how_many_there_are() -> None:
    from innovation_policy._errors import listed

    assert listed(["P1", "P2"]) == "P1, P2"
    assert listed((f"P{n}" for n in range(1, 30)), limit=3) == "P1, P2, P3, … (29 in all)"


def test_an_offending_value_is_shown_cut_to_about_80_characters_in_a_record_s_problem() -> None:
    with pytest.raises(ip.PolicyValueError) as raised:
        ip.Platform(
            "P\x1b" + "x" * 10_000, "n", ip.Category.TECHNOLOGY_INNOVATION_CENTER, ip.Industry.OTHER
        )
    assert str(raised.value).startswith("id: 'P\\x1bxxx")
    assert "… (10,002 characters) holds the control character U+001B" in str(raised.value)
    assert raised.value.code is ip.ProblemCode.CONTROL_CHARACTER
    assert raised.value.value == "P\x1b" + "x" * 10_000


def test_an_unknown_platform_is_named_with_the_ids_that_exist_cut() -> None:
    register = ip.example_register()
    with pytest.raises(ip.PolicyValueError) as raised:
        register.platform("P99")
    assert str(raised.value).startswith("platform: 'P99' is not in the register; ids: P01, P02")
    assert raised.value.code is ip.ProblemCode.UNKNOWN_PLATFORM
