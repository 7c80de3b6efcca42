"""Mutant: TemporaryFile takes the classic path (as without O_TMPFILE), which leaves the name and
descriptor behind when interrupted.

Must go red: faults.interrupt.nothing-left.
"""

import os

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "faults.interrupt.nothing-left",
)

temporaryfile.o_tmpfile_works = False


def _unlinked_opener(directory, prefix, suffix):
    def opener(_where, _flags):
        make = temporaryfile.open_new_file(temporaryfile.BINARY_FLAGS)
        fd, path = temporaryfile.create_exclusively(directory, prefix, suffix, make, "tempfile.mkstemp")
        os.unlink(path)
        return fd
    return opener


temporaryfile._unlinked_opener = _unlinked_opener

_mutant.expose(__name__)
