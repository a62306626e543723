"""Step records and their rendering in Chinese and English.

A computation records its steps as data (:class:`Step`: a code, the clause ids that
decided it, the very values it used, and the running amount after it). Text is made only
when someone asks, by :func:`render`, so an explanation costs nothing until it is read
and can never disagree with the amount.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from ._labels import Kind, Level, StepCode
from ._money import format_wan, format_yuan, round_down
from ._vocabulary import LANGS, STEPS, TITLES, check_lang, cite, pick, word

__all__ = ["LANGS", "Step", "check_lang", "render", "render_value", "sentence", "title"]


class Step(NamedTuple):
    """One step of a computation, as data.

    ``code`` names what the step did (``ratio``, ``cap``, ``round_down``, ...);
    ``clauses`` are the ids of the clauses that decided it; ``values`` are the values it
    used, in the order its sentence shows them; ``result`` is the amount after the step
    (``None`` for a step that only states an input or a fact).
    """

    code: StepCode
    clauses: tuple[str, ...]
    values: tuple[object, ...]
    result: Decimal | None = None

    def text(self, lang: str = "zh") -> str:
        """This step as one sentence in ``lang``, with its clause ids."""
        return _sentence(self, check_lang(lang))


for _field, _doc in (
    ("code", "What the step did: ``ratio``, ``cap_applied``, ``round_down``, ..."),
    ("clauses", "The ids of the clauses that decided the step."),
    ("values", "The values the step used, in the order its sentence shows them."),
    ("result", "The amount after the step, or ``None`` for a step that states a fact."),
):
    getattr(Step, _field).__doc__ = _doc


def render_value(value: object, lang: str) -> str:
    """A value of a step as text: money with separators, labels in ``lang``, dates ISO."""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return str(label(lang)) if callable(label) else str(value.value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return word("none", lang)
    return str(value)


def sentence(
    templates: tuple[str, str],
    values: Mapping[str, object],
    clauses: tuple[str, ...],
    lang: str,
) -> str:
    """A sentence of the vocabulary in ``lang``, with the values it names filled in and
    its clause ids after it: money (a ``Decimal``) in yuan, labels in ``lang``, dates ISO,
    several values joined as a list."""
    lang = check_lang(lang)
    shown = {name: _shown(value, lang) for name, value in values.items()}
    return cite(pick(templates, lang).format(**shown), clauses, lang)


def _shown(value: object, lang: str) -> str:
    if isinstance(value, Decimal):
        return _yuan(value, lang)
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(_shown(v, lang) for v in value)
    return render_value(value, lang)


def _yuan(value: object, lang: str) -> str:
    """Money as shown in an explanation: to the fen, or exactly where it is finer (an
    intermediate product before rounding), never rounded in the showing."""
    assert isinstance(value, Decimal)
    unit = " 元" if lang == "zh" else " yuan"
    shown = format_yuan(value) if value == round_down(value) else f"{value:,f}"
    return f"{shown}{unit}"


def title(kind: Kind, level: Level | None, year: int | None, lang: str) -> str:
    """The title of an explanation: what the item is, from its kind, level and year."""
    if kind is Kind.CASE:
        return pick(TITLES["case"], lang)
    if kind is Kind.PERFORMANCE:
        if year is None:
            return pick(TITLES["performance"], lang)
        return pick(TITLES["performance_year"], lang).format(year=year)
    assert level is not None  # a matching award always has the level of its approval
    key = "matching" if level in (Level.NATIONAL, Level.PROVINCIAL) else "not_matched"
    return pick(TITLES[key], lang).format(level=level.value if lang == "zh" else level.en)


def _sentence(step: Step, lang: str) -> str:
    money_positions, zh, en = STEPS[step.code]
    template = zh if lang == "zh" else en
    shown = [
        _yuan(v, lang) if i in money_positions else render_value(v, lang)
        for i, v in enumerate(step.values)
    ]
    result = _yuan(step.result, lang) if step.result is not None else ""
    return cite(template.format(*shown, r=result), step.clauses, lang)


def render(title: str, steps: Iterable[Step], amount: Decimal, lang: str) -> str:
    """A whole explanation: a title line, the numbered steps, and the result line last."""
    lang = check_lang(lang)
    lines = [title]
    lines.extend(f"  {n}. {step.text(lang)}" for n, step in enumerate(steps, 1))
    result = pick(TITLES["result"], lang).format(wan=format_wan(amount), amount=_yuan(amount, lang))
    lines.append(f"  {result}")
    return "\n".join(lines)
