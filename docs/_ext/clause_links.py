"""Sphinx extension: every clause id on the site is a link to its clause.

The convention, for docstrings and pages alike: write a clause id as the policy writes it,
``§6.4`` (a range ``§A.1–§A.4`` is two ids). Nothing else is needed:

- the ``clause`` role (``:clause:`§6.4``` in reST, ``{clause}`§6.4``` in MyST) links one
  id explicitly;
- a transform turns every bare id in the text of every page into the same link: the API
  docstrings (autodoc's output is part of the page), the generated pages and the
  hand-written ones. Text in code (``literal``, code blocks, doctests, signatures), in
  titles and in existing links is left alone;
- at the HTML stage the ids inside code blocks that show the library's output (an
  explanation's "（§6.4）") become links too, so an example is never a dead end;
- an id that names no clause is a warning (an error under ``-W``) wherever it is written
  outside code: the role, a docstring, a page. A section number that the catalogue splits
  into clauses (``§4`` for §4.1–§4.3) is a citation of the section and links to its first
  clause.

Links go to the clause's section on the clause page (label ``clause-6-4``), or on the
Chinese clause page (``clause-zh-6-4``) when they are written there.

It also provides the ``source`` role: ``{source}`innovation_policy.assess``` links to the
highlighted source of a public name (the page ``sphinx.ext.viewcode`` writes for its
defining module, at the name's block).
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx.util.typing import ExtensionMetadata

import innovation_policy as ip

__all__ = ["CLAUSE_ID", "clause_target", "setup"]

logger = logging.getLogger(__name__)

#: What a clause id looks like: ``§0``, ``§6.4``, ``§A.T``; also a section, ``§4``.
CLAUSE_ID = re.compile(r"§[0-9A-Z]+(?:\.[0-9A-Z]+)*")

#: The pages written in Chinese, whose clause links go to the Chinese clause page.
ZH_PAGES = frozenset({"clauses-zh"})

#: Nodes whose text is never turned into links: code, titles, links, signatures.
_SKIP = (
    nodes.FixedTextElement,  # literal_block, doctest_block, ...
    nodes.literal,
    nodes.reference,
    nodes.title,
    nodes.subtitle,
    nodes.raw,
    nodes.comment,
    nodes.target,
    nodes.math,
    addnodes.pending_xref,
    addnodes.desc_signature,
    addnodes.toctree,
)


def clause_label(clause_id: str, *, zh: bool = False) -> str:
    """``§6.4`` → ``clause-6-4`` (``clause-zh-6-4`` on the Chinese page)."""
    return ("clause-zh-" if zh else "clause-") + clause_id.removeprefix("§").replace(
        ".", "-"
    ).lower()


def clause_target(cited: str) -> str | None:
    """The clause a cited id links to: itself, the first clause of a section (``§4`` →
    ``§4.1``), or ``None`` when it names no clause."""
    if cited in ip.CLAUSES:
        return cited
    return next((c for c in ip.CLAUSES if c.startswith(cited + ".")), None)


def _unknown(cited: str) -> str:
    return f"{cited!r} names no clause of the catalogue (valid: {', '.join(ip.CLAUSES)})"


def _xref(cited: str, target: str, docname: str) -> addnodes.pending_xref:
    node = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=clause_label(target, zh=docname in ZH_PAGES),
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    node += nodes.inline(cited, cited, classes=["xref", "std", "std-ref", "clause-ref"])
    return node


def clause_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``:clause:`§6.4```: a link to the clause; a warning when it names no clause."""
    env = inliner.document.settings.env
    cited = text.strip()
    target = clause_target(cited)
    if target is None:
        logger.warning(
            "clause role: %s",
            _unknown(cited),
            location=(env.docname, lineno),
            type="clause_links",
            subtype="unknown",
        )
        return [nodes.Text(cited)], []
    return [_xref(cited, target, env.docname)], []


class LinkClauseIds(SphinxTransform):
    """Every bare clause id in the text of a page becomes a link to its clause."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        for text in list(self.document.findall(nodes.Text)):
            if not CLAUSE_ID.search(text) or _skipped(text):
                continue
            pieces: list[nodes.Node] = []
            position = 0
            for match in CLAUSE_ID.finditer(text):
                cited = match.group()
                target = clause_target(cited)
                if target is None:
                    logger.warning(
                        "%s",
                        _unknown(cited),
                        location=text.parent,
                        type="clause_links",
                        subtype="unknown",
                    )
                    continue
                pieces.append(nodes.Text(text[position : match.start()]))
                pieces.append(_xref(cited, target, docname))
                position = match.end()
            if position:
                pieces.append(nodes.Text(text[position:]))
                text.parent.replace(text, pieces)


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return True
        parent = parent.parent
    return False


_PRE = re.compile(r"(<pre[^>]*>)(.*?)(</pre>)", re.DOTALL)
_TAG_OR_ID = re.compile(rf"(<[^>]*>)|({CLAUSE_ID.pattern})")


def link_ids_in_code(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """In the HTML of a page, the clause ids inside code blocks become links."""
    body = context.get("body")
    if not isinstance(body, str) or "§" not in body:
        return
    zh = pagename in ZH_PAGES
    page = app.builder.get_relative_uri(pagename, "clauses-zh" if zh else "clauses")

    def link(match: re.Match[str]) -> str:
        cited = match.group(2)
        target = clause_target(cited) if cited else None
        if target is None:
            return match.group()
        href = f"{page}#{clause_label(target, zh=zh)}"
        return f'<a class="reference internal clause-ref" href="{href}">{cited}</a>'

    def block(match: re.Match[str]) -> str:
        return match.group(1) + _TAG_OR_ID.sub(link, match.group(2)) + match.group(3)

    context["body"] = _PRE.sub(block, body)


def source_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{source}`innovation_policy.assess```: a link to the name's highlighted source."""
    env = inliner.document.settings.env
    dotted = text.strip()
    module_name, _, attribute = dotted.partition(".")
    obj: object = importlib.import_module(module_name)
    try:
        for part in attribute.split("."):
            obj = getattr(obj, part)
    except AttributeError:
        obj = None
    defining = getattr(obj, "__module__", None)
    if obj is None or not (inspect.isclass(obj) or inspect.isroutine(obj)) or not defining:
        logger.warning(
            "source role: %r is not a public class or function",
            dotted,
            location=(env.docname, lineno),
            type="clause_links",
            subtype="source",
        )
        return [nodes.literal(dotted, dotted)], []
    page = "_modules/" + defining.replace(".", "/") + ".html"
    uri = relative_uri(env.docname + ".html", page)
    label = f"{attribute} (source)"
    node = nodes.reference(
        label, "", internal=True, refuri=f"{uri}#{obj.__qualname__}", classes=["source-ref"]
    )
    node += nodes.literal(label, label)
    return [node], []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_role("clause", clause_role)
    app.add_role("source", source_role)
    app.add_transform(LinkClauseIds)
    app.connect("html-page-context", link_ids_in_code)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
