"""Files and inputs as a careless or hostile user brings them (issue 15), each through the
command line where a user meets it: ``--output`` that never replaces what it should not,
inputs that cannot hang the tool, text that cannot reach the terminal raw, API misuse
named plainly, and the smaller defects (a duplicate JSON key located, an unclosed CSV
quote, one size limit, a suffix that contradicts ``--format``, XML entities refused).
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import innovation_policy as ip
from innovation_policy import _files, _policy_files
from innovation_policy._cli import main
from innovation_policy._register import CONTROL_CHARACTERS
from tests.test_readers import example_document, write_csv_folder, write_workbook

Run = Callable[..., tuple[int, str, str]]

ROOT = os.geteuid() == 0
NOT_ROOT = "making a device node (mknod) needs root; CI runs as root, so it runs there"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("assess", "--example")`` → (exit status, stdout, stderr)."""

    def call(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def _example_json(path: Path, document: Any = None) -> Path:
    text = ip.example_register_json() if document is None else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------
# 1. --output replaces only what it should.


@pytest.mark.skipif(not ROOT, reason=NOT_ROOT)
def test_output_to_a_character_device_is_refused_and_the_device_left_alone(
    run: Run, tmp_path: Path
) -> None:
    device = tmp_path / "n"
    os.mknod(device, stat.S_IFCHR | 0o644, os.makedev(1, 3))  # /dev/null's numbers
    status, out, err = run("example", "--output", device)
    assert (status, out) == (2, "")
    assert err == (
        f"innovation-policy: {device}: is a character device, not a regular file: --output "
        "replaces only a regular file, or creates one; give another file name, or - for "
        "standard output\n"
    )
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert stat.S_IMODE(device.lstat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n"]


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _block_device(path: Path) -> None:
    if not ROOT:
        pytest.skip(NOT_ROOT)
    os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(7, 0))


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (_fifo, "a FIFO (named pipe)"),
        (_socket, "a socket"),
        (Path.mkdir, "a directory"),
        (_block_device, "a block device"),
    ],
)
def test_output_to_a_fifo_socket_directory_or_block_device_is_refused(
    run: Run, tmp_path: Path, make: Callable[[Path], None], kind: str
) -> None:
    target = tmp_path / "out.txt"
    make(target)
    mode = target.lstat().st_mode
    status, out, err = run("clauses", "--output", target)
    assert (status, out) == (2, "")
    assert f"{target}: is {kind}, not a regular file: --output replaces only" in err
    assert target.lstat().st_mode == mode
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    status, _, err = run("clauses", "--output", link)
    assert status == 2
    assert f"{link}: is a symbolic link to {target}, which is {kind}, not a regular" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "out.txt"]


def test_output_to_a_symbolic_link_loop_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    status, _, err = run("clauses", "--output", tmp_path / "a")
    assert status == 2
    assert "is a symbolic link that cannot be followed, not a regular file" in err


def test_output_through_a_symbolic_link_replaces_its_target_keeping_link_and_mode(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "findings.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    link = tmp_path / "findings.txt"
    link.symlink_to(target)
    status, out, _ = run("audit", "--example", "--output", link)
    assert (status, out) == (1, "")
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert "项存疑" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["findings.txt"]


def test_output_dash_is_standard_output(run: Run, tmp_path: Path) -> None:
    assert run("clauses", "--output", "-") == run("clauses")
    assert run("example", "--output", "-") == run("example")
    assert not (tmp_path / "-").exists()


def _hold_lock(path: Path) -> int:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_run(
    run: Run, tmp_path: Path
) -> None:
    """The run is killed with SIGKILL while its temporary file is written (its rename
    made to wait): the old output is intact and the next run removes what it left."""
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "from innovation_policy import _files\n"
            "os.replace = lambda *args: time.sleep(600)\n"
            "_files.write_output(sys.argv[1], b'new')\n",
            str(target),
        ]
    )
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)  # written, waiting in os.replace
    finally:
        child.kill()
        child.wait()
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "out.txt")
    assert len(left) == 1
    assert left[0].startswith(".out.txt.")
    assert target.read_text(encoding="utf-8") == "old"
    assert run("clauses", "--output", target)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert target.read_text(encoding="utf-8").startswith("赣榆区")


def test_a_temporary_file_being_written_or_not_made_by_this_tool_is_left_alone(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "out.txt"
    stale = tmp_path / ".out.txt.abcd_123.tmp"
    stale.write_bytes(b"half")
    busy = tmp_path / ".out.txt.busy0000.tmp"
    descriptor = _hold_lock(busy)  # a live run writing the same output
    (tmp_path / ".out.txt.folder00.tmp").mkdir()
    other = [".out.txt.x.tmp", ".other.txt.abcdefgh.tmp", ".out.txt.ABCDEFGH.tmp"]
    for name in other:
        (tmp_path / name).write_bytes(b"")
    try:
        assert run("clauses", "--output", target)[0] == 0
    finally:
        os.close(descriptor)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*other, "out.txt", busy.name, ".out.txt.folder00.tmp"]
    )


def test_a_temporary_file_taken_for_stale_in_the_instant_before_its_lock_is_made_again(
    tmp_path: Path,
) -> None:
    calls: list[int] = []

    def flock(descriptor: int, operation: int) -> None:
        calls.append(descriptor)
        if len(calls) == 1:  # another run removes it before it is locked
            for path in tmp_path.iterdir():
                path.unlink()
        fcntl.flock(descriptor, operation)

    descriptor, temporary = _files._locked_temporary(tmp_path / "out.txt", flock)
    os.close(descriptor)
    assert len(calls) == 2
    assert [p.name for p in tmp_path.iterdir()] == [Path(temporary).name]


# ----------------------------------------------------------------------------------------
# 2. Inputs that are no regular file are never opened.


@pytest.fixture
def watchdog() -> Iterator[Callable[[Path], None]]:
    """Guard a FIFO: if the tool opens it for reading (a regression), unblock it after a
    few seconds by opening the other end, so that the test fails instead of hanging."""
    done = threading.Event()
    threads: list[threading.Thread] = []

    def guard(fifo: Path) -> None:
        def unblock() -> None:
            if not done.wait(10):
                with open(fifo, "wb") as writer:  # the tool blocks reading: let it go
                    writer.write(b"{")

        thread = threading.Thread(target=unblock, daemon=True)
        thread.start()
        threads.append(thread)

    yield guard
    done.set()
    for thread in threads:
        thread.join()


@pytest.mark.parametrize(
    ("name", "argv", "message"),
    [
        (
            "r.json",
            ["assess", "{}"],
            "{}: 1 problem found:\n  - is a FIFO (named pipe), not a JSON file",
        ),
        (
            "r.xlsx",
            ["assess", "{}"],
            "{}: 1 problem found:\n  - is a FIFO (named pipe), not an .xlsx workbook",
        ),
        (
            "r",
            ["audit", "{}"],
            "{}: 1 problem found:\n  - is a FIFO (named pipe), not a register file; expected "
            "a .json file, a folder of CSV files or an .xlsx workbook",
        ),
        ("r.csv", ["targets", "{}"], "is a FIFO (named pipe), not a register file"),
        (
            "policy.json",
            ["assess", "--example", "--policy", "{}"],
            "--policy {}: 1 problem found:\n  - is a FIFO (named pipe), not a JSON file",
        ),
    ],
)
def test_a_fifo_as_register_or_policy_is_refused_without_being_opened(
    run: Run,
    tmp_path: Path,
    watchdog: Callable[[Path], None],
    name: str,
    argv: list[str],
    message: str,
) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    watchdog(fifo)
    status, out, err = run(*[str(fifo) if a == "{}" else a for a in argv])
    assert (status, out) == (2, "")
    assert message.replace("{}", str(fifo)) in err


def test_a_fifo_in_a_folder_of_csv_files_is_refused_without_being_opened(
    run: Run, tmp_path: Path, watchdog: Callable[[Path], None]
) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "approvals.csv").unlink()
    os.mkfifo(folder / "approvals.csv")
    watchdog(folder / "approvals.csv")
    status, _, err = run("assess", folder)
    assert status == 2
    assert "  - approvals.csv: is a FIFO (named pipe), not a CSV file\n" in err


def test_a_fifo_does_not_hang_the_installed_command() -> None:
    """The same, as a user runs it: the console script, with a timeout (no watchdog)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fifo = Path(tmp) / "r.json"
        os.mkfifo(fifo)
        done = subprocess.run(
            [sys.executable, "-m", "innovation_policy", "assess", str(fifo)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert "is a FIFO (named pipe), not a JSON file" in done.stderr


def test_a_device_as_register_is_refused_without_being_opened(run: Run) -> None:
    status, _, err = run("assess", os.devnull)
    assert status == 2
    assert f"{os.devnull}: 1 problem found:\n  - is a character device, not a register file" in err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("x.json", "is a directory, not a JSON file"),
        ("x.xlsx", "is a directory, not an .xlsx workbook"),
    ],
)
def test_a_directory_named_like_a_json_file_or_workbook_is_named_as_a_directory(
    run: Run, tmp_path: Path, name: str, message: str
) -> None:
    folder = write_csv_folder(tmp_path / name)  # even one that holds CSV files
    status, _, err = run("assess", folder)
    assert status == 2
    assert err == f"innovation-policy: {folder}: 1 problem found:\n  - {message}\n"


def test_a_path_replaced_between_its_check_and_its_opening_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    regular = os.stat(_example_json(tmp_path / "other.json"))
    monkeypatch.setattr(os, "stat", lambda path: regular)  # it was a file when looked at
    with pytest.raises(_files.FileError, match=r"^is a FIFO \(named pipe\), not a JSON file$"):
        _files.open_input(fifo, expected="a JSON file")


def test_a_regular_file_that_fails_while_read_is_reported() -> None:
    with pytest.raises(ip.InputError) as raised:
        ip.load_register("/proc/self/mem")  # a regular file whose first page cannot be read
    assert str(raised.value.problems[0]) == "cannot be read: Input/output error"


# ----------------------------------------------------------------------------------------
# 3. Control characters: refused in ids, escaped in every text output for names.

CONTROLS = {
    "nul": "\x00",
    "newline": "\n",
    "tab": "\t",
    "osc-title": "\x1b]0;owned\x07",
    "csi-c1": "\x9b2J",
    "bidi-override": "\u202e",
    "bidi-isolate": "\u2067",
    "del": "\x7f",
}
XML_ILLEGAL = {"nul", "osc-title", "del"}
"""What XML 1.0, and so a workbook, cannot hold at all (openpyxl refuses to write it)."""


def _register_file(reader: str, tmp_path: Path, document: Any) -> Path:
    if reader == "json":
        return _example_json(tmp_path / "r.json", document)
    if reader == "csv":
        return write_csv_folder(tmp_path / "r", document)
    return write_workbook(tmp_path / "r.xlsx", document)


READER_CONTROLS = [
    (reader, control)
    for reader in ("json", "csv", "xlsx")
    for control in CONTROLS
    if not (reader == "xlsx" and control in XML_ILLEGAL)
]


@pytest.mark.parametrize(("reader", "control"), READER_CONTROLS)
def test_a_control_character_in_an_id_is_refused_where_it_is(
    run: Run, tmp_path: Path, reader: str, control: str
) -> None:
    document = example_document()
    document["approvals"][0]["id"] = "A" + CONTROLS[control] + "01"
    document["payments"][0]["platform"] = "P" + CONTROLS[control] + "01"
    path = _register_file(reader, tmp_path, document)
    status, out, err = run("assess", path)
    assert (status, out) == (2, "")
    where = {
        "json": ("approvals[0].id", "payments[0].platform"),
        "csv": ("approvals.csv line 2, column id", "payments.csv line 2, column platform"),
        "xlsx": ("sheet approvals row 2, column id", "sheet payments row 2, column platform"),
    }[reader]
    for place in where:
        assert f"  - {place}: " in err
    assert "holds the control character U+" in err
    assert CONTROL_CHARACTERS.search(err.replace("\n", "")) is None


def _no_raw_control(text: str) -> None:
    assert CONTROL_CHARACTERS.search(text.replace("\n", "")) is None


@pytest.mark.parametrize(("reader", "control"), READER_CONTROLS)
def test_a_control_character_in_a_name_is_escaped_in_every_output_format(
    run: Run, tmp_path: Path, reader: str, control: str
) -> None:
    name = "赣榆" + CONTROLS[control] + "中心"
    document = example_document()
    document["platforms"][0]["name"] = name
    path = _register_file(reader, tmp_path, document)
    shown = "赣榆" + _files.escape(CONTROLS[control]) + "中心"
    for command in ("assess", "explain"):
        extra = ["P01"] if command == "explain" else []
        status, text, _ = run(command, path, *extra)
        assert status == 0
        _no_raw_control(text)
        assert f"P01  {shown}\n" in text  # the table's lines are whole
        status, out, _ = run(command, path, *extra, "--format", "json")
        assert status == 0
        _no_raw_control(out)
        assert json.loads(out)["platforms" if command == "assess" else "platform"] is not None
    assert json.loads(run("assess", path, "--format", "json")[1])["platforms"][0]["name"] == name
    status, out, _ = run("assess", path, "--format", "csv")
    assert status == 0
    _no_raw_control(out)
    names = {row[2] for row in list(csv.reader(io.StringIO(out)))[1:] if row[1] == "P01"}
    assert names == {_files.escape_lines(name)}


def test_control_characters_in_messages_are_escaped_on_stderr(run: Run, tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    (folder / "\x1b]0;x\x07.csv").write_text("a\n", encoding="utf-8")
    status, _, err = run("explain", folder, "\u202eP01")
    assert status == 2
    assert "\\x1b]0;x\\x07.csv: is not a table of the register" in err
    _no_raw_control(err)


def test_escapes_leave_text_without_control_characters_as_it_is() -> None:
    assert _files.escape("P01  赣榆") == "P01  赣榆"
    assert _files.escape_lines("a\nb") == "a\nb"
    assert _files.escape_json('{\n  "a": "b"\n}') == '{\n  "a": "b"\n}'
    assert _files.escape("a\tb\r\x00\x9b\u202e") == "a\\tb\\r\\x00\\x9b\\u202e"
    assert json.loads(_files.escape_json(json.dumps("\x7f\x9b\u2066", ensure_ascii=False))) == (
        "\x7f\x9b\u2066"
    )


# ----------------------------------------------------------------------------------------
# 4. API misuse named plainly.


def test_load_register_of_a_dict_says_to_call_register_from_dict() -> None:
    document = example_document()
    with pytest.raises(ip.PolicyTypeError) as raised:
        ip.load_register(document)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith(
        "load_register reads a JSON file (a path or an open file), given dict {"
    )
    assert message.endswith(
        " characters); for a register as a dictionary, call register_from_dict(document)"
    )
    assert "…" in message
    assert len(message) < 300
    assert ip.register_from_dict(document) == ip.example_register()


def test_load_register_of_json_text_says_it_looks_like_json_text(tmp_path: Path) -> None:
    text = ip.example_register_json()
    with pytest.raises(ip.PolicyTypeError) as raised:
        ip.load_register(text)
    message = str(raised.value)
    assert "was given what looks like JSON text, not the path of a file" in message
    assert message.endswith(
        "for JSON text, call Register.from_json(text) or load_register(io.StringIO(text))"
    )
    assert ip.load_register(io.StringIO(text)) == ip.example_register()
    odd = tmp_path / "[odd].json"  # a file whose name begins like JSON is still read
    _example_json(odd)
    assert ip.load_register(str(odd)) == ip.example_register()


def test_load_register_of_something_that_is_no_path_names_what_it_was_given() -> None:
    with pytest.raises(
        ip.PolicyTypeError,
        match=r"expected a path \(str or os.PathLike\) or an open file, given int 3;",
    ):
        ip.load_register(3)  # type: ignore[arg-type]


def test_register_from_json_of_a_dict_says_to_call_register_from_dict() -> None:
    with pytest.raises(ip.PolicyTypeError) as raised:
        ip.Register.from_json({"platforms": []})  # type: ignore[arg-type]
    assert str(raised.value) == (
        "expected the JSON text of a register (str or bytes), given dict {'platforms': []}; "
        "for a register as a dictionary, call register_from_dict(document)"
    )
    with pytest.raises(ip.PolicyTypeError, match=r"given list \[\]$"):
        ip.Register.from_json([])  # type: ignore[arg-type]


def test_schema_of_a_list_names_what_it_was_given() -> None:
    with pytest.raises(ip.PolicyTypeError) as raised:
        ip.schema(["register"])  # type: ignore[arg-type]
    assert str(raised.value) == (
        "schema: expected the name of a shipped schema, like schema('register'), given list "
        "['register']; valid: register, assessment, findings, targets, policy, comparison, sweep"
    )


# ----------------------------------------------------------------------------------------
# 5. The smaller defects.


def test_a_duplicate_json_key_is_located_by_line_and_column(run: Run, tmp_path: Path) -> None:
    text = ip.example_register_json().replace(
        '"name": "赣榆新能源技术创新中心"', '"name": "a", "name": "b"', 1
    )
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(next(t for t in text.split("\n") if '"name": "a"' in t)) + 1
    column = text.split("\n")[line - 1].index('"name": "b"') + 1
    status, _, err = run("assess", path)
    assert status == 2
    assert err == (
        f"innovation-policy: {path}: 1 problem found:\n"
        f"  - line {line}, column {column}: the key 'name' appears twice in one object\n"
    )


def test_the_first_duplicate_key_in_the_text_is_the_one_located() -> None:
    for text, where, key in [
        ('{"a": {"b": 1, "b": 2}, "a": 3}', "line 1, column 16", "b"),
        (
            '{"p": [{"x": 1}, {"x": 2}],\n "q": [1, {"\\u0061": 1, "a": 2}]}',
            "line 2, column 25",
            "a",
        ),
    ]:
        with pytest.raises(ip.InputError) as raised:
            ip.Register.from_json(text)
        assert (
            str(raised.value.problems[0]) == f"{where}: the key {key!r} appears twice in one object"
        )


def test_an_unclosed_csv_quote_is_reported_as_such(run: Run, tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "r")
    platforms = folder / "platforms.csv"
    text = platforms.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    lines[3] = lines[3].replace(",", ',"', 1)  # the name of the third platform
    platforms.write_text("\n".join(lines), encoding="utf-8")
    status, _, err = run("assess", folder)
    assert status == 2
    assert (
        '  - platforms.csv line 4: the value in column 2 (name) opens a quote (") that is '
        "never closed, so the rest of the file would be read into it; close the quote\n"
    ) in err
    assert "is blank" not in err


def test_a_closed_csv_quote_at_the_end_is_read(run: Run, tmp_path: Path) -> None:
    document = example_document()
    document["payments"][-1]["item"] = None
    folder = write_csv_folder(tmp_path / "r", document)
    payments = folder / "payments.csv"
    payments.write_text(
        payments.read_text(encoding="utf-8-sig").rstrip("\n") + '"x""y"', encoding="utf-8"
    )
    status, _, err = run("audit", folder)
    assert status == 2
    assert "never closed" not in err
    assert "names no approval" in err  # read: 'x"y' is the item


def test_a_csv_value_may_be_as_large_as_a_json_one(run: Run, tmp_path: Path) -> None:
    name = "赣" * 200_000  # beyond the csv module's own limit of 131,072 characters
    document = example_document()
    document["platforms"][0]["name"] = name
    folder = write_csv_folder(tmp_path / "r", document)
    json_path = _example_json(tmp_path / "r.json", document)
    assert run("assess", folder, "--format", "json") == run("assess", json_path, "--format", "json")
    assert run("assess", folder)[0] == 0


def test_a_csv_error_is_reported_where_it_happens(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the csv module refuse a file (here its field limit, set lower by another
    library and kept there), the error is located: never a traceback."""
    document = example_document()
    document["platforms"][0]["name"] = "x" * 200
    folder = write_csv_folder(tmp_path / "r", document)
    limit = csv.field_size_limit(100)
    monkeypatch.setattr(csv, "field_size_limit", lambda *args: 100)
    try:
        status, _, err = run("assess", folder)
    finally:
        monkeypatch.undo()
        csv.field_size_limit(limit)
    assert status == 2
    assert "platforms.csv line 2: cannot be read as CSV: field larger than field limit (100)" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["assess", "--example", "--format", "csv", "--output", "{}/a.json"],
            "a .json file, but the output is csv; give --format json",
        ),
        (
            ["assess", "--example", "--output", "{}/a.json"],
            "a .json file, but the output is text; give --format json",
        ),
        (
            ["audit", "--example", "--format", "json", "--output", "{}/a.CSV"],
            "a .csv file, but the output is json; give --format csv",
        ),
        (
            ["clauses", "--output", "{}/a.csv"],
            "a .csv file, but the output is text; give --format csv",
        ),
    ],
)
def test_an_output_suffix_that_contradicts_the_format_is_refused(
    run: Run, tmp_path: Path, argv: list[str], message: str
) -> None:
    status, out, err = run(*[a.replace("{}", str(tmp_path)) for a in argv])
    assert (status, out) == (2, "")
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_suffix_that_agrees_with_the_format_is_written(run: Run, tmp_path: Path) -> None:
    for argv in (
        ["--format", "json", "--output", "a.json"],
        ["--format", "csv", "--output", "a.csv"],
        ["--output", "a.txt"],
    ):
        out = [str(tmp_path / a) if a.startswith("a.") else a for a in argv]
        assert run("assess", "--example", *out)[0] == 0
    assert run("example", "--output", tmp_path / "r.json")[0] == 0


def _workbook_with_part(tmp_path: Path, edit: Callable[[bytes], bytes]) -> Path:
    source = write_workbook(tmp_path / "source.xlsx")
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for part in original.infolist():
            data = original.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            copy.writestr(part, data)
    return path


def _with_entity(data: bytes) -> bytes:
    return data.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY e "P01">]><worksheet', 1)


@pytest.mark.parametrize(
    "edit",
    [
        _with_entity,
        lambda data: data.replace(b"<worksheet", b"<!DOCTYPE worksheet><worksheet", 1),
        lambda data: data + "<!ENTITY".encode("utf-16-le"),
        lambda data: data + "<!DOCTYPE".encode("utf-16-be"),
    ],
    ids=["entity", "doctype", "utf-16-le-entity", "utf-16-be-doctype"],
)
def test_a_workbook_that_declares_entities_is_refused_by_the_project_itself(
    run: Run, tmp_path: Path, edit: Callable[[bytes], bytes]
) -> None:
    path = _workbook_with_part(tmp_path, edit)
    status, _, err = run("assess", path)
    assert status == 2
    assert (
        f"{path}: 1 problem found:\n  - has a part, xl/worksheets/sheet1.xml, that declares a "
        "document type or entities (<!DOCTYPE or <!ENTITY)"
    ) in err


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    assert openpyxl.__name__ == "openpyxl"


def test_a_policy_file_too_large_is_refused_unread(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"national_match_cap": "8000000"}', encoding="utf-8")
    monkeypatch.setattr(_policy_files, "MAX_POLICY_BYTES", 10)
    status, _, err = run("assess", "--example", "--policy", path)
    assert status == 2
    assert "is larger than 1 MiB" in err


def test_two_ids_of_one_record_with_control_characters_are_both_located(
    run: Run, tmp_path: Path
) -> None:
    document = example_document()
    document["approvals"][0]["id"] = "A\n01"
    document["approvals"][0]["platform"] = "P\x1b01"
    status, _, err = run("assess", _example_json(tmp_path / "r.json", document))
    assert status == 2
    assert "  - approvals[0].platform: 'P\\x1b01' holds the control character U+001B;" in err
    assert "  - approvals[0].id: 'A\\n01' holds the control character U+000A;" in err
