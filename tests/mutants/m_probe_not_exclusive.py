"""Mutant: The search's probe opens without O_EXCL, so a taken name is written over and removed.

Must go red: gettempdir.search.taken-name-retried.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.taken-name-retried",
)

location._PROBE_FLAGS = location._PROBE_FLAGS & ~os.O_EXCL

_mutant.expose(__name__)
