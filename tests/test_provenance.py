"""Every output records the policy that made it: the JSON ``policy`` block, the text
header, the CSV rows; and an audit refuses an assessment of another register or policy."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given

import innovation_policy as ip
from innovation_policy import GANYU_2021, PolicyTimeline
from innovation_policy._cli import main
from innovation_policy._frozen import FrozenDict
from innovation_policy._provenance import (
    changed_fields,
    field_text,
    policy_block,
    policy_header,
    policy_rows,
    recorded,
    schema_id,
)
from innovation_policy._register import register_difference
from tests.register_strategies import policy_reforms

D = Decimal
REFORM = attrs.evolve(GANYU_2021, provincial_match_ratio=D("0.3"))
TIMELINE = PolicyTimeline(
    ((GANYU_2021.plan_start, GANYU_2021), (dt.date(2024, 1, 1), REFORM)), name="t"
)


@given(policy_reforms())
def test_the_policy_block_is_every_field_its_name_period_and_fingerprint(
    policy: ip.Policy,
) -> None:
    """Every number and reading an output was made under (§2.2, §4, §6.3–§6.6, §A;
    readings 1, 2, 8) is recorded with it, so that two outputs made under the same
    policy carry the same fingerprint and any change shows."""
    block = policy_block(policy)
    assert block == {
        **ip.policy_to_dict(policy),
        "period": policy.period_label,
        "fingerprint": ip.policy_fingerprint(policy),
    }
    fields = {k: v for k, v in block.items() if k not in ("period", "fingerprint")}
    jsonschema.Draft202012Validator(ip.schema("policy")).validate(fields)
    assert (block["fingerprint"] == policy_block(GANYU_2021)["fingerprint"]) == (
        ip.policy_to_dict(policy) == ip.policy_to_dict(GANYU_2021)
    )


def test_a_timeline_of_one_version_is_recorded_as_its_policy() -> None:
    assert recorded(PolicyTimeline.single(REFORM)) == REFORM
    assert policy_block(PolicyTimeline.single(REFORM)) == policy_block(REFORM)
    block = policy_block(TIMELINE)
    assert [v["from"] for v in block["versions"]] == ["2021-01-01", "2024-01-01"]
    assert block["period"] == "2021-2025"
    assert block["fingerprint"] == ip.policy_fingerprint(TIMELINE)


@pytest.mark.clause("§6.4")
def test_the_text_header_names_the_policy_and_every_field_that_differs() -> None:
    assert changed_fields(REFORM) == ("provincial_match_ratio",)
    zh = policy_header(REFORM, "zh")
    assert zh[0].startswith("政策 GANYU_2021（指纹 ")
    assert zh[1].endswith("；与 GANYU_2021 不同：省级配套比例 1:0.3（默认 1:0.5）")
    en = policy_header(REFORM, "en")
    assert en[1].endswith(
        "; differs from GANYU_2021: provincial matching ratio 1:0.3 (default 1:0.5)"
    )
    assert len(policy_header(GANYU_2021)) == 2
    versions = policy_header(TIMELINE, "en")
    assert versions[1].startswith("version 1 (from 2021-01-01, reading 11): ")
    assert versions[2].startswith("version 2 (from 2024-01-01, reading 11): ")


def test_a_fields_value_is_shown_version_by_version_where_it_changes() -> None:
    assert field_text(REFORM, "provincial_match_ratio", "zh") == "1:0.3"
    assert field_text(TIMELINE, "provincial_match_ratio", "zh") == (
        "1:0.5（自 2021-01-01）、1:0.3（自 2024-01-01）"
    )
    assert field_text(TIMELINE, "national_match_ratio", "en") == "1:1 (from 2021-01-01)"
    capped = attrs.evolve(GANYU_2021, county_standard_caps={ip.Level.PROVINCIAL: D(2000000)})
    assert field_text(capped, "county_standard_caps", "en") == "provincial=2,000,000.00 yuan"


def test_the_policy_rows_for_a_spreadsheet_hold_every_field() -> None:
    rows = dict(policy_rows(REFORM))
    assert rows["name"] == "GANYU_2021"
    assert rows["fingerprint"] == ip.policy_fingerprint(REFORM)
    assert rows["provincial_match_ratio"] == "0.3"
    assert rows["bureau_targets[区科技局]"] == "6"
    timeline_rows = dict(policy_rows(TIMELINE))
    assert timeline_rows["versions[1].from"] == "2024-01-01"
    assert timeline_rows["versions[1].provincial_match_ratio"] == "0.3"


def test_every_json_document_names_its_schema_with_its_version() -> None:
    register = ip.example_register()
    documents = {
        "assessment": ip.assess(register).to_dict(),
        "findings": ip.findings_to_dict(ip.audit(register)),
        "targets": ip.target_progress(register, as_of=dt.date(2023, 6, 30)).to_dict(),
    }
    for name, document in documents.items():
        assert document["schema"] == schema_id(name) == ip.schema(name)["$id"]
        assert document["generator"]["name"] == "innovation-policy"
        jsonschema.Draft202012Validator(ip.schema(name)).validate(document)


def test_the_reform_on_the_command_line_shows_in_its_json_and_its_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    policy_file = tmp_path / "p.json"
    policy_file.write_text('{"provincial_match_ratio": "0.3"}', encoding="utf-8")
    assert main(["assess", "--example", "--format", "json"]) == 0
    default = json.loads(capsys.readouterr().out)["policy"]
    assert main(["assess", "--example", "--policy", str(policy_file), "--format", "json"]) == 0
    reformed = json.loads(capsys.readouterr().out)["policy"]
    assert reformed["provincial_match_ratio"] == "0.3"
    assert reformed["fingerprint"] != default["fingerprint"]
    assert main(["assess", "--example", "--policy", str(policy_file)]) == 0
    assert "省级配套比例 1:0.3（默认 1:0.5）" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------
# An audit of a given assessment


def test_an_audit_refuses_an_assessment_of_another_register() -> None:
    register = ip.example_register()
    first = register.approvals[0]
    other = attrs.evolve(
        register,
        approvals=(attrs.evolve(first, city_award=D(1)), *register.approvals[1:]),
    )
    with pytest.raises(
        ip.PolicyValueError, match=r"of another register \(approvals\[0\] differs \(city_award\)"
    ):
        ip.audit(register, assessment=ip.assess(other))
    shorter = attrs.evolve(register, payments=register.payments[:-1])
    message = f"payments has {len(shorter.payments)} records in one register"
    assert register_difference(shorter, register) == (
        f"{message} and {len(register.payments)} in the other"
    )


def test_an_audit_refuses_an_assessment_of_another_policy_naming_the_fields() -> None:
    register = ip.example_register()
    with pytest.raises(ip.PolicyValueError, match="differing in provincial_match_ratio"):
        ip.audit(register, policy=GANYU_2021, assessment=ip.assess(register, policy=REFORM))
    renamed = attrs.evolve(GANYU_2021, name="another")
    with pytest.raises(ip.PolicyValueError, match=r"differing in name\)"):
        ip.audit(register, policy=renamed, assessment=ip.assess(register))
    with pytest.raises(ip.PolicyTypeError, match="is not an Assessment"):
        ip.audit(register, assessment="an assessment")  # type: ignore[arg-type]


def test_an_audit_of_a_given_assessment_takes_its_policy() -> None:
    register = ip.example_register()
    reform = ip.assess(register, policy=REFORM)
    assert ip.audit(register, assessment=reform) == ip.audit(register, policy=REFORM)
    assert register_difference(register, register) is None
    assert register_difference(register, attrs.evolve(register)) is None


# ---------------------------------------------------------------------------------------
# The read-only tables


def test_a_frozen_dict_cannot_be_changed_but_copies_hashes_and_pickles() -> None:
    table = FrozenDict({2021: D(1), 2022: D(2)})
    with pytest.raises(TypeError, match="FrozenDict is read-only"):
        table[2023] = D(3)
    with pytest.raises(TypeError, match="FrozenDict is read-only"):
        del table[2021]
    with pytest.raises(TypeError, match="FrozenDict is read-only"):
        table.clear()
    assert hash(table) == hash(FrozenDict({2022: D(2), 2021: D(1)}))
    assert repr(table) == "FrozenDict({2021: Decimal('1'), 2022: Decimal('2')})"
    assert copy.deepcopy(table) == table
    assert pickle.loads(pickle.dumps(table)) == table
    assert isinstance(pickle.loads(pickle.dumps(table)), FrozenDict)


# ---------------------------------------------------------------------------------------
# The policy in CSV output


def test_every_csv_row_names_its_policy_and_the_complete_policy_goes_beside_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    policy_file = tmp_path / "p.json"
    policy_file.write_text('{"provincial_match_ratio": "0.3"}', encoding="utf-8")
    output = tmp_path / "a.csv"
    argv = ["assess", "--example", "--policy", str(policy_file), "--format", "csv"]
    assert main([*argv, "--lang", "en", "--output", str(output)]) == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert {(r["policy"], r["policy_fingerprint"]) for r in rows} == {
        ("GANYU_2021", ip.policy_fingerprint(REFORM))
    }
    beside = tmp_path / "a.policy.csv"
    fields = list(csv.DictReader(io.StringIO(beside.read_text(encoding="utf-8-sig"))))
    assert {r["field"]: r["value"] for r in fields}["provincial_match_ratio"] == "0.3"
    assert {r["side"] for r in fields} == {"policy"}
    assert main([*argv]) == 0  # to standard output: the columns, in Chinese
    head = capsys.readouterr().out.splitlines()[0]
    assert head.endswith(",政策,政策指纹")


def test_a_comparison_in_csv_names_both_policies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    output = tmp_path / "c.csv"
    argv = ["compare", "--example", "--reading", "city=top_up", "--format", "csv"]
    assert main([*argv, "--lang", "en", "--output", str(output)]) == 0
    row = next(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    city = attrs.evolve(GANYU_2021, city_reading=ip.CityReading.TOP_UP)
    assert row["baseline_policy_fingerprint"] == ip.policy_fingerprint(GANYU_2021)
    assert row["policy_fingerprint"] == ip.policy_fingerprint(city)
    sides = {
        r["side"]
        for r in csv.DictReader(
            io.StringIO((tmp_path / "c.policy.csv").read_text(encoding="utf-8-sig"))
        )
    }
    assert sides == {"baseline", "policy"}
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(",基准政策,基准政策指纹,政策,政策指纹")
