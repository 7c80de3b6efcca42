"""Mutant: The default prefix (template) is 'tmp_'.

Must go red: prefix.str.value, prefix.bytes.value.
"""


import reference

from . import _mutant

BREAKS = (
    "prefix.str.value",
    "prefix.bytes.value",
)

reference.template = "tmp_"

_mutant.expose(__name__)
