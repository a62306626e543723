"""Benchmarks of innovation-policy: single awards, whole registers, and the import.

Run from the repository root::

    python benchmarks/run.py                       # 20, 1,000, 10,000, 100,000 platforms
    python benchmarks/run.py --quick               # 20 and 1,000 platforms, fewer repeats
    python benchmarks/run.py --sizes 20,1000 --markdown --importtime

It prints figures beside the targets (✓ met, ✗ missed); it asserts nothing and is not a
test. How it measures:

- times with :func:`time.perf_counter` (wall) and :func:`time.process_time` (CPU), the
  garbage collector on as a user runs (``--no-gc`` turns it off, to show its share),
  each run after a :func:`gc.collect`; a single award is the median over batches of
  many calls. On a shared machine the wall time of a run grows with the load while its
  CPU time much less: a register operation is judged against its target by its best
  run, and the median and the CPU time are shown beside it;
- registers are generated with ``random.Random(seed)`` (the same seed, the same register):
  per platform 1-3 approvals (2 on average), 5 yearly reviews, about 0.5 payments, and a
  case decision for one platform in 50;
- memory in child processes, never in the timed one: the peak resident set
  (``ru_maxrss``) of a process that reads the JSON text, loads it, assesses it, counts
  the targets and audits it; and, in a second child under :mod:`tracemalloc`, each
  operation's own peak of Python allocations above what was live before it;
- the import as wall time of ``python -c "import innovation_policy"`` against
  ``python -c pass``, median of several runs, interleaved.

The machine may be shared: the load average is printed before and after, and each
register figure shows its spread (slowest run / fastest run − 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib import metadata
from typing import Any, NamedTuple

import innovation_policy as ip

SEED = 20210101
SIZES = (20, 1_000, 10_000, 100_000)
QUICK_SIZES = (20, 1_000)
AS_OF = dt.date(2025, 12, 31)
TABLES = ("platforms", "approvals", "reviews", "case_decisions", "payments")

# The targets on the 2-core reference machine (issue 11).
AWARD_TARGET_US = 5.0
EXPLAIN_TARGET_US = 50.0
BIG = 100_000
BIG_TIME_TARGETS_S = {"load": 4.0, "assess": 2.0, "audit": 2.0, "targets": 1.0}
BIG_MEMORY_TARGET = 1024**3
FLAT_FROM = 1_000
FLAT_TARGET = 1.3
IMPORT_TARGET_MS = 60.0
#: The largest register whose whole first explain() is timed (it keeps one fresh
#: assessment per run alive).
EXPLAIN_ALL_UP_TO = 10_000

TargetProgress = Callable[..., object]


def _target_progress() -> TargetProgress | None:
    """``innovation_policy._targets.target_progress``, or ``None`` while it is not there."""
    try:
        from innovation_policy._targets import target_progress
    except ImportError:
        return None
    return target_progress


# ----------------------------------------------------------------------------------------
# The generated register.

_CATEGORIES = tuple(ip.Category)
_INDUSTRIES = tuple(ip.Industry)
_PARKS = tuple(ip.Park)
_CO_BUILDERS = tuple(ip.CoBuilder)
_RATINGS = (ip.Rating.EXCELLENT, ip.Rating.GOOD, ip.Rating.PASS, ip.Rating.FAIL)
_RATING_WEIGHTS = (35, 35, 25, 5)
_LADDER = (ip.Level.DISTRICT, ip.Level.MUNICIPAL, ip.Level.PROVINCIAL, ip.Level.NATIONAL)
_FIRST_DAY = dt.date(2019, 1, 1).toordinal()
_LAST_FIRST_DAY = dt.date(2024, 6, 30).toordinal()


def _yuan(rng: random.Random, most: int) -> str:
    """An amount of whole 万元 up to ``most`` yuan, as the JSON string of the schema."""
    return f"{rng.randrange(0, most + 1, 10_000)}.00"


def generate_document(platforms: int, seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    """A well-formed register document (the JSON-ready dictionary) of ``platforms``
    platforms: the same ``seed`` gives the same document."""
    rng = random.Random(seed)
    doc: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for n in range(1, platforms + 1):
        pid = f"P{n:06d}"
        category = rng.choice(_CATEGORIES)
        platform: dict[str, Any] = {
            "id": pid,
            "name": f"赣榆平台{n:06d}",
            "category": category.value,
            "industry": rng.choice(_INDUSTRIES).value,
        }
        if rng.random() < 0.8:
            platform["park"] = rng.choice(_PARKS).value
        if category is ip.Category.PROFESSIONAL_INSTITUTE and rng.random() < 0.7:
            chosen = rng.sample(_CO_BUILDERS, rng.randint(3, 4))
            platform["co_builders"] = [c.value for c in _CO_BUILDERS if c in chosen]
        doc["platforms"].append(platform)

        approvals = []
        rung = rng.randint(0, 2)
        day = rng.randint(_FIRST_DAY, _LAST_FIRST_DAY)
        for k in range(rng.choice((1, 2, 2, 3))):
            level = _LADDER[min(rung + k, len(_LADDER) - 1)]
            approval = {
                "id": f"A{n:06d}-{k}",
                "platform": pid,
                "level": level.value,
                "date": dt.date.fromordinal(day).isoformat(),
                "superior_funding": _yuan(rng, 20_000_000),
                "city_award": _yuan(rng, 2_000_000) if rng.random() < 0.1 else "0.00",
            }
            approvals.append(approval)
            day += rng.randint(200, 700)
        doc["approvals"].extend(approvals)

        first_year = rng.randint(2020, 2022)
        for year in range(first_year, first_year + 5):
            doc["reviews"].append(
                {
                    "platform": pid,
                    "year": year,
                    "rating": rng.choices(_RATINGS, _RATING_WEIGHTS)[0].value,
                    "turnover": _yuan(rng, 15_000_000),
                    "city_grant": _yuan(rng, 500_000) if rng.random() < 0.05 else "0.00",
                }
            )

        if rng.random() < 0.02:
            doc["case_decisions"].append(
                {
                    "id": f"C{n:06d}",
                    "platform": pid,
                    "date": f"{rng.randint(2021, 2025)}-03-01",
                    "amount": _yuan(rng, 3_000_000),
                    "reference": f"赣政办〔2023〕{n}号",
                }
            )
            doc["payments"].append(
                {"platform": pid, "date": "2025-06-01", "kind": "case", "amount": "1000000.00"}
            )

        roll = rng.random()
        if roll < 0.3:  # a matching payment naming its approval, sometimes too much
            approval = rng.choice(approvals)
            doc["payments"].append(
                {
                    "platform": pid,
                    "date": "2025-10-01",
                    "kind": "matching",
                    "amount": _yuan(rng, 6_000_000),
                    "item": approval["id"],
                }
            )
        elif roll < 0.5:  # a performance payment, the review found by its year
            year = rng.randint(first_year, first_year + 4)
            doc["payments"].append(
                {
                    "platform": pid,
                    "date": f"{year + 1}-04-01",
                    "kind": "performance",
                    "amount": _yuan(rng, 1_000_000),
                    "year": year,
                }
            )
    return doc


def generate_json(platforms: int, seed: int = SEED) -> str:
    """The JSON text of :func:`generate_document`, as the library writes it (UTF-8)."""
    return json.dumps(generate_document(platforms, seed), ensure_ascii=False)


def record_count(document: dict[str, list[dict[str, Any]]]) -> int:
    """All the records of a register document."""
    return sum(len(document[name]) for name in TABLES)


# ----------------------------------------------------------------------------------------
# Measuring.


class Runs(NamedTuple):
    """Seconds of each run of an operation: wall clock and CPU."""

    wall: list[float]
    cpu: list[float]

    @property
    def best(self) -> float:
        return min(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def spread(self) -> float:
        return max(self.wall) / min(self.wall) - 1


def time_runs(fn: Callable[[], object], repeat: int) -> Runs:
    """``repeat`` runs of ``fn``, each after a full collection."""
    runs = Runs([], [])
    for _ in range(repeat):
        gc.collect()
        cpu = time.process_time()
        start = time.perf_counter()
        fn()
        runs.wall.append(time.perf_counter() - start)
        runs.cpu.append(time.process_time() - cpu)
    return runs


def per_call_us(fn: Callable[[], object], calls: int, batches: int) -> float:
    """Median microseconds per call over ``batches`` batches of ``calls`` calls."""
    fn()  # warm up: lazy imports, caches
    samples = []
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(samples)


class AwardRow(NamedTuple):
    name: str
    us: float
    target: float | None


def measure_awards(*, quick: bool) -> list[AwardRow]:
    """One ``matching_subsidy`` and one ``performance_grant``, with and without the text."""
    calls, batches = (200, 5) if quick else (2_000, 15)
    funding = Decimal("6000000.00")
    turnover = Decimal("8000000.00")

    def matching() -> object:
        return ip.matching_subsidy(ip.Level.PROVINCIAL, funding)

    def performance() -> object:
        return ip.performance_grant(ip.Level.PROVINCIAL, ip.Rating.EXCELLENT, turnover)

    def matching_explained() -> object:
        return ip.matching_subsidy(ip.Level.PROVINCIAL, funding).explain()

    def performance_explained() -> object:
        return ip.performance_grant(ip.Level.PROVINCIAL, ip.Rating.EXCELLENT, turnover).explain()

    return [
        AwardRow(
            "matching_subsidy(省级, 6000000.00)",
            per_call_us(matching, calls, batches),
            AWARD_TARGET_US,
        ),
        AwardRow(
            "  + .explain()", per_call_us(matching_explained, calls, batches), EXPLAIN_TARGET_US
        ),
        AwardRow(
            "performance_grant(省级, 优秀, 8000000.00)",
            per_call_us(performance, calls, batches),
            AWARD_TARGET_US,
        ),
        AwardRow(
            "  + .explain()",
            per_call_us(performance_explained, calls, batches),
            EXPLAIN_TARGET_US,
        ),
    ]


class OpRow(NamedTuple):
    size: int
    records: int
    op: str
    runs: Runs | None  # None: not available
    peak: int | None = None  # tracemalloc peak above the live memory before, bytes


def repeats(size: int, *, quick: bool) -> int:
    """How many runs of an operation on a register of ``size`` platforms."""
    if quick:
        return max(1, min(5, 2_000 // size))
    return max(3, min(50, 50_000 // size))


def measure_size(size: int, *, quick: bool, seed: int = SEED, no_gc: bool = False) -> list[OpRow]:
    """Time loading, assessing, counting the targets and auditing ``size`` platforms
    (with the cyclic garbage collector off while timing, if ``no_gc``)."""
    document = generate_document(size, seed)
    records = record_count(document)
    text = json.dumps(document, ensure_ascii=False)
    del document  # not to be traversed by the collector while timing
    n = repeats(size, quick=quick)
    register = ip.Register.from_json(text)
    if no_gc:
        gc.disable()
    try:
        return _time_operations(size, records, text, register, n)
    finally:
        gc.enable()


def _time_operations(
    size: int, records: int, text: str, register: ip.Register, n: int
) -> list[OpRow]:
    rows = [OpRow(size, records, "load", time_runs(lambda: ip.Register.from_json(text), n))]
    rows.append(OpRow(size, records, "assess", time_runs(lambda: ip.assess(register), n)))
    targets = _target_progress()
    rows.append(
        OpRow(
            size,
            records,
            "targets",
            None if targets is None else time_runs(lambda: targets(register, as_of=AS_OF), n),
        )
    )
    rows.append(OpRow(size, records, "audit", time_runs(lambda: ip.audit(register), n)))
    if size <= EXPLAIN_ALL_UP_TO:
        # The first explain() of every item of a fresh assessment: the cost of the steps
        # that assess() does not make (lazy explanations), paid only when read.
        fresh = iter([ip.assess(register) for _ in range(n)])
        rows.append(
            OpRow(
                size,
                records,
                "explain all",
                time_runs(lambda: [item.explain() for item in next(fresh).items], n),
            )
        )
    return rows


def peak_rss() -> int:
    """The peak resident set of this process so far, in bytes.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives ``exec`` on Linux, so a child
    would report its parent's peak at the time of the fork."""
    try:
        with open("/proc/self/status", encoding="ascii") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _child_memory(path: str, mode: str) -> dict[str, Any]:
    """In a child process: the memory of the whole pipeline (``rss``) or of each
    operation (``trace``) on the register document at ``path``."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    targets = _target_progress()
    if mode == "rss":
        before = peak_rss()
        register = ip.Register.from_json(text)
        ip.assess(register)
        if targets is not None:
            targets(register, as_of=AS_OF)
        ip.audit(register)
        return {"before": before, "peak": peak_rss()}
    ip.Register.from_json(ip.example_register_json())  # the converters made before tracing
    tracemalloc.start()
    peaks: dict[str, int] = {}

    def traced(name: str, fn: Callable[[], object]) -> object:
        gc.collect()
        tracemalloc.reset_peak()
        live = tracemalloc.get_traced_memory()[0]
        result = fn()
        peaks[name] = tracemalloc.get_traced_memory()[1] - live
        return result

    loaded = traced("load", lambda: ip.Register.from_json(text))
    assert isinstance(loaded, ip.Register)
    traced("assess", lambda: ip.assess(loaded))
    if targets is not None:
        traced("targets", lambda: targets(loaded, as_of=AS_OF))
    traced("audit", lambda: ip.audit(loaded))
    return peaks


def measure_memory(
    size: int, seed: int = SEED, modes: Sequence[str] = ("rss", "trace")
) -> tuple[dict[str, int], dict[str, int]]:
    """``({"before", "peak"} resident bytes, {operation: tracemalloc peak bytes})``, each
    from a child process (``modes``: which of the two children to run)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "register.json")
        with open(path, "w", encoding="utf-8") as file:
            file.write(generate_json(size, seed))
        found: dict[str, dict[str, int]] = {"rss": {}, "trace": {}}
        for mode in modes:
            done = subprocess.run(
                [sys.executable, __file__, "--child", mode, path],
                check=True,
                capture_output=True,
                text=True,
            )
            found[mode] = json.loads(done.stdout)
    return found["rss"], found["trace"]


def measure_import(runs: int) -> tuple[float, float]:
    """Median wall milliseconds of ``python -c pass`` and of ``import innovation_policy``."""
    bare: list[float] = []
    full: list[float] = []
    for _ in range(runs):
        for code, into in (("pass", bare), ("import innovation_policy", full)):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            into.append((time.perf_counter() - start) * 1e3)
    return statistics.median(bare), statistics.median(full)


def import_time_top(count: int = 12) -> list[tuple[str, int, int]]:
    """The modules with the most own import time: ``(module, self µs, cumulative µs)``,
    the median of three ``-X importtime`` runs."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import innovation_policy"],
            check=True,
            capture_output=True,
            text=True,
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, cumulative, name = line.removeprefix("import time:").split("|")
            seen.setdefault(name.strip(), []).append((int(own), int(cumulative)))
    rows = [
        (
            name,
            int(statistics.median(s for s, _ in runs)),
            int(statistics.median(c for _, c in runs)),
        )
        for name, runs in seen.items()
    ]
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows[:count]


# ----------------------------------------------------------------------------------------
# Printing.


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, markdown: bool) -> str:
    """Rows as a Markdown table or as aligned plain text (numbers right-aligned)."""
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines.extend("| " + " | ".join(row) + " |" for row in rows)
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 or not c[:1].isdigit() else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def mib(value: int) -> str:
    return f"{value / 1024**2:,.1f} MiB"


def heading(text: str, *, markdown: bool) -> str:
    return f"\n### {text}\n" if markdown else f"\n{text}\n{'=' * len(text)}"


def award_report(rows: Sequence[AwardRow], *, markdown: bool) -> str:
    cells = [
        [
            r.name,
            f"{r.us:.2f}",
            "" if r.target is None else f"< {r.target:g} µs {mark(r.us < r.target)}",
        ]
        for r in rows
    ]
    return table(["call", "µs per call (median)", "target"], cells, markdown=markdown)


def register_report(
    rows: Sequence[OpRow],
    memory: dict[int, tuple[dict[str, int], dict[str, int]]],
    *,
    markdown: bool,
) -> str:
    cells = []
    for r in rows:
        traced = memory.get(r.size, ({}, {}))[1].get(r.op)
        if r.runs is None:
            cells.append([f"{r.size:,}", f"{r.records:,}", r.op, "n/a"] + [""] * 7)
            continue
        target = ""
        limit = BIG_TIME_TARGETS_S.get(r.op)
        if r.size == BIG and limit is not None:
            target = f"≤ {limit:g} s {mark(r.runs.best <= limit)}"
        cells.append(
            [
                f"{r.size:,}",
                f"{r.records:,}",
                r.op,
                seconds(r.runs.best),
                f"{r.runs.best / r.size * 1e6:,.1f}",
                seconds(r.runs.median),
                seconds(statistics.median(r.runs.cpu)),
                str(len(r.runs.wall)),
                f"{r.runs.spread * 100:.0f}%",
                "" if traced is None else mib(traced),
                target,
            ]
        )
    return table(
        [
            "platforms",
            "records",
            "operation",
            "best",
            "µs / platform",
            "median",
            "CPU (median)",
            "runs",
            "spread",
            "traced peak",
            "target (best)",
        ],
        cells,
        markdown=markdown,
    )


def rss_report(memory: dict[int, tuple[dict[str, int], dict[str, int]]], *, markdown: bool) -> str:
    cells = []
    for size, (rss, _) in sorted(memory.items()):
        target = ""
        if size == BIG:
            target = f"< {mib(BIG_MEMORY_TARGET)} {mark(rss['peak'] < BIG_MEMORY_TARGET)}"
        cells.append([f"{size:,}", mib(rss["before"]), mib(rss["peak"]), target])
    return table(
        ["platforms", "RSS with the JSON text read", "peak RSS (load … audit)", "target"],
        cells,
        markdown=markdown,
    )


def flatness_report(rows: Sequence[OpRow], *, markdown: bool) -> str:
    cells = []
    for op in ("load", "assess", "targets", "audit"):
        per = {
            r.size: r.runs.best / r.size * 1e6
            for r in rows
            if r.op == op and r.runs is not None and r.size >= FLAT_FROM
        }
        if len(per) < 2:
            cells.append([op, "n/a", "", ""])
            continue
        ratio = max(per.values()) / min(per.values())
        shown = ", ".join(f"{size:,}: {us:,.1f}" for size, us in sorted(per.items()))
        cells.append(
            [op, shown, f"{ratio:.2f}×", f"≤ {FLAT_TARGET:g}× {mark(ratio <= FLAT_TARGET)}"]
        )
    return table(
        [
            "operation",
            f"µs / platform (best) from {FLAT_FROM:,} up",
            "largest / smallest",
            "target",
        ],
        cells,
        markdown=markdown,
    )


def import_report(bare: float, full: float, runs: int, *, markdown: bool) -> str:
    added = full - bare
    cells = [
        ["python -c pass", f"{bare:.1f}", ""],
        ["python -c 'import innovation_policy'", f"{full:.1f}", ""],
        [
            "added by the import",
            f"{added:.1f}",
            f"< {IMPORT_TARGET_MS:g} ms {mark(added < IMPORT_TARGET_MS)}",
        ],
    ]
    return table([f"process (median of {runs})", "ms", "target"], cells, markdown=markdown)


def importtime_report(rows: Sequence[tuple[str, int, int]], *, markdown: bool) -> str:
    cells = [[name, f"{own / 1e3:.1f}", f"{cum / 1e3:.1f}"] for name, own, cum in rows]
    return table(["module (-X importtime)", "self ms", "cumulative ms"], cells, markdown=markdown)


def sizes_argument(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 20,1000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: sizes must be whole numbers from 1")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="sizes 20,1000, fewer repeats")
    parser.add_argument("--sizes", type=sizes_argument, help="e.g. 20,1000,10000,100000")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--importtime", action="store_true", help="show -X importtime top")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory children")
    parser.add_argument("--no-import", action="store_true", help="skip the import timing")
    parser.add_argument("--no-gc", action="store_true", help="time with the cyclic GC off")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child_memory(args.child[1], args.child[0])))
        return 0
    markdown: bool = args.markdown
    sizes: tuple[int, ...] = args.sizes or (QUICK_SIZES if args.quick else SIZES)

    load = os.getloadavg()
    print(
        f"innovation-policy {metadata.version('innovation-policy')} · Python {sys.version.split()[0]}"
        f" · {os.cpu_count()} CPUs · load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        f" · seed {args.seed}{' · quick' if args.quick else ''}"
        f"{' · cyclic GC off while timing' if args.no_gc else ''}"
    )
    if _target_progress() is None:
        print("target_progress: n/a (innovation_policy._targets is not importable)")

    print(heading("One award", markdown=markdown))
    print(award_report(measure_awards(quick=args.quick), markdown=markdown), flush=True)

    rows: list[OpRow] = []
    memory: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
    for size in sizes:
        rows.extend(measure_size(size, quick=args.quick, seed=args.seed, no_gc=args.no_gc))
        if not args.no_memory:
            memory[size] = measure_memory(size, args.seed)
        print(f"  … {size:,} platforms measured", file=sys.stderr, flush=True)
    print(heading("Registers", markdown=markdown))
    print(register_report(rows, memory, markdown=markdown))
    print("\n(audit includes the assessment it makes; traced peak: tracemalloc, in a child)")
    if memory:
        print(heading("Peak memory of a process", markdown=markdown))
        print(rss_report(memory, markdown=markdown))
    print(heading("Time per platform", markdown=markdown))
    print(flatness_report(rows, markdown=markdown), flush=True)

    if not args.no_import:
        runs = 3 if args.quick else 9
        bare, full = measure_import(runs)
        print(heading("Import", markdown=markdown))
        print(import_report(bare, full, runs, markdown=markdown))
        if args.importtime:
            print()
            print(importtime_report(import_time_top(), markdown=markdown))

    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
