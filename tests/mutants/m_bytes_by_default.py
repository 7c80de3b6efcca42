"""Mutant: With no argument to go on, names are bytes.

Must go red: naming.types.str-by-default.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "naming.types.str-by-default",
)

_original = location.name_type


def name_type(prefix, suffix, dir):
    if prefix is None and suffix is None and dir is None and reference.tempdir is None:
        return bytes
    return _original(prefix, suffix, dir)


location.name_type = name_type

_mutant.expose(__name__)
