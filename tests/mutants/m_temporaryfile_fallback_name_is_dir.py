"""Mutant: the file TemporaryFile makes where O_TMPFILE is refused keeps the directory as its name.

Must go red: temporaryfile.linux.o-tmpfile-fallback.
"""

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.linux.o-tmpfile-fallback",
)

_unlinked_opener = temporaryfile._unlinked_opener
_set_name = temporaryfile.set_name
_fallback_fds = set()


def _recording_opener(directory, prefix, suffix):
    opener = _unlinked_opener(directory, prefix, suffix)

    def recording(where, flags):
        fd = opener(where, flags)
        _fallback_fds.add(fd)
        return fd
    return recording


def _set_name_except_fallback(file, name):
    if name in _fallback_fds:
        _fallback_fds.discard(name)
        return  # left as io.open named it: the directory
    _set_name(file, name)


temporaryfile._unlinked_opener = _recording_opener
temporaryfile.set_name = _set_name_except_fallback

_mutant.expose(__name__)
