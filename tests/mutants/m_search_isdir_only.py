"""Mutant: The directory search accepts any existing directory, writable or not.

Must go red: gettempdir.search.skips-unwritable.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.skips-unwritable",
)

location._directory_accepts_files = os.path.isdir

_mutant.expose(__name__)
