"""Mutant: with NamedTemporaryFile() binds the bare file, not the wrapper.

Must go red: namedtemporaryfile.context.returns-self.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.context.returns-self",
)

def _patched_enter(self):
    return self.file.__enter__()


files._TemporaryFileWrapper.__enter__ = _patched_enter

_mutant.expose(__name__)
