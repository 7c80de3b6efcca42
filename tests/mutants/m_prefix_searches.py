"""Mutant: gettempprefix runs the directory search first.

Must go red: prefix.no-search.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

BREAKS = (
    "prefix.no-search",
)

_original = location.gettempprefix


def gettempprefix():
    location.gettempdir()
    return _original()


reference.gettempprefix = gettempprefix

_mutant.expose(__name__)
