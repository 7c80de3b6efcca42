"""Mutant: Files are made in two steps (mknod, then open), so EMFILE leaves the entry behind.

Must go red: faults.emfile.nothing-left.
"""

import os
import stat

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "faults.emfile.nothing-left",
)

def open_new_file(flags):
    def make(path):
        os.mknod(path, stat.S_IFREG | creation.FILE_MODE)
        return os.open(path, (flags & ~(os.O_CREAT | os.O_EXCL)) | os.O_NOFOLLOW)

    return make


_mutant.replace("open_new_file", open_new_file, creation, named, temporaryfile)

_mutant.expose(__name__)
