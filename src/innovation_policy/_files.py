"""Edge: files as a careless or hostile user brings them, and text as it reaches a terminal.

Reading: a path is looked at (:func:`os.stat`) before it is opened, and only a regular
file is opened, so that a FIFO, a device or a socket given as a register never blocks
the reader or wakes a device; what was opened is checked again, as the path may have
changed in between (:func:`open_input`).

Writing (``--output``): the output is written to a temporary file beside its target and
renamed over it (:func:`write_output`), so that the target is whole or untouched. Only an
absent target or a regular file is replaced, keeping its mode; a symbolic link is
followed and its target replaced; a directory, device, FIFO or socket is refused. The
temporary file is locked while it is written, so that the next run writing the same
output can tell one left by a killed run from one being written, and remove it.

Text: control characters (C0, DEL, C1) and the bidirectional overrides and isolates
(U+202A–U+202E, U+2066–U+2069) are shown as escapes (``\\x1b``, ``\\u202e``) in text and
CSV output and on stderr, and as JSON escapes in JSON output (the same string when read
back), so that no text read from a register reaches a terminal raw (:func:`escape`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from ._register import CONTROL_CHARACTERS, CONTROL_RANGES

__all__ = [
    "FORMULA_STARTS",
    "FileError",
    "describe",
    "duplicate_key",
    "escape",
    "escape_json",
    "escape_lines",
    "neutral",
    "open_input",
    "read_input",
    "write_output",
]


class FileError(Exception):
    """A path that cannot be used as it is: the message says what it is and what to do.

    ``message`` reads after the path: ``is a FIFO (named pipe), not a JSON file``.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link that cannot be followed"),
    (stat.S_ISREG, "a regular file"),
)


def describe(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: ``a FIFO (named pipe)``, ..."""
    return next((words for test, words in _KINDS if test(mode)), "a special file")


def _cannot(exc: OSError, verb: str) -> FileError:
    return FileError(f"cannot be {verb}: {exc.strerror or exc}")


# ----------------------------------------------------------------------------------------
# Reading.


def open_input(path: str | os.PathLike[str], *, expected: str) -> IO[bytes]:
    """``path`` opened for reading, if it is a regular file; else :class:`FileError`
    saying what it is instead of ``expected`` (``a JSON file``).

    The path is looked at before it is opened: a FIFO would block the open (and the
    read) forever, a device may act on being opened. It is then opened without blocking
    and what was opened is checked again, as the path may have been replaced meanwhile.
    """
    try:
        _check_regular(os.stat(path).st_mode, expected)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise _cannot(exc, "read") from None
    try:
        _check_regular(os.fstat(descriptor).st_mode, expected)
    except FileError:
        os.close(descriptor)
        raise
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def _check_regular(mode: int, expected: str) -> None:
    if not stat.S_ISREG(mode):
        raise FileError(f"is {describe(mode)}, not {expected}")


def read_input(path: str | os.PathLike[str], *, expected: str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` + 1 of them (a caller
    refuses more than ``limit``); else :class:`FileError`."""
    with open_input(path, expected=expected) as file:
        try:
            return file.read(limit + 1)
        except OSError as exc:
            raise _cannot(exc, "read") from None


# ----------------------------------------------------------------------------------------
# Writing.

_TEMPORARY = re.compile(r"[a-z0-9_]{8}\.tmp")
"""What :func:`tempfile.mkstemp` adds after the prefix ``.<name>.`` (and the suffix)."""


def write_output(path: str, data: bytes) -> None:
    """Write ``data`` to the file ``path`` whole or not at all.

    A temporary file is written beside the target (beside what a symbolic link leads to),
    flushed to disk, given the target's mode (or, for a new file, the mode the umask
    allows) and renamed over it. Only an absent target or a regular file is replaced; a
    directory, a device, a FIFO or a socket is refused with :class:`FileError`. A
    temporary file of an earlier run that was killed while writing the same output is
    removed first. An error of the system (no space, no permission) is an
    :class:`OSError`, after which the target is as it was and no temporary file remains.
    """
    import fcntl  # POSIX: the command line's --output locks its temporary file

    given = os.path.abspath(path)
    target = Path(os.path.realpath(given))
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        mode = _new_file_mode()
    else:
        if not stat.S_ISREG(found.st_mode):
            via = "" if str(target) == given else f"is a symbolic link to {target}, which "
            raise FileError(
                f"{via}is {describe(found.st_mode)}, not a regular file: --output replaces "
                "only a regular file, or creates one; give another file name, or - for "
                "standard output"
            )
        mode = stat.S_IMODE(found.st_mode)
    _remove_stale(target)
    descriptor, temporary = _locked_temporary(target, fcntl.flock)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            os.fchmod(file.fileno(), mode)
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _locked_temporary(target: Path, flock: Callable[[int, int], None]) -> tuple[int, str]:
    """A new temporary file beside ``target``, locked: ``(descriptor, path)``.

    Another run removing stale temporary files may take a new one for stale in the
    instant between its creation and its lock; the lock is then on a file no longer in
    the folder, and another is made.
    """
    import fcntl

    while True:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        flock(descriptor, fcntl.LOCK_EX)
        if _same_file(descriptor, temporary):
            return descriptor, temporary
        os.close(descriptor)


def _same_file(descriptor: int, path: str) -> bool:
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _remove_stale(target: Path) -> None:
    """Remove the temporary files of ``target`` that no live run is writing: those left
    by a run killed before it could rename its file. A run holds a lock on the file it
    writes until it has renamed it; a file that can be locked has no writer."""
    import fcntl

    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        names = os.listdir(target.parent)
        for name in names:
            if not (name.startswith(prefix) and _TEMPORARY.fullmatch(name[len(prefix) :])):
                continue
            path = target.parent / name
            with contextlib.suppress(OSError):  # held by a live run: BlockingIOError
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    continue  # not a file this module made: left alone
                descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    os.unlink(path)
                finally:
                    os.close(descriptor)


# ----------------------------------------------------------------------------------------
# Locating in a JSON text.

_STRUCTURE = re.compile(r'["{}\[\],]')


def duplicate_key(text: str) -> tuple[int, int, str]:
    """``(line, column, key)`` of the first key, in the order of the text, that an object
    already has: ``text`` is JSON that :func:`json.loads` refused for a repeated key (so
    it is well formed up to the object that repeats one)."""
    import json

    decoder = json.JSONDecoder()
    objects: list[set[str] | None] = []  # the keys of each open object; None: an array
    key_next = False
    at = 0
    while True:
        found = _STRUCTURE.search(text, at)
        assert found is not None, "no key is repeated"
        at = found.start()
        char = found.group()
        if char == '"':
            value, at = decoder.raw_decode(text, at)
            keys = objects[-1] if key_next else None
            if keys is not None:
                if value in keys:
                    start = found.start()
                    line = text.count("\n", 0, start) + 1
                    return line, start - text.rfind("\n", 0, start), value
                keys.add(value)
            key_next = False
            continue
        if char in "{[":
            objects.append(set() if char == "{" else None)
            key_next = char == "{"
        elif char in "}]":
            objects.pop()
        else:
            key_next = objects[-1] is not None
        at += 1


# ----------------------------------------------------------------------------------------
# Text.


def _escape_of(code: int) -> str:
    if code in (0x09, 0x0A, 0x0D):
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}[code]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _controls() -> list[int]:
    return [code for low, high in CONTROL_RANGES for code in range(low, high + 1)]


_DISPLAY = {code: _escape_of(code) for code in _controls()}
_LINES = {code: text for code, text in _DISPLAY.items() if code != 0x0A}
_JSON = {code: f"\\u{code:04x}" for code in _controls() if code > 0x1F}
"""JSON: :func:`json.dumps` escapes C0 in strings, and writes line breaks between them."""


def _search(codes: Iterable[int]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]")


_LINES_FOUND = _search(_LINES)
_JSON_FOUND = _search(_JSON)


def escape(text: str) -> str:
    """``text`` with every control character shown as an escape, line breaks too: for a
    value read from a register (a platform's name) in a line of a text table."""
    return text.translate(_DISPLAY) if CONTROL_CHARACTERS.search(text) else text


def escape_lines(text: str) -> str:
    """``text`` as :func:`escape` shows it, but keeping its line breaks: for whole text
    or CSV output, and for messages on stderr."""
    return text.translate(_LINES) if _LINES_FOUND.search(text) else text


def escape_json(text: str) -> str:
    """A JSON document written by :func:`json.dumps` with every control character it
    leaves raw (DEL, C1, bidi) as a JSON escape (``\\u202e``): the same document when
    read, and nothing raw for a terminal (only strings can hold such characters)."""
    return text.translate(_JSON) if _JSON_FOUND.search(text) else text


# ----------------------------------------------------------------------------------------
# Spreadsheets.

FORMULA_STARTS = ("=", "+", "-", "@")
"""What a spreadsheet takes for the start of a formula (CSV injection, CWE-1236)."""

_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutral(value: object) -> object:
    """A CSV cell that no spreadsheet evaluates: text beginning with ``=``, ``+``, ``-``
    or ``@`` gets a leading ``'`` (the convention Excel and LibreOffice show as text and
    OWASP recommends); a plain number such as ``-5.00`` (a negative difference) is kept as
    it is, being no formula. Anything but text is returned unchanged.

    >>> neutral("=HYPERLINK(1)"), neutral("-5.00"), neutral("P1")
    ("'=HYPERLINK(1)", '-5.00', 'P1')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
