"""Mutant: A max_size that is no number is treated as 'no limit'.

Must go red: badinput.max-size.typeerror.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "badinput.max-size.typeerror",
)

_check = spooled.SpooledTemporaryFile._check_size


def _check_size(self):
    try:
        _check(self)
    except TypeError:
        pass


spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
