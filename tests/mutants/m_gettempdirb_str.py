"""Mutant: gettempdirb returns str.

Must go red: gettempdir.bytes.same-directory.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.bytes.same-directory",
)

location.gettempdirb = location.gettempdir
reference.gettempdirb = location.gettempdir

_mutant.expose(__name__)
