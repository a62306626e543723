"""Edge: policy files, read from disk (JSON, or TOML by the ``.toml`` suffix).

The path is checked before it is opened (``_files``: a regular file, never a FIFO or a
device); the text is read exactly (``_json.loads``: no float, duplicate keys located);
the fields are read by :func:`~innovation_policy.policy_from_dict` or, for a file of
versions, :func:`~innovation_policy.timeline_from_dict` (reading 11).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._errors import InputError, Problem, ProblemCode
from ._files import FileError, read_input
from ._json import loads
from ._policy import GANYU_2021, Policy
from ._policy_io import (
    PolicyTimeline,
    policy_from_dict,
    timeline_from_dict,
)

__all__ = ["MAX_POLICY_BYTES", "load_policy"]

MAX_POLICY_BYTES = 1024 * 1024
"""A policy file larger than this (1 MiB) is refused: a policy is a few hundred bytes."""


def load_policy(
    path: str | os.PathLike[str], *, base: Policy = GANYU_2021, source: str | None = None
) -> Policy | PolicyTimeline:
    """The policy of a file: JSON, or TOML when its name ends in ``.toml``.

    A file of fields is read by :func:`policy_from_dict` and gives a
    :class:`~innovation_policy.Policy`; a file with ``"versions"`` (``[[versions]]`` in
    TOML) by :func:`timeline_from_dict`, and gives a :class:`PolicyTimeline`. Every problem
    is reported at once in an :class:`~innovation_policy.InputError` named ``source``
    (the path, by default), each located by field, like
    ``p.toml: provincial_match_ratio: '1:0.3' is not a decimal ratio; write 0.3``.
    """
    where = os.fspath(path) if source is None else source
    data = _read_policy_bytes(path, where)
    if os.fspath(path).lower().endswith(".toml"):
        document = _toml(data, where)
    else:
        document = loads(data, source=where)
    if isinstance(document, Mapping) and "versions" in document:
        return timeline_from_dict(document, base=base, source=where)
    return policy_from_dict(document, base=base, source=where)


def _read_policy_bytes(
    path: str | os.PathLike[str], source: str, what: str = "a policy file"
) -> bytes:
    """The bytes of a policy (or scenario) file, or an :class:`InputError` that says why
    not. Every check of the path itself belongs here."""
    try:
        expected = "a TOML file" if os.fspath(path).endswith(".toml") else "a JSON file"
        data = read_input(path, expected=expected, limit=MAX_POLICY_BYTES)
    except FileError as problem:
        raise InputError(
            [Problem((), ProblemCode.UNREADABLE, problem.message)], source=source
        ) from None
    if len(data) > MAX_POLICY_BYTES:
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.UNREADABLE,
                    f"is larger than 1 MiB; {what} holds a few fields",
                )
            ],
            source=source,
        )
    return data


def _toml(data: bytes, source: str) -> Any:
    import tomllib

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            [
                Problem(
                    (),
                    ProblemCode.UNREADABLE,
                    "is not UTF-8; save the file as UTF-8",
                    location=f"byte {error.start}",
                )
            ],
            source=source,
        ) from None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise InputError(
            [Problem((), ProblemCode.UNREADABLE, f"invalid TOML: {error}")], source=source
        ) from None
