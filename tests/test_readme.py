"""The README tells the truth: its two commands and the output it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innovation_policy._cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

MAIN_JOB = "pip install . && innovation-policy assess --example"
TEST_COMMAND = "pip install -e '.[test]' && pytest"


def console_commands(text: str) -> list[str]:
    """The commands of the ```console blocks, in order."""
    blocks = re.findall(r"```console\n(.*?)```", text, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_shows_the_two_commands_at_its_top() -> None:
    assert console_commands(README)[:2] == [MAIN_JOB, TEST_COMMAND]


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    assert TEST_COMMAND in CI.splitlines()


def test_the_output_shown_in_the_readme_is_what_the_first_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = re.search(r"```text\n(.*?)```", README, re.S)
    assert shown is not None
    assert main(["assess", "--example"]) == 0
    printed = capsys.readouterr().out
    # The README leaves out the middle, marked by a line with "…": every other part
    # must appear in the real output exactly, and in the README's order.
    parts = re.split(r"\n*^.*….*$\n*", shown.group(1), flags=re.M)
    assert len(parts) == 2
    position = 0
    for part in parts:
        found = printed.find(part.strip("\n"), position)
        assert found >= 0, part
        position = found + len(part.strip("\n"))
