"""Mutant: TemporaryFile takes the classic path (as without O_TMPFILE), which leaves the name and
descriptor behind when interrupted.

Must go red: faults.interrupt.nothing-left.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "faults.interrupt.nothing-left",
)

files.o_tmpfile_works = False


def _unlinked_opener(directory, prefix, suffix):
    def opener(_where, _flags):
        fd, path = files.create_exclusively(directory, prefix, suffix,
                                            files.open_new_file(files.BINARY_FLAGS), "tempfile.mkstemp")
        os.unlink(path)
        return fd
    return opener


files._unlinked_opener = _unlinked_opener

_mutant.expose(__name__)
