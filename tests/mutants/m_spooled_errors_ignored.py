"""Mutant: SpooledTemporaryFile ignores its errors argument.

Must go red: spooled.params.errors.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.params.errors",
)

_init = spooled.SpooledTemporaryFile.__init__


def _patched_init(self, *args, errors=None, **kwargs):
    _init(self, *args, **kwargs)


spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
