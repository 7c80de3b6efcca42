"""Mutant: Rollover ignores dir and uses the default directory.

Must go red: spooled.rollover.uses-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.rollover.uses-dir",
)

_init = spooled.SpooledTemporaryFile.__init__


def _patched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self._pending["dir"] = None


spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
