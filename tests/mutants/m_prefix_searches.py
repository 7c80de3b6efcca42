"""Mutant: gettempprefix runs the directory search first.

Must go red: prefix.no-search.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "prefix.no-search",
)

_original = location.gettempprefix


def gettempprefix():
    location.gettempdir()
    return _original()


reference.gettempprefix = gettempprefix

_mutant.expose(__name__)
