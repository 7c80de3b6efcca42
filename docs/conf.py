"""Sphinx configuration: builds offline, and every warning is an error in CI.

Build with:  python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The project (spec, reference, conformance) and our own extension, importable without installing.
sys.path[:0] = [str(ROOT), str(DOCS / "_ext")]
# The notebook kernels are separate processes: give them the same view of the repository.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

project = "tempfile-conformance"
author = "the tempfile-conformance authors"
copyright = "2026, " + author  # noqa: A001 - the name Sphinx reads

extensions = [
    "sphinx.ext.autodoc",
    "myst_nb",  # MyST Markdown pages and executed notebooks
    "clause_pages",  # docs/_ext: catalogue, traceability, matrix, source listings
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store", "**/.ipynb_checkpoints"]

# No network during the build: nothing is fetched, so nothing outside can break it.
intersphinx_mapping: dict = {}

html_theme = "furo"
html_title = "tempfile, clause by clause"
html_static_path = ["_static"]
pygments_style = "friendly"
pygments_dark_style = "monokai"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebooks are stored without outputs: run each one on every build, and fail on any error.
nb_execution_mode = "force"
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}

# Nitpicky mode checks every cross-reference; names from the standard library cannot resolve
# without intersphinx (which would need the network), so those, and only those, are let through.
nitpicky = True
_STDLIB_MODULES = ("os", "io", "typing", "types", "collections", "contextlib", "pathlib", "re",
                   "_io", "_thread", "threading", "random", "abc", "weakref", "shutil", "sys",
                   "enum", "functools", "tempfile", "dataclasses", "argparse", "builtins")
nitpick_ignore_regex = [
    (r"py:(class|obj|exc|data|func|meth|attr)", rf"({'|'.join(_STDLIB_MODULES)})\..*"),
    (r"py:(class|obj)", r"(AnyStr|PathLike|StrPath|Self|T|TypeVar|Iterable|Iterator|Callable|"
                        r"ContextManager|IO|BinaryIO|TextIO|Optional|Union|Any|Generic|Protocol)"),
    (r"py:class", r"(_io\..*|.*\.TracebackType|TracebackType|ModuleType)"),
    # Private helpers of the reference appear in signatures but are not part of its API.
    (r"py:(class|obj)", r"reference\.(\w+\.)*_\w+"),
]
smartquotes = False  # reasons and test output quote code: keep their straight quotes
