"""Mutant: The default prefix carries a directory part ('tmp/').

Must go red: prefix.no-directory-component.
"""

import os

import reference

from . import _mutant

BREAKS = (
    "prefix.no-directory-component",
)

reference.template = "tmp" + os.sep

_mutant.expose(__name__)
