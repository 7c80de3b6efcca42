"""Mutant: With no argument to go on, names are bytes.

Must go red: naming.types.str-by-default.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

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
