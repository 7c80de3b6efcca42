"""Mutant: tempdir is set at import time instead of starting as None.

Must go red: tempdir.initial.none.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402

BREAKS = (
    "tempdir.initial.none",
)

reference.tempdir = os.environ.get("TMPDIR") or "/nonexistent-temp-directory"

_mutant.expose(__name__)
