"""Plain-text tables for the target report and the command line, aligned by display width.

A Chinese character takes two columns of a terminal, a Latin letter one
(:func:`unicodedata.east_asian_width`: ``W`` and ``F`` are wide). Padding by ``len``
would misalign every table with a Chinese name in it; these helpers pad by display width.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "pad", "table"]

_WIDE = frozenset({"W", "F"})
_LONGEST_RULE = 40  # the last column may hold long text; its rule stops here


def display_width(text: str) -> int:
    """The number of terminal columns ``text`` takes: 2 for a wide character, 0 for a
    combining mark, 1 otherwise.

    >>> display_width("P01 区科技局")
    10
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in _WIDE else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns: ``<`` left, ``>`` right."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if align == ">" else text + fill


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    align: str | None = None,
    indent: str = "",
    gap: str = "  ",
) -> list[str]:
    """The lines of an aligned table: a header, a rule, then the rows.

    ``align`` has one character per column, ``<`` or ``>`` (default: all left). The
    last column is not padded on the right, so no line ends in spaces, and its rule is at
    most 40 columns long (it may hold long text).
    """
    count = len(headers)
    aligns = align or "<" * count
    if len(aligns) != count or any(len(row) != count for row in rows):
        raise ValueError("table: every row needs one cell per header, and align one per column")
    widths = [
        max([display_width(headers[c])] + [display_width(row[c]) for row in rows])
        for c in range(count)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [pad(cell, widths[c], aligns[c]) for c, cell in enumerate(cells)]
        return (indent + gap.join(parts)).rstrip()

    rules = [*widths[:-1], min(widths[-1], max(display_width(headers[-1]), _LONGEST_RULE))]
    rule = indent + gap.join("-" * w for w in rules)
    return [line(headers), rule, *(line(row) for row in rows)]
