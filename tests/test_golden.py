"""The outputs of the example register, compared with stored copies.

Each command below runs on the shipped example register and its output must equal, byte
for byte, the copy stored in ``tests/golden/``. A restructuring of the code must leave
every copy as it is; a change of a rule changes a copy in the same commit, and the
commit says which clause moved it. ``INNOVATION_POLICY_UPDATE_GOLDEN=1 pytest --no-cov
tests/test_golden.py`` rewrites the copies (then read the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from innovation_policy._cli import main

GOLDEN = Path(__file__).parent / "golden"

CASES: dict[str, list[str]] = {}
for _lang in ("zh", "en"):
    for _fmt in ("text", "json", "csv"):
        CASES[f"assess.{_lang}.{_fmt}"] = ["assess", "--example", "--lang", _lang, "--format", _fmt]
        CASES[f"audit.{_lang}.{_fmt}"] = ["audit", "--example", "--lang", _lang, "--format", _fmt]
        CASES[f"explain-P01.{_lang}.{_fmt}"] = [
            "explain",
            "--example",
            "P01",
            "--lang",
            _lang,
            "--format",
            _fmt,
        ]
        for _as_of in ("2021-12-31", "2023-06-30", "2025-12-31"):
            CASES[f"targets-{_as_of}.{_lang}.{_fmt}"] = [
                "targets",
                "--example",
                "--as-of",
                _as_of,
                "--lang",
                _lang,
                "--format",
                _fmt,
            ]
CASES["assess.each_approval.city_top_up.json"] = [
    "assess",
    "--example",
    "--format",
    "json",
    "--reading",
    "upgrade=each_approval",
    "--reading",
    "city=top_up",
]
CASES["example.json"] = ["example"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    main(argv)
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_example_outputs_are_those_stored(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _run(CASES[name], capsys)
    stored = GOLDEN / name
    if os.environ.get("INNOVATION_POLICY_UPDATE_GOLDEN") == "1":
        stored.write_text(output, encoding="utf-8")
    assert output == stored.read_text(encoding="utf-8")
