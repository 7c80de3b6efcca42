"""Mutant: where O_TMPFILE is refused, TemporaryFile creates the named file but never removes the name.

Must go red: temporaryfile.linux.o-tmpfile-fallback.
"""

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.linux.o-tmpfile-fallback",
)


def _named_opener(directory, prefix, suffix):
    def opener(_where, _flags):
        make = temporaryfile.open_new_file(temporaryfile.BINARY_FLAGS)
        fd, _path = temporaryfile.create_exclusively(directory, prefix, suffix, make, "tempfile.mkstemp")
        return fd
    return opener


temporaryfile._unlinked_opener = _named_opener

_mutant.expose(__name__)
