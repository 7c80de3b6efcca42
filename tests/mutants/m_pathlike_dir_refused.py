"""Mutant: A path-like dir is refused with TypeError.

Must go red: naming.types.pathlike-dir.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "naming.types.pathlike-dir",
)

_original = location.name_type


def name_type(prefix, suffix, dir):
    if isinstance(dir, os.PathLike):
        raise TypeError("dir must be str or bytes")
    return _original(prefix, suffix, dir)


location.name_type = name_type

_mutant.expose(__name__)
