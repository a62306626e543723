"""The benchmark script works: its register generator and one measurement, quickly.

No timing is asserted: the figures belong to ``python benchmarks/run.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import innovation_policy as ip

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_run", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_generator_makes_the_same_well_formed_register_from_the_same_seed(
    bench: ModuleType,
) -> None:
    document = bench.generate_document(20, seed=7)
    assert document == bench.generate_document(20, seed=7)
    assert document != bench.generate_document(20, seed=8)
    register = ip.Register.from_json(bench.generate_json(20, seed=7))
    assert len(register.platforms) == 20
    assert 20 <= len(register.approvals) <= 60
    assert len(register.reviews) == 100
    assert bench.record_count(document) == sum(
        len(getattr(register, name)) for name in bench.TABLES
    )
    assert ip.assess(register).items


def test_one_quick_measurement_of_20_platforms_gives_every_figure(bench: ModuleType) -> None:
    rows = bench.measure_size(20, quick=True)
    assert [row.op for row in rows] == ["load", "assess", "targets", "audit", "explain all"]
    for row in rows:
        assert row.size == 20
        assert row.runs is None or (row.runs.wall and row.runs.best > 0)
    rss, traced = bench.measure_memory(20, modes=("rss",))  # one child process
    assert rss["peak"] >= rss["before"] > 0
    assert traced == {}
    report = bench.register_report(rows, {20: (rss, traced)}, markdown=True)
    assert report.startswith("| platforms |")
    assert "load" in report


def test_the_script_runs_in_quick_mode(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--quick", "--sizes", "20", "--no-memory", "--no-import"]) == 0
    out = capsys.readouterr().out
    assert "matching_subsidy" in out
    assert "µs per call" in out
