"""Mutant: gettempdirb returns str.

Must go red: gettempdir.bytes.same-directory.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.bytes.same-directory",
)

location.gettempdirb = location.gettempdir
reference.gettempdirb = location.gettempdir

_mutant.expose(__name__)
