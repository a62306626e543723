"""The clause catalogue: exactly the ids of ``CLAUSES.md``, in document order.

The list of ids and kinds below IS the specification (copied from the table of
``CLAUSES.md``); the test does not read ``../shared``, which an installed package or a
clone elsewhere cannot rely on.
"""

from __future__ import annotations

import importlib.resources
import re
from importlib.resources.abc import Traversable

import attrs
import pytest

import innovation_policy as ip

# (id, kind) of every clause, in the order of CLAUSES.md.
SPEC: tuple[tuple[str, str], ...] = (
    ("§0", "context"),
    ("§1", "context"),
    ("§2.1", "data"),
    ("§2.2", "rule"),
    ("§3.0", "rule"),
    ("§3.1", "data"),
    ("§3.2", "data"),
    ("§3.3", "data"),
    ("§3.4", "data"),
    ("§3.5", "data"),
    ("§3.6", "record"),
    ("§4.1", "rule"),
    ("§4.2", "rule"),
    ("§4.3", "rule"),
    ("§5.1", "record"),
    ("§5.2", "context"),
    ("§6.1", "context"),
    ("§6.2", "record"),
    ("§6.3", "rule"),
    ("§6.4", "rule"),
    ("§6.5", "rule"),
    ("§6.6", "rule"),
    ("§6.7", "rule"),
    ("§6.8", "record"),
    ("§6.9", "record"),
    ("§A", "data"),
    ("§A.1", "data"),
    ("§A.2", "data"),
    ("§A.3", "data"),
    ("§A.4", "data"),
    ("§A.T", "data"),
)
SPEC_IDS = [clause_id for clause_id, _ in SPEC]


def test_the_catalogue_has_exactly_the_31_ids_of_the_spec_in_document_order() -> None:
    assert len(SPEC_IDS) == 31
    assert list(ip.CLAUSES) == SPEC_IDS


@pytest.mark.parametrize(("clause_id", "kind"), SPEC)
def test_each_clause_has_its_id_and_kind(clause_id: str, kind: str) -> None:
    entry = ip.clause(clause_id)
    assert entry is ip.CLAUSES[clause_id]
    assert entry.id == clause_id
    assert entry.kind is ip.ClauseKind(kind)
    assert entry.text
    assert entry.gloss


# A phrase of the original text of some clauses, copied from CLAUSES.md: the catalogue
# carries the sentence an auditor reads, not a paraphrase.
TEXTS = {
    "§2.2": "全区新建重大产业创新平台不少于10个",
    "§3.0": "专业研究所认定原则上列入新型研发机构范围",
    "§4.1": "3类不少于6个平台",
    "§4.2": "不少于2个产业创新中心",
    "§4.3": "不少于2个制造业创新中心",
    "§6.3": "按上级扶持经费1:1给予配套支持，最高支持额度不超过1000万元",
    "§6.4": "按上级扶持经费1:0.5给予配套支持，最高支持额度不超过500万元",
    "§6.5": "市、区不重复奖励，区奖励资金额度不超过市对其他县奖励标准",
    "§6.6": "给予不超过当年度技术合同实际成交额10%的补助，最高不超过100万",
    "§6.7": "补助按照就高原则，不重复进行补助",
    "§A.T": "合计：10，4",
}


@pytest.mark.parametrize(("clause_id", "phrase"), sorted(TEXTS.items()))
def test_a_clause_carries_the_original_sentence(clause_id: str, phrase: str) -> None:
    assert phrase in ip.clause(clause_id).text


@pytest.mark.parametrize("bad", ["§9", "§6", "§4", "6.3", "§6.10", "§a.1", "", "§"])
def test_an_unknown_clause_id_is_refused_naming_the_valid_ids(bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(bad))) as caught:
        ip.clause(bad)
    error = caught.value
    assert isinstance(error, ip.PolicyError)
    for clause_id in SPEC_IDS:
        assert clause_id in str(error)


@pytest.mark.parametrize("bad", [6.3, None, 3])
def test_a_clause_id_that_is_not_text_is_refused(bad: object) -> None:
    with pytest.raises(ip.PolicyError):
        ip.clause(bad)  # type: ignore[arg-type]


def test_the_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        ip.CLAUSES["§9"] = ip.CLAUSES["§6.3"]  # type: ignore[index]


# ---------------------------------------------------------------------------------------
# Readings


def test_there_are_eleven_readings_numbered_1_to_11() -> None:
    assert list(ip.READINGS) == list(range(1, 12))
    for number, entry in ip.READINGS.items():
        assert ip.reading(number) is entry
        assert entry.number == number
        assert entry.title
        assert entry.text


_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("number", range(1, 12))
def test_each_reading_has_a_chinese_name_and_gloss_citing_the_same_clauses(number: int) -> None:
    entry = ip.reading(number)
    assert _CJK.search(entry.title_zh), entry.title_zh
    assert _CJK.search(entry.text_zh), entry.text_zh
    assert cited_ids(entry.text_zh) == cited_ids(entry.text)


@pytest.mark.parametrize("bad", [0, 12, -1, "1"])
def test_an_unknown_reading_number_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="valid: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11") as caught:
        ip.reading(bad)  # type: ignore[arg-type]
    assert isinstance(caught.value, ip.PolicyError)


def test_only_readings_1_2_and_8_are_switchable() -> None:
    switchable = {n for n, r in ip.READINGS.items() if r.switchable}
    assert switchable == {1, 2, 8}
    for number, entry in ip.READINGS.items():
        assert bool(entry.policy_fields) == entry.switchable, number


@pytest.mark.parametrize(
    ("number", "fields"),
    [
        (1, {"upgrade_reading"}),
        (2, {"city_reading"}),
        (8, {"plan_start", "plan_end"}),
    ],
)
def test_a_switchable_reading_is_switched_by_fields_of_the_policy(
    number: int, fields: set[str]
) -> None:
    entry = ip.reading(number)
    names = set(attrs.fields_dict(ip.Policy))
    assert fields <= set(entry.policy_fields)
    assert set(entry.policy_fields) <= names


# The clauses each reading names in CLAUSES.md. Readings 6 and 8 name whole sections
# ("§4", "§6"), which the catalogue lists clause by clause.
READING_CLAUSES = {
    1: {"§6.3", "§6.4", "§6.7"},
    2: {"§6.5"},
    3: {"§6.6"},
    4: {"§6.6"},
    5: {"§6.3", "§6.4", "§6.6"},
    6: {"§2.2", "§4.1", "§4.2", "§4.3", "§A"},
    8: {"§2.2", "§6.2", "§6.3", "§6.4", "§6.6"},
    9: {"§6.5", "§6.7"},
}


@pytest.mark.parametrize("number", range(1, 10))
def test_each_reading_cites_clauses_of_the_catalogue(number: int) -> None:
    cited = ip.reading(number).clauses
    assert cited
    assert all(c in ip.CLAUSES for c in cited), cited
    assert READING_CLAUSES.get(number, set()) <= set(cited)


# ---------------------------------------------------------------------------------------
# Every clause id the source cites is in the catalogue

_CITATION = re.compile(r"§[0-9A-Z][0-9A-Z.]*")


def cited_ids(text: str) -> list[str]:
    """The clause ids cited in ``text``: ``§6.3.`` is §6.3, ``§4.1–§4.3`` is §4.1 and §4.3."""
    return [match.rstrip(".") for match in _CITATION.findall(text)]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("(§6.3, §6.4)", ["§6.3", "§6.4"]),
        ("§4.1–§4.3", ["§4.1", "§4.3"]),
        ("rounded (§A.T).", ["§A.T"]),
        ("see §6.6.", ["§6.6"]),
        ("§3.0、§4。", ["§3.0", "§4"]),
        ('"§A"', ["§A"]),
        ("no citation", []),
    ],
)
def test_cited_ids_reads_a_citation_as_an_auditor_would(text: str, ids: list[str]) -> None:
    assert cited_ids(text) == ids


def _python_sources(folder: Traversable) -> list[Traversable]:
    """Every ``*.py`` file under ``folder``, sub-packages included."""
    found: list[Traversable] = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found.extend(_python_sources(entry))
        elif entry.name.endswith(".py"):
            found.append(entry)
    return found


def test_every_clause_id_cited_in_the_source_is_in_the_catalogue() -> None:
    sources = sorted(
        _python_sources(importlib.resources.files("innovation_policy")), key=lambda e: e.name
    )
    assert {"_rules.py", "_policy.py", "_money.py"} <= {entry.name for entry in sources}
    unknown = [
        f"{entry.name}:{line_number}: {clause_id}"
        for entry in sources
        for line_number, line in enumerate(entry.read_text("utf-8").splitlines(), 1)
        for clause_id in cited_ids(line)
        if clause_id not in ip.CLAUSES
    ]
    assert unknown == [], "cited ids not in the catalogue:\n" + "\n".join(unknown)
