"""Mutant: A name collision is not retried: FileExistsError at the first taken name.

Must go red: creation.exclusive.never-reuses, mktemp.retry.skips-existing, security.planted-
entry.never-reused.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "creation.exclusive.never-reuses",
    "mktemp.retry.skips-existing",
    "security.planted-entry.never-reused",
)

_mutant.install_loop(_mutant.retry_loop(retry=False))

_mutant.expose(__name__)
