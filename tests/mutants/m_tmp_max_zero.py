"""Mutant: TMP_MAX is 0: no positive number of attempts.

Must go red: module.tmp-max.positive-int.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402

BREAKS = (
    "module.tmp-max.positive-int",
)

reference.TMP_MAX = 0

_mutant.expose(__name__)
