"""The layers of the package and the check of its imports: no Sphinx needed.

``LAYERS`` lists the modules of ``innovation_policy`` bottom to top; ``DELEGATES`` the
few imports inside a function that may reach a higher layer (the results' thin
convenience methods). :func:`scan_modules` reads every module's imports with :mod:`ast`
(it runs nothing), and :func:`layer_problems` says where the code and the layers
disagree. The design page (``policy_docs``) draws the layers; ``tests/test_layers.py``
checks them on every ``pytest``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import attrs

PACKAGE = "innovation_policy"

#: The layers of the package, bottom to top, each with what it is for. When a module is
#: imported it imports only modules of lower layers; an import inside a function may
#: reach a lower layer, or a higher one only where :data:`DELEGATES` lists it (a
#: convenience method such as ``Assessment.to_json`` that hands its result to the
#: documents). ``design.md`` explains them; ``tests/test_layers.py`` and
#: ``generate_modules`` check them.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors; read-only tables", ("_errors", "_frozen")),
    ("the vocabulary: every word, in Chinese and English, keyed by code", ("_vocabulary",)),
    ("labels and codes, money, clause ids", ("_labels", "_money", "_clauses")),
    (
        "values read exactly from text, display forms; traceability",
        ("_parse", "_display", "_trace"),
    ),
    ("the plan's numbers; the sentences of explanations", ("_policy", "_explain")),
    (
        "single-award rules; the records of a register; policies as data and versions",
        ("_rules", "_register", "_policy_io"),
    ),
    ("over time: settlement (assessment), targets", ("_assess", "_targets")),
    ("payments against the assessment; a reform against its baseline", ("_audit", "_compare")),
    (
        "what is owed and unpaid as of a date: payments deducted as the audit matches them",
        ("_budget",),
    ),
    ("the plan's cost if its targets are met: committed, expected, ceiling", ("_forecast",)),
    ("provenance: the policy every output records", ("_provenance",)),
    ("documents and rendering: JSON-ready dicts, text tables", ("_documents", "_render")),
    ("the comparison's words and documents", ("_compare_text",)),
    ("edge: paths checked before opening, output written safely, text escaped", ("_files",)),
    (
        "edge: results as workbooks, data frames, charts and HTML",
        ("_xlsx_out", "_frames", "_charts", "_html"),
    ),
    ("edge: JSON registers, schemas, the example", ("_json",)),
    ("edge: CSV folders and workbooks; policy files", ("_readers", "_policy_files")),
    ("edge: scenario files; the register workbook to fill in", ("_scenario_files", "_template")),
    ("edge: the command line", ("_cli",)),
    ("entry points: the public API, python -m", ("__init__", "__main__")),
)

#: The imports from a lower layer to a higher one, inside a function, that the layers
#: allow: the results' thin convenience methods, each handing the result to the module
#: that writes it. Every other import goes down.
DELEGATES: dict[tuple[str, str], str] = {
    ("_assess", "_documents"): "Assessment.to_dict, Assessment.to_json",
    ("_targets", "_documents"): "TargetReport.to_dict, TargetReport.to_json",
    ("_targets", "_render"): "TargetReport.explain, TargetLine.explain",
    ("_compare", "_documents"): "Comparison.to_json, ReadingSweep.to_json (dumps)",
    ("_compare", "_compare_text"): "Comparison.to_dict, explain text, ReadingSweep.to_dict",
    ("_register", "_json"): "Register.from_json, Register.to_json",
    ("_budget", "_documents"): "Budget.to_json (dumps)",
    ("_budget", "_provenance"): "Budget.to_dict (the policy block)",
    ("_forecast", "_documents"): "Forecast.to_json (dumps)",
    ("_forecast", "_provenance"): "Forecast.to_dict (the policy block)",
    ("_assess", "_frames"): "Assessment.to_frame",
    ("_assess", "_html"): "Assessment._repr_html_, Item._repr_html_ (Jupyter)",
    ("_audit", "_html"): "Finding._repr_html_",
    ("_compare", "_frames"): "Comparison.to_frame",
    ("_compare", "_html"): "Comparison._repr_html_",
    ("_rules", "_html"): "Award._repr_html_",
    ("_targets", "_frames"): "TargetReport.to_frame",
    ("_targets", "_html"): "TargetReport._repr_html_",
    ("_budget", "_frames"): "Budget.to_frame",
    ("_budget", "_html"): "Budget._repr_html_",
    ("_forecast", "_frames"): "Forecast.to_frame",
    ("_forecast", "_html"): "Forecast._repr_html_",
}


@attrs.frozen
class ModuleImports:
    """What one module of the package imports, read from its source."""

    name: str
    summary: str
    eager: tuple[str, ...]
    """Modules of the package imported when the module is imported."""
    deferred: tuple[str, ...]
    """Modules of the package imported inside a function, when it is called."""
    typing_only: tuple[str, ...]
    """Modules of the package imported for type checking only."""
    third_party: tuple[str, ...]
    """Modules outside the standard library imported when the module is imported."""
    third_party_deferred: tuple[str, ...]
    """Modules outside the standard library imported inside a function."""


@attrs.define
class _ImportScan:
    """The imports of one module's syntax tree, sorted by when they happen."""

    eager: set[str] = attrs.Factory(set)
    deferred: set[str] = attrs.Factory(set)
    typing_only: set[str] = attrs.Factory(set)
    third: set[str] = attrs.Factory(set)
    third_deferred: set[str] = attrs.Factory(set)
    #: the subpackage the module is in (``_cli``), or "" for a module of the package
    inside: str = ""

    def _module(self, node: ast.ImportFrom) -> str | None:
        """The module of the package a relative import names, or ``None`` for a module
        of the same subpackage (which is part of the same unit)."""
        if not self.inside:
            return (node.module or "") if node.level == 1 else None
        if node.level == 2:
            return node.module or ""
        return None

    def visit(self, node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for inner in child.body:
                    if isinstance(inner, ast.ImportFrom) and inner.level >= 1:
                        module = self._module(inner)
                        if module is not None:
                            self.typing_only.add(module)
                continue
            if isinstance(child, ast.ImportFrom) and child.level >= 1:
                module = self._module(child)
                if module is not None:
                    (self.deferred if in_function else self.eager).add(module)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                outside = self.third_deferred if in_function else self.third
                outside.add(child.module.split(".")[0])
            elif isinstance(child, ast.Import):
                outside = self.third_deferred if in_function else self.third
                outside.update(alias.name.split(".")[0] for alias in child.names)
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            self.visit(child, in_function or function)


def scan_modules(package_dir: Path) -> list[ModuleImports]:
    """Every module of the package with its imports, in file-name order; a subpackage
    (the command line, ``_cli/``) counts as one module, its files' imports together."""
    found = []
    units: list[tuple[str, list[Path]]] = [(p.stem, [p]) for p in package_dir.glob("*.py")]
    units += [
        (d.name, sorted(d.glob("*.py")))
        for d in package_dir.iterdir()
        if d.is_dir() and (d / "__init__.py").is_file()
    ]
    for name, paths in sorted(units):
        imports = _ImportScan(inside=name if paths[0].parent != package_dir else "")
        docstring = ""
        for path in paths:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            imports.visit(tree, in_function=False)
            if path.name in ("__init__.py", f"{name}.py"):
                docstring = (ast.get_docstring(tree) or "").strip()
        found.append(
            ModuleImports(
                name=name,
                summary=docstring.splitlines()[0] if docstring else "",
                eager=tuple(sorted(imports.eager)),
                deferred=tuple(sorted(imports.deferred - imports.eager)),
                typing_only=tuple(sorted(imports.typing_only - imports.eager)),
                third_party=_outside_stdlib(imports.third),
                third_party_deferred=_outside_stdlib(imports.third_deferred - imports.third),
            )
        )
    return found


def _outside_stdlib(names: set[str]) -> tuple[str, ...]:
    return tuple(
        sorted(
            n
            for n in names
            if n not in sys.stdlib_module_names and n not in ("__future__", PACKAGE)
        )
    )


def layer_problems(modules: list[ModuleImports]) -> list[str]:
    """Where the code and :data:`LAYERS` disagree; empty when they agree."""
    layer_of = {name: n for n, (_, names) in enumerate(LAYERS) for name in names}
    problems = []
    present = {m.name for m in modules}
    for name in layer_of:
        if name not in present:
            problems.append(f"LAYERS lists {name}, which is not a module of the package")
    for module in modules:
        if module.name not in layer_of:
            problems.append(f"{module.name} is in no layer of LAYERS (docs/_ext/policy_docs.py)")
            continue
        for imported in module.eager:
            if imported in layer_of and layer_of[imported] >= layer_of[module.name]:
                problems.append(
                    f"{module.name} imports {imported} when it is imported, but {imported} "
                    f"is not in a lower layer (layer {layer_of[imported] + 1}, not below "
                    f"{layer_of[module.name] + 1})"
                )
        for imported in module.deferred:
            upward = imported in layer_of and layer_of[imported] >= layer_of[module.name]
            if upward and (module.name, imported) not in DELEGATES:
                problems.append(
                    f"{module.name} imports {imported} inside a function, but {imported} "
                    f"is not in a lower layer (layer {layer_of[imported] + 1}, not below "
                    f"{layer_of[module.name] + 1}) and DELEGATES does not list it"
                )
    used = {(m.name, i) for m in modules for i in m.deferred}
    problems.extend(
        f"DELEGATES lists {a} -> {b}, which the code does not import"
        for a, b in DELEGATES
        if (a, b) not in used
    )
    return problems
