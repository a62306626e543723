"""Sphinx configuration of the innovation-policy documentation.

Build (both must pass; nitpicky, every warning an error)::

    sphinx-build -n -W --keep-going -b html docs docs/_build/html
    sphinx-build -n -W --keep-going -b doctest docs docs/_build/doctest
    python docs/check_html.py docs/_build/html

No network is used: no intersphinx. The clause, readings, API and design pages are
generated from the package at build time by ``_ext/policy_docs.py``, the command line
reference and the register's headers by ``_ext/cli_docs.py``, which also runs the command
line examples and checks their output (see ``docs/README.md``).
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "innovation-policy"
author = "innovation-policy developers"
copyright = "innovation-policy developers"
release = metadata.version("innovation-policy")
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "clause_links",
    "policy_docs",
    "policy_tables",
    "cli_docs",
    "policy_charts",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    # Included by the pages that use them, never pages of their own:
    "_generated",
    "reading-notes",
    "README.md",
    # Input files of the examples (registers, a policy file), not pages.
    "examples",
]

# The original text of the policy is quoted verbatim: its quotation marks are part of it.
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0

# -- Python objects --------------------------------------------------------------------

autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "signature"
# Defaults as written in the source: ``policy=GANYU_2021``, not the whole Policy(...).
autodoc_preserve_defaults = True
autodoc_class_signature = "mixed"
python_use_unqualified_type_names = True
add_module_names = False
# One parameter a line once a signature is long (Policy has seventeen).
python_maximum_signature_line_length = 90
napoleon_google_docstring = False
napoleon_numpy_docstring = True

nitpicky = True
# Names outside this documentation: the standard library and attrs, which we cannot
# link to without intersphinx (no network in the build). Each is listed with why it
# appears; a name of innovation_policy must never be listed here.
nitpick_ignore = [
    # Money is decimal.Decimal (reading 7): every amount and ratio in a signature.
    ("py:class", "decimal.Decimal"),
    # Dates of the plan period and of approvals (Policy.plan_start, plan_end).
    ("py:class", "datetime.date"),
    # Read-only tables: Policy's target and cap mappings, CLAUSES, READINGS.
    ("py:class", "collections.abc.Mapping"),
    # Arguments that take any iterable (InputError's problems, ...).
    ("py:class", "collections.abc.Iterable"),
    # How to make a reform of a Policy (Start here, Reforms and what-if).
    ("py:func", "attrs.evolve"),
    # The path argument of read_register() (a str or any os.PathLike).
    ("py:class", "os.PathLike"),
    # The computation an Award runs again, recording, to make its steps lazily.
    ("py:class", "collections.abc.Callable"),
    # The charts are matplotlib figures, the frames pandas DataFrames (the plot and
    # pandas extras).
    ("py:class", "matplotlib.figure.Figure"),
    ("py:class", "Figure"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "pd.DataFrame"),
    ("py:class", "collections.abc.Sequence"),
]
nitpick_ignore_regex: list[tuple[str, str]] = []

# -- Doctests --------------------------------------------------------------------------

# The examples on the pages import what they use, as a reader would. The docstrings of
# the package (shown on the API page, and run there too) assume the package's names.
doctest_global_setup = """
from decimal import Decimal
from innovation_policy import *
"""
doctest_test_doctest_blocks = "default"

# -- HTML ------------------------------------------------------------------------------

html_theme = "furo"
html_title = "innovation-policy"
html_static_path = ["_static"]
html_css_files = ["policy.css"]
html_show_sourcelink = False
html_copy_source = False
