"""Mutant: The directory search accepts any existing directory, writable or not.

Must go red: gettempdir.search.skips-unwritable.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.search.skips-unwritable",
)

location._directory_accepts_files = os.path.isdir

_mutant.expose(__name__)
