"""JSON, the interchange format: read and written without loss, every problem located.

Labels are read in Chinese or as English member names and written in Chinese; ``null``
means absent; money is read exactly from a string or a JSON number (never through a
float) and written as a string with two decimals (reading 7); dates are exactly
YYYY-MM-DD. The documents the library writes are valid against its shipped schemas.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import innovation_policy as ip
from innovation_policy import Level
from tests.register_strategies import policy_reforms, registers

D = Decimal

PLATFORM = {"id": "P1", "name": "平台", "category": "技术创新中心", "industry": "新能源"}
APPROVAL = {"platform": "P1", "level": "省级", "date": "2022-03-01"}


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = ip.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


REGISTER_SCHEMA = validator("register")
ASSESSMENT_SCHEMA = validator("assessment")
FINDINGS_SCHEMA = validator("findings")


def read(document: Any) -> ip.Register:
    return ip.Register.from_json(document if isinstance(document, str) else json.dumps(document))


def problems(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(ip.InputError) as raised:
        read(document)
    return [(p.where, p.message) for p in raised.value.problems]


def wheres(document: Any) -> list[str]:
    return [where for where, _ in problems(document)]


# ---------------------------------------------------------------------------------------
# Labels, null, money


def test_labels_are_read_in_chinese_or_english_and_written_in_chinese() -> None:
    english = read(
        {
            "platforms": [
                {
                    "id": "P1",
                    "name": "所",
                    "category": "PROFESSIONAL_INSTITUTE",
                    "industry": "marine_fishery",
                    "park": "High_Tech_Zone",
                    "co_builders": ["JITRI", "talent_team"],
                }
            ],
            "approvals": [{**APPROVAL, "level": "national"}],
            "reviews": [{"platform": "P1", "year": 2023, "rating": "EXCELLENT"}],
            "payments": [
                {"platform": "P1", "date": "2023-05-01", "kind": "MATCHING", "amount": "1"}
            ],
        }
    )
    chinese = read(
        {
            "platforms": [
                {
                    "id": "P1",
                    "name": "所",
                    "category": "专业研究所",
                    "industry": "海洋渔业",
                    "park": "赣榆高新技术产业开发区（筹）",
                    "co_builders": ["人才团队", "江苏省产业技术研究院"],
                }
            ],
            "approvals": [{**APPROVAL, "level": "国家级"}],
            "reviews": [{"platform": "P1", "year": 2023, "rating": "优秀"}],
            "payments": [
                {"platform": "P1", "date": "2023-05-01", "kind": "matching", "amount": "1"}
            ],
        }
    )
    assert english == chinese
    written = json.loads(english.to_json())
    assert written["platforms"][0]["category"] == "专业研究所"
    assert written["platforms"][0]["industry"] == "海洋渔业"
    assert written["platforms"][0]["park"] == "赣榆高新技术产业开发区（筹）"
    # co-builders in the order of §3.6: 区政府、园区、江苏省产业技术研究院、人才团队
    assert written["platforms"][0]["co_builders"] == ["江苏省产业技术研究院", "人才团队"]
    assert written["approvals"][0]["level"] == "国家级"
    assert written["approvals"][0]["id"] == "P1/2022-03-01/国家级"
    assert written["reviews"][0]["rating"] == "优秀"
    assert written["payments"][0]["kind"] == "matching"


def test_null_means_the_same_as_absent_but_for_an_amount_recorded_as_unknown() -> None:
    absent = read(
        {
            "platforms": [PLATFORM],
            "approvals": [APPROVAL],
            "payments": [{"platform": "P1", "date": "2023-01-01", "kind": "case", "amount": 0}],
        }
    )
    null = read(
        {
            "platforms": [{**PLATFORM, "park": None, "co_builders": None}],
            "approvals": [{**APPROVAL, "id": None, "city_award": None}],
            "reviews": None,
            "case_decisions": None,
            "payments": [
                {
                    "platform": "P1",
                    "date": "2023-01-01",
                    "kind": "case",
                    "amount": 0,
                    "year": None,
                    "item": None,
                }
            ],
        }
    )
    assert null == absent
    assert absent.approvals[0].superior_funding == D("0.00")
    assert absent.platforms[0].park is None
    # null for the higher-level funding or the turnover is the record of "unknown"
    unknown = read(
        {
            "platforms": [PLATFORM],
            "approvals": [{**APPROVAL, "superior_funding": None}],
            "reviews": [{"platform": "P1", "year": 2023, "rating": "优秀", "turnover": None}],
        }
    )
    assert unknown.approvals[0].superior_funding is None
    assert unknown.reviews[0].turnover is None
    assert read(json.loads(unknown.to_json())) == unknown


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"6000000.00"', "6000000.00"),
        ('"6000000"', "6000000.00"),
        ('"1.000"', "1.00"),
        ('" 12.5 "', "12.50"),
        ("6000000", "6000000.00"),
        ("0.1", "0.10"),  # exact: as a float it would be 0.1000000000000000055...
        ("0.29", "0.29"),
        ("1e2", "100.00"),
        ("999999999999999.99", "999999999999999.99"),  # as a float it would be 1e15
        ("12345678901234.07", "12345678901234.07"),
        ("-0.0", "0.00"),
    ],
)
def test_money_is_read_exactly_from_a_string_or_a_json_number(text: str, value: str) -> None:
    document = f'{{"platforms": [{json.dumps(PLATFORM)}], "approvals": [{{"platform": "P1", "level": "省级", "date": "2022-03-01", "superior_funding": {text}}}]}}'
    register = ip.Register.from_json(document)
    amount = register.approvals[0].superior_funding
    assert amount == D(value)
    assert str(amount) == value
    assert json.loads(register.to_json())["approvals"][0]["superior_funding"] == value


def test_money_is_written_as_a_string_with_two_decimals() -> None:
    register = ip.Register(
        platforms=(
            ip.Platform("P1", "n", ip.Category.TECHNOLOGY_INNOVATION_CENTER, ip.Industry.STEEL),
        ),
        approvals=(
            ip.Approval("P1", Level.PROVINCIAL, ip.parse_date("2022-03-01"), D(6000000), D("0.5")),
        ),
    )
    row = json.loads(register.to_json())["approvals"][0]
    assert (row["superior_funding"], row["city_award"]) == ("6000000.00", "0.50")


def test_parse_money_and_parse_date_are_public_and_strict() -> None:
    assert ip.parse_money("1.50") == D("1.50")
    assert ip.parse_money(7) == D("7.00")
    assert ip.parse_date("2024-02-29").isoformat() == "2024-02-29"
    for bad in ("abc", "1,000", "1e3", "NaN", "", "0.001"):
        with pytest.raises(ValueError, match="amount"):
            ip.parse_money(bad, "amount")
    for bad_date in ("2022-03", "20220301", "2022-02-30", "2022/03/01", "2022-03-01T00:00"):
        with pytest.raises(ValueError, match="date"):
            ip.parse_date(bad_date, "date")


# ---------------------------------------------------------------------------------------
# Problems, all at once and located


def test_every_problem_of_a_document_is_reported_at_once_by_json_path() -> None:
    document = {
        "platforms": [
            PLATFORM,
            {**PLATFORM, "id": "P2", "category": "实验室", "colour": "red"},
            {**PLATFORM, "id": "P1"},
        ],
        "approvals": [
            {**APPROVAL, "superior_funding": "abc"},
            {**APPROVAL, "date": "2022-03", "superior_funding": -1},
            {**APPROVAL, "date": "20220301", "city_award": "1.001"},
            {**APPROVAL, "date": "2022-02-30", "platform": "P9", "id": "A4"},
            {**APPROVAL, "platform": "P9", "id": "A5"},
        ],
        "reviews": [
            {"platform": "P1", "year": 2023, "rating": "很好"},
            {"platform": "P1", "year": 2024, "rating": "优秀", "turnover": 0.001},
            {"platform": "P1", "year": 2025, "rating": "良好"},
            {"platform": "P1", "year": 2025, "rating": "优秀"},
        ],
        "case_decisions": [[1, 2]],
        "payments": [
            {"platform": "P1", "date": "2023-01-01", "kind": "performance", "amount": 1},
            {"platform": "P1", "date": "2023-01-01", "kind": "case", "amount": 1, "item": "A4"},
            {"platform": "P1", "date": "2023-01-01", "kind": "matching", "amount": 1, "item": "A5"},
        ],
        "extra": [],
    }
    found = problems(document)
    assert sorted(where for where, _ in found) == sorted(
        [
            "extra",
            "platforms[1].category",
            "platforms[1].colour",
            "platforms[2].id",
            "approvals[0].superior_funding",
            "approvals[1].date",
            "approvals[1].superior_funding",
            "approvals[2].date",
            "approvals[2].city_award",
            "approvals[3].date",
            "approvals[4].platform",
            "reviews[0].rating",
            "reviews[1].turnover",
            "reviews[3].year",
            "case_decisions[0]",
            "payments[0].year",
            "payments[2].item",
        ]
    )
    # payments[1] names A4, a record that could not be read: no second, misleading problem
    messages = dict(found)
    assert "not a valid Category" in messages["platforms[1].category"]
    assert "is not a field of Platform" in messages["platforms[1].colour"]
    assert "is not an amount" in messages["approvals[0].superior_funding"]
    assert "negative" in messages["approvals[1].superior_funding"]
    assert "smaller than a fen" in messages["approvals[2].city_award"]
    assert "YYYY-MM-DD" in messages["approvals[1].date"]
    assert "YYYY-MM-DD" in messages["approvals[2].date"]
    assert "not a real date" in messages["approvals[3].date"]
    assert "is not a table of the register" in messages["extra"]
    assert "not a CaseDecision record" in messages["case_decisions[0]"]
    assert "belongs to platform 'P9'" in messages["payments[2].item"]


def test_a_missing_required_field_is_located() -> None:
    assert problems(
        {"platforms": [PLATFORM], "approvals": [{"platform": "P1", "level": "省级"}]}
    ) == [("approvals[0].date", "is required but missing")]
    assert wheres({"approvals": []}) == ["platforms"]


def test_a_table_that_is_not_a_list_is_located() -> None:
    assert wheres({"platforms": {"P1": PLATFORM}}) == ["platforms"]


@pytest.mark.parametrize("top", ["[]", '"register"', "42", "null"])
def test_a_top_level_that_is_not_an_object_is_refused(top: str) -> None:
    (found,) = problems(top)
    assert found[0] == "$"
    assert "not a register" in found[1]


def test_invalid_json_is_located_by_line_and_column() -> None:
    # line 2 is `  "platforms": [,]`: the comma is in column 17
    assert problems('{\n  "platforms": [,]\n}') == [
        ("line 2, column 17", "invalid JSON: Expecting value")
    ]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(constant: str) -> None:
    document = '{"platforms": [], "approvals": [{"platform": "P1", "level": "省级", "date": "2022-03-01", "superior_funding": %s}]}'
    (found,) = problems(document % constant)
    assert found[0] == "$"
    assert constant.lstrip("-") in found[1]


def test_a_key_twice_in_one_object_is_refused() -> None:
    (found,) = problems(
        '{"platforms": [{"id": "P1", "id": "P2", "name": "n", "category": "技术创新中心", "industry": "新能源"}]}'
    )
    assert found[0] == "line 1, column 29"  # the second "id"
    assert "'id' appears twice" in found[1]


def test_money_as_text_nan_or_a_boolean_is_refused() -> None:
    for bad in ("NaN", "abc", True, [1]):
        (where,) = wheres({"platforms": [PLATFORM], "approvals": [{**APPROVAL, "city_award": bad}]})
        assert where == "approvals[0].city_award"


def test_bytes_with_a_bom_and_files_are_read(tmp_path: Path) -> None:
    text = ip.example_register_json()
    expected = ip.example_register()
    assert ip.Register.from_json(("\ufeff" + text).encode("utf-8")) == expected
    assert ip.Register.from_json("\ufeff" + text) == expected
    path = tmp_path / "register.json"
    path.write_text(text, encoding="utf-8")
    assert ip.load_register(path) == expected
    assert ip.load_register(str(path)) == expected
    with path.open("rb") as binary:
        assert ip.load_register(binary) == expected
    assert ip.load_register(io.StringIO(text)) == expected


def test_a_file_that_cannot_be_read_or_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.load_register(tmp_path / "missing.json")
    assert raised.value.source == str(tmp_path / "missing.json")
    with pytest.raises(ip.InputError) as raised:
        ip.Register.from_json(b'{"platforms": [], "x": "\xff"}')
    assert "UTF-8" in raised.value.problems[0].message


def test_the_error_names_its_source_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"platforms": [{"id": "P1"}]}', encoding="utf-8")
    with pytest.raises(ip.InputError) as raised:
        ip.load_register(path)
    assert raised.value.source == str(path)
    assert str(raised.value).startswith(f"{path}: ")


# ---------------------------------------------------------------------------------------
# Problems found by a record's own checks (blank text, a year out of range) are located
# like every other problem: at the field, with their own message, all of them at once.


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"platforms": [{**PLATFORM, "name": " "}]}, "platforms[0].name"),
        (
            {
                "platforms": [PLATFORM],
                "case_decisions": [
                    {"platform": "P1", "date": "2023-01-01", "amount": 1, "reference": ""}
                ],
            },
            "case_decisions[0].reference",
        ),
        (
            {
                "platforms": [PLATFORM],
                "payments": [
                    {
                        "platform": "P1",
                        "date": "2023-01-01",
                        "kind": "case",
                        "amount": 1,
                        "item": "",
                    }
                ],
            },
            "payments[0].item",
        ),
        (
            {
                "platforms": [PLATFORM],
                "reviews": [{"platform": "P1", "year": 999, "rating": "优秀"}],
            },
            "reviews[0].year",
        ),
    ],
    ids=["blank name", "blank reference", "blank item", "year 999"],
)
def test_a_field_refused_by_the_records_own_check_is_located_at_the_field(
    document: dict[str, Any], where: str
) -> None:
    assert wheres(document) == [where]


def test_two_blank_fields_of_one_record_are_two_problems() -> None:
    assert sorted(wheres({"platforms": [{**PLATFORM, "id": " ", "name": ""}]})) == [
        "platforms[0].id",
        "platforms[0].name",
    ]


def test_a_blank_field_is_reported_with_a_bad_label_of_the_same_record() -> None:
    document = {
        "platforms": [PLATFORM],
        "approvals": [{**APPROVAL, "platform": "", "level": "县级"}],
    }
    assert sorted(wheres(document)) == ["approvals[0].level", "approvals[0].platform"]


# ---------------------------------------------------------------------------------------
# Round trip and schemas


@given(registers())
def test_a_register_read_back_from_its_json_is_the_same_register_and_valid_against_the_schema(
    register: ip.Register,
) -> None:
    text = register.to_json()
    again = ip.Register.from_json(text)
    assert again == register
    assert again.to_json() == text
    document = json.loads(text)
    assert register.to_dict() == document
    REGISTER_SCHEMA.validate(document)


@given(registers(max_platforms=5), policy_reforms())
def test_the_assessment_and_findings_of_a_generated_register_are_valid_against_their_schemas(
    register: ip.Register, policy: ip.Policy
) -> None:
    assessment = ip.assess(register, policy=policy)
    for lang in ("zh", "en"):
        document = json.loads(assessment.to_json(lang))
        ASSESSMENT_SCHEMA.validate(document)
        assert len(document["awards"]) == (
            len(register.approvals) + len(register.reviews) + len(register.case_decisions)
        )
    findings = ip.audit(register, policy=policy, assessment=assessment)
    FINDINGS_SCHEMA.validate(json.loads(ip.findings_to_json(findings, "en")))


def test_the_example_register_is_valid_against_the_register_schema() -> None:
    REGISTER_SCHEMA.validate(json.loads(ip.example_register_json()))
    REGISTER_SCHEMA.validate(json.loads(ip.example_register().to_json()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_assessment_is_valid_against_the_assessment_schema(lang: str) -> None:
    document = json.loads(ip.assess(ip.example_register()).to_json(lang))
    ASSESSMENT_SCHEMA.validate(document)
    assert document["schema"] == "https://innovation-policy.example/schemas/assessment/2.json"
    assert document["generator"]["name"] == "innovation-policy"
    assert document["policy"] == {
        **ip.policy_to_dict(ip.GANYU_2021),
        "period": "2021-2025",
        "fingerprint": ip.policy_fingerprint(ip.GANYU_2021),
    }
    assert document["policy"]["name"] == "GANYU_2021"
    assert document["policy"]["provincial_match_ratio"] == "0.5"


def test_the_assessment_json_records_a_reformed_reading() -> None:
    reform = attrs.evolve(
        ip.GANYU_2021,
        upgrade_reading=ip.UpgradeReading.EACH_APPROVAL,
        city_reading=ip.CityReading.TOP_UP,
    )
    document = json.loads(ip.assess(ip.example_register(), policy=reform).to_json())
    ASSESSMENT_SCHEMA.validate(document)
    assert document["policy"]["upgrade_reading"] == "each_approval"
    assert document["policy"]["city_reading"] == "top_up"
    assert document["policy"]["fingerprint"] == ip.policy_fingerprint(reform)
    assert document["policy"]["fingerprint"] != ip.policy_fingerprint(ip.GANYU_2021)


def test_the_schema_refuses_what_the_library_refuses() -> None:
    # the shipped register schema agrees with the reader on a negative amount, a bad date,
    # an unknown field and an unknown label
    bad_documents: list[dict[str, Any]] = [
        {"platforms": [PLATFORM], "approvals": [{**APPROVAL, "city_award": "-1"}]},
        {"platforms": [PLATFORM], "approvals": [{**APPROVAL, "date": "2022-03"}]},
        {"platforms": [{**PLATFORM, "colour": "red"}]},
        {"platforms": [{**PLATFORM, "category": "实验室"}]},
    ]
    for document in bad_documents:
        assert not REGISTER_SCHEMA.is_valid(document)
        with pytest.raises(ip.InputError):
            read(document)


def test_an_unknown_schema_name_is_refused() -> None:
    with pytest.raises(ValueError, match="register"):
        ip.schema("nothing")


def test_a_shipped_schema_is_a_fresh_copy_each_time() -> None:
    first = ip.schema("register")
    first["title"] = "changed by a caller"
    assert ip.schema("register")["title"] != "changed by a caller"
    assert ip.schema("register") == ip.schema("register")
