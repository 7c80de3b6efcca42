"""Mutant: The default prefix carries a directory part ('tmp/').

Must go red: prefix.no-directory-component.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402

BREAKS = (
    "prefix.no-directory-component",
)

reference.template = "tmp" + os.sep

_mutant.expose(__name__)
