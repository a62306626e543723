"""Policies as data: the canonical dictionary and fingerprint of a policy, policy files
(JSON and TOML) with every problem located at once, the shipped schema, and timelines of
versions in force from a date (reading 11).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy import GANYU_2021, Policy, PolicyTimeline, _policy_files
from innovation_policy import _policy_io as pio
from innovation_policy._cli import main
from innovation_policy._documents import policy_summary
from innovation_policy._json import loads
from tests.strategies import complete_policies, timelines

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
POLICY_SCHEMA = jsonschema.Draft202012Validator(ip.schema("policy"))
D = dt.date


def problems_of(call: Callable[[], object]) -> list[str]:
    """Every problem an input error lists, as ``where: message``."""
    with pytest.raises(ip.InputError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def timeline_2024(**later: object) -> PolicyTimeline:
    """The issue's timeline: the plan as written, then from 2024 the fields given."""
    return ip.timeline_from_dict(
        {"versions": [{"from": "2021-01-01"}, {"from": "2024-01-01", **later}]}
    )


# ---------------------------------------------------------------------------------------
# The canonical dictionary and the fingerprint


def test_every_field_of_the_policy_is_written_and_read() -> None:
    assert list(pio._FIELD_KINDS) == [f.name for f in attrs.fields(Policy)]


@pytest.mark.clause("§2.2", "§4.1", "§6.3", "§6.4", "§6.5", "§6.6", "§A.1", "§A.T")
def test_the_plan_as_written_is_written_field_by_field() -> None:
    assert ip.policy_to_dict(GANYU_2021) == {
        "national_match_ratio": "1",
        "national_match_cap": "10000000.00",
        "provincial_match_ratio": "0.5",
        "provincial_match_cap": "5000000.00",
        "performance_rate": "0.1",
        "performance_cap": "1000000.00",
        "plan_start": "2021-01-01",
        "plan_end": "2025-12-31",
        "district_target": 10,
        "bureau_targets": {"区科技局": 6, "区发改委": 2, "区工信局": 2},
        "park_targets": {
            "赣榆经济开发区": 3,
            "赣榆海洋经济开发区": 3,
            "赣榆高新技术产业开发区（筹）": 2,
            "赣榆海州湾生物科技园": 2,
        },
        "park_first_year_targets": {
            "赣榆经济开发区": 1,
            "赣榆海洋经济开发区": 1,
            "赣榆高新技术产业开发区（筹）": 1,
            "赣榆海州湾生物科技园": 1,
        },
        "annex_target": 10,
        "annex_first_year_target": 4,
        "upgrade_reading": "top_up",
        "city_reading": "city_excludes_district",
        "county_standard_caps": {},
        "name": "GANYU_2021",
    }


def test_money_is_written_to_the_fen_and_ratios_as_exact_decimals() -> None:
    reform = attrs.evolve(
        GANYU_2021,
        national_match_ratio=Decimal("1.50"),
        provincial_match_ratio=Decimal(0),
        performance_rate=Decimal("0.125"),
        national_match_cap=Decimal(8_000_000),
        county_standard_caps={ip.Level.PROVINCIAL: Decimal("1500000")},
    )
    written = ip.policy_to_dict(reform)
    assert written["national_match_ratio"] == "1.5"
    assert written["provincial_match_ratio"] == "0"
    assert written["performance_rate"] == "0.125"
    assert written["national_match_cap"] == "8000000.00"
    assert written["county_standard_caps"] == {"省级": "1500000.00"}


@given(complete_policies())
def test_the_fields_an_assessment_records_are_written_as_the_assessment_writes_them(
    policy: Policy,
) -> None:
    """Every field of the policy an output was computed under (§2.2, §4.1–§4.3,
    §6.3–§6.6, §A; readings 1, 2, 8) is recorded as policy_to_dict writes it, with the
    period and the fingerprint."""
    summary = policy_summary(policy)
    assert summary == {
        **ip.policy_to_dict(policy),
        "period": policy.period_label,
        "fingerprint": ip.policy_fingerprint(policy),
    }


@given(complete_policies())
def test_a_policy_read_back_from_its_dictionary_is_the_same_policy(policy: Policy) -> None:
    """Every number and reading of the plan (§2.2, §4.1–§4.3, §6.3–§6.6, §A; readings 1, 2,
    8) survives being written and read, money exactly to the fen (reading 7)."""
    written = ip.policy_to_dict(policy)
    assert ip.policy_from_dict(written) == policy
    # through JSON text too, read as the library reads a file (numbers never floats)
    text = json.dumps(written, ensure_ascii=False)
    assert ip.policy_from_dict(loads(text)) == policy
    POLICY_SCHEMA.validate(written)


@given(complete_policies(), complete_policies(), st.booleans())
def test_two_policies_have_the_same_fingerprint_exactly_when_their_dictionaries_agree(
    first: Policy, other: Policy, same: bool
) -> None:
    """Two outputs made under the same policy (§0, every clause the policy carries) carry the
    same fingerprint; any change shows."""
    second = first if same else other
    alike = ip.policy_to_dict(first) == ip.policy_to_dict(second)
    assert (ip.policy_fingerprint(first) == ip.policy_fingerprint(second)) == alike
    assert (first == second) == alike


def _another(policy: Policy, field: str) -> dict[str, Any]:
    """A change of one field of ``policy`` to a different valid value."""
    value = getattr(policy, field)
    kind = pio._FIELD_KINDS[field]
    if kind == "money":
        return {field: value + Decimal("0.01")}
    if kind == "ratio":
        return {field: value / 2 if value else Decimal("0.5")}
    if field == "plan_start":
        return {field: value - dt.timedelta(days=1)}
    if field == "plan_end":
        return {field: value + dt.timedelta(days=1)}
    if kind == "reading":
        return {field: next(m for m in type(value) if m != value)}
    if kind == "count_table":
        return {field: {key: count + 1 for key, count in value.items()}}
    if kind == "money_table":
        return {
            field: {key: amount + Decimal("0.01") for key, amount in value.items()}
            or {ip.Level.DISTRICT: Decimal(1)}
        }
    if field == "name":
        return {field: value + "'"}
    return {field: value + 1}


@given(complete_policies(), st.sampled_from([f.name for f in attrs.fields(Policy)]))
def test_changing_any_one_field_changes_the_fingerprint(policy: Policy, field: str) -> None:
    """A change of any one number, date, table, reading or the name of the policy (§2.2,
    §4.1–§4.3, §6.3–§6.6, §A, §0) shows in its fingerprint."""
    reform = attrs.evolve(policy, **_another(policy, field))
    assert reform != policy
    assert ip.policy_fingerprint(reform) != ip.policy_fingerprint(policy)


def test_the_fingerprint_is_the_sha256_of_the_canonical_json() -> None:
    canonical = json.dumps(
        ip.policy_to_dict(GANYU_2021), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert ip.policy_fingerprint(GANYU_2021) == hashlib.sha256(canonical.encode()).hexdigest()
    assert canonical.startswith('{"annex_first_year_target":4,"annex_target":10,')
    assert '"区科技局":6' in canonical  # UTF-8 text, not \\u escapes
    # Pinned: a change of the canonical form would change every recorded fingerprint.
    assert ip.policy_fingerprint(GANYU_2021) == (
        "aba47bceee795bef0f0b6ee4445ff5b3bfaa45896116921990ba22d5f983c86b"
    )


@pytest.mark.clause("§6.4")
def test_the_issue_s_reform_has_its_own_fingerprint_and_says_its_ratio() -> None:
    reform = ip.policy_from_dict({"provincial_match_ratio": "0.3"})
    assert ip.policy_to_dict(reform)["provincial_match_ratio"] == "0.3"
    assert ip.policy_fingerprint(reform) != ip.policy_fingerprint(GANYU_2021)


@pytest.mark.parametrize("value", [None, {"a": 1}, "GANYU_2021", 5])
def test_only_a_policy_or_a_timeline_is_written(value: object) -> None:
    with pytest.raises(ip.PolicyTypeError, match="not a Policy or a PolicyTimeline") as caught:
        ip.policy_to_dict(value)  # type: ignore[arg-type]
    assert caught.value.field == "policy"
    with pytest.raises(TypeError):
        ip.policy_fingerprint(value)  # type: ignore[arg-type]


def test_a_value_shown_in_an_error_is_cut_short() -> None:
    with pytest.raises(ip.PolicyTypeError) as caught:
        ip.policy_to_dict("x" * 200)  # type: ignore[arg-type]
    assert "'xxxxx" in str(caught.value)
    assert "..." in str(caught.value)
    assert len(str(caught.value)) < 300


# ---------------------------------------------------------------------------------------
# The name and the short repr


def test_the_shipped_policies_are_listed_by_their_names() -> None:
    assert dict(ip.SHIPPED_POLICIES) == {"GANYU_2021": GANYU_2021}
    for name, policy in ip.SHIPPED_POLICIES.items():
        assert policy.name == name
        assert repr(policy) == name
    with pytest.raises(TypeError):
        ip.SHIPPED_POLICIES["X"] = GANYU_2021  # type: ignore[index]


@given(complete_policies())
def test_the_repr_of_a_policy_evaluates_back_to_an_equal_policy(policy: Policy) -> None:
    """A reform shows only what it changes; GANYU_2021 shows as its name."""
    namespace = {
        "Policy": Policy,
        "Decimal": Decimal,
        "datetime": dt,
        "GANYU_2021": GANYU_2021,
        **{t.__name__: t for t in (ip.Bureau, ip.Park, ip.Level)},
        **{t.__name__: t for t in (ip.UpgradeReading, ip.CityReading)},
    }
    assert eval(repr(policy), namespace) == policy


def test_a_reform_s_repr_names_what_it_changes_and_the_plan_s_repr_is_its_name() -> None:
    assert repr(GANYU_2021) == "GANYU_2021"
    assert repr(Policy()) == "GANYU_2021"
    reform = attrs.evolve(GANYU_2021, provincial_match_ratio=Decimal("0.3"), name="reform")
    assert repr(reform) == "Policy(provincial_match_ratio=Decimal('0.3'), name='reform')"


def test_a_policy_is_named_and_the_name_is_part_of_it() -> None:
    assert GANYU_2021.name == "GANYU_2021"
    renamed = attrs.evolve(GANYU_2021, name="省级配套1:0.3")
    assert renamed != GANYU_2021
    assert ip.policy_fingerprint(renamed) != ip.policy_fingerprint(GANYU_2021)
    assert ip.policy_from_dict({"name": "省级配套1:0.3"}) == renamed


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (None, ip.PolicyTypeError, "Policy.name: None is not a name; expected text"),
        (7, ip.PolicyTypeError, "Policy.name: 7 is not a name; expected text"),
        ("  ", ip.PolicyValueError, "Policy.name: '  ' is blank; expected a name"),
    ],
)
def test_a_policy_without_a_real_name_is_refused(
    value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        attrs.evolve(GANYU_2021, name=value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Reading a dictionary: a partial policy, every problem at once


@given(complete_policies(), st.sets(st.sampled_from([f.name for f in attrs.fields(Policy)])))
def test_a_partial_file_changes_only_the_fields_it_names(policy: Policy, names: set[str]) -> None:
    """A reform file changes the fields it names; every other number is the plan's as the
    draft writes it (GANYU_2021: §2.2, §4.1–§4.3, §6.3–§6.6, §A)."""
    written = ip.policy_to_dict(policy)
    if "plan_start" in names or "plan_end" in names:  # a period is read as a whole
        names |= {"plan_start", "plan_end"}
    read = ip.policy_from_dict({name: written[name] for name in names})
    for field in attrs.fields(Policy):
        source = policy if field.name in names else GANYU_2021
        assert getattr(read, field.name) == getattr(source, field.name), field.name


def test_a_file_changes_the_policy_passed_as_base_or_the_shipped_one_it_names() -> None:
    reform = attrs.evolve(GANYU_2021, national_match_cap=Decimal(8_000_000))
    read = ip.policy_from_dict({"performance_cap": "500000"}, base=reform)
    assert read == attrs.evolve(reform, performance_cap=Decimal(500_000))
    # the file's "base" names where it starts from, whatever the caller's base
    named = ip.policy_from_dict({"base": "GANYU_2021", "performance_cap": "500000"}, base=reform)
    assert named == attrs.evolve(GANYU_2021, performance_cap=Decimal(500_000))
    assert ip.policy_from_dict({"$schema": "policy.schema.json"}) == GANYU_2021


@pytest.mark.clause("§6.3", "§6.4", "§6.7", "§6.5")
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("each_approval", ip.UpgradeReading.EACH_APPROVAL),
        ("EACH_APPROVAL", ip.UpgradeReading.EACH_APPROVAL),
        ("top_up", ip.UpgradeReading.TOP_UP),
    ],
)
def test_a_reading_is_read_by_its_name(value: str, expected: ip.UpgradeReading) -> None:
    assert ip.policy_from_dict({"upgrade_reading": value}).upgrade_reading is expected
    city = ip.policy_from_dict({"city_reading": "top_up"}).city_reading
    assert city is ip.CityReading.TOP_UP


@pytest.mark.clause("§6.3", "§6.4", "§6.6")
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1:0.3", "'1:0.3' is not a decimal ratio; write 0.3"),
        ("1：0.5", "'1：0.5' is not a decimal ratio; write 0.5"),
        ("30%", "'30%' is not a decimal ratio; write 0.3"),
        ("12.5 %", "'12.5 %' is not a decimal ratio; write 0.125"),
        ("half", "'half' is not a decimal ratio; expected a decimal like \"0.5\" (for 1:0.5)"),
    ],
)
def test_a_ratio_written_as_people_write_it_is_refused_with_the_decimal_to_write(
    value: str, message: str
) -> None:
    assert problems_of(lambda: ip.policy_from_dict({"provincial_match_ratio": value})) == [
        f"provincial_match_ratio: {message}"
    ]


def test_ratios_are_read_exactly_from_text_and_numbers() -> None:
    read = ip.policy_from_dict(
        {"national_match_ratio": " 1.25 ", "provincial_match_ratio": Decimal("0.3")}
    )
    assert (read.national_match_ratio, read.provincial_match_ratio) == (
        Decimal("1.25"),
        Decimal("0.3"),
    )


def test_every_problem_of_a_policy_dictionary_is_reported_at_once_in_file_order() -> None:
    document: dict[str, Any] = {
        "base": "GANYU2021",
        "provincial_match_ratio": "1:0.3",
        "provincal_match_cap": "5000000",
        "national_match_cap": None,
        "plan_start": "2026-01-01",
        "from": "2024-01-01",
        "bureau_targets": {"区科技局": 6},
        "county_standard_caps": {"省级": "1.001", "县级": "1"},
        "name": " ",
        "versions": [],
    }
    found = problems_of(lambda: ip.policy_from_dict(document, source="p.json"))
    assert [p.split(":")[0] for p in found] == [
        "base",
        "provincial_match_ratio",
        "provincal_match_cap",
        "national_match_cap",
        "from",
        "bureau_targets",
        "county_standard_caps[省级]",
        "name",
        "versions",
        "plan_end",  # not in the file: after its fields
    ]
    assert (
        found[0]
        == "base: 'GANYU2021' is not a shipped policy; did you mean GANYU_2021? valid: GANYU_2021"
    )
    assert found[2].startswith(
        "provincal_match_cap: is not a field of Policy; did you mean provincial_match_cap? "
        "valid: national_match_ratio, "
    )
    assert "None is a NoneType, not money" in found[3]
    assert found[4].startswith("from: only a version has a from date")
    assert found[8] == (
        "versions: a policy with versions is a PolicyTimeline; read it with "
        "timeline_from_dict() or load_policy()"
    )


def test_a_period_problem_found_by_the_policy_is_located_at_the_field_it_names() -> None:
    # plan_start is named by the file; plan_end, which it puts before the start, is not
    assert problems_of(lambda: ip.policy_from_dict({"plan_start": "2026-01-01"})) == [
        "plan_end: 2025-12-31 is before plan_start 2026-01-01; expected a date on or after it"
    ]
    assert problems_of(
        lambda: ip.policy_from_dict({"plan_end": "2020-01-01", "district_target": -1})
    ) == [
        "plan_end: 2020-01-01 is before plan_start 2021-01-01; expected a date on or after it",
        "district_target: -1 is negative; expected a whole number, at least 0",
    ]


def test_an_unknown_field_without_a_near_name_lists_the_valid_ones() -> None:
    (problem,) = problems_of(lambda: ip.policy_from_dict({"colour": "red"}))
    assert problem == (
        "colour: is not a field of Policy; valid: "
        + ", ".join(f.name for f in attrs.fields(Policy))
    )
    (problem,) = problems_of(lambda: ip.policy_from_dict({"version": []}))
    assert problem.startswith("version: is not a field of Policy; did you mean versions? ")


@pytest.mark.parametrize("base", [7, None, "ganyu"])
def test_a_base_that_is_not_a_shipped_policy_is_refused(base: object) -> None:
    (problem,) = problems_of(lambda: ip.policy_from_dict({"base": base}))
    assert problem.startswith(f"base: {base!r} is not a shipped policy; ")
    assert problem.endswith("valid: GANYU_2021")


@pytest.mark.parametrize("document", [[1, 2], "x", None])
def test_a_policy_that_is_not_an_object_of_fields_is_refused(document: object) -> None:
    with pytest.raises(ip.InputError) as caught:
        ip.policy_from_dict(document, source="p.json")
    assert caught.value.source == "p.json"
    (problem,) = caught.value.problems
    assert problem.where == ""
    assert problem.message.startswith(f"{document!r} is not a JSON object of Policy fields")


# ---------------------------------------------------------------------------------------
# Files: JSON and TOML


def test_a_toml_file_is_read_with_exact_numbers_and_native_dates(tmp_path: Path) -> None:
    path = tmp_path / "reform.toml"
    path.write_text(
        'name = "reform"\nnational_match_cap = 8000000\nperformance_rate = 0.15\n'
        "plan_start = 2021-01-01\nplan_end = 2026-12-31\n"
        'upgrade_reading = "each_approval"\n'
        '[county_standard_caps]\n"省级" = "1500000.00"\n',
        encoding="utf-8",
    )
    assert ip.load_policy(path) == attrs.evolve(
        GANYU_2021,
        name="reform",
        national_match_cap=Decimal(8_000_000),
        performance_rate=Decimal("0.15"),
        plan_end=D(2026, 12, 31),
        upgrade_reading=ip.UpgradeReading.EACH_APPROVAL,
        county_standard_caps={ip.Level.PROVINCIAL: Decimal(1_500_000)},
    )


@pytest.mark.clause("§6.4")
def test_a_toml_file_s_problems_are_located_by_field_and_named_by_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.toml"
    path.write_text("provincial_match_ratio = '1:0.3'\nplan_end = 2025-12-31T00:00:00\n")
    with pytest.raises(ip.InputError) as caught:
        ip.load_policy(path)
    assert str(caught.value).splitlines() == [
        f"{path}: 2 problems found:",
        "  - provincial_match_ratio: '1:0.3' is not a decimal ratio; write 0.3",
        "  - plan_end: datetime.datetime(2025, 12, 31, 0, 0) is not a date; expected "
        "YYYY-MM-DD, like 2022-03-01",
    ]


@pytest.mark.parametrize(
    ("name", "content", "where", "message"),
    [
        ("p.toml", b"x = = 1", "", "invalid TOML: "),
        ("p.TOML", b"\xff\xfe", "byte 0", "is not UTF-8; save the file as UTF-8"),
        ("p.json", b'{"a": ', "line 1, column 7", "invalid JSON"),
        ("p.json", b" " * (_policy_files.MAX_POLICY_BYTES + 1), "", "is larger than 1 MiB"),
    ],
)
def test_a_policy_file_that_cannot_be_read_says_why(
    tmp_path: Path, name: str, content: bytes, where: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ip.InputError) as caught:
        ip.load_policy(path)
    assert caught.value.source == str(path)
    (problem,) = caught.value.problems
    assert (problem.where, problem.message[: len(message)]) == (where, message)


def test_a_missing_file_or_a_folder_cannot_be_read(tmp_path: Path) -> None:
    for path, reason in (
        (tmp_path / "none.json", "cannot be read: No such file"),
        (tmp_path, "is a directory, not a JSON file"),
    ):
        with pytest.raises(ip.InputError) as caught:
            ip.load_policy(path, source=f"--policy {path}")
        assert caught.value.source == f"--policy {path}"
        assert caught.value.problems[0].message.startswith(reason)


def test_a_json_file_of_versions_is_read_as_a_timeline(tmp_path: Path) -> None:
    path = EXAMPLES / "provincial-ratio-from-2024.json"
    read = ip.load_policy(path)
    assert isinstance(read, PolicyTimeline)
    assert read.name == "省级配套2024年起1:0.3"
    assert read.versions == (
        (D(2021, 1, 1), GANYU_2021),
        (D(2024, 1, 1), attrs.evolve(GANYU_2021, provincial_match_ratio=Decimal("0.3"))),
    )
    toml = tmp_path / "t.toml"
    toml.write_text(
        '[[versions]]\nfrom = 2021-01-01\n[[versions]]\nfrom = 2024-01-01\nprovincial_match_ratio = "0.3"\n'
    )
    assert ip.load_policy(toml) == attrs.evolve(read, name="GANYU_2021")


def test_the_shipped_example_policy_files_are_read() -> None:
    assert ip.load_policy(EXAMPLES / "provincial-ratio-0.3.toml") == attrs.evolve(
        GANYU_2021, provincial_match_ratio=Decimal("0.3"), name="省级配套1:0.3"
    )
    assert ip.load_policy(EXAMPLES / "plan-2021-2026.json") == attrs.evolve(
        GANYU_2021, plan_end=D(2026, 12, 31)
    )


# ---------------------------------------------------------------------------------------
# The schema


def _as_json(value: Any) -> Any:
    """What TOML reads as dates and decimals, as JSON writes them (for the schema)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def test_every_example_policy_file_is_valid_against_the_policy_schema() -> None:
    import tomllib

    files = sorted(
        p for p in EXAMPLES.iterdir() if p.suffix == ".toml" or p.name.startswith(("plan-", "prov"))
    )
    assert len(files) == 4
    for path in files:
        if path.suffix == ".toml":
            document = _as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        else:
            document = json.loads(path.read_text(encoding="utf-8"))
        POLICY_SCHEMA.validate(document)
        ip.load_policy(path)


def test_the_policy_schema_is_a_versioned_draft_2020_12_schema() -> None:
    schema = ip.schema("policy")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://innovation-policy.example/schemas/policy/1.json"
    fields = schema["$defs"]["fields"]["properties"]
    assert list(fields) == [f.name for f in attrs.fields(Policy)]


@pytest.mark.parametrize(
    "document",
    [
        {"provincial_match_ratio": "1:0.3"},
        {"performance_rate": "1.5"},
        {"performance_rate": "10%"},
        {"national_match_cap": "-1"},
        {"national_match_cap": "1.001"},
        {"plan_end": "2025-12"},
        {"upgrade_reading": "sometimes"},
        {"bureau_targets": {"区科技局": 6}},
        {"county_standard_caps": {"县级": "1"}},
        {"district_target": -1},
        {"name": " "},
        {"colour": "red"},
        {"base": "GANYU2021"},
        {"from": "2021-01-01"},
        {"versions": []},
        {"versions": [{}]},
        {"versions": [{"from": "2021-01-01", "base": "GANYU_2021"}]},
        {"versions": [{"from": "2021-01-01"}], "plan_end": "2026-12-31"},
        {"versions": [{"from": "2021-01-01"}], "colour": "red"},
    ],
    ids=repr,
)
def test_the_schema_refuses_what_the_reader_refuses(document: dict[str, Any]) -> None:
    assert not POLICY_SCHEMA.is_valid(document)
    with pytest.raises(ip.InputError):
        ip.timeline_from_dict(document)


@given(timelines())
def test_a_timeline_s_dictionary_is_valid_against_the_schema(timeline: PolicyTimeline) -> None:
    POLICY_SCHEMA.validate(ip.policy_to_dict(timeline))


# ---------------------------------------------------------------------------------------
# Timelines (reading 11)


@pytest.mark.clause("§6.3", "§6.4", "§6.6", "§6.2")
def test_the_issue_s_timeline_applies_its_second_version_from_2024() -> None:
    timeline = timeline_2024(provincial_match_ratio="0.3")
    reform = attrs.evolve(GANYU_2021, provincial_match_ratio=Decimal("0.3"))
    # approvals and case decisions: by their date
    assert timeline.for_date(D(2020, 6, 1)) == GANYU_2021  # before the first: the first
    assert timeline.for_date(D(2023, 12, 31)) == GANYU_2021
    assert timeline.for_date(D(2024, 1, 1)) == reform
    assert timeline.for_date(D(2030, 1, 1)) == reform
    # performance grants: by the 31 December of the rated year (reading 4)
    assert timeline.for_year(2023) == GANYU_2021
    assert timeline.for_year(2024) == reform
    assert [timeline.version_index_for_year(y) for y in range(2019, 2027)] == [0] * 5 + [1] * 3
    assert timeline.version_index_for_date(D(2024, 1, 1)) == 1
    assert timeline.name == "GANYU_2021"


@pytest.mark.clause("§6.6", "§6.3")
def test_a_version_from_mid_year_settles_that_year_s_grant_but_not_its_earlier_approvals() -> None:
    timeline = ip.timeline_from_dict(
        {"versions": [{"from": "2020-01-01"}, {"from": "2024-07-01", "performance_cap": "2"}]}
    )
    assert timeline.for_date(D(2024, 6, 30)) == GANYU_2021
    assert timeline.for_date(D(2024, 7, 1)).performance_cap == Decimal(2)
    assert timeline.for_year(2024).performance_cap == Decimal(2)  # 31 December 2024 is in it
    assert timeline.for_year(2023) == GANYU_2021


def test_each_version_changes_the_fields_it_names_of_the_one_before() -> None:
    timeline = ip.timeline_from_dict(
        {
            "versions": [
                {"from": "2021-01-01", "national_match_cap": "8000000"},
                {"from": "2023-01-01", "provincial_match_ratio": "0.3"},
                {"from": "2024-01-01", "national_match_cap": "9000000"},
            ]
        }
    )
    caps = [(p.national_match_cap, p.provincial_match_ratio) for _, p in timeline.versions]
    assert caps == [
        (Decimal(8_000_000), Decimal("0.5")),
        (Decimal(8_000_000), Decimal("0.3")),
        (Decimal(9_000_000), Decimal("0.3")),
    ]


@given(complete_policies(), st.dates(), st.integers(1, 9999))
def test_a_timeline_of_one_version_is_its_policy_on_every_date(
    policy: Policy, day: dt.date, year: int
) -> None:
    """A timeline with one version gives exactly that policy, for an approval or case
    decision of any date and a performance grant of any year (§6.2–§6.6, reading 11)."""
    timeline = PolicyTimeline.single(policy)
    assert timeline.for_date(day) is policy
    assert timeline.for_year(year) is policy
    assert ip.timeline_from_dict(ip.policy_to_dict(policy)) == timeline
    assert pio.as_timeline(policy) == timeline


@given(timelines(), st.dates())
def test_the_version_in_force_is_the_last_one_dated_on_or_before_the_day(
    timeline: PolicyTimeline, day: dt.date
) -> None:
    """A later version applies to approvals dated from its first day, and to the grant of a
    year whose 31 December falls in it; before the first version, the first applies
    (§6.3, §6.4, §6.6, readings 4 and 11)."""
    started = [i for i, (start, _) in enumerate(timeline.versions) if start <= day]
    expected = started[-1] if started else 0
    assert timeline.version_index_for_date(day) == expected
    assert timeline.for_date(day) is timeline.versions[expected][1]
    year_end = D(day.year, 12, 31)
    assert timeline.for_year(day.year) is timeline.for_date(year_end)


@given(timelines())
def test_a_timeline_read_back_from_its_dictionary_is_the_same_timeline(
    timeline: PolicyTimeline,
) -> None:
    """Every version of the policy, the date from which it is in force and the timeline's
    name survive being written and read (reading 11)."""
    written = ip.policy_to_dict(timeline)
    assert ip.timeline_from_dict(written) == timeline
    assert ip.timeline_from_dict(loads(json.dumps(written, ensure_ascii=False))) == timeline
    assert timeline.fingerprint == ip.policy_fingerprint(timeline)
    assert [v["from"] for v in written["versions"]] == [s.isoformat() for s, _ in timeline.versions]


@given(timelines(), timelines(), st.booleans())
def test_two_timelines_have_the_same_fingerprint_exactly_when_they_are_equal(
    first: PolicyTimeline, other: PolicyTimeline, same: bool
) -> None:
    """Any change of any version, or of the date from which it is in force, shows in the
    fingerprint (reading 11)."""
    second = first if same else other
    assert (first.fingerprint == second.fingerprint) == (first == second)


def test_a_timeline_is_named_by_its_file_or_by_its_first_version() -> None:
    named = ip.timeline_from_dict({"name": "改革", "versions": [{"from": "2021-01-01"}]})
    assert named.name == "改革"
    assert named.versions[0][1].name == "GANYU_2021"
    first = PolicyTimeline([(D(2021, 1, 1), attrs.evolve(GANYU_2021, name="A"))])
    assert first.name == "A"
    assert ip.policy_to_dict(first)["name"] == "A"


@pytest.mark.clause("§2.2")
def test_every_problem_of_a_timeline_is_reported_at_once_and_located() -> None:
    policy = GANYU_2021
    longer = attrs.evolve(GANYU_2021, plan_end=D(2026, 12, 31))
    later = attrs.evolve(GANYU_2021, plan_start=D(2021, 6, 1))
    with pytest.raises(ip.InputError) as caught:
        PolicyTimeline(
            [
                (D(2021, 2, 1), policy),
                (D(2021, 2, 1), longer),
                (D(2021, 1, 1), later),
            ]
        )
    assert caught.value.source == "PolicyTimeline"
    assert [str(p) for p in caught.value.problems] == [
        "versions[0].from: 2021-02-01 is after plan_start 2021-01-01; the first version must "
        "be in force on or before the start of the plan (reading 11)",
        "versions[1].from: 2021-02-01 is not after versions[0].from 2021-02-01; versions must "
        "be in strictly increasing date order (reading 11)",
        "versions[1].plan_end: 2026-12-31 differs from versions[0].plan_end 2025-12-31; the "
        "plan period may not change between versions (reading 11)",
        "versions[2].from: 2021-01-01 is not after versions[1].from 2021-02-01; versions must "
        "be in strictly increasing date order (reading 11)",
        "versions[2].plan_start: 2021-06-01 differs from versions[0].plan_start 2021-01-01; "
        "the plan period may not change between versions (reading 11)",
    ]


def test_a_timeline_of_things_that_are_not_versions_is_refused_with_each_located() -> None:
    with pytest.raises(ip.InputError) as caught:
        PolicyTimeline(
            [
                (D(2021, 1, 1), GANYU_2021),
                (dt.datetime(2022, 1, 1), GANYU_2021),
                (D(2023, 1, 1), {"national_match_cap": 1}),
                "2024-01-01",
                (D(2025, 1, 1), GANYU_2021, 3),
            ],
            name="",
        )
    assert [p.where for p in caught.value.problems] == [
        "versions[1].from",
        "versions[2].policy",
        "versions[3]",
        "versions[4]",
        "name",
    ]
    assert "versions[2].policy: {'national_match_cap': 1} is a dict, not a Policy" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("versions", "error", "message"),
    [
        ([], ip.PolicyValueError, "versions: is empty; expected at least one"),
        (None, ip.PolicyTypeError, "versions: None is not a sequence of"),
        ({GANYU_2021}, ip.PolicyTypeError, "is not a sequence of"),
        ([(D(2021, 1, 1), GANYU_2021, 1)], ip.PolicyTypeError, r"versions\[0\]: .* not a"),
    ],
)
def test_one_problem_with_a_timeline_is_raised_as_itself(
    versions: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        PolicyTimeline(versions)
    assert not isinstance(caught.value, ip.InputError)


def test_a_timeline_name_must_be_text() -> None:
    with pytest.raises(ip.PolicyTypeError, match="name: 5 is not a name"):
        PolicyTimeline([(D(2021, 1, 1), GANYU_2021)], name=5)  # type: ignore[arg-type]


def test_only_a_policy_makes_a_timeline_of_one_version() -> None:
    with pytest.raises(ip.PolicyTypeError, match="is a dict, not a Policy or a PolicyTimeline"):
        PolicyTimeline.single({})  # type: ignore[arg-type]


def test_as_timeline_takes_a_policy_or_a_timeline_and_nothing_else() -> None:
    timeline = timeline_2024()
    assert pio.as_timeline(timeline) is timeline
    assert pio.as_timeline(GANYU_2021) == PolicyTimeline.single(GANYU_2021)
    with pytest.raises(ip.PolicyTypeError) as caught:
        pio.as_timeline({"provincial_match_ratio": "0.3"})  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "policy: {'provincial_match_ratio': '0.3'} is a dict, not a Policy or a PolicyTimeline;"
    )


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.datetime(2024, 1, 1), "day: datetime.datetime(2024, 1, 1, 0, 0) is not a date"),
        ("2024-01-01", "day: '2024-01-01' is not a date"),
    ],
)
def test_the_version_for_a_date_needs_a_date(day: object, message: str) -> None:
    with pytest.raises(ip.PolicyTypeError, match=re.escape(message)):
        timeline_2024().for_date(day)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "error", "message"),
    [
        (True, ip.PolicyTypeError, "year: True is not a year; expected a whole number"),
        ("2024", ip.PolicyTypeError, "year: '2024' is not a year"),
        (0, ip.PolicyValueError, "year: 0 is not a year; expected 1 to 9999"),
        (10000, ip.PolicyValueError, "year: 10000 is not a year"),
    ],
)
def test_the_version_for_a_year_needs_a_year(
    year: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        timeline_2024().for_year(year)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Timelines read from a dictionary: every problem at once


@pytest.mark.clause("§2.2", "§6.4")
def test_every_problem_of_a_timeline_file_is_reported_at_once_in_file_order() -> None:
    document = {
        "name": " ",
        "base": "GANYU_2021",
        "provincial_match_ratio": "0.3",
        "verions": 1,
        "versions": [
            {"from": "2021-01-02"},
            {"from": "2021-01-02", "provincial_match_ratio": "0.3", "plan_end": "2026-12-31"},
            {"provincial_match_ratio": "1:0.3", "from": "2024-13-01", "base": "GANYU_2021"},
            5,
            {"plan_end": "2027-12-31"},
            {"from": "2025-01-01", "performance_rate": "2"},
            {"from": "2025-06-01"},
        ],
    }
    found = problems_of(lambda: ip.timeline_from_dict(document, source="t.json"))
    assert found == [
        "name: ' ' is blank; expected a name, like 'GANYU_2021'",
        "provincial_match_ratio: is a field of a version: in a policy with versions every "
        "field belongs to one, so write it in versions[0] (or in the version from which it "
        "applies)",
        "verions: is not a key of a policy with versions; did you mean versions? valid: base, "
        "name, versions",
        "versions[0].from: 2021-01-02 is after plan_start 2021-01-01; the first version must "
        "be in force on or before the start of the plan (reading 11)",
        "versions[1].from: 2021-01-02 is not after versions[0].from 2021-01-02; versions must "
        "be in strictly increasing date order (reading 11)",
        "versions[1].plan_end: 2026-12-31 differs from versions[0].plan_end 2025-12-31; the "
        "plan period may not change between versions (reading 11)",
        "versions[2].provincial_match_ratio: '1:0.3' is not a decimal ratio; write 0.3",
        "versions[2].from: '2024-13-01' is not a real date; expected YYYY-MM-DD, like 2022-03-01",
        "versions[2].base: is allowed only at the top of the file, beside versions, not in a "
        "version",
        "versions[3]: 5 is not a version; expected a JSON object",
        "versions[4].from: is required: the date from which the version is in force, YYYY-MM-DD",
        "versions[4].plan_end: 2027-12-31 differs from versions[0].plan_end 2025-12-31; the "
        "plan period may not change between versions (reading 11)",
        "versions[5].performance_rate: '2' is too large; expected a number from 0, at most 1",
    ]


def test_a_period_changed_in_one_version_is_reported_there_and_not_where_it_is_inherited() -> None:
    document = {
        "versions": [
            {"from": "2021-01-01"},
            {"from": "2022-01-01", "plan_end": "2026-12-31"},
            {"from": "2023-01-01", "national_match_cap": "1"},
        ]
    }
    assert [p.split(":")[0] for p in problems_of(lambda: ip.timeline_from_dict(document))] == [
        "versions[1].plan_end"
    ]


def test_the_first_version_may_move_the_plan_period_for_all() -> None:
    timeline = ip.timeline_from_dict(
        {
            "versions": [
                {"from": "2020-01-01", "plan_start": "2020-01-01", "plan_end": "2024-12-31"},
                {"from": "2022-01-01", "plan_end": "2024-12-31"},
            ]
        }
    )
    assert {(p.plan_start, p.plan_end) for _, p in timeline.versions} == {
        (D(2020, 1, 1), D(2024, 12, 31))
    }


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        ([], "versions: [] is not a list of versions; expected at least one"),
        ({"from": "2021-01-01"}, "versions: {'from': '2021-01-01'} is not a list of versions"),
    ],
)
def test_versions_must_be_a_list_of_at_least_one(versions: object, message: str) -> None:
    (problem,) = problems_of(lambda: ip.timeline_from_dict({"versions": versions}))
    assert problem.startswith(message)


def test_a_bad_base_and_bad_versions_are_reported_together() -> None:
    found = problems_of(lambda: ip.timeline_from_dict({"base": "X", "versions": []}))
    assert [p.split(":")[0] for p in found] == ["base", "versions"]


def test_a_timeline_file_of_fields_is_a_timeline_of_one_version() -> None:
    read = ip.timeline_from_dict({"provincial_match_ratio": "0.3"})
    assert read == PolicyTimeline.single(
        attrs.evolve(GANYU_2021, provincial_match_ratio=Decimal("0.3"))
    )
    with pytest.raises(ip.InputError):
        ip.timeline_from_dict([])


def test_a_timeline_starts_from_the_base_its_file_or_its_caller_names() -> None:
    reform = attrs.evolve(GANYU_2021, national_match_cap=Decimal(1))
    document: dict[str, Any] = {"versions": [{"from": "2021-01-01"}]}
    assert ip.timeline_from_dict(document, base=reform).versions[0][1] == reform
    document["base"] = "GANYU_2021"
    assert ip.timeline_from_dict(document, base=reform).versions[0][1] == GANYU_2021


# ---------------------------------------------------------------------------------------
# The command line reads policy files through this module


def test_the_command_line_reads_a_toml_policy(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "provincial-ratio-0.3.toml"
    assert main(["assess", "--example", "--policy", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    reform = ip.load_policy(path)
    assert isinstance(reform, Policy)
    assert (out, err) == (ip.assess(ip.example_register(), policy=reform).to_json() + "\n", "")


def test_the_command_line_suggests_the_nearest_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"provincal_match_ratio": "0.3"}', encoding="utf-8")
    assert main(["assess", "--example", "--policy", str(path)]) == 2
    _, err = capsys.readouterr()
    assert "  - provincal_match_ratio: is not a field of Policy; did you mean " in err
    assert "did you mean provincial_match_ratio? valid: " in err
