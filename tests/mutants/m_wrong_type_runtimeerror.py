"""Mutant: A prefix or suffix of a wrong type raises RuntimeError, not TypeError.

Must go red: badinput.fuzz.expected-errors.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "badinput.fuzz.expected-errors",
)

_original = location.name_type


def name_type(prefix, suffix, dir):
    for part in (prefix, suffix):
        if part is not None and not isinstance(part, (str, bytes)):
            raise RuntimeError("bad name part")
    return _original(prefix, suffix, dir)


location.name_type = name_type

_mutant.expose(__name__)
