"""Mutant: delete=False is ignored at context exit.

Must go red: temporarydirectory.delete-false.exit-keeps.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.delete-false.exit-keeps",
)

def _patched_exit(self, *exc_info):
    self.cleanup()


directory.TemporaryDirectory.__exit__ = _patched_exit

_mutant.expose(__name__)
