"""Mutant: TemporaryFile never uses O_TMPFILE.

Must go red: temporaryfile.linux.o-tmpfile.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.linux.o-tmpfile",
)

files.o_tmpfile_works = False

_mutant.expose(__name__)
