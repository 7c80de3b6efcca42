"""Mutant: The random part is appended after the suffix.

Must go red: naming.compose.dir-prefix-random-suffix.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "naming.compose.dir-prefix-random-suffix",
)

_original = creation.candidate_path


def candidate_path(directory, prefix, part, suffix):
    joined = _original(directory, prefix, "", suffix)
    return joined + (os.fsencode(part) if isinstance(joined, bytes) else part)


creation.candidate_path = candidate_path

_mutant.expose(__name__)
