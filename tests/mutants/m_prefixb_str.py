"""Mutant: gettempprefixb returns str.

Must go red: prefix.bytes.value.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

BREAKS = (
    "prefix.bytes.value",
)

reference.gettempprefixb = location.gettempprefix

_mutant.expose(__name__)
