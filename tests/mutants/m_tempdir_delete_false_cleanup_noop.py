"""Mutant: With delete=False, cleanup() does nothing.

Must go red: temporarydirectory.delete-false.cleanup-removes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.delete-false.cleanup-removes",
)

_cleanup = directory.TemporaryDirectory.cleanup


def cleanup(self):
    if self._remove_at_exit:
        _cleanup(self)


directory.TemporaryDirectory.cleanup = cleanup

_mutant.expose(__name__)
