"""Mutant: mkstemp (and NamedTemporaryFile) create files with mode 0o644.

Must go red: mkstemp.mode.owner-only, creation.file.owner-read-write, security.mode.files-owner-
only, namedtemporaryfile.create.mkstemp-rules.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "mkstemp.mode.owner-only",
    "creation.file.owner-read-write",
    "security.mode.files-owner-only",
    "namedtemporaryfile.create.mkstemp-rules",
)

creation.FILE_MODE = 0o644

_mutant.expose(__name__)
