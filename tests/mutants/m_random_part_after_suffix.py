"""Mutant: The random part is appended after the suffix.

Must go red: naming.compose.dir-prefix-random-suffix.
"""

import os

from reference import creation

from . import _mutant

BREAKS = (
    "naming.compose.dir-prefix-random-suffix",
)

_original = creation.candidate_path


def candidate_path(directory, prefix, part, suffix):
    joined = _original(directory, prefix, "", suffix)
    return joined + (os.fsencode(part) if isinstance(joined, bytes) else part)


creation.candidate_path = candidate_path

_mutant.expose(__name__)
