"""The forecast: the plan's cost if its targets are met (§2.2, §4.1–§4.3, §A, §6.3–§6.6),
its scenario files, and the ``budget`` and ``forecast`` commands."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovation_policy as ip
from innovation_policy._cli import main

from .register_strategies import dates, registers

MID = dt.date(2023, 6, 30)
END = dt.date(2025, 12, 31)
ZERO = Decimal("0.00")
DRC = ip.Bureau.DEVELOPMENT_AND_REFORM
M = Decimal("1000000.00")


def validate(document: object, name: str) -> None:
    schema = ip.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


@pytest.mark.clause("§4.2", "§6.3", "§6.6")
def test_the_ceiling_of_the_development_and_reform_bureau_at_mid_2023_by_hand() -> None:
    # §4.2 asks 2; only P02 counts by 2023-06-30 (P10 was major before the plan): 1 short.
    # The one new platform is approved in 2023 (3 years left, earlier years first), at
    # the national cap, 10,000,000; it and P02 and P10 may each earn the full grant,
    # 1,000,000, for 2023, 2024 and 2025, due the next year: 3 × 1,000,000 a year.
    line = ip.forecast(ip.example_register(), as_of=MID).line(DRC)
    assert line.new_platforms == 1
    assert dict(line.approvals) == {2023: 1, 2024: 0, 2025: 0}
    assert [(f.year, f.ceiling) for f in line.years] == [
        (2023, Decimal("10000000.00")),
        (2024, 3 * M),
        (2025, 3 * M),
        (2026, 3 * M),
    ]


@pytest.mark.clause("§4.2", "§6.4", "§6.6")
def test_the_expected_cost_of_the_development_and_reform_bureau_at_mid_2023_by_hand() -> None:
    # History: both DRC platforms first became major at provincial level; provincial
    # funding 12,000,000 and 4,000,000, median 8,000,000 × 0.5 = 4,000,000; its one rated
    # year (P10/2021) was excellent on 6,000,000: 1 × 10% × 6,000,000 = 600,000 a year.
    result = ip.forecast(ip.example_register(), as_of=MID)
    line = result.line("区发改委")
    assert [(f.year, f.expected) for f in line.years] == [
        (2023, Decimal("4000000.00")),
        (2024, Decimal("600000.00")),
        (2025, Decimal("600000.00")),
        (2026, Decimal("600000.00")),
    ]
    assert line.year(2023).committed == Decimal("600000.00")  # P10/2021, overdue
    used = result.assumptions[DRC]
    assert used.funding[ip.Level.PROVINCIAL] == ip.Estimate(
        Decimal("8000000.00"), 2, ip.EstimateSource.HISTORY
    )
    assert used.turnover.records == 1
    assert (ip.Bureau.SCIENCE_AND_TECHNOLOGY, "funding.国家级") in result.caps_used
    assert result.year(2023).ceiling == sum(line.year(2023).ceiling for line in result.lines)


def test_on_the_plans_last_day_a_platform_may_still_be_approved_and_after_it_none() -> None:
    last_day = ip.forecast(ip.example_register(), as_of=END)
    assert dict(last_day.line(DRC).approvals) == {2025: 1}  # §4.2 is still 1 short
    assert [f.year for f in last_day.years] == [2025, 2026]
    owed = ip.budget(ip.example_register(), as_of=END).totals.outstanding
    assert last_day.year(2025).committed == owed
    result = ip.forecast(ip.example_register(), as_of=dt.date(2026, 1, 1))
    assert all(f.expected == 0 for f in result.years)
    assert all(line.new_platforms == 0 for line in result.lines)
    with pytest.raises(ip.PolicyValueError, match="year: 2030 is not a year"):
        result.year(2030)


def test_a_scenario_overrides_the_history_and_is_recorded_with_its_fingerprint() -> None:
    scenario = ip.Scenario(
        name="national push",
        bureaus={
            DRC: ip.BureauScenario(
                mix={ip.Level.NATIONAL: Decimal(1)},
                funding={ip.Level.NATIONAL: Decimal("8000000")},
                excellent=Decimal("0.5"),
                turnover=Decimal("3000000"),
            )
        },
    )
    default = ip.forecast(ip.example_register(), as_of=MID)
    result = ip.forecast(ip.example_register(), as_of=MID, scenario=scenario)
    line = result.line(DRC)
    assert line.year(2023).expected == Decimal("8000000.00")  # 8,000,000 × 1
    assert line.year(2024).expected == Decimal("150000.00")  # 0.5 × 300,000
    assert result.fingerprint != default.fingerprint
    document = result.to_dict("en")
    validate(document, "forecast")
    assert document["scenario"]["name"] == "national push"
    assert document["scenario"]["bureaus"]["区发改委"]["excellent"]["source"] == "scenario"


def test_a_line_of_its_own_carries_what_the_parks_need_beyond_the_bureaus() -> None:
    # A policy asking nothing of the bureaus and 5 of the economic development zone: by
    # mid-2023 it has 3 (P01, P02, P19), 2 short; the high-tech zone is 1 short (§A.3).
    policy = attrs.evolve(
        ip.GANYU_2021,
        bureau_targets=dict.fromkeys(ip.Bureau, 0),
        park_targets={**ip.GANYU_2021.park_targets, ip.Park.ECONOMIC_DEVELOPMENT_ZONE: 5},
    )
    result = ip.forecast(ip.example_register(), as_of=MID, policy=policy)
    extra = result.line(None)
    assert extra.new_platforms == 3
    assert dict(extra.approvals) == {2023: 1, 2024: 1, 2025: 1}
    assert extra.year(2023).ceiling == Decimal("10000000.00")
    assert all(line.new_platforms == 0 for line in result.lines if line.bureau is not None)


def test_the_forecast_document_is_valid_against_its_schema() -> None:
    for as_of in (MID, END, dt.date(2020, 6, 1)):
        validate(ip.forecast(ip.example_register(), as_of=as_of).to_dict(), "forecast")


def test_the_scenario_must_be_a_scenario() -> None:
    with pytest.raises(ip.PolicyTypeError, match=r"scenario: .* is not a Scenario"):
        ip.forecast(ip.example_register(), as_of=MID, scenario={"name": "x"})  # type: ignore[arg-type]


def test_a_scenario_made_by_hand_reports_every_problem_at_once() -> None:
    with pytest.raises(ip.InputError) as caught:
        ip.BureauScenario(mix={"区级": 1}, excellent=Decimal(2), turnover=1.5)  # type: ignore[dict-item, arg-type]
    assert [p.where for p in caught.value.problems] == ["mix", "excellent", "turnover"]
    with pytest.raises(ip.InputError) as caught:
        ip.Scenario(name=" ", bureaus={"区科技局": "x"})  # type: ignore[dict-item]
    assert [p.where for p in caught.value.problems] == ["name", "bureaus"]
    with pytest.raises(ip.InputError, match="weights add up to 0"):
        ip.BureauScenario(mix={"国家级": 0})  # type: ignore[dict-item]
    with pytest.raises(ip.InputError, match="not a mapping"):
        ip.BureauScenario(funding="8000000")  # type: ignore[arg-type]
    with pytest.raises(ip.InputError, match="not a mapping"):
        ip.Scenario(bureaus=[])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Scenario files


def test_a_scenario_file_in_json_and_in_toml(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        json.dumps({"name": "j", "bureaus": {"DEVELOPMENT_AND_REFORM": {"excellent": "0.5"}}}),
        encoding="utf-8",
    )
    (tmp_path / "s.toml").write_text(
        'name = "t"\n[bureaus."区发改委"]\nexcellent = 0.5\nturnover = "3000000"\n'
        'mix = {"国家级" = 1}\nfunding = {"省级" = 2000000}\n',
        encoding="utf-8",
    )
    from_json = ip.load_scenario(tmp_path / "s.json")
    from_toml = ip.load_scenario(tmp_path / "s.toml")
    assert from_json.bureaus[DRC].excellent == from_toml.bureaus[DRC].excellent == Decimal("0.5")
    assert from_toml.bureaus[DRC].funding == {ip.Level.PROVINCIAL: Decimal("2000000.00")}
    validate(json.loads((tmp_path / "s.json").read_text(encoding="utf-8")), "scenario")


def test_a_bad_scenario_file_reports_every_problem_at_once_located(tmp_path: Path) -> None:
    document = {
        "name": "",
        "extra": 1,
        "bureaus": {
            "区科技": {},
            "区发改委": {"mix": {"区级": 1}, "excellent": "1.5", "turnover": "-1", "funding": None},
            "区工信局": {"nope": 1},
            "INDUSTRY_AND_INFORMATION_TECHNOLOGY": 3,
        },
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ip.InputError) as caught:
        ip.load_scenario(path)
    assert [p.where for p in caught.value.problems] == [
        "extra",
        "name",
        "bureaus.区科技",
        "bureaus.区发改委.mix",
        "bureaus.区发改委.excellent",
        "bureaus.区发改委.turnover",
        "bureaus.区工信局.nope",
        "bureaus.INDUSTRY_AND_INFORMATION_TECHNOLOGY",
    ]
    assert "1.5' is too large" in str(caught.value)


@pytest.mark.parametrize(
    ("document", "where"),
    [([], ""), ({"bureaus": []}, "bureaus"), ({"bureaus": {"区发改委": {"turnover": "x"}}}, "")],
)
def test_a_scenario_of_the_wrong_shape_is_refused(document: object, where: str) -> None:
    with pytest.raises(ip.InputError) as caught:
        ip.scenario_from_dict(document)
    assert caught.value.problems[0].where.startswith(where)


def test_a_toml_scenario_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(ip.InputError, match="invalid TOML"):
        ip.load_scenario(path)


# ---------------------------------------------------------------------------------------
# The command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_budget_command_in_text_json_and_csv(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    status, text, _ = run(capsys, "budget", "--example", "--as-of", "2025-12-31", "--lang", lang)
    assert status == 0
    assert text.splitlines()[1].startswith(
        "政策 GANYU_2021" if lang == "zh" else "policy GANYU_2021"
    )
    assert "29,530,000.00" in text
    assert "P10/2021" in text
    status, out, _ = run(capsys, "budget", "--example", "--as-of", "2025-12-31", "--format", "json")
    validate(json.loads(out), "budget")
    status, out, _ = run(
        capsys, "budget", "--example", "--as-of", "2025-12-31", "--format", "csv", "--lang", lang
    )
    rows = out.splitlines()
    assert len(rows) == 1 + len(ip.budget(ip.example_register(), as_of=END).items)
    assert "2000000.00" in out


def test_the_budget_text_of_nothing_owed_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"platforms": []}), encoding="utf-8")
    status, text, _ = run(capsys, "budget", str(path), "--as-of", "2025-12-31", "--lang", "en")
    assert status == 0
    assert "nothing outstanding" in text


def test_the_budget_text_lists_needs_data_and_needs_decision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(ip.example_register_json())
    for approval in document["approvals"]:
        if approval["id"] == "A05":
            approval["superior_funding"] = None
    document["payments"] = [p for p in document["payments"] if p.get("item") != "C01"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    status, text, _ = run(capsys, "budget", str(path), "--as-of", "2023-06-30", "--lang", "en")
    assert status == 0
    assert "needs data" in text
    assert "superior_funding" in text
    assert "needs decision" in text
    assert "not yet due" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_forecast_command_in_text_json_and_csv(
    capsys: pytest.CaptureFixture[str], lang: str, tmp_path: Path
) -> None:
    status, text, _ = run(capsys, "forecast", "--example", "--as-of", "2023-06-30", "--lang", lang)
    assert status == 0
    assert "10,000,000.00" in text
    assert "19,000,000.00" in text
    scenario = tmp_path / "s.toml"
    scenario.write_text('name = "mine"\n', encoding="utf-8")
    status, out, _ = run(
        capsys, "forecast", "--example", "--as-of", "2023-06-30", "--scenario", str(scenario),
        "--format", "json",
    )  # fmt: skip
    document = json.loads(out)
    validate(document, "forecast")
    assert document["scenario"]["name"] == "mine"
    status, out, _ = run(
        capsys, "forecast", "--example", "--as-of", "2023-06-30", "--format", "csv", "--lang", lang
    )
    assert len(out.splitlines()) == 1 + 5 * 4


def test_bad_as_of_dates_are_refused_with_every_other_problem_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"bureaus": {"x": {}}}), encoding="utf-8")
    for as_of in ("2025-13-01", "2023-02-30", "31/12/2025", "2025-12"):
        status, out, err = run(
            capsys, "forecast", "--example", "--as-of", as_of, "--scenario", str(bad),
            "--policy", str(tmp_path / "missing.json"),
        )  # fmt: skip
        assert status == 2
        assert out == ""
        assert f"--as-of: '{as_of}' is not" in err
        assert f"--scenario {bad}: 1 problem found" in err
        assert "bureaus.x" in err
        assert "--policy" in err
    status, _, err = run(capsys, "budget", "--example")
    assert status == 2
    assert "--as-of" in err


# ---------------------------------------------------------------------------------------
# Properties


@st.composite
def scenarios(draw: st.DrawFn) -> ip.Scenario:
    amounts = st.integers(0, 30_000_000).map(Decimal)
    bureaus = {}
    for bureau in draw(st.lists(st.sampled_from(list(ip.Bureau)), unique=True)):
        bureaus[bureau] = ip.BureauScenario(
            mix=draw(
                st.none()
                | st.dictionaries(
                    st.sampled_from([ip.Level.NATIONAL, ip.Level.PROVINCIAL, ip.Level.MUNICIPAL]),
                    st.integers(1, 5).map(Decimal),
                    min_size=1,
                )
            ),
            funding=draw(
                st.dictionaries(st.sampled_from([ip.Level.NATIONAL, ip.Level.PROVINCIAL]), amounts)
            ),
            excellent=draw(st.none() | st.sampled_from([Decimal(0), Decimal("0.3"), Decimal(1)])),
            turnover=draw(st.none() | amounts),
        )
    return ip.Scenario(name="drawn", bureaus=bureaus)


@given(registers(), dates(), scenarios())
def test_committed_is_at_most_committed_plus_expected_at_most_committed_plus_ceiling(
    register: ip.Register, as_of: dt.date, scenario: ip.Scenario
) -> None:
    """The ceiling is the most the district could owe (§6.3, §6.4, §6.6: "不超过"; reading
    5): committed ≤ committed + expected ≤ committed + ceiling, every year, every line."""
    result = ip.forecast(register, as_of=as_of, scenario=scenario)
    for line in (*result.lines, None):
        years = result.years if line is None else line.years
        for f in years:
            assert f.committed <= f.committed + f.expected <= f.committed + f.ceiling
            assert f.expected == f.expected.quantize(Decimal("0.01"))


@given(registers(), dates())
def test_a_register_whose_targets_are_all_met_expects_nothing_more(
    register: ip.Register, as_of: dt.date
) -> None:
    """The cost expected is that of the platforms still needed for the targets (§2.2,
    §4.1–§4.3, §A): where every target is met, nothing more is expected."""
    report = ip.target_progress(register, as_of=as_of)
    met = attrs.evolve(
        ip.GANYU_2021,
        district_target=report.district.achieved,
        annex_target=report.annex().achieved,
        bureau_targets={b: report.bureau(b).achieved for b in ip.Bureau},
        park_targets={p: report.park(p).achieved for p in ip.Park},
    )
    assert all(line.met for line in ip.target_progress(register, as_of=as_of, policy=met).lines[:9])
    result = ip.forecast(register, as_of=as_of, policy=met)
    assert all(f.expected == 0 for f in result.years)
    assert all(line.new_platforms == 0 for line in result.lines)


@given(
    registers(),
    dates(),
    st.sampled_from(["national_match_cap", "provincial_match_cap", "performance_cap", "county"]),
    st.integers(1, 20_000_000).map(Decimal),
)
def test_raising_any_cap_never_lowers_the_ceiling(
    register: ip.Register, as_of: dt.date, cap: str, raise_by: Decimal
) -> None:
    """The caps are maxima (§6.3, §6.4, §6.5, §6.6: "不超过"): a higher cap can only
    raise the most the district could owe."""
    county = {ip.Level.NATIONAL: Decimal("3000000.00")}
    low = attrs.evolve(ip.GANYU_2021, county_standard_caps=county)
    if cap == "county":
        high = attrs.evolve(
            low, county_standard_caps={ip.Level.NATIONAL: county[ip.Level.NATIONAL] + raise_by}
        )
    else:
        high = attrs.evolve(low, **{cap: getattr(low, cap) + raise_by})
    before = ip.forecast(register, as_of=as_of, policy=low)
    after = ip.forecast(register, as_of=as_of, policy=high)
    for old, new in zip(before.lines, after.lines, strict=True):
        for f_old, f_new in zip(old.years, new.years, strict=True):
            assert f_new.ceiling >= f_old.ceiling
