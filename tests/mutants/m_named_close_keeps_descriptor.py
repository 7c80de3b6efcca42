"""Mutant: The wrapper's close() does not close the file's descriptor.

Must go red: namedtemporaryfile.close.releases-descriptor.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files, platform_rules  # noqa: E402

BREAKS = (
    "namedtemporaryfile.close.releases-descriptor",
)

def close(self):
    self.file.flush()
    self._remove_name(platform_rules.CLOSE)


files._Remover.close = close

_mutant.expose(__name__)
