"""Mutant: PermissionError counts as a collision on POSIX too.

Must go red: creation.errors.unwritable-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "creation.errors.unwritable-dir",
)

_mutant.install_loop(_mutant.retry_loop(retry_errors=(PermissionError,)))

_mutant.expose(__name__)
