"""Mutant: The default prefix (template) is 'tmp_'.

Must go red: prefix.str.value, prefix.bytes.value.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402

BREAKS = (
    "prefix.str.value",
    "prefix.bytes.value",
)

reference.template = "tmp_"

_mutant.expose(__name__)
