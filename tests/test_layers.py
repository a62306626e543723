"""The layers of the package, checked by pytest (not only when the docs are built).

Data flows one way: labels, money and clauses → the policy → the rules → the register →
assessment, audit, targets → documents and rendering → readers and the command line.
A module imports, when it is imported, only modules of lower layers; inside a function
it may reach a higher layer only through the thin delegates that ``DELEGATES`` lists
(``Assessment.to_json`` handing the assessment to the documents). ``LAYERS`` and
``DELEGATES`` live in ``docs/_ext/layers.py``, which draws the design page from
them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import docs_ext

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "innovation_policy"


layers = docs_ext.load("layers")

#: What a core module may import from outside the standard library when it is imported;
#: everything else (openpyxl, cattrs, dateutil's parser, pandas, matplotlib) is imported
#: inside the function that first needs it, so ``import innovation_policy`` stays light.
EAGER_THIRD_PARTY = {"attrs", "dateutil"}


def test_every_module_is_in_one_layer_and_imports_only_what_its_layer_allows() -> None:
    problems = layers.layer_problems(layers.scan_modules(PACKAGE))
    assert problems == []


def test_the_layers_name_each_module_once() -> None:
    names = [name for _, names in layers.LAYERS for name in names]
    assert len(names) == len(set(names))


def test_no_module_imports_a_heavy_or_optional_package_when_it_is_imported() -> None:
    for module in layers.scan_modules(PACKAGE):
        assert set(module.third_party) <= EAGER_THIRD_PARTY, module.name


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("_rules", "from ._cli import main"),
        ("_assess", "from ._readers import read_register"),
        ("_labels", "from ._vocabulary import LABELS\nfrom ._register import Register"),
    ],
)
def test_the_check_fails_when_a_core_module_imports_an_edge_module(
    tmp_path: Path, module: str, line: str
) -> None:
    copy = tmp_path / "innovation_policy"
    shutil.copytree(PACKAGE, copy)
    path = copy / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    problems = layers.layer_problems(layers.scan_modules(copy))
    assert any(p.startswith(f"{module} imports ") for p in problems), problems


def test_the_check_fails_when_a_core_function_reaches_up_without_a_listed_delegate(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "innovation_policy"
    shutil.copytree(PACKAGE, copy)
    path = copy / "_rules.py"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n\ndef _sneaky() -> None:\n    from ._documents import dumps\n",
        encoding="utf-8",
    )
    problems = layers.layer_problems(layers.scan_modules(copy))
    assert any("DELEGATES does not list it" in p for p in problems), problems
