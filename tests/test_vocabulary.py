"""Every code the library's results hold has its words in both languages, from the one
vocabulary; and the policy's own terms are spelled as the policy text spells them."""

from __future__ import annotations

import enum
import re

import attrs
import pytest

import innovation_policy as ip
from innovation_policy import _targets, _vocabulary
from innovation_policy._rules import _ENTITLEMENTS

#: The policy's text, as the clause catalogue holds it (the original sentences).
POLICY_TEXT = "".join(c.text for c in ip.CLAUSES.values())

#: Labels whose values are terms of the policy, and the members that are the library's
#: own (no such words in the text: a district-level recognition, the ratings other than
#: 优秀, which the text does not name).
POLICY_TERMS: tuple[type[enum.Enum], ...] = (
    ip.Category,
    ip.Park,
    ip.Industry,
    ip.Bureau,
    ip.CoBuilder,
    ip.Level,
    ip.Rating,
)
NOT_IN_THE_TEXT = {ip.Level.DISTRICT, ip.Rating.GOOD, ip.Rating.PASS, ip.Rating.FAIL}

CODES_WITH_LABELS: tuple[type[enum.Enum], ...] = (
    ip.Kind,
    ip.UpgradeReading,
    ip.CityReading,
    ip.FindingCode,
    ip.ClauseKind,
    _targets.TargetScope,
    _targets.PaceStatus,
    _targets.CountStatus,
)

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _pair_is_zh_and_en(pair: tuple[str, str]) -> bool:
    zh, en = pair
    return bool(_CJK.search(zh)) and bool(en.strip()) and not _CJK.search(en)


@pytest.mark.parametrize("code", [m for E in CODES_WITH_LABELS for m in E], ids=repr)
def test_every_code_of_a_result_has_its_name_in_chinese_and_in_english(code: enum.Enum) -> None:
    pair = _vocabulary.LABELS[f"{type(code).__name__}.{code.name}"]
    assert _pair_is_zh_and_en(pair), pair


@pytest.mark.parametrize("code", list(ip.StepCode), ids=repr)
def test_every_step_of_an_explanation_has_its_sentence_in_both_languages(
    code: ip.StepCode,
) -> None:
    _money, zh, en = _vocabulary.STEPS[code.value]
    assert _CJK.search(zh)
    assert en.strip()
    assert not _CJK.search(en.replace("万元", ""))
    # the two sentences name the same values
    assert sorted(re.findall(r"\{(\w+)\}", zh)) == sorted(re.findall(r"\{(\w+)\}", en))


def test_no_sentence_is_held_for_a_step_that_does_not_exist() -> None:
    assert set(_vocabulary.STEPS) == {c.value for c in ip.StepCode}


@pytest.mark.parametrize(
    ("codes", "table"),
    [
        (ip.NoticeCode, _vocabulary.NOTICES),
        (ip.FindingCode, _vocabulary.FINDINGS),
    ],
    ids=["notices", "findings"],
)
def test_every_notice_and_finding_has_its_sentence_in_both_languages(
    codes: type[enum.Enum], table: dict[str, tuple[str, str]]
) -> None:
    assert set(table) == {c.value for c in codes}
    for zh, en in table.values():
        assert _pair_is_zh_and_en((zh, en))
        assert sorted(re.findall(r"\{(\w+)\}", zh)) == sorted(re.findall(r"\{(\w+)\}", en))


def test_every_check_of_the_targets_has_its_sentence_both_ways_and_in_both_languages() -> None:
    assert set(_vocabulary.CHECKS) == {c.value for c in ip.CheckCode}
    for outcomes in _vocabulary.CHECKS.values():
        assert set(outcomes) == {True, False}
        assert all(_pair_is_zh_and_en(pair) for pair in outcomes.values())


def test_every_entitlement_and_every_field_of_the_policy_has_its_words() -> None:
    for entitlement in _ENTITLEMENTS:
        assert _pair_is_zh_and_en(_vocabulary.ENTITLEMENTS[entitlement.code])
    fields = {a.name for a in attrs.fields(ip.Policy)} - {"name"}
    assert set(_vocabulary.POLICY_FIELDS) == fields
    assert all(_pair_is_zh_and_en(pair) for pair in _vocabulary.POLICY_FIELDS.values())


def test_every_word_of_the_tables_is_in_both_languages() -> None:
    for key, (zh, en) in _vocabulary.WORDS.items():
        assert zh.strip(), key
        assert en.strip(), key


@pytest.mark.parametrize(
    "term", [m for E in POLICY_TERMS for m in E if m not in NOT_IN_THE_TEXT], ids=repr
)
def test_every_chinese_term_of_the_policy_is_spelled_as_in_the_policy_text(
    term: enum.Enum,
) -> None:
    assert str(term.value) in POLICY_TEXT


def test_the_words_of_the_kinds_of_support_are_the_policys_own() -> None:
    # 配套支持 (§6.3, §6.4), 一事一议 (§6.2), 补助 (§6.6): the library's names of the
    # kinds of support are the policy's words.
    assert ip.Kind.MATCHING.label("zh") in ip.clause("§6.3").text
    assert ip.Kind.CASE.label("zh") in ip.clause("§6.2").text
    assert "补助" in ip.Kind.PERFORMANCE.label("zh")
    assert "补助" in ip.clause("§6.6").text


def test_only_the_two_languages_are_written() -> None:
    assert _vocabulary.LANGS == ("zh", "en")
    with pytest.raises(ip.PolicyValueError, match="lang: 'fr' is not supported"):
        _vocabulary.check_lang("fr")
