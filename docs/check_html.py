"""Check the built HTML: the Chinese of the policy and of the library's output renders.

Run after the HTML build::

    python docs/check_html.py docs/_build/html

For every clause of kind ``rule`` in ``innovation_policy.CLAUSES``, the section labelled
for it on ``clauses.html`` (``clause-6-3`` for §6.3) must hold its original text, whole,
in an element marked ``lang="zh-Hans"``. The pages that show the library's Chinese
output (explanations, tables, command line sessions) must hold the phrases of
:data:`PHRASES` as text. And on every page the Chinese must render: the file is valid
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
#: Phrases of the library's Chinese output that a page shows as text: an explanation's
#: steps and result line, a table's headers, a command line session.
PHRASES: dict[str, tuple[str, ...]] = {
    "index.html": (
        "赣榆区重大产业创新平台建设实施方案",
        "最高可支付额（300万元）：3,000,000.00 元",
    ),
    "worked-examples.html": (
        "A1：省级批准立项的配套支持",
        "按上级扶持经费 1:0.5 配套：6,000,000.00 元 × 0.5 = 3,000,000.00 元（§6.4）",
        "就高补差（解读1）",
        "市、区不重复奖励（解读2）：市级已就同一认定奖励 1,000,000.00 元，区级不再奖励：0.00 元（§6.5）",
        "补助按照就高原则、不重复补助",
        "一事一议支持 20,000,000.00 元（决定文号：区政府常务会议纪要〔2023〕5号）",
        "付款 #1（2022-09-01，1,500,000.00 元）对应 A1",
        "全区 2021-2025 目标完成情况（§2.2），截至 2024-06-30",
    ),
    "cli.html": ("拨付审计：2 笔拨付，1 项存疑", "上级扶持经费", "赣榆高新技术产业开发区（筹）"),
    "targets.html": ("赣榆高新技术产业开发区（筹）", "各园区规划期目标之和 3 + 3 + 2 + 2 = 10"),
    "readings.html": (
        "市、区不重复奖励",
        "解读1：同一平台的升级",
        "同一平台可在同一年度同时获得两者",
    ),
    "clauses-zh.html": ("条款（中文）", "最高支持额度不超过1000万元", "解读3：“市级以上”"),
    "number-to-sentence.html": (
        "就高补差（解读1）：本次认定应得 9,000,000.00 元",
        "本步后金额（元）",
    ),
    "compare.html": (
        "省级配套比例：1:0.5 → 1:0.3（§6.4）",
        "赣榆高新技术产业开发区（筹） -2,200,000.00",
    ),
}
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


def _read(page: Path) -> tuple[str | None, list[str]]:
    """The page's text and the problems of its encoding (text ``None`` if unreadable)."""
    try:
        source = page.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [f"{page}: not valid UTF-8 ({error})"]
    problems: list[str] = []
    if "\ufffd" in source:
        problems.append(f"{page}: contains U+FFFD replacement characters (text lost in decoding)")
    for match in NUMERIC_REFERENCE.finditer(source):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if CJK.fullmatch(chr(code)):
            problems.append(f"{page}: CJK written as a character reference: {match.group()}")
            break
    return source, problems


def _mojibake(text: str) -> list[str]:
    """``text`` as it would appear if its UTF-8 were read as Latin-1 or cp1252."""
    return [text.encode("utf-8").decode(wrong, errors="replace") for wrong in ("latin-1", "cp1252")]


def check_pages(html_dir: Path) -> list[str]:
    """Every page: its encoding; the pages of :data:`PHRASES`: their phrases, as text."""
    problems: list[str] = []
    for page in sorted(html_dir.rglob("*.html")):
        if "_static" in page.relative_to(html_dir).parts:
            continue
        source, found = _read(page)
        problems += found
        if source is None:
            continue
        parser = _Sections()
        parser.feed(source)
        parser.close()
        if parser.charset != "utf-8":
            problems.append(f'{page}: no <meta charset="utf-8"> (found {parser.charset!r})')
    for name, phrases in PHRASES.items():
        page = html_dir / name
        if not page.is_file():
            problems.append(f"{page}: not found; build the HTML first")
            continue
        source, _ = _read(page)
        if source is None:
            continue
        text = _Text()
        text.feed(source)
        text.close()
        shown = _squash("".join(text.parts))
        for phrase in phrases:
            if _squash(phrase) not in shown:
                problems.append(f"{page}: does not show {phrase!r} as text")
            if any(_squash(m)[:12] in _squash(source) for m in _mojibake(phrase)):
                problems.append(f"{page}: {phrase!r} appears as mojibake")
    return problems


class _Text(HTMLParser):
    """All the text of a page, as a reader sees it (tags dropped, references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def check(html_dir: Path) -> list[str]:
    """Every problem with the clause page in ``html_dir``; none if it is right."""
    page = html_dir / PAGE
    if not page.is_file():
        return [f"{page}: not found; build the HTML first"]
    source, problems = _read(page)
    if source is None:
        return problems
    parser = _Sections()
    parser.feed(source)
    parser.close()
    if parser.charset != "utf-8":
        problems.append(f'{page}: no <meta charset="utf-8"> (found {parser.charset!r})')
    squashed = _squash(source)
    rules = [c for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE]
    for clause in rules:
        label = clause_label(clause.id)
        for wrong, mangled in zip(("latin-1", "cp1252"), _mojibake(clause.text), strict=True):
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
    problems = check(args.html_dir) + check_pages(args.html_dir)
    if problems:
        print(f"check_html: {len(problems)} problem(s) with the built HTML:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    count = sum(1 for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE)
    pages = sum(1 for p in args.html_dir.rglob("*.html") if "_static" not in p.parts)
    phrases = sum(len(v) for v in PHRASES.values())
    print(f"check_html: {args.html_dir / PAGE}: the original text of all {count} rule clauses, OK")
    print(
        f"check_html: {pages} pages encoded right; {phrases} phrases of the library's "
        f"Chinese output shown as text on {len(PHRASES)} pages, OK"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
