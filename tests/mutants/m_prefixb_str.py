"""Mutant: gettempprefixb returns str.

Must go red: prefix.bytes.value.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "prefix.bytes.value",
)

reference.gettempprefixb = location.gettempprefix

_mutant.expose(__name__)
