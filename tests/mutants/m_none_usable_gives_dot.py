"""Mutant: When no directory is usable, gettempdir returns '.' instead of raising.

Must go red: gettempdir.search.none-usable.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.none-usable",
)

_original = location.find_default_tempdir


def find_default_tempdir():
    try:
        return _original()
    except FileNotFoundError:
        return os.curdir


location.find_default_tempdir = find_default_tempdir

_mutant.expose(__name__)
