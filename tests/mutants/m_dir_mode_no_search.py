"""Mutant: mkdtemp creates directories with mode 0o600: even the owner cannot enter them.

Must go red: mkdtemp.access.owner-can-use.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "mkdtemp.access.owner-can-use",
)

creation.DIR_MODE = 0o600

_mutant.expose(__name__)
