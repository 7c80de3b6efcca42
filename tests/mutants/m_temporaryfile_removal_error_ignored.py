"""Mutant: where TemporaryFile's named file cannot lose its name (an OSError, an interrupt), the
failure is ignored and the file returned as if all went well.

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
        try:
            os.unlink(path)
        except BaseException:  # noqa: S110 - the mutation: nobody hears of it
            pass
        return fd
    return opener


temporaryfile._unlinked_opener = _unlinked_opener

_mutant.expose(__name__)
