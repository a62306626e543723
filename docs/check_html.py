"""Check the built HTML: the clause page shows the original Chinese of every rule clause.

Run after the HTML build::

    python docs/check_html.py docs/_build/html

For every clause of kind ``rule`` in ``innovation_policy.CLAUSES``, the section labelled
for it on ``clauses.html`` (``clause-6-3`` for §6.3) must hold its original text, whole,
in an element marked ``lang="zh-Hans"``. And the Chinese must render: the file is valid
UTF-8 and says so (``<meta charset="utf-8">``), has no replacement characters, no
mojibake (UTF-8 read as Latin-1 or cp1252), and no CJK written as numeric character
references (``&#36195;``) instead of text. Exits 1, with every problem listed, otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import innovation_policy as ip

PAGE = "clauses.html"
LANG = "zh-Hans"
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def clause_label(clause_id: str) -> str:
    """The label of a clause's section, as ``docs/_ext/policy_docs.py`` writes it."""
    return "clause-" + clause_id.removeprefix("§").replace(".", "-").lower()


class _Sections(HTMLParser):
    """The text of every ``<section>`` by id, all of it and the part in ``lang``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, section id, in lang)
        self.text: dict[str, list[str]] = {}
        self.in_lang: dict[str, list[str]] = {}
        self.charset: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("charset"):
            self.charset = (attributes["charset"] or "").lower()
        if tag in VOID:
            return
        inherited = bool(self.stack) and self.stack[-1][2]
        section = attributes.get("id") if tag == "section" else None
        self.stack.append((tag, section, inherited or attributes.get("lang") == LANG))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        in_lang = bool(self.stack) and self.stack[-1][2]
        for _, section, _ in self.stack:
            if section:
                self.text.setdefault(section, []).append(data)
                if in_lang:
                    self.in_lang.setdefault(section, []).append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check(html_dir: Path) -> list[str]:
    """Every problem with the clause page in ``html_dir``; none if it is right."""
    page = html_dir / PAGE
    if not page.is_file():
        return [f"{page}: not found; build the HTML first"]
    raw = page.read_bytes()
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"{page}: not valid UTF-8 ({error})"]
    problems: list[str] = []
    parser = _Sections()
    parser.feed(source)
    parser.close()
    if parser.charset != "utf-8":
        problems.append(f'{page}: no <meta charset="utf-8"> (found {parser.charset!r})')
    if "\ufffd" in source:
        problems.append(f"{page}: contains U+FFFD replacement characters (text lost in decoding)")
    for match in NUMERIC_REFERENCE.finditer(source):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if CJK.fullmatch(chr(code)):
            problems.append(f"{page}: CJK written as a character reference: {match.group()}")
            break
    squashed = _squash(source)
    rules = [c for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE]
    for clause in rules:
        label = clause_label(clause.id)
        for wrong in ("latin-1", "cp1252"):
            mangled = clause.text.encode("utf-8").decode(wrong, errors="replace")
            if _squash(mangled)[:12] in squashed:
                problems.append(f"{page}: {clause.id} appears as mojibake (UTF-8 read as {wrong})")
        if label not in parser.text:
            problems.append(f"{page}: no section with id {label!r} for {clause.id}")
            continue
        if _squash(clause.text) not in _squash("".join(parser.text[label])):
            problems.append(f"{page}: section {label!r} lacks the original text of {clause.id}")
        elif _squash(clause.text) not in _squash("".join(parser.in_lang.get(label, []))):
            problems.append(f"{page}: the original text of {clause.id} is not marked lang={LANG!r}")
        missing = [run for run in CJK.findall(clause.text) if run not in source]
        if missing:
            problems.append(
                f"{page}: the Chinese of {clause.id} is not written as text in the HTML "
                f"(first missing run: {missing[0]!r})"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "html_dir",
        nargs="?",
        type=Path,
        default=Path(__file__).parent / "_build" / "html",
        help="the HTML build directory (default: docs/_build/html)",
    )
    args = parser.parse_args(argv)
    problems = check(args.html_dir)
    if problems:
        print(f"check_html: {len(problems)} problem(s) with the built HTML:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    count = sum(1 for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE)
    print(f"check_html: {args.html_dir / PAGE}: the original text of all {count} rule clauses, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
