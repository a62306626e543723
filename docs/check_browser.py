"""Check the built site in a real browser: headless Chromium, through the DOM.

Run after the HTML build (Debian's ``chromium`` package; no downloaded browser)::

    python docs/check_browser.py docs/_build/html

The pages of :data:`PAGES` (the clause pages, a worked example, the walk-through, the
readings, the targets and the API) are copied to a scratch folder, each with a small
script appended that reads the page as the browser laid it out, 1280 px wide, and writes
what it found into the page; ``chromium --headless --dump-dom`` prints the page after the
script has run, and this program reads the result back. Nothing is installed, nothing
is downloaded, the built HTML is not changed, and no screenshot is taken.

The checks:

- every clause link (a link to ``#clause-…``) resolves to an element with that id on
  the page it names, and a link written as a clause id (``§6.4``) goes to that clause's
  anchor (a section ``§4`` to its first clause);
- no table and no code block overflows its container at 1280 px: neither its own
  ``scrollWidth`` beyond its ``clientWidth``, nor its right edge beyond the article's;
- the Chinese text is there: each page shows Chinese, the clause pages the original
  text of every rule clause, the readings page every reading's Chinese name.

Exits 0 when all pass, 1 with the list of every failure, 2 when no browser can be run.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import innovation_policy as ip

#: The pages rendered, and the Chinese each must show as text (beyond some Chinese).
PAGES: dict[str, tuple[str, ...]] = {
    "clauses.html": tuple(c.text for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE),
    "clauses-zh.html": (
        "条款（中文）",
        *(c.text for c in ip.CLAUSES.values() if c.kind is ip.ClauseKind.RULE),
    ),
    "readings.html": tuple(r.title_zh for r in ip.READINGS.values()),
    "worked-examples.html": ("A1：省级批准立项的配套支持",),
    "number-to-sentence.html": ("就高补差（解读1）",),
    "targets.html": ("赣榆高新技术产业开发区（筹）",),
    "api.html": (),
}
WIDTH, HEIGHT = 1280, 1000
CHROMIUM = ("chromium", "chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    f"--window-size={WIDTH},{HEIGHT}",
)
RESULT_ID = "check-browser-result"
CLAUSE_ID = re.compile(r"§[0-9A-Z]+(?:\.[0-9A-Z]+)*")

#: Appended to each page: what the browser laid out, as JSON, in a <pre>.
SCRIPT = """
<script>
(function () {
  var result = {width: window.innerWidth, ids: [], links: [], overflows: [], text: ""};
  document.querySelectorAll("[id]").forEach(function (e) { result.ids.push(e.id); });
  document.querySelectorAll("a[href]").forEach(function (a) {
    if (a.getAttribute("href").indexOf("#clause-") >= 0) {
      result.links.push({href: a.href, text: a.textContent.trim()});
    }
  });
  var article = document.querySelector("article") || document.body;
  var edge = article.getBoundingClientRect().right;
  var boxes = article.querySelectorAll("table, pre, div.highlight, div.table-wrapper");
  boxes.forEach(function (e) {
    var right = e.getBoundingClientRect().right;
    if (e.scrollWidth > e.clientWidth + 1 || right > edge + 1) {
      result.overflows.push({
        element: e.tagName.toLowerCase() + (e.className ? "." + e.className.split(" ").join(".") : ""),
        scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
        right: Math.round(right), container: Math.round(edge),
        text: e.textContent.trim().replace(/\\s+/g, " ").slice(0, 70)
      });
    }
  });
  result.text = document.body.innerText;
  var out = document.createElement("pre");
  out.id = "@RESULT_ID@";
  out.hidden = true;
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
""".replace("@RESULT_ID@", RESULT_ID)


def clause_label(clause_id: str) -> str:
    """The anchor of a clause on the clause page, as ``docs/_ext/clause_links.py`` names it."""
    return "clause-" + clause_id.removeprefix("§").replace(".", "-").lower()


def find_chromium(given: str | None) -> str | None:
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


def render(chromium: str, page: Path, profile: Path) -> dict[str, Any] | str:
    """The result of the script on one page, or what went wrong."""
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return "chromium did not finish within 120 s"
    match = re.search(rf'<pre id="{RESULT_ID}"[^>]*>(.*?)</pre>', done.stdout, re.DOTALL)
    if match is None:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"the page's check did not run (chromium exit {done.returncode}: {tail})"
    result: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return result


def check(html_dir: Path, chromium: str) -> tuple[list[str], list[str]]:
    """Every failure, and a line of what was checked per page."""
    failures: list[str] = []
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="check-browser-") as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(html_dir, site)
        results: dict[str, dict[str, Any]] = {}
        for name in PAGES:
            page = site / name
            if not page.is_file():
                failures.append(f"{name}: not found in {html_dir}; build the HTML first")
                continue
            source = page.read_text(encoding="utf-8")
            page.write_text(source.replace("</body>", SCRIPT + "</body>", 1), encoding="utf-8")
            outcome = render(chromium, page, Path(scratch) / "profile")
            if isinstance(outcome, str):
                failures.append(f"{name}: {outcome}")
                continue
            results[name] = outcome
        for name, result in results.items():
            failures += _check_page(name, result, results, site)
            summary.append(
                f"{name}: {len(result['links'])} clause links, "
                f"{len(result['overflows'])} overflowing blocks at {result['width']} px"
            )
    return failures, summary


def _check_page(
    name: str, result: dict[str, Any], results: dict[str, dict[str, Any]], site: Path
) -> list[str]:
    failures = []
    if result["width"] != WIDTH:
        failures.append(f"{name}: laid out {result['width']} px wide, not {WIDTH}")
    for link in result["links"]:
        url = urlparse(link["href"])
        target = Path(unquote(url.path))
        try:
            page = target.relative_to(site).as_posix()
        except ValueError:
            failures.append(f"{name}: clause link {link['href']} leaves the site")
            continue
        if page not in results:
            failures.append(f"{name}: clause link to {page}, a page this check does not render")
            continue
        if url.fragment not in results[page]["ids"]:
            failures.append(
                f"{name}: clause link {link['text']!r} → {page}#{url.fragment}: no such anchor"
            )
            continue
        if CLAUSE_ID.fullmatch(link["text"]):
            cited = link["text"]
            first = next((c for c in ip.CLAUSES if c == cited or c.startswith(cited + ".")), None)
            wanted = clause_label(first) if first else None
            if wanted is None or url.fragment.replace("clause-zh-", "clause-") != wanted:
                failures.append(
                    f"{name}: the link {cited!r} goes to #{url.fragment}, not to its clause"
                )
    for box in result["overflows"]:
        failures.append(
            f"{name}: {box['element']} overflows at {WIDTH} px (scrollWidth {box['scrollWidth']}"
            f" > clientWidth {box['clientWidth']}, or right edge {box['right']} > "
            f"{box['container']}): {box['text']!r}"
        )
    shown = re.sub(r"\s+", "", result["text"])
    if not re.search(r"[\u4e00-\u9fff]", shown):
        failures.append(f"{name}: shows no Chinese text")
    for phrase in PAGES[name]:
        if re.sub(r"\s+", "", phrase) not in shown:
            failures.append(f"{name}: does not show {phrase[:40]!r} as text")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "html_dir",
        nargs="?",
        type=Path,
        default=Path(__file__).parent / "_build" / "html",
        help="the HTML build directory (default: docs/_build/html)",
    )
    parser.add_argument("--chromium", help="the browser to run (default: chromium on PATH)")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium or os.environ.get("CHROMIUM"))
    if chromium is None:
        print(
            "check_browser: no chromium found (apt-get install chromium, or --chromium PATH)",
            file=sys.stderr,
        )
        return 2
    failures, summary = check(args.html_dir, chromium)
    for line in summary:
        print(f"check_browser: {line}")
    if failures:
        print(f"check_browser: {len(failures)} failure(s) in the browser:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print(f"check_browser: {len(summary)} pages rendered in {chromium} at {WIDTH} px, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
