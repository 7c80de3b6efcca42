"""Mutant: A working directory that was removed makes the search raise.

Must go red: gettempdir.search.cwd-gone-tolerated.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.cwd-gone-tolerated",
)

location._current_dir = os.getcwd  # FileNotFoundError escapes instead of falling back to '.'

_mutant.expose(__name__)
