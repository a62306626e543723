"""Edge: the command line (a demo until the full command line lands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ._labels import Category, Level
from ._rules import classify

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the classification table of §3.0 and §4."""
    del argv
    out = sys.stdout
    out.write("类别 / 级别 → 是否重大平台，计为，负责部门（§3.0、§4）\n")
    for category in Category:
        for level in Level:
            c = classify(category, level)
            mark = "重大" if c.is_major else "否"
            out.write(
                f"{category.value}\t{level.value}\t{mark}\t{c.counts_as.value}\t{c.bureau.value}\n"
            )
    return 0
