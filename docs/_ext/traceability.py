"""Which tests check which clauses: a static scan of ``@pytest.mark.clause`` markers.

One scanner, two users: the docs' clause page lists the tests of every clause, and
``tests/test_traceability.py`` fails when a ``rule`` clause has none or a marker names
an id that is not a clause. It needs only the standard library: it reads the test files
with :mod:`ast` and imports nothing from them, so it sees exactly what is written.

A test carries a clause when pytest would give it the marker:

- a decorator on the test function (``@pytest.mark.clause("§6.3", "§6.4")``), including
  marks inside its other decorators (``pytest.param(..., marks=pytest.mark.clause(...))``
  in a ``parametrize``);
- a decorator on its ``Test*`` class, or the class's ``pytestmark``;
- the module's ``pytestmark = pytest.mark.clause(...)`` (or a list or tuple of marks).

``from pytest import mark`` (``@mark.clause(...)``), a module-level alias of the factory
(``clause = pytest.mark.clause``) and a module-level named mark
(``NATIONAL = pytest.mark.clause("§6.3")``, then ``@NATIONAL``) are understood too.
Anything the scanner cannot read for sure (an id that is not a string literal, a marker
that no collected test carries) is reported as a problem rather than guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

__all__ = ["MarkedTest", "Marker", "Problem", "Scan", "scan", "scan_source"]

#: pytest's default collection patterns (``python_files``, ``python_classes``,
#: ``python_functions``); the project does not change them.
TEST_FILE_GLOBS = ("test_*.py", "*_test.py")
TEST_CLASS_PREFIX = "Test"
TEST_FUNCTION_PREFIX = "test"


class MarkedTest(NamedTuple):
    """A collected test function and the clause ids it carries (maybe none)."""

    nodeid: str
    """``tests/test_rules.py::TestMatching::test_cap``, as pytest names it."""
    clauses: tuple[str, ...]
    path: Path
    line: int


class Marker(NamedTuple):
    """One clause id written in one ``clause`` marker, where it is written."""

    clause: str
    path: Path
    line: int


class Problem(NamedTuple):
    """A marker the scanner cannot read for sure, and why."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Scan(NamedTuple):
    """What the scan found: every test, every marker, every problem."""

    tests: tuple[MarkedTest, ...]
    markers: tuple[Marker, ...]
    problems: tuple[Problem, ...]

    def tests_of(self, clause_id: str) -> tuple[str, ...]:
        """The node ids of the tests that carry ``clause_id``, sorted."""
        return tuple(sorted(t.nodeid for t in self.tests if clause_id in t.clauses))

    def by_clause(self) -> dict[str, tuple[str, ...]]:
        """Every clause id that some test carries, with those tests' node ids, sorted."""
        found: dict[str, list[str]] = {}
        for test in self.tests:
            for clause_id in test.clauses:
                found.setdefault(clause_id, []).append(test.nodeid)
        return {c: tuple(sorted(ids)) for c, ids in sorted(found.items())}

    def unknown(self, known: Iterable[str]) -> tuple[Marker, ...]:
        """The markers that name an id not in ``known`` (the clause catalogue)."""
        valid = frozenset(known)
        return tuple(m for m in self.markers if m.clause not in valid)


def scan(tests_dir: Path, *, root: Path | None = None) -> Scan:
    """Scan every pytest test file under ``tests_dir`` (recursively).

    Node ids and paths are relative to ``root``, which defaults to the parent of
    ``tests_dir`` (the project root, where pytest runs).
    """
    tests_dir = Path(tests_dir)
    root = tests_dir.parent if root is None else Path(root)
    files = sorted({p for glob in TEST_FILE_GLOBS for p in tests_dir.rglob(glob)})
    parts = [
        scan_source(path.read_text(encoding="utf-8"), path.relative_to(root), _nodeid(path, root))
        for path in files
    ]
    return Scan(
        tuple(t for s in parts for t in s.tests),
        tuple(m for s in parts for m in s.markers),
        tuple(p for s in parts for p in s.problems),
    )


def _nodeid(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def scan_source(source: str, path: Path, nodeid_prefix: str) -> Scan:
    """Scan the source of one test module; ``nodeid_prefix`` is its path as pytest shows it."""
    return _ModuleScan(ast.parse(source, filename=str(path)), Path(path), nodeid_prefix).run()


class _ModuleScan:
    def __init__(self, module: ast.Module, path: Path, prefix: str) -> None:
        self.module = module
        self.path = path
        self.prefix = prefix
        self.factories: set[str] = set()  # module-level names bound to pytest.mark.clause
        self.named: dict[str, list[ast.Call]] = {}  # module-level named marks
        self.used: set[int] = set()  # ids of the marker calls that some test carries
        self.problems: list[Problem] = []
        self.tests: list[MarkedTest] = []

    def run(self) -> Scan:
        self._find_aliases()
        module_calls: list[ast.Call] = []
        for statement in self.module.body:
            if _assigns(statement, "pytestmark"):
                assert isinstance(statement, ast.Assign | ast.AnnAssign)
                module_calls.extend(self._marks_in(statement.value))
        for statement in self.module.body:
            self._collect(statement, self.prefix, module_calls)
        markers: list[Marker] = []
        for call in self._all_marker_calls():
            ids, issues = _read(call)
            markers.extend(Marker(c, self.path, call.lineno) for c in ids)
            if id(call) not in self.used:
                issues.append(
                    "no collected test carries it (pytest collects test* functions and Test* "
                    "classes; a marker built in a helper cannot be traced statically)"
                )
            if issues:
                message = "clause marker: " + "; ".join(issues)
                self.problems.append(Problem(self.path, call.lineno, message))
        return Scan(tuple(self.tests), tuple(markers), tuple(self.problems))

    # -- what names mean -----------------------------------------------------------

    def _assignments(self) -> Iterator[tuple[list[str], ast.expr]]:
        """The module-level assignments to plain names, except ``pytestmark``."""
        for statement in self.module.body:
            if isinstance(statement, ast.Assign):
                targets = statement.targets
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                targets = [statement.target]
            else:
                continue
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names and "pytestmark" not in names:
                assert statement.value is not None
                yield names, statement.value

    def _find_aliases(self) -> None:
        for names, value in self._assignments():
            if self._is_factory(value):
                self.factories.update(names)
        for names, value in self._assignments():
            calls = [
                n for n in ast.walk(value) if isinstance(n, ast.Call) and self._is_factory(n.func)
            ]
            for name in names if calls else ():
                self.named[name] = calls

    def _is_factory(self, node: ast.AST) -> bool:
        """``pytest.mark.clause``, ``mark.clause`` or an alias of either."""
        if isinstance(node, ast.Attribute) and node.attr == "clause":
            value = node.value
            if isinstance(value, ast.Attribute) and value.attr == "mark":
                return isinstance(value.value, ast.Name) and value.value.id == "pytest"
            return isinstance(value, ast.Name) and value.id == "mark"
        return isinstance(node, ast.Name) and node.id in self.factories

    def _all_marker_calls(self) -> Iterator[ast.Call]:
        for node in ast.walk(self.module):
            if isinstance(node, ast.Call) and self._is_factory(node.func):
                yield node

    def _marks_in(self, expression: ast.AST | None) -> list[ast.Call]:
        """The clause marker calls an expression applies, named marks resolved."""
        if expression is None:
            return []
        found: list[ast.Call] = []
        for node in ast.walk(expression):
            if isinstance(node, ast.Call) and self._is_factory(node.func):
                found.append(node)
            elif isinstance(node, ast.Name) and node.id in self.named:
                found.extend(self.named[node.id])
        return found

    # -- what pytest collects --------------------------------------------------------

    def _collect(self, statement: ast.stmt, prefix: str, inherited: list[ast.Call]) -> None:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name.startswith(TEST_FUNCTION_PREFIX):
                calls = inherited + [c for d in statement.decorator_list for c in self._marks_in(d)]
                self._add(f"{prefix}::{statement.name}", calls, statement.lineno)
        elif isinstance(statement, ast.ClassDef) and statement.name.startswith(TEST_CLASS_PREFIX):
            if any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in statement.body):
                return  # pytest does not collect a test class with an __init__
            calls = inherited + [c for d in statement.decorator_list for c in self._marks_in(d)]
            for inner in statement.body:
                if _assigns(inner, "pytestmark"):
                    assert isinstance(inner, ast.Assign | ast.AnnAssign)
                    calls = calls + self._marks_in(inner.value)
            for inner in statement.body:
                self._collect(inner, f"{prefix}::{statement.name}", calls)

    def _add(self, nodeid: str, calls: list[ast.Call], line: int) -> None:
        ids: list[str] = []
        for call in calls:
            self.used.add(id(call))
            for argument in call.args:
                if (
                    isinstance(argument, ast.Constant)
                    and isinstance(argument.value, str)
                    and argument.value not in ids
                ):
                    ids.append(argument.value)
        self.tests.append(MarkedTest(nodeid, tuple(ids), self.path, line))


def _read(call: ast.Call) -> tuple[list[str], list[str]]:
    """The ids a marker call names, and what is wrong with it, if anything."""
    ids: list[str] = []
    issues: list[str] = []
    for argument in call.args:
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            ids.append(argument.value)
        else:
            issues.append(f"an id must be a string literal, not {ast.unparse(argument)!r}")
    if call.keywords:
        issues.append("it takes no keyword arguments")
    if not call.args:
        issues.append("it names no id")
    return ids, issues


def _assigns(statement: ast.stmt, name: str) -> bool:
    if isinstance(statement, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    if isinstance(statement, ast.AnnAssign):
        return isinstance(statement.target, ast.Name) and statement.target.id == name
    return False
