"""Shared test configuration: Hypothesis profiles and the ``clause`` marker.

Profiles (choose with ``HYPOTHESIS_PROFILE``; CI sets ``ci``):
- ``ci``: 200 examples a property, no deadline: sized so that ``.ci/run`` stays under
  ten minutes on the 2-core CI machine (the properties assess whole generated registers,
  several times an example);
- ``dev``: 100 examples, for a quick local run (the default outside CI);
- ``thorough``: 5,000 examples, for a long run before a release;
- ``mutation``: 50 examples, the same ones on every run (derandomized, no example
  database), no shrinking: for ``mutmut run`` (docs/mutation.md), which runs the tests
  of each mutant and only needs to know whether one fails, and must judge every mutant
  by the same examples so that its report can be redone. Chosen by mutmut with
  ``--hypothesis-profile=mutation`` (``[tool.mutmut]`` in pyproject.toml).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

import innovation_policy as ip

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "mutation",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a ``clause`` marker that names an id not in the clause catalogue."""
    for item in items:
        for marker in item.iter_markers("clause"):
            for clause_id in marker.args:
                if clause_id not in ip.CLAUSES:
                    raise pytest.UsageError(
                        f"{item.nodeid}: @pytest.mark.clause({clause_id!r}) names no clause "
                        "of the catalogue"
                    )
