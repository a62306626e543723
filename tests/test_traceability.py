"""Traceability: every rule of the policy is implemented and tested, and the data agree.

- every ``rule`` clause has a public function recorded as implementing it
  (``ip.implementations()``), and every recorded name is documented public API;
- every ``rule`` clause has a test marked ``@pytest.mark.clause`` for it, and every
  marker names a clause of the catalogue and can be read statically — as seen by the one
  scanner, ``docs/_ext/traceability.py``, which also writes the tests of each clause on
  the documentation's clause page;
- the ``data`` clauses' tables, read from the clause texts of ``ip.CLAUSES``, agree with
  the labels and with ``GANYU_2021``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

import innovation_policy as ip
from innovation_policy import GANYU_2021, Category, CoBuilder, Industry, Park
from tests import docs_ext

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"

RULES = [c.id for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE]

# The registry fills as the package's modules are imported: import them all, so that
# what these tests see does not depend on which other tests ran first.
# (Not __main__, which runs the command line.)
for _module in pkgutil.iter_modules(ip.__path__, prefix=f"{ip.__name__}."):
    if not _module.name.endswith(".__main__"):
        importlib.import_module(_module.name)


traceability = docs_ext.load("traceability")


@pytest.fixture(scope="module")
def scan() -> Any:
    return traceability.scan(TESTS)


def _text(clause_id: str) -> str:
    return ip.CLAUSES[clause_id].text


# ---------------------------------------------------------------------------------------
# (a) every rule is implemented


def test_every_rule_clause_has_an_implementing_function() -> None:
    missing = [c for c in RULES if not ip.implemented_by(c)]
    assert not missing, (
        f"rule clauses with no implementing function in the registry: {', '.join(missing)} "
        "(record one with implements(function, clause_id) beside the function)"
    )


def test_every_recorded_implementation_is_documented_public_api() -> None:
    # The clause page links each name; a private or ambiguous name cannot be linked.
    def public(name: str) -> bool:
        if name in ip.__all__:
            return True
        owners = [
            n
            for n in ip.__all__
            if inspect.isclass(getattr(ip, n)) and name in vars(getattr(ip, n))
        ]
        return len(owners) == 1

    unknown = sorted(name for name in ip.implementations() if not public(name))
    assert not unknown, f"recorded names that are not public API: {', '.join(unknown)}"


def test_every_recorded_clause_id_is_in_the_catalogue() -> None:
    recorded = {c for ids in ip.implementations().values() for c in ids}
    assert recorded <= set(ip.CLAUSES)


# ---------------------------------------------------------------------------------------
# (b), (c) every rule is tested; every marker is a clause and can be read


def test_every_rule_clause_has_a_marked_test(scan: Any) -> None:
    missing = [c for c in RULES if not scan.tests_of(c)]
    assert not missing, (
        f"rule clauses with no test marked @pytest.mark.clause for them: {', '.join(missing)}"
    )


def test_every_clause_marker_names_a_clause_of_the_catalogue(scan: Any) -> None:
    unknown = [f"{m.path}:{m.line}: {m.clause}" for m in scan.unknown(ip.CLAUSES)]
    assert not unknown, "clause markers naming no clause of the catalogue:\n" + "\n".join(unknown)


def test_every_clause_marker_can_be_read_statically(scan: Any) -> None:
    problems = [str(p) for p in scan.problems]
    assert not problems, "clause markers the scanner cannot read:\n" + "\n".join(problems)


def test_the_scanner_sees_the_marks_of_this_module(scan: Any) -> None:
    nodeid = "tests/test_traceability.py::test_annex_park_lines_are_the_park_targets"
    assert nodeid in scan.tests_of("§A.1")
    assert nodeid in scan.tests_of("§A.4")


# ---------------------------------------------------------------------------------------
# The scanner itself, on small modules


def _scan_source(source: str) -> Any:
    return traceability.scan_source(source, Path("tests/test_x.py"), "tests/test_x.py")


def test_scanner_reads_function_class_and_module_marks() -> None:
    result = _scan_source(
        "import pytest\n"
        "from pytest import mark\n"
        'pytestmark = [pytest.mark.slow, pytest.mark.clause("§0")]\n'
        '@pytest.mark.clause("§6.3", "§6.4")\n'
        "def test_a(): ...\n"
        '@mark.clause("§6.6")\n'
        "class TestB:\n"
        '    pytestmark = pytest.mark.clause("§6.7")\n'
        '    @pytest.mark.clause("§6.5")\n'
        "    def test_c(self): ...\n"
        "    def helper(self): ...\n"
        "def helper(): ...\n"
    )
    assert {t.nodeid: t.clauses for t in result.tests} == {
        "tests/test_x.py::test_a": ("§0", "§6.3", "§6.4"),
        "tests/test_x.py::TestB::test_c": ("§0", "§6.6", "§6.7", "§6.5"),
    }
    assert not result.problems


def test_scanner_reads_named_marks_aliases_and_parametrized_cases() -> None:
    result = _scan_source(
        "import pytest\n"
        "clause = pytest.mark.clause\n"
        'NATIONAL = pytest.mark.clause("§6.3")\n'
        "@NATIONAL\n"
        "def test_a(): ...\n"
        '@clause("§6.4")\n'
        "def test_b(): ...\n"
        '@pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.clause("§6.6"))])\n'
        "def test_c(x): ...\n"
    )
    assert {t.nodeid: t.clauses for t in result.tests} == {
        "tests/test_x.py::test_a": ("§6.3",),
        "tests/test_x.py::test_b": ("§6.4",),
        "tests/test_x.py::test_c": ("§6.6",),
    }
    assert not result.problems


def test_scanner_reports_what_it_cannot_read() -> None:
    result = _scan_source(
        "import pytest\n"
        "IDS = ('§6.3',)\n"
        "@pytest.mark.clause(*IDS)\n"
        "def test_a(): ...\n"
        '@pytest.mark.clause("§6.4")\n'
        "def check_b(): ...\n"
        '@pytest.mark.clause("§9.9")\n'
        "def test_c(): ...\n"
    )
    assert [p.line for p in result.problems] == [3, 5]
    assert "string literal" in result.problems[0].message
    assert "no collected test" in result.problems[1].message
    assert [m.clause for m in result.unknown(ip.CLAUSES)] == ["§9.9"]


# ---------------------------------------------------------------------------------------
# (d) the data clauses agree with the labels and with GANYU_2021


def _annex_line(clause_id: str) -> tuple[str, int, int]:
    """An annex line as (building body, new over the plan, new in the first year).

    ``赣榆经济开发区：“十四五”期间新建 3，2021年新建 1`` and ``赣榆海洋经济开发区：3，1``
    both read as the body and two counts; a year written ``2021年`` is checked against
    the plan's first year, not counted.
    """
    body, _, rest = _text(clause_id).partition("：")
    for year in re.findall(r"(\d{4})年", rest):
        assert int(year) == GANYU_2021.first_year, f"{clause_id}: year {year}"
    counts = [int(n) for n in re.findall(r"\d+", re.sub(r"\d{4}年", "", rest))]
    assert len(counts) == 2, f"{clause_id}: expected two counts in {rest!r}"
    return body, counts[0], counts[1]


PARK_LINES = ("§A.1", "§A.2", "§A.3", "§A.4")


@pytest.mark.clause("§A.1", "§A.2", "§A.3", "§A.4")
def test_annex_park_lines_are_the_park_targets() -> None:
    lines = [_annex_line(c) for c in PARK_LINES]
    assert [body for body, _, _ in lines] == [p.value for p in Park]
    assert {Park(body): whole for body, whole, _ in lines} == dict(GANYU_2021.park_targets)
    assert {Park(body): first for body, _, first in lines} == dict(
        GANYU_2021.park_first_year_targets
    )


@pytest.mark.clause("§A.T")
def test_annex_total_is_the_annex_targets_and_the_sum_of_the_park_lines() -> None:
    label, whole, first = _annex_line("§A.T")
    assert label == "合计"
    assert (whole, first) == (GANYU_2021.annex_target, GANYU_2021.annex_first_year_target)
    lines = [_annex_line(c) for c in PARK_LINES]
    assert whole == sum(n for _, n, _ in lines)
    assert first == sum(n for _, _, n in lines)


def _listed(text: str, before: str, after: str) -> list[str]:
    """The items of the list written between ``before`` and ``after``, split on 、 and 和."""
    match = re.search(re.escape(before) + "(.+?)" + re.escape(after), text)
    assert match, f"no list between {before!r} and {after!r} in {text!r}"
    return re.split("、|和", match.group(1))


@pytest.mark.clause("§2.1")
def test_the_parks_and_industries_of_the_text_are_the_labels() -> None:
    text = _text("§2.1")
    assert _listed(text, "以", "为建设主体") == [p.value for p in Park]
    industries = [i.value for i in Industry if i is not Industry.OTHER]
    assert _listed(text, "围绕", "等主导及特色产业") == industries
    for name in [p.value for p in Park] + industries:
        assert name in text


@pytest.mark.parametrize(
    ("clause_id", "category"),
    [
        pytest.param(
            "§3.1", Category.TECHNOLOGY_INNOVATION_CENTER, marks=pytest.mark.clause("§3.1")
        ),
        pytest.param(
            "§3.2", Category.INDUSTRIAL_INNOVATION_CENTER, marks=pytest.mark.clause("§3.2")
        ),
        pytest.param(
            "§3.3", Category.MANUFACTURING_INNOVATION_CENTER, marks=pytest.mark.clause("§3.3")
        ),
        pytest.param("§3.4", Category.PUBLIC_SERVICE_PLATFORM, marks=pytest.mark.clause("§3.4")),
        pytest.param("§3.5", Category.NEW_RD_INSTITUTION, marks=pytest.mark.clause("§3.5")),
        pytest.param("§3.6", Category.PROFESSIONAL_INSTITUTE, marks=pytest.mark.clause("§3.6")),
    ],
)
def test_each_category_clause_names_its_category(clause_id: str, category: Category) -> None:
    # （一）技术创新中心（国家级、省级）：… — the name after the numeral, before （ or ：
    match = re.match(r"（[一二三四五六]）([^（：]+)", _text(clause_id))
    assert match, f"{clause_id}: no category name at the start of the text"
    assert match.group(1) == category.value


@pytest.mark.clause("§3.6")
def test_the_co_builders_of_a_professional_institute_are_the_labels() -> None:
    assert _listed(_text("§3.6"), "由", "四方合作共建") == [b.value for b in CoBuilder]


# §3.0, §2.2 and §4 are rules: these two tests check only the names and numbers that the
# library carries for them, not the rules, so they are deliberately not marked with those
# ids (a marker says "this test checks the rule").


def test_the_six_categories_of_section_3_0_are_the_labels() -> None:
    categories = _listed(_text("§3.0"), "分为", "6大类")
    assert categories == [c.value for c in Category]


def test_the_targets_of_section_2_2_and_4_are_the_policy_targets() -> None:
    def at_least(clause_id: str) -> int:
        (number,) = re.findall(r"不少于(\d+)个", _text(clause_id))
        return int(number)

    assert at_least("§2.2") == GANYU_2021.district_target
    by_bureau = {
        bureau: at_least(clause_id)
        for clause_id in ("§4.1", "§4.2", "§4.3")
        for bureau in ip.Bureau
        if _text(clause_id).startswith(bureau.value)
    }
    assert by_bureau == dict(GANYU_2021.bureau_targets)
