"""Mutant: where removing the name of TemporaryFile's named file fails, the error reaches the
caller but the descriptor is never closed.

Must go red: temporaryfile.unix.removal-error-surfaces.
"""

import os

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.unix.removal-error-surfaces",
)


def _unlinked_opener(directory, prefix, suffix):
    def opener(_where, _flags):
        make = temporaryfile.open_new_file(temporaryfile.BINARY_FLAGS)
        fd, path = temporaryfile.create_exclusively(directory, prefix, suffix, make, "tempfile.mkstemp")
        os.unlink(path)  # an error leaves with fd still open
        return fd
    return opener


temporaryfile._unlinked_opener = _unlinked_opener

_mutant.expose(__name__)
