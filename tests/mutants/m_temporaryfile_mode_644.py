"""Mutant: TemporaryFile's nameless file has mode 0o644.

Must go red: temporaryfile.create.owner-only, spooled.rollover.like-temporaryfile.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.create.owner-only",
    "spooled.rollover.like-temporaryfile",
)

files.FILE_MODE = 0o644

_mutant.expose(__name__)
