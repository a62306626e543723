"""Sphinx extension: the pages that are generated from the package itself.

Nothing on these pages is retyped. At ``builder-inited`` the extension writes MyST
Markdown into ``docs/_generated/`` (not versioned; see ``docs/.gitignore``), which the
hand-written pages include:

- ``clauses.md``, from :data:`innovation_policy.CLAUSES`: every clause with its label
  (``clause-6-3``), original text, gloss and kind; the public functions that implement
  it (the traceability registry); the :class:`~innovation_policy.Policy` fields that carry
  its numbers (their ``clauses`` metadata); the tests that check it (the static scan of
  ``@pytest.mark.clause`` markers in ``traceability.py``); the readings that touch it.
- ``readings.md``, from :data:`innovation_policy.READINGS`: every reading (label
  ``reading-1`` …), its clauses, for a switchable reading its policy fields with their
  defaults and alternatives, then the hand-written note ``docs/reading-notes/reading-N.md``
  (why the library reads it so, worked examples). A reading without a note is a warning.
- ``api.md``: every name of ``innovation_policy.__all__``, through autodoc, grouped by
  the private module that defines it.
- ``layout.md``: the package's files as a tree, in the order of the layers, each module
  with its note (:data:`MODULE_NOTES`; a module without one is a warning).
- ``modules.md``: the modules of the package in their layers (:data:`LAYERS`), each with
  the first line of its docstring and what it imports, read from its source. A module
  missing from the layers, or one that imports a module of its own or a higher layer
  when it is imported, is a warning: the design page cannot drift from the code.

It also

- resolves cross-references to the private path of a re-exported name
  (``innovation_policy._rules.Award``, which autodoc writes for type hints) to its public
  documented path (``innovation_policy.Award``), so that nitpicky mode is satisfied for
  real rather than silenced;
- checks, when the build has read everything, that every public name is documented and
  every clause and reading has its label; a failure is a warning, an error under ``-W``;
- provides the ``original-text`` directive: the clause's text, verbatim (no Markdown
  parsing, no smart quotes), in an element marked ``lang="zh-Hans"``; with
  ``:clause: §6.4`` it quotes the catalogue's text itself.
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import os
import re
import sys
import textwrap
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import desc_signature, pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata, stringify_annotation
from sphinx.writers.html5 import HTML5Translator

import innovation_policy as ip
from innovation_policy import _vocabulary
from innovation_policy._clauses import readings_touching

sys.path.insert(0, str(Path(__file__).parent))
import clause_links
import traceability
from layers import LAYERS, layer_problems, scan_modules

__all__ = ["clause_label", "reading_label", "setup", "test_label", "test_page"]

logger = logging.getLogger(__name__)

PACKAGE = "innovation_policy"

#: The order of the API reference's sections: the direction of the arrows of the design,
#: from labels and numbers through rules to results. A module not listed comes after,
#: in alphabetical order, so a new module needs no change here to be documented.
MODULE_ORDER = (
    "_clauses",
    "_labels",
    "_money",
    "_policy",
    "_policy_io",
    "_rules",
    "_explain",
    "_register",
    "_assess",
    "_audit",
    "_compare",
    "_targets",
    "_budget",
    "_forecast",
    "_scenario_files",
    "_documents",
    "_json",
    "_readers",
    "_errors",
    "_trace",
)


#: What each module is for, in a few words, for the package tree of the design page
#: (the module table beside it quotes the docstrings). A module without a note is a
#: warning.
MODULE_NOTES: dict[str, str] = {
    "__init__": "the public API: re-exports and an explicit __all__, nothing else",
    "__main__": "python -m innovation_policy",
    "_errors": "PolicyError and its kinds; InputError and Problem (every problem, located)",
    "_vocabulary": "every word the library writes, zh and en, in tables keyed by code",
    "_labels": "Category, Level, Park, Bureau, Industry, Rating, CoBuilder, Kind and the "
    "reading enums, each with a forgiving parse()",
    "_money": "money(), wan(), round_down(), formatting: Decimal yuan to the fen",
    "_clauses": "the clause catalogue (§0 … §A.T) and the readings",
    "_policy": "Policy and GANYU_2021: every number and switchable reading of the plan",
    "_policy_io": "policy_to_dict, fingerprints, load_policy (JSON, TOML), PolicyTimeline: "
    "policies as data and versions in force from a date",
    "_explain": "Step, and the rendering of steps in Chinese and English",
    "_trace": "the traceability registry: which function implements which clause",
    "_rules": "the single-award rules as tables and small pure functions: classification, "
    "bureaus, matching, the performance grant, entitlements",
    "_register": "Platform, Approval, Review, CaseDecision, Payment, Register (+ checks)",
    "_assess": "settlement over time → Assessment",
    "_targets": "counting and pace → TargetReport",
    "_json": "the register as JSON (read by the records' own checks), schema(), the example register",
    "_audit": "payments against the assessment → findings",
    "_compare": "two assessments of one register → Comparison (reform minus baseline); "
    "the reading sweep → ReadingSweep",
    "_compare_text": "edge: the comparison and the sweep as text (zh, en), JSON and CSV",
    "_documents": "every result as the JSON-ready document of its schema, with provenance",
    "_files": "edge: inputs that must be regular files, --output written atomically and "
    "only over a regular file, control characters escaped for terminals",
    "_readers": "edge: a register from a CSV folder or an xlsx workbook (located errors)",
    "_render": "text: tables aligned by display width (CJK is two columns wide), the target report",
    "_frozen": "FrozenDict: the read-only dict of a result's tables (pandas reads it)",
    "_parse": "parse_money, parse_date: values read exactly from text, never guessed",
    "_provenance": "the policy every output records: its block, fingerprint, header lines",
    "_policy_files": "edge: load_policy, a policy file (JSON, TOML) read from disk",
    "_cli": "edge: the command line, a package: the parser, one module per command, what "
    "they share, the output formats",
    "_budget": "what is owed and unpaid as of a date → Budget (payments matched as the audit "
    "matches them)",
    "_forecast": "committed, expected and ceiling per year and bureau line → Forecast; Scenario",
    "_scenario_files": "edge: a forecast's scenario from a JSON or TOML file (located errors)",
    "_display": "display forms: rates 10%, shares as percentages with one decimal",
    "_xlsx_out": "edge: --format xlsx, one sheet per table, exact amounts, formulas as text",
    "_template": "edge: the register workbook to fill in (drop-down lists, formats)",
    "_frames": "edge: to_frame() and findings_frame(): pandas, exact Decimal or int64 fen",
    "_charts": "edge: plot_money, plot_targets, plot_comparison, plot_forecast "
    "(matplotlib, CJK fonts)",
    "_html": "edge: _repr_html_ for Jupyter, a short Assessment repr",
}

#: The folder of the generated pages of the tests' sources (not versioned).
TEST_PAGES = "test-sources"

#: The width the package tree is wrapped to.
LAYOUT_WIDTH = 90

#: What each folder of the package holds, for the same tree.
FOLDER_NOTES: dict[str, str] = {
    "schemas": "the JSON Schemas of the documents the library reads and writes",
    "data": "the example register",
}


# ---------------------------------------------------------------------------------------
# Labels and links.


def clause_label(clause_id: str, *, zh: bool = False) -> str:
    """The label of a clause's section: ``§6.3`` → ``clause-6-3``, ``§A.T`` → ``clause-a-t``
    (on the Chinese clause page ``clause-zh-6-3``)."""
    return clause_links.clause_label(clause_id, zh=zh)


def test_label(nodeid: str) -> str:
    """The label of a test's source on its test page:
    ``tests/test_rules.py::TestCap::test_it`` → ``test-test-rules-testcap-test-it``."""
    path, _, name = nodeid.partition("::")
    stem = Path(path).stem
    return "test-" + re.sub(r"[^a-z0-9]+", "-", f"{stem} {name}".lower()).strip("-")


def test_page(path: str) -> str:
    """The document of a test file's page: ``tests/test_rules.py`` → ``test-sources/test_rules``."""
    return f"{TEST_PAGES}/{Path(path).stem}"


def reading_label(number: int) -> str:
    """The label of a reading's section: ``reading-1``."""
    return f"reading-{number}"


def clause_ref(clause_id: str) -> str:
    return f"{{ref}}`{clause_id} <{clause_label(clause_id)}>`"


def reading_ref(reading: ip.Reading) -> str:
    return f"{{ref}}`Reading {reading.number}: {reading.title} <{reading_label(reading.number)}>`"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&$#{}])")


def escape(text: str) -> str:
    """Text as literal MyST Markdown: every character that Markdown could read escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


_CLAUSE_ID = re.compile(r"§[0-9A-Z]+(?:\.[0-9A-Z]+)?")
_CLAUSE_RANGE = re.compile(rf"({_CLAUSE_ID.pattern})\s*[–-]\s*({_CLAUSE_ID.pattern})")


def link_clause_ids(markdown: str) -> str:
    """Markdown with every clause id outside code spans turned into a link to its section."""
    pieces = re.split(r"(`[^`]*`)", markdown)
    for i in range(0, len(pieces), 2):
        pieces[i] = _CLAUSE_ID.sub(
            lambda m: clause_ref(m.group()) if m.group() in ip.CLAUSES else m.group(), pieces[i]
        )
    return "".join(pieces)


def cited_ids(text: str) -> list[str]:
    """The clause ids a docstring cites, ranges (``§A.1–§A.4``) and sections (``§4``)
    expanded over the catalogue, in catalogue order."""
    order = list(ip.CLAUSES)
    found: set[str] = set()
    for start, end in _CLAUSE_RANGE.findall(text):
        if start in ip.CLAUSES and end in ip.CLAUSES:
            found.update(order[order.index(start) : order.index(end) + 1])
    for cited in _CLAUSE_ID.findall(text):
        if cited in ip.CLAUSES:
            found.add(cited)
        else:
            found.update(c for c in order if c.startswith(cited + "."))
    return [c for c in order if c in found]


# ---------------------------------------------------------------------------------------
# The public API, as the package defines it.


def public_names() -> list[str]:
    return list(ip.__all__)


def defining_module(name: str) -> types.ModuleType:
    """The private module that defines a public name."""
    obj = getattr(ip, name)
    own = getattr(obj, "__module__", None)
    if not _is_data(obj) and isinstance(own, str) and own.startswith(PACKAGE + "."):
        return sys.modules[own]
    for module_name, module in sorted(sys.modules.items()):
        if (
            module_name.startswith(PACKAGE + ".")
            and name in getattr(module, "__all__", ())
            and getattr(module, name, None) is obj
        ):
            return module
    raise LookupError(f"{PACKAGE}.{name}: no module of the package defines it")


def public_path(target: str) -> str | None:
    """``innovation_policy._rules.Award.explain`` → ``innovation_policy.Award.explain``,
    when ``Award`` is the very object the package re-exports; else ``None``."""
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != PACKAGE or not parts[1].startswith("_"):
        return None
    module = sys.modules.get(".".join(parts[:2]))
    name = parts[2]
    if module is None or name not in ip.__all__:
        return None
    if getattr(module, name, None) is not getattr(ip, name):
        return None
    return ".".join([PACKAGE, *parts[2:]])


def publicise(annotation: str) -> str:
    """An annotation string with every private path of a public name made public."""
    return re.sub(
        rf"\b{PACKAGE}\._\w+\.[\w.]+",
        lambda m: public_path(m.group()) or m.group(),
        annotation,
    )


def api_target(name: str) -> str | None:
    """The documented target of a name recorded in the traceability registry: a public
    name, or a public member of a public class (the registry records ``__name__``)."""
    if name in ip.__all__:
        return f"{PACKAGE}.{name}"
    owners = [
        owner
        for owner in ip.__all__
        if inspect.isclass(getattr(ip, owner)) and name in vars(getattr(ip, owner))
    ]
    return f"{PACKAGE}.{owners[0]}.{name}" if len(owners) == 1 else None


def _is_data(obj: object) -> bool:
    """A constant (``CLAUSES``, ``GANYU_2021``), not a class or a function."""
    return not (inspect.isclass(obj) or callable(obj) or inspect.ismodule(obj))


# ---------------------------------------------------------------------------------------
# The generated pages.


def generate_clauses(scan: traceability.Scan) -> str:
    policy_fields: dict[str, list[str]] = {}
    for field in attrs.fields(ip.Policy):
        for clause_id in field.metadata.get("clauses", ()):
            policy_fields.setdefault(clause_id, []).append(field.name)
    named_by: dict[str, list[str]] = {}
    for name in public_names():
        obj = getattr(ip, name)
        if _is_data(obj):
            continue
        for clause_id in cited_ids(inspect.getdoc(obj) or ""):
            named_by.setdefault(clause_id, []).append(name)

    out = [
        "<!-- Generated by docs/_ext/policy_docs.py from innovation_policy.CLAUSES. -->",
        "",
        "## Overview",
        "",
        "| Clause | Kind | Gloss | Implemented by | Tests |",
        "|---|---|---|---|---|",
    ]
    for clause in ip.CLAUSES.values():
        implemented = ", ".join(_implementation_link(n) for n in ip.implemented_by(clause.id))
        tests = scan.tests_of(clause.id)
        out.append(
            f"| {clause_ref(clause.id)} | {clause.kind.value} | {escape(clause.gloss)} "
            f"| {implemented or '–'} | {len(tests) or '–'} |"
        )
    out.append("")
    for clause in ip.CLAUSES.values():
        out += [
            f"({clause_label(clause.id)})=",
            f"## {clause.id}",
            "",
            "```{original-text}",
            clause.text,
            "```",
            "",
            escape(clause.gloss),
            "",
            f"- **Kind:** {{py:attr}}`{clause.kind.value} "
            f"<{PACKAGE}.ClauseKind.{clause.kind.name}>`",
        ]
        implemented_by = ip.implemented_by(clause.id)
        if implemented_by or clause.kind is ip.ClauseKind.RULE:
            links = ", ".join(_implementation_link(n) for n in implemented_by)
            out.append(f"- **Implemented by:** {links or 'no function is recorded'}")
        if clause.id in policy_fields:
            links = ", ".join(
                f"{{py:attr}}`~{PACKAGE}.Policy.{f}`" for f in policy_fields[clause.id]
            )
            out.append(f"- **Policy fields:** {links}")
        if clause.id in named_by:
            links = ", ".join(f"{{py:obj}}`~{PACKAGE}.{n}`" for n in named_by[clause.id])
            out.append(f"- **Named in the API by:** {links}")
        tests = scan.tests_of(clause.id)
        if tests or clause.kind is ip.ClauseKind.RULE:
            out += list(_tests_list(tests))
        touching = readings_touching(clause.id)
        if touching:
            out.append("- **Readings:** " + ", ".join(reading_ref(r) for r in touching))
        out.append("")
    return "\n".join(out)


def _tests_list(nodeids: tuple[str, ...]) -> Iterator[str]:
    """The tests as a list item, one sub-item per test file."""
    if not nodeids:
        yield "- **Tests:** no test is marked for it"
        return
    yield f"- **Tests** ({len(nodeids)}):"
    yield from _test_links(nodeids)


def _test_links(nodeids: tuple[str, ...]) -> Iterator[str]:
    """Sub-items, one per test file: the file's page, then each test, linked to its lines."""
    by_file: dict[str, list[str]] = {}
    for nodeid in nodeids:
        path = nodeid.partition("::")[0]
        by_file.setdefault(path, []).append(nodeid)
    for path, ids in by_file.items():
        tests = ", ".join(f"{{ref}}`{i.partition('::')[2]} <{test_label(i)}>`" for i in ids)
        yield f"  - {{doc}}`{path} </{test_page(path)}>`: {tests}"


@functools.cache
def _implementation_link(name: str) -> str:
    target = api_target(name)
    if target is None:
        logger.warning(
            "the traceability registry records %r, which is not a documented public name "
            "of %s; the clause page cannot link it",
            name,
            PACKAGE,
            type="policy_docs",
            subtype="registry",
        )
        return f"`{name}`"
    return f"{{py:obj}}`~{target}`"


def _show_default(value: object) -> str:
    if isinstance(value, enum.Enum):
        cls = type(value).__name__
        return f"{{py:attr}}`{cls}.{value.name} <{PACKAGE}.{cls}.{value.name}>`"
    if isinstance(value, Mapping):
        if not value:
            return "empty"
        return "`" + ", ".join(f"{k!r}: {v}" for k, v in value.items()) + "`"
    if hasattr(value, "isoformat"):
        return f"`{value.isoformat()}`"
    return f"`{value!r}`"


def generate_readings(notes_dir: Path, srcdir: Path) -> str:
    out = ["<!-- Generated by docs/_ext/policy_docs.py from innovation_policy.READINGS. -->", ""]
    for reading in ip.READINGS.values():
        out += [
            f"({reading_label(reading.number)})=",
            f"## Reading {reading.number}: {escape(reading.title)}（{escape(reading.title_zh)}）",
            "",
            "- **Clauses:** " + ", ".join(clause_ref(c) for c in reading.clauses),
        ]
        if reading.switchable:
            out.append(
                "- **Switchable**, by the policy "
                + ("fields" if len(reading.policy_fields) > 1 else "field")
                + ":"
            )
            for name in reading.policy_fields:
                default = getattr(ip.GANYU_2021, name)
                line = (
                    f"  - {{py:attr}}`Policy.{name} <{PACKAGE}.Policy.{name}>` — default "
                    f"(as in {{py:data}}`~{PACKAGE}.GANYU_2021`): {_show_default(default)}"
                )
                if isinstance(default, enum.Enum):
                    others = [_show_default(m) for m in type(default) if m is not default]
                    line += "; " + ("alternative" if len(others) == 1 else "alternatives")
                    line += ": " + ", ".join(others)
                out.append(line)
        else:
            out.append("- **Fixed**: the library applies it as written here.")
        out += ["", link_clause_ids(reading.text), ""]
        out += ["```{zh}", f"**解读{reading.number}：{reading.title_zh}**", "", reading.text_zh]
        out += ["```", ""]
        out += reading_sweep_table(reading)
        note = notes_dir / f"reading-{reading.number}.md"
        if note.is_file():
            out += ["```{include} /" + note.relative_to(srcdir).as_posix(), "```", ""]
        else:
            logger.warning(
                "reading %d has no note %s: write why the library reads it so",
                reading.number,
                note,
                type="policy_docs",
                subtype="readings",
            )
    return "\n".join(out)


@functools.cache
def _example_sweep() -> ip.ReadingSweep:
    return ip.compare_readings(ip.example_register())


def reading_sweep_table(reading: ip.Reading) -> list[str]:
    """What switching a switchable reading costs on the example register, as a table:
    for readings 1 and 2 (the upgrade and the city readings), each value with the other
    reading at its default, computed when the docs are built (``compare_readings``); after
    reading 2, every combination of the two. Other readings add nothing."""
    if reading.number not in (1, 2):
        return []
    sweep = _example_sweep()
    default = sweep.default
    if reading.number == 1:
        rows = [r for r in sweep.rows if r.city_reading is default.city_reading]
        value_of = lambda r: r.upgrade_reading  # noqa: E731
    else:
        rows = [r for r in sweep.rows if r.upgrade_reading is default.upgrade_reading]
        value_of = lambda r: r.city_reading  # noqa: E731
    out = [
        f"What it costs on the example register (20 platforms; computed when these pages "
        f"were built with `compare_readings`; district total under the default "
        f"{ip.format_yuan(default.total)} yuan):",
        "",
        "| value | 取值 | district total (yuan) | difference from the default (yuan) |",
        "|---|---|--:|--:|",
    ]
    for row in rows:
        value = value_of(row)
        mark = " (default)" if row.is_default else ""
        out.append(
            f"| `{value.value}`{mark} | {value.label('zh')} | {ip.format_yuan(row.total)} "
            f"| {ip.format_yuan(row.delta)} |"
        )
    if reading.number == 2:
        out += [
            "",
            "Every combination of the two switchable readings (reading 1 × reading 2):",
            "",
            "| upgrade (reading 1) | city (reading 2) | district total (yuan) | by formula (yuan) "
            "| difference from the default (yuan) |",
            "|---|---|--:|--:|--:|",
        ]
        out += [
            f"| `{r.upgrade_reading.value}` | `{r.city_reading.value}` "
            f"| {ip.format_yuan(r.total)} | {ip.format_yuan(r.formula)} "
            f"| {ip.format_yuan(r.delta)} |"
            for r in sweep.rows
        ]
    return [*out, ""]


def generate_clauses_zh(scan: traceability.Scan) -> str:
    """The clause page in Chinese: every clause, its original text, kind, code, Policy
    fields, tests, and the readings that touch it with their Chinese gloss."""
    policy_fields: dict[str, list[str]] = {}
    for field in attrs.fields(ip.Policy):
        for clause_id in field.metadata.get("clauses", ()):
            policy_fields.setdefault(clause_id, []).append(field.name)
    out = [
        "<!-- Generated by docs/_ext/policy_docs.py from innovation_policy.CLAUSES. -->",
        "",
        "## 总览",
        "",
        "| 条款 | 类型 | 实现 | 测试 |",
        "|---|---|---|---|",
    ]
    for clause in ip.CLAUSES.values():
        implemented = ", ".join(_implementation_link(n) for n in ip.implemented_by(clause.id))
        tests = scan.tests_of(clause.id)
        out.append(
            f"| {{ref}}`{clause.id} <{clause_label(clause.id, zh=True)}>` "
            f"| {CLAUSE_KINDS_ZH[clause.kind]} | {implemented or '无'} | {len(tests) or '无'} |"
        )
    out.append("")
    for clause in ip.CLAUSES.values():
        out += [
            f"({clause_label(clause.id, zh=True)})=",
            f"## {clause.id}",
            "",
            "```{original-text}",
            f":clause: {clause.id}",
            "```",
            "",
            "```{zh}",
            f"- **类型：** {CLAUSE_KINDS_ZH[clause.kind]}",
        ]
        implemented_by = ip.implemented_by(clause.id)
        if implemented_by or clause.kind is ip.ClauseKind.RULE:
            links = ", ".join(_implementation_link(n) for n in implemented_by)
            out.append(f"- **实现：** {links or '尚无记录的函数'}")
        if clause.id in policy_fields:
            links = ", ".join(
                f"{{py:attr}}`~{PACKAGE}.Policy.{f}`" for f in policy_fields[clause.id]
            )
            out.append(f"- **政策参数：** {links}")
        tests = scan.tests_of(clause.id)
        if tests:
            out.append(f"- **测试**（{len(tests)} 项）：")
            out += list(_test_links(tests))
        elif clause.kind is ip.ClauseKind.RULE:
            out.append("- **测试：** 尚无标注该条款的测试")
        for r in readings_touching(clause.id):
            out.append(
                f"- **{{ref}}`解读{r.number}：{escape(r.title_zh)} <{reading_label(r.number)}>`**"
            )
            out.append(f"  ：{r.text_zh}")
        out += ["```", ""]
    return "\n".join(out)


#: The kinds of clause in Chinese, as the vocabulary (and so the command line) names them.
CLAUSE_KINDS_ZH: dict[ip.ClauseKind, str] = {
    kind: _vocabulary.LABELS[f"ClauseKind.{kind.name}"][0] for kind in ip.ClauseKind
}


def generate_test_pages(scan: traceability.Scan, tests_dir: Path, srcdir: Path) -> dict[str, str]:
    """One page per test file that checks a clause: each marked test, its clauses, and
    its source lines (decorators included), numbered as in the file."""
    by_file: dict[Path, list[traceability.MarkedTest]] = {}
    for test in scan.tests:
        if test.clauses:
            by_file.setdefault(test.path, []).append(test)
    root = tests_dir.parent
    pages: dict[str, str] = {}
    for path, tests in sorted(by_file.items()):
        source = root / path
        spans = _function_spans(source)
        include = "/" + Path(os.path.relpath(source, srcdir)).as_posix()
        out = [
            f"<!-- Generated by docs/_ext/policy_docs.py from {path.as_posix()}. -->",
            "",
            f"# `{path.as_posix()}`",
            "",
            f"The tests of `{path.as_posix()}` that check a clause of the policy "
            "(`@pytest.mark.clause`), each with its source as the file has it when the "
            "documentation is built, numbered as in the file. Run one with "
            '`pytest "<its name>"`.',
            "",
        ]
        for test in sorted(tests, key=lambda t: t.line):
            start, end = spans[test.line]
            name = test.nodeid.partition("::")[2]
            out += [
                f"({test_label(test.nodeid)})=",
                f"## `{name}`",
                "",
                f'Checks {", ".join(test.clauses)}. Lines {start}–{end}; `pytest "{test.nodeid}"`.',
                "",
                f"```{{literalinclude}} {include}",
                ":language: python",
                f":lines: {start}-{end}",
                f":lineno-start: {start}",
                "```",
                "",
            ]
        pages[path.stem] = "\n".join(out)
    return pages


def _function_spans(path: Path) -> dict[int, tuple[int, int]]:
    """Every function of a file by the line of its ``def``: its first line (its first
    decorator's) and its last."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    spans = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            spans[node.lineno] = (first, node.end_lineno or node.lineno)
    return spans


def generate_api() -> str:
    by_module: dict[str, list[str]] = {}
    for name in public_names():
        by_module.setdefault(defining_module(name).__name__, []).append(name)
    order = {f"{PACKAGE}.{m}": i for i, m in enumerate(MODULE_ORDER)}
    out = [
        f"<!-- Generated by docs/_ext/policy_docs.py from {PACKAGE}.__all__. -->",
        "",
        "```{eval-rst}",
        f".. automodule:: {PACKAGE}",
        "```",
        "",
    ]
    for module_name in sorted(by_module, key=lambda m: (order.get(m, len(order)), m)):
        module = sys.modules[module_name]
        analyzer = ModuleAnalyzer.for_module(module_name)
        analyzer.analyze()
        names = sorted(by_module[module_name], key=lambda n: analyzer.tagorder.get(n, 10**6))
        out += [f"## {_section_title(module)}", ""]
        for name in names:
            out += list(_api_entry(name, module, analyzer))
    return "\n".join(out)


def _section_title(module: types.ModuleType) -> str:
    """The section of a module: its docstring's first line, up to a colon or full stop."""
    first = (inspect.getdoc(module) or module.__name__).splitlines()[0]
    return escape(re.split(r"[:.]", first, maxsplit=1)[0].strip())


#: A class's public members, with or without a docstring: an enum's members and an attrs
#: class's fields are its API even where the source gives them no docstring.
_MEMBERS = ("   :members:", "   :undoc-members:")


def _api_entry(name: str, module: types.ModuleType, analyzer: ModuleAnalyzer) -> Iterator[str]:
    """One public name as reST for autodoc (autodoc writes reST, so MyST evaluates it)."""
    obj = getattr(ip, name)
    full = f"{PACKAGE}.{name}"
    yield "```{eval-rst}"
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        yield from (f".. autoexception:: {full}", "   :members:", "   :show-inheritance:")
    elif inspect.isclass(obj) and issubclass(obj, enum.Enum):
        # The shared methods (parse, choices, label, ...) come from a private base class;
        # each enum shows them as its own, and nothing of enum.Enum itself.
        yield from (f".. autoclass:: {full}", *_MEMBERS, "   :inherited-members: Enum")
    elif inspect.isclass(obj):
        yield from (f".. autoclass:: {full}", *_MEMBERS)
    elif callable(obj):
        yield f".. autofunction:: {full}"
    else:
        annotation = typing.get_type_hints(module).get(name, type(obj))
        doc = analyzer.find_attr_docs().get(("", name))
        if not doc:
            logger.warning(
                "%s has no docstring in %s",
                full,
                module.__name__,
                type="policy_docs",
                subtype="api",
            )
        yield from (
            f".. py:data:: {name}",
            f"   :module: {PACKAGE}",
            f"   :type: {publicise(stringify_annotation(annotation))}",
        )
        yield ""
        yield from (f"   {line}".rstrip() for line in doc or [])
    yield from ("```", "")


_RST_LITERAL = re.compile(r"``(.+?)``")
_RST_ROLE = re.compile(r":[\w:]+:`(~?)([^`<]+?)(?:\s*<[^`]*>)?`")


def rst_to_markdown(text: str) -> str:
    """A line of a reST docstring as MyST Markdown: literals and roles as code spans, the
    rest escaped (``:class:`~decimal.Decimal``` → `` `Decimal` ``)."""

    def role(match: re.Match[str]) -> str:
        target = match.group(2)
        return f"``{target.rsplit('.', 1)[-1] if match.group(1) else target}``"

    text = _RST_ROLE.sub(role, text)
    pieces = _RST_LITERAL.split(text)
    return "".join(f"`{piece}`" if i % 2 else escape(piece) for i, piece in enumerate(pieces))


def _module_list(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "–"


def generate_layout(package_dir: Path) -> str:
    """The package as a tree: its modules in the order of :data:`LAYERS`, each with its
    note, then its folders with the files in them."""
    modules = {path.stem for path in package_dir.glob("*.py")}
    for name in sorted(modules - set(MODULE_NOTES)):
        logger.warning(
            "module %s has no note in MODULE_NOTES (docs/_ext/policy_docs.py)",
            name,
            type="policy_docs",
            subtype="design",
        )
    ordered = [m for _, names in reversed(LAYERS) for m in names if m in modules]
    ordered += sorted(modules - set(ordered))
    rows = [(f"{m}.py", MODULE_NOTES.get(m, "")) for m in ordered]
    for folder in sorted(p for p in package_dir.iterdir() if p.is_dir()):
        files = sorted(f.name for f in folder.iterdir() if f.is_file())
        if folder.name == "__pycache__" or not files:
            continue
        rows.append((f"{folder.name}/", FOLDER_NOTES.get(folder.name, "")))
        rows += [(f"  {f}", "") for f in files]
    rows += [(f.name, "") for f in sorted(package_dir.iterdir()) if f.suffix == ".typed"]
    width = max(len(name) for name, note in rows if note) + 2
    out = [
        f"<!-- Generated by docs/_ext/policy_docs.py from the files of {PACKAGE}. -->",
        "",
        "```text",
        f"src/{PACKAGE}/",
    ]
    for name, note in rows:
        lines = textwrap.wrap(note, LAYOUT_WIDTH - width - 2) or [""]
        out.append(f"  {name:<{width}}{lines[0]}".rstrip())
        out += [f"  {'':<{width}}{line}" for line in lines[1:]]
    out += ["```", ""]
    return "\n".join(out)


def generate_modules(package_dir: Path) -> str:
    modules = scan_modules(package_dir)
    for problem in layer_problems(modules):
        logger.warning(
            "the design's layers disagree with the code: %s",
            problem,
            type="policy_docs",
            subtype="design",
        )
    by_name = {m.name: m for m in modules}
    out = [
        f"<!-- Generated by docs/_ext/policy_docs.py from the source of {PACKAGE}. -->",
        "",
        "```text",
    ]
    width = max(len(", ".join(names)) for _, names in LAYERS)
    for n, (purpose, names) in reversed(list(enumerate(LAYERS, 1))):
        out.append(f"{n}  {', '.join(names):<{width}}  {purpose}")
    out += [
        "```",
        "",
        "| Layer | Module | What it is | Imports of the package, when imported "
        "| Deferred to a call | For type checking only | Outside the standard library |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, (_, names) in enumerate(LAYERS, 1):
        for name in names:
            module = by_name.get(name)
            if module is None:
                continue
            third = [f"`{m}`" for m in module.third_party]
            third += [f"`{m}` (deferred)" for m in module.third_party_deferred]
            out.append(
                f"| {n} | `{name}` | {rst_to_markdown(module.summary)} "
                f"| {_module_list(module.eager)} | {_module_list(module.deferred)} "
                f"| {_module_list(module.typing_only)} | {', '.join(third) or '–'} |"
            )
    out.append("")
    return "\n".join(out)


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (so Sphinx rereads only on change)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def generate_pages(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    confdir = Path(app.confdir)
    generated = srcdir / app.config.policy_docs_generated
    tests_dir = (confdir / app.config.policy_docs_tests_dir).resolve()
    notes_dir = srcdir / app.config.policy_docs_reading_notes
    scan = traceability.scan(tests_dir)
    write_if_changed(generated / "clauses.md", generate_clauses(scan))
    write_if_changed(generated / "readings.md", generate_readings(notes_dir, srcdir))
    write_if_changed(generated / "clauses-zh.md", generate_clauses_zh(scan))
    pages = generate_test_pages(scan, tests_dir, srcdir)
    test_dir = srcdir / TEST_PAGES
    for stale in test_dir.glob("*.md") if test_dir.is_dir() else ():
        if stale.stem not in pages:
            stale.unlink()
    for stem, text in pages.items():
        write_if_changed(test_dir / f"{stem}.md", text)
    write_if_changed(generated / "api.md", generate_api())
    package_dir = Path(ip.__file__).parent
    write_if_changed(generated / "layout.md", generate_layout(package_dir))
    write_if_changed(generated / "modules.md", generate_modules(package_dir))


# ---------------------------------------------------------------------------------------
# Cross-references and checks.


def resolve_reexport(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve a reference that autodoc wrote in terms of the package's private modules.

    ``innovation_policy._rules.Award`` (a type hint) resolves to the documented
    ``innovation_policy.Award``. A bare name that autodoc could not qualify (``Decimal`` in
    the signature of a NamedTuple, whose generated ``__new__`` cannot evaluate the string
    annotations of its module) is looked up, as Python would, in the module that defines
    the documented object, and then treated as its qualified name.
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    qualified = public_path(target) or _qualify_in_defining_module(node, target)
    if qualified is None:
        return None
    if _ignored(app, node["reftype"], qualified):
        return contnode
    domain = env.get_domain("py")
    resolved = domain.resolve_xref(
        env, node.get("refdoc", ""), app.builder, node["reftype"], qualified, node, contnode
    )
    return typing.cast("nodes.Element | None", resolved)


def _ignored(app: Sphinx, reftype: str, target: str) -> bool:
    """Whether ``nitpick_ignore`` lists the target (as the role's type, or as a class)."""
    ignored = {tuple(entry) for entry in app.config.nitpick_ignore}
    return (f"py:{reftype}", target) in ignored or ("py:class", target) in ignored


def _qualify_in_defining_module(node: pending_xref, target: str) -> str | None:
    if not target.isidentifier():
        return None
    signature = node.parent
    while signature is not None and not isinstance(signature, desc_signature):
        signature = signature.parent
    if signature is None or signature.get("module") != PACKAGE:
        return None
    owner = getattr(ip, str(signature.get("fullname", "")).split(".")[0], None)
    module = sys.modules.get(getattr(owner, "__module__", None) or "")
    value = getattr(module, target, None) if module is not None else None
    if not inspect.isclass(value):
        return None
    qualified = f"{value.__module__}.{value.__qualname__}"
    return public_path(qualified) or qualified


def check_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Every public name documented; every clause and reading labelled."""
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    for name in public_names():
        if f"{PACKAGE}.{name}" not in objects:
            logger.warning(
                "%s.%s is public (in __all__) but is not documented in the API reference",
                PACKAGE,
                name,
                type="policy_docs",
                subtype="api",
            )
    labels = env.get_domain("std").labels  # type: ignore[attr-defined]
    wanted = [clause_label(c) for c in ip.CLAUSES] + [reading_label(n) for n in ip.READINGS]
    for label in wanted:
        if label not in labels:
            logger.warning("no section is labelled %r", label, type="policy_docs", subtype="labels")


# ---------------------------------------------------------------------------------------
# Napoleon and attribute docstrings.
#
# Napoleon reads the first line of the docstring of an attribute, a property or a module
# constant as "type: description" whenever it holds a colon. The package's docstrings are
# reST in the house style "Matching ratio for a national approval: 1 for 1:1 (§6.3).",
# and the types come from the annotations, so napoleon would turn every such summary into
# a bogus type (and a nitpicky warning). For those objects its rewrite is undone; for
# functions, classes and modules napoleon works as usual.

_ATTRIBUTE_LIKE = frozenset({"attribute", "property", "data"})
_ORIGINAL_DOCSTRINGS: dict[tuple[str, str], list[str]] = {}


def keep_attribute_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Before napoleon: remember an attribute's docstring as written."""
    if what in _ATTRIBUTE_LIKE:
        _ORIGINAL_DOCSTRINGS[what, name] = list(lines)


def restore_attribute_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """After napoleon: put the attribute's docstring back as written."""
    original = _ORIGINAL_DOCSTRINGS.pop((what, name), None)
    if original is not None:
        lines[:] = original


# ---------------------------------------------------------------------------------------
# The original text of a clause.


class OriginalText(nodes.block_quote):
    """A clause's original Chinese text (a block quote elsewhere than in HTML)."""


class OriginalTextDirective(SphinxDirective):
    """``original-text``: its content, verbatim, as one paragraph in ``lang``.

    With ``:clause: §6.4`` and no content, the text is the clause's, from the catalogue, so
    a page that quotes a clause cannot misquote it; with content too, the content must be
    the clause's text (a warning otherwise).
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "lang": directives.unchanged,
        "clause": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content)
        clause_id = self.options.get("clause")
        if clause_id is not None:
            if clause_id not in ip.CLAUSES:
                logger.warning(
                    "original-text: %r is not a clause id",
                    clause_id,
                    location=self.get_location(),
                    type="policy_docs",
                    subtype="quote",
                )
            elif not text:
                text = ip.CLAUSES[clause_id].text
            elif text != ip.CLAUSES[clause_id].text:
                logger.warning(
                    "original-text: the text quoted differs from %s in the catalogue",
                    clause_id,
                    location=self.get_location(),
                    type="policy_docs",
                    subtype="quote",
                )
        node = OriginalText(lang=self.options.get("lang", "zh-Hans"), classes=["original-text"])
        node += nodes.paragraph(text, text)
        self.set_source_info(node)
        return [node]


def visit_original_text(translator: HTML5Translator, node: OriginalText) -> None:
    translator.body.append(translator.starttag(node, "blockquote", "", lang=node["lang"]))


def depart_original_text(translator: HTML5Translator, node: OriginalText) -> None:
    translator.body.append("</blockquote>\n")


class ZhText(nodes.container):
    """Text in Chinese: a ``div`` marked ``lang="zh-Hans"``."""


class ZhDirective(SphinxDirective):
    """``zh``: its content, parsed as the page is (MyST), in a block marked Chinese."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = ZhText(classes=["zh-text"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


def visit_zh_text(translator: HTML5Translator, node: ZhText) -> None:
    translator.body.append(translator.starttag(node, "div", "", lang="zh-Hans"))


def depart_zh_text(translator: HTML5Translator, node: ZhText) -> None:
    translator.body.append("</div>\n")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("policy_docs_generated", "_generated", "env", types=frozenset({str}))
    app.add_config_value("policy_docs_tests_dir", "../tests", "env", types=frozenset({str}))
    app.add_config_value(
        "policy_docs_reading_notes", "reading-notes", "env", types=frozenset({str})
    )
    app.add_node(OriginalText, html=(visit_original_text, depart_original_text))
    app.add_directive("original-text", OriginalTextDirective)
    app.add_node(ZhText, html=(visit_zh_text, depart_zh_text))
    app.add_directive("zh", ZhDirective)
    app.connect("builder-inited", generate_pages)
    # napoleon handles autodoc-process-docstring at the default priority, 500.
    app.connect("autodoc-process-docstring", keep_attribute_docstring, priority=400)
    app.connect("autodoc-process-docstring", restore_attribute_docstring, priority=600)
    app.connect("missing-reference", resolve_reexport)
    app.connect("env-check-consistency", check_documented)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
