"""Mutant: mktemp does not check whether a name is taken.

Must go red: mktemp.retry.skips-existing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "mktemp.retry.skips-existing",
)

creation._refuse_existing = lambda path: None

_mutant.expose(__name__)
