"""Mutant: A relative dir gives relative paths (the directory is not made absolute).

Must go red: naming.absolute.file-apis-relative-dir, naming.absolute.dir-apis-relative-dir,
mkstemp.returns.absolute-relative-dir, mkdtemp.returns.absolute, mktemp.returns.absolute-relative-
dir, audit.event.absolute-path.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "naming.absolute.file-apis-relative-dir",
    "naming.absolute.dir-apis-relative-dir",
    "mkstemp.returns.absolute-relative-dir",
    "mkdtemp.returns.absolute",
    "mktemp.returns.absolute-relative-dir",
    "audit.event.absolute-path",
)

_mutant.install_loop(_mutant.retry_loop(absolute=False))

_mutant.expose(__name__)
