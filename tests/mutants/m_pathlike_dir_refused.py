"""Mutant: A path-like dir is refused with TypeError.

Must go red: naming.types.pathlike-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

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
