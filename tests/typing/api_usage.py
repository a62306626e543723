"""The public API as a user types it: checked by ``mypy --strict``, never run.

Every line is inside a function that nothing calls; importing the module raises. A
``# type: ignore[code]`` marks a call that must be refused: strict mode warns about an
unused ignore, so the check fails if a typing regression lets such a call through.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_type

import attrs

import innovation_policy as ip

if not TYPE_CHECKING:
    raise ImportError("tests/typing is checked by mypy, never imported or run")


def labels() -> None:
    assert_type(ip.Level.parse("省级"), ip.Level)
    assert_type(ip.Level.parse("provincial", field="level"), ip.Level)
    assert_type(ip.Category.parse("专业研究所"), ip.Category)
    assert_type(ip.Rating.parse("EXCELLENT"), ip.Rating)
    assert_type(ip.Park.parse("赣榆经济开发区"), ip.Park)
    assert_type(ip.Kind.parse("matching"), ip.Kind)
    assert_type(ip.Level.PROVINCIAL.rank, int)
    assert_type(ip.Level.NATIONAL.en, str)
    assert_type(ip.Level.NATIONAL.label("en"), str)
    assert_type(ip.Kind.CASE.zh, str)
    assert_type(ip.Category.choices(), str)


def money() -> None:
    assert_type(ip.money(Decimal("1.00"), "turnover"), Decimal)
    assert_type(ip.money(100), Decimal)
    assert_type(ip.wan(500), Decimal)
    assert_type(ip.round_down(Decimal("1.005")), Decimal)
    assert_type(ip.format_yuan(Decimal("5000000")), str)
    assert_type(ip.format_wan(Decimal("5000000")), str)
    assert_type(ip.parse_money("6000000.00"), Decimal)
    assert_type(ip.parse_date("2022-03-01"), dt.date)


def rules() -> None:
    classification = ip.classify(ip.Category.NEW_RD_INSTITUTION, ip.Level.MUNICIPAL)
    assert_type(classification, ip.Classification)
    assert_type(classification.is_major, bool)
    assert_type(classification.bureau, ip.Bureau)
    assert_type(classification.counts_as, ip.Category)
    assert_type(classification.clauses, tuple[str, ...])
    assert_type(ip.entitlements(classification), tuple[ip.Entitlement, ...])
    assert_type(ip.responsible_bureau(ip.Category.PROFESSIONAL_INSTITUTE), ip.Bureau)
    assert_type(ip.matching_terms(ip.Level.NATIONAL), ip.MatchingTerms | None)

    award = ip.matching_subsidy(ip.Level.PROVINCIAL, Decimal("6000000"))
    assert_type(award, ip.Award)
    assert_type(award.amount, Decimal)
    assert_type(award.eligible, bool)
    assert_type(award.steps, tuple[ip.Step, ...])
    assert_type(award.explain(), str)
    assert_type(award.explain("en"), str)
    assert_type(ip.matching_subsidy(ip.Level.NATIONAL, 9_000_000).amount, Decimal)

    grant = ip.performance_grant(ip.Level.MUNICIPAL, ip.Rating.EXCELLENT, Decimal("8000000"))
    assert_type(grant, ip.Award)
    assert_type(grant.amount, Decimal)
    assert_type(ip.performance_grant(None, ip.Rating.GOOD, 0, year=2023), ip.Award)
    step = grant.steps[0]
    assert_type(step.code, ip.StepCode)
    assert_type(step.result, Decimal | None)
    assert_type(step.text("en"), str)


def rules_refused() -> None:
    # A float is never money: the signatures say Decimal | int.
    ip.matching_subsidy(ip.Level.PROVINCIAL, 6_000_000.0)  # type: ignore[arg-type]
    ip.performance_grant(ip.Level.MUNICIPAL, ip.Rating.EXCELLENT, 0.5)  # type: ignore[arg-type]
    ip.matching_subsidy(ip.Level.PROVINCIAL, "6000000")  # type: ignore[arg-type]
    # The policy is keyword-only.
    ip.matching_subsidy(ip.Level.PROVINCIAL, 1, ip.GANYU_2021)  # type: ignore[call-arg]
    # An award's amount is not a float.
    amount: float = ip.matching_subsidy(ip.Level.PROVINCIAL, 1).amount  # type: ignore[assignment]
    del amount


def policies() -> None:
    reform = attrs.evolve(ip.GANYU_2021, national_match_cap=Decimal("8000000.00"))
    assert_type(reform, ip.Policy)
    assert_type(reform.national_match_cap, Decimal)
    assert_type(reform.plan_start, dt.date)
    assert_type(reform.upgrade_reading, ip.UpgradeReading)
    assert_type(ip.Policy.clauses_of("performance_rate"), tuple[str, ...])
    attrs.evolve(
        ip.GANYU_2021,
        performance_rate=Decimal("0.15"),
        plan_end=dt.date(2026, 12, 31),
        upgrade_reading=ip.UpgradeReading.EACH_APPROVAL,
        city_reading=ip.CityReading.TOP_UP,
        county_standard_caps={ip.Level.PROVINCIAL: Decimal("3000000.00")},
    )
    ip.matching_subsidy(ip.Level.NATIONAL, 1, policy=reform)
    # attrs.evolve is checked field by field: a float rate, a text date are refused.
    attrs.evolve(ip.GANYU_2021, performance_rate=0.15)  # type: ignore[arg-type]
    attrs.evolve(ip.GANYU_2021, plan_end="2026-12-31")  # type: ignore[arg-type]


def policy_files(path: Path) -> None:
    loaded = ip.load_policy(path)
    assert_type(loaded, ip.Policy | ip.PolicyTimeline)
    assert_type(
        ip.load_policy("p.toml", base=ip.GANYU_2021, source="--policy p.toml"),
        ip.Policy | ip.PolicyTimeline,
    )
    assert_type(ip.policy_from_dict({"provincial_match_ratio": "0.3"}), ip.Policy)
    assert_type(ip.timeline_from_dict({"versions": []}, source="t.json"), ip.PolicyTimeline)
    assert_type(ip.policy_to_dict(ip.GANYU_2021), dict[str, Any])
    assert_type(ip.policy_fingerprint(loaded), str)
    assert_type(ip.SHIPPED_POLICIES["GANYU_2021"], ip.Policy)
    assert_type(ip.GANYU_2021.name, str)
    timeline = ip.PolicyTimeline.single(ip.GANYU_2021)
    assert_type(timeline.for_date(dt.date(2024, 1, 1)), ip.Policy)
    assert_type(timeline.for_year(2024), ip.Policy)
    assert_type(timeline.version_index_for_date(dt.date(2024, 1, 1)), int)
    assert_type(timeline.version_index_for_year(2024), int)
    assert_type(timeline.versions, tuple[tuple[dt.date, ip.Policy], ...])
    assert_type(timeline.name, str)
    assert_type(timeline.fingerprint, str)
    ip.PolicyTimeline([(dt.date(2021, 1, 1), ip.GANYU_2021)], name="reform")
    ip.policy_from_dict({}, base="GANYU_2021")  # type: ignore[arg-type]
    timeline.for_year("2024")  # type: ignore[arg-type]


def registers(path: Path) -> None:
    platform = ip.Platform("P1", "平台", ip.Category.NEW_RD_INSTITUTION, ip.Industry.NEW_ENERGY)
    approval = ip.Approval("P1", ip.Level.MUNICIPAL, dt.date(2022, 3, 1))
    review = ip.Review("P1", 2023, ip.Rating.EXCELLENT, turnover=Decimal("5000000.00"))
    payment = ip.Payment("P1", dt.date(2024, 1, 5), ip.Kind.PERFORMANCE, Decimal(1), year=2023)
    register = ip.Register(
        platforms=(platform,), approvals=(approval,), reviews=(review,), payments=(payment,)
    )
    assert_type(register.platforms, tuple[ip.Platform, ...])
    assert_type(register.platform("P1"), ip.Platform)
    assert_type(approval.id, str)
    assert_type(approval.superior_funding, Decimal | None)
    assert_type(platform.park, ip.Park | None)

    assert_type(ip.Register.from_json('{"platforms": []}'), ip.Register)
    assert_type(ip.Register.from_json(b'{"platforms": []}'), ip.Register)
    assert_type(ip.load_register(path), ip.Register)
    assert_type(ip.load_register(str(path)), ip.Register)
    assert_type(ip.load_register(io.StringIO("{}")), ip.Register)
    assert_type(ip.example_register(), ip.Register)
    assert_type(ip.example_register_json(), str)
    assert_type(register.to_json(), str)
    assert_type(ip.register_notices(register), tuple[ip.Notice, ...])
    # A record's money is a Decimal or an int, never a float.
    ip.Review("P1", 2023, ip.Rating.GOOD, turnover=1.5)  # type: ignore[arg-type]


def assessments() -> None:
    register = ip.example_register()
    assessment = ip.assess(register)
    assert_type(assessment, ip.Assessment)
    assert_type(ip.assess(register, policy=ip.GANYU_2021), ip.Assessment)
    assert_type(assessment.items, tuple[ip.Item, ...])
    for item in assessment.items:
        assert_type(item.amount, Decimal)
        assert_type(item.kind, ip.Kind)
        assert_type(item.level, ip.Level | None)
        assert_type(item.award, ip.Award | None)
        assert_type(item.explain("en"), str)
    assert_type(assessment.item("A01"), ip.Item)
    assert_type(assessment.totals, ip.Totals)
    assert_type(assessment.totals.district, Decimal)
    assert_type(assessment.totals.by_kind[ip.Kind.MATCHING], Decimal)
    assert_type(assessment.platforms[0], ip.PlatformSummary)
    assert_type(assessment.platforms[0].is_major, bool)
    assert_type(assessment.warnings, tuple[ip.Notice, ...])
    assert_type(assessment.to_json("en"), str)
    assert_type(ip.highest_level(register.approvals), ip.Level | None)

    findings = ip.audit(register)
    assert_type(findings, tuple[ip.Finding, ...])
    assert_type(ip.audit(register, assessment=assessment), tuple[ip.Finding, ...])
    assert_type(findings[0].amount, Decimal)
    assert_type(findings[0].item, str | None)
    assert_type(findings[0].explain("en"), str)
    assert_type(ip.findings_to_json(findings), str)
    # The register is the first argument; the policy is keyword-only.
    ip.assess(register, ip.GANYU_2021)  # type: ignore[call-arg]
    ip.assess(ip.example_register_json())  # type: ignore[arg-type]


def errors() -> None:
    try:
        ip.matching_subsidy(ip.Level.PROVINCIAL, Decimal("-1"))
    except ip.PolicyError as error:
        assert_type(error, ip.PolicyError)
        assert_type(error.field, str | None)
    try:
        ip.Register.from_json("{}")
    except ip.InputError as error:
        assert_type(error.problems, tuple[ip.Problem, ...])
        assert_type(error.problems[0].where, str)
        assert_type(error.source, str | None)
    # Every error of the library is a PolicyError and also the built-in that fits.
    as_policy: type[ip.PolicyError] = ip.InputError
    as_value: type[ValueError] = ip.PolicyValueError
    as_type: type[TypeError] = ip.PolicyTypeError
    as_input_value: type[ip.PolicyValueError] = ip.InputError
    del as_policy, as_value, as_type, as_input_value
    not_type: type[TypeError] = ip.PolicyValueError  # type: ignore[assignment]
    del not_type


def clauses() -> None:
    assert_type(ip.clause("§6.3"), ip.Clause)
    assert_type(ip.implemented_by("§6.3"), tuple[str, ...])
    assert_type(ip.CLAUSES["§6.3"], ip.Clause)
