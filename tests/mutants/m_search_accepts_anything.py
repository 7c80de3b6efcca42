"""Mutant: The directory search takes the first candidate without probing it.

Must go red: gettempdir.search.skips-missing, gettempdir.search.skips-non-directory,
gettempdir.search.skips-unwritable.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.search.skips-missing",
    "gettempdir.search.skips-non-directory",
    "gettempdir.search.skips-unwritable",
)

location._directory_accepts_files = lambda directory: True

_mutant.expose(__name__)
