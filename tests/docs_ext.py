"""The docs' extension modules the tests read, imported by path (the docs are not a
package): the traceability scanner and the layer checker."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"


def load(stem: str) -> ModuleType:
    """``docs/_ext/{stem}.py`` as a module, loaded once."""
    name = f"_innovation_policy_docs_{stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXT / f"{stem}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
