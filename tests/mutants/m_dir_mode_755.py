"""Mutant: mkdtemp creates directories with mode 0o755.

Must go red: creation.dir.owner-only, security.mode.dirs-owner-only,
temporarydirectory.create.mkdtemp-rules.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "creation.dir.owner-only",
    "security.mode.dirs-owner-only",
    "temporarydirectory.create.mkdtemp-rules",
)

creation.DIR_MODE = 0o755

_mutant.expose(__name__)
