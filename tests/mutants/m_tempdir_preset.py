"""Mutant: tempdir is set at import time instead of starting as None.

Must go red: tempdir.initial.none.
"""

import os

import reference

from . import _mutant

BREAKS = (
    "tempdir.initial.none",
)

reference.tempdir = os.environ.get("TMPDIR") or "/nonexistent-temp-directory"

_mutant.expose(__name__)
